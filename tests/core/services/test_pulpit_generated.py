"""The Pulpit's figures and deadlines on a generated gmina (benchmarks.generator, small size) equal the
previous, object-by-object readings kept in tests/core/services/test_fast_reads.py and test_deadlines_window.py.

The generated gmina is varied first (drafts, terminated and settled contracts, reports not received
or missing, tranches not paid or not accounted for, reports without a budget year), so every branch of
the SQL that replaced reading whole rows is exercised on thousands of records.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.core.db.engine import Database, open_database
from app.core.db.models import (
    Contract,
    Organisation,
    PublicTask,
)
from app.core.db.plain_reads import EngineReader
from app.core.domain.enums import ContractStatus
from app.core.figures.money import tranche_money
from app.core.law import deadlines as law_deadlines
from app.core.services.dashboard import UpcomingKind, dashboard
from tests.core.law.test_deadlines_window import _filtered
from tests.core.services.test_fast_reads import _orm_upcoming
from tests.core.tools.gminas import make_generated

#: every 91 days through the generated years (2016–2025) and the year after, and each 1 December
#: (contracts end on 31 December)
DAYS = sorted(
    [dt.date(2016, 1, 10) + dt.timedelta(days=91 * i) for i in range(45)]
    + [dt.date(year, 12, 1) for year in range(2016, 2026)]
)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Database:
    # drafts, terminated and settled contracts, one-year contracts, reports missing, without a year or
    # without a date, tranches not paid or not settled
    return open_database(make_generated(tmp_path_factory.mktemp("generated") / "gmina.sqlite"))


def test_upcoming_dates_equal_the_object_reading(generated: Database) -> None:
    kinds: set[UpcomingKind] = set()
    listed = 0
    for today in DAYS:
        got = [
            (
                u.date,
                u.kind,
                u.contract_id,
                u.contract_number,
                u.contract_title,
                u.organisation_names,
                u.amount,
                u.detail,
            )
            for u in dashboard(generated, today).upcoming
        ]
        assert got == _orm_upcoming(generated, today), today
        kinds.update(u[1] for u in got)
        listed += len(got)
    assert kinds == set(UpcomingKind) and listed > 100


def test_counts_and_money_equal_the_object_reading(generated: Database) -> None:
    data = dashboard(generated, dt.date(2026, 3, 2))
    with generated.session() as s:
        orgs = list(s.scalars(select(Organisation)))
        contracts = list(s.scalars(select(Contract)))
        tasks = len(list(s.scalars(select(PublicTask))))
        money: dict[int, Decimal] = {}
        for t in tranche_money(s):
            if t.committed:
                money[t.year] = money.get(t.year, Decimal(0)) + t.committed
    assert (data.organisations, data.active_organisations, data.tasks) == (
        len(orgs),
        sum(1 for o in orgs if o.active),
        tasks,
    )
    assert (data.contracts, data.active_contracts, data.multi_year_contracts) == (
        len(contracts),
        sum(1 for k in contracts if k.status is ContractStatus.ACTIVE),
        sum(1 for k in contracts if k.end_date.year > k.start_date.year),
    )
    assert data.contracts == 150 and 0 < data.multi_year_contracts < 150
    assert data.committed_per_year == {y: v for y, v in sorted(money.items()) if v}


def test_pulpit_deadlines_equal_the_full_list_filtered(generated: Database) -> None:
    listed = 0
    for today in DAYS[::3]:
        got = law_deadlines.collect_deadlines(generated, today, days=60)
        assert got == _filtered(generated, today, 60, False), today
        listed += len(got)
    assert listed > 100


def test_every_year_reported_is_the_generators_coverage(generated: Database) -> None:
    with generated.session() as s:
        reader = EngineReader(s.connection())
        every = {c.id: c for c in law_deadlines._contract_rows(reader)}
        open_rows = {c.id: c for c in law_deadlines._contract_rows(reader, open_only=True)}
    flags = []
    for cid, c in every.items():
        covered = {law_deadlines.report_year(r, c) for r in c.reports}
        flag = all(year in covered for year, _kind, _end in law_deadlines.expected_reports(c))
        # the database's "complete": the reports' budget years are exactly the contract's years (a report
        # naming none, or a year outside, leaves the count to the generator)
        named = {r.budget_year for r in c.reports if r.kind.name != "PARTIAL" and r.budget_year is not None}
        by_years = named == set(range(c.start_date.year, c.end_date.year + 1))
        if cid not in open_rows:  # left out: complete, and nothing of it open
            assert flag and by_years, cid
        else:
            assert open_rows[cid].every_year_reported == by_years, cid
        assert not by_years or flag, cid
        flags.append(flag)
    assert any(flags) and not all(flags)
