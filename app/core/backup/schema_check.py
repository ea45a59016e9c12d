"""Is every table and column of the file's schema version there? (A file holding only the
schema-version table passes SQLite's integrity check, and then every view and check-db fail.)"""

from __future__ import annotations

import functools
from pathlib import Path

from app.core.i18n import _


@functools.lru_cache(maxsize=4)
def expected_schema(version: int) -> dict[str, frozenset[str]]:
    """Tables and their columns as the migrations build them for `version`."""
    from app.core.db.migrations import CURRENT_VERSION

    if version == CURRENT_VERSION:  # the models describe the current schema: no Alembic needed
        from app.core.db.models import Base

        return {t.name: frozenset(c.name for c in t.columns) for t in Base.metadata.sorted_tables}
    import importlib

    from alembic.migration import MigrationContext
    from alembic.operations import Operations
    from sqlalchemy import create_engine, inspect
    from sqlalchemy.pool import StaticPool

    from app.core.db.migrations import STEPS

    engine = create_engine("sqlite://", poolclass=StaticPool)
    try:
        with engine.begin() as conn:
            context = MigrationContext.configure(conn, opts={"render_as_batch": True})
            for step in STEPS[:version]:
                importlib.import_module(step).upgrade(Operations(context))
            found = inspect(conn)
            schema = {name: frozenset(c["name"] for c in found.get_columns(name)) for name in found.get_table_names()}
        schema.setdefault("schema_version", frozenset({"version", "applied_at", "app_version"}))
        return schema
    finally:
        engine.dispose()


def schema_problems(path: Path, *, read_only: bool = True) -> list[str]:
    """Missing tables and columns for the file's own schema version ([] when complete or when the
    file is not a WKUS database at all, which other checks report)."""
    from sqlalchemy import exc as sa_exc
    from sqlalchemy import func, inspect, select

    from app.core.db.migrations import CURRENT_VERSION
    from app.core.db.models import SchemaVersion
    from app.core.db.sqlite_file import read_only_engine

    engine = read_only_engine(path, read_only=read_only)
    try:
        with engine.connect() as conn:
            found = inspect(conn)
            tables = set(found.get_table_names())
            if SchemaVersion.__tablename__ not in tables:
                return []
            version = conn.execute(select(func.max(SchemaVersion.__table__.c.version))).scalar()
            if not isinstance(version, int) or not 1 <= version <= CURRENT_VERSION:
                return [_("The schema version {version} recorded in the file is not valid.").format(version=version)]
            problems = []
            for table, columns in sorted(expected_schema(version).items()):
                if table not in tables:
                    problems.append(_("The table {table} is missing.").format(table=table))
                    continue
                missing = sorted(columns - {c["name"] for c in found.get_columns(table)})
                if missing:
                    problems.append(_("The table {table} lacks the columns {columns}.")
                                    .format(table=table, columns=", ".join(missing)))
            return problems
    except sa_exc.DBAPIError as exc:
        return [str(getattr(exc, "orig", exc))]
    finally:
        engine.dispose()
