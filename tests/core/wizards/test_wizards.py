"""The "Zlecenie zadania" wizard walked without Qt: branches, refusals, finish(), resume."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from app.core.db.models import Contract, Procedure, PublicTask, WizardSession
from app.core.domain.enums import ContractForm, ContractStatus, MkusType, ProcedureRoute
from app.core.errors import ValidationFailed
from app.core.wizards import base, sessions
from app.core.wizards.base import WizardContext, WizardState
from app.core.wizards.commission import WIZARD, decision_score, milestones
from app.core.wizards.legal import RouteFacts, assess

TODAY = dt.date(2026, 12, 1)

#: the W-04 question answered "yes" for each type (the others "no")
CUES = {
    MkusType.BON_REGRANTING: "cue_small_grants",
    MkusType.ZLECANIE_USLUG: "cue_defined_service",
    MkusType.ZLECANIE_INSTYTUCJI: "cue_institution",
    MkusType.KOOPERACYJNE: "cue_multi_actor",
}


def cues(yes: str) -> dict[str, str]:
    return {
        key: "yes" if key == yes else "no"
        for key in ("cue_small_grants", "cue_multi_actor", "cue_institution", "cue_defined_service")
    }


def answers_for(
    mkus: MkusType, *, years: int = 3, amount: str = "120 000,00", days: str = "", route_facts: dict | None = None
) -> dict[str, dict]:
    """What the clerk types on each step (by step id)."""
    return {
        "task": {"task_id": "new"},
        "basic": {
            "title": "Usługi opiekuńcze dla seniorów",
            "area": "SOC",
            "spheres": ["1", "10"],
            "delivery_mode": "IN_HOUSE",
            "recipients": "seniorzy",
            "start_date": "01.07.2027",
            "years": str(years),
        },
        "diagnosis": {
            "problem": "Rośnie liczba samotnych seniorów.",
            "data_source": "GOPS 2025",
            "recipients_count": "40",
            "in_need": "60",
        },
        "decision": {
            "crit_priority": True,
            "crit_capacity": True,
            "crit_standard": True,
            "crit_funds": True,
            "crit_benefits": False,
            "crit_continuity": False,
        },
        "cues": cues(CUES[mkus]),
        "mkus": {},
        "route_facts": {"annual_amount": amount, "task_days": days, **(route_facts or {})},
        "route": {},
        "costs": {
            "staff_cost": "100 000",
            "material_cost": "10 000",
            "upkeep_cost": "10 000",
            "overhead_rate": "10",
            "units_now": "40",
            "grant": amount,
            "handling_cost": "6 000",
            "units_after": "48",
            "competition_cost": "5 000",
            "multi_year_cost": "7 000",
        },
        "standard": {
            "standard": [{"requirement": "opiekun z kwalifikacjami", "basis": "rozp. MPiPS"}],
            "results": [{"name": "Seniorzy objęci usługą", "unit": "osoby", "target": "48", "source": "karty usług"}],
        },
        "consultation": {
            "partners": [
                {"name": "GOPS", "role": "kieruje", "contribution": ""},
                {"name": "Parafia", "role": "wolontariusze", "contribution": ""},
            ]
        },
        "schedule": {},
        "monitoring": {"control_plan": "Jedna wizyta rocznie.", "evaluation_tools": ["J-05", "E-04"]},
        "summary": {"prepared_by": "Anna Nowak"},
    }


def walk(
    ctx: WizardContext, typed: dict[str, dict], *, until: str | None = None, override: dict[str, dict] | None = None
) -> WizardState:
    state = base.start(WIZARD, ctx)
    override = override or {}
    for _i in range(30):
        if state.current == until:
            return state
        step_answers = {**typed.get(state.current, {}), **override.get(state.current, {})}
        if base.is_last(WIZARD, state):
            state.answers.update(step_answers)
            return state
        errors = base.go_next(WIZARD, ctx, state, step_answers)
        assert errors == [], (state.current, [str(e) for e in errors])
    raise AssertionError("the wizard did not end")


@pytest.fixture
def demo_db(db):
    from app.core.demo import load_demo

    load_demo(db, today=TODAY)
    return db


def _party(db) -> int:
    from app.core.services.organisations import list_organisations

    return list_organisations(db, active_only=True)[0].id


@pytest.mark.parametrize("mkus", list(MkusType))
def test_each_mkus_type_walks_to_the_end_and_creates_records(demo_db, mkus):
    ctx = WizardContext(demo_db, TODAY)
    typed = answers_for(mkus)
    typed["consultation"]["contract_party"] = str(_party(demo_db))
    state = walk(ctx, typed)
    assert state.current == "summary"
    assert state.answers["mkus_type"] == mkus.value
    expected_route = (
        ProcedureRoute.REGRANTING_16A if mkus is MkusType.BON_REGRANTING else ProcedureRoute.OPEN_COMPETITION
    )
    assert state.answers["route"] == expected_route.value
    # the standard is asked of services and institutions only; partners only in cooperative solving
    assert ("partners" in [f.key for f in WIZARD.step("consultation").fields if f.shown(state.answers)]) == (
        mkus is MkusType.KOOPERACYJNE
    )
    with demo_db.session() as s:
        before = (s.query(PublicTask).count(), s.query(Procedure).count(), s.query(Contract).count())
    result = base.finish(WIZARD, ctx, state)
    with demo_db.session() as s:
        assert (s.query(PublicTask).count(), s.query(Procedure).count(), s.query(Contract).count()) == (
            before[0] + 1,
            before[1] + 1,
            before[2] + 1,
        )
        task = s.get(PublicTask, result.created["task"])
        assert task.mkus_type is mkus and task.title == "Usługi opiekuńcze dla seniorów"
        proc = s.get(Procedure, result.created["procedure"])
        assert proc.route is expected_route and proc.budget_year == 2027
        assert proc.planned_amount == Decimal("120000.00")
        k = s.get(Contract, result.created["contract"])
        assert k.status is ContractStatus.DRAFT and k.procedure_id == proc.id
        # 1 July 2027 + 3 years - 1 day; a tranche for each of the four budget years touched
        assert (k.start_date, k.end_date) == (dt.date(2027, 7, 1), dt.date(2030, 6, 30))
        assert sorted(t.budget_year for t in k.tranches) == [2027, 2028, 2029, 2030]
        assert [(r.name, r.target_value) for r in k.planned_results] == [("Seniorzy objęci usługą", Decimal("48"))]
    assert result.signpost["mkus_type"] == mkus.value
    # E-01 (100 000 + 10 000 + 10 000) × 1.10 = 132 000 / 40 = 3 300; E-02 120 000 + 6 000 = 126 000 / 48
    # = 2 625; E-03 3 300 / 2 625 = 1.2571, (3 300 − 2 625) / 3 300 = 0.2045; E-08 2 × 5 000 − 2 000 = 8 000
    assert result.signpost["efficiency"] == {
        "current_cost": "132000.00",
        "contracted_cost": "126000.00",
        "current_unit": "3300.00",
        "contracted_unit": "2625.00",
        "units_now": 40,
        "units_after": 48,
        "ratio": "1.2571",
        "saving_share": "0.2045",
        "multi_year_saving": "8000.00",
        "social_value": None,
        "social_ratio": None,
    }  # no effect valued: unknown


def test_signpost_answers_build_the_drogowskaz(demo_db, tmp_path):
    """Issue 13 item 8: the drogowskaz divided the contracted cost by today's 40 recipients (126 000 / 40 =
    3 150 zł, and a 4,5 % saving of the totals) while the wizard divided by the 48 after commissioning
    (2 625 zł, 20,45 % per recipient). It now prints the wizard's figures and E-03, E-08, W-03, J-01, W-14."""
    from app.core.documents.signpost import answers_from_dict, build_signpost
    from tests.core.documents.test_documents import norm, pdf_text

    ctx = WizardContext(demo_db, TODAY)
    typed = answers_for(MkusType.ZLECANIE_USLUG)
    typed["costs"]["social_effects"] = "Wolontariusze z parafii odwiedzają seniorów."
    state = walk(ctx, typed)
    result = base.finish(WIZARD, ctx, state)
    parsed = answers_from_dict(result.signpost)
    assert parsed.route is ProcedureRoute.OPEN_COMPETITION and parsed.years == 3
    e = parsed.efficiency
    assert (e.current_unit, e.contracted_unit, e.units_now, e.units_after) == (
        Decimal("3300.00"),
        Decimal("2625.00"),
        40,
        48,
    )
    assert (e.ratio, e.saving_share, e.multi_year_saving) == (Decimal("1.2571"), Decimal("0.2045"), Decimal("8000.00"))
    doc = build_signpost(demo_db, parsed, tmp_path / "d.pdf")
    assert doc.path.exists() and doc.pages >= 1
    text = pdf_text(doc.path)
    assert norm("2 625,00 zł") in text and norm("3 300,00 zł") in text
    assert norm("3 150,00 zł") not in text and "4,5%" not in text
    assert "EE = 1,26" in text and "20,45%" in text  # E-03
    assert norm("8 000,00 zł") in text  # E-08: 2 × 5 000 − (7 000 − 5 000)
    # W-03: priority 20 + capacity 20 + standard 15 + funds 15 = 70 of 100 → the "recommended" band
    assert "70,00 pkt ze 100" in text and "rekomendujemy zlecenie" in text
    assert "opiekun z kwalifikacjami" in text  # J-01
    assert "Harmonogram zmiany (W-14)" in text and "Podpisanie umowy" in text
    # issue 14: every diagnosis answer under its own label, none glued to the source line
    assert "Źródło danych GOPS 2025" in text and "Liczba odbiorców rocznie 40" in text
    assert "Efekty społeczne zlecenia Wolontariusze z parafii odwiedzają seniorów." in text
    assert doc.missing == []


