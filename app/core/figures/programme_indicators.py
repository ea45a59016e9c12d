"""The monitoring indicators of a cooperation programme: their planned values (stored per programme and
year, table `programme_indicator`) and the values achieved in a year, counted here once for the annual
report, the programme dialog and any later screen.

The programme sets how its implementation is evaluated (art. 5a ust. 4 pkt 9 u.d.p.p.w.: "sposób oceny
realizacji programu"); the report on it (art. 5a ust. 3) compares what was planned with what was done.
A planned value nobody entered is unknown (None, printed "—"), never 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.db.models import Contract, ContractParty, Procedure, ProgrammeIndicator, Tranche
from app.core.domain.cooperation import CooperationForm
from app.core.domain.enums import ProcedureRoute
from app.core.i18n import N_, _


@dataclass(frozen=True)
class Indicator:
    code: str
    #: msgid of the indicator's name (the report's row label)
    label: str

    @property
    def name(self) -> str:
        return _(self.label)


#: the indicators a programme can plan, in the report's order (all are counts)
INDICATORS: tuple[Indicator, ...] = (
    Indicator("ORGANISATIONS", N_("Organisations that carried out public tasks")),
    Indicator("COMPETITIONS", N_("Open competitions announced")),
    Indicator("OFFERS", N_("Offers received")),
    Indicator("CONTRACTS", N_("Contracts concluded or continued")),
    Indicator("MULTI_YEAR", N_("Multi-year contracts")),
    Indicator("LOCAL_INITIATIVES", N_("Local initiative contracts")),
    Indicator("CONSULTATIONS", N_("Draft acts consulted with organisations")),
    Indicator("COOPERATION", N_("Non-financial cooperation activities")),
)
CODES = frozenset(i.code for i in INDICATORS)


def indicator(code: str) -> Indicator:
    return next(i for i in INDICATORS if i.code == code)


@dataclass(frozen=True)
class IndicatorRow:
    code: str
    name: str
    #: None = the programme plans no value for the year (unknown)
    planned: Decimal | None
    achieved: int

    @property
    def attainment(self) -> Decimal | None:
        """Achieved / planned; None when the plan is unknown or 0 (a ratio to nothing is not a score)."""
        if not self.planned:
            return None
        return Decimal(self.achieved) / self.planned


def achieved(session: Session, year: int, rows: Any = None, contract_ids: list[int] | None = None) -> dict[str, int]:
    """The values of the year from the records (the contracts the year's money documents list).
    `rows`: the year's tranches (`money.tranche_money(session, year=year)`) and `contract_ids` the year's
    `money.contracts_of_year` when the caller has them already."""
    from app.core.figures import money
    from app.core.services.cooperation import records

    if contract_ids is None:
        contract_ids = money.contracts_of_year(session, year, rows)
    organisations = (
        set(session.scalars(select(ContractParty.organisation_id).where(ContractParty.contract_id.in_(contract_ids))))
        if contract_ids
        else set()
    )
    # a contract is multi-year when its tranches or its period span more than one budget year
    years: dict[int, set[int]] = {cid: set() for cid in contract_ids}
    if contract_ids:
        for cid, start, end in session.execute(
            select(Contract.id, Contract.start_date, Contract.end_date).where(Contract.id.in_(contract_ids))
        ):
            years[cid].update(range(start.year, end.year + 1))
        for cid, budget_year in session.execute(
            select(Tranche.contract_id, Tranche.budget_year).where(Tranche.contract_id.in_(contract_ids))
        ):
            years[cid].add(budget_year)
    procs = session.execute(
        select(Procedure.route, Procedure.offers_received).where(Procedure.budget_year == year)
    ).all()
    coop = records(session, year)
    local = money.route_year(session, year, ProcedureRoute.LOCAL_INITIATIVE, rows, contract_ids)
    return {
        "ORGANISATIONS": len(organisations),
        "COMPETITIONS": sum(1 for p in procs if p.route is ProcedureRoute.OPEN_COMPETITION),
        "OFFERS": sum(p.offers_received or 0 for p in procs),
        "CONTRACTS": len(contract_ids),
        "MULTI_YEAR": sum(1 for ys in years.values() if len(ys) > 1),
        "LOCAL_INITIATIVES": len(local.contracts),
        "CONSULTATIONS": sum(1 for r in coop if r.form == CooperationForm.CONSULTATION),
        "COOPERATION": len(coop),
    }


def planned(session: Session, programme_id: int | None, year: int) -> dict[str, Decimal]:
    """The programme's planned values for the year (codes without a value are absent)."""
    if programme_id is None:
        return {}
    rows = session.execute(
        select(ProgrammeIndicator.code, ProgrammeIndicator.planned).where(
            ProgrammeIndicator.programme_id == programme_id, ProgrammeIndicator.year == year
        )
    )
    # a Result has keys() (its column names), so dict(rows) would read it as a mapping: pair by pair
    return {code: value for code, value in rows}  # noqa: C416


def indicator_rows(
    session: Session, year: int, programme_id: int | None, rows: Any = None, contract_ids: list[int] | None = None
) -> list[IndicatorRow]:
    """Planned against achieved for every indicator, in the report's order (`rows`, `contract_ids`: as
    `achieved`'s)."""
    plan = planned(session, programme_id, year)
    done = achieved(session, year, rows, contract_ids)
    return [IndicatorRow(i.code, i.name, plan.get(i.code), done[i.code]) for i in INDICATORS]
