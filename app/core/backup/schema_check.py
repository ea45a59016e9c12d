"""Is every table and column of the file's schema version there? (A file holding only the
schema-version table passes SQLite's integrity check, and then every view and check-db fail.)"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.core.i18n import _


@functools.lru_cache(maxsize=4)
def expected_schema(version: int) -> dict[str, frozenset[str]]:
    """Tables and their columns as the migrations build them for `version`."""
    from app.core.db.migrations import CURRENT_VERSION

    if version == CURRENT_VERSION:  # the models describe the current schema: no Alembic needed
        from app.core.db.models import Base

        return {t.name: frozenset(c.name for c in t.columns) for t in Base.metadata.sorted_tables}
    with _migrated_in_memory(version) as conn:
        from sqlalchemy import inspect

        found = inspect(conn)
        schema = {name: frozenset(c["name"] for c in found.get_columns(name)) for name in found.get_table_names()}
    schema.setdefault("schema_version", frozenset({"version", "applied_at", "app_version"}))
    return schema


@contextmanager
def _migrated_in_memory(version: int) -> Iterator[Any]:
    """A connection to an in-memory database the numbered migrations have brought to `version`."""
    import importlib

    from alembic.migration import MigrationContext
    from alembic.operations import Operations
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    from app.core.db.migrations import STEPS

    engine = create_engine("sqlite://", poolclass=StaticPool)
    try:
        with engine.begin() as conn:
            context = MigrationContext.configure(conn, opts={"render_as_batch": True})
            for step in STEPS[:version]:
                importlib.import_module(step).upgrade(Operations(context))
            yield conn
    finally:
        engine.dispose()


#: (column, affinity, part of the primary key) per table, and (column, parent table, parent column) per
#: foreign key: what a damaged byte in the stored CREATE TABLE text changes without SQLite noticing
#: ("REFERENCES public_task (d)", "VARCHER(300)" read with NUMERIC affinity)
Structure = dict[str, tuple[frozenset[tuple[str, str, bool]], frozenset[tuple[str, str, str | None]]]]


def _affinity(declared: str) -> str:
    """SQLite's rules for a column's affinity from its declared type (datatype3.html, 3.1)."""
    t = (declared or "").upper()
    if "INT" in t:
        return "INTEGER"
    if "CHAR" in t or "CLOB" in t or "TEXT" in t:
        return "TEXT"
    if "BLOB" in t or not t:
        return "BLOB"
    if "REAL" in t or "FLOA" in t or "DOUB" in t:
        return "REAL"
    return "NUMERIC"


def read_structure(conn: Any, tables: Iterable[str]) -> Structure:
    """The structure of `tables` as SQLite reads it from the file (a DBAPI or SQLAlchemy connection)."""
    out: Structure = {}
    for table in tables:
        quoted = '"' + table.replace('"', '""') + '"'
        columns = frozenset(
            (str(r[1]), _affinity(str(r[2] or "")), bool(r[5]))
            for r in conn.exec_driver_sql(f"PRAGMA table_info({quoted})").fetchall()
        )
        keys = frozenset(
            (str(r[3]), str(r[2]), None if r[4] is None else str(r[4]))
            for r in conn.exec_driver_sql(f"PRAGMA foreign_key_list({quoted})").fetchall()
        )
        out[table] = (columns, keys)
    return out


@functools.lru_cache(maxsize=4)
def expected_structure(version: int) -> Structure:
    """The structure the migrations build for `version` (an in-memory database, once per process)."""
    from sqlalchemy import inspect

    with _migrated_in_memory(version) as conn:
        return read_structure(conn, inspect(conn).get_table_names())


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
                    problems.append(
                        _("The table {table} lacks the columns {columns}.").format(
                            table=table, columns=", ".join(missing)
                        )
                    )
            if problems:
                return problems
            expected = expected_structure(version)
            for table, shape in sorted(read_structure(conn, sorted(set(expected) & tables)).items()):
                if shape != expected[table]:
                    problems.append(
                        _(
                            "The definition of the table {table} is damaged (its columns' types or its "
                            "links to other tables differ from what the program created)."
                        ).format(table=table)
                    )
            return problems
    except sa_exc.DBAPIError as exc:
        return [str(getattr(exc, "orig", exc))]
    finally:
        engine.dispose()
