"""Figures for the Pulpit: counts, money committed per budget year, contract dates coming up."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from sqlalchemy import (
    Connection,
    Integer,
    case,
    extract,
    func,
    literal,
    null,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.sql.elements import ColumnElement

from app.core.db.engine import Database
from app.core.db.models import (
    Contract,
    ContractParty,
    ContractReport,
    Organisation,
    PublicTask,
    Tranche,
)
from app.core.domain.enums import ContractStatus
from app.core.figures.money import committed_by_year
from app.core.i18n import N_, _

#: how far ahead the Pulpit looks for contract dates
UPCOMING_DAYS = 60


class UpcomingKind(str, Enum):
    TRANCHE_PAYMENT = "TRANCHE_PAYMENT"
    REPORT_DUE = "REPORT_DUE"
    CONTRACT_END = "CONTRACT_END"

    @property
    def label(self) -> str:
        label = _UPCOMING_LABELS[self]
        return _(label)


_UPCOMING_LABELS = {
    UpcomingKind.TRANCHE_PAYMENT: N_("tranche payment"),
    UpcomingKind.REPORT_DUE: N_("report due"),
    UpcomingKind.CONTRACT_END: N_("end of the contract"),
}


@dataclass(frozen=True)
class UpcomingDate:
    date: dt.date
    kind: UpcomingKind
    contract_id: int
    contract_number: str
    contract_title: str
    organisation_names: str
    #: tranche amount for payments, else None
    amount: Decimal | None
    #: e.g. "2026" (tranche's budget year) or the report kind's label
    detail: str

    def days_left(self, today: dt.date) -> int:
        return (self.date - today).days

    @property
    def what(self) -> str:
        """What happens, for the clerk: "wypłata transzy (2026)", the report's kind, "zakończenie umowy".

        One msgid with a placeholder per sentence, so a translation (or the pseudo-locale) is never
        wrapped inside another one."""
        if self.kind is UpcomingKind.TRANCHE_PAYMENT and self.detail:
            return _("tranche payment ({year})").format(year=self.detail)
        if self.kind is UpcomingKind.REPORT_DUE and self.detail:
            return self.detail
        return self.kind.label

    @property
    def what_due(self) -> str:
        """The same, as the contracts list's tooltip says it: "sprawozdanie roczne – termin złożenia"."""
        if self.kind is UpcomingKind.REPORT_DUE and self.detail:
            return _("{kind} due").format(kind=self.detail)
        return self.what


@dataclass(frozen=True)
class DashboardData:
    today: dt.date
    organisations: int
    active_organisations: int
    tasks: int
    contracts: int
    #: contracts with status ACTIVE (signed and being delivered)
    active_contracts: int
    multi_year_contracts: int
    #: budget year → money committed (figures.money: signed contracts' tranches, no drafts; a terminated
    #: contract's transferred part), ascending years
    committed_per_year: dict[int, Decimal]
    upcoming: tuple[UpcomingDate, ...]

    @property
    def committed_total(self) -> Decimal:
        return sum(self.committed_per_year.values(), Decimal("0.00"))


def dashboard(db: Database, today: dt.date | None = None, days: int = UPCOMING_DAYS) -> DashboardData:
    """The Pulpit's figures: one aggregate query per tile, one for the money table (figures.money), one
    for the dates coming up and one for those dates' organisations. Core selects of columns: on a large
    gmina the ORM's per-row machinery was most of the wait, and no figure needs an object."""
    today = today or dt.date.today()
    horizon = today + dt.timedelta(days=days)
    organisation, task, contract = Organisation.__table__, PublicTask.__table__, Contract.__table__
    with db.session() as s:
        conn = s.connection()
        organisations, active_orgs = conn.execute(
            select(func.count(), _count_if(organisation.c.active.is_(True))).select_from(organisation)
        ).one()
        tasks = conn.execute(select(func.count()).select_from(task)).scalar_one()
        contracts, active_contracts, multi_year = conn.execute(
            select(
                func.count(),
                _count_if(contract.c.status == ContractStatus.ACTIVE),
                _count_if(extract("year", contract.c.end_date) > extract("year", contract.c.start_date)),
            ).select_from(contract)
        ).one()
        per_year = committed_by_year(s)
        upcoming = upcoming_dates(conn, today, horizon)
    return DashboardData(
        today=today,
        organisations=organisations,
        active_organisations=active_orgs,
        tasks=tasks,
        contracts=contracts,
        active_contracts=active_contracts,
        multi_year_contracts=multi_year,
        committed_per_year=per_year,
        upcoming=upcoming,
    )


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    """Rows meeting `condition`, portable (no FILTER clause); 0 on an empty table, not NULL."""
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


