"""SQL stays portable: a shared PostgreSQL server for a multi-seat office is on the roadmap.

Three guards that need no server (the tests marked `pg` then run the services on a real one, tests/pg.py):
(a) the schema - every model table and the frozen migration step - compiles to PostgreSQL DDL
    with the types we rely on (money BIGINT, flags BOOLEAN, tool data JSON);
(b) no raw SQL text in app/ outside the files that are SQLite-specific by purpose (ALLOWED);
(c) the statements the main services really execute (recorded on a SQLite demo database)
    compile for the PostgreSQL dialect and use no SQLite-only function.
"""

from __future__ import annotations

import ast
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import CreateIndex, CreateTable

from app.core.db.models import Base

ROOT = Path(__file__).resolve().parents[3]
APP = ROOT / "app"
PG = postgresql.dialect()


# --------------------------------------------------------------------------- (a) schema / DDL


def _create_table_sql(table_name: str) -> str:
    table = Base.metadata.tables[table_name]
    return " ".join(str(CreateTable(table).compile(dialect=PG)).split())


def test_every_model_table_compiles_for_postgresql() -> None:
    tables = Base.metadata.sorted_tables
    assert len(tables) >= 25  # 28 on 2026-12-01; a vanished import would silently shrink the check
    for table in tables:
        ddl = str(CreateTable(table).compile(dialect=PG))
        assert ddl.startswith(f"\nCREATE TABLE {table.name} ("), ddl
        assert "AUTOINCREMENT" not in ddl  # an SQLite-only keyword
        for index in table.indexes:
            str(CreateIndex(index).compile(dialect=PG))


def test_model_ddl_uses_the_portable_types() -> None:
    contract = _create_table_sql("contract")
    assert "id SERIAL NOT NULL" in contract  # an integer primary key becomes a sequence on PostgreSQL
    assert "unit_rate BIGINT" in contract  # Money: integer grosze
    assert "created_at TIMESTAMP WITHOUT TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL" in contract
    assert "status VARCHAR(40) NOT NULL" in contract  # EnumCode: a code string, no database ENUM type
    assert (
        "CONSTRAINT fk_contract_task_id_public_task FOREIGN KEY(task_id) REFERENCES public_task (id) "
        "ON DELETE SET NULL" in contract
    )
    procedure = _create_table_sql("procedure")
    assert "annulled BOOLEAN NOT NULL" in procedure
    tool_result = _create_table_sql("tool_result")
    assert "outputs JSON NOT NULL" in tool_result
    assert "problems JSON NOT NULL" in tool_result


def _migration_sql() -> str:
    """Every step's upgrade(op) run offline (as_sql) for PostgreSQL, the way migrate_database runs them."""
    import importlib

    from alembic.migration import MigrationContext
    from alembic.operations import Operations

    from app.core.db.migrations import STEPS

    buffer = io.StringIO()
    context = MigrationContext.configure(
        dialect_name="postgresql", opts={"as_sql": True, "output_buffer": buffer, "render_as_batch": True}
    )
    for step in STEPS:  # every step in order, as migrate_database runs them
        importlib.import_module(step).upgrade(Operations(context))
    return buffer.getvalue()


def _added_columns(sql: str) -> dict[str, list[str]]:
    """ALTER TABLE name ADD COLUMN definition (later steps), in order, per table."""
    out: dict[str, list[str]] = {}
    for chunk in sql.split(";"):
        match = re.match(r"ALTER TABLE (\w+) ADD COLUMN (.+)", " ".join(chunk.split()))
        if match:
            out.setdefault(match.group(1), []).append(match.group(2))
    return out


