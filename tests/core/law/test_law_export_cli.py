"""`.ics` export parsed back, and the `wkus deadlines` / `wkus check` commands."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import pytest

from app.commands import check as check_cmd
from app.commands import deadlines as deadlines_cmd
from app.commands.common import run_guarded
from app.core.db.models import Contract, ContractReport, Procedure
from app.core.domain.enums import ContractForm, ContractStatus, ProcedureRoute, ReportKind
from app.core.law.deadlines import collect_deadlines
from app.core.law.ics import deadlines_to_ics

D = dt.date
TODAY = "2026-11-22"


@pytest.fixture
def filled(db, db_path):
    with db.session() as s:
        s.add(
            Contract(
                number="7/2026",
                title="Klub seniora",
                form=ContractForm.POWIERZENIE,
                status=ContractStatus.ACTIVE,
                start_date=D(2026, 1, 1),
                end_date=D(2026, 12, 31),
                reports=[
                    ContractReport(kind=ReportKind.PARTIAL, call_delivered=D(2026, 11, 1), due_date=D(2026, 11, 10))
                ],
            )
        )
        # 3.03 + 21 days = 24.03 > 20.03: KON-1 error
        s.add(
            Procedure(
                route=ProcedureRoute.OPEN_COMPETITION,
                title="Konkurs na opiekę",
                budget_year=2026,
                published_bip=D(2026, 3, 2),
                published_board=D(2026, 3, 3),
                published_website=D(2026, 3, 3),
                offer_deadline=D(2026, 3, 20),
                lists_previous_years=True,
                offers_received=2,
            )
        )
    db.dispose()
    return db_path


def parse(module, argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    module.configure(parser)
    return parser.parse_args(argv)


def test_ics_parses_back(filled: Path) -> None:
    from icalendar import Calendar

    from app.core.db.engine import open_database

    db = open_database(filled)
    items = collect_deadlines(db, D(2026, 11, 22), days=60)
    db.dispose()
    cal = Calendar.from_ical(deadlines_to_ics(items))
    events = cal.walk("VEVENT")
    assert len(events) == len(items) > 0
    report = next(e for e in events if str(e["uid"]).startswith("CONTRACT_REPORT-contract_report-"))
    assert report.decoded("dtstart") == D(2026, 11, 10)
    assert report.decoded("dtend") == D(2026, 11, 11)
    assert "7/2026" in str(report["description"]) and "art. 18 ust. 3" in str(report["description"])
    assert report.walk("VALARM")[0].decoded("trigger") == -dt.timedelta(days=3)
    assert len({str(e["uid"]) for e in events}) == len(events)


def test_deadlines_command_prints_and_writes_ics(filled: Path, tmp_path: Path, capsys) -> None:
    ics = tmp_path / "terminy.ics"
    args = parse(deadlines_cmd, ["--db", str(filled), "--days", "60", "--ics", str(ics), "--today", TODAY])
    assert run_guarded(deadlines_cmd.run, args) == 0
    out = capsys.readouterr().out
    first = out.splitlines()[0]
    assert first.startswith("10.11.2026\tprzekroczony")  # the overdue partial report comes first
    assert ics.read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_deadlines_command_rejects_a_bad_date(filled: Path, capsys) -> None:
    args = parse(deadlines_cmd, ["--db", str(filled), "--today", "2026-13-01"])
    assert run_guarded(deadlines_cmd.run, args) == 2
    err = capsys.readouterr().err
    assert "2026-13-01" in err and "RRRR-MM-DD" in err


def test_deadlines_command_rejects_a_year_out_of_range(filled: Path, capsys) -> None:
    args = parse(deadlines_cmd, ["--db", str(filled), "--today", "2150-01-01"])
    assert run_guarded(deadlines_cmd.run, args) == 2
    assert "2150" in capsys.readouterr().err


def test_check_command_lists_findings_and_fails_on_errors(filled: Path, capsys) -> None:
    args = parse(check_cmd, ["--db", str(filled), "--today", TODAY])
    assert run_guarded(check_cmd.run, args) == 1
    out = capsys.readouterr().out
    assert "KON-1\tbłąd" in out and "art. 13 ust. 1" in out
    assert "SPR-2" in out  # 1.11 -> 10.11 is only 9 days


def test_check_command_on_an_empty_database(db_path: Path, capsys) -> None:
    args = parse(check_cmd, ["--db", str(db_path), "--today", TODAY])
    assert run_guarded(check_cmd.run, args) == 0
