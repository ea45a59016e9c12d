"""Looking inside a backup file without changing it: is it ours, sound, and what does it hold?"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import exc as sa_exc
from sqlalchemy import func, inspect, select
from sqlalchemy.engine import Connection

from app.core.db.models import AuditEntry, Base, Contract, ContractReport, Gmina, Organisation, SchemaVersion
from app.core.db.sqlite_file import has_sqlite_header, read_only_engine, run_check
from app.core.errors import UserFacingError
from app.core.i18n import _


class InvalidBackup(UserFacingError):
    """The chosen file cannot be restored; the message says why."""


@dataclass(frozen=True)
class BackupPreview:
    """What the clerk sees before confirming a restore."""

    path: Path
    gmina_name: str
    #: when the file was written (its modification time, local time)
    written_at: dt.datetime
    #: time of the newest change recorded in the audit log (None for a database never edited)
    last_change: dt.datetime | None
    schema_version: int
    organisations: int
    contracts: int
    #: documents received from the organisations: contract reports (partial, annual, final)
    documents: int
    size_bytes: int
    #: rows per table, for verification
    counts: dict[str, int] = field(default_factory=dict, compare=False)


def table_counts(conn: Connection) -> dict[str, int]:
    """Rows in every known table present in the database (older schemas may lack some)."""
    present = set(inspect(conn).get_table_names())
    return {
        t.name: int(conn.execute(select(func.count()).select_from(t)).scalar() or 0)
        for t in Base.metadata.sorted_tables
        if t.name in present
    }


def _schema_version(conn: Connection, path: Path) -> int:
    tables = set(inspect(conn).get_table_names())
    if SchemaVersion.__tablename__ not in tables:
        if tables:
            raise InvalidBackup(
                _("The file {path} is a database of another program, not a WKUS backup.").format(path=path)
            )
        raise InvalidBackup(_("The file {path} is an empty database, not a WKUS backup.").format(path=path))
    return int(conn.execute(select(func.max(SchemaVersion.version))).scalar() or 0)


def inspect_backup(path: Path | str, *, verify_log: bool = False) -> BackupPreview:
    """Read a backup's contents, or raise InvalidBackup naming the reason (the file is never changed).

    `verify_log`: also check its change log (chain, rows against their logged state, the seal written
    when the backup was made) – before a restore; seconds on a large file."""
    from app.core.db.migrations import CURRENT_VERSION

    path = Path(path)
    if not path.is_file():
        raise InvalidBackup(_("The file {path} does not exist.").format(path=path))
    if not has_sqlite_header(path):
        raise InvalidBackup(
            _("The file {path} is not a WKUS backup (it is not an SQLite database file).").format(path=path)
        )
    try:
        problems = run_check(path, full=True)
    except (sqlite3.DatabaseError, UnicodeDecodeError):  # the report of a damaged file may not be text
        problems = ["unreadable"]
    if problems:
        raise InvalidBackup(_("The backup {path} is damaged and cannot be restored.").format(path=path))
    from app.core.backup.schema_check import schema_problems

    engine = read_only_engine(path)
    try:
        with engine.connect() as conn:
            version = _schema_version(conn, path)
            if version <= CURRENT_VERSION:
                missing = schema_problems(path)
                if missing:
                    raise InvalidBackup(
                        _("The backup {path} is incomplete and cannot be restored: {problems}").format(
                            path=path, problems=" ".join(missing[:5])
                        )
                    )
            if version > CURRENT_VERSION:
                raise InvalidBackup(
                    _(
                        "The backup {path} was made by a newer version of WKUS Desktop (schema {found}, this "
                        "program knows {known}). Install the newer version to restore it."
                    ).format(path=path, found=version, known=CURRENT_VERSION)
                )
            counts = table_counts(conn)
            tables = set(counts)
            gmina = (
                conn.execute(select(Gmina.name).order_by(Gmina.id).limit(1)).scalar()
                if Gmina.__tablename__ in tables
                else None
            )
            last = (
                conn.execute(select(func.max(AuditEntry.at))).scalar() if AuditEntry.__tablename__ in tables else None
            )
    except (sa_exc.DBAPIError, sqlite3.DatabaseError) as exc:
        raise InvalidBackup(_("The backup {path} is damaged and cannot be restored.").format(path=path)) from exc
    finally:
        engine.dispose()
    if verify_log:
        _check_log(path)
    stat = path.stat()
    return BackupPreview(
        path=path,
        gmina_name=gmina or "",
        written_at=dt.datetime.fromtimestamp(stat.st_mtime),
        last_change=last if isinstance(last, dt.datetime) else _parse_datetime(last),
        schema_version=version,
        organisations=counts.get(Organisation.__tablename__, 0),
        contracts=counts.get(Contract.__tablename__, 0),
        documents=counts.get(ContractReport.__tablename__, 0),
        size_bytes=stat.st_size,
        counts=counts,
    )


def _check_log(path: Path) -> None:
    from app.core.backup.integrity import audit_findings

    try:
        broken, tampering, _notes = audit_findings(path, read_only=True)
    except (sa_exc.DBAPIError, sqlite3.DatabaseError, ValueError, TypeError, LookupError, ArithmeticError) as exc:
        raise InvalidBackup(_("The backup {path} is damaged and cannot be restored.").format(path=path)) from exc
    if broken is not None:
        raise InvalidBackup(
            _(
                "The change log in the backup {path} was altered (first altered entry: no. {id}); it is not restored."
            ).format(path=path, id=broken)
        )
    if tampering:
        raise InvalidBackup(
            _("The data in the backup {path} were changed outside the program ({first}); it is not restored.").format(
                path=path, first=tampering[0]
            )
        )


def _parse_datetime(value: object) -> dt.datetime | None:
    # A func.max() over a DateTime column comes back as text from SQLite.
    if value is None:
        return None
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