def _statements(sql: str) -> dict[str, str]:
    """CREATE TABLE name -> its statement on one line, with the columns later steps added (ALTER TABLE
    ... ADD COLUMN) appended in order, as the table stands after the last step."""
    out: dict[str, str] = {}
    for chunk in sql.split(";"):
        flat = " ".join(chunk.split())
        match = re.match(r"CREATE TABLE (\w+) \(", flat)
        if match:
            out[match.group(1)] = flat
        dropped = re.match(r"ALTER TABLE (\w+) ALTER COLUMN (\w+) DROP NOT NULL$", flat)
        if dropped and dropped.group(1) in out:  # a later step made a column nullable
            table, column = dropped.groups()
            out[table] = re.sub(rf"(\b{column} [^,]*?) NOT NULL", r"\1", out[table], count=1)
        added = re.match(r"ALTER TABLE (\w+) ADD COLUMN (.+)$", flat)
        if added and added.group(1) in out:
            create = out[added.group(1)]
            columns, constraints = _split(create)
            out[added.group(1)] = (
                create[: create.index("(") + 1] + ", ".join(columns + [added.group(2)] + constraints) + ")"
            )
    return out


def _split(statement: str) -> tuple[list[str], list[str]]:
    body = statement[statement.index("(") + 1 : statement.rindex(")")].strip()
    parts = [p.strip() for p in re.split(r",\s+(?=\w+ )", body)]
    first = next(
        (i for i, p in enumerate(parts) if p.split(" ")[0] in ("CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN", "CHECK")),
        len(parts),
    )
    return parts[:first], parts[first:]


def test_frozen_migration_renders_postgresql_ddl() -> None:
    sql = _migration_sql()
    tables = _statements(sql)
    # the step creates exactly the tables the models declare
    assert set(tables) == set(Base.metadata.tables)
    # the indexes the models declare, net of those a later step dropped (schema 14: tool_result's on tool_id)
    created = set(re.findall(r"CREATE INDEX (\w+) ", sql)) - set(re.findall(r"DROP INDEX (\w+)", sql))
    assert created == {i.name for t in Base.metadata.tables.values() for i in t.indexes}
    assert "AUTOINCREMENT" not in sql and "PRAGMA" not in sql
    assert "id SERIAL NOT NULL" in tables["contract"]
    assert "unit_rate BIGINT" in tables["contract"]
    assert "amount BIGINT NOT NULL" in tables["tranche"]
    assert "planned_total BIGINT" in tables["cooperation_programme"]
    assert "wkus_model_adopted BOOLEAN NOT NULL" in tables["cooperation_programme"]
    assert "recommendations_done BOOLEAN NOT NULL" in tables["control"]
    assert "inputs JSON NOT NULL" in tables["tool_entry"]
    assert "inputs_used JSON NOT NULL" in tables["tool_result"]
    # sa.text('(CURRENT_TIMESTAMP)') in the frozen step is standard SQL, valid on PostgreSQL too
    assert "created_at TIMESTAMP WITHOUT TIME ZONE DEFAULT (CURRENT_TIMESTAMP) NOT NULL" in tables["contract"]
    assert (
        "CONSTRAINT fk_contract_party_organisation_id_organisation FOREIGN KEY(organisation_id) "
        "REFERENCES organisation (id) ON DELETE RESTRICT"
    ) in tables["contract_party"]
    assert "CREATE INDEX ix_tranche_contract_id ON tranche (contract_id)" in sql


def test_migration_and_models_give_the_same_postgresql_columns() -> None:
    """The frozen step and the models must not drift apart (the app writes through the models)."""
    sql = _migration_sql()
    migrated, added = _statements(sql), _added_columns(sql)
    assert "version INTEGER DEFAULT '1' NOT NULL" in added["contract"]  # schema 7 (record versions)
    for name in Base.metadata.tables:
        columns, constraints = _parts(migrated[name])
        model_columns, model_constraints = _parts(_create_table_sql(name))
        # a later step appends its columns after the timestamps the model's mixin puts last, so the
        # columns are compared as sets of definitions (their order carries no meaning in SQL)
        assert sorted(columns) == sorted(model_columns), name
        assert constraints == model_constraints, name