def test_efficiency_figures_hand_computed():
    from app.core.wizards.commission import efficiency

    typed = answers_for(MkusType.ZLECANIE_USLUG)
    a = {**typed["basic"], **typed["costs"]}
    e = efficiency(a)
    # E-01: (100 000 + 10 000 + 10 000) × 1.10 = 132 000; k0 = 3 300
    assert (e.in_house_cost, e.in_house_unit) == (Decimal("132000.00"), Decimal("3300.00"))
    # E-02: 120 000 + 6 000 = 126 000; k1 = 126 000 / 48 = 2 625
    assert (e.contracted_cost, e.contracted_unit) == (Decimal("126000.00"), Decimal("2625.00"))
    # E-03: 3300 / 2625 = 1.2571; (3300 - 2625) / 3300 = 0.2045
    assert (e.ratio, e.saving_share) == (Decimal("1.2571"), Decimal("0.2045"))
    # E-08: (3 - 1) × 5 000 - (7 000 - 5 000) = 8 000
    assert e.multi_year_saving == Decimal("8000.00")


@pytest.mark.parametrize(
    "route,facts,mkus",
    [
        (ProcedureRoute.SMALL_GRANT_19A, {"ngo_offer": True}, MkusType.ZLECANIE_USLUG),
        (ProcedureRoute.LOCAL_INITIATIVE, {"residents_apply": True}, MkusType.KOOPERACYJNE),
        (ProcedureRoute.EMERGENCY_11A, {"emergency": True}, MkusType.ZLECANIE_USLUG),
        (ProcedureRoute.PZP_SOCIAL, {"buy_service": True}, MkusType.ZLECANIE_USLUG),
        (ProcedureRoute.NGO_INITIATIVE_12, {"ngo_offer": True}, MkusType.ZLECANIE_USLUG),
    ],
)
def test_every_legal_route(demo_db, route, facts, mkus):
    ctx = WizardContext(demo_db, TODAY)
    small = route is ProcedureRoute.SMALL_GRANT_19A
    typed = answers_for(
        mkus, years=1, amount="8 000,00" if small else "50 000,00", days="60" if small else "", route_facts=facts
    )
    if route is ProcedureRoute.LOCAL_INITIATIVE:
        typed["basic"]["spheres"] = ["13", "18"]
    typed["route"] = {"route": route.value}
    typed["consultation"]["contract_party"] = str(_party(demo_db))
    state = walk(ctx, typed)
    if route is not ProcedureRoute.NGO_INITIATIVE_12:
        assert base.WizardState  # the recommendation matched the typed route
    result = base.finish(WIZARD, ctx, state)
    with demo_db.session() as s:
        assert s.get(Procedure, result.created["procedure"]).route is route
        if route in (ProcedureRoute.PZP_SOCIAL, ProcedureRoute.LOCAL_INITIATIVE):
            assert "contract" not in result.created
            assert result.messages
        else:
            k = s.get(Contract, result.created["contract"])
            if small:
                assert (k.end_date - k.start_date).days == 59 and k.tranches[0].amount == Decimal("8000.00")


