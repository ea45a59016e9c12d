"""Inputs the app already knows: read from the registries for a scope and a budget year.

A catalogue input with `source = "NAME"` is filled from here, so the clerk never retypes a grant,
a contribution, a result or a report date (an entered value still wins). `tool:ID.output` sources are
resolved by the engine from stored results, not here. A source that has nothing to say returns None
(the form then asks the clerk), never zero.

Scopes: contract (its own records), task (all contracts of the public task), programme (the
cooperation programme; money/counts over the gmina's contracts of the year), gmina (everything).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy.orm import Session

from app.core.db.models import CooperationProgramme, RdppRequest
from app.core.domain.enums import ContractStatus, ContributionKind, ProcedureRoute, ReportKind, ResultKind, WkusArea
from app.core.tools.results import ResultData, months_in_year, result_data
from app.core.tools.results import figures as result_figures
from app.core.tools.snapshot import Row, Snapshot, SnapshotContract, in_year

D0 = Decimal(0)
SUMMARY_REPORTS = (ReportKind.ANNUAL, ReportKind.FINAL)


Records = Snapshot  # the name earlier callers used


class Scope:
    """A scope and a year, with the contracts it covers (rows of a Snapshot)."""

    def __init__(
        self,
        session: Session,
        kind: str,
        scope_id: int,
        year: int,
        records: Snapshot | None = None,
        shared: dict[str, Any] | None = None,
    ) -> None:
        self.session, self.kind, self.id, self.year = session, kind, scope_id, year
        self._records = records
        self._contracts: list[SnapshotContract] | None = None
        #: the year's MKUS indicators, read once for the several inputs that show them
        self.mkus: Any = None
        #: the year's money per contract from app.core.figures.money, read once (programme/gmina scopes)
        self.money: dict[int, Any] | None = None
        #: source name → value read (read_source): the tools of one scope-year read the same sources
        #: (E-11 and J-04 the results, three tools the total cost), so each is read once
        self.read: dict[str, Any] = {}
        #: what scopes over the same records share (the engine's, for as long as its snapshot lives):
        #: a contract's summary reports and results, the year's tranche money, the MKUS figures
        self.shared: dict[str, Any] = shared if shared is not None else {}

    @property
    def records(self) -> Snapshot:
        if self._records is None:
            self._records = Snapshot(self.session)  # lazy: reads only what this scope asks for
        return self._records

    @property
    def contracts(self) -> list[SnapshotContract]:
        """Contracts of the scope with a tranche in the year (or running in it without tranches)."""
        if self._contracts is None:
            if self.kind == "contract":
                c = self.records.contract(self.id)
                self._contracts = [c] if c is not None else []
            elif self.kind == "task":
                self._contracts = [c for c in self.records.task_contracts(self.id) if in_year(c, self.year)]
            else:
                self._contracts = self.records.in_year(self.year)
        return self._contracts

    @property
    def contract(self) -> SnapshotContract | None:
        return self.contracts[0] if self.kind == "contract" and self.contracts else None


def _sum(values: list[Decimal | None]) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, D0) if present else None


def _grant(s: Scope) -> Decimal | None:
    return _sum([t.amount for c in s.contracts for t in c.tranches if t.budget_year == s.year])


def _grant_used(s: Scope) -> Decimal | None:
    return _sum([t.used_amount for c in s.contracts for t in c.tranches if t.budget_year == s.year])


def _contribution(kind: ContributionKind) -> Callable[[Scope], Decimal | None]:
    def read(s: Scope) -> Decimal | None:
        # the reported amount once known, otherwise the amount planned in the offer
        return _sum([a for c in s.contracts for a in _contributions_of(s, c).get((s.year, kind), ())])

    return read


def _contributions_of(s: Scope, c: SnapshotContract) -> dict[tuple[int, Any], list[Decimal | None]]:
    """A contract's contribution amounts (the reported one once known, else the planned) by (budget
    year, kind), in the contract's order: grouped once, not scanned for each kind of each year."""
    memo: dict[int, dict[tuple[int, Any], list[Decimal | None]]] = s.shared.setdefault("contributions", {})
    got = memo.get(c.id)
    if got is None:
        got = memo[c.id] = {}
        for o in c.contributions:
            got.setdefault((o.budget_year, o.kind), []).append(
                o.actual_amount if o.actual_amount is not None else o.planned_amount
            )
    return got


