"""The annual report shows the forms the act names besides the competition: local initiative (art. 19b–19h)
and regranting (art. 16a), with counts and amounts from the money owner and "—" where nothing is recorded
(issue 14)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from app.core.domain.enums import ContractForm, ContractStatus, ContributionKind, ProcedureRoute

d = dt.date


def _gmina_with_forms(db) -> None:  # type: ignore[no-untyped-def]
    from app.core.db.models import Contract, OwnContribution, Procedure, Tranche

    with db.session() as s:
        li_a = Procedure(
            route=ProcedureRoute.LOCAL_INITIATIVE,
            title="Plac zabaw w Borkach",
            budget_year=2025,
            planned_amount=D("8000.00"),
            received_date=d(2025, 3, 1),
            answer_date=d(2025, 3, 20),
        )
        li_b = Procedure(
            route=ProcedureRoute.LOCAL_INITIATIVE,
            title="Ławki w Lipowie",
            budget_year=2025,
            received_date=d(2025, 6, 1),
        )  # no planned amount, no answer, no contract yet
        rg = Procedure(
            route=ProcedureRoute.REGRANTING_16A,
            title="Operator mikrodotacji",
            budget_year=2025,
            planned_amount=D("50000.00"),
            decision_date=d(2025, 2, 10),
        )
        other = Procedure(route=ProcedureRoute.OPEN_COMPETITION, title="Konkurs", budget_year=2025)
        s.add_all([li_a, li_b, rg, other])
        s.flush()
        li_contract = Contract(
            title="Plac zabaw",
            procedure_id=li_a.id,
            form=ContractForm.WSPARCIE,
            status=ContractStatus.ACTIVE,
            start_date=d(2025, 4, 1),
            end_date=d(2025, 9, 30),
        )
        li_contract.tranches = [Tranche(budget_year=2025, amount=D("6000.00"), paid_date=d(2025, 4, 15))]
        li_contract.contributions = [
            OwnContribution(
                budget_year=2025,
                kind=ContributionKind.PERSONAL,
                planned_amount=D("3200.00"),
                actual_amount=D("3500.00"),
            ),
            OwnContribution(
                budget_year=2025, kind=ContributionKind.IN_KIND, planned_amount=D("800.00"), actual_amount=D("650.00")
            ),
        ]
        operator = Contract(
            title="Regranting",
            procedure_id=rg.id,
            form=ContractForm.POWIERZENIE,
            status=ContractStatus.ACTIVE,
            start_date=d(2025, 3, 1),
            end_date=d(2025, 12, 31),
        )
        operator.tranches = [
            Tranche(budget_year=2025, amount=D("30000.00"), paid_date=d(2025, 3, 10)),
            Tranche(budget_year=2025, amount=D("18000.00")),
        ]  # not paid yet
        draft = Contract(
            title="Projekt",
            procedure_id=rg.id,
            form=ContractForm.WSPARCIE,
            status=ContractStatus.DRAFT,
            start_date=d(2025, 3, 1),
            end_date=d(2025, 12, 31),
        )
        draft.tranches = [Tranche(budget_year=2025, amount=D("9999.00"), paid_date=d(2025, 3, 10))]
        competition = Contract(
            title="Konkursowa",
            procedure_id=other.id,
            form=ContractForm.WSPARCIE,
            status=ContractStatus.ACTIVE,
            start_date=d(2025, 3, 1),
            end_date=d(2025, 12, 31),
        )
        competition.tranches = [Tranche(budget_year=2025, amount=D("1000.00"))]
        s.add_all([li_contract, operator, draft, competition])


def test_route_year_counts_and_money_by_hand(db) -> None:  # type: ignore[no-untyped-def]
    from app.core.figures import money

    _gmina_with_forms(db)
    with db.session() as s:
        li = money.route_year(s, 2025, ProcedureRoute.LOCAL_INITIATIVE)
        rg = money.route_year(s, 2025, ProcedureRoute.REGRANTING_16A)
        empty = money.route_year(s, 2026, ProcedureRoute.LOCAL_INITIATIVE)
    # local initiative: 2 applications, 1 answered; planned 8 000 (the second has none: 1 unknown)
    assert (li.procedures, li.answered, li.planned, li.planned_unknown) == (2, 1, D("8000.00"), 1)
    assert len(li.contracts) == 1
    # committed 6 000, transferred 6 000 (paid 15.04.2025)
    assert (li.money.committed, li.money.transferred) == (D("6000.00"), D("6000.00"))
    # residents: planned 3 200 + 800 = 4 000; settled 3 500 + 650 = 4 150
    c = li.contributions
    assert (c.rows, c.planned, c.actual, c.actual_unknown) == (2, D("4000.00"), D("4150.00"), 0)
    # regranting: 1 procedure decided; operator committed 30 000 + 18 000 = 48 000, transferred 30 000;
    # the draft's 9 999 counts nowhere
    assert (rg.procedures, rg.answered, rg.planned) == (1, 1, D("50000.00"))
    assert (rg.money.committed, rg.money.transferred) == (D("48000.00"), D("30000.00"))
    assert len(rg.contracts) == 1 and rg.contributions.rows == 0
    # a year with nothing: no plan is unknown (None), not 0
    assert (empty.procedures, empty.planned, len(empty.contracts)) == (0, None, 0)


def test_the_report_section_prints_the_figures_and_names_what_is_missing(db) -> None:  # type: ignore[no-untyped-def]
    from app.core.documents.annual_report import annual_figures, non_competitive_rows
    from app.core.i18n import format_money

    _gmina_with_forms(db)
    f = annual_figures(db, 2025)
    cols, rows, notes = non_competitive_rows(f)
    assert len(cols) == 3  # item, local initiative, regranting
    table = {str(r[0]): r[1:] for r in rows}
    assert list(table.values())[0] == [2, 1]  # applications / procedures
    assert list(table.values())[2] == [format_money(D("8000.00")), format_money(D("50000.00"))]
    assert list(table.values())[3] == [1, 1]  # contracts
    assert list(table.values())[4] == [format_money(D("6000.00")), format_money(D("48000.00"))]
    assert list(table.values())[5] == [format_money(D("6000.00")), format_money(D("30000.00"))]
    # the operator's own contribution is not recorded: "—", not 0,00 zł
    assert list(table.values())[6] == [format_money(D("4000.00")), "—"]
    assert list(table.values())[7] == [format_money(D("4150.00")), "—"]
    joined = "\n".join(notes)
    assert "1" in joined and ("wniosek" in joined or "application" in joined)  # the application without a plan
    assert "operator" in joined  # the operator's sub-grants are named as not recorded


def test_an_empty_year_says_none_recorded(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.core.documents.annual_report import annual_figures, non_competitive_rows

    f = annual_figures(db, 2025)
    _, rows, notes = non_competitive_rows(f)
    assert rows[2][1:] == ["—", "—"] and rows[3][1:] == [0, 0] and notes == []