def _parts(statement: str, keep_order: bool = False) -> tuple[list[str], Any]:
    """(column definitions in order, table constraints) of one CREATE TABLE; the constraints as a set,
    or (`keep_order`: to rebuild the statement) in their order with the text untouched."""
    body = statement[statement.index("(") + 1 : statement.rindex(")")].strip()
    if not keep_order:
        # server defaults are written (CURRENT_TIMESTAMP) by the step and CURRENT_TIMESTAMP by the model
        body = body.replace("(CURRENT_TIMESTAMP)", "CURRENT_TIMESTAMP")
    parts = [p.strip() for p in re.split(r",\s+(?=\w+ )", body)]
    first_constraint = next(
        i for i, p in enumerate(parts) if p.split(" ")[0] in ("CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN", "CHECK")
    )
    assert first_constraint > 0, statement
    return parts[:first_constraint], (parts[first_constraint:] if keep_order else set(parts[first_constraint:]))


# --------------------------------------------------------------------------- (b) static scan

#: Files that are SQLite-specific by purpose, each with the reason. Everything else in app/ must
#: reach the database only through SQLAlchemy constructs.
ALLOWED: dict[str, str] = {
    "app/core/db/engine.py": "engine setup: PRAGMAs on connect, the sqlite_master probe when opening a file",
    "app/core/db/sqlite_file.py": "the database FILE: online backup API, integrity_check, WAL checkpoint",
    "app/core/db/plain_reads.py": (
        "the Pulpit's row reader: sqlite3 reads the file at start-up before SQLAlchemy is imported, text() runs "
        "the same portable SQL text through SQLAlchemy elsewhere (the text itself is scanned where it is written; "
        "tests/core/db/test_plain_reads.py runs it on PostgreSQL)"
    ),
    "app/core/db/migrations/__init__.py": "backup_before_migration copies the file with sqlite3's backup API",
    "app/core/db/migrations/v0001_initial.py": (
        "frozen step; its sa.text('(CURRENT_TIMESTAMP)') defaults are "
        "compiled for PostgreSQL by test_frozen_migration_renders_"
        "postgresql_ddl"
    ),
    "app/core/backup/copy.py": "backup of the file (sqlite3 errors from the online backup API)",
    "app/core/backup/integrity.py": "quick/full check of the file (sqlite3 errors from PRAGMA integrity_check)",
    "app/core/backup/preview.py": "opening a backup FILE read-only to preview it",
    "app/core/backup/restore.py": "swapping database files, checkpointing the WAL",
    "app/core/backup/schema_check.py": (
        "a backup or restored FILE's tables, columns and foreign keys compared with "
        "what the migrations build (PRAGMA table_info / foreign_key_list)"
    ),
    "app/core/db/roles.py": (
        "the office server's seats: PostgreSQL roles and grants (CREATE ROLE, GRANT, "
        "has_table_privilege) exist only there; tested on a real server (test_server_roles)"
    ),
}

