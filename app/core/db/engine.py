"""Opening the database: engine, SQLite PRAGMAs, sessions, and refusing files we cannot use.

Two backends: an SQLite file (a gmina working alone) or a PostgreSQL server named by a
`postgresql://` URL (an office with several seats; app/core/db/server.py). SQLite-specific SQL
(PRAGMAs) lives only here; everything else goes through SQLAlchemy and runs on both.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.pool import NullPool

from app.core.errors import ConcurrentEditError, DatabaseError
from app.core.i18n import _

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def _set_sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


#: SQLite's page cache (KiB) while a full tools recompute writes its rows (`bulk_write`); the default is
#: 2 000. The unique index of tool_result (tool, scope kind, scope, year) gets the rows of a piece of
#: contracts spread over its whole width; on XL (1.35 M rows) it is ~50 MB, so with 2 MB nearly every
#: row's insert read a leaf back (through the transaction's WAL, which grows with the rows) and wrote a
#: dirty one out: the insert cost 17x L's for 10x the rows (14x with 48 MB; 64 MB gained nothing more). The
#: cache is filled only as pages are read.
BULK_WRITE_CACHE_KIB = 49_152


@contextmanager
def bulk_write(session: Session) -> Iterator[None]:
    """A larger page cache on this session's SQLite connection for one long write (nothing on a server,
    whose cache is its own), the default again after it."""
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        yield
        return
    before = int(conn.exec_driver_sql("PRAGMA cache_size").scalar() or -2000)
    conn.exec_driver_sql(f"PRAGMA cache_size=-{BULK_WRITE_CACHE_KIB}")
    try:
        yield
    finally:
        try:
            conn.exec_driver_sql(f"PRAGMA cache_size={before}")
        except DBAPIError:  # the connection failed: the session rolls back and closes it anyway
            log.warning("could not restore the page cache size", exc_info=True)


def check_database_file(path: Path) -> None:
    """Refuse, with a message the clerk understands, a file that cannot be our database."""
    if path.is_dir():
        raise DatabaseError(_("The path {path} is a folder, not a database file.").format(path=path))
    if not path.exists():
        parent = path.parent
        if not parent.exists():
            raise DatabaseError(_("The folder {folder} does not exist.").format(folder=parent))
        if not os.access(parent, os.W_OK):
            raise DatabaseError(
                _("Cannot create the database in {folder}: the folder is read-only.").format(folder=parent)
            )
        return
    if path.stat().st_size > 0:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
        if header != SQLITE_HEADER:
            raise DatabaseError(
                _("The file {path} is not a WKUS database (it is not an SQLite file).").format(path=path)
            )
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise DatabaseError(
            _(
                "The database file {path} is read-only. Copy it to a folder you can write to "
                "or ask the administrator for write access."
            ).format(path=path)
        )


class Database:
    """An opened database: the engine and a session factory. One per file (or server database) per process.

    `path` is the SQLite file, None on a server; `url` the server's address (None for a file)."""

    def __init__(self, engine: Engine, path: Path | None = None, url: URL | None = None) -> None:
        self.engine = engine
        self.path = path
        self.url = url
        #: a read-only seat on the office server (the server refuses its writes; the UI says so first)
        self.read_only = False
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        from app.core.db.text_intake import install_text_intake

        install_text_intake()  # every way of writing text through the ORM normalises it like an import
        from app.core.audit import install_audit_hooks

        # every ORM write is logged whichever entry point opened the database: only the commands
        # installed the hooks, so the desktop app's saves left no change log (no history, and an
        # incremental tools recompute that reads the log would not see them)
        install_audit_hooks()

    @property
    def is_server(self) -> bool:
        return self.url is not None

    @property
    def where(self) -> str:
        """The database as messages name it: the file's path, or the database and server (no password)."""
        if self.url is not None:
            from app.core.db.server import describe

            return describe(self.url)
        return str(self.path)

    def require_file(self, operation: str) -> Path:
        """The SQLite file for an operation that only exists for a file (backup, restore, integrity check);
        on a server a DatabaseError says what to use instead."""
        if self.path is None:
            from app.core.db.server import not_on_server

            raise DatabaseError(not_on_server(operation, self.where))
        return self.path

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any exception.

        SQLite's operational errors (locked, read-only, disk full, file gone) become a DatabaseError
        with a clear message; the transaction is rolled back, so nothing committed before is lost.
        """
        if self.path is not None and not self.path.exists():
            # Checked first: connecting would silently create a new, empty file in its place.
            raise DatabaseError(_vanished_message(self.path))
        session = self._sessions()
        try:
            yield session
            session.commit()
        except StaleDataError as exc:
            # the version counter moved between reading and writing: another seat saved this record
            _rollback_quietly(session)
            raise ConcurrentEditError(
                _(
                    "Another computer or window saved this record at the same moment. Your changes were not "
                    "saved. Reload the record to see the other changes, then make yours again."
                )
            ) from exc
        except ProgrammingError as exc:
            _rollback_quietly(session)
            if self.url is not None and "permission denied" in str(exc).lower():
                from app.core.db.server import translate_server_error

                raise translate_server_error(exc, self.url, saving=True) from exc
            raise
        except OperationalError as exc:
            _rollback_quietly(session)
            if self.url is not None:
                from app.core.db.server import translate_server_error

                raise translate_server_error(exc, self.url, saving=True) from exc
            raise translate_operational_error(exc, self.path) from exc
        except BaseException:
            _rollback_quietly(session)
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()


def _rollback_quietly(session: Session) -> None:
    try:
        session.rollback()
    except (OperationalError, DBAPIError):  # the connection itself failed; SQLite rolls back on its own
        log.warning("rollback failed", exc_info=True)


def _vanished_message(path: Path | None) -> str:
    return _(
        "The database file {path} cannot be reached (was it on a USB stick or a network drive that was "
        "disconnected?). Reconnect it and try again; the last change was not saved."
    ).format(path=path)


@contextmanager
def migration_connection(engine: Engine) -> Iterator[Connection]:
    """A connection for one schema step, in one transaction.

    On SQLite the foreign keys are off during the step and checked before the commit: changing a
    column rebuilds the table (new table, copy, drop the old one, rename), and dropping the old table
    with foreign keys on would fire ON DELETE actions on every row referring to it (contracts would
    lose their procedure). This is SQLite's documented procedure for such changes; the PRAGMA has no
    effect inside a transaction, so it is set before the step's transaction begins."""
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()
        try:
            with conn.begin():
                yield conn
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                    raise DatabaseError(
                        _(
                            "Updating the database structure would leave records pointing to "
                            "records that do not exist; nothing was changed."
                        )
                    )
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()


