"""The "Program współpracy" and "Ocena roczna umowy" wizards walked without Qt."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from app.core.db.models import CooperationProgramme
from app.core.domain.enums import ProgrammeKind, WkusArea
from app.core.wizards import base
from app.core.wizards.base import WizardContext
from app.core.wizards.evaluation import WIZARD as EVALUATION
from app.core.wizards.programme import WIZARD as PROGRAMME

TODAY = dt.date(2026, 10, 20)


@pytest.fixture
def demo_db(db):
    from app.core.demo import load_demo

    load_demo(db, today=TODAY)
    return db


def _walk(defn, ctx, typed):
    state = base.start(defn, ctx)
    for _i in range(20):
        if base.is_last(defn, state):
            return state
        errors = base.go_next(defn, ctx, state, typed.get(state.current, {}))
        assert errors == [], (state.current, [str(e) for e in errors])
    raise AssertionError("no end")


@pytest.mark.parametrize("kind,years", [(ProgrammeKind.ANNUAL, (2027, 2027)), (ProgrammeKind.MULTI_YEAR, (2027, 2028))])
def test_programme_from_the_latest_one(demo_db, kind, years):
    ctx = WizardContext(demo_db, TODAY)
    typed = {"period": {"kind": kind.value, "year_to": "2028"}}
    state = _walk(PROGRAMME, ctx, typed)
    a = state.answers
    # the demo's latest programme (2027) gives the texts and the priorities, copied to each new year
    assert a["year_from"] == "2027" and "Przykładowa" in a["title"]
    assert all(a[f"element_{n}"].strip() for n in range(1, 12))
    prio_years = sorted({r["year"] for r in a["priorities"]})
    assert prio_years == [str(y) for y in range(years[0], years[1] + 1)]
    assert a["planned_total"]
    result = base.finish(PROGRAMME, ctx, state)
    with demo_db.session() as s:
        p = s.get(CooperationProgramme, result.created["programme"])
        assert (p.kind, p.year_from, p.year_to) == (kind, *years)
        assert sorted(e.number for e in p.elements) == list(range(1, 12))
        assert p.consultation_start == dt.date(2026, 10, 1)
        assert sum((pr.planned_amount for pr in p.priorities), Decimal(0)) == p.planned_total
        assert {pr.area for pr in p.priorities} <= set(WkusArea)
    # the resolution draft can be printed for it
    from app.core.documents.resolution import build_resolution

    doc = build_resolution(
        demo_db,
        ctx_path := __import__("pathlib").Path(demo_db.path).with_suffix(".pdf"),
        programme_id=result.created["programme"],
    )
    assert doc.missing == [] and ctx_path.exists()


def test_programme_refusals(demo_db):
    ctx = WizardContext(demo_db, TODAY)
    state = base.start(PROGRAMME, ctx)
    errors = base.go_next(PROGRAMME, ctx, state, {"kind": "MULTI_YEAR", "year_to": "2027"})
    assert [e.message for e in errors] == ["Program wieloletni musi kończyć się w późniejszym roku niż się zaczyna."]
    assert base.go_next(PROGRAMME, ctx, state, {"year_to": "2029"}) == []
    for step in ("objectives", "forms"):
        assert base.go_next(PROGRAMME, ctx, state, {}) == [], step
    errors = base.go_next(
        PROGRAMME, ctx, state, {"priorities": [{"year": "2031", "title": "X", "area": "KOSMOS", "amount": "100"}]}
    )
    assert [e.message for e in errors] == [
        "Wiersz 1: rok 2031 jest poza okresem programu.",
        "Wiersz 1: nieznany obszar „KOSMOS”; użyj jednego z: EDU, PROMO, SOC, CIV, SPORT, ENV, CULT, HEALTH, SPATIAL.",
    ]


def test_annual_evaluation_of_a_contract_year(demo_db):
    from app.core.tools.service import stored_result

    ctx = WizardContext(demo_db, TODAY)
    state = base.start(EVALUATION, ctx)
    contract = base.options_of(EVALUATION.step("contract").fields[0], ctx, state.answers)[0][0]
    typed = {
        "contract": {"contract_id": contract},
        "control": {
            "control_date": "15.06.2023",
            "progress": "3",
            "efficiency_rating": "2",
            "funds": "3",
            "documentation": "2",
        },
    }
    state = _walk(EVALUATION, ctx, typed)
    a = state.answers
    assert a["year"] == "2023"  # the last finished year of the 2021–2023 contract
    assert a["results"] and a["grant"] and a["report_due"]  # known from the records
    info = EVALUATION.step("summary").info(ctx, a)
    assert any(line.startswith("J-07") and "83" in line for line in info)  # (3+2+3+2)/12 = 83,3
    result = base.finish(EVALUATION, ctx, state)
    assert [m.split(" (")[0].rsplit(" ", 1)[0] for m in result.messages[:3]] == [
        "Indeks Efektywności",
        "Indeks Jakości",
        "Indeks Współpracy",
    ]
    # each index says how many of its components had data ("3 z 3 składników")
    assert all(re.search(r"\d z \d składnik|brak danych", m) for m in result.messages[:3])
    j07 = stored_result(demo_db, "J-07", "contract", int(contract), 2023)
    assert j07 is not None and j07.primary.value == Decimal("83.33")


def test_evaluation_names_bad_values(demo_db):
    ctx = WizardContext(demo_db, TODAY)
    state = base.start(EVALUATION, ctx)
    contract = base.options_of(EVALUATION.step("contract").fields[0], ctx, state.answers)[0][0]
    for step in ({"contract_id": contract}, {}):
        assert base.go_next(EVALUATION, ctx, state, step) == []
    errors = base.go_next(EVALUATION, ctx, state, {"results": [{"name": "X", "planned": "abc", "achieved": "1"}]})
    assert errors and all(e.field == "results" for e in errors)


def test_evaluation_offers_the_planned_results_of_a_year_without_a_report(demo_db):
    """QA: for a year with no achieved values yet the results table was empty although the contract plans
    results for it; the plan is offered, achieved left for the clerk."""
    from app.core.services.contracts import list_contracts

    ctx = WizardContext(demo_db, TODAY)
    state = base.start(EVALUATION, ctx)
    cid = next(r.id for r in list_contracts(demo_db) if r.number == "OR.526.2.2022")
    for step in ({"contract_id": str(cid)}, {"year": "2025"}):
        assert base.go_next(EVALUATION, ctx, state, step) == []
    assert state.current == "results"
    assert state.answers["results"] == [
        {
            "name": "Liczba dzieci regularnie uczestniczących w zajęciach",
            "unit": "osoby",
            "planned": "40",
            "achieved": "",
        },
        {"name": "Liczba dni otwarcia świetlic", "unit": "dni", "planned": "240", "achieved": ""},
        {"name": "Liczba rodziców objętych poradnictwem", "unit": "osoby", "planned": "120", "achieved": ""},
    ]


def test_multi_year_reason_speaks_of_the_length_not_budget_years():
    """QA: a 3-year contract from 1 July spans 4 budget years, but the reason said "3 lat budżetowych"."""
    from app.core.domain.enums import MkusType, ProcedureRoute
    from app.core.wizards.commission import WIZARD as COMMISSION
    from app.core.wizards.legal import RouteFacts, assess

    facts = RouteFacts(MkusType.ZLECANIE_USLUG, 3, Decimal("120000"), None)
    reasons = assess(ProcedureRoute.OPEN_COMPETITION, facts, TODAY).reasons
    assert any(r.startswith("Umowę wieloletnią (okres w latach: 3) zawiera się po jednym konkursie") for r in reasons)
    from app.core.i18n import _

    assert _(COMMISSION.step("basic").field("years").help).startswith("od 1 do 5 lat: umowa trwa najwyżej 5 lat")


@pytest.mark.parametrize(
    "old, new, text, expected",
    [
        (
            (2027, 2027),
            (2027, 2029),
            "Celem programu na rok 2027 jest współpraca; w roku 2027 ogłosimy konkursy.",
            "Celem programu na lata 2027–2029 jest współpraca; w latach 2027–2029 ogłosimy konkursy.",
        ),
        (
            (2025, 2027),
            (2027, 2029),
            "Program na lata 2025–2027: od 2025 do 2027.",
            "Program na lata 2027–2029: od 2027 do 2029.",
        ),
        (
            (2026, 2026),
            (2027, None),
            "Program na rok 2026 (uchwała z 2025 r.).",
            "Program na rok 2027 (uchwała z 2025 r.).",
        ),
        ((2024, 2026), (2027, None), "Program na lata 2024–2026.", "Program na rok 2027."),
    ],
)
def test_retarget_years_in_one_pass(old, new, text, expected):
    """QA: a multi-year programme 2027–2029 after the annual 2027 one was offered texts 'na rok 2029'."""
    from app.core.wizards.programme import retarget_years

    assert retarget_years(text, *old, *new) == expected


def test_programme_wizard_period_sentence_fits_a_multi_year_programme(demo_db):
    ctx = WizardContext(demo_db, TODAY)
    state = base.start(PROGRAMME, ctx)
    assert base.go_next(PROGRAMME, ctx, state, {"kind": "MULTI_YEAR", "year_from": "2028", "year_to": "2030"}) == []
    assert "2030" in state.answers["element_1"] and "na rok 2030" not in state.answers["element_1"]
    while state.current != "funds":
        assert base.go_next(PROGRAMME, ctx, state, {}) == [], state.current
    assert state.answers["element_6"] == "Program obejmuje okres od 1 stycznia 2028 r. do 31 grudnia 2030 r."


def test_untouched_title_follows_the_kind_and_years(demo_db):
    """QA: choosing a multi-year programme kept the suggested title 'Roczny program … na rok 2027'."""
    ctx = WizardContext(demo_db, TODAY)
    state = base.start(PROGRAMME, ctx)
    assert state.answers["title"] == (
        "Roczny program współpracy – Gmina Przykładowa (DEMO) – z organizacjami pozarządowymi na rok 2027"
    )
    assert base.go_next(PROGRAMME, ctx, state, {"kind": "MULTI_YEAR", "year_from": "2027", "year_to": "2029"}) == []
    assert state.answers["title"] == (
        "Wieloletni program współpracy – Gmina Przykładowa (DEMO) – z organizacjami pozarządowymi na lata 2027–2029"
    )
    # a title the clerk wrote is never replaced
    state = base.start(PROGRAMME, ctx)
    assert (
        base.go_next(
            PROGRAMME,
            ctx,
            state,
            {"kind": "MULTI_YEAR", "year_from": "2027", "year_to": "2029", "title": "Program Przykładowa 2027+"},
        )
        == []
    )
    assert state.answers["title"] == "Program Przykładowa 2027+"


def test_period_step_says_when_the_register_already_has_a_programme_for_the_years(demo_db):
    """QA: the wizard silently created a second annual programme for 2027 next to the demo's one."""
    ctx = WizardContext(demo_db, TODAY)
    info = PROGRAMME.step("period").info
    lines = info(ctx, {"kind": "ANNUAL", "year_from": "2027"})
    assert len(lines) == 2 and lines[1].startswith("W rejestrze jest już program na 2027: „Roczny program współpracy")
    assert len(info(ctx, {"kind": "ANNUAL", "year_from": "2031"})) == 1


