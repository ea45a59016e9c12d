"""The column-only reads of the Pulpit and the deadlines give exactly what reading whole ORM objects gave.

The references below are the previous implementations (whole Contract objects with their related
rows), kept here so a faster read can never silently change a figure or a deadline.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.core.db.models import Contract, ContractParty, CooperationProgramme, Organisation, Procedure, RdppRequest
from app.core.domain.enums import ContractStatus
from app.core.law import deadlines as law_deadlines
from app.core.services.dashboard import UpcomingKind, dashboard
from tests.core.backup_fixtures import demo_db, demo_path, demo_template  # noqa: F401

# runs on SQLite and on the tests' PostgreSQL server (tests/conftest.py, issue 19)
pytestmark = pytest.mark.pg

#: every 45 days from 2021 to 2028: before, during and after the demo's contracts
DAYS = [dt.date(2021, 1, 1) + dt.timedelta(days=45 * i) for i in range(60)]


def _orm_deadlines(db, today: dt.date) -> list:
    with db.session() as s:
        data = law_deadlines.law()
        out = []
        programmes = list(s.scalars(select(CooperationProgramme)))
        for p in programmes:
            out += law_deadlines.programme_deadlines(p, today, data)
        nxt = law_deadlines.next_programme_deadline(programmes, today, data)
        if nxt:
            out.append(nxt)
        for x in s.scalars(select(Procedure)):
            out += law_deadlines.procedure_deadlines(x, today, data)
        for x in s.scalars(select(Contract)):
            out += law_deadlines.contract_deadlines(x, today, data)
        for x in s.scalars(select(RdppRequest)):
            out += law_deadlines.rdpp_deadlines(x, today, data)
        return law_deadlines.sort_deadlines(out)


def _orm_upcoming(db, today: dt.date, days: int = 60) -> list[tuple]:
    horizon = today + dt.timedelta(days=days)
    with db.session() as s:
        names = dict(s.execute(select(Organisation.id, Organisation.name)).all())
        parties: dict[int, list[str]] = {}
        for contract_id, org_id in s.execute(
            select(ContractParty.contract_id, ContractParty.organisation_id).order_by(
                ContractParty.contract_id, ContractParty.position
            )
        ):
            parties.setdefault(contract_id, []).append(names.get(org_id, ""))
        out = []
        for k in s.scalars(select(Contract)):
            orgs = "; ".join(parties.get(k.id, []))
            if k.status in (ContractStatus.TERMINATED, ContractStatus.SETTLED):
                continue
            # a draft commits nothing: its tranches are no payment dates (the only change of rule since
            # this reading; its reports and end are still listed)
            for t in k.tranches if k.status is not ContractStatus.DRAFT else []:
                if t.payment_date and t.paid_date is None and today <= t.payment_date <= horizon:
                    out.append(
                        (
                            t.payment_date,
                            UpcomingKind.TRANCHE_PAYMENT,
                            k.id,
                            k.number,
                            k.title,
                            orgs,
                            t.amount,
                            str(t.budget_year),
                        )
                    )
            for r in k.reports:
                if r.received_date is None and today <= r.due_date <= horizon:
                    out.append((r.due_date, UpcomingKind.REPORT_DUE, k.id, k.number, k.title, orgs, None, r.kind.label))
            if today <= k.end_date <= horizon:
                out.append((k.end_date, UpcomingKind.CONTRACT_END, k.id, k.number, k.title, orgs, None, ""))
        out.sort(key=lambda u: (u[0], list(UpcomingKind).index(u[1]), u[3]))
        return out


def test_deadlines_equal_the_orm_reading_on_the_demo(demo_db) -> None:  # noqa: F811
    compared = 0
    for today in DAYS[::6]:
        with demo_db.session() as s:
            fast = law_deadlines.deadlines_from_session(s, today)
        assert fast == _orm_deadlines(demo_db, today)
        compared += len(fast)
    assert compared > 1000  # the demo has a couple of hundred deadlines per day


def test_dashboard_equals_the_orm_reading_on_the_demo(demo_db) -> None:  # noqa: F811
    seen = 0
    kinds: set[UpcomingKind] = set()
    for today in DAYS:
        data = dashboard(demo_db, today)
        expected = _orm_upcoming(demo_db, today)
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
            for u in data.upcoming
        ]
        assert got == expected, today
        seen += len(got)
        kinds.update(u.kind for u in data.upcoming)
    assert seen >= 15  # several days with payments, reports and contract ends (19 since drafts pay nothing)
    assert kinds == set(UpcomingKind)


def test_dashboard_counts_on_the_demo(demo_db) -> None:  # noqa: F811
    data = dashboard(demo_db, dt.date(2026, 12, 1))
    assert (data.organisations, data.contracts, data.multi_year_contracts) == (41, 25, 7)
    # all tranches 1 585 300,00 less the one draft (s_turniej27, 10 000,00 in 2027): drafts commit nothing
    assert data.committed_total == Decimal("1575300.00")
    with demo_db.session() as s:
        contracts = list(s.scalars(select(Contract)))
        assert data.active_contracts == sum(1 for k in contracts if k.status is ContractStatus.ACTIVE)


@pytest.mark.parametrize("today", [dt.date(2026, 12, 1)])
def test_collect_deadlines_reads_no_contract_objects(demo_db, today) -> None:  # noqa: F811
    """The list is built from plain rows: a Contract object loaded here would also load all its children."""
    from sqlalchemy import event

    loaded: list[str] = []

    def on_load(target, _context) -> None:
        loaded.append(type(target).__name__)

    event.listen(Contract, "load", on_load)
    try:
        items = law_deadlines.collect_deadlines(demo_db, today, days=60)
    finally:
        event.remove(Contract, "load", on_load)
    assert items and loaded == []


def _orm_contract_rows(db, today: dt.date) -> list[tuple]:
    from app.core.services.contracts import overdue

    # "Najbliższy termin" is the Pulpit's rule with no horizon: each contract's earliest upcoming date
    first: dict[int, dt.date] = {}
    for u in _orm_upcoming(db, today, days=100 * 366):
        first.setdefault(u[2], u[0])
    with db.session() as s:
        names = dict(s.execute(select(Organisation.id, Organisation.name)).all())
        out = []
        for k in s.scalars(select(Contract).order_by(Contract.start_date.desc(), Contract.id.desc())):
            parties = sorted(k.parties, key=lambda p: p.position)
            out.append(
                (
                    k.id,
                    "; ".join(names[p.organisation_id] for p in parties),
                    sum((t.amount for t in k.tranches), Decimal("0.00")),
                    first.get(k.id),
                    overdue(k, today),
                    tuple(p.organisation_id for p in parties),
                )
            )
        return out


def test_contract_list_equals_the_orm_reading_on_the_demo(demo_db) -> None:  # noqa: F811
    from app.core.services.contracts import list_contracts

    for today in DAYS[::5]:
        rows = list_contracts(demo_db, today=today)
        got = [
            (
                r.id,
                r.organisation_names,
                r.total_amount,
                r.next_due_date,
                (r.overdue_date, r.overdue_label),
                r.organisation_ids,
            )
            for r in rows
        ]
        assert got == _orm_contract_rows(demo_db, today), today
    assert any(r.overdue_date for r in list_contracts(demo_db, today=dt.date(2026, 12, 1)))
