"""Issue 13 items 3 and 4: results of different kinds add up differently over the years, and the cost
per recipient divides by persons served, not by the sum of yearly head counts. Every expected figure is
worked out by hand in the comments."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from decimal import Decimal as D
from pathlib import Path

import pytest

from app.core.domain.enums import ContractStatus, LegalForm, RegistryType, ReportKind, ResultKind
from app.core.domain.records import (
    ContractInput,
    OrganisationInput,
    PartyInput,
    PlannedResultInput,
    ReportInput,
    TrancheInput,
)
from app.core.tools import results as rs

YEARS = (2025, 2026, 2027, 2028)


@pytest.mark.parametrize(
    "unit, kind",
    [
        ("miejsca", ResultKind.STATE),
        ("etaty", ResultKind.STATE),
        ("sale", ResultKind.STATE),
        ("godz.", ResultKind.FLOW),
        ("posiłki", ResultKind.FLOW),
        ("miejsco-miesiące", ResultKind.FLOW),
        ("usługi", ResultKind.FLOW),
        ("osoby", ResultKind.PERSONS),
        ("uczestnicy", ResultKind.PERSONS),
        ("osób", ResultKind.PERSONS),
        ("szt.", ResultKind.FLOW),
        ("", ResultKind.FLOW),
    ],
)
def test_default_kind_from_the_unit(unit: str, kind: ResultKind) -> None:
    from app.core.db.migrations.v0003_result_kind import _kind

    assert rs.default_kind(unit) is kind
    assert _kind(unit) == kind.value  # the migration's frozen copy of the rule gives existing rows the same


def test_over_years_by_kind() -> None:
    level = {2025: D(10), 2026: D(10), 2027: D(10), 2028: D(10)}
    assert rs.over_years(ResultKind.STATE, level) == D(10)  # (10 + 10 + 10 + 10) / 4, a level held
    assert rs.over_years(ResultKind.FLOW, level) == D(40)  # 10 + 10 + 10 + 10 delivered
    assert rs.over_years(ResultKind.PERSONS, level) == D(10)  # the same 10 people: the largest year
    assert rs.over_years(ResultKind.STATE, {2025: D(8), 2026: D(11)}) == D("9.5")  # (8 + 11) / 2
    assert rs.over_years(ResultKind.PERSONS, {2025: D(12), 2026: D(15)}) == D(15)
    assert rs.over_years(ResultKind.FLOW, {}) is None  # nothing reported: unknown, not 0
    # across contracts every kind is summed (two centres' places are the gmina's places); unknown stays out
    assert rs.across_contracts([D(10), D(12), None]) == D(22)
    assert rs.across_contracts([None]) is None


def test_months_in_a_part_year() -> None:
    # 1–31 December = 1 month; 16–31 December = 16 / 31 = 0,516… → 0,52; a full year = 12
    assert rs.months_in_year(dt.date(2025, 12, 1), dt.date(2026, 12, 31), 2025) == D("1.00")
    assert rs.months_in_year(dt.date(2025, 12, 16), dt.date(2026, 12, 31), 2025) == D("0.52")
    assert rs.months_in_year(dt.date(2025, 12, 1), dt.date(2026, 12, 31), 2026) == D("12.00")


def _contract(db, results: list[PlannedResultInput], recipients: int | None = 15):  # type: ignore[no-untyped-def]
    """A 4-year contract, 30 000 zł a year; each year's annual report: grant spent 30 000, `recipients`."""
    from app.core.services.contracts import create_contract, save_report
    from app.core.services.organisations import create_organisation

    org = create_organisation(
        db,
        OrganisationInput(
            name="Stowarzyszenie Razem",
            legal_form=LegalForm.STOWARZYSZENIE,
            registry_type=RegistryType.KRS,
            registry_number="0000123456",
        ),
    )
    rec = create_contract(
        db,
        ContractInput(
            number="OR.526.9.2025",
            title="Dzienny dom pobytu",
            status=ContractStatus.ACTIVE,
            start_date=dt.date(2025, 1, 1),
            end_date=dt.date(2028, 12, 31),
            parties=[PartyInput(org.id)],
            tranches=[TrancheInput(y, "30 000", payment_date=dt.date(y, 1, 20)) for y in YEARS],
            planned_results=results,
        ),
    )
    for y in YEARS:
        save_report(
            db,
            rec.id,
            ReportInput(
                kind=ReportKind.ANNUAL,
                budget_year=y,
                due_date=dt.date(y + 1, 1, 30),
                received_date=dt.date(y + 1, 1, 20),
                cost_grant="30 000",
                cost_total="30 000",
                recipients=recipients,
            ),
        )
    return rec


