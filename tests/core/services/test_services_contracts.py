"""Contracts: the hard rules (dates, 5 years, one tranche per year, totals, amounts), round trips,
computed totals, reports, controls and the audit trail."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from app.core.audit import history
from app.core.domain.enums import AuditAction, ContractStatus, ContributionKind, LegalForm, RegistryType, ReportKind
from app.core.domain.records import (
    ContractInput,
    ContributionInput,
    ControlInput,
    OrganisationInput,
    PartyInput,
    PlannedResultInput,
    ReportInput,
    TrancheInput,
)
from app.core.errors import NotFound, ValidationFailed
from app.core.services.contracts import (
    contract_input,
    create_contract,
    delete_contract,
    delete_control,
    delete_report,
    get_contract,
    latest_end_date,
    list_contracts,
    save_control,
    save_report,
    update_contract,
    validate_contract,
    validate_report,
)
from app.core.services.organisations import create_organisation

# runs on SQLite and on the tests' PostgreSQL server (tests/conftest.py, issue 19)
pytestmark = pytest.mark.pg


def three_years(**changes) -> ContractInput:  # type: ignore[no-untyped-def]
    data = ContractInput(
        number="OR.526.1.2025",
        title="Usługi opiekuńcze 2025–2027",
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2027, 12, 31),
        parties=[PartyInput(1)],
        tranches=[
            TrancheInput(2025, "100 000,00", payment_date=dt.date(2025, 1, 20)),
            TrancheInput(2026, "120000.50"),
            TrancheInput(2027, "130 000"),
        ],
        contributions=[
            ContributionInput(2025, ContributionKind.FINANCIAL, "5 000"),
            ContributionInput(2025, ContributionKind.PERSONAL, "8000,00"),
            ContributionInput(2026, ContributionKind.PERSONAL, "8 500"),
            ContributionInput(2026, ContributionKind.IN_KIND, "1200"),
        ],
        planned_results=[
            PlannedResultInput("Liczba seniorów", "osoby", "listy", 2025, "40", {2025: "36"}),
            PlannedResultInput("Liczba godzin", "godz.", "karty", None, "3 000", {2025: "1000,5", 2026: "990"}),
        ],
    )
    for k, v in changes.items():
        setattr(data, k, v)
    return data


def messages(data: ContractInput, field: str) -> list[str]:
    return [e.message for e in validate_contract(data) if e.field == field]


@pytest.fixture
def org(db):  # type: ignore[no-untyped-def]
    return create_organisation(
        db,
        OrganisationInput(
            name="Fundacja Przystań", legal_form=LegalForm.FUNDACJA, registry_type=RegistryType.KRS, registry_number="5"
        ),
    )


def test_valid_three_year_contract() -> None:
    assert validate_contract(three_years()) == []


def test_required_fields() -> None:
    errors = validate_contract(ContractInput(form=None, status=None))
    assert {e.field for e in errors} == {"title", "form", "status", "start_date", "end_date", "parties"}


def test_end_before_start() -> None:
    data = three_years(end_date=dt.date(2024, 12, 31))
    assert messages(data, "end_date") == [
        "Nie może być wcześniejsza niż data rozpoczęcia."
    ]  # the label is not repeated


def test_five_years_counted_inclusively() -> None:
    # 1.01.2025 + 5 years = 1.01.2030, so the last allowed day is 31.12.2029
    assert latest_end_date(dt.date(2025, 1, 1)) == dt.date(2029, 12, 31)
    assert latest_end_date(dt.date(2024, 2, 29)) == dt.date(2029, 2, 27)
    five = three_years(end_date=dt.date(2029, 12, 31), tranches=[TrancheInput(y, "1000") for y in range(2025, 2030)])
    assert validate_contract(five) == []
    six = three_years(end_date=dt.date(2030, 1, 1), tranches=[TrancheInput(y, "1000") for y in range(2025, 2031)])
    [msg] = messages(six, "end_date")
    assert "5 lat" in msg and "31.12.2029" in msg


def test_one_tranche_per_budget_year() -> None:
    missing = three_years(tranches=[TrancheInput(2025, "1"), TrancheInput(2027, "1")])
    assert messages(missing, "tranches") == ["Brak transzy na rok: 2026. Wpisz jedną transzę na każdy rok budżetowy."]
    twice = three_years(
        tranches=[TrancheInput(2025, "1"), TrancheInput(2025, "2"), TrancheInput(2026, "1"), TrancheInput(2027, "1")]
    )
    assert any("2025" in m for m in messages(twice, "tranches"))
    outside = three_years(tranches=[TrancheInput(y, "1") for y in (2025, 2026, 2027, 2028)])
    assert any("2028" in m for m in messages(outside, "tranches"))
    assert messages(three_years(tranches=[]), "tranches")


def test_tranche_cannot_be_paid_before_its_budget_year() -> None:
    """QA: a 2026 tranche with a payment date in June 2025 was saved without a word."""
    early = three_years()
    early.tranches[1].payment_date = dt.date(2025, 6, 1)
    assert messages(early, "tranches") == [
        "Wiersz 2: Transzy na rok 2026 nie można wypłacić 1.06.2025, przed jej rokiem budżetowym."
    ]
    late = three_years()  # paid in January of the next year: an expenditure that does not expire (art. 263 u.f.p.)
    late.tranches[1].paid_date = dt.date(2027, 1, 10)
    assert messages(late, "tranches") == []


@pytest.mark.parametrize("amount", ["-100", "0", "abc", "12,345", "1.234,567", ""])
def test_bad_tranche_amounts(amount: str) -> None:
    data = three_years()
    data.tranches[1].amount = amount
    msgs = messages(data, "tranches")
    assert len(msgs) == 1 and msgs[0].startswith("Wiersz 2:")


def test_planned_total_must_equal_the_tranches() -> None:
    # 100 000,00 + 120 000,50 + 130 000,00 = 350 000,50
    assert validate_contract(three_years(planned_total="350 000,50")) == []
    [msg] = messages(three_years(planned_total="350000"), "tranches")
    assert "350\u00a0000,50" in msg and "-0,50" in msg.replace("\u2212", "-")


def test_contribution_and_result_rows() -> None:
    data = three_years()
    data.contributions.append(ContributionInput(2025, ContributionKind.FINANCIAL, "1"))  # second FINANCIAL 2025
    data.contributions.append(ContributionInput(2031, ContributionKind.IN_KIND, "-5"))
    msgs = messages(data, "contributions")
    assert len(msgs) == 3  # duplicate, negative amount, year outside
    data = three_years()
    data.planned_results.append(PlannedResultInput("", target_value="x"))
    assert len(messages(data, "planned_results")) == 2


def test_round_trip_totals_and_list(db, org) -> None:  # type: ignore[no-untyped-def]
    rec = create_contract(db, three_years(parties=[PartyInput(org.id, "realizator")]))
    assert rec.total_grant == D("350000.50")
    assert rec.grant_per_year == {2025: D("100000.00"), 2026: D("120000.50"), 2027: D("130000.00")}
    # 5 000 financial; 8 000 + 8 500 personal; 1 200 in kind → 22 700 own contribution
    assert rec.own_contribution_by_kind == {
        ContributionKind.FINANCIAL: D("5000.00"),
        ContributionKind.PERSONAL: D("16500.00"),
        ContributionKind.IN_KIND: D("1200.00"),
    }
    assert rec.own_contribution_total == D("22700.00")
    assert rec.parties[0].organisation_name == "Fundacja Przystań"
    assert rec.years_label == "2025–2027" and rec.is_multi_year
    # defaults of art. 221/251 ufp: use by 31.12, return by 31.01 of the next year
    assert (rec.tranches[0].use_deadline, rec.tranches[0].return_deadline) == (
        dt.date(2025, 12, 31),
        dt.date(2026, 1, 31),
    )
    hours = rec.planned_results[1]
    assert hours.target_value == D("3000") and hours.achieved == {2025: D("1000.5"), 2026: D("990")}
    # hours are a flow: summed over the years, 1 000,5 + 990 = 1 990,5
    from app.core.tools.results import over_years

    assert hours.kind.value == "FLOW" and over_years(hours.kind, hours.achieved) == D("1990.5")
    assert get_contract(db, rec.id) == rec
    [row] = list_contracts(db, today=dt.date(2025, 1, 10))
    assert (row.organisation_names, row.years_label, row.total_amount) == (
        "Fundacja Przystań",
        "2025–2027",
        D("350000.50"),
    )
    # a draft's tranches are no payment dates yet (the Pulpit's rule, dashboard.next_dates): its end comes next
    assert row.status is ContractStatus.DRAFT and row.next_due_date == dt.date(2027, 12, 31)
    from sqlalchemy import update

    from app.core.db.models import Contract

    with db.session() as s:
        s.execute(update(Contract).where(Contract.id == rec.id).values(status=ContractStatus.ACTIVE))
    [row] = list_contracts(db, today=dt.date(2025, 1, 10))
    assert row.next_due_date == dt.date(2025, 1, 20)  # signed: the first tranche's payment


def test_update_keeps_unchanged_rows_and_logs_changes(db, org) -> None:  # type: ignore[no-untyped-def]
    rec = create_contract(db, three_years(parties=[PartyInput(org.id)]))
    with db.session() as s:
        before = len(history(s))
    data = contract_input(rec)
    data.tranches[2].amount = "131 000"
    data.planned_results[0].achieved = {2025: "38"}
    data.status = ContractStatus.ACTIVE
    updated = update_contract(db, rec.id, data)
    assert updated.total_grant == D("351000.50")
    assert [t.id for t in updated.tranches] == [t.id for t in rec.tranches]  # same rows, edited in place
    with db.session() as s:
        new = history(s)[: len(history(s)) - before]
    changed = {(e.entity, e.field, e.old_value, e.new_value) for e in new}
    assert changed == {
        ("tranche", "amount", "130000.00", "131000.00"),
        ("result_value", "value", "36", "38"),
        ("contract", "status", "DRAFT", "ACTIVE"),
    }


def test_unknown_party_refused(db) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationFailed) as exc:
        create_contract(db, three_years(parties=[PartyInput(999)]))
    assert exc.value.errors[0].field == "parties"


def test_reports_and_controls(db, org) -> None:  # type: ignore[no-untyped-def]
    rec = create_contract(db, three_years(parties=[PartyInput(org.id)]))
    assert {e.field for e in validate_report(ReportInput(due_date=None, cost_total="abc"))} == {
        "due_date",
        "cost_total",
    }
    with pytest.raises(ValidationFailed):
        save_report(db, rec.id, ReportInput(budget_year=2030, due_date=dt.date(2031, 1, 30)))
    report = save_report(
        db,
        rec.id,
        ReportInput(
            kind=ReportKind.ANNUAL,
            budget_year=2025,
            due_date=dt.date(2026, 1, 30),
            cost_total="110 000",
            cost_grant="100 000",
        ),
    )
    assert report.is_late(dt.date(2026, 2, 2)) and not report.is_late(dt.date(2026, 1, 30))
    save_report(
        db,
        rec.id,
        ReportInput(
            kind=ReportKind.ANNUAL, budget_year=2025, due_date=dt.date(2026, 1, 30), received_date=dt.date(2026, 2, 3)
        ),
        report.id,
    )
    control = save_control(db, rec.id, ControlInput(control_date=dt.date(2025, 6, 1), findings="Bez uwag."))
    # QA: a control dated years before the contract (2019 for 2025–2027) was accepted
    with pytest.raises(ValidationFailed) as early:
        save_control(db, rec.id, ControlInput(control_date=dt.date(2019, 1, 1)))
    assert [str(e) for e in early.value.errors] == [
        "Data kontroli: 1.01.2019 przypada przed rozpoczęciem umowy (1.01.2025)."
    ]
    full = get_contract(db, rec.id)
    assert full.reports[0].received_date == dt.date(2026, 2, 3) and full.reports[0].is_late(dt.date(2026, 3, 1))
    assert full.controls[0].findings == "Bez uwag."
    delete_report(db, report.id)
    delete_control(db, control.id)
    assert get_contract(db, rec.id).reports == () and get_contract(db, rec.id).controls == ()


def test_delete_contract_cascades_and_is_logged(db, org) -> None:  # type: ignore[no-untyped-def]
    rec = create_contract(db, three_years(parties=[PartyInput(org.id)]))
    delete_contract(db, rec.id)
    with pytest.raises(NotFound):
        get_contract(db, rec.id)
    with db.session() as s:
        deleted = {e.entity for e in history(s) if e.action is AuditAction.DELETE}
    assert {"contract", "tranche", "contract_party", "own_contribution", "planned_result"} <= deleted
