"""Issue 13 item 5: E-04's unit cost of a year is put on a full year's footing by the months the contract
ran in it, and measured in the unit of the contract's rate when it has one. Arithmetic in the comments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from app.core.domain.enums import ContractStatus, LegalForm, RegistryType, ReportKind
from app.core.domain.records import (
    ContractInput,
    OrganisationInput,
    PartyInput,
    PlannedResultInput,
    ReportInput,
    TrancheInput,
)


def _contract(db, **extra):  # type: ignore[no-untyped-def]
    """1 Dec 2025 – 31 Dec 2026: one month in 2025, twelve in 2026; reports: 1 000 zł / 10 recipients
    in 2025, 12 000 zł / 10 recipients in 2026."""
    from app.core.services.contracts import create_contract, save_report
    from app.core.services.organisations import create_organisation

    org = create_organisation(
        db,
        OrganisationInput(
            name="Fundacja Krok",
            legal_form=LegalForm.FUNDACJA,
            registry_type=RegistryType.KRS,
            registry_number="0000654321",
        ),
    )
    rec = create_contract(
        db,
        ContractInput(
            number="OR.526.2.2025",
            title="Opieka wytchnieniowa",
            status=ContractStatus.ACTIVE,
            start_date=dt.date(2025, 12, 1),
            end_date=dt.date(2026, 12, 31),
            parties=[PartyInput(org.id)],
            tranches=[TrancheInput(2025, "1 000"), TrancheInput(2026, "12 000")],
            **extra,
        ),
    )
    for year, cost in ((2025, "1 000"), (2026, "12 000")):
        save_report(
            db,
            rec.id,
            ReportInput(
                kind=ReportKind.ANNUAL,
                budget_year=year,
                due_date=dt.date(year + 1, 1, 30),
                cost_total=cost,
                cost_grant=cost,
                recipients=10,
            ),
        )
    return rec


def test_a_one_month_first_year_is_not_a_cost_jump(db) -> None:  # type: ignore[no-untyped-def]
    from app.core.tools.service import compute_tool

    rec = _contract(db)
    view = compute_tool(db, "E-04", "contract", rec.id, 2026, store=False)
    assert view.ok, view.problems
    series = view.output("series").value
    # 2025: 1 000 / 10 × 12 / 1 month = 1 200; 2026: 12 000 / 10 × 12 / 12 = 1 200 → change 0 %
    # (without the months: 100 then 1 200, a change of +1 100 %)
    assert [(r["year"], r["k"]) for r in series] == [(2025, D("1200.00")), (2026, D("1200.00"))]
    assert view.output("change").value == D("0")
    assert view.output("k_t").value == D("1200.00")


def test_with_a_unit_rate_the_cost_is_per_that_unit(db) -> None:  # type: ignore[no-untyped-def]
    from app.core.tools.service import compute_tool

    rec = _contract(
        db,
        unit_rate="42",
        unit_name="godzina usług",
        planned_results=[PlannedResultInput("Godziny opieki", "godz.", "", None, "300", {2025: "20", 2026: "280"})],
    )
    view = compute_tool(db, "E-04", "contract", rec.id, 2026, store=False)
    assert view.ok, view.problems
    series = view.output("series").value
    # hours already cover the period: 2025 1 000 / 20 h = 50,00 zł per hour (50 / 42 = 1,1905 of the rate);
    # 2026 12 000 / 280 h = 42,857… → 42,86 zł (42,857… / 42 = 1,0204)
    assert [(r["year"], r["k"], r["vs_rate"]) for r in series] == [
        (2025, D("50.00"), D("1.1905")),
        (2026, D("42.86"), D("1.0204")),
    ]
    # change: (42,857… − 50) / 50 = −0,142857… → −0,1429
    assert view.output("change").value == D("-0.1429")


def test_annual_and_final_report_of_one_year_are_not_added(db) -> None:  # type: ignore[no-untyped-def]
    from app.core.services.contracts import save_report
    from app.core.tools.sources import Scope, read_source

    rec = _contract(db)
    # a final report for 2026 after the annual one: it replaces it (due later), it is not added to it
    save_report(
        db,
        rec.id,
        ReportInput(
            kind=ReportKind.FINAL,
            budget_year=2026,
            due_date=dt.date(2027, 2, 15),
            cost_total="12 500",
            cost_grant="12 000",
            recipients=11,
        ),
    )
    with db.session() as s:
        scope = Scope(s, "contract", rec.id, 2026)
        # 11 recipients and 12 500 zł (the final report), not 10 + 11 = 21 and 12 000 + 12 500 = 24 500
        assert read_source(scope, "recipients") == D(11)
        assert read_source(scope, "total_cost") == D("12500.00")