def test_commission_consultation_is_planned_in_the_future(demo_db):
    """QA: on 1.12.2026 the Kreator planned the consultation for 01.10.2026 – 15.10.2026 (already past)."""
    from app.core.wizards.commission import _prefill_consultation

    ctx = WizardContext(demo_db, dt.date(2026, 12, 1))
    a = {"task_id": "new", "start_date": "01.07.2027", "years": "3", "cue_defined_service": True}
    out = _prefill_consultation(ctx, a)
    assert (out["consultation_start"], out["consultation_end"]) == ("08.12.2026", "22.12.2026")
    early = _prefill_consultation(WizardContext(demo_db, dt.date(2026, 3, 2)), a)
    assert (early["consultation_start"], early["consultation_end"]) == ("01.10.2026", "15.10.2026")


def _evaluate_2025(db, results):
    from app.core.services.contracts import list_contracts

    ctx = WizardContext(db, TODAY)
    state = base.start(EVALUATION, ctx)
    cid = next(r.id for r in list_contracts(db) if r.number == "OR.526.2.2022")
    for step in ({"contract_id": str(cid)}, {"year": "2025"}):
        assert base.go_next(EVALUATION, ctx, state, step) == []
    rows = [dict(r) for r in state.answers["results"]]
    results(rows)
    assert base.go_next(EVALUATION, ctx, state, {"results": rows}) == []
    while not base.is_last(EVALUATION, state):
        assert base.go_next(EVALUATION, ctx, state, {}) == [], state.current
    return cid, base.finish(EVALUATION, ctx, state)