def test_places_held_four_years_are_attained_once_not_four_times(db) -> None:  # type: ignore[no-untyped-def]
    from app.core.tools import contract_measures

    rec = _contract(db, [PlannedResultInput("Liczba miejsc", "miejsca", "", None, "10", dict.fromkeys(YEARS, "10"))])
    assert rec.planned_results[0].kind is ResultKind.STATE  # the unit's default, stored
    with db.session() as s:
        whole = contract_measures(s, [rec.id], None)[rec.id]
        year = contract_measures(s, [rec.id], 2026)[rec.id]
    # whole contract: the level (10 + 10 + 10 + 10) / 4 = 10 of 10 = 100 %, not 40 / 10 = 400 %
    assert whole.results[0].achieved == D(10) and whole.attainment == D("1.0000")
    # one year: J-04's 10 / 10 = 100 %
    assert year.attainment == D("1.0000")


def test_hours_add_up_and_a_year_is_measured_against_its_share(db) -> None:  # type: ignore[no-untyped-def]
    from app.core.tools import contract_measures

    rec = _contract(
        db,
        [
            PlannedResultInput(
                "Godziny zajęć", "godz.", "", None, "4000", {2025: "1000", 2026: "800", 2027: "1000", 2028: "1000"}
            )
        ],
    )
    with db.session() as s:
        whole = contract_measures(s, [rec.id], None)[rec.id]
        y2026 = contract_measures(s, [rec.id], 2026)[rec.id]
    # whole contract: 1 000 + 800 + 1 000 + 1 000 = 3 800 of 4 000 = 95 %
    assert whole.results[0].achieved == D(3800) and whole.attainment == D("0.9500")
    # 2026: the target's share is 4 000 × 12 / 48 months = 1 000; 800 / 1 000 = 80 %
    assert y2026.results[0].target == D(1000) and y2026.attainment == D("0.8000")


def test_grant_per_person_divides_by_persons_not_by_the_sum_of_head_counts(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.core.documents.contract_card import build_contract_card
    from app.core.documents.model_report import build_model_report
    from app.core.tools import contract_measures
    from tests.core.documents.test_documents import pdf_text

    rec = _contract(db, [PlannedResultInput("Uczestnicy", "osoby", "", None, "15", dict.fromkeys(YEARS, "15"))])
    with db.session() as s:
        whole = contract_measures(s, [rec.id], None)[rec.id]
    # the same 15 people reported in each of 4 years are 15 people: 4 × 30 000 = 120 000 / 15 = 8 000,00 zł
    # (the sum of head counts would give 120 000 / 60 = 2 000,00 zł)
    assert whole.persons == D(15) and whole.grant_spent == D("120000.00")
    assert whole.grant_per_person == D("8000.00")
    assert whole.results[0].achieved == D(15) and whole.attainment == D("1.0000")  # 15 of 15, not 60 of 15
    for build in (
        lambda p: build_contract_card(db, rec.id, p),
        lambda p: build_model_report(db, p, contract_id=rec.id),
    ):
        path = tmp_path / "doc.pdf"
        build(path)
        text = pdf_text(path)
        assert "8 000,00 zł" in text
        assert "2 000,00 zł" not in text


def test_persons_without_reports_come_from_a_persons_result(db) -> None:  # type: ignore[no-untyped-def]
    from app.core.tools import contract_measures

    rec = _contract(
        db,
        [PlannedResultInput("Uczestnicy", "osoby", "", None, "20", {2025: "12", 2026: "18", 2027: "18", 2028: "16"})],
        recipients=None,
    )
    with db.session() as s:
        whole = contract_measures(s, [rec.id], None)[rec.id]
    # no report gives recipients: the persons result's largest year, 18; 120 000 / 18 = 6 666,666… → 6 666,67
    assert whole.persons == D(18) and whole.grant_per_person == D("6666.67")


def test_kind_chosen_by_the_clerk_is_kept(db) -> None:  # type: ignore[no-untyped-def]
    from app.core.services.contracts import get_contract

    rec = _contract(db, [PlannedResultInput("Miejsca", "miejsca", "", None, "10", {2025: "10"}, kind=ResultKind.FLOW)])
    assert get_contract(db, rec.id).planned_results[0].kind is ResultKind.FLOW


def test_unknown_kind_is_refused_with_a_message() -> None:
    from app.core.services.contracts import validate_contract

    data = ContractInput(
        title="X",
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2025, 12, 31),
        parties=[PartyInput(1)],
        tranches=[TrancheInput(2025, "100")],
        planned_results=[PlannedResultInput("Miejsca", "miejsca", "", None, "10", kind="PLACES")],
    )
    assert [e.field for e in validate_contract(data)] == ["planned_results"]


def test_migration_gives_existing_results_their_units_kind(tmp_path: Path) -> None:
    from app.core.db.engine import open_database
    from tools.make_db_fixture import FIXTURE_DIR

    copy = tmp_path / "v1.sqlite"
    shutil.copyfile(FIXTURE_DIR / "v1.sqlite", copy)
    open_database(copy).dispose()
    con = sqlite3.connect(copy)
    try:
        kinds = dict(con.execute("SELECT DISTINCT unit, kind FROM planned_result").fetchall())
    finally:
        con.close()
    # the demo's units: people are persons, hours a flow
    assert kinds["osoby"] == "PERSONS"
    assert kinds["godz."] == "FLOW"