#: SQLite-only SQL functions (func.<name>): each has a different name or meaning on PostgreSQL.
SQLITE_ONLY_FUNCTIONS = frozenset(
    {
        "strftime",
        "julianday",
        "unixepoch",
        "datetime",
        "group_concat",
        "ifnull",
        "instr",
        "printf",
        "total",
        "iif",
        "glob",
        "likelihood",
        "randomblob",
        "zeroblob",
        "last_insert_rowid",
        "changes",
    }
)
SQLITE_ONLY_TEXT = re.compile(
    r"\bPRAGMA\b|sqlite_master|sqlite_schema|sqlite_sequence|\bAUTOINCREMENT\b|\bINSERT\s+OR\s+\w+"
    r"|^\s*OR\s+(REPLACE|IGNORE|ROLLBACK|ABORT|FAIL)\b|\bWITHOUT\s+ROWID\b|\browid\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Hit:
    line: int
    kind: str
    code: str


def _docstring_nodes(tree: ast.AST) -> set[int]:
    ids: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if (
                isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
            ):
                ids.add(id(first.value))
    return ids


def scan_source(source: str) -> list[Hit]:
    """Raw SQL in one module: sqlite3/SQLite-dialect imports, text()/literal_column() from SQLAlchemy,
    exec_driver_sql, .execute()/.executescript() of a string, SQLite-only functions and keywords."""
    tree = ast.parse(source)
    hits: list[Hit] = []
    textual: set[str] = set()  # local names of sqlalchemy.text / literal_column
    sa_modules: set[str] = set()  # local names of the sqlalchemy package (and .sql, .sql.expression)
    docstrings = _docstring_nodes(tree)

    def hit(node: ast.AST, kind: str) -> None:
        hits.append(Hit(getattr(node, "lineno", 0), kind, ast.unparse(node)[:120]))

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "sqlite3":
                    hit(node, "sqlite3 import")
                elif alias.name.startswith("sqlalchemy.dialects.sqlite"):
                    hit(node, "SQLite dialect import")
                elif alias.name in ("sqlalchemy", "sqlalchemy.sql", "sqlalchemy.sql.expression"):
                    sa_modules.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if module.split(".")[0] == "sqlite3":
                hit(node, "sqlite3 import")
            elif module.startswith("sqlalchemy.dialects.sqlite"):
                hit(node, "SQLite dialect import")
            elif module.startswith("sqlalchemy"):
                for alias in node.names:
                    if alias.name in ("text", "literal_column", "TextClause"):
                        textual.add(alias.asname or alias.name)
                    elif alias.name in ("sql", "expression"):
                        sa_modules.add(alias.asname or alias.name)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            if isinstance(f, ast.Name) and f.id in textual:
                hit(node, "raw SQL text()")
            elif isinstance(f, ast.Attribute):
                if f.attr in ("text", "literal_column") and isinstance(f.value, ast.Name) and f.value.id in sa_modules:
                    hit(node, "raw SQL text()")
                elif f.attr == "exec_driver_sql":
                    hit(node, "exec_driver_sql")
                elif (
                    f.attr in ("execute", "executescript", "executemany")
                    and node.args
                    and isinstance(node.args[0], (ast.Constant, ast.JoinedStr, ast.BinOp))
                ):
                    hit(node, "execute() of a string")
                elif f.attr in SQLITE_ONLY_FUNCTIONS and isinstance(f.value, ast.Name) and f.value.id == "func":
                    hit(node, "SQLite-only function")
            for keyword in node.keywords:
                if keyword.arg and keyword.arg.startswith("sqlite_"):
                    hit(node, "SQLite-only option")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and SQLITE_ONLY_TEXT.search(node.value)
        ):
            hit(node, "SQLite-only SQL in a string")
    return sorted(hits, key=lambda h: h.line)


def _app_files() -> list[Path]:
    return sorted(p for p in APP.rglob("*.py") if "__pycache__" not in p.parts)


def test_no_raw_sql_outside_the_sqlite_specific_files() -> None:
    problems = []
    for path in _app_files():
        rel = path.relative_to(ROOT).as_posix()
        if rel in ALLOWED:
            continue
        for h in scan_source(path.read_text(encoding="utf-8")):
            problems.append(f"{rel}:{h.line}: {h.kind}: {h.code}")
    assert not problems, (
        "SQLite-only or raw SQL outside the allow-list (use SQLAlchemy constructs, or move "
        "file-level SQLite code into app/core/db/sqlite_file.py):\n" + "\n".join(problems)
    )


def test_the_allow_list_is_current() -> None:
    """Every allowed file exists and still needs its exemption (remove an entry once it is clean)."""
    for rel, reason in ALLOWED.items():
        path = ROOT / rel
        assert path.is_file(), rel
        assert reason
        assert scan_source(path.read_text(encoding="utf-8")), f"{rel} is clean now: drop it from ALLOWED"


PLANTED = '''
"""A docstring may mention PRAGMA and sqlite_master freely."""
import sqlite3
import sqlalchemy as sa
from sqlalchemy import func, select, text as sql_text
from sqlalchemy.dialects.sqlite import insert

def bad(session, conn, cursor):
    session.execute(sql_text("SELECT 1"))                                    # 9
    session.execute(sa.text("DELETE FROM contract"))                         # 10
    conn.exec_driver_sql("VACUUM")                                           # 11
    cursor.execute("UPDATE tranche SET amount = 0")                          # 12
    cursor.execute(f"PRAGMA {'foreign_keys'}")                               # 13
    select(func.strftime("%Y", "now"))                                       # 14
    select(func.group_concat("x"))                                           # 15
    sa.Table("t", sa.MetaData(), sqlite_autoincrement=True)                  # 16
    sa.insert(sa.table("t")).prefix_with("OR IGNORE")                        # 17
    return "SELECT name FROM sqlite_master"                                  # 18
'''

