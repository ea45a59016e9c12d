"""The bulk recompute (every record loaded once into a snapshot) and the per-record path a form uses
(only its scope's records read on demand) must give the same stored figures, to the last digit."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
from sqlalchemy import select

from app.core.db.models import ToolResult
from app.core.tools import service
from app.core.tools.catalogue import reload_catalogue
from app.core.tools.engine import Engine, result_row
from app.core.tools.indices import INDEX_PREFIX, composite_indices

# runs on SQLite and on the tests' PostgreSQL server (tests/conftest.py, issue 19)
pytestmark = pytest.mark.pg

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo(request, db_backend, tmp_path_factory):  # type: ignore[no-untyped-def]
    from app.core.demo import load_demo
    from tests.conftest import new_database

    reload_catalogue()
    db = new_database(request, db_backend, tmp_path_factory.mktemp("recompute") / "demo.sqlite")
    load_demo(db, TODAY)  # ends with recompute_all(as_of=TODAY)
    return db


def _stored(db) -> dict[tuple[str, str, int, int], dict]:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return {
            (r.tool_id, r.scope_kind, r.scope_id, r.year): {
                "outputs": r.outputs,
                "inputs_used": r.inputs_used,
                "problems": r.problems,
                "catalogue_version": r.catalogue_version,
                "weights_used": r.weights_used,
            }
            for r in s.scalars(select(ToolResult))
        }


def test_bulk_recompute_equals_the_per_record_path(demo) -> None:  # type: ignore[no-untyped-def]
    stored = _stored(demo)
    tools = {k: v for k, v in stored.items() if not k[0].startswith(INDEX_PREFIX)}
    assert len(tools) > 500  # the demo uses every tool for many records
    by_scope: dict[tuple[str, int], list[tuple[str, int]]] = defaultdict(list)
    for tool_id, kind, sid, year in tools:
        by_scope[(kind, sid)].append((tool_id, year))
    compared = 0
    with demo.session() as s:
        for (kind, sid), pairs in by_scope.items():
            eng = Engine(s, as_of=TODAY)  # lazy: reads this record's data only, as open_tool does
            assert not eng.full
            for tool_id, year in pairs:
                row = result_row(eng.compute(tool_id, (kind, sid), year), eng.catalogue.version)
                expected = tools[(tool_id, kind, sid, year)]
                assert {k: row[k] for k in expected} == expected, (tool_id, kind, sid, year)
                compared += 1
    assert compared == len(tools)


def test_stored_indices_equal_the_per_contract_computation(demo) -> None:  # type: ignore[no-untyped-def]
    stored = {k: v for k, v in _stored(demo).items() if k[0].startswith(INDEX_PREFIX) and k[1] == "contract"}
    assert stored
    checked = 0
    for (tool_id, _kind, cid, year), row in sorted(stored.items())[:40]:
        with demo.session() as s:
            idx = {i.model_code: i for i in composite_indices(s, [cid], year, as_of=TODAY)}
        assert str(idx[tool_id[len(INDEX_PREFIX) :]].value) == row["outputs"]["value"]
        checked += 1
    assert checked == 40


def test_recompute_is_repeatable(demo) -> None:  # type: ignore[no-untyped-def]
    before = _stored(demo)
    summary = service.recompute_all(demo, as_of=TODAY)
    after = _stored(demo)
    assert after == before  # same inputs, same figures (computed_at aside)
    assert summary.computed == len([k for k in after if not k[0].startswith(INDEX_PREFIX)])


def test_summary_indices_equal_the_gmina_indices(demo) -> None:  # type: ignore[no-untyped-def]
    """The recompute's summary takes each contract's latest index from the values it stored (year by
    year, its computations are dropped); composite_indices computes them anew from the records."""
    summary = service.recompute_all(demo, as_of=TODAY)
    with demo.session() as s:
        fresh = {i.model_code: i.value for i in composite_indices(s, None, None, as_of=TODAY)}
    assert summary.indices == fresh
    assert any(v is not None for v in fresh.values())