def _year_reports(s: Scope) -> list[Any]:
    """One summary report per contract for the year (the latest due: a final report after an annual
    one for the same year replaces it), so its recipients and costs are not counted twice."""
    return [r for c in s.contracts if (r := _reports_by_year(s, c).get(s.year)) is not None]


def _reports_by_year(s: Scope, c: SnapshotContract) -> dict[int, Any]:
    """year_reports_of(c), built once per contract (asked by six sources of each of its years)."""
    memo: dict[int, dict[int, Any]] = s.shared.setdefault("year_reports", {})
    got = memo.get(c.id)
    if got is None:
        got = memo[c.id] = year_reports_of(c)
    return got


def _result_data(s: Scope, c: SnapshotContract) -> list[ResultData]:
    """The contract's planned results as results.result_data reads them, built once per contract
    (every year of the contract and its task read them again)."""
    memo: dict[int, list[ResultData]] = s.shared.setdefault("result_data", {})
    got = memo.get(c.id)
    if got is None:
        got = memo[c.id] = [result_data(p) for p in c.planned_results]
    return got


def _report_field(name: str) -> Callable[[Scope], Any]:
    def read(s: Scope) -> Any:
        values = [getattr(r, name) for r in _year_reports(s)]
        if name == "recipients":
            present = [v for v in values if v is not None]
            return Decimal(sum(present)) if present else None
        return _sum(values)

    return read


def _rate_units(s: Scope, c: SnapshotContract) -> dict[int, Decimal] | None:
    """Yearly quantities in the unit of the contract's rate (e.g. hours for "godzina usług"): a flow
    result whose unit names the rate's unit. None when the contract has no rate or no such result."""
    if not c.unit_rate or not c.unit_name:
        return None
    words = [w for w in c.unit_name.casefold().replace("×", " ").split() if w]
    for data in _result_data(s, c):
        stem = data.unit.casefold().strip(" .")[:4]
        if data.kind is ResultKind.FLOW and len(stem) >= 3 and any(w.startswith(stem) for w in words) and data.achieved:
            return {y: Decimal(v) for y, v in data.achieved.items() if v}
    return None


def _cost_series(s: Scope) -> tuple[dict[str, Any], ...] | None:
    """Cost and units of each year of the contract up to the scope's year. Units are the quantity in
    the rate's unit when the contract has one (the unit cost is then comparable with the rate), else
    the recipients with the months of the contract in that year, so a one-month first year is
    annualised by the formula instead of looking twelve times cheaper (issue 13 item 5)."""
    rows = []
    for c in s.contracts:
        by_rate = _rate_units(s, c)
        for y, r in _reports_by_year(s, c).items():
            if y > s.year or r.cost_total is None:
                continue
            if by_rate is not None:
                if by_rate.get(y):
                    rows.append({"year": Decimal(y), "cost": r.cost_total, "units": by_rate[y], "months": None})
            elif r.recipients:
                rows.append(
                    {
                        "year": Decimal(y),
                        "cost": r.cost_total,
                        "units": Decimal(r.recipients),
                        "months": months_in_year(c.start_date, c.end_date, y),
                    }
                )
    return tuple(sorted(rows, key=lambda r: r["year"])) or None


def _unit_rate(s: Scope) -> Decimal | None:
    """The contract's rate, when E-04's units are in its unit (otherwise the costs are not comparable)."""
    c = s.contract
    return c.unit_rate if c is not None and _rate_units(s, c) is not None else None


def year_reports_of(c: SnapshotContract) -> dict[int, Any]:
    """The summary report of each budget year (the latest due when a year has several)."""
    out: dict[int, Any] = {}
    for r in c.reports:
        if r.kind in SUMMARY_REPORTS and r.budget_year:
            out[r.budget_year] = r
    return out


