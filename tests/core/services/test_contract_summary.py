"""Editor helpers in core: spreading the grant over the years, the per-year summary of a contract
and the overdue date of the contract list."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from app.core.domain.enums import ContractStatus, ContributionKind, LegalForm, RegistryType, ReportKind
from app.core.domain.records import (
    ContractInput,
    ContributionInput,
    OrganisationInput,
    PartyInput,
    PlannedResultInput,
    ReportInput,
    TrancheInput,
)
from app.core.services.contract_summary import year_summaries
from app.core.services.contracts import create_contract, get_contract, list_contracts, save_report, split_evenly
from app.core.services.organisations import create_organisation

# runs on SQLite and on the tests' PostgreSQL server (tests/conftest.py, issue 19)
pytestmark = pytest.mark.pg


def test_split_evenly_keeps_every_grosz() -> None:
    assert split_evenly(D("100000"), [2025, 2026, 2027]) == {
        2025: D("33333.34"),
        2026: D("33333.33"),
        2027: D("33333.33"),
    }
    shares = split_evenly(D("0.05"), [2025, 2026])
    assert shares == {2025: D("0.03"), 2026: D("0.02")} and sum(shares.values()) == D("0.05")
    assert split_evenly(D("250000.50"), [2026]) == {2026: D("250000.50")}
    assert split_evenly(D("1"), []) == {}


def _contract(db):  # type: ignore[no-untyped-def]
    org = create_organisation(
        db,
        OrganisationInput(
            name="Koło Gospodyń Wiejskich w Borkach",
            legal_form=LegalForm.KGW,
            registry_type=RegistryType.REJESTR_KGW,
            registry_number="12",
        ),
    )
    rec = create_contract(
        db,
        ContractInput(
            number="OR.526.3.2025",
            title="Klub seniora",
            status=ContractStatus.ACTIVE,
            start_date=dt.date(2025, 1, 1),
            end_date=dt.date(2026, 12, 31),
            parties=[PartyInput(org.id)],
            tranches=[
                TrancheInput(2025, "20 000", payment_date=dt.date(2025, 1, 20)),
                TrancheInput(2026, "22 000", payment_date=dt.date(2026, 1, 20)),
            ],
            contributions=[
                ContributionInput(2025, ContributionKind.FINANCIAL, "1 000"),
                ContributionInput(2025, ContributionKind.PERSONAL, "2 500"),
                ContributionInput(2026, ContributionKind.IN_KIND, "700"),
                ContributionInput(2026, ContributionKind.RECIPIENT_FEES, "900"),
            ],
            planned_results=[
                PlannedResultInput("Uczestnicy", "osoby", "listy", 2025, "30", {2025: "28"}),
                PlannedResultInput("Spotkania", "", "dziennik", None, "80", {2025: "41"}),
            ],
        ),
    )
    save_report(
        db,
        rec.id,
        ReportInput(
            kind=ReportKind.ANNUAL, budget_year=2025, due_date=dt.date(2026, 1, 30), received_date=dt.date(2026, 2, 3)
        ),
    )
    save_report(db, rec.id, ReportInput(kind=ReportKind.FINAL, budget_year=2026, due_date=dt.date(2027, 2, 1)))
    return get_contract(db, rec.id)


def test_year_summaries(db) -> None:  # type: ignore[no-untyped-def]
    s2025, s2026 = year_summaries(_contract(db), today=dt.date(2027, 3, 1))
    assert (s2025.year, s2025.grant, s2025.own_total) == (2025, D("20000.00"), D("3500.00"))  # 1 000 + 2 500
    # recipients' fees are not own contribution
    assert (s2026.grant, s2026.own_total, s2026.in_kind) == (D("22000.00"), D("700.00"), D("700.00"))
    # declined (issue 15); "Spotkania" (no unit) is a flow: the years so far are summed, 41 in 2025 and still 41 by 2026
    assert s2025.results == (
        "Uczestnicy: 28 z 30 osób",
        "Spotkania: 41 (cała umowa dotąd 41 z 80, przepływ (sumowany))",
    )
    assert s2026.results == ("Spotkania: — (cała umowa dotąd 41 z 80, przepływ (sumowany))",)
    assert s2025.reports == ("sprawozdanie roczne: otrzymane 3.02.2026 (po terminie)",)
    assert s2025.late_reports == 0  # received, although late
    assert s2026.reports == ("sprawozdanie końcowe: zaległe od 1.02.2027",) and s2026.late_reports == 1


def test_list_shows_the_earliest_missed_date(db) -> None:  # type: ignore[no-untyped-def]
    rec = _contract(db)
    # on 1.03.2026 the 2025 report came (late, but came); neither tranche is marked as paid
    [row] = list_contracts(db, today=dt.date(2026, 3, 1))
    assert (row.overdue_date, row.overdue_label) == (dt.date(2025, 1, 20), "transza 2025 niewypłacona")
    assert row.next_due_date == dt.date(2026, 12, 31)
    [row] = list_contracts(db, today=dt.date(2025, 1, 10))
    assert row.overdue_date is None and row.next_due_date == dt.date(2025, 1, 20)
    assert rec.id == row.id


def test_summary_of_places_shows_the_level_not_the_sum(db) -> None:  # type: ignore[no-untyped-def]
    from app.core.services.contracts import contract_input, update_contract

    rec = _contract(db)
    data = contract_input(rec)
    data.planned_results = [PlannedResultInput("Miejsca w klubie", "miejsca", "", None, "12", {2025: "12", 2026: "12"})]
    rec = update_contract(db, rec.id, data)
    _s2025, s2026 = year_summaries(rec, today=dt.date(2027, 3, 1))
    # places are a state: by 2026 the level is (12 + 12) / 2 = 12 of 12, not 24
    assert s2026.results == ("Miejsca w klubie: 12 miejsc (cała umowa dotąd 12 z 12 miejsc, stan (poziom))",)
