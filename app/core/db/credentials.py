"""The office server's password in the system's password store (keyring), never in the settings file.

The key is the address without the password (`postgresql://anna@serwer:5432/wkus`). Where the system
has no store (a bare Linux, a locked-down PC) nothing is kept and the clerk is told to use libpq's own
`PGPASSWORD` or `.pgpass`, which the driver reads itself.
"""

from __future__ import annotations

import logging

from sqlalchemy.engine import URL

log = logging.getLogger(__name__)

SERVICE = "wkus-desktop"


def key_of(url: URL) -> str:
    return url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)


def _store() -> object | None:
    try:
        import keyring
        from keyring.backends.fail import Keyring as NoStore
    except ImportError:
        return None
    backend = keyring.get_keyring()
    return None if isinstance(backend, NoStore) else backend


def store_password(url: URL, password: str) -> bool:
    """Keep the password for this address; False when the system has no password store."""
    backend = _store()
    if backend is None:
        return False
    try:
        backend.set_password(SERVICE, key_of(url), password)  # type: ignore[attr-defined]
    except Exception:  # a store that refuses (locked, no D-Bus session) is "no store", never a crash
        log.warning("the password store refused the password", exc_info=True)
        return False
    return True


def store_password_for(address: str, password: str) -> bool:
    """`store_password` for an address written as text (the UI holds no SQLAlchemy objects)."""
    from app.core.db.server import server_url

    return store_password(server_url(address), password)


def stored_password(url: URL) -> str | None:
    backend = _store()
    if backend is None:
        return None
    try:
        value = backend.get_password(SERVICE, key_of(url))  # type: ignore[attr-defined]
    except Exception:
        log.warning("the password store could not be read", exc_info=True)
        return None
    return str(value) if value else None
