"""The vocabulary of money: the one owner of every money figure the app prints.

* **planned** (*Plan wg programu*): what the cooperation programme plans for a year, per area from its
  priorities. The programme's own planned total wins when it is stored for that year; an unknown plan
  is `None` (printed "—" with the missing datum named), never zero.
* **committed** (*Zaangażowano*): the tranches of signed contracts for a budget year (art. 221 ufp: a
  tranche belongs to one budget year). A draft ("projekt") commits nothing; a terminated contract
  commits only what was transferred to it.
* **transferred** (*Przekazano*): committed tranches that were paid (the tranche's "Wypłacono" date is
  recorded). A tranche without that date has not been paid yet, whatever its planned payment date.
* **used / settled** (*Wykorzystano (rozliczono)*): the part of a tranche the organisation used, as
  accepted in its settlement; a tranche without it is "not settled yet" and counted, not taken as 0.
* **returned** (*Zwrócono*): the unused part paid back to the gmina (art. 251 ufp), where recorded.
  It is the tranche's recorded return, never a difference the app computes.

Every consumer (Pulpit, documents, exports) asks the functions below with the year / area / contract
filters it needs; a test fails when a document module adds money up itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from app.core.db.models import (
    Contract,
    CooperationProgramme,
    OwnContribution,
    Procedure,
    ProgrammePriority,
    PublicTask,
    Tranche,
)
from app.core.domain.enums import ContractForm, ContractStatus, ProcedureRoute, WkusArea
from app.core.figures.committed import committed_by_year  # noqa: F401 - the owner's vocabulary
from app.core.i18n import N_, _, format_money
from app.core.money import ZERO


class MoneyWord(str, Enum):
    """What a money column shows; its label is the column header every document uses."""

    PLANNED = "PLANNED"
    COMMITTED = "COMMITTED"
    TRANSFERRED = "TRANSFERRED"
    USED = "USED"
    RETURNED = "RETURNED"

    @property
    def label(self) -> str:
        return _(_LABELS[self])


_LABELS = {
    MoneyWord.PLANNED: N_("Planned (programme)"),
    MoneyWord.COMMITTED: N_("Committed"),
    MoneyWord.TRANSFERRED: N_("Transferred"),
    MoneyWord.USED: N_("Used (settled)"),
    MoneyWord.RETURNED: N_("Returned"),
}

#: area filter meaning "any area" (None is a real value: no area known)
ANY_AREA: Any = object()


def add(amounts: Iterable[Decimal]) -> Decimal:
    """Adds figures this module already gave (a table's total row); documents never add tranches."""
    return sum(amounts, ZERO)


def share(part: Decimal, whole: Decimal | None) -> Decimal | None:
    """part / whole; None when the whole is unknown or zero (no ratio to an unknown plan)."""
    if not whole:
        return None
    return part / whole


# ---- tranches ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrancheMoney:
    """One tranche with what the vocabulary needs to know about its contract."""

    contract_id: int
    status: ContractStatus
    form: ContractForm
    route: ProcedureRoute | None
    area: WkusArea | None
    year: int
    amount: Decimal
    paid_date: dt.date | None
    used_amount: Decimal | None
    returned_amount: Decimal | None

    @property
    def committed(self) -> Decimal:
        return committed_amount(self.status, self.amount, self.paid_date)

    @property
    def transferred(self) -> Decimal:
        return transferred_amount(self.status, self.amount, self.paid_date)


def transferred_amount(status: ContractStatus, amount: Decimal, paid_date: dt.date | None) -> Decimal:
    """What of one tranche was transferred (rules that hold ORM rows ask here too)."""
    if status is ContractStatus.DRAFT or paid_date is None:
        return ZERO
    return amount


def committed_amount(status: ContractStatus, amount: Decimal, paid_date: dt.date | None) -> Decimal:
    """What of one tranche is committed: nothing for a draft, what was transferred for a terminated
    contract, the tranche otherwise."""
    if status is ContractStatus.DRAFT:
        return ZERO
    if status is ContractStatus.TERMINATED:
        return transferred_amount(status, amount, paid_date)
    return amount


def tranche_money(
    session: Session, *, year: int | None = None, area: Any = ANY_AREA, contract_ids: Iterable[int] | None = None
) -> list[TrancheMoney]:
    """Tranches (of every contract, drafts included: the figures decide what they count) with the
    contract's status, form, procedure route and area (its task's, else its procedure's task's)."""
    own_task = aliased(PublicTask)
    proc_task = aliased(PublicTask)
    stmt = (
        select(
            Tranche.contract_id,
            Contract.status,
            Contract.form,
            Procedure.route,
            own_task.area,
            proc_task.area,
            Tranche.budget_year,
            Tranche.amount,
            Tranche.paid_date,
            Tranche.used_amount,
            Tranche.returned_amount,
        )
        .join(Contract, Contract.id == Tranche.contract_id)
        .outerjoin(own_task, own_task.id == Contract.task_id)
        .outerjoin(Procedure, Procedure.id == Contract.procedure_id)
        .outerjoin(proc_task, proc_task.id == Procedure.task_id)
        .order_by(Tranche.contract_id, Tranche.budget_year, Tranche.id)
    )
    if year is not None:
        stmt = stmt.where(Tranche.budget_year == year)
    if contract_ids is not None:
        stmt = stmt.where(Tranche.contract_id.in_(list(contract_ids)))
    out = []
    for cid, status, form, route, task_area, proc_area, y, amount, paid, used, returned in session.execute(stmt):
        row_area = task_area if task_area is not None else proc_area
        if area is not ANY_AREA and row_area != area:
            continue
        out.append(TrancheMoney(cid, status, form, route, row_area, y, amount, paid, used, returned))
    return out


@dataclass(frozen=True)
class MoneyTotals:
    committed: Decimal = ZERO
    transferred: Decimal = ZERO
    #: used amounts of the committed tranches where the settlement is recorded
    used: Decimal = ZERO
    returned: Decimal = ZERO
    #: committed tranches whose use is not settled yet (their use is unknown, not 0)
    unsettled: int = 0
    #: contracts with a committed amount
    contract_ids: frozenset[int] = field(default_factory=frozenset)


def totals_of(rows: Iterable[TrancheMoney]) -> MoneyTotals:
    committed = transferred = used = returned = ZERO
    unsettled = 0
    ids: set[int] = set()
    for t in rows:
        if not t.committed:
            continue
        ids.add(t.contract_id)
        committed += t.committed
        transferred += t.transferred
        if t.used_amount is None:
            unsettled += 1
        else:
            used += t.used_amount
        if t.returned_amount is not None:
            returned += t.returned_amount
    return MoneyTotals(committed, transferred, used, returned, unsettled, frozenset(ids))


def totals(
    session: Session, *, year: int | None = None, area: Any = ANY_AREA, contract_ids: Iterable[int] | None = None
) -> MoneyTotals:
    """Committed, transferred, used and returned money for the filters (all years when year is None)."""
    return totals_of(tranche_money(session, year=year, area=area, contract_ids=contract_ids))


def group_by(rows: Iterable[TrancheMoney], key: Any) -> dict[Any, MoneyTotals]:
    groups: dict[Any, list[TrancheMoney]] = {}
    for t in rows:
        groups.setdefault(key(t), []).append(t)
    return {k: totals_of(v) for k, v in groups.items()}


def by_contract(
    session: Session, *, year: int | None = None, contract_ids: Iterable[int] | None = None
) -> dict[int, MoneyTotals]:
    return group_by(tranche_money(session, year=year, contract_ids=contract_ids), lambda t: t.contract_id)


def by_area(session: Session, year: int) -> dict[WkusArea | None, MoneyTotals]:
    return group_by(tranche_money(session, year=year), lambda t: t.area)


def by_route(session: Session, year: int) -> dict[ProcedureRoute | None, MoneyTotals]:
    return group_by(tranche_money(session, year=year), lambda t: t.route)


@dataclass(frozen=True)
class ContractYear:
    """One budget year of one contract: what the contract provides for it and what of that counts."""

    year: int
    #: the tranches the contract provides for the year (its own plan, whatever its status)
    in_contract: Decimal
    committed: Decimal
    transferred: Decimal


def contract_years(session: Session, contract_id: int) -> list[ContractYear]:
    """The contract card's money per budget year: the contract's amount, committed and transferred (a
    terminated contract's unpaid tranche stays in the contract and commits nothing)."""
    years: dict[int, list[Decimal]] = {}
    for t in tranche_money(session, contract_ids=[contract_id]):
        row = years.setdefault(t.year, [ZERO, ZERO, ZERO])
        row[0] += t.amount
        row[1] += t.committed
        row[2] += t.transferred
    return [ContractYear(y, *v) for y, v in sorted(years.items())]


def committed_by_contract_year(
    session: Session, contract_ids: Iterable[int] | None = None
) -> dict[int, dict[int, Decimal]]:
    """Contract id → budget year → committed money (contracts and years committing nothing left out)."""
    out: dict[int, dict[int, Decimal]] = {}
    for t in tranche_money(session, contract_ids=contract_ids):
        if t.committed:
            years = out.setdefault(t.contract_id, {})
            years[t.year] = years.get(t.year, ZERO) + t.committed
    return out


def contracts_of_year(session: Session, year: int, rows: Iterable[TrancheMoney] | None = None) -> list[int]:
    """Ids of the contracts the year's documents list: those committing money in the year, and signed,
    not terminated contracts without any tranche that run in the year (e.g. a task without a grant).
    Drafts are never listed; a terminated contract only for the years money was transferred to it.
    `rows`: the year's tranches (`tranche_money(session, year=year)`) when the caller has read them
    already (the annual report asked for them seven times)."""
    if rows is None:
        rows = tranche_money(session, year=year)
    committed = totals_of(t for t in rows if t.year == year).contract_ids
    with_tranches = set(session.scalars(select(Tranche.contract_id).distinct()))
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    without = set(
        session.scalars(
            select(Contract.id).where(
                Contract.status.not_in([ContractStatus.DRAFT, ContractStatus.TERMINATED]),
                Contract.start_date <= end,
                Contract.end_date >= start,
            )
        )
    )
    return sorted(committed | (without - with_tranches))


def signed_contracts(session: Session) -> list[int]:
    """Ids of every contract that left the draft stage (the documents over all years list these)."""
    return list(
        session.scalars(select(Contract.id).where(Contract.status != ContractStatus.DRAFT).order_by(Contract.id))
    )


# ---- the forms without a competition for one operator or residents (art. 16a, art. 19b–19h) -------------


@dataclass(frozen=True)
class ContributionTotals:
    """Own contributions recorded on contracts for a budget year (for a local initiative: the residents'
    work, goods and money the contract obliges them to, art. 19e)."""

    #: contribution rows recorded for the year (0: none recorded, the figures are unknown, not zero)
    rows: int = 0
    planned: Decimal = ZERO
    #: the settled part, of the rows where it is recorded
    actual: Decimal = ZERO
    #: rows whose settled amount is not recorded yet
    actual_unknown: int = 0


@dataclass(frozen=True)
class RouteYear:
    """One legal route in one year, as the annual report shows a form the act names besides the
    competition (art. 16a regranting, art. 19b–19h local initiative)."""

    route: ProcedureRoute
    #: procedures of the route with the year as budget year (for a local initiative: applications)
    procedures: int
    #: of those, the ones with an answer or decision date recorded
    answered: int
    #: the procedures' planned amounts; None when no procedure of the route has one
    planned: Decimal | None
    #: procedures without a planned amount (their plan is unknown)
    planned_unknown: int
    #: the year's money of the route's contracts (committed, transferred, used, returned)
    money: MoneyTotals
    #: signed contracts of the route listed for the year (`contracts_of_year`)
    contracts: frozenset[int]
    contributions: ContributionTotals


def route_year(
    session: Session,
    year: int,
    route: ProcedureRoute,
    rows: Iterable[TrancheMoney] | None = None,
    year_contracts: Iterable[int] | None = None,
) -> RouteYear:
    """The year's procedures, contracts and money of one route. `rows` are the year's tranches and
    `year_contracts` the year's `contracts_of_year` when the caller has them already."""
    procs = session.execute(
        select(Procedure.planned_amount, Procedure.answer_date, Procedure.decision_date).where(
            Procedure.route == route, Procedure.budget_year == year
        )
    ).all()
    known = [p.planned_amount for p in procs if p.planned_amount is not None]
    year_rows = list(rows) if rows is not None else tranche_money(session, year=year)
    tranches = [t for t in year_rows if t.year == year and t.route is route]
    route_contracts = set(
        session.scalars(
            select(Contract.id).join(Procedure, Procedure.id == Contract.procedure_id).where(Procedure.route == route)
        )
    )
    if year_contracts is None:
        year_contracts = contracts_of_year(session, year, year_rows)
    listed = frozenset(route_contracts & set(year_contracts))
    contributions = ContributionTotals()
    if listed:
        planned_c = actual_c = ZERO
        n = unknown = 0
        for planned_amount, actual_amount in session.execute(
            select(OwnContribution.planned_amount, OwnContribution.actual_amount).where(
                OwnContribution.contract_id.in_(sorted(listed)), OwnContribution.budget_year == year
            )
        ):
            n += 1
            planned_c += planned_amount or ZERO
            if actual_amount is None:
                unknown += 1
            else:
                actual_c += actual_amount
        contributions = ContributionTotals(n, planned_c, actual_c, unknown)
    return RouteYear(
        route=route,
        procedures=len(procs),
        answered=sum(1 for p in procs if p.answer_date is not None or p.decision_date is not None),
        planned=sum(known, ZERO) if known else None,
        planned_unknown=len(procs) - len(known),
        money=totals_of(tranches),
        contracts=listed,
        contributions=contributions,
    )


# ---- planned (programme) ----------------------------------------------------------------------


class PlanSource(str, Enum):
    PROGRAMME_TOTAL = "PROGRAMME_TOTAL"
    PRIORITIES = "PRIORITIES"
    NONE = "NONE"


@dataclass(frozen=True)
class PlannedMoney:
    year: int
    programme_id: int | None
    #: the year's plan; None = unknown (see `missing`)
    total: Decimal | None
    source: PlanSource
    #: the year's priorities' money per area (None = priorities without an area)
    by_area: dict[WkusArea | None, Decimal]
    #: the stored programme total minus the priorities' money, when the total is larger
    not_divided: Decimal
    #: what is missing or inconsistent, for the document's note (empty when nothing)
    missing: str = ""

    @property
    def source_text(self) -> str:
        if self.source is PlanSource.PROGRAMME_TOTAL:
            return _("the programme's planned total")
        if self.source is PlanSource.PRIORITIES:
            return _("sum of the programme's priority tasks for the year")
        return ""

    @property
    def area_plan_known(self) -> bool:
        return bool(self.by_area)


@dataclass(frozen=True)
class ProgrammePlan:
    """A programme's plan over its whole period (the resolution's element 8)."""

    #: the stored planned total, else the sum of all priorities; None = not entered
    total: Decimal | None
    source: PlanSource
    #: year → the priorities' money of that year
    by_year: dict[int, Decimal]


def programme_plan(planned_total: Decimal | None, priorities: Iterable[tuple[int, Decimal]]) -> ProgrammePlan:
    by_year: dict[int, Decimal] = {}
    for year, amount in priorities:
        by_year[year] = by_year.get(year, ZERO) + amount
    by_year = dict(sorted(by_year.items()))
    if planned_total is not None:
        return ProgrammePlan(planned_total, PlanSource.PROGRAMME_TOTAL, by_year)
    if by_year:
        return ProgrammePlan(sum(by_year.values(), ZERO), PlanSource.PRIORITIES, by_year)
    return ProgrammePlan(None, PlanSource.NONE, by_year)


def programme_id_for_year(session: Session, year: int) -> int | None:
    """The programme covering the year; an annual one wins over a multi-year one (it is the programme
    the art. 5a ust. 3 report is about), then the newest."""
    rows = session.execute(
        select(CooperationProgramme.id, CooperationProgramme.year_from, CooperationProgramme.year_to).where(
            CooperationProgramme.year_from <= year, CooperationProgramme.year_to >= year
        )
    ).all()
    if not rows:
        return None
    return min(rows, key=lambda r: (r.year_to - r.year_from, -r.id)).id


def planned(session: Session, year: int, programme_id: int | None = None) -> PlannedMoney:
    """The programme's plan for the year. The programme's own planned total is used when it is the
    plan of exactly this year (an annual programme); a multi-year programme's total covers its whole
    period, so the year's plan is then the sum of that year's priorities."""
    pid = programme_id if programme_id is not None else programme_id_for_year(session, year)
    if pid is None:
        return PlannedMoney(
            year,
            None,
            None,
            PlanSource.NONE,
            {},
            ZERO,
            _("No cooperation programme covering {year} is recorded, so the planned funds are unknown.").format(
                year=year
            ),
        )
    prog = session.get(CooperationProgramme, pid)
    assert prog is not None
    by_area: dict[WkusArea | None, Decimal] = {}
    for area, amount in session.execute(
        select(ProgrammePriority.area, ProgrammePriority.planned_amount)
        .where(ProgrammePriority.programme_id == pid, ProgrammePriority.year == year)
        .order_by(ProgrammePriority.id)
    ):
        by_area[area] = by_area.get(area, ZERO) + amount
    divided = sum(by_area.values(), ZERO)
    stored = prog.planned_total if prog.year_from == prog.year_to == year else None
    if stored is not None:
        missing = ""
        if by_area and divided > stored:
            missing = _(
                "The programme's priority tasks plan {divided} for {year}, more than its planned total "
                "{total}; correct the programme."
            ).format(divided=format_money(divided), year=year, total=format_money(stored))
        return PlannedMoney(
            year, pid, stored, PlanSource.PROGRAMME_TOTAL, by_area, max(stored - divided, ZERO), missing
        )
    if by_area:
        return PlannedMoney(year, pid, divided, PlanSource.PRIORITIES, by_area, ZERO)
    if prog.planned_total is not None:
        msg = _(
            "The programme plans {amount} for {period} but no amounts for {year}: enter the year's priority "
            "tasks with their planned funds."
        ).format(amount=format_money(prog.planned_total), period=f"{prog.year_from}–{prog.year_to}", year=year)
    else:
        msg = _(
            "The programme's planned funds for {year} are not entered (neither its planned total nor "
            "priority tasks with amounts)."
        ).format(year=year)
    return PlannedMoney(year, pid, None, PlanSource.NONE, {}, ZERO, msg)
