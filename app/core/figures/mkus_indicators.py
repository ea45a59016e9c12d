"""Indicators of the problems the MKUS model was built against (seed 003: "rozdrobnienie dotacji,
niewielka skala przekazywanych »dużych« zadań, rzadko wykorzystywane mechanizmy powierzenia i
kontraktów wieloletnich") for one budget year, so a gmina sees whether the model works.

Every amount comes from app.core.figures.money (committed money of the year, per contract and per
form); this module only counts contracts and divides figures that module gave. Thresholds are data:
the small grant's is art. 19a's amount limit in the law tables, the large task's resources/mkus/model.toml.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.db.models import Contract, Tranche
from app.core.domain.enums import ContractForm
from app.core.figures import money
from app.core.law.small_grants import SmallGrantLimits, small_grant_limits, year_end
from app.core.mkus import IndicatorThresholds, mkus_model

_CENT = Decimal("0.01")


@dataclass(frozen=True)
class MkusIndicators:
    year: int
    thresholds: IndicatorThresholds
    #: the amount up to which a grant counts as small: art. 19a's limit for the year unless the caller gave one
    small_grant_limit: Decimal
    #: the art. 19a limits it came from (None when the caller gave the threshold)
    small_grant_law: SmallGrantLimits | None
    #: contracts committing money in the year
    grants: int
    committed: Decimal
    #: grants of at most the small-grant limit, and their share of the grants' number
    small_grants: int
    small_share: Decimal | None
    #: the median committed amount per contract (None without grants)
    median_grant: Decimal | None
    #: share of the committed money given as powierzenie (full financing)
    entrustment_share: Decimal | None
    #: multi-year contracts (more than one budget year) and their share of the committed money
    multi_year: int
    multi_year_share: Decimal | None
    #: contracts with at least the large-task threshold committed in the year, and their money
    large_tasks: int
    large_tasks_committed: Decimal


def _share(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    return Decimal(part) / Decimal(whole) if whole else None


def mkus_indicators(
    session: Session,
    year: int,
    thresholds: IndicatorThresholds | None = None,
    rows: list[money.TrancheMoney] | None = None,
) -> MkusIndicators:
    """`rows`: the year's tranches (`money.tranche_money(session, year=year)`) when the caller has read them."""
    if rows is None:
        rows = money.tranche_money(session, year=year)
    ids = sorted({t.contract_id for t in rows})
    spans: dict[int, tuple[int, int]] = {}
    tranche_years: dict[int, set[int]] = {}
    if ids:
        spans = {
            cid: (start.year, end.year)
            for cid, start, end in session.execute(
                select(Contract.id, Contract.start_date, Contract.end_date).where(Contract.id.in_(ids))
            )
        }
        tranche_years = _budget_years(session, ids)
    return _indicators(year, thresholds, rows, spans, tranche_years)


class MkusYears:
    """The indicators of any year, equal to `mkus_indicators` of each year
    (tests/core/figures/test_mkus_years.py), with every contract's span and tranche years read once: the
    tools ask for every year of the gmina, and each `mkus_indicators` call read its year's tranches and
    again every tranche of its contracts. `of(year, rows)`: the year's tranches as
    money.tranche_money(year=…) gives them, when the caller read them already. Every tranche is not
    held at once (~100 MB on XL as money rows): a year's are read when asked."""

    def __init__(self, session: Session, thresholds: IndicatorThresholds | None = None) -> None:
        self.session, self.thresholds = session, thresholds
        self._spans: dict[int, tuple[int, int]] | None = None
        self._tranche_years: dict[int, set[int]] | None = None
        self._done: dict[int, MkusIndicators] = {}

    def of(self, year: int, rows: list[money.TrancheMoney] | None = None) -> MkusIndicators:
        got = self._done.get(year)
        if got is None:
            if rows is None:
                rows = money.tranche_money(self.session, year=year)
            if self._spans is None or self._tranche_years is None:
                self._spans = {
                    cid: (start.year, end.year)
                    for cid, start, end in self.session.execute(
                        select(Contract.id, Contract.start_date, Contract.end_date)
                    )
                }
                self._tranche_years = _budget_years(self.session)
            got = self._done[year] = _indicators(year, self.thresholds, rows, self._spans, self._tranche_years)
        return got


def _indicators(
    year: int,
    thresholds: IndicatorThresholds | None,
    rows: list[money.TrancheMoney],
    spans: dict[int, tuple[int, int]],
    tranche_years: dict[int, set[int]],
) -> MkusIndicators:
    """The year's indicators from its tranche rows, the contracts' (start year, end year) and the
    budget years of each contract's tranches (at least those of the year's contracts)."""
    limits = thresholds or mkus_model().thresholds
    # a year's grants against one limit: the wording in force at its end (app.core.law.small_grants)
    law_limits = small_grant_limits(year_end(year)) if limits.small_grant_limit is None else None
    small_limit = law_limits.max_amount if law_limits is not None else limits.small_grant_limit
    assert small_limit is not None
    year_totals = money.totals_of(rows)
    per_contract = {cid: m.committed for cid, m in money.group_by(rows, lambda t: t.contract_id).items() if m.committed}
    by_form = money.group_by(rows, lambda t: t.form)
    ids = sorted(per_contract)
    multi: list[int] = []
    for cid in ids:
        first, last = spans.get(cid, (year, year))
        # as the annual report counts a multi-year contract (data.ContractInfo.is_multi_year)
        years = tranche_years.get(cid, set()) | set(range(first, last + 1))
        if len(years) > 1:
            multi.append(cid)
    small = [cid for cid in ids if per_contract[cid] <= small_limit]
    large = [cid for cid in ids if per_contract[cid] >= limits.large_task_from]
    median = Decimal(statistics.median(per_contract[c] for c in ids)).quantize(_CENT) if ids else None
    entrusted = by_form.get(ContractForm.POWIERZENIE, money.MoneyTotals()).committed
    # the sets are built once: built inside the generator they cost a set per tranche row (quadratic on XL)
    multi_ids, large_ids = set(multi), set(large)
    multi_money = money.totals_of(t for t in rows if t.contract_id in multi_ids).committed
    large_money = money.totals_of(t for t in rows if t.contract_id in large_ids).committed
    total = year_totals.committed
    return MkusIndicators(
        year=year,
        thresholds=limits,
        small_grant_limit=small_limit,
        small_grant_law=law_limits,
        grants=len(ids),
        committed=total,
        small_grants=len(small),
        small_share=_share(len(small), len(ids)),
        median_grant=median,
        entrustment_share=_share(entrusted, total),
        multi_year=len(multi),
        multi_year_share=_share(multi_money, total),
        large_tasks=len(large),
        large_tasks_committed=large_money,
    )


def _budget_years(session: Session, contract_ids: list[int] | None = None) -> dict[int, set[int]]:
    """The budget years of the tranches of each contract (of the given ones, else of every contract), as
    the years of money.tranche_money's rows (a tranche's contract joined, as there: every tranche has
    one). Only the two columns: the full money rows of the year's contracts, read to tell the multi-year
    ones, were ~15 ms of a large annual report (issue 18)."""
    stmt = select(Tranche.contract_id, Tranche.budget_year).join(Contract, Contract.id == Tranche.contract_id)
    if contract_ids is not None:
        stmt = stmt.where(Tranche.contract_id.in_(contract_ids))
    out: dict[int, set[int]] = {}
    for cid, y in session.execute(stmt.distinct()):
        out.setdefault(cid, set()).add(y)
    return out