def test_evaluation_writes_the_achieved_values_back_to_the_contract(demo_db):
    """QA: the wizard saved the achieved values only as J-04 entries; the contract editor's "Osiągnięto 2025"
    column, the contract card and the annual report (ResultValue) stayed empty."""
    from app.core.db.models import AuditEntry, ToolEntry
    from app.core.services.contracts import get_contract
    from app.core.tools.service import stored_result

    with demo_db.session() as s:
        audit_before = s.query(AuditEntry).count()

    def typed(rows):
        rows[0]["achieved"], rows[1]["achieved"], rows[2]["achieved"] = "36", "228,5", "100"

    cid, result = _evaluate_2025(demo_db, typed)

    def achieved():
        return {
            r.name: r.achieved.get(2025)
            for r in get_contract(demo_db, cid).planned_results
            if r.budget_year in (None, 2025)
        }

    assert achieved() == {
        "Liczba dzieci regularnie uczestniczących w zajęciach": Decimal("36"),
        "Liczba dni otwarcia świetlic": Decimal("228.5"),
        "Liczba rodziców objętych poradnictwem": Decimal("100"),
    }
    assert "3 wartości osiągnięte w roku 2025 zapisano w rezultatach umowy." in result.messages
    with demo_db.session() as s:
        audited = [
            e for e in s.query(AuditEntry).order_by(AuditEntry.id).all()[audit_before:] if e.entity == "result_value"
        ]
        assert len(audited) == 3  # three ResultValue rows inserted, audited as usual
        # the entry does not copy the results: J-04 reads them from the contract
        entry = s.query(ToolEntry).filter_by(tool_id="J-04", scope_id=cid, year=2025).one()
        assert "results" not in entry.inputs
    # (36/40 + 228,5/240 + 100/120) / 3 = (0,9 + 0,952083 + 0,833333) / 3 = 0,895139
    j04 = stored_result(demo_db, "J-04", "contract", cid, 2025)
    assert j04 is not None and j04.primary.value == Decimal("0.8951")

    # again: one value cleared, a row the contract does not plan
    def changed(rows):
        rows[2]["achieved"] = ""
        rows.append({"name": "Liczba wycieczek", "unit": "szt.", "planned": "4", "achieved": "3"})

    _cid, result = _evaluate_2025(demo_db, changed)
    assert achieved()["Liczba rodziców objętych poradnictwem"] is None
    assert achieved()["Liczba dni otwarcia świetlic"] == Decimal("228.5")
    assert "Liczba wycieczek" not in achieved()  # the wizard never changes the contract's plan
    assert any(m.startswith("„Liczba wycieczek” nie jest wśród zakładanych rezultatów umowy") for m in result.messages)