def test_recommended_route_is_the_w05_tool():
    """The route step runs W-05 (no second rule table): the same facts give the same route as the tool."""
    from app.core.tools.catalogue import get_catalogue
    from app.core.tools.engine import evaluate
    from app.core.wizards.commission import recommend_route

    a = {
        "start_date": "01.07.2027",
        "years": "1",
        "annual_amount": "9 000",
        "task_days": "30",
        "ngo_offer": True,
        "local_character": True,
    }
    route, reasons = recommend_route(a)
    out, _p, ran = evaluate(
        get_catalogue().tool("W-05"), {"amount": "9000", "days": "30", "circumstances": ["local", "ngo_initiative"]}
    )
    assert ran and out["route"] == "small grant without competition" and route is ProcedureRoute.SMALL_GRANT_19A
    assert "Podstawa prawna: art. 19a u.d.p.p.w." in reasons
    # not local: W-05 says open competition and names why not 19a
    route, reasons = recommend_route({**a, "local_character": False})
    assert route is ProcedureRoute.OPEN_COMPETITION
    assert "Tryb art. 19a wymaga zadania o charakterze lokalnym lub regionalnym." in reasons
    # 25 000 zł is above 10 000 zł and 20 000 zł (the law tables, before and after Dz.U. 2026 poz. 1040): open
    # competition; a 3-year contract lasts 1 096 days and its grant is 3 × 9 000 = 27 000 zł
    assert recommend_route({**a, "annual_amount": "25 000"})[0] is ProcedureRoute.OPEN_COMPETITION
    assert recommend_route({**a, "task_days": "", "years": "3"})[0] is ProcedureRoute.OPEN_COMPETITION
    # without the length of one task the whole contract is judged: 3 × 6 000 = 18 000 zł over 1 096 days fits
    # only the unchecked amendment (20 000 zł, no day limit), 3 × 9 000 = 27 000 zł fits no wording
    route, reasons = recommend_route({**a, "annual_amount": "6 000", "task_days": "", "years": "3"})
    assert route is ProcedureRoute.SMALL_GRANT_19A and any("Dz.U. z 2026 r. poz. 1040" in r for r in reasons)


