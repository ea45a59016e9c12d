"""The recompute's writer (engine._ResultWriter: rows as tuples to the driver's executemany, one
computed_at per run, JSON encoded by a C encoder built once) stores the same bytes as the earlier writer
(SQLAlchemy's executemany of a dict per row, tests/core/tools/earlier_writer.py), on SQLite and on a
PostgreSQL server; a failed recompute leaves the stored rows and the table's indexes as they were."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Text, cast, exc, inspect, select

from app.core.db.engine import Database
from app.core.db.models import ToolResult
from app.core.tools import engine
from app.core.tools.service import recompute_all
from tests.core.tools import earlier_writer
from tests.core.tools.gminas import TODAY, copy_of, make_generated

# runs on SQLite and on the tests' PostgreSQL server (tests/conftest.py, issue 19)
pytestmark = pytest.mark.pg

_T = ToolResult.__table__
_TEXT = ("outputs", "inputs_used", "problems", "weights_used")


def _raw_rows(db: Database) -> dict[tuple[str, str, int, int], tuple[Any, ...]]:
    """Every stored row as the database holds it (JSON as its text), but its id and computed_at."""
    columns = [
        cast(_T.c[c], Text) if c in _TEXT else _T.c[c] for c in engine._ROW_COLUMNS
    ]  # json::text on PostgreSQL keeps the text as written
    with db.session() as s:
        return {(r[0], r[1], r[2], r[3]): tuple(r[4:]) for r in s.execute(select(*columns))}


def _computed_at(db: Database) -> set[dt.datetime]:
    with db.session() as s:
        return set(s.scalars(select(_T.c.computed_at).distinct()))


@pytest.fixture(scope="module")
def demo_db(request: pytest.FixtureRequest, db_backend: str, tmp_path_factory: pytest.TempPathFactory) -> Database:
    from app.core.demo import load_demo
    from tests.conftest import new_database

    db = new_database(request, db_backend, tmp_path_factory.mktemp("writer") / "demo.sqlite")
    load_demo(db, TODAY)  # ends with a recompute
    return db


def test_the_demo_stores_the_bytes_of_the_earlier_writer(demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as m:
        earlier_writer.restore(m)
        recompute_all(demo_db, as_of=TODAY)
    before = _raw_rows(demo_db)
    assert len(_computed_at(demo_db)) > 1  # the earlier writer: a time per row
    started = engine.utcnow()
    recompute_all(demo_db, as_of=TODAY)
    after = _raw_rows(demo_db)
    assert len(after) > 500  # 702 rows
    assert after == before
    # one time for the run, taken when it started writing
    (when,) = _computed_at(demo_db)
    assert started <= when <= engine.utcnow()


def test_a_generated_gmina_stores_the_bytes_of_the_earlier_writer(
    db_backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if db_backend != "sqlite":
        pytest.skip("the generator writes an SQLite file")
    source = make_generated(tmp_path / "generated.sqlite")
    db = copy_of(source, tmp_path / "new.sqlite")
    recompute_all(db, as_of=TODAY)
    new = _raw_rows(db)
    db.dispose()
    db = copy_of(source, tmp_path / "earlier.sqlite")
    with monkeypatch.context() as m:
        earlier_writer.restore(m)
        recompute_all(db, as_of=TODAY)
    old = _raw_rows(db)
    db.dispose()
    assert len(new) > 1000
    assert new == old


def test_a_failed_recompute_leaves_the_rows_and_the_indexes(demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    recompute_all(demo_db, as_of=TODAY)
    before, times = _raw_rows(demo_db), _computed_at(demo_db)
    written = 0
    real = engine.encoded_row

    def failing(*args: Any) -> Any:
        nonlocal written
        written += 1
        if written > 250:  # two batches of 100 are in the database already
            raise RuntimeError("stop")
        return real(*args)

    with monkeypatch.context() as m:
        m.setattr(engine, "encoded_row", failing)
        m.setattr(engine, "_BATCH", 100)
        with pytest.raises(RuntimeError):
            recompute_all(demo_db, as_of=TODAY)
    assert written > 250
    assert _raw_rows(demo_db) == before
    assert _computed_at(demo_db) == times
    _assert_indexes(demo_db)


def _assert_indexes(db: Database) -> None:
    with db.engine.connect() as conn:
        found = inspect(conn)
        indexes = {i["name"]: i["column_names"] for i in found.get_indexes("tool_result") if not i.get("unique")}
        uniques = [u["column_names"] for u in found.get_unique_constraints("tool_result")]
    # schema 14: no index on tool_id alone (the unique constraint's index begins with it)
    assert indexes == {"ix_tool_result_year": ["year"]}
    assert uniques == [["tool_id", "scope_kind", "scope_id", "year"]]


def test_the_indexes_after_a_full_recompute(demo_db: Database) -> None:
    recompute_all(demo_db, as_of=TODAY)
    _assert_indexes(demo_db)


def test_a_driver_error_is_raised_as_sqlalchemy_raises_it(demo_db: Database) -> None:
    """Database.session translates SQLAlchemy's errors (locked, disk full, no permission): the writer,
    bypassing execute(), must raise them too, and the transaction rolls back."""
    before = _raw_rows(demo_db)
    row = ("E-01", "contract", 999_999, 2024, "{}", "{}", "[]", "v", "{}")
    with pytest.raises(exc.IntegrityError), demo_db.session() as s:
        writer = engine._ResultWriter(s)
        writer.add(row)
        writer.add(row)  # the same key twice: the unique constraint refuses it
        writer.flush()
    assert _raw_rows(demo_db) == before


def test_a_mapping_row_is_written_like_a_tuple(demo_db: Database) -> None:
    """The index rows come as mappings (their computed_at gives way to the run's)."""
    fixed = dt.datetime(2026, 12, 7, 8, 30, 15, 123456)
    with demo_db.session() as s:
        writer = engine._ResultWriter(s, computed_at=fixed)
        writer.add(("E-01", "contract", 999_998, 2024, '{"a":"1.50"}', "{}", "[]", "v1", "{}"))
        writer.add(
            dict(
                tool_id="E-01",
                scope_kind="contract",
                scope_id=999_998,
                year=2025,
                outputs='{"a":"2"}',
                inputs_used="{}",
                problems='[{"field":"x","label":"\\u2014","message":"m"}]',
                catalogue_version="v1",
                weights_used="{}",
                computed_at=dt.datetime(2000, 1, 1),
            )
        )
        writer.flush()
        assert writer.written == 2
    try:
        with demo_db.session() as s:
            got = {
                r.year: r
                for r in s.scalars(
                    select(ToolResult).where(ToolResult.scope_id == 999_998, ToolResult.tool_id == "E-01")
                )
            }
            assert got[2024].outputs == {"a": "1.50"} and got[2025].outputs == {"a": "2"}
            assert got[2025].problems == [{"field": "x", "label": "—", "message": "m"}]
            assert got[2024].computed_at == fixed and got[2025].computed_at == fixed  # to the microsecond
    finally:
        with demo_db.session() as s:
            s.execute(_T.delete().where(_T.c.scope_id == 999_998))


def test_encode_writes_the_earlier_text() -> None:
    """Hand-written JSON: compact separators, Decimal and dates as text, non-ASCII escaped (as
    json.dumps and the earlier JSONEncoder.encode); keys that are not text take the general path."""
    cases: list[tuple[Any, str]] = [
        ({}, "{}"),
        ([], "[]"),
        ({"k": Decimal("1.50"), "n": 3, "b": True, "none": None}, '{"k":"1.50","n":3,"b":true,"none":null}'),
        ({"d": dt.date(2026, 12, 7)}, '{"d":"2026-12-07"}'),
        ({"rows": ({"a": Decimal("0.1")}, {"a": None})}, '{"rows":[{"a":"0.1"},{"a":null}]}'),
        ({"s": frozenset({"b", "a"})}, '{"s":["a","b"]}'),
        ({"t": "Łódź — 5 %"}, '{"t":"\\u0141\\u00f3d\\u017a \\u2014 5 %"}'),
        ({(1, 2): Decimal("2")}, '{"(1, 2)":"2"}'),  # to_json names the key with str()
        ("text", '"text"'),
    ]
    for value, text in cases:
        assert engine._encode(value) == text, value
        assert engine._encode(value) == earlier_writer._encode(value), value
