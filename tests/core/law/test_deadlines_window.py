"""A windowed deadline list (the Pulpit's 60 days, the CLI's --days) skips building the deadlines it
drops, and lists exactly what filtering the full list gives."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core.db.plain_reads import EngineReader
from app.core.law import deadlines as law_deadlines
from app.core.law.types import DeadlineState
from tests.core.backup_fixtures import demo_db, demo_path, demo_template  # noqa: F401

#: every 45 days from 2021 to 2028: before, during and after the demo's contracts
DAYS = [dt.date(2021, 1, 1) + dt.timedelta(days=45 * i) for i in range(60)]


def _filtered(db, today: dt.date, days: int | None, include_met: bool) -> list:
    """The previous behaviour: build every deadline, then drop met ones and those after the horizon."""
    with db.session() as s:
        items = law_deadlines.deadlines_from_session(s, today)
    horizon = today + dt.timedelta(days=days) if days is not None else None
    return [
        d
        for d in items
        if (include_met or d.state is not DeadlineState.MET)
        and (horizon is None or d.state is DeadlineState.OVERDUE or d.due <= horizon)
    ]


@pytest.mark.parametrize(("days", "include_met"), [(60, False), (0, False), (365, True), (None, False)])
def test_windowed_list_equals_the_filtered_full_list(demo_db, days, include_met) -> None:  # noqa: F811
    listed = 0
    for today in DAYS[::3]:
        got = law_deadlines.collect_deadlines(demo_db, today, days=days, include_met=include_met)
        assert got == _filtered(demo_db, today, days, include_met), today
        listed += len(got)
    assert listed > 20


def test_the_pulpit_window_builds_only_what_it_lists(demo_db, monkeypatch) -> None:  # noqa: F811
    built: list[str] = []
    original = law_deadlines._Maker.__call__

    def counting(self, kind, *args, **kwargs):
        built.append(kind)
        return original(self, kind, *args, **kwargs)

    monkeypatch.setattr(law_deadlines._Maker, "__call__", counting)
    today = dt.date(2026, 12, 1)
    items = law_deadlines.collect_deadlines(demo_db, today, days=60)
    contract_kinds = {"CONTRACT_REPORT", "TRANCHE_PAYMENT", "GRANT_USE", "GRANT_RETURN"}
    listed = sum(1 for d in items if d.kind in contract_kinds)
    assert listed > 0
    # every contract deadline built is listed (the other generators still build and are filtered)
    assert sum(1 for k in built if k in contract_kinds) == listed
    built.clear()
    everything = law_deadlines.collect_deadlines(demo_db, today, include_met=True)
    assert sum(1 for d in everything if d.kind in contract_kinds) > 3 * listed


def test_a_deadline_due_on_the_horizon_is_kept_one_day_later_is_not() -> None:
    today = dt.date(2026, 12, 1)
    make = law_deadlines._Maker(today, law_deadlines.law(), today + dt.timedelta(days=60), include_met=False)
    assert make.wants(dt.date(2027, 1, 30), False)
    assert not make.wants(dt.date(2027, 1, 31), False)
    assert make.wants(dt.date(2019, 5, 1), False)  # overdue for years: still listed
    assert not make.wants(dt.date(2026, 12, 5), True)  # met
    assert law_deadlines._Maker(today, law_deadlines.law()).wants(dt.date(2030, 1, 1), True)


def test_a_list_without_met_deadlines_reads_only_the_rows_that_can_be_open(demo_db) -> None:  # noqa: F811
    """The rows left out in SQL are exactly those whose deadlines are all met (so lists stay equal, above)."""
    with demo_db.session() as s:
        reader = EngineReader(s.connection())
        every = {c.id: c for c in law_deadlines._contract_rows(reader)}
        open_rows = {c.id: c for c in law_deadlines._contract_rows(reader, open_only=True)}
    assert open_rows.keys() <= every.keys()
    dropped_tranches = kept_tranches = complete = dropped_contracts = 0
    for cid, c in every.items():
        if cid not in open_rows:
            # a contract left out entirely gives no deadline that is not met: nothing of it is open
            # and the database found every year of it reported
            assert all(
                d.state is DeadlineState.MET for d in law_deadlines.contract_deadlines(c, dt.date(2026, 12, 1))
            ), cid
            assert all(
                t.paid_date is not None
                and t.used_amount is not None
                and (t.returned_amount is not None or t.used_amount >= t.amount)
                for t in c.tranches
            ), cid
            assert all(r.received_date is not None for r in c.reports), cid
            dropped_contracts += 1
            continue
        kept = {t.id for t in open_rows[cid].tranches}
        for t in c.tranches:
            open_ = (
                t.paid_date is None or t.used_amount is None or (t.returned_amount is None and t.used_amount < t.amount)
            )
            assert (t.id in kept) == open_, (cid, t.id)
            dropped_tranches += t.id not in kept
            kept_tranches += t.id in kept
        # the database's answer "every year reported": the annual/final reports' budget years name every year
        # of the contract and none outside (a report naming no budget year, whose year is inferred from a
        # date, or a year outside the contract's: the database leaves the count to the generator)
        named = {r.budget_year for r in c.reports if r.kind.name != "PARTIAL" and r.budget_year is not None}
        years = set(range(c.start_date.year, c.end_date.year + 1))
        every_year = named == years
        assert open_rows[cid].every_year_reported == every_year, cid
        # the generator's own coverage agrees whenever the database says complete
        covered = {law_deadlines.report_year(r, c) for r in c.reports}
        assert not every_year or all(y in covered for y, _k, _e in law_deadlines.expected_reports(c)), cid
        complete += every_year
        kept_reports = {r.id for r in open_rows[cid].reports}
        for r in c.reports:
            # received reports are read only to know which years are still expected
            needed = r.received_date is None or (
                c.status.name != "SETTLED" and r.kind.name != "PARTIAL" and not every_year
            )
            assert (r.id in kept_reports) == needed, (cid, r.id)
    assert dropped_tranches > 0 and kept_tranches > 0
    assert complete > 0  # (contracts with a year unreported: tests/core/services/test_pulpit_generated.py)
    assert dropped_contracts > 0  # the demo has contracts long over: not read at all for the Pulpit


def test_a_report_naming_a_year_outside_its_contract_still_lists_the_same(demo_db) -> None:  # noqa: F811
    """The database's per-contract count of report years cannot tell a year outside the contract's from
    one inside: such a contract is read whole and `contract_deadlines` counts itself (same list)."""
    from sqlalchemy import select, update

    from app.core.db.models import ContractReport
    from app.core.domain.enums import ReportKind

    report = ContractReport.__table__
    with demo_db.session() as s:
        conn = s.connection()
        # every annual report of the demo moved one year back: a contract's last annual year is then
        # unreported (one more open deadline), and as many distinct years are counted as before
        rows = conn.execute(
            select(report.c.id).where(report.c.kind == ReportKind.ANNUAL, report.c.budget_year.is_not(None))
        ).all()
        conn.execute(
            update(report).where(report.c.id.in_([r.id for r in rows])).values(budget_year=report.c.budget_year - 1)
        )
    assert rows
    for today in DAYS[::4]:
        assert law_deadlines.collect_deadlines(demo_db, today, days=60) == _filtered(demo_db, today, 60, False), today
        assert law_deadlines.collect_deadlines(demo_db, today) == _filtered(demo_db, today, None, False), today
