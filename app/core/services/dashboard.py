"""Figures for the Pulpit: counts, money committed per budget year, contract dates coming up."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from sqlalchemy import func, select

from app.core.db.engine import Database
from app.core.db.models import (
    Contract,
    ContractParty,
    ContractReport,
    Organisation,
    PublicTask,
    Tranche,
)
from app.core.domain.enums import ContractStatus, ReportKind
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
    today = today or dt.date.today()
    horizon = today + dt.timedelta(days=days)
    with db.session() as s:
        organisations = s.scalar(select(func.count()).select_from(Organisation)) or 0
        active_orgs = s.scalar(select(func.count()).select_from(Organisation)
                               .where(Organisation.active.is_(True))) or 0
        tasks = s.scalar(select(func.count()).select_from(PublicTask)) or 0
        per_year = committed_by_year(s)
        # Column-only reads: whole Contract objects would load every eagerly related child too.
        contracts = s.execute(select(Contract.id, Contract.number, Contract.title, Contract.status,
                                     Contract.start_date, Contract.end_date).order_by(Contract.id)).all()
        live = [k for k in contracts if k.status not in (ContractStatus.TERMINATED, ContractStatus.SETTLED)]
        tranches: dict[int, list[tuple[dt.date, Decimal, int]]] = {}
        for contract_id, payment_date, amount, year in s.execute(
                select(Tranche.contract_id, Tranche.payment_date, Tranche.amount, Tranche.budget_year)
                .where(Tranche.payment_date.is_not(None), Tranche.paid_date.is_(None),
                       Tranche.payment_date >= today, Tranche.payment_date <= horizon)
                .order_by(Tranche.contract_id, Tranche.budget_year, Tranche.payment_date, Tranche.id)):
            tranches.setdefault(contract_id, []).append((payment_date, amount, year))
        reports: dict[int, list[tuple[dt.date, ReportKind]]] = {}
        for contract_id, due_date, kind in s.execute(
                select(ContractReport.contract_id, ContractReport.due_date, ContractReport.kind)
                .where(ContractReport.received_date.is_(None), ContractReport.due_date >= today,
                       ContractReport.due_date <= horizon)
                .order_by(ContractReport.contract_id, ContractReport.due_date, ContractReport.id)):
            reports.setdefault(contract_id, []).append((due_date, kind))
        wanted = {k.id for k in live if k.id in tranches or k.id in reports or today <= k.end_date <= horizon}
        parties: dict[int, list[str]] = {}
        if wanted:
            party_rows = s.execute(select(ContractParty.contract_id, Organisation.name)
                                   .join(Organisation, Organisation.id == ContractParty.organisation_id)
                                   .order_by(ContractParty.contract_id, ContractParty.position)).all()
            for contract_id, name in party_rows:
                if contract_id in wanted:
                    parties.setdefault(contract_id, []).append(name)
        upcoming: list[UpcomingDate] = []
        for k in live:
            if k.id not in wanted:
                continue
            orgs = "; ".join(parties.get(k.id, []))
            for payment_date, amount, year in tranches.get(k.id, []):
                upcoming.append(UpcomingDate(payment_date, UpcomingKind.TRANCHE_PAYMENT, k.id, k.number, k.title,
                                             orgs, amount, str(year)))
            for due_date, kind in reports.get(k.id, []):
                upcoming.append(UpcomingDate(due_date, UpcomingKind.REPORT_DUE, k.id, k.number, k.title, orgs,
                                             None, kind.label))
            if today <= k.end_date <= horizon:
                upcoming.append(UpcomingDate(k.end_date, UpcomingKind.CONTRACT_END, k.id, k.number, k.title, orgs,
                                             None, ""))
        upcoming.sort(key=lambda u: (u.date, list(UpcomingKind).index(u.kind), u.contract_number))
        return DashboardData(
            today=today, organisations=organisations, active_organisations=active_orgs, tasks=tasks,
            contracts=len(contracts), active_contracts=sum(1 for k in contracts if k.status is ContractStatus.ACTIVE),
            multi_year_contracts=sum(1 for k in contracts if k.end_date.year > k.start_date.year),
            committed_per_year=per_year,
            upcoming=tuple(upcoming),
        )