def test_19a_refused_for_25000_zl_and_six_months(demo_db):
    ctx = WizardContext(demo_db, TODAY)
    typed = answers_for(
        MkusType.ZLECANIE_USLUG, years=1, amount="25 000,00", days="182", route_facts={"ngo_offer": True}
    )
    state = walk(ctx, typed, until="route")
    errors = base.go_next(WIZARD, ctx, state, {"route": ProcedureRoute.SMALL_GRANT_19A.value})
    assert state.current == "route"
    text = "\n".join(e.message for e in errors)
    # an offer made on 1.12.2026 falls under Dz.U. 2026 poz. 1040 (unverified, from 1.09.2026): 25 000 zł is
    # over its 20 000 zł and over the 10 000 zł before it -> refused, naming the amendment; its wording has no
    # day limit, so 182 > 90 days (the earlier wording) is only a warning, not a refusal
    assert "20\xa0000,00\xa0zł" in text and "25\xa0000,00\xa0zł" in text and "poz. 1040" in text
    assert "182" not in text
    facts = RouteFacts(MkusType.ZLECANIE_USLUG, 1, Decimal("25000"), 182, ("1",))
    warned = "\n".join(assess(ProcedureRoute.SMALL_GRANT_19A, facts, TODAY).warnings)
    assert "182" in warned and "90" in warned and "poz. 1040" in warned
    # the same offer on 1.08.2026, before the amendment: both refused, by 10 000 zł and 90 days
    old = "\n".join(assess(ProcedureRoute.SMALL_GRANT_19A, facts, dt.date(2026, 8, 1)).refusals)
    assert "10\xa0000,00\xa0zł" in old and "182" in old and "90" in old and "1040" not in old
    # the consolidated text in force on 1.12.2026 (issue 17)
    assert "art. 19a ust. 1 u.d.p.p.w. (Dz.U. z 2025 r. poz. 1338)" in text
    assert all(e.field == "route" for e in errors)


def test_19a_refused_for_multi_year_and_local_initiative_needs_residents():
    f = RouteFacts(MkusType.ZLECANIE_USLUG, 3, Decimal("5000"), 60, ("1",))
    # before 1.09.2026 a task of at most 90 days cannot run 3 years: refused
    refusals = assess(ProcedureRoute.SMALL_GRANT_19A, f, dt.date(2026, 8, 1)).refusals
    assert len(refusals) == 1 and "wieloletni" in refusals[0]
    # on 1.12.2026 the unverified Dz.U. 2026 poz. 1040 has no day limit: a warning naming it, no refusal
    after = assess(ProcedureRoute.SMALL_GRANT_19A, f, TODAY)
    assert after.refusals == [] and any("wieloletni" in w and "poz. 1040" in w for w in after.warnings)
    # without one task's length the task is the whole contract: 3 × 9 000 = 27 000 zł is over 20 000 zł (the
    # amendment) and 10 000 zł (before it) -> refused; 3 × 6 000 = 18 000 zł is over 10 000 zł only -> a warning
    whole = assess(ProcedureRoute.SMALL_GRANT_19A, RouteFacts(MkusType.ZLECANIE_USLUG, 3, Decimal("9000"), None), TODAY)
    assert any("27\xa0000,00\xa0zł" in r and "20\xa0000,00\xa0zł" in r for r in whole.refusals)
    smaller = assess(
        ProcedureRoute.SMALL_GRANT_19A, RouteFacts(MkusType.ZLECANIE_USLUG, 3, Decimal("6000"), None), TODAY
    )
    assert not any("18\xa0000" in r for r in smaller.refusals)
    assert any("18\xa0000,00\xa0zł" in w and "10\xa0000,00\xa0zł" in w and "poz. 1040" in w for w in smaller.warnings)
    li = assess(ProcedureRoute.LOCAL_INITIATIVE, RouteFacts(None, 1, Decimal("5000"), None, ("1",)), TODAY)
    assert len(li.refusals) == 2  # no residents' application; sphere 1 is not on the closed list
    assert not assess(ProcedureRoute.EMERGENCY_11A, f, TODAY).allowed