def _results(s: Scope) -> tuple[dict[str, Any], ...] | None:
    """Results of the year: the year's value against the year's target, or the contract's target as
    results.year_target reads it for the result's kind (a flow's target spread over the months). A
    planned result without a value for the year yet is offered with `achieved` empty, so the form shows
    the plan (no retyping) and the formula names the missing achieved value instead of asking for rows."""
    rows: list[dict[str, Any]] = []
    # a contract-year's rows are read by its E-11 and J-04 and by its task's E-13: built once (the rows
    # are never changed: coerce_inputs builds the rows the formulas get); one year's kept (a recompute
    # goes year by year)
    year, memo = s.shared.get("results", (None, {}))
    if year != s.year:
        memo = {}
        s.shared["results"] = (s.year, memo)
    for c in s.contracts:
        got = memo.get(c.id)
        if got is None:
            got = memo[c.id] = [
                {"name": f.name, "unit": f.unit, "planned": f.target, "achieved": f.achieved}
                for f in result_figures(_result_data(s, c), s.year, c.start_date, c.end_date)
            ]
        rows += got
    return tuple(rows) or None


def _own_share(s: Scope) -> Decimal | None:
    grant = _grant(s)
    # no contribution row in the offer means none was declared: a share of 0, not unknown
    contrib = sum((o.planned_amount for c in s.contracts for o in c.contributions if o.budget_year == s.year), D0)
    if not grant:
        return None
    return (contrib / (grant + contrib)).quantize(Decimal("0.0001"))


def _contract_years(s: Scope) -> Decimal | None:
    c = s.contract
    return Decimal(c.end_date.year - c.start_date.year + 1) if c else None


def _latest_control(s: Scope) -> Any:
    controls = [k for c in s.contracts for k in c.controls if k.control_date.year == s.year]
    return max(controls, key=lambda k: k.control_date) if controls else None


def _report_date(name: str) -> Callable[[Scope], dt.date | None]:
    def read(s: Scope) -> dt.date | None:
        reports = _year_reports(s)
        return getattr(reports[-1], name) if reports and s.kind == "contract" else None

    return read


def _settlement(s: Scope) -> str | None:
    c = s.contract
    return "ok" if c is not None and c.status == ContractStatus.SETTLED else None


def _year_contracts(s: Scope) -> list[SnapshotContract]:
    return s.records.in_year(s.year)


def _ngo_count(s: Scope) -> Decimal:
    return Decimal(s.records.organisations()[0])


def _ngo_map(s: Scope) -> tuple[dict[str, Any], ...]:
    _n, orgs = s.records.organisations()
    contracted = {p.organisation_id for c in _year_contracts(s) for p in c.parties}
    rows = []
    for area in WkusArea:
        members = [oid for oid, areas in orgs.items() if area in areas]
        rows.append(
            {
                "area": area.label,
                "organisations": Decimal(len(members)),
                "with_contracts": Decimal(sum(1 for oid in members if oid in contracted)),
            }
        )
    return tuple(rows)


def _programme(s: Scope) -> CooperationProgramme | None:
    if s.kind == "programme":
        return s.records.programme(s.id)
    progs = [p for p in s.records.programmes if p.year_from <= s.year <= p.year_to]
    return max(progs, key=lambda p: p.year_from) if progs else None


def _programme_attr(name: str) -> Callable[[Scope], Any]:
    def read(s: Scope) -> Any:
        p = _programme(s)
        return getattr(p, name) if p is not None else None

    return read


def _programme_elements(s: Scope) -> frozenset[str] | None:
    p = _programme(s)
    return frozenset(str(e.number) for e in p.elements if e.text.strip()) if p is not None else None


def _programme_report(s: Scope, year: int) -> Row | None:
    p = _programme(s) if s.kind == "programme" else None
    return next(
        (r for r in s.records.programme_reports() if r.year == year and (p is None or r.programme_id == p.id)), None
    )


def _report_attr(name: str) -> Callable[[Scope], Any]:
    def read(s: Scope) -> Any:
        r = _programme_report(s, s.year)
        return getattr(r, name) if r is not None else None

    return read


def _rdpp(s: Scope) -> RdppRequest | None:
    reqs = [r for r in s.records.rdpp if r.request_date.year <= s.year]
    return max(reqs, key=lambda r: r.request_date) if reqs else None


def _rdpp_attr(name: str) -> Callable[[Scope], Any]:
    def read(s: Scope) -> Any:
        r = _rdpp(s)
        value = getattr(r, name) if r is not None else None
        return Decimal(value) if isinstance(value, int) else value

    return read


def _yes(flag: bool | None) -> str | None:
    return None if flag is None else ("yes" if flag else "no")


