"""Helpers shared by subcommands: the --db option and opening the database with clear errors."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from app.core.db.engine import Database
from app.core.errors import UserFacingError
from app.core.i18n import _


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        help=_(
            "database file (default: the one in the user data folder) "
            "or the office server as postgresql://user@computer/database"
        ),
    )


def database_path(args: argparse.Namespace) -> Path:
    from app.paths import default_db_path

    return Path(args.db) if getattr(args, "db", None) else default_db_path()


def database_target(args: argparse.Namespace) -> Path | str:
    """The --db value as open_database takes it: a file path, or a server URL kept as text."""
    from app.core.db.address import is_server_url

    if is_server_url(getattr(args, "db", None)):
        return str(args.db)
    return database_path(args)


def server_address(args: argparse.Namespace) -> str | None:
    """--db when it names the office server (for commands that only exist for a file), else None."""
    from app.core.db.address import is_server_url

    value = getattr(args, "db", None)
    return str(value) if is_server_url(value) else None


def refuse_on_server(args: argparse.Namespace, operation: str) -> str | None:
    """The message for a file-only command run against the server, or None for a file."""
    address = server_address(args)
    if address is None:
        return None
    from app.core.db.server import describe, not_on_server, server_url

    return not_on_server(operation, describe(server_url(address)))


def open_db(args: argparse.Namespace) -> Database:
    """Open and migrate the database named by --db; raises UserFacingError with a clear message."""
    from app.core.audit import install_audit_hooks
    from app.core.db.engine import open_database

    install_audit_hooks()
    return open_database(database_target(args))


@contextlib.contextmanager
def writing_db(args: argparse.Namespace) -> Iterator[Database]:
    """The database named by --db for a command that writes: refused while the app (or another
    command) has it open, and locked for the command's duration so the app cannot open it meanwhile."""
    from app.core.instance_lock import DatabaseLock

    if server_address(args) is not None:  # the office server: several seats at once are normal, no lock file
        db = open_db(args)
        try:
            yield db
        finally:
            db.dispose()
        return
    lock = DatabaseLock(database_path(args))
    lock.acquire()
    try:
        db = open_db(args)
        try:
            yield db
        finally:
            db.dispose()
    finally:
        lock.release()


def fail(message: str, code: int = 2) -> int:
    print(message, file=sys.stderr)
    return code


def run_guarded(func: Callable[[argparse.Namespace], int | None], args: argparse.Namespace) -> int:
    """Run a command; a UserFacingError becomes a one-line message and exit code 2."""
    try:
        return int(func(args) or 0)
    except UserFacingError as exc:
        return fail(_("Error: {message}").format(message=exc.message))