def test_every_step_names_what_is_missing():
    ctx = WizardContext(None, TODAY)
    state = base.start(WIZARD, ctx)
    state.current = "basic"
    errors = base.go_next(WIZARD, ctx, state, {"years": "7", "start_date": "31.02.2027"})
    by_field = {e.field: e.message for e in errors}
    assert by_field["title"] == "To pole jest wymagane."
    assert by_field["years"] == "Podaj najwyżej 5."
    assert by_field["start_date"] == "Luty 2027 ma tylko 28 dni."  # 31.02.2027 typed
    assert state.current == "basic"


def test_not_recommended_branch_goes_to_summary_and_creates_nothing(demo_db):
    ctx = WizardContext(demo_db, TODAY)
    typed = answers_for(MkusType.ZLECANIE_USLUG)
    typed["decision"] = dict.fromkeys(typed["decision"], False)
    typed["candidates"] = {"candidates": [{"task": "Festyn gminny", "priority": "tak"}]}
    state = walk(ctx, typed, override={"decision": {"crit_priority": False, "crit_capacity": False}})
    assert decision_score(state.answers) == Decimal("0.00")
    # after the decision, the ranking with the candidate named before the costs; then the summary, not the type
    assert state.history[-2:] == ["decision", "ranking"] and state.current == "summary"
    result = base.finish(WIZARD, ctx, state)
    assert result.created == {} and result.signpost["mkus_type"] is None


def test_going_on_against_the_recommendation_needs_a_reason(demo_db):
    ctx = WizardContext(demo_db, TODAY)
    typed = answers_for(MkusType.ZLECANIE_USLUG)
    state = walk(ctx, typed, until="decision")
    no = dict.fromkeys(typed["decision"], False)
    errors = base.go_next(WIZARD, ctx, state, {**no, "proceed_anyway": True})
    assert [e.field for e in errors] == ["proceed_reason"]
    assert base.go_next(WIZARD, ctx, state, {"proceed_reason": "Decyzja rady."}) == []
    assert state.current == "cues"  # no other candidate was named: no ranking page


def test_answers_from_the_register(demo_db):
    """An existing demo task: title/area from the register, last year's grant as the planned amount."""
    from app.core.services.tasks import list_tasks
    from app.core.wizards.known import task_costs_by_year

    ctx = WizardContext(demo_db, TODAY)
    task = next(t for t in list_tasks(demo_db) if t.title.startswith("Usługi opiekuńcze"))
    costs = task_costs_by_year(demo_db, task.id)
    state = base.start(WIZARD, ctx)
    assert base.go_next(WIZARD, ctx, state, {"task_id": str(task.id)}) == []
    assert state.answers["title"] == task.title and state.answers["area"] == "SOC"
    typed = answers_for(MkusType.ZLECANIE_USLUG)
    for step in ("basic", "diagnosis"):
        assert (
            base.go_next(
                WIZARD,
                ctx,
                state,
                {k: v for k, v in typed[step].items() if step != "basic" or k in ("start_date", "years")},
            )
            == []
        )
    # diagnosis ticked the organisations of the area; after the candidates the costs step offers last year's grant
    assert state.answers["organisations"]
    assert state.current == "candidates"
    assert base.go_next(WIZARD, ctx, state, {}) == []
    assert state.current == "costs"
    last = max(y for y in costs if y < 2027)
    from app.core.money import parse_money

    assert parse_money(state.answers["grant"]) == costs[last]
    for step in ("costs", "decision", "cues", "mkus"):
        assert base.go_next(WIZARD, ctx, state, {k: v for k, v in typed.get(step, {}).items() if k != "grant"}) == []
    # the route facts take the grant planned in the costs step
    assert parse_money(state.answers["annual_amount"]) == costs[last]


