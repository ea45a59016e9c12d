"""PostgreSQL smoke run (developer tool; not part of CI: the `pg` tests cover the same on a real server).

Runs the demo and the main reads on a PostgreSQL database inside a schema of its own, compares them
with the same demo on SQLite and prints what passed and what failed (with the error): a quick look at
a new PostgreSQL version or a shared server without touching its other data.

    # a throw-away cluster on loopback (as a non-root user, e.g. `runuser -u postgres -- ...`):
    initdb -D /tmp/pg/data -A trust -U postgres
    pg_ctl -D /tmp/pg/data -o "-c listen_addresses=127.0.0.1 -p 55432 -k /tmp/pg" -l /tmp/pg/log start
    .venv/bin/pip install -e '.[server]'      # psycopg 3, the extra the app itself uses for a server
    .venv/bin/python -m tools.pg_smoke postgresql+psycopg://postgres@127.0.0.1:55432/postgres

The database named in the URL gets a fresh schema `wkus_smoke` (dropped first), so a shared
server's other data is untouched. Exit status 0 when every step passed.

The app itself opens a server with `--db postgresql://…` (app/core/db/engine.py open_database, which
uses the database's default schema); this script builds `Database(engine)` directly because it works
in its own schema.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import traceback
from collections.abc import Callable
from typing import Any

SCHEMA = "wkus_smoke"
TODAY = dt.date(2026, 11, 23)  # fixed, like the demo fixtures, so runs are comparable


def _engine(url: str) -> Any:
    from sqlalchemy import create_engine, event

    engine = create_engine(url, future=True)

    # Every connection works inside our own schema (the tables' names are unqualified).
    @event.listens_for(engine, "connect")
    def _search_path(dbapi_connection: Any, _record: Any) -> None:
        cur = dbapi_connection.cursor()
        cur.execute(f"SET search_path TO {SCHEMA}")
        cur.close()
        dbapi_connection.commit()

    return engine


def _reset_schema(url: str) -> None:
    from sqlalchemy import create_engine
    from sqlalchemy.schema import CreateSchema, DropSchema

    admin = create_engine(url, future=True)
    with admin.begin() as conn:
        conn.execute(DropSchema(SCHEMA, cascade=True, if_exists=True))
        conn.execute(CreateSchema(SCHEMA))
    admin.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="SQLAlchemy URL, e.g. postgresql+psycopg://postgres@127.0.0.1:55432/postgres")
    args = parser.parse_args(argv)

    from app.core.audit import install_audit_hooks
    from app.core.db.engine import Database

    install_audit_hooks()  # as the app does at start: every change writes the audit chain
    _reset_schema(args.url)
    engine = _engine(args.url)
    db = Database(engine)
    results: list[tuple[str, bool, str]] = []

    def step(name: str, fn: Callable[[], Any]) -> Any:
        try:
            value = fn()
        except Exception as exc:  # noqa: BLE001 - the point is to list every failure
            results.append((name, False, f"{type(exc).__name__}: {str(exc).splitlines()[0][:300]}"))
            traceback.print_exc(limit=6)
            return None
        results.append((name, True, _describe(value)))
        return value

    def migrate() -> Any:
        from app.core.db.migrations import CURRENT_VERSION, migrate_database, schema_version

        before = migrate_database(db)
        return f"schema {before} -> {schema_version(db)} (current {CURRENT_VERSION})"

    def demo() -> Any:
        from app.core.demo import load_demo

        return load_demo(db, TODAY)

    def dashboard() -> Any:
        from app.core.services.dashboard import dashboard as run

        return run(db, TODAY)

    def deadlines() -> Any:
        from app.core.law.deadlines import collect_deadlines

        return collect_deadlines(db, TODAY)

    def compliance() -> Any:
        from app.core.law.rules import check_all

        return check_all(db, TODAY)

    def recompute() -> Any:
        from app.core.tools.service import recompute_all

        return recompute_all(db, as_of=TODAY)

    step("migrations (schema)", migrate)
    step("demo gmina", demo)
    step("dashboard", dashboard)
    step("deadlines", deadlines)
    step("compliance check", compliance)
    step("tools recompute", recompute)
    for module, fn_name in (
        ("organisations", "list_organisations"),
        ("tasks", "list_tasks"),
        ("programmes", "list_programmes"),
        ("procedures", "list_procedures"),
        ("contracts", "list_contracts"),
        ("cooperation", "list_cooperation"),
    ):

        def listing(module: str = module, fn_name: str = fn_name) -> Any:
            import importlib

            return getattr(importlib.import_module(f"app.core.services.{module}"), fn_name)(db)

        step(f"list {module}", listing)
    step("repeat migration is a no-op", migrate)
    step("same results as on SQLite", lambda: _compare_results(db))
    step("row counts equal a SQLite demo", lambda: _compare_with_sqlite(db))
    step("audit chain verifies", lambda: _verify_audit(db))
    step(
        "full JSON export -> import into an empty schema -> add an organisation", lambda: _json_round_trip(args.url, db)
    )

    engine.dispose()
    width = max(len(name) for name, _ok, _msg in results)
    for name, ok, message in results:
        print(f"{'OK  ' if ok else 'FAIL'} {name.ljust(width)}  {message}")
    failed = sum(1 for _n, ok, _m in results if not ok)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


def _verify_audit(db: Any) -> str:
    from sqlalchemy import func, select

    from app.core.audit import verify_chain
    from app.core.db.models import AuditEntry

    with db.session() as s:
        entries = s.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
        broken = verify_chain(s)
    if broken is not None:
        raise AssertionError(f"audit chain broken at entry {broken} of {entries}")
    return f"{entries} entries intact"


def _json_round_trip(url: str, db: Any) -> str:
    """The export written from PostgreSQL imports into a fresh PostgreSQL schema, and the next record
    added afterwards gets a new id (explicit ids in the import must not leave the sequences behind)."""
    from app.core.db.engine import Database
    from app.core.db.migrations import migrate_database
    from app.core.services.organisations import OrganisationInput, create_organisation
    from app.core.transfer.full_json import export_data, import_data

    data = export_data(db)
    _reset_schema(url)  # drops the demo schema: this is the last step
    fresh = Database(_engine(url))
    migrate_database(fresh)
    counts = import_data(fresh, data)
    try:
        new_id = create_organisation(
            fresh,
            OrganisationInput(
                name="Stowarzyszenie po imporcie",
                legal_form="STOWARZYSZENIE_ZWYKLE",
                registry_type="EWIDENCJA_STAROSTY",
            ),
        )
    finally:
        fresh.dispose()
    return f"{sum(counts.values())} rows imported; new organisation id {new_id.id}"


def _describe(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return f"{len(value)} items"
    if isinstance(value, str):
        return value
    return type(value).__name__


def _sqlite_demo(tmp: str) -> Any:
    from pathlib import Path

    from app.core.db.engine import open_database
    from app.core.demo import load_demo

    lite = open_database(Path(tmp) / "demo.sqlite")
    load_demo(lite, TODAY)
    return lite


def _reads(db: Any) -> dict[str, Any]:
    """What the clerk sees, as plain dataclasses (comparable with ==), in the order the services return."""
    from app.core.law.deadlines import collect_deadlines
    from app.core.law.rules import check_all
    from app.core.services import contracts, cooperation, organisations, procedures, programmes, tasks
    from app.core.services.dashboard import dashboard

    return {
        "dashboard": dashboard(db, TODAY),
        "deadlines": collect_deadlines(db, TODAY),
        "compliance": check_all(db, TODAY),
        "organisations": organisations.list_organisations(db),
        "organisations search 'fund'": organisations.list_organisations(db, search="fund"),
        "tasks": tasks.list_tasks(db),
        "programmes": programmes.list_programmes(db),
        "procedures": procedures.list_procedures(db),
        "contracts": contracts.list_contracts(db, today=TODAY),
        "cooperation": cooperation.list_cooperation(db),
    }


def _compare_results(db: Any) -> str:
    """The services must return the same rows in the same order on both databases."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        lite = _sqlite_demo(tmp)
        expected, got = _reads(lite), _reads(db)
        lite.dispose()
    differences = []
    for key, value in expected.items():
        if value == got[key]:
            continue
        if isinstance(value, list) and sorted(map(repr, value)) == sorted(map(repr, got[key])):
            differences.append(f"{key}: same rows, different order")
        else:
            differences.append(f"{key}: different")
    if differences:
        raise AssertionError("; ".join(differences))
    return f"{len(expected)} reads equal"


def _compare_with_sqlite(db: Any) -> str:
    """The same demo on SQLite must give the same number of rows in every table."""
    import tempfile
    from pathlib import Path

    from sqlalchemy import func, select

    from app.core.db.engine import open_database
    from app.core.db.models import Base
    from app.core.demo import load_demo

    with tempfile.TemporaryDirectory() as tmp:
        lite = open_database(Path(tmp) / "demo.sqlite")
        load_demo(lite, TODAY)
        differences = []
        for table in Base.metadata.sorted_tables:
            with lite.session() as a, db.session() as b:
                n_lite = a.execute(select(func.count()).select_from(table)).scalar_one()
                n_pg = b.execute(select(func.count()).select_from(table)).scalar_one()
            if n_lite != n_pg:
                differences.append(f"{table.name}: sqlite {n_lite}, postgresql {n_pg}")
        lite.dispose()
    if differences:
        raise AssertionError("; ".join(differences))
    return f"{len(Base.metadata.sorted_tables)} tables compared"


if __name__ == "__main__":
    sys.exit(main())
