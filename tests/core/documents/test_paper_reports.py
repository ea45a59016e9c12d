"""Re-entry of a returned paper report form (market.md §5.8): the ID is checked, the demo's planned
figures are loaded, and save_form writes received date, costs and achieved values in one transaction
or nothing at all. Also: the form cites the act's text of the report's year; `wkus export --kind
commitments`."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.core.db.models import ContractReport, OwnContribution, ResultValue
from app.core.domain.enums import ContributionKind, ReportKind
from app.core.errors import ValidationFailed
from app.core.services.law_guard import NeedsConfirmation
from app.core.services.paper_reports import GRANT, PaperReportInput, open_form, save_form

TODAY = dt.date(2026, 11, 22)
# demo contract 3 "Szkolenie sportowe ... 2024–2027" (OR.526.3.2024); 3202600 mod 97 = 48, check 98-48 = 50
FID = "WKUS-3-2026-50"


@pytest.fixture
def demo(db):  # type: ignore[no-untyped-def]
    from app.core.demo import load_demo

    load_demo(db, TODAY)
    return db


def _state(db) -> tuple:  # type: ignore[no-untyped-def]
    with db.session() as s:
        reports = s.execute(
            select(
                ContractReport.id, ContractReport.received_date, ContractReport.cost_total, ContractReport.cost_grant
            ).order_by(ContractReport.id)
        ).all()
        values = s.execute(
            select(ResultValue.planned_result_id, ResultValue.budget_year, ResultValue.value).order_by(ResultValue.id)
        ).all()
        own = s.execute(select(OwnContribution.id, OwnContribution.actual_amount).order_by(OwnContribution.id)).all()
    return tuple(reports), tuple(values), tuple(own)


def test_typo_in_the_id_names_the_problem(demo) -> None:  # type: ignore[no-untyped-def]
    for typed, words in (
        ("WKUS-3-2026-51", "Cyfry kontrolne"),
        ("WKUS-3-2062-50", "Cyfry kontrolne"),
        ("WKSU 3 2026", "nie jest identyfikatorem"),
        ("", "Wpisz identyfikator"),
    ):
        with pytest.raises(ValidationFailed) as info:
            open_form(demo, typed)
        [error] = info.value.errors
        assert error.field == "form_id" and error.label == "Identyfikator formularza"
        assert words in error.message, error.message
    with pytest.raises(ValidationFailed) as info:
        open_form(demo, "WKUS-999-2026-" + f"{98 - 9992026 * 100 % 97:02d}")
    assert "999" in info.value.errors[0].message


def test_open_form_loads_the_years_plan(demo) -> None:  # type: ignore[no-untyped-def]
    d = open_form(demo, " wkus 3 2026 50 ")
    assert (d.contract_id, d.year, d.form_id, d.contract_number) == (3, 2026, FID, "OR.526.3.2024")
    assert d.organisations == "Gminny Ludowy Klub Sportowy \u201ePrzykładowianka\u201d"
    assert d.report_kind is ReportKind.ANNUAL and d.received_date is None
    assert (d.period_start, d.period_end, d.due_date) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
        dt.date(2027, 2, 1),
    )
    # demo spec: 70 players and 900 training hours per year, grant 60/62/64/66 thousand for 2024–2027
    assert [(r.name, r.planned, r.achieved) for r in d.results] == [
        ("Liczba zawodników objętych szkoleniem", Decimal("70"), None),
        ("Liczba godzin treningowych", Decimal("900"), None),
    ]
    assert d.costs[0].key == GRANT and d.costs[0].planned == Decimal("64000.00")
    assert [c.key for c in d.costs[1:]] == ["FINANCIAL", "PERSONAL", "IN_KIND", "RECIPIENT_FEES"]
    # a year already reported shows the stored figures
    d25 = open_form(demo, "WKUS-3-2025-53")
    assert [r.achieved for r in d25.results] == [Decimal("76"), Decimal("909")]
    assert d25.received_date == dt.date(2026, 1, 26) and d25.costs[0].actual == Decimal("62000.00")


def test_save_form_writes_everything_in_one_go(demo) -> None:  # type: ignore[no-untyped-def]
    d = open_form(demo, FID)
    players, hours = (r.planned_result_id for r in d.results)
    # received before the period ends (31 Dec): allowed, SPR-1 only sets the latest day
    out = save_form(
        demo,
        FID,
        PaperReportInput(
            received_date="20.11.2026",
            achieved={players: "72", hours: "880,5"},
            costs={
                GRANT: "63 500,00",
                "FINANCIAL": "6000",
                "PERSONAL": "8160",
                "IN_KIND": "",
                "RECIPIENT_FEES": "4900,10",
            },
        ),
        today=TODAY,
    )
    assert out.report_id == d.report_id and out.received_date == dt.date(2026, 11, 20)
    with demo.session() as s:
        r = s.get(ContractReport, d.report_id)
        # total = 63 500 + 6 000 + 8 160 + 4 900,10 = 82 560,10 (the empty in-kind box adds nothing)
        assert (r.received_date, r.cost_grant, r.cost_total) == (
            dt.date(2026, 11, 20),
            Decimal("63500.00"),
            Decimal("82560.10"),
        )
        values = dict(
            s.execute(
                select(ResultValue.planned_result_id, ResultValue.value).where(ResultValue.budget_year == 2026)
            ).all()
        )
        assert values[players] == Decimal("72") and values[hours] == Decimal("880.5")
        own = {
            o.kind: o.actual_amount
            for o in s.scalars(
                select(OwnContribution).where(OwnContribution.contract_id == 3, OwnContribution.budget_year == 2026)
            )
        }
    assert own == {
        ContributionKind.FINANCIAL: Decimal("6000.00"),
        ContributionKind.PERSONAL: Decimal("8160.00"),
        ContributionKind.IN_KIND: None,
        ContributionKind.RECIPIENT_FEES: Decimal("4900.10"),
    }
    assert [c.actual for c in out.costs] == [
        Decimal("63500.00"),
        Decimal("6000.00"),
        Decimal("8160.00"),
        None,
        Decimal("4900.10"),
    ]


def test_any_error_writes_nothing(demo) -> None:  # type: ignore[no-untyped-def]
    d = open_form(demo, FID)
    players = d.results[0].planned_result_id
    before = _state(demo)
    with pytest.raises(ValidationFailed) as info:
        save_form(
            demo,
            FID,
            PaperReportInput(received_date="20.11.2026", achieved={players: "72"}, costs={"FINANCIAL": "-5"}),
            today=TODAY,
        )
    [error] = info.value.errors
    assert error.field == "cost.FINANCIAL" and error.label == "Wkład własny finansowy"
    assert "ujemna" in error.message
    for received, words in (("31.12.2025", "przed początkiem"), ("23.11.2026", "po dzisiejszej")):
        with pytest.raises(ValidationFailed) as info:
            save_form(demo, FID, PaperReportInput(received_date=received, achieved={players: "72"}), today=TODAY)
        assert info.value.errors[0].field == "received_date" and words in info.value.errors[0].message
    with pytest.raises(ValidationFailed) as info:
        save_form(demo, FID, PaperReportInput(achieved={players: "dużo"}), today=TODAY)
    assert info.value.errors[0].field == f"achieved.{players}"
    assert _state(demo) == before


def test_a_missing_report_is_created_like_save_report(demo) -> None:  # type: ignore[no-untyped-def]
    from app.core.services.contracts import delete_report

    d = open_form(demo, FID)
    delete_report(demo, d.report_id)
    assert open_form(demo, FID).report_id is None
    out = save_form(demo, FID, PaperReportInput(received_date=dt.date(2026, 11, 20)), today=TODAY)
    with demo.session() as s:
        r = s.get(ContractReport, out.report_id)
        # 31.12.2026 + 30 days = Saturday 30.01.2027 -> Monday 1.02.2027 (k.c. art. 115)
        assert (r.kind, r.budget_year, r.period_end, r.due_date, r.received_date) == (
            ReportKind.ANNUAL,
            2026,
            dt.date(2026, 12, 31),
            dt.date(2027, 2, 1),
            dt.date(2026, 11, 20),
        )


def test_late_receipt_asks_as_the_contract_dialog_does(demo) -> None:  # type: ignore[no-untyped-def]
    # contract 2, report for 2025 due 30.01.2026 and not received: typed as received on 10.02.2026
    fid = open_form(demo, "WKUS-2-2025-" + f"{98 - 22025 * 100 % 97:02d}").form_id
    with pytest.raises(NeedsConfirmation):
        save_form(demo, fid, PaperReportInput(received_date="10.02.2026"), today=TODAY)
    assert open_form(demo, fid).received_date is None
    out = save_form(demo, fid, PaperReportInput(received_date="10.02.2026"), today=TODAY, acknowledge_warnings=True)
    assert out.received_date == dt.date(2026, 2, 10)


# ---- the printed form cites the act of the report's year; commitments export ------------------


def test_report_form_cites_the_text_of_the_reports_year(demo) -> None:  # type: ignore[no-untyped-def]
    from app.core.documents import data
    from app.core.documents.report_form import _template_citation, report_due

    with demo.session() as s:
        c = data.contract(s, 1)  # 2021–2023
    # period end 31.12.2021: the 2020 text (from 16.06.2020) was in force, not today's 2024 text
    assert report_due(c, 2021, TODAY).basis == "art. 18 ust. 1 u.d.p.p.w. (Dz.U. z 2020 r. poz. 1057)"
    # 31.12.2023: the 2023 text (from 24.03.2023)
    assert report_due(c, 2023, TODAY).basis == "art. 18 ust. 1 u.d.p.p.w. (Dz.U. z 2023 r. poz. 571)"
    assert _template_citation(dt.date(2021, 12, 31)).endswith("(Dz.U. z 2018 r. poz. 2057)")


def test_export_commitments_cli(demo, db_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.cli import main
    from app.core.db.models import Contract, Tranche
    from app.core.domain.enums import ContractStatus

    demo.dispose()
    out = tmp_path / "zobowiazania.csv"
    assert main(["export", "--db", str(db_path), "--out", str(out), "--kind", "commitments"]) == 0
    text = out.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(text.splitlines(), delimiter=";"))
    assert rows[0][:2] == ["ID umowy", "Numer umowy"]
    this_year = dt.date.today().year
    # a year's column says which money it shows: "Zaangażowano 2026"
    header = f"Zaangażowano {this_year}"
    assert header in rows[0]
    from app.core.db.engine import open_database

    db = open_database(db_path)
    try:
        with db.session() as s:
            # multi-year contracts still binding the budget (drafts and terminated ones do not)
            expected = sum(
                (
                    t.amount
                    for t, k in s.execute(
                        select(Tranche, Contract).join(Contract).where(Tranche.budget_year == this_year)
                    )
                    if k.end_date.year > k.start_date.year
                    and k.status not in (ContractStatus.DRAFT, ContractStatus.TERMINATED)
                ),
                Decimal("0"),
            )
    finally:
        db.dispose()
    total = rows[-1]
    assert total[1] == "Razem"
    assert Decimal(total[rows[0].index(header)].replace(" ", "").replace("\u00a0", "").replace(",", ".")) == expected