def test_back_keeps_answers_and_resume_from_json(demo_db):
    ctx = WizardContext(demo_db, TODAY)
    typed = answers_for(MkusType.ZLECANIE_INSTYTUCJI)
    state = walk(ctx, typed, until="route")
    base.go_back(state)
    assert state.current == "route_facts" and state.answers["annual_amount"] == "120 000,00"
    sid = sessions.save(demo_db, state)
    with demo_db.session() as s:
        assert s.query(WizardSession).count() == 1
        assert s.query(Procedure).filter(Procedure.title.like("%opiekuńcze dla seniorów%")).count() == 0
    resumed = sessions.load(demo_db, sid)
    assert (resumed.current, resumed.history, resumed.answers) == (state.current, state.history, state.answers)
    rows = sessions.list_sessions(demo_db)
    assert [(r.title, r.step_title, r.finished) for r in rows] == [
        ("Usługi opiekuńcze dla seniorów", "Fakty potrzebne do wyboru trybu", False)
    ]
    # the resumed wizard goes on to the end
    for step in ("route_facts", "route", "standard", "consultation", "schedule", "monitoring"):
        assert base.go_next(WIZARD, ctx, resumed, typed.get(step, {})) == [], step
    resumed.answers.update(typed["summary"])
    result = base.finish(WIZARD, ctx, resumed)
    sessions.save(demo_db, resumed)
    assert sessions.list_sessions(demo_db)[0].created == result.created
    assert ContractForm(resumed.answers["form"]) is ContractForm.POWIERZENIE


def test_damaged_state_is_a_clear_error():
    from app.core.errors import UserFacingError

    with pytest.raises(UserFacingError):
        WizardState.from_json("{not json")


def test_finish_refuses_before_the_last_step(demo_db):
    ctx = WizardContext(demo_db, TODAY)
    state = walk(ctx, answers_for(MkusType.ZLECANIE_USLUG), until="costs")
    with pytest.raises(ValidationFailed):
        base.finish(WIZARD, ctx, state)


def test_schedule_counts_statutory_dates():
    a = {"start_date": "01.07.2027", "years": "1", "route": "OPEN_COMPETITION", "consulted": False}
    rows = {r["what"]: r["date"] for r in milestones(a)}
    assert rows["Program współpracy uchwalony przez radę (art. 5a)"] == "30.11.2026"
    assert rows["Sprawozdanie za 2027 r. – termin (30 dni)"] == "31.01.2028"  # 30 Jan 2028 is a Sunday


def test_efficiency_is_computed_by_the_tools_formulas(monkeypatch):
    from app.core.wizards import efficiency as eff
    from app.core.wizards.commission import efficiency

    calls = []
    real = eff.run
    monkeypatch.setattr(eff, "run", lambda tool_id, raw: calls.append(tool_id) or real(tool_id, raw))
    typed = answers_for(MkusType.ZLECANIE_USLUG)
    e = efficiency({**typed["basic"], **typed["costs"]})
    assert calls == ["E-01", "E-02", "E-03", "E-08"]
    assert e.in_house_cost == Decimal("132000.00")
    # without the number of recipients the tools cannot divide: the figures stay unknown (no local formula),
    # and the tool's own message names the missing input
    calls.clear()
    e = efficiency({**typed["basic"], **typed["costs"], "units_now": "", "units_after": ""})
    assert calls == ["E-01", "E-02", "E-08"]
    assert (e.in_house_cost, e.in_house_unit, e.contracted_unit, e.ratio) == (None, None, None, None)
    assert [p.label for p in e.problems["E-01"]] == ["Liczba jednostek usługi (N₀)"]


def test_schedule_marks_statutory_dates_already_passed():
    """QA: planning on 1.12.2026 a start on 1.01.2027, the schedule listed the programme adoption by
    30.11.2026 and the competition announcement on 23.10.2026 as if still ahead."""
    a = {"start_date": "01.01.2027", "years": "1", "route": "OPEN_COMPETITION", "consulted": False}
    rows = {r["date"]: r["what"] for r in milestones(a, TODAY)}
    # start − 70 days = 23.10.2026 (Friday); offers 23.10 + 21 + 7 = 20.11.2026 (Friday)
    assert rows["23.10.2026"] == (
        "Ogłoszenie konkursu w BIP, na tablicy ogłoszeń i stronie internetowej – termin "
        "minął: ogłoś go od razu albo przesuń rozpoczęcie"
    )
    assert rows["20.11.2026"] == "Termin składania ofert (co najmniej 21 dni) – termin minął"
    assert rows["30.11.2026"] == (
        "Program współpracy uchwalony przez radę (art. 5a) – termin minął: program na "
        "2027 r. jest już uchwalony; jeśli zadania nie ma wśród jego priorytetów, rada "
        "zmienia go uchwałą"
    )
    # still ahead on 1.12.2026: unchanged
    assert rows["04.12.2026"] == "Komisja konkursowa ocenia oferty"
    assert rows["31.12.2026"] == "Środki w uchwale budżetowej"
    # without a date (CLI, tests) nothing is marked
    assert all("termin minął" not in r["what"] for r in milestones(a))


