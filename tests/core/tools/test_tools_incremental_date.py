"""The reference date moved within its year (the clerk opens the app the next morning): an incremental
recompute computes again only the tools that read the date (formulas registered with `reads_date`) and
what reads their outputs (incremental.date_reach), and stores exactly what a full recompute at the new
date stores on a copy of the same database. A date in another year still recomputes everything."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.core.db.engine import Database, open_database
from app.core.db.models import Contract, ContractReport, ToolEntry
from app.core.tools import service
from app.core.tools.catalogue import bundled_path, get_catalogue, parse_catalogue, reload_catalogue, set_catalogue
from app.core.tools.engine import Engine, contract_years, evaluate
from app.core.tools.formulas import FORMULAS, Ctx, Formula, UndeclaredDateRead
from app.core.tools.incremental import date_reach
from tests.core.tools.gminas import computed_at, stored_rows

#: the demo's own reference date (load_demo ends with a full recompute at it)
DEMO_DAY = dt.date(2026, 11, 22)
#: the two reference dates: the same year, the due dates of the entries below fall between them
D1, D2 = dt.date(2026, 6, 1), dt.date(2026, 6, 20)
YEAR = 2026
#: J-14's actions: at D1 one is overdue (due 1 May, in progress); at D2 two (also due 10 June, in progress);
#: the one due 15 June is done and never overdue
ACTIONS = [
    {"finding": "F1", "action": "A1", "owner": "O", "due": "2026-06-10", "status": "progress", "source": "control"},
    {"finding": "F2", "action": "A2", "owner": "O", "due": "2026-05-01", "status": "progress", "source": "control"},
    {"finding": "F3", "action": "A3", "owner": "O", "due": "2026-06-15", "status": "done", "source": "external"},
]
#: W-14's milestones: planned 5 June, not done: "planned" at D1, "overdue" at D2; the other done on time
MILESTONES = [
    {"milestone": "M1", "owner": "GOPS", "planned": "2026-06-05"},
    {"milestone": "M2", "owner": "GOPS", "planned": "2026-03-01", "done": "2026-02-20"},
]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with a J-14 entry of a contract and a W-14 entry of a task whose dates fall between D1
    and D2, saved through the ORM as the forms save them (so the change log has them)."""
    from app.core.demo import load_demo

    reload_catalogue()
    path = tmp_path_factory.mktemp("date") / "demo.sqlite"
    db = open_database(path)
    load_demo(db, DEMO_DAY)
    with db.session() as s:
        eng = Engine(s, as_of=DEMO_DAY)
        taken = {
            (e.tool_id, e.scope_kind, e.scope_id) for e in s.scalars(select(ToolEntry).where(ToolEntry.year == YEAR))
        }
        contract = next(
            c for c in eng.records.contracts if YEAR in contract_years(c) and ("J-14", "contract", c.id) not in taken
        )
        task = next(
            c.task_id
            for c in eng.records.contracts
            if YEAR in contract_years(c) and c.task_id is not None and ("W-14", "task", c.task_id) not in taken
        )
        s.add(
            ToolEntry(
                tool_id="J-14", scope_kind="contract", scope_id=contract.id, year=YEAR, inputs={"actions": ACTIONS}
            )
        )
        s.add(ToolEntry(tool_id="W-14", scope_kind="task", scope_id=task, year=YEAR, inputs={"milestones": MILESTONES}))
    db.dispose()
    return path


def _copy(src: Path, to: Path) -> Database:
    shutil.copy(src, to)
    return open_database(to)