def _w10_programme_on_time(s: Scope) -> str | None:
    p = _programme(s)
    if p is None:
        return "no"
    if p.resolution_date is None:
        return None
    # a programme covering several years counts as on time if adopted by 30 Nov before its first year
    return _yes(p.resolution_date <= dt.date(p.year_from - 1, 11, 30))


def _w10_rdpp(s: Scope) -> str:
    r = _rdpp(s)
    if r is None or r.organisations_count < 5:
        return "na"
    return "yes" if r.created_date is not None else "no"


def _w10_consultation(s: Scope) -> str | None:
    p = _programme(s)
    return _yes(p is not None and p.consultation_start is not None)


def _w10_report_on_time(s: Scope) -> str | None:
    r = _programme_report(s, s.year - 1)
    if r is None:
        return "no"
    due = dt.date(s.year, 5, 31)
    return _yes(
        r.published_in_bip is not None
        and r.published_in_bip <= due
        and r.submitted_to_council is not None
        and r.submitted_to_council <= due
    )


def _procedures(s: Scope, route: ProcedureRoute) -> list[Row]:
    return [p for p in s.records.procedures if p.budget_year == s.year and p.route == route and not p.annulled]


def _w10_competitions(s: Scope) -> Decimal:
    return Decimal(len(_procedures(s, ProcedureRoute.OPEN_COMPETITION)))


def _year_grant(s: Scope, c: SnapshotContract) -> Decimal:
    return sum((t.amount for t in c.tranches if t.budget_year == s.year), D0)


def _mkus(field: str) -> Callable[[Scope], Any]:
    """One MKUS indicator of the year (fragmentation, powierzenie, multi-year, large tasks) as its one
    owner app.core.figures.mkus_indicators computes it for the annual report: the tools never count
    them a second way. Shares are fractions to 4 places, as a percent input holds them."""

    def read(s: Scope) -> Any:
        if s.mkus is None:
            s.mkus = _mkus_years(s).of(s.year, _year_tranche_money(s))
        value = getattr(s.mkus, field)
        if field.endswith("_share") and value is not None:
            return Decimal(value).quantize(Decimal("0.0001"), ROUND_HALF_UP)
        return Decimal(value) if isinstance(value, int) else value

    return read


def _year_tranche_money(s: Scope) -> list[Any]:
    """The year's tranches as app.core.figures.money reads them (money.tranche_money(year=…)), read once
    for every programme and gmina scope of the year and its MKUS figures; one year's kept (every
    tranche of XL at once, held to the end of a recompute, weighed ~100 MB)."""
    got: tuple[int, list[Any]] | None = s.shared.get("tranche_money")
    if got is None or got[0] != s.year:
        from app.core.figures import money

        got = s.shared["tranche_money"] = (s.year, money.tranche_money(s.session, year=s.year))
    return got[1]


def _mkus_years(s: Scope) -> Any:
    """The MKUS figures of the years asked, each from its year's tranches (figures.mkus_indicators.MkusYears)."""
    got = s.shared.get("mkus")
    if got is None:
        from app.core.figures.mkus_indicators import MkusYears

        got = s.shared["mkus"] = MkusYears(s.session)
    return got


def _w10_share_19a_ok(s: Scope) -> str | None:
    """Art. 19a grants within art. 19a ust. 7's share of the grants planned in the budget: the verdict of
    the law check 19A-3 (its one owner), unknown while the planned grants are not entered."""
    from app.core.law.rules import small_grant_share_within

    within = small_grant_share_within(s.session, s.year)
    return None if within is None else _yes(within)


def _year_money(s: Scope) -> dict[int, Any]:
    """The year's money per contract from its one owner (app.core.figures.money): drafts count nowhere, a
    terminated contract counts what was transferred. Read once per scope."""
    if s.money is None:
        from app.core.figures import money

        s.money = dict(money.group_by(_year_tranche_money(s), lambda t: t.contract_id))
    return s.money


def _programme_contracts(s: Scope) -> Decimal:
    """Contracts committing money in the year (the annual report's count; a draft is not a contract)."""
    return Decimal(sum(1 for m in _year_money(s).values() if m.committed))


