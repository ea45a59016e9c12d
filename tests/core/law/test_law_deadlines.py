"""Statutory deadlines generated from a small database, with hand-computed dates and states."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from app.core.db.models import Contract, ContractReport, CooperationProgramme, Procedure, Tranche
from app.core.domain.enums import ContractForm, ContractStatus, ProcedureRoute, ProgrammeKind, ReportKind
from app.core.errors import ValidationFailed
from app.core.law.deadlines import collect_deadlines
from app.core.law.rdpp import create_rdpp_request
from app.core.law.types import DeadlineState, deadline_state

# runs on SQLite and on the tests' PostgreSQL server (tests/conftest.py, issue 19)
pytestmark = pytest.mark.pg

D = dt.date
TODAY = D(2026, 11, 22)


def test_states_relative_to_today() -> None:
    assert deadline_state(TODAY - dt.timedelta(days=1), False, TODAY, 14) is DeadlineState.OVERDUE
    assert deadline_state(TODAY, False, TODAY, 14) is DeadlineState.DUE_SOON
    assert deadline_state(TODAY + dt.timedelta(days=14), False, TODAY, 14) is DeadlineState.DUE_SOON
    assert deadline_state(TODAY + dt.timedelta(days=15), False, TODAY, 14) is DeadlineState.UPCOMING
    assert deadline_state(TODAY - dt.timedelta(days=100), True, TODAY, 14) is DeadlineState.MET


@pytest.fixture
def filled(db):
    with db.session() as s:
        s.add(
            CooperationProgramme(
                kind=ProgrammeKind.ANNUAL,
                title="Program 2026",
                year_from=2026,
                year_to=2026,
                resolution_date=D(2025, 11, 20),
            )
        )
        s.add(
            Contract(
                number="7/2026",
                title="Klub seniora",
                form=ContractForm.POWIERZENIE,
                status=ContractStatus.ACTIVE,
                start_date=D(2026, 1, 1),
                end_date=D(2026, 12, 31),
                reports=[
                    ContractReport(kind=ReportKind.PARTIAL, call_delivered=D(2026, 10, 1), due_date=D(2026, 11, 10))
                ],
                tranches=[
                    Tranche(
                        budget_year=2026,
                        amount=Decimal("50000.00"),
                        payment_date=D(2026, 2, 15),
                        paid_date=D(2026, 2, 14),
                    )
                ],
            )
        )
        s.add(
            Procedure(
                route=ProcedureRoute.SMALL_GRANT_19A, title="Festyn", budget_year=2026, received_date=D(2026, 11, 18)
            )
        )
        s.add(
            Procedure(
                route=ProcedureRoute.NGO_INITIATIVE_12,
                title="Inicjatywa",
                budget_year=2026,
                received_date=D(2026, 11, 2),
            )
        )
    create_rdpp_request(db, request_date=D(2026, 8, 10), organisations_count=5)
    return db


def test_deadlines_for_the_next_60_days_overdue_first(filled) -> None:
    items = collect_deadlines(filled, TODAY, days=60)
    got = [(d.kind, d.due, d.state) for d in items]
    assert got == [
        # 10.08 + 2 months = Sat 10.10 -> Mon 12.10.2026
        ("RDPP_CREATION", D(2026, 10, 12), DeadlineState.OVERDUE),
        ("CONTRACT_REPORT", D(2026, 11, 10), DeadlineState.OVERDUE),
        # Wed 18.11 + 7 working days: 19, 20, 23, 24, 25, 26, 27
        ("19A_PUBLICATION", D(2026, 11, 27), DeadlineState.DUE_SOON),
        # no programme covers 2027 yet
        ("PROGRAMME_ADOPTION", D(2026, 11, 30), DeadlineState.DUE_SOON),
        # 2.11 + 1 month = Wed 2.12
        ("A12_ANSWER", D(2026, 12, 2), DeadlineState.DUE_SOON),
        ("GRANT_USE", D(2026, 12, 31), DeadlineState.UPCOMING),
    ]
    overdue_report = items[1]
    assert overdue_report.record.entity == "contract_report"
    assert "7/2026" in overdue_report.record.label
    assert overdue_report.basis.startswith("art. 18 ust. 3 u.d.p.p.w.")
    assert items[3].record.entity == "gmina"


def test_all_deadlines_include_met_and_later_ones(filled) -> None:
    items = collect_deadlines(filled, TODAY, include_met=True)
    by_kind = {(d.kind, d.due): d for d in items}
    # programme 2026 adopted 20.11.2025, deadline 30.11.2025
    assert by_kind[("PROGRAMME_ADOPTION", D(2025, 11, 30))].state is DeadlineState.MET
    # 31.12.2026 + 30 days = Sat 30.01.2027 -> Mon 1.02.2027
    final = by_kind[("CONTRACT_REPORT", D(2027, 2, 1))]
    assert final.state is DeadlineState.UPCOMING and final.record.entity == "contract"
    # art. 251 ust. 1 u.f.p.: by 31 January; 31.01.2027 is a Sunday -> Mon 1.02.2027, like the report above
    assert ("GRANT_RETURN", D(2027, 1, 31)) not in by_kind
    assert by_kind[("GRANT_RETURN", D(2027, 2, 1))].basis.startswith("art. 251 ust. 1 i 3 u.f.p.")
    assert by_kind[("TRANCHE_PAYMENT", D(2026, 2, 15))].state is DeadlineState.MET
    assert by_kind[("PROGRAMME_REPORT", D(2027, 5, 31))].state is DeadlineState.UPCOMING


def test_rdpp_request_validation(db) -> None:
    with pytest.raises(ValidationFailed) as info:
        create_rdpp_request(db, request_date=None, organisations_count=0)
    assert {e.field for e in info.value.errors} == {"request_date", "organisations_count"}


def test_a_date_outside_the_calendar_does_not_break_the_lists(filled) -> None:
    from app.core.law.rules import check_all

    with filled.session() as s:
        s.add(
            Contract(
                number="9/2150",
                title="Literówka w dacie",
                form=ContractForm.POWIERZENIE,
                status=ContractStatus.ACTIVE,
                start_date=D(2026, 1, 1),
                end_date=D(2150, 12, 31),
            )
        )
    items = collect_deadlines(filled, TODAY, days=60)
    assert [d.kind for d in items][:2] == ["RDPP_CREATION", "CONTRACT_REPORT"]  # the rest still listed
    [data] = [f for f in check_all(filled, TODAY) if f.rule_id == "DATA"]
    assert data.missing_data and "2000–2100" in data.message and "9/2150" in data.record.label


def test_a_final_report_without_a_year_covers_the_last_year(db) -> None:
    with db.session() as s:
        s.add(
            Contract(
                number="8/2026",
                title="Świetlica",
                form=ContractForm.POWIERZENIE,
                status=ContractStatus.COMPLETED,
                start_date=D(2026, 3, 1),
                end_date=D(2026, 10, 31),
                reports=[ContractReport(kind=ReportKind.FINAL, due_date=D(2026, 11, 30))],
            )
        )
    reports = [d for d in collect_deadlines(db, TODAY, include_met=True) if d.kind == "CONTRACT_REPORT"]
    # only the recorded one, no generated duplicate for 2026 (statutory: 31.10 + 30 days = Mon 30.11)
    assert [(d.due, d.record.entity) for d in reports] == [(D(2026, 11, 30), "contract_report")]


def test_a_return_date_set_in_the_contract_moves_and_cites_the_same_rule(db) -> None:
    # issue 17: the Pulpit listed the return on Sunday 31.01.2027 unmoved and cited art. 221 for it
    with db.session() as s:
        s.add(
            Contract(
                number="5/2026",
                title="Opieka",
                form=ContractForm.POWIERZENIE,
                status=ContractStatus.ACTIVE,
                start_date=D(2026, 1, 1),
                end_date=D(2026, 12, 31),
                tranches=[
                    Tranche(
                        budget_year=2026,
                        amount=Decimal("1000.00"),
                        use_deadline=D(2026, 12, 31),
                        return_deadline=D(2027, 1, 31),
                    )
                ],
            )
        )
    [ret] = [d for d in collect_deadlines(db, TODAY, include_met=True) if d.kind == "GRANT_RETURN"]
    assert ret.due == D(2027, 2, 1)  # Sun 31.01 -> Mon 1.02.2027
    assert ret.basis.startswith("art. 251 ust. 1 i 3 u.f.p.") and "221" not in ret.basis


def test_the_gmina_own_earlier_report_date_reaches_the_deadline_list_and_ics(db) -> None:
    from app.core.db.models import Setting
    from app.core.law.deadlines import LOCAL_REPORT_DATE_KEY
    from app.core.law.ics import deadlines_to_ics

    with db.session() as s:
        s.add(
            CooperationProgramme(
                kind=ProgrammeKind.ANNUAL,
                title="Program 2026",
                year_from=2026,
                year_to=2026,
                resolution_date=D(2025, 11, 20),
            )
        )
        s.add(Setting(key=LOCAL_REPORT_DATE_KEY, value="04-30"))
    items = collect_deadlines(db, TODAY, include_met=True)
    [report] = [d for d in items if d.kind == "PROGRAMME_REPORT"]
    assert report.due == D(2027, 4, 30)  # the council's 30 April, earlier than the act's 31 May
    assert b"DTSTART;VALUE=DATE:20270430" in deadlines_to_ics([report])


def test_a_multi_year_programme_does_not_replace_the_annual_one(db) -> None:
    # art. 5a ust. 1: "Roczny program współpracy jest uchwalany do dnia 30 listopada roku poprzedzającego";
    # ust. 2: the multi-year programme "może" be adopted besides it
    from app.core.law.rules import check_all

    with db.session() as s:
        s.add(
            CooperationProgramme(
                kind=ProgrammeKind.MULTI_YEAR,
                title="Program 2025–2027",
                year_from=2025,
                year_to=2027,
                resolution_date=D(2024, 11, 25),
            )
        )
        s.add(
            CooperationProgramme(
                kind=ProgrammeKind.ANNUAL,
                title="Program 2025",
                year_from=2025,
                year_to=2025,
                resolution_date=D(2024, 11, 25),
            )
        )
    adoptions = {d.due: d for d in collect_deadlines(db, TODAY, include_met=True) if d.kind == "PROGRAMME_ADOPTION"}
    # 2026 has no annual programme: due 30.11.2025, overdue; 2027: due 30.11.2026, still open
    assert adoptions[D(2025, 11, 30)].state is DeadlineState.OVERDUE
    assert adoptions[D(2026, 11, 30)].state is DeadlineState.DUE_SOON
    findings = [f for f in check_all(db, TODAY) if f.rule_id == "PRG-1" and not f.missing_data]
    assert len(findings) == 1 and "2026" in findings[0].message and "art. 5a ust. 1" in findings[0].message


def test_the_19a_remarks_window_in_the_deadline_list_ends_on_publication_plus_7(db) -> None:
    # published Fri 24.04.2026; "w terminie 7 dni od dnia zamieszczenia" -> 1.05 (holiday), 2.05 (Sat),
    # 3.05 (Sun, holiday) -> k.c. art. 115: Mon 4.05.2026 (the old code said Thu 30.04)
    with db.session() as s:
        s.add(
            Procedure(
                route=ProcedureRoute.SMALL_GRANT_19A,
                title="Festyn",
                budget_year=2026,
                received_date=D(2026, 4, 22),
                publication_start=D(2026, 4, 24),
            )
        )
    [window] = [d for d in collect_deadlines(db, D(2026, 4, 25), include_met=True) if d.kind == "19A_REMARKS"]
    assert window.due == D(2026, 5, 4) and window.basis.startswith("art. 19a ust. 3–5")