#: contracts whose dates the Pulpit lists (a terminated or settled one is over)
_OVER = (ContractStatus.TERMINATED, ContractStatus.SETTLED)


def _kind(index: int) -> ColumnElement[int]:
    """The UpcomingKind's position as a constant column, rendered inline (a bound parameter in a
    UNION's select list has no type a PostgreSQL server could infer)."""
    return literal(index, Integer, literal_execute=True)


def next_dates(conn: Connection, today: dt.date) -> dict[int, UpcomingDate]:
    """Each contract's earliest date still coming (the contracts list's "Najbliższy termin"): the
    Pulpit's rule without its horizon, so the two never disagree on what is next."""
    out: dict[int, UpcomingDate] = {}
    for u in upcoming_dates(conn, today, None):  # sorted by date first: the first one seen is the earliest
        out.setdefault(u.contract_id, u)
    return out


def _within(column: ColumnElement[dt.date], today: dt.date, horizon: dt.date | None) -> ColumnElement[bool]:
    return column >= today if horizon is None else column.between(today, horizon)


def upcoming_dates(conn: Connection, today: dt.date, horizon: dt.date | None) -> tuple[UpcomingDate, ...]:
    """Tranche payments not yet made, reports not yet received and contract ends between `today` and
    `horizon` (no end when None), as one UNION ALL of three selects; then the organisations of the
    contracts listed."""
    contract, tranche, report = Contract.__table__, Tranche.__table__, ContractReport.__table__
    party, organisation = ContractParty.__table__, Organisation.__table__
    head = (contract.c.id, contract.c.number, contract.c.title)
    # A draft commits nothing (figures.money), so its tranches are no payment dates yet.
    payments = (
        select(
            _kind(0).label("kind"),
            tranche.c.payment_date.label("date"),
            *head,
            tranche.c.amount.label("amount"),
            tranche.c.budget_year.label("year"),
            type_coerce(null(), report.c.kind.type).label("report_kind"),
            tranche.c.id.label("row"),
        )
        .join_from(tranche, contract, contract.c.id == tranche.c.contract_id)
        .where(
            contract.c.status.not_in([*_OVER, ContractStatus.DRAFT]),
            tranche.c.paid_date.is_(None),
            tranche.c.payment_date.is_not(None),
            _within(tranche.c.payment_date, today, horizon),
        )
    )
    reports = (
        select(_kind(1), report.c.due_date, *head, null(), null(), report.c.kind, report.c.id)
        .join_from(report, contract, contract.c.id == report.c.contract_id)
        .where(
            contract.c.status.not_in(_OVER),
            report.c.received_date.is_(None),
            _within(report.c.due_date, today, horizon),
        )
    )
    ends = select(_kind(2), contract.c.end_date, *head, null(), null(), null(), contract.c.id).where(
        contract.c.status.not_in(_OVER), _within(contract.c.end_date, today, horizon)
    )
    rows = conn.execute(union_all(payments, reports, ends)).all()
    names: dict[int, list[str]] = {}
    ids = sorted({r.id for r in rows})
    if ids:
        for contract_id, name in conn.execute(
            select(party.c.contract_id, organisation.c.name)
            .join_from(party, organisation, organisation.c.id == party.c.organisation_id)
            .where(party.c.contract_id.in_(ids))
            .order_by(party.c.contract_id, party.c.position, party.c.id)
        ):
            names.setdefault(contract_id, []).append(name)
    kinds = list(UpcomingKind)
    # the order of the previous, per-contract build: date, kind, number; then contract, budget year, row
    rows = sorted(rows, key=lambda r: (r.date, r.kind, r.number, r.id, r.year or 0, r.row))
    out = []
    for r in rows:
        kind = kinds[r.kind]
        detail = (
            str(r.year)
            if kind is UpcomingKind.TRANCHE_PAYMENT
            else (r.report_kind.label if kind is UpcomingKind.REPORT_DUE else "")
        )
        out.append(
            UpcomingDate(
                r.date,
                kind,
                r.id,
                r.number,
                r.title,
                "; ".join(names.get(r.id, [])),
                r.amount if kind is UpcomingKind.TRANCHE_PAYMENT else None,
                detail,
            )
        )
    return tuple(out)