def test_drogowskaz_names_the_passed_dates(demo_db, tmp_path):
    from app.core.documents.signpost import answers_from_dict, build_signpost
    from app.core.wizards.commission import passed_milestones

    ctx = WizardContext(demo_db, TODAY)
    typed = answers_for(MkusType.ZLECANIE_USLUG)
    typed["basic"]["start_date"] = "01.01.2027"
    state = walk(ctx, typed)
    # the clerk moved the announcement to next week: no longer passed
    rows = state.answers["milestones"]
    rows[0] = {**rows[0], "date": "07.12.2026"}
    passed = passed_milestones(state.answers, TODAY)
    assert [p.split(" – ")[0] for p in passed] == [
        "Termin składania ofert (co najmniej 21 dni)",
        "Program współpracy uchwalony przez radę (art. 5a)",
    ]
    assert passed[0] == "Termin składania ofert (co najmniej 21 dni) – termin minął (20.11.2026)."
    result = base.finish(WIZARD, ctx, state)
    assert result.signpost["passed"] == passed
    assert (
        "Wpisz zadanie do priorytetów programu współpracy na 2027 r. uchwałą rady zmieniającą program (program "
        "należało uchwalić do 30.11.2026) i zaplanuj środki w budżecie."
    ) in result.signpost["next_steps"]
    parsed = answers_from_dict(result.signpost)
    assert parsed.passed == passed
    doc = build_signpost(demo_db, parsed, tmp_path / "d.pdf")
    assert doc.path.exists()


def test_finish_stores_the_wizards_tools_as_entries_of_the_task_and_contract(demo_db):
    """Issue 21 item 1: after "Zlecenie zadania" the task and its draft contract hold the tools the wizard
    filled (J-01, E-01–E-03, E-08, W-02–W-05, W-14) as tool entries, through the tools' service."""
    from app.core.db.models import ToolEntry
    from app.core.tools import service

    ctx = WizardContext(demo_db, TODAY)
    typed = answers_for(MkusType.ZLECANIE_USLUG)
    typed["consultation"]["contract_party"] = str(_party(demo_db))
    state = walk(ctx, typed)
    result = base.finish(WIZARD, ctx, state)
    task, contract = result.created["task"], result.created["contract"]
    with demo_db.session() as s:
        entries = (
            s.query(ToolEntry)
            .filter(
                ((ToolEntry.scope_kind == "task") & (ToolEntry.scope_id == task))
                | ((ToolEntry.scope_kind == "contract") & (ToolEntry.scope_id == contract))
            )
            .all()
        )
        rows = {(e.tool_id, e.scope_kind, e.scope_id, e.year): e.inputs for e in entries}
        assert {(k[0], k[1]) for k in rows} == {
            ("E-01", "task"),
            ("E-02", "task"),
            ("E-03", "task"),
            ("W-02", "task"),
            ("W-03", "task"),
            ("W-04", "task"),
            ("W-05", "task"),
            ("W-14", "task"),
            ("J-01", "contract"),
            ("E-08", "contract"),
        }
        assert {k[3] for k in rows} == {2027}
        assert {e.entered_by for e in entries} == {"Anna Nowak"}
    e01 = rows[("E-01", "task", task, 2027)]
    assert e01["staff"][0]["rate"] == "100000.00" and e01["units"] == "40" and e01["overhead_rate"] == "0.1"
    assert rows[("W-03", "task", task, 2027)]["criteria"] == ["capacity", "funds", "priority", "standard"]
    # the diagnosis, the type's answers and the route's facts as typed in the wizard
    w02 = rows[("W-02", "task", task, 2027)]
    assert (w02["problem"], w02["data_sources"], w02["recipients"]) == (
        "Rośnie liczba samotnych seniorów.",
        "GOPS 2025",
        "seniorzy",
    )
    assert w02["in_need"] == "60"
    assert ["Szacowana liczba osób w potrzebie (W-02)", "60"] in result.signpost["diagnosis_items"]
    assert rows[("W-04", "task", task, 2027)] == {
        "small_grants": "no",
        "multi_actor": "no",
        "institution": "no",
        "defined_service": "yes",
    }
    # the amount equals what the register knows (the draft contract's tranche), so it is read, not copied
    w05 = service.open_tool(demo_db, "W-05", "task", task, 2027)
    assert w05.input("amount").value == "120000.00"
    # no length of one task: the whole contract, 01.07.2027–30.06.2030 = 366 (with 29.02.2028) + 365 + 365 days
    assert rows[("W-05", "task", task, 2027)]["days"] == "1096"
    # the tools give what the wizard showed: W-04 the type chosen, W-05 the open competition
    assert (
        service.open_tool(demo_db, "W-04", "task", task, 2027).result.output("type").value == "Commissioning a service"
    )
    assert service.open_tool(demo_db, "W-05", "task", task, 2027).result.output("route").value == "open competition"
    assert rows[("J-01", "contract", contract, 2027)]["requirements"][0]["requirement"] == "opiekun z kwalifikacjami"
    assert rows[("E-08", "contract", contract, 2027)]["competition_cost"] == "5000.00"
    milestones_saved = rows[("W-14", "task", task, 2027)]["milestones"]
    assert [m for m in milestones_saved if m["planned"] == "2027-07-01"] == [
        {"milestone": "Początek realizacji", "owner": "organizacja", "planned": "2027-07-01", "done": None}
    ]
    # the tools view shows the same results as the wizard: E-03 reads E-01 and E-02 of the task
    # (3 300 / 2 625 = 1.2571), W-03 scores 70 (20 + 20 + 15 + 15 of 100)
    e03 = service.open_tool(demo_db, "E-03", "task", task, 2027, as_of=TODAY)
    assert e03.result.output("EE").value == Decimal("1.2571")
    assert service.open_tool(demo_db, "W-03", "task", task, 2027, as_of=TODAY).result.output("score").value == Decimal(
        "70.00"
    )
    assert service.open_tool(demo_db, "E-08", "contract", contract, 2027, as_of=TODAY).result.output(
        "saving"
    ).value == Decimal("8000.00")
    assert any("E-01" in m and "W-14" in m for m in result.messages)