CLEAN = '''
"""Portable code: Qt and validators also have .text(); func.count/max/sum/coalesce are standard."""
from sqlalchemy import func, select

def good(self, session, c, data, Contract):
    label = self.title_edit.text()
    c.text("title", "Tytuł", data.title, required=True, max_length=400)
    rows = session.execute(select(Contract.id, func.count(), func.coalesce(func.sum(Contract.id), 0))
                           .where(Contract.title.ilike("%fund%")).group_by(Contract.id))
    return label, rows, "The text mentions a pragmatic approach and a row of data."
'''


def test_the_scan_catches_planted_raw_sql() -> None:
    hits = scan_source(PLANTED)
    found = {(h.line, h.kind) for h in hits}
    assert found == {
        (3, "sqlite3 import"),
        (6, "SQLite dialect import"),
        (9, "raw SQL text()"),
        (10, "raw SQL text()"),
        (11, "exec_driver_sql"),
        (12, "execute() of a string"),
        (13, "execute() of a string"),
        (13, "SQLite-only SQL in a string"),  # the f-string's literal part
        (14, "SQLite-only function"),
        (15, "SQLite-only function"),
        (16, "SQLite-only option"),
        (17, "SQLite-only SQL in a string"),
        (18, "SQLite-only SQL in a string"),
    }, hits


def test_the_scan_passes_portable_code() -> None:
    assert scan_source(CLEAN) == []


# --------------------------------------------------------------------------- (c) real statements

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):  # type: ignore[no-untyped-def]
    from app.core.db.engine import open_database
    from app.core.demo import load_demo

    db = open_database(tmp_path_factory.mktemp("portability") / "demo.sqlite")
    load_demo(db, TODAY)
    yield db
    db.dispose()


def test_the_services_statements_compile_for_postgresql(demo) -> None:  # type: ignore[no-untyped-def]
    """Every statement the main reads and the tools recompute execute, compiled for PostgreSQL."""
    from sqlalchemy.sql import ClauseElement

    from app.core.law.deadlines import collect_deadlines
    from app.core.law.rules import check_all
    from app.core.services import contracts, cooperation, organisations, procedures, programmes, tasks
    from app.core.services.dashboard import dashboard
    from app.core.tools.service import recompute_all

    recorded: list[ClauseElement] = []

    def record(_conn, clauseelement, *_args):  # type: ignore[no-untyped-def]
        recorded.append(clauseelement)

    event.listen(demo.engine, "before_execute", record)
    try:
        dashboard(demo, TODAY)
        # 31 + the reminder to call for the demo's overdue 2025 annual report (issue 17, rule SPR-3)
        assert len(collect_deadlines(demo, TODAY)) == 32
        check_all(demo, TODAY)
        organisations.list_organisations(demo, search="fund")
        tasks.list_tasks(demo)
        programmes.list_programmes(demo)
        procedures.list_procedures(demo)
        contracts.list_contracts(demo, today=TODAY)
        cooperation.list_cooperation(demo)
        recompute_all(demo, as_of=TODAY)  # reads the snapshot, writes tool_result rows (INSERT/UPDATE/DELETE)
    finally:
        event.remove(demo.engine, "before_execute", record)

    kinds = {type(c).__name__ for c in recorded}
    # the recompute's result rows go to the driver's executemany with the INSERT compiled for the
    # connection's dialect (engine._ResultWriter), not through execute(): that INSERT is compiled for
    # PostgreSQL and run on a server in tests/core/tools/test_result_writer.py
    assert {"Select", "Delete"} <= kinds, kinds
    assert len(recorded) >= 20
    for clause in recorded:
        sql = str(clause.compile(dialect=PG))
        lowered = sql.lower()
        for name in SQLITE_ONLY_FUNCTIONS:
            assert f"{name}(" not in lowered, sql
        assert not SQLITE_ONLY_TEXT.search(sql), sql
