"""The operating system's user name, as the change log and the database lock record it.

Its own module: the lock is taken at every start before the Pulpit's figures are read, and the change
log's module imports SQLAlchemy and the models (issue 18)."""

from __future__ import annotations

import getpass


def current_os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # getuser raises various errors when no user name is set
        return "?"
