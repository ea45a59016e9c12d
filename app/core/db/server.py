"""The office server: a PostgreSQL database named by a `postgresql://` URL instead of a file.

Everything PostgreSQL-specific lives here (the driver, the error wording, the lock that keeps two seats
from migrating at once); services and documents run unchanged through SQLAlchemy. The driver is
psycopg 3, an optional extra (`pip install 'wkus-desktop[server]'`): a gmina working alone never needs it.
Passwords are best kept out of the URL: libpq reads `PGPASSWORD` and the user's `.pgpass` itself.
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

from app.core.db.address import is_server_url  # noqa: F401  (re-exported)
from app.core.errors import DatabaseError
from app.core.i18n import _

if TYPE_CHECKING:  # engine.py imports this module
    from app.core.db.engine import Database

log = logging.getLogger(__name__)

#: Seconds a seat waits for the server before saying it does not answer (libpq's connect_timeout).
CONNECT_TIMEOUT_S = 10
#: Milliseconds a statement waits for a row or table another seat holds, before it is refused with a
#: message: PostgreSQL would otherwise wait for ever, and the clerk's window with it.
LOCK_TIMEOUT_MS = 30_000
#: Any fixed number: the key of the advisory lock held while one seat migrates the schema.
_MIGRATION_LOCK_KEY = 0x574B5553  # "WKUS"
#: The transaction-level advisory lock that keeps the change log one chain (app.core.audit).
LOG_APPEND_LOCK_KEY = 0x574B5554


def server_url(text: str) -> URL:
    """The SQLAlchemy URL with the psycopg 3 driver, whatever driver the clerk wrote (or none)."""
    try:
        url = make_url(text)
    except ArgumentError as exc:
        raise DatabaseError(
            _("The server address {url} is not valid. Write it as postgresql://user@computer:5432/database.").format(
                url=text
            )
        ) from exc
    if not url.database:
        raise DatabaseError(
            _(
                "The server address {url} names no database. Write it as postgresql://user@computer:5432/database."
            ).format(url=text)
        )
    return url.set(drivername="postgresql+psycopg")


def compose_address(host: str, port: int, database: str, user: str, password: str | None = None) -> str:
    """The `postgresql://user@host:port/database` address from its parts (the settings' server dialog);
    with `password` only for a connection made at once, never for what is stored."""
    return URL.create(
        "postgresql", username=user, password=password, host=host, port=port, database=database
    ).render_as_string(hide_password=False)


def describe(url: URL) -> str:
    """How messages name the server: database, computer and port, never the password."""
    host = url.host or "localhost"
    return _("database {database} on the server {host}:{port}").format(
        database=url.database, host=host, port=url.port or 5432
    )


def create_server_engine(url: URL) -> Engine:
    try:
        import psycopg  # noqa: F401  (only to say clearly when the extra is missing)
    except ImportError as exc:
        raise DatabaseError(
            _(
                'PostgreSQL support is not installed. Install it with: pip install "wkus-desktop[server]" '
                "(the psycopg driver), then try again."
            )
        ) from exc
    if url.password is None and not os.environ.get("PGPASSWORD"):
        from app.core.db.credentials import stored_password

        password = stored_password(url)  # kept by Ustawienia → Serwer biura, in the system's store
        if password is not None:
            url = url.set(password=password)
    # pre_ping: a seat left open overnight finds its pooled connection dropped by the server.
    return create_engine(
        url,
        future=True,
        pool_pre_ping=True,
        pool_size=2,
        max_overflow=3,
        connect_args={
            "connect_timeout": CONNECT_TIMEOUT_S,
            "application_name": "wkus-desktop",
            "options": f"-c lock_timeout={LOCK_TIMEOUT_MS}",
        },
    )


def translate_server_error(exc: Exception, url: URL, *, saving: bool = False) -> DatabaseError:
    """A driver error as a Polish sentence naming the server and what to check (`saving`: it broke off
    a unit of work, whose changes were rolled back)."""
    where = describe(url)
    text = str(exc).lower()
    if "password authentication failed" in text or "no password supplied" in text:
        return DatabaseError(
            _(
                "The server refused the password of the user {user} ({where}). Check the user "
                "name and the password (PGPASSWORD or the .pgpass file)."
            ).format(user=url.username or "?", where=where)
        )
    if "role" in text and "does not exist" in text:
        return DatabaseError(
            _("The user {user} does not exist on the server ({where}). Ask the administrator to create it.").format(
                user=url.username or "?", where=where
            )
        )
    if "database" in text and "does not exist" in text:
        return DatabaseError(
            _(
                "The database does not exist on the server ({where}). Ask the administrator to "
                "create it (createdb {database})."
            ).format(where=where, database=url.database)
        )
    if "permission denied for" in text and any(k in text for k in ("table", "relation", "sequence")):
        message = _(
            "The user {user} may only read this database ({where}): the server refuses changes. Ask "
            "the administrator for editing rights (wkus server init --editor {user})."
        ).format(user=url.username or "?", where=where)
        if saving:
            message += " " + _("The last change was not saved.")
        return DatabaseError(message)
    if "must be owner" in text:
        return DatabaseError(
            _(
                "This version of the program must update the database structure, which only the "
                "database's owner may do ({where}). Ask the administrator to start the program "
                "once with the owner's login, then try again."
            ).format(where=where)
        )
    if "no pg_hba.conf entry" in text or "permission denied" in text:
        return DatabaseError(
            _(
                "The server does not let this computer or user in ({where}). Ask the "
                "administrator to allow it (pg_hba.conf, grants)."
            ).format(where=where)
        )
    if "lock timeout" in text:
        message = _(
            "Another computer is changing the same data right now ({where}) and did not finish within {seconds} s."
        ).format(where=where, seconds=LOCK_TIMEOUT_MS // 1000)
        if saving:
            message += " " + _("The last change was not saved.")
        return DatabaseError(message + " " + _("Try again in a moment."))
    if (
        "connection refused" in text
        or "could not connect" in text
        or "timeout" in text
        or "could not translate host name" in text
        or "server closed the connection" in text
        or "connection is bad" in text
        or "consuming input failed" in text
    ):
        message = _(
            "Cannot connect to the database server ({where}): it does not answer. Check that it is "
            "running, that the computer's name and the port are right and that the network works."
        )
        if saving:
            message += " " + _("The last change was not saved.")
        return DatabaseError(message.format(where=where))
    log.exception("database server error on %s", where)
    return DatabaseError(
        _("The database on the server cannot be used ({where}): {reason}").format(where=where, reason=str(exc).strip())
    )


def probe(engine: Engine, url: URL) -> None:
    """Connect once, so a wrong address or password is reported before anything else runs."""
    try:
        with engine.connect() as conn:
            conn.execute(select(1)).scalar()
    except (OperationalError, DBAPIError) as exc:
        engine.dispose()
        raise translate_server_error(exc, url) from exc


def migrate_with_lock(db: Database, url: URL) -> None:
    """Run the numbered migrations while holding a server-wide advisory lock: two seats starting the new
    version at once would otherwise both try to create the same tables. PostgreSQL's DDL is
    transactional, so a step that fails leaves the database as it was (the file backup SQLite needs
    has no counterpart here: the administrator's pg_dump is the backup)."""
    from app.core.db.migrations import migrate_database

    engine: Engine = db.engine
    try:
        with engine.connect() as holder:
            holder.execute(select(func.pg_advisory_lock(_MIGRATION_LOCK_KEY)))
            try:
                migrate_database(db)
            finally:
                holder.execute(select(func.pg_advisory_unlock(_MIGRATION_LOCK_KEY)))
                holder.commit()
    except (OperationalError, DBAPIError) as exc:
        engine.dispose()
        raise translate_server_error(exc, url) from exc


def not_on_server(operation: str, where: str) -> str:
    """Why a file operation (backup, restore, integrity check, lock) does not apply, and what to do instead."""
    return _(
        "{operation} works on a database file only; this database is on the office server ({where}). "
        "On the server use its own tools instead: pg_dump for a backup and pg_restore to restore it "
        '(the administrator\'s job), or "wkus export --kind full" for a logical backup of everything '
        'as JSON that "wkus import" reads into an empty database.'
    ).format(operation=operation, where=where)
