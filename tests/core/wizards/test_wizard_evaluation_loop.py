"""Issue 21 item 6: the year's pretest–posttest (J-06) and interviews (J-13) feed "Ocena roczna umowy",
and the evaluation leads on to the corrective-action plan (J-14), saved through the tools' service."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core.db.models import ToolEntry
from app.core.wizards import base
from app.core.wizards.base import WizardContext
from app.core.wizards.evaluation import WIZARD as EVALUATION

TODAY = dt.date(2026, 10, 20)


@pytest.fixture
def demo_db(db):
    from app.core.demo import load_demo

    load_demo(db, today=TODAY)
    return db


def _studied(db) -> tuple[int, int]:
    """A contract year of the demo with a J-06 study (J-13 interviews are entered with it)."""
    with db.session() as s:
        e = s.query(ToolEntry).filter_by(tool_id="J-06", scope_kind="contract").order_by(ToolEntry.id).first()
        return e.scope_id, e.year


def _walk_to(db, ctx, cid: int, year: int, until: str, control: dict | None = None):
    state = base.start(EVALUATION, ctx)
    for step in ({"contract_id": str(cid)}, {"year": str(year)}):
        assert base.go_next(EVALUATION, ctx, state, step) == []
    while state.current != until:
        typed = control if state.current == "control" and control else {}
        assert base.go_next(EVALUATION, ctx, state, typed) == [], state.current
    return state


def test_studies_show_j06_and_j13_of_the_year(demo_db):
    ctx = WizardContext(demo_db, TODAY)
    cid, year = _studied(demo_db)
    state = _walk_to(demo_db, ctx, cid, year, "studies")
    info = EVALUATION.step("studies").info(ctx, state.answers)
    # J-13 in the demo: 9 positive (×1), 3 neutral (×0,5), 4 negative (×0) → 10,5 / 16 = 65,625 %
    assert "J-13 Udział wzmianek pozytywnych: 65,6%" in info, info
    # J-06: 18 participants with both scores (U19 left without a posttest)
    assert any(line.startswith("J-06") and line.endswith(": 18") for line in info), info


def test_a_year_without_studies_says_so(demo_db):
    from app.core.services.contracts import list_contracts

    ctx = WizardContext(demo_db, TODAY)
    with demo_db.session() as s:
        studied = {e.scope_id for e in s.query(ToolEntry).filter_by(tool_id="J-06", scope_kind="contract")}
    from app.core.services.contracts import get_contract

    cid = next(r.id for r in list_contracts(demo_db) if r.id not in studied)
    year = get_contract(demo_db, cid).years[0]
    state = _walk_to(demo_db, ctx, cid, year, "studies")
    info = EVALUATION.step("studies").info(ctx, state.answers)
    assert info[0].startswith(f"J-06 Badanie pretest–posttest: brak badania za {year}")
    assert info[1].startswith("J-13 ") and "brak badania" in info[1]


def test_findings_become_the_j14_plan(demo_db):
    from app.core.tools.service import stored_result

    ctx = WizardContext(demo_db, TODAY)
    cid, year = _studied(demo_db)
    with demo_db.session() as s:
        before = s.query(ToolEntry).filter_by(tool_id="J-14", scope_id=cid, year=year).one_or_none()
        old_actions = list((before.inputs or {}).get("actions") or []) if before else []
    state = _walk_to(demo_db, ctx, cid, year, "actions", control={"recommendations": "Uzupełnić listy obecności"})
    rows = state.answers["actions"]
    findings = [r["finding"] for r in rows]
    assert "Kontrola (J-07): Uzupełnić listy obecności" in findings
    assert "Wywiady (J-13): Godziny zajęć – negatywny (wzmianki: 4)" in findings
    # an action for the interviews' finding only; the control's finding is left without one
    rows = [dict(r) for r in rows]
    for r in rows:
        if r["finding"].startswith("Wywiady"):
            r.update(action="Dodać grupę popołudniową", owner="Koordynator", due="30.11.2026")
    # an action without an owner is refused by J-14's own check, naming the table
    bad = [dict(r, owner="") if r["finding"].startswith("Wywiady") else r for r in rows]
    errors = base.go_next(EVALUATION, ctx, state, {"actions": bad})
    assert [(e.field, e.message) for e in errors] == [
        (
            "actions",
            f"Wiersz {findings.index('Wywiady (J-13): Godziny zajęć – negatywny (wzmianki: 4)') + 1}: "
            "działanie wymaga osoby odpowiedzialnej i terminu.",
        )
    ]
    # a due date that is not a date is refused, never saved as "no date"
    wrong = [dict(r, due="31.02.2026") if r["finding"].startswith("Wywiady") else r for r in rows]
    errors = base.go_next(EVALUATION, ctx, state, {"actions": wrong})
    assert errors and all(e.field == "actions" for e in errors) and state.current == "actions"
    assert base.go_next(EVALUATION, ctx, state, {"actions": rows}) == []
    result = base.finish(EVALUATION, ctx, state)
    with demo_db.session() as s:
        entry = s.query(ToolEntry).filter_by(tool_id="J-14", scope_id=cid, year=year).one()
        actions = entry.inputs["actions"]
    assert actions[: len(old_actions)] == old_actions  # the plan already entered is kept
    added = actions[len(old_actions) :]
    assert [(a["finding"], a["action"], a["owner"], a["due"], a["status"]) for a in added] == [
        (
            "Wywiady (J-13): Godziny zajęć – negatywny (wzmianki: 4)",
            "Dodać grupę popołudniową",
            "Koordynator",
            "2026-11-30",
            "planned",
        )
    ]
    assert added[0]["source"] == "qualitative"  # J-14 names where the finding came from (issue 21 item 6)
    n = len(old_actions) + 1
    assert any(
        m.startswith(f"Plan działań korygujących (J-14) za {year}") and f" {n} " in m for m in result.messages
    ), result.messages
    j14 = stored_result(demo_db, "J-14", "contract", cid, year)
    assert j14 is not None and j14.ok


def test_an_external_evaluation_is_named_and_its_actions_counted(demo_db):
    """Issue 21 item 6: a J-13 study made by an external body gives findings named "Ewaluacja zewnętrzna", and
    the actions filed from them are J-14's external actions."""
    from app.core.tools import service
    from app.core.tools.service import stored_result

    ctx = WizardContext(demo_db, TODAY)
    cid, year = _studied(demo_db)
    service.save_entry(
        demo_db,
        "J-13",
        "contract",
        cid,
        year,
        {
            "method": "observation",
            "conducted_by": "external",
            "evaluator": "Uniwersytet (DEMO)",
            "themes": [{"theme": "Brak podjazdu", "tone": "negative", "mentions": "2"}],
        },
        as_of=TODAY,
    )
    state = _walk_to(demo_db, ctx, cid, year, "actions")
    rows = [dict(r) for r in state.answers["actions"]]
    finding = "Ewaluacja zewnętrzna (J-13): Brak podjazdu – negatywny (wzmianki: 2)"
    assert finding in [r["finding"] for r in rows]
    for r in rows:
        if r["finding"] == finding:
            r.update(action="Podjazd dla wózków", owner="Wydział inwestycji", due="30.11.2026")
    assert base.go_next(EVALUATION, ctx, state, {"actions": rows}) == []
    base.finish(EVALUATION, ctx, state)
    j14 = stored_result(demo_db, "J-14", "contract", cid, year)
    # of the plan's actions exactly one came from the external evaluation
    assert j14 is not None and j14.ok and j14.output("external_actions").value == 1