def test_programme_wizard_stores_the_planned_resolution_date_as_a_plan(demo_db):
    """Issue 15 item 11: "Planowana data uchwały" became the programme's "Data uchwały", so the register
    showed a programme the council had not adopted as adopted."""
    from app.core.services.programmes import list_programmes

    ctx = WizardContext(demo_db, TODAY)
    state = _walk(PROGRAMME, ctx, {"period": {"year_from": "2028"}, "resolution": {"resolution_date": "26.11.2027"}})
    result = base.finish(PROGRAMME, ctx, state)
    with demo_db.session() as s:
        p = s.get(CooperationProgramme, result.created["programme"])
        assert p.resolution_date is None and p.resolution_number == ""
        assert "Planowana data uchwały rady: 26.11.2027" in p.notes
    row = next(r for r in list_programmes(demo_db) if r.id == result.created["programme"])
    assert row.resolution_date is None


def test_suggested_title_follows_the_year_as_it_is_typed(demo_db):
    """Issue 15 item 11: the proposed title kept "na rok 2027" after the year was changed to 2028."""
    ctx = WizardContext(demo_db, TODAY)
    state = base.start(PROGRAMME, ctx)
    derive = PROGRAMME.step("period").derive
    changed = derive(ctx, {**state.answers, "year_from": "2028"})
    assert changed["title"] == (
        "Roczny program współpracy – Gmina Przykładowa (DEMO) – z organizacjami pozarządowymi na rok 2028"
    )
    assert derive(ctx, {**state.answers, "year_from": "20"}) == {}  # half-typed: nothing follows yet
    assert derive(ctx, {**state.answers, "year_from": "2028", "title": "Mój tytuł"}) == {}
    assert base.go_next(PROGRAMME, ctx, state, {"year_from": "2028"}) == []
    assert state.answers["title"].endswith("na rok 2028")