@pytest.fixture()
def at_d1(base: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the base, fully recomputed at D1 (the mark says D1), closed."""
    db = _copy(base, tmp_path / "d1.sqlite")
    service.recompute_all(db, as_of=D1, full=True)
    db.dispose()
    yield tmp_path / "d1.sqlite"


def _output(rows: dict[Any, tuple[Any, ...]], tool_id: str, kind: str, sid: int, year: int, key: str) -> Any:
    return rows[(tool_id, kind, sid, year)][0].get(key)  # [0]: the outputs column


def _entry_scope(db: Database, tool_id: str) -> tuple[str, int]:
    with db.session() as s:
        e = s.scalars(
            select(ToolEntry).where(ToolEntry.tool_id == tool_id, ToolEntry.year == YEAR).order_by(ToolEntry.id.desc())
        ).first()
        assert e is not None
        return e.scope_kind, e.scope_id


def _incremental_and_full_at_d2(at_d1: Path, tmp_path: Path) -> tuple[Any, dict[Any, Any], dict[Any, Any], Database]:
    """The incremental run at D2 on at_d1 and a full run at D2 on a fresh copy of it (before the
    incremental one): (the incremental summary, its rows, the full run's rows, the incremental database)."""
    fresh = _copy(at_d1, tmp_path / "fresh.sqlite")
    full = service.recompute_all(fresh, as_of=D2, full=True)
    full_rows = stored_rows(fresh)
    fresh.dispose()
    db = open_database(at_d1)
    inc = service.recompute_all(db, as_of=D2, full=False)
    # the summary's gmina indices and result count as a full run gives them
    assert (inc.indices, inc.computed) == (full.indices, full.computed)
    return inc, stored_rows(db), full_rows, db


def _assert_same(inc_rows: dict[Any, Any], full_rows: dict[Any, Any]) -> None:
    assert inc_rows.keys() == full_rows.keys()
    for key, row in full_rows.items():
        assert inc_rows[key] == row, key


def test_the_catalogue_says_which_tools_read_the_date() -> None:
    reach = date_reach(get_catalogue())
    # the four formulas that compare a date with the reference date (J-14 and W-14: due/planned before
    # it; W-09: the council's deadline and term; W-11: the report's deadline); the catalogue has no tool
    # input, model summary or index component reading their outputs
    assert reach.tools == {"J-14", "W-09", "W-11", "W-14"}
    assert reach.indices == frozenset()


def test_next_day_recomputes_what_reads_the_date_and_equals_a_full_recompute(at_d1: Path, tmp_path: Path) -> None:
    db = open_database(at_d1)
    before_rows, before_at = stored_rows(db), computed_at(db)
    j_scope, w_scope = _entry_scope(db, "J-14"), _entry_scope(db, "W-14")
    db.dispose()
    assert _output(before_rows, "J-14", *j_scope, YEAR, "overdue") == 1  # only A2 (due 1 May) before 1 June
    inc, inc_rows, full_rows, db = _incremental_and_full_at_d2(at_d1, tmp_path)
    try:
        _assert_same(inc_rows, full_rows)
        # by hand: A1 due 10 June and A2 due 1 May, both in progress, are before 20 June: 2 overdue
        assert _output(inc_rows, "J-14", *j_scope, YEAR, "overdue") == 2
        assert [a["action"] for a in _output(inc_rows, "J-14", *j_scope, YEAR, "overdue_list")] == ["A1", "A2"]
        # M1 planned 5 June, not done: overdue at 20 June (it was planned at 1 June)
        assert _output(before_rows, "W-14", *w_scope, YEAR, "overdue") == 0
        assert _output(inc_rows, "W-14", *w_scope, YEAR, "overdue") == 1
        after_at = computed_at(db)
        rewritten = {k for k in after_at if before_at.get(k) != after_at[k]}
        # only the rows of the tools reading the date were written, and all of theirs
        assert {k[0] for k in rewritten} == {"J-14", "W-09", "W-11", "W-14"}
        assert rewritten == {k for k in after_at if k[0] in {"J-14", "W-09", "W-11", "W-14"}}
        assert inc.written == len(rewritten) < len(after_at)
    finally:
        db.dispose()


def test_a_date_in_the_next_year_recomputes_everything(at_d1: Path) -> None:
    db = open_database(at_d1)
    try:
        summary = service.recompute_all(db, as_of=dt.date(YEAR + 1, 1, 4), full=False)
        assert summary.written == len(stored_rows(db))
    finally:
        db.dispose()


def test_a_moved_date_and_a_changed_report_together(at_d1: Path, tmp_path: Path) -> None:
    db = open_database(at_d1)
    with db.session() as s:  # as the report dialog saves: the change is logged
        r = s.scalars(
            select(ContractReport).where(ContractReport.cost_grant.is_not(None)).order_by(ContractReport.id)
        ).first()
        assert r is not None
        r.cost_grant = (r.cost_grant or Decimal(0)) + Decimal("1234.56")
        contract = s.get(Contract, r.contract_id)
        assert contract is not None
        task_id = contract.task_id
        task_contracts = set(s.scalars(select(Contract.id).where(Contract.task_id == task_id)))
    before_at = computed_at(db)
    db.dispose()
    inc, inc_rows, full_rows, db = _incremental_and_full_at_d2(at_d1, tmp_path)
    try:
        _assert_same(inc_rows, full_rows)
        rewritten = {k for k, v in computed_at(db).items() if before_at.get(k) != v}
        assert {k for k in rewritten if k[0] == "J-14"} == {k for k in inc_rows if k[0] == "J-14"}
        # the report's task and its contracts are rewritten too, no other contract's E tool
        e_contracts = {k[2] for k in rewritten if k[0].startswith("E-") and k[1] == "contract"}
        assert e_contracts and e_contracts <= task_contracts
        assert inc.written == len(rewritten) < len(inc_rows)
    finally:
        db.dispose()


@pytest.fixture()
def j14_in_the_e_index() -> Iterator[None]:
    """The catalogue with J-14's overdue actions as a component of the E index (0–5 actions): the E index
    and E-14 (it reads the E model's summary, which holds the E index) then read the date too."""
    import tomllib

    raw = tomllib.loads(bundled_path().read_text(encoding="utf-8"))
    raw["indices"]["E"]["components"].append(
        {
            "key": "J-14.overdue",
            "scope": "contract",
            "weight": 0.2,
            "min": 0,
            "max": 5,
            "label_pl": "z",
            "label_en": "o",
        }
    )
    set_catalogue(parse_catalogue(raw, bundled_path()))
    yield
    reload_catalogue()


def test_the_reach_follows_index_components_and_model_summaries(j14_in_the_e_index: None) -> None:
    reach = date_reach(get_catalogue())
    assert reach.indices == {"E"}
    assert reach.tools == {"J-14", "W-09", "W-11", "W-14", "E-14"}


def test_an_index_reading_a_dated_tool(j14_in_the_e_index: None, base: Path, tmp_path: Path) -> None:
    db = _copy(base, tmp_path / "d1.sqlite")
    service.recompute_all(db, as_of=D1, full=True)
    j_scope = _entry_scope(db, "J-14")
    before_at = computed_at(db)
    db.dispose()
    inc, inc_rows, full_rows, db = _incremental_and_full_at_d2(tmp_path / "d1.sqlite", tmp_path)
    try:
        _assert_same(inc_rows, full_rows)
        parts = {c["key"]: c for c in _output(inc_rows, "IDX-E", *j_scope, YEAR, "components")}
        # by hand: 2 overdue actions at D2, normalised over 0–5: 2 / 5 = 0.4
        assert Decimal(parts["J-14.overdue"]["raw"]) == 2
        assert Decimal(parts["J-14.overdue"]["normalised"]) == Decimal("0.4")
        rewritten = {k for k, v in computed_at(db).items() if before_at.get(k) != v}
        assert ("IDX-E", "gmina", 0, YEAR) in rewritten
        assert ("IDX-E", *j_scope, YEAR) in rewritten
        # no other contract's index row: their E index reads no J-14 entry (the demo's J-14 contracts
        # are those with weak controls; their rows are written again too)
        with db.session() as s:
            j14_contracts = set(
                s.scalars(
                    select(ToolEntry.scope_id).where(ToolEntry.tool_id == "J-14", ToolEntry.scope_kind == "contract")
                )
            )
        assert {k[2] for k in rewritten if k[0] == "IDX-E" and k[1] == "contract"} <= j14_contracts
        assert inc.written < len(inc_rows)
    finally:
        db.dispose()


def test_a_formula_reading_the_date_undeclared_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def sneaky(c: Ctx) -> dict[str, Any]:
        return {"admin_share": Decimal(c.today().day)}

    monkeypatch.setitem(FORMULAS, "E-10", Formula("E-10", sneaky, ("admin", "total"), ("admin_share",)))
    tool = get_catalogue().tool("E-10")
    with pytest.raises(UndeclaredDateRead):
        evaluate(tool, {"admin": "10", "total": "100"}, YEAR, D1)
    # declared, it reads the date
    monkeypatch.setitem(FORMULAS, "E-10", Formula("E-10", sneaky, ("admin", "total"), ("admin_share",), "always"))
    outputs, _problems, ran = evaluate(tool, {"admin": "10", "total": "100"}, YEAR, D1)
    assert ran and outputs["admin_share"] == 1  # D1 is the 1st of June


def test_a_formula_reading_the_date_only_without_a_year() -> None:
    w05 = get_catalogue().tool("W-05")
    assert FORMULAS["W-05"].reads_date == "without_year"
    assert Ctx({}, w05, None, D1).today() == D1  # a wizard's evaluation, never stored
    with pytest.raises(UndeclaredDateRead):
        Ctx({}, w05, YEAR, D1).today()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.core.tools.gminas import make_generated

    reload_catalogue()
    return make_generated(tmp_path_factory.mktemp("generated") / "gmina.sqlite")


def _year_of_most_open_actions(db: Database) -> int:
    """The year in which most of the generated J-14 actions not done fall due."""
    from collections import Counter

    with db.session() as s:
        due = Counter(
            dt.date.fromisoformat(a["due"]).year
            for inputs in s.scalars(select(ToolEntry.inputs).where(ToolEntry.tool_id == "J-14"))
            for a in (inputs or {}).get("actions", ())
            if a.get("status") != "done" and a.get("due")
        )
    assert due, "the generated gmina has no corrective action still open"
    return due.most_common(1)[0][0]


def test_a_generated_gmina_a_year_later_in_the_year(generated: Path, tmp_path: Path) -> None:
    """The generated gmina (drafts, terminated contracts, missing reports …), fully recomputed on 1 January
    of the year most open corrective actions fall due in, then incrementally on 30 December: every row
    equals a full recompute's on 30 December, and J-14 figures did change."""
    db = _copy(generated, tmp_path / "d1.sqlite")
    year = _year_of_most_open_actions(db)
    service.recompute_all(db, as_of=dt.date(year, 1, 1), full=True)
    before = stored_rows(db)
    db.dispose()
    fresh = _copy(tmp_path / "d1.sqlite", tmp_path / "fresh.sqlite")
    full = service.recompute_all(fresh, as_of=dt.date(year, 12, 30), full=True)
    full_rows = stored_rows(fresh)
    fresh.dispose()
    db = open_database(tmp_path / "d1.sqlite")
    try:
        inc = service.recompute_all(db, as_of=dt.date(year, 12, 30), full=False)
        inc_rows = stored_rows(db)
    finally:
        db.dispose()
    _assert_same(inc_rows, full_rows)
    assert (inc.indices, inc.computed) == (full.indices, full.computed)
    assert any(before[k] != row for k, row in inc_rows.items() if k[0] == "J-14")  # the date mattered
    assert inc.written == sum(1 for k in inc_rows if k[0] in {"J-14", "W-09", "W-11", "W-14"}) < len(inc_rows)