def create_sqlite_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool, future=True)
    event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


def open_database(path: Path | str, *, migrate: bool = True) -> Database:
    """Open (creating if needed) and migrate the database at `path`, a file or a `postgresql://` URL.

    Raises DatabaseError with a translated message for a file that is not SQLite, is read-only,
    is locked by another program, or was written by a newer version of the app; for a server one
    that cannot be reached, a refused password or a missing database.
    """
    from app.core.db.address import is_server_url

    if is_server_url(path):
        return open_server_database(str(path), migrate=migrate)
    path = Path(path).expanduser().resolve()
    check_database_file(path)
    engine = create_sqlite_engine(path)
    db = Database(engine, path)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
    except (OperationalError, DBAPIError) as exc:
        engine.dispose()
        raise translate_operational_error(exc, path) from exc
    if migrate:
        from app.core.db.migrations import migrate_database

        try:
            migrate_database(db)
        except (OperationalError, DBAPIError) as exc:
            engine.dispose()
            raise translate_operational_error(exc, path) from exc
    return db


def open_server_database(address: str, *, migrate: bool = True) -> Database:
    """The office server's database: the same numbered migrations, run by the first seat that starts."""
    from app.core.db.server import create_server_engine, migrate_with_lock, probe, server_url

    url = server_url(address)
    engine = create_server_engine(url)
    probe(engine, url)
    db = Database(engine, None, url)
    if migrate:
        migrate_with_lock(db, url)
    from app.core.db.roles import may_write

    db.read_only = not may_write(engine)
    return db


def translate_operational_error(exc: Exception, path: Path | None) -> DatabaseError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return DatabaseError(
            _("The database {path} is locked by another program. Close it and try again.").format(path=path)
        )
    if "readonly" in text or "read-only" in text:
        return DatabaseError(_("The database file {path} is read-only.").format(path=path))
    if "not a database" in text or "malformed" in text:
        return DatabaseError(_("The file {path} is damaged or is not a WKUS database.").format(path=path))
    if "disk" in text and ("full" in text or "i/o" in text):
        return DatabaseError(_("The disk is full or cannot be written. Nothing was saved."))
    if "unable to open" in text:
        return DatabaseError(_vanished_message(path))
    log.exception("database error on %s", path)
    return DatabaseError(_("The database {path} cannot be opened: {reason}").format(path=path, reason=exc))