def test_evaluation_shows_money_as_typed_questions_in_words_and_contracts_in_number_order(demo_db):
    """Issue 15 item 11: "Ocena roczna" showed "86106.98", survey columns P1–P5, contracts out of order."""
    from app.core.tools.catalogue import get_catalogue
    from app.core.wizards.evaluation import number_order

    ctx = WizardContext(demo_db, TODAY)
    state = base.start(EVALUATION, ctx)
    numbers = [
        label.split(" – ")[0]
        for _c, label in base.options_of(EVALUATION.step("contract").fields[0], ctx, state.answers)
    ]
    assert numbers == sorted(numbers, key=number_order)
    assert sorted(["OR.526.10.2022", "OR.526.2.2022", "OR.526.2.2021"], key=number_order) == [
        "OR.526.2.2021",
        "OR.526.2.2022",
        "OR.526.10.2022",
    ]
    cid = base.options_of(EVALUATION.step("contract").fields[0], ctx, state.answers)[0][0]
    for step in ({"contract_id": cid}, {}, {}):
        assert base.go_next(EVALUATION, ctx, state, step) == []
    assert state.current == "costs"
    amounts = [state.answers.get(k) for k in ("grant", "grant_used", "total_cost") if state.answers.get(k)]
    assert amounts and all("," in v and "." not in v for v in amounts), amounts  # "86 106,98", never "86106.98"
    questions = [c.label for c in EVALUATION.step("survey").field("survey").columns[1:]]
    j05 = get_catalogue().tool("J-05").input("answers").columns
    assert questions == [str(c.label) for c in j05[1:]]
    assert questions[0] == "Usługa odpowiada moim potrzebom"


def test_the_change_starts_when_every_milestone_is_ahead_and_in_order(demo_db):
    """Issue 15: on 1.12.2026 the Kreator proposed a start on 1.01.2027, whose programme adoption (30.11.2026)
    and announcement (23.10.2026) had passed and whose consultation (from 8.12.2026) came after the
    competition commission."""
    from app.core.wizards.commission import WIZARD as COMMISSION
    from app.core.wizards.commission import milestones, proposed_start

    today = dt.date(2026, 12, 1)
    # 2027 is too late for the programme of 2027 (30.11.2026); 1.01.2028: consultation 1–15.10.2027, programme
    # 30.11.2027, budget 31.12.2027, announcement 1.01.2028 − 70 days = 23.10.2027 (after the consultation)
    assert proposed_start(today, years=3) == dt.date(2028, 1, 1)
    # on 20.10.2026: consultation from 27.10.2026 (a week on) to 10.11.2026; 1.01.2027 would announce on
    # 23.10.2026, before the consultation ends; 1.02.2027 announces on 23.11.2026
    assert proposed_start(dt.date(2026, 10, 20), years=3) == dt.date(2027, 2, 1)
    ctx = WizardContext(demo_db, today)
    state = base.start(COMMISSION, ctx)
    base.go_next(COMMISSION, ctx, state, {"task_id": "new"})
    assert state.answers["start_date"] == "01.01.2028"
    a = {
        "start_date": "01.01.2028",
        "years": "3",
        "route": "OPEN_COMPETITION",
        "consulted": True,
        "consultation_start": "01.10.2027",
        "consultation_end": "15.10.2027",
    }
    rows = milestones(a, today)
    dates = [dt.datetime.strptime(r["date"], "%d.%m.%Y").date() for r in rows]
    assert min(dates) > today and dates == sorted(dates)
    # the announcement may precede the budget resolution (art. 13 ust. 5), never the consultation
    assert [r["what"] for r in rows[:5]] == [
        "Konsultacje z organizacjami",
        "Ogłoszenie konkursu w BIP, na tablicy ogłoszeń i stronie internetowej",
        "Termin składania ofert (co najmniej 21 dni)",
        "Program współpracy uchwalony przez radę (art. 5a)",
        "Komisja konkursowa ocenia oferty",
    ]
    # a start the clerk moved back into the past is answered with the start that fits
    late = {**a, "start_date": "01.03.2027", "consultation_start": "08.12.2026", "consultation_end": "22.12.2026"}
    info = COMMISSION.step("schedule").info(ctx, late)
    assert len(info) == 1 and "Rozpoczęcie 1.01.2028 (krok „Podstawowe dane zadania”)" in info[0]
    assert COMMISSION.step("schedule").info(ctx, a) == []
