"""The recompute reads each source once per scope-year, each contract's reports and results once, and
the tranche money and MKUS figures of every year at once (sources.Scope.read/shared, Engine.source_scope,
figures.mkus_indicators.MkusYears). Every stored figure must equal what the earlier readings gave: one
Scope per computation, each source read again, the year's money and MKUS figures asked from their owner
year by year. Both are run here, the earlier readings restored by monkeypatching, on the demo and on a
varied generated gmina, and every stored row compared."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.core.figures import money
from app.core.figures.mkus_indicators import mkus_indicators
from app.core.tools import sources
from app.core.tools.engine import Engine
from app.core.tools.results import result_data
from app.core.tools.service import recompute_all
from tests.core.tools.gminas import TODAY, copy_of, make_demo, make_generated, stored_rows


@pytest.fixture(scope="module")
def gminas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("readings")
    return {"demo": make_demo(base / "demo.sqlite"), "generated": make_generated(base / "generated.sqlite")}


class _YearByYear:
    """The earlier MKUS reading: the owner asked for each year on its own."""

    def __init__(self, session: Any) -> None:
        self.session = session

    def of(self, year: int, rows: Any = None) -> Any:
        return mkus_indicators(self.session, year)


def earlier_readings(monkeypatch: pytest.MonkeyPatch) -> None:
    def fresh_scope(self: Engine, scope: Any, year: int) -> sources.Scope:
        return sources.Scope(self.session, scope[0], scope[1], year, self.records)  # nothing shared

    monkeypatch.setattr(Engine, "source_scope", fresh_scope)
    monkeypatch.setattr(sources, "_reports_by_year", lambda s, c: sources.year_reports_of(c))
    monkeypatch.setattr(sources, "_result_data", lambda s, c: [result_data(p) for p in c.planned_results])
    monkeypatch.setattr(sources, "_mkus_years", lambda s: _YearByYear(s.session))
    monkeypatch.setattr(sources, "_year_tranche_money", lambda s: money.tranche_money(s.session, year=s.year))


@pytest.mark.parametrize("name", ["demo", "generated"])
def test_shared_readings_store_the_same_figures(
    name: str, gminas: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = copy_of(gminas[name], tmp_path / "new.sqlite")
    recompute_all(db, as_of=TODAY)
    new = stored_rows(db)
    db.dispose()
    with monkeypatch.context() as m:
        earlier_readings(m)
        db = copy_of(gminas[name], tmp_path / "old.sqlite")
        recompute_all(db, as_of=TODAY)
        old = stored_rows(db)
        db.dispose()
    assert len(old) > 500  # every tool used for many records
    # tools whose readings changed (the generated gmina has no programme: its W-10/W-11 have no result)
    assert {k[0] for k in old} >= {"E-11", "J-04", "E-13", "E-04", *(("W-10", "W-11") if name == "demo" else ())}
    assert new == old


def test_a_source_is_read_once_per_scope_and_year(gminas: dict[str, Path], tmp_path: Path) -> None:
    db = copy_of(gminas["demo"], tmp_path / "demo.sqlite")
    with db.session() as s:
        eng = Engine(s, as_of=TODAY, full=True)
        cid = eng.records.contracts[0].id
        year = eng.records.contracts[0].years[0]
        scope = eng.source_scope(("contract", cid), year)
        assert eng.source_scope(("contract", cid), year) is scope
        first = sources.read_source(scope, "results")
        assert sources.read_source(scope, "results") is first
        # another year: that year's scopes only are kept
        other = eng.source_scope(("contract", cid), year + 1)
        assert other is not scope and other.year == year + 1
        assert eng.source_scope(("contract", cid), year) is not scope
    db.dispose()


def _earlier_scopes_for(eng: Engine, tool: Any, contracts: Any = None) -> list[Any]:
    """Engine.scopes_for as it was before its contract-years were kept per kind (a copy)."""
    from app.core.tools.engine import GMINA, contract_years

    pairs: set[Any] = set()
    if not tool.sourced_inputs:
        return sorted(((kind, sid), year) for (_tid, kind, sid, year) in eng.records.entry_keys_of(tool.id))
    if contracts is None or tool.scope not in ("contract", "task"):
        contracts = eng.records.contracts
    if tool.scope == "contract":
        for c in contracts:
            for y in contract_years(c):
                pairs.add((("contract", c.id), y))
    elif tool.scope == "task":
        for c in contracts:
            if c.task_id is not None:
                for y in contract_years(c):
                    pairs.add((("task", c.task_id), y))
    elif tool.scope == "programme":
        for p in eng.records.programmes:
            for y in range(p.year_from, p.year_to + 1):
                pairs.add((("programme", p.id), y))
    else:
        for y in {y for c in contracts for y in contract_years(c)}:
            pairs.add((GMINA, y))
    for _tid, kind, sid, year in eng.records.entry_keys_of(tool.id):
        pairs.add(((kind, sid), year))
    return sorted(pairs)


@pytest.mark.parametrize("name", ["demo", "generated"])
def test_scopes_for_equals_the_earlier_listing(name: str, gminas: dict[str, Path], tmp_path: Path) -> None:
    db = copy_of(gminas[name], tmp_path / "gmina.sqlite")
    with db.session() as s:
        eng = Engine(s, as_of=TODAY, full=True)
        every = eng.records.contracts
        some = every[::3]
        with_entries = 0
        for contracts in (None, some, None, every, some):  # the kept lists asked again and replaced
            for tool in eng.catalogue.tools:
                got = eng.scopes_for(tool, contracts)
                assert got == _earlier_scopes_for(eng, tool, contracts), (tool.id, contracts is None)
                with_entries += bool(eng.records.entry_keys_of(tool.id))
        assert with_entries > 0
    db.dispose()