def test_finish_never_writes_over_a_tool_entry_the_clerk_made(demo_db):
    from app.core.services.tasks import list_tasks
    from app.core.tools import service

    ctx = WizardContext(demo_db, TODAY)
    task = next(t for t in list_tasks(demo_db) if t.title.startswith("Usługi opiekuńcze"))
    service.save_entry(demo_db, "W-03", "task", task.id, 2027, {"criteria": ["priority"]}, as_of=TODAY)
    typed = answers_for(MkusType.ZLECANIE_USLUG)
    typed["task"] = {"task_id": str(task.id)}
    state = walk(ctx, typed)
    result = base.finish(WIZARD, ctx, state)
    assert service.open_tool(demo_db, "W-03", "task", task.id, 2027).input("criteria").value == ["priority"]
    assert any(m.startswith("W-03") for m in result.messages)
    assert service.entry_exists(demo_db, "E-01", "task", task.id, 2027)


def test_steps_go_diagnosis_costs_criteria_type_route(demo_db):
    """Issue 21 item 2: diagnosis → candidate tasks → costs and social effects → criteria → type → route; the
    ranking of the candidates follows the criteria."""
    ctx = WizardContext(demo_db, TODAY)
    typed = answers_for(MkusType.ZLECANIE_USLUG)
    typed["candidates"] = {"candidates": [{"task": "Klub seniora", "priority": "tak"}]}
    state = walk(ctx, typed)
    assert state.history == [
        "task",
        "basic",
        "diagnosis",
        "candidates",
        "costs",
        "decision",
        "ranking",
        "cues",
        "mkus",
        "route_facts",
        "route",
        "standard",
        "consultation",
        "schedule",
        "monitoring",
    ]
    assert list(WIZARD.steps)[:11] == state.history[:11]


def test_commissioning_that_costs_more_per_recipient_is_warned(demo_db):
    """EE < 1: k0 = 132 000 / 40 = 3 300; k1 = (150 000 + 6 000) / 40 = 3 900; EE = 3 300 / 3 900 = 0.8462."""
    from app.core.wizards.commission import efficiency, signpost_answers

    ctx = WizardContext(demo_db, TODAY)
    typed = answers_for(MkusType.ZLECANIE_USLUG)
    typed["costs"] = {**typed["costs"], "grant": "150 000", "units_after": "40"}
    state = walk(ctx, typed, until="decision")
    assert efficiency(state.answers).ratio == Decimal("0.8462")
    warning = (
        "Uwaga: po zleceniu jeden odbiorca kosztuje 3\u00a0900,00\u00a0zł zamiast 3\u00a0300,00\u00a0zł dziś "
        "(E-03 EE = 0,85, poniżej 1)"
    )
    step = WIZARD.step("costs")
    assert any(line.startswith(warning) for line in step.info(ctx, state.answers))
    # the decision step repeats it and does not tick "brings benefits" for the clerk
    assert state.answers["crit_benefits"] is False
    assert any(line.startswith(warning) for line in WIZARD.step("decision").info(ctx, state.answers))
    assert any(w.startswith(warning) for w in signpost_answers(state.answers, TODAY)["warnings"])