def _scope_grant(s: Scope) -> Decimal | None:
    if s.kind in ("programme", "gmina"):
        per_contract = _year_money(s)
        return sum((m.committed for m in per_contract.values()), Decimal(0)) if per_contract else None
    return _grant(s)


SOURCES: dict[str, Callable[[Scope], Any]] = {
    "grant": _scope_grant,
    "grant_used": _grant_used,
    **{f"contrib.{k.value}": _contribution(k) for k in ContributionKind},
    "recipients": _report_field("recipients"),
    "total_cost": _report_field("cost_total"),
    "cost_admin": _report_field("cost_admin"),
    "cost_series": _cost_series,
    "unit_rate": _unit_rate,
    "results": _results,
    "own_share": _own_share,
    "contract_years": _contract_years,
    "control_date": lambda s: k.control_date if (k := _latest_control(s)) else None,
    "control_recommendations": lambda s: k.recommendations or None if (k := _latest_control(s)) else None,
    "report_due": _report_date("due_date"),
    "report_received": _report_date("received_date"),
    "settlement": _settlement,
    "ngo_count": _ngo_count,
    "ngo_map": _ngo_map,
    "programme_year": lambda s: Decimal(p.year_from) if (p := _programme(s)) else None,
    "programme.consultation_start": _programme_attr("consultation_start"),
    "programme.consultation_end": _programme_attr("consultation_end"),
    "programme.rdpp_opinion_date": _programme_attr("rdpp_opinion_date"),
    "programme.resolution_date": _programme_attr("resolution_date"),
    "programme.elements": _programme_elements,
    "programme.contracts": _programme_contracts,
    "programme_report.submitted": _report_attr("submitted_to_council"),
    "programme_report.published": _report_attr("published_in_bip"),
    "rdpp.request_date": _rdpp_attr("request_date"),
    "rdpp.organisations_count": _rdpp_attr("organisations_count"),
    "rdpp.created_date": _rdpp_attr("created_date"),
    "rdpp.term_end": _rdpp_attr("term_end"),
    "w10.programme_on_time": _w10_programme_on_time,
    "w10.rdpp": _w10_rdpp,
    "w10.consultation": _w10_consultation,
    "w10.report_on_time": _w10_report_on_time,
    "w10.competitions": _w10_competitions,
    # the W-10 shares are the MKUS indicators of the annual report (committed money of the year)
    "w10.share_powierzenie": _mkus("entrustment_share"),
    "w10.share_multi_year": _mkus("multi_year_share"),
    **{
        f"mkus.{k}": _mkus(k)
        for k in (
            "grants",
            "small_share",
            "median_grant",
            "entrustment_share",
            "multi_year_share",
            "large_tasks",
            "large_tasks_committed",
        )
    },
    "w10.share_19a_ok": _w10_share_19a_ok,
}


#: what `Scope.shared` keeps per contract (contract id → …)
_PER_CONTRACT = ("year_reports", "result_data", "contributions")


def forget_before(shared: dict[str, Any], year: int, contracts: Mapping[int, SnapshotContract]) -> None:
    """Drop what `shared` keeps of contracts with no year from `year` on (a recompute going year by year
    asks for them no more; asked again, they are read again): it would otherwise hold every contract's
    reports and results by the last year."""
    for name in _PER_CONTRACT:
        memo = shared.get(name)
        if memo:
            for cid in [
                cid for cid in memo if (c := contracts.get(cid)) is None or max(c.years, default=year - 1) < year
            ]:
                del memo[cid]


def forget_contracts(shared: dict[str, Any]) -> None:
    """Drop what `shared` keeps of contracts (a recompute's piece is done: its contracts are asked for no
    more)."""
    for name in (*_PER_CONTRACT, "results"):
        shared.pop(name, None)


def forget_gmina(shared: dict[str, Any]) -> None:
    """Drop what `shared` keeps for the programme and gmina scopes (their tools of every year are done)."""
    for name in ("tranche_money", "mkus"):
        shared.pop(name, None)


def read_source(scope: Scope, name: str) -> Any:
    """The value of one named source (None: the database does not know it), read once per Scope."""
    read = scope.read
    if name in read:
        return read[name]
    reader = SOURCES.get(name)
    value = reader(scope) if reader is not None else None
    read[name] = value
    return value


def known_sources() -> tuple[str, ...]:
    return tuple(SOURCES)
