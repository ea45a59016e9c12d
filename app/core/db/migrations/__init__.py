"""Schema versions: numbered steps, a backup copy before any step, refusal of newer files.

Each step is a function `upgrade(op)` taking Alembic's `Operations` (batch mode for SQLite ALTERs),
applied in one transaction and recorded in `schema_version`. Steps are plain Python modules listed
in STEPS, so nothing is loaded from disk at run time (simple to freeze with PyInstaller).
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import sqlite3
from pathlib import Path

from sqlalchemy import func, inspect, select

from app import __version__
from app.core.db.engine import Database, migration_connection
from app.core.db.models import SchemaVersion
from app.core.errors import DatabaseError
from app.core.i18n import _

log = logging.getLogger(__name__)

#: Ordered migration modules; the position + 1 is the schema version they produce.
STEPS: tuple[str, ...] = (
    "app.core.db.migrations.v0001_initial",
    "app.core.db.migrations.v0002_procedure_parts",
    "app.core.db.migrations.v0003_result_kind",
    "app.core.db.migrations.v0004_gmina_forms",
    "app.core.db.migrations.v0005_contract_planned_total",
    "app.core.db.migrations.v0006_unknown_facts",
    "app.core.db.migrations.v0007_record_versions",
    "app.core.db.migrations.v0008_audit_seal",
    "app.core.db.migrations.v0009_law_records",
    "app.core.db.migrations.v0010_council_documents",
    "app.core.db.migrations.v0011_programme_team",
    "app.core.db.migrations.v0012_result_channels",
    "app.core.db.migrations.v0013_comparison_files",
    "app.core.db.migrations.v0014_result_index",
)
CURRENT_VERSION = len(STEPS)


def schema_version(db: Database) -> int:
    with db.engine.connect() as conn:
        if not inspect(conn).has_table(SchemaVersion.__tablename__):
            tables = inspect(conn).get_table_names()
            if tables and db.path is None:
                raise DatabaseError(
                    _(
                        "The database on the server already holds tables of another program "
                        "({where}). Use an empty database for WKUS."
                    ).format(where=db.where)
                )
            if tables:
                raise DatabaseError(
                    _("The file {path} is an SQLite database of another program, not WKUS.").format(path=db.path)
                )
            return 0
        # the table's column, not the mapped attribute: an ORM select would configure every mapper
        # (tens of milliseconds at each start, before the Pulpit, which reads with Core only)
        column = SchemaVersion.__table__.c.version
        version = conn.execute(select(func.max(column))).scalar()
        return int(version or 0)


def backup_before_migration(path: Path, from_version: int) -> Path:
    """Copy the database with SQLite's online backup API (safe with WAL) before changing it."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.before-v{from_version + 1}-{stamp}{path.suffix}")
    source = sqlite3.connect(path)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    log.info("backup before migration: %s", target)
    return target


def migrate_database(db: Database) -> int:
    """Bring the database to CURRENT_VERSION; return the version it had before."""
    current = schema_version(db)
    if current > CURRENT_VERSION:
        raise DatabaseError(
            _(
                "The database {path} was written by a newer version of WKUS Desktop (schema {found}, "
                "this program knows {known}). Install the newer version to open it."
            ).format(path=db.where, found=current, known=CURRENT_VERSION)
        )
    if current == CURRENT_VERSION:
        return current
    if current > 0 and db.path is not None:
        backup_before_migration(db.path, current)
    # Imported only when a step runs: a current database (every start but the first) needs no Alembic.
    from alembic.migration import MigrationContext
    from alembic.operations import Operations

    for version in range(current + 1, CURRENT_VERSION + 1):
        module = importlib.import_module(STEPS[version - 1])
        with migration_connection(db.engine) as conn:
            context = MigrationContext.configure(conn, opts={"render_as_batch": True})
            module.upgrade(Operations(context))
            conn.execute(
                SchemaVersion.__table__.insert().values(
                    version=version, applied_at=dt.datetime.now(dt.UTC).replace(tzinfo=None), app_version=__version__
                )
            )
        log.info("database migrated to schema %d", version)
    return current
