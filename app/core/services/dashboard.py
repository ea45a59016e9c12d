"""Figures for the Pulpit: counts, money committed per budget year, contract dates coming up."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from sqlalchemy import func, select

from app.core.db.engine import Database
from app.core.db.models import Contract, ContractParty, Organisation, PublicTask, Tranche
from app.core.domain.enums import ContractStatus
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
    #: budget year → sum of tranches of every contract (ascending years)
    committed_per_year: dict[int, Decimal]
    upcoming: tuple[UpcomingDate, ...]

    @property
    def committed_total(self) -> Decimal:
        return sum(self.committed_per_year.values(), Decimal("0.00"))


def dashboard(db: Database, today: dt.date | None = None, days: int = UPCOMING_DAYS) -> DashboardData:
    today = today or dt.date.today()
    horizon = today + dt.timedelta(days=days)
    with db.session() as s:
        organisations = s.scalar(select(func.count()).select_from(Organisation)) or 0
        active_orgs = s.scalar(select(func.count()).select_from(Organisation)
                               .where(Organisation.active.is_(True))) or 0
        tasks = s.scalar(select(func.count()).select_from(PublicTask)) or 0
        per_year = {year: amount for year, amount in s.execute(
            select(Tranche.budget_year, func.sum(Tranche.amount)).group_by(Tranche.budget_year)
            .order_by(Tranche.budget_year)).all()}
        names = dict(s.execute(select(Organisation.id, Organisation.name)).all())
        party_rows = s.execute(select(ContractParty.contract_id, ContractParty.organisation_id)
                               .order_by(ContractParty.contract_id, ContractParty.position)).all()
        parties: dict[int, list[str]] = {}
        for contract_id, org_id in party_rows:
            parties.setdefault(contract_id, []).append(names.get(org_id, ""))
        contracts = list(s.scalars(select(Contract)))
        upcoming: list[UpcomingDate] = []
        for k in contracts:
            orgs = "; ".join(parties.get(k.id, []))

            def add(date: dt.date, kind: UpcomingKind, amount: Decimal | None, detail: str) -> None:
                upcoming.append(UpcomingDate(date, kind, k.id, k.number, k.title, orgs, amount, detail))

            if k.status in (ContractStatus.TERMINATED, ContractStatus.SETTLED):
                continue
            for t in k.tranches:
                if t.payment_date and t.paid_date is None and today <= t.payment_date <= horizon:
                    add(t.payment_date, UpcomingKind.TRANCHE_PAYMENT, t.amount, str(t.budget_year))
            for r in k.reports:
                if r.received_date is None and today <= r.due_date <= horizon:
                    add(r.due_date, UpcomingKind.REPORT_DUE, None, r.kind.label)
            if today <= k.end_date <= horizon:
                add(k.end_date, UpcomingKind.CONTRACT_END, None, "")
        upcoming.sort(key=lambda u: (u.date, list(UpcomingKind).index(u.kind), u.contract_number))
        return DashboardData(
            today=today, organisations=organisations, active_organisations=active_orgs, tasks=tasks,
            contracts=len(contracts), active_contracts=sum(1 for k in contracts if k.status is ContractStatus.ACTIVE),
            multi_year_contracts=sum(1 for k in contracts if k.end_date.year > k.start_date.year),
            committed_per_year={int(y): a if isinstance(a, Decimal) else Decimal(a) for y, a in per_year.items()},
            upcoming=tuple(upcoming),
        )
