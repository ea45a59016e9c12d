"""Pulpit figures on a small hand-made fixture."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from app.core.domain.enums import ContractStatus, LegalForm, RegistryType, ReportKind, WkusArea
from app.core.domain.records import ContractInput, OrganisationInput, PartyInput, ReportInput, TaskInput, TrancheInput
from app.core.services.contracts import create_contract, save_report
from app.core.services.dashboard import UpcomingKind, dashboard
from app.core.services.organisations import create_organisation
from app.core.services.tasks import create_task

# runs on SQLite and on the tests' PostgreSQL server (tests/conftest.py, issue 19)
pytestmark = pytest.mark.pg

TODAY = dt.date(2026, 1, 10)


def build(db) -> None:  # type: ignore[no-untyped-def]
    a = create_organisation(
        db,
        OrganisationInput(
            name="Fundacja A", legal_form=LegalForm.FUNDACJA, registry_type=RegistryType.KRS, registry_number="1"
        ),
    )
    b = create_organisation(
        db,
        OrganisationInput(name="KGW B", legal_form=LegalForm.KGW, registry_type=RegistryType.REJESTR_KGW, active=False),
    )
    create_task(db, TaskInput(title="Opieka", area=WkusArea.SOC))
    # multi-year, active: 2025 10 000; 2026 12 000 (paid 20.01.2026); 2027 14 000
    multi = create_contract(
        db,
        ContractInput(
            title="Opieka 2025–2027",
            status=ContractStatus.ACTIVE,
            start_date=dt.date(2025, 1, 1),
            end_date=dt.date(2027, 12, 31),
            parties=[PartyInput(a.id), PartyInput(b.id)],
            tranches=[
                TrancheInput(2025, "10 000", payment_date=dt.date(2025, 1, 20), paid_date=dt.date(2025, 1, 20)),
                TrancheInput(2026, "12 000", payment_date=dt.date(2026, 1, 20)),
                TrancheInput(2027, "14 000", payment_date=dt.date(2027, 1, 20)),
            ],
        ),
    )
    # annual report for 2025 due 30.01.2026, not received
    save_report(db, multi.id, ReportInput(kind=ReportKind.ANNUAL, budget_year=2025, due_date=dt.date(2026, 1, 30)))
    # single-year, ending 28.02.2026 (in the window), draft
    create_contract(
        db,
        ContractInput(
            title="Ferie 2026",
            start_date=dt.date(2026, 1, 15),
            end_date=dt.date(2026, 2, 28),
            parties=[PartyInput(a.id)],
            tranches=[TrancheInput(2026, "2 500,50", payment_date=dt.date(2026, 1, 12))],
        ),
    )
    # settled 2025 contract: ignored for upcoming dates
    create_contract(
        db,
        ContractInput(
            title="Festyn 2025",
            status=ContractStatus.SETTLED,
            start_date=dt.date(2025, 6, 1),
            end_date=dt.date(2025, 8, 31),
            parties=[PartyInput(b.id)],
            tranches=[TrancheInput(2025, "5000")],
        ),
    )


def test_dashboard_figures(db) -> None:  # type: ignore[no-untyped-def]
    build(db)
    data = dashboard(db, TODAY)
    assert (data.organisations, data.active_organisations, data.tasks) == (2, 1, 1)
    assert (data.contracts, data.active_contracts, data.multi_year_contracts) == (3, 1, 1)
    # committed (figures.money): the draft "Ferie 2026" (2 500,50) is no money of the gmina's
    # 2025: 10 000 + 5 000; 2026: 12 000; 2027: 14 000
    assert data.committed_per_year == {2025: D("15000.00"), 2026: D("12000.00"), 2027: D("14000.00")}
    assert data.committed_total == D("41000.00")  # 15 000 + 12 000 + 14 000
    # within 60 days of 10.01.2026 (until 11.03.2026): payment 20.01, report 30.01, end 28.02.
    # The draft's tranche of 12.01 is no payment date: a draft commits nothing (the money tile above
    # leaves it out for the same reason), so the clerk has nothing to pay until it is signed.
    assert [(u.date, u.kind) for u in data.upcoming] == [
        (dt.date(2026, 1, 20), UpcomingKind.TRANCHE_PAYMENT),
        (dt.date(2026, 1, 30), UpcomingKind.REPORT_DUE),
        (dt.date(2026, 2, 28), UpcomingKind.CONTRACT_END),
    ]
    payment = data.upcoming[0]
    assert (payment.amount, payment.detail, payment.organisation_names) == (D("12000.00"), "2026", "Fundacja A; KGW B")
    assert payment.days_left(TODAY) == 10
    assert data.upcoming[1].kind.label == "termin sprawozdania"


def test_dashboard_window_and_empty_database(db) -> None:  # type: ignore[no-untyped-def]
    empty = dashboard(db, TODAY)
    assert (empty.organisations, empty.contracts, empty.committed_per_year, empty.upcoming) == (0, 0, {}, ())
    build(db)
    # a 10-day window from 10.01.2026 (until 20.01, included) holds only the payment of 20.01; one of 5
    # days nothing (the draft's payment of 12.01 is not listed)
    assert [u.date for u in dashboard(db, TODAY, days=10).upcoming] == [dt.date(2026, 1, 20)]
    assert dashboard(db, TODAY, days=5).upcoming == ()


def test_upcoming_labels_come_from_one_msgid_each() -> None:
    """ "wypłata transzy (2027)" is one sentence: in the pseudo-locale it is wrapped once, not
    "[[wypłata transzy] (2027)]" as when a translated label was put inside a second translation."""
    from app.core import i18n
    from app.core.services.dashboard import UpcomingDate

    def upcoming(kind: UpcomingKind, detail: str) -> UpcomingDate:
        return UpcomingDate(dt.date(2027, 1, 20), kind, 1, "OR.1.2027", "Seniorzy", "Fundacja", None, detail)

    assert upcoming(UpcomingKind.TRANCHE_PAYMENT, "2027").what == "wypłata transzy (2027)"
    assert upcoming(UpcomingKind.REPORT_DUE, "sprawozdanie końcowe").what == "sprawozdanie końcowe"
    assert upcoming(UpcomingKind.CONTRACT_END, "").what == "zakończenie umowy"
    i18n.set_language("pseudo")
    try:
        label = upcoming(UpcomingKind.TRANCHE_PAYMENT, "2027").what
        assert label.startswith("[wypłata transzy (2027)~") and label.count("[") == 1
    finally:
        i18n.set_language("pl")
