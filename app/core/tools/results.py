"""Planned results: their kind (state / flow / persons) and the one way each adds up.

Every figure about result attainment (J-04, E-11, the contract card, the model report, the brochure,
the contract's summary page) goes through these functions, so a number of places reported at the
same level for four years is never shown as four times its target (issue 13, item 3).

Over the years of one contract:
- STATE (places, staff, rooms): a level, not a quantity delivered. We take the **average of the
  reported years**: the contract's promise is to keep the level throughout, so a level reached only
  in the last year must not count as if it had been held all along (the last value would), and a
  missing year is not taken as zero (it is unknown, so it is left out).
- FLOW (hours, meals, place-months, services): delivered quantities, **summed**.
- PERSONS (people served): the same 15 people reported each year are 15 people. The app stores only
  yearly head counts, not who was served, so the number of distinct persons is unknown; the
  **largest yearly count** is the figure we can defend (a lower bound of the distinct persons:
  at least that many people were served). Summing would count returning people several times.

Across contracts (a task, an area, the gmina) the values of one kind are **summed**: places of two
day-care centres are places of the gmina; two contracts' persons are added as an upper bound, since
nothing tells whether the same person was served by both (said where such a total is printed).

Attainment follows J-04's rule: achieved / target per result, **capped at 100 %**, then the plain mean
over the results with a target and an achieved value, rounded to four places (half up).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from app.core.domain.enums import ResultKind

D0, D1, D12 = Decimal(0), Decimal(1), Decimal(12)

#: unit stems (casefolded) → kind; the first match wins, so "miejsco-miesiąc" is a flow before "miejsc" is a state
_UNIT_STEMS: tuple[tuple[tuple[str, ...], ResultKind], ...] = (
    (
        (
            "mies",
            "month",
            "godz",
            "hour",
            "posił",
            "meal",
            "usług",
            "service",
            "porad",
            "wizyt",
            "visit",
            "kurs",
            "zajęć",
            "zajęcia",
            "spotkań",
            "dowóz",
            "przejazd",
        ),
        ResultKind.FLOW,
    ),
    (
        (
            "osob",
            "osób",
            "osoba",
            "person",
            "people",
            "uczestni",
            "particip",
            "ludzi",
            "dzieci",
            "dziec",
            "senior",
            "zawodnik",
            "wolontariusz",
            "beneficjent",
            "podopieczn",
            "rodzin",
            "famil",
            "uczn",
            "pupil",
        ),
        ResultKind.PERSONS,
    ),
    (
        (
            "miejsc",
            "place",
            "etat",
            "staff",
            "pracowni",
            "pokoj",
            "pokój",
            "room",
            "sal",
            "pomieszcz",
            "lokal",
            "stanowisk",
            "łóżk",
            "bed",
        ),
        ResultKind.STATE,
    ),
)


def default_kind(unit: str) -> ResultKind:
    """The kind a unit suggests ("miejsca" → state, "godz." → flow, "osoby" → persons); flow otherwise."""
    text = (unit or "").casefold()
    for stems, kind in _UNIT_STEMS:
        if any(s in text for s in stems):
            return kind
    return ResultKind.FLOW


def as_kind(value: Any, unit: str = "") -> ResultKind:
    """A stored or typed kind (code); empty means the unit's default; an unknown code raises ValueError."""
    if isinstance(value, ResultKind):
        return value
    if value:
        return ResultKind(str(value).strip().upper())
    return default_kind(unit)


def over_years(kind: ResultKind, values: Mapping[int, Decimal]) -> Decimal | None:
    """One contract's yearly values of a result as one figure (see the module text); None = none reported."""
    got = [Decimal(v) for v in values.values() if v is not None]
    if not got:
        return None
    if kind is ResultKind.FLOW:
        return sum(got, D0)
    if kind is ResultKind.PERSONS:
        return max(got)
    return sum(got, D0) / len(got)


def across_contracts(values: Iterable[Decimal | None]) -> Decimal | None:
    """Several contracts' figures of one kind: summed (persons as an upper bound, see the module text)."""
    got = [v for v in values if v is not None]
    return sum(got, D0) if got else None


_BASIS_POINT = Decimal("0.0001")  # built once: J-04 and E-13 round every result's attainment


def ratio(x: Decimal) -> Decimal:
    return x.quantize(_BASIS_POINT, ROUND_HALF_UP)


def capped(achieved: Decimal, target: Decimal, cap: bool = True) -> Decimal:
    """J-04's attainment of one result: achieved / target, at most 1 unless the cap is lifted."""
    att = Decimal(achieved) / Decimal(target)
    return ratio(min(att, D1) if cap else att)


def mean_attainment(ratios: list[Decimal]) -> Decimal | None:
    return ratio(sum(ratios, D0) / len(ratios)) if ratios else None


# ---- the contract's period -------------------------------------------------------------------------


@functools.lru_cache(maxsize=65536)  # pure; asked ~30 000 times by a recompute of L for ~12 000 contract-years
def months_in_year(start: dt.date, end: dt.date, year: int) -> Decimal:
    """Months of the contract inside a budget year, a part month by its days (1–31 Dec = 1.00,
    the whole year = 12.00), rounded to 0.01."""
    total = D0
    for month in range(1, 13):
        days = calendar.monthrange(year, month)[1]
        first, last = dt.date(year, month, 1), dt.date(year, month, days)
        lo, hi = max(first, start), min(last, end)
        if lo <= hi:
            total += Decimal((hi - lo).days + 1) / Decimal(days)
    return total.quantize(Decimal("0.01"), ROUND_HALF_UP)


@functools.lru_cache(maxsize=8192)
def contract_months(start: dt.date, end: dt.date) -> Decimal:
    return sum((months_in_year(start, end, y) for y in range(start.year, end.year + 1)), D0)


# ---- one planned result, whatever read model it comes from -------------------------------------------


@dataclass(frozen=True)
class ResultData:
    name: str
    unit: str
    kind: ResultKind
    #: None = a target for the whole contract
    year: int | None
    target: Decimal
    achieved: Mapping[int, Decimal]


def result_data(r: Any) -> ResultData:
    """A planned result from the ORM model, the snapshot row, the service record or the document info
    (or one read already: the tools' sources read each contract's results once)."""
    if type(r) is ResultData:
        return r
    target = getattr(r, "target_value", None)
    if target is None:
        target = r.target
    year = getattr(r, "budget_year", None) if hasattr(r, "budget_year") else getattr(r, "year", None)
    achieved = getattr(r, "achieved", None)
    if not isinstance(achieved, Mapping):
        achieved = {v.budget_year: v.value for v in getattr(r, "values", ())}
    unit = getattr(r, "unit", "") or ""
    return ResultData(
        getattr(r, "name", ""), unit, as_kind(getattr(r, "kind", None), unit), year, Decimal(target), achieved
    )


@dataclass(frozen=True)
class ResultFigure:
    """A result in a scope (a year, or the whole contract when `scope_year` is None)."""

    name: str
    unit: str
    kind: ResultKind
    #: the result's own target year (None = whole contract)
    year: int | None
    target: Decimal | None
    achieved: Decimal | None
    #: capped as J-04; None when there is no target or nothing was reported
    attainment: Decimal | None


def year_target(r: ResultData, year: int, start: dt.date, end: dt.date) -> Decimal | None:
    """The target a year's value is measured against. A yearly target is itself; a whole-contract
    target is the level to hold (state), the people to serve (persons) or, for a flow, the share of the
    contract's months that fall in the year (4 000 hours over 4 full years → 1 000 in each)."""
    if r.year is not None:
        return r.target if r.year == year else None
    if r.kind is not ResultKind.FLOW:
        return r.target
    total = contract_months(start, end)
    if total <= 0:
        return r.target
    return (r.target * months_in_year(start, end, year) / total).quantize(Decimal("0.01"), ROUND_HALF_UP)


def figures(results: Iterable[Any], year: int | None, start: dt.date, end: dt.date) -> list[ResultFigure]:
    """Each result of a contract in a year (results of other years left out) or over the whole contract."""
    out = []
    for raw in results:
        r = result_data(raw)
        if year is not None:
            if r.year not in (None, year):
                continue
            target = year_target(r, year, start, end)
            achieved = r.achieved.get(year)
        elif r.year is not None:
            target, achieved = r.target, r.achieved.get(r.year)
        else:
            target, achieved = r.target, over_years(r.kind, r.achieved)
        att = capped(achieved, target) if achieved is not None and target else None
        out.append(ResultFigure(r.name, r.unit, r.kind, r.year, target, achieved, att))
    return out


def attainment(results: Iterable[Any], year: int | None, start: dt.date, end: dt.date) -> Decimal | None:
    """J-04's attainment of a contract (a year, or the whole contract): mean of the capped ratios."""
    return mean_attainment([f.attainment for f in figures(results, year, start, end) if f.attainment is not None])


# ---- persons served and the cost per person ----------------------------------------------------------


def persons_served(
    results: Iterable[Any], recipients_by_year: Mapping[int, int | None], year: int | None
) -> Decimal | None:
    """How many people the contract served in the year (or over the whole contract).

    The reports' number of recipients is the count of people served; without it, a result of kind
    persons with reported values (the largest of them when there are several: they may be the same
    people). Over several years both are persons: the largest yearly count, never their sum."""
    reported = {y: Decimal(n) for y, n in recipients_by_year.items() if n and (year is None or y == year)}
    if reported:
        return over_years(ResultKind.PERSONS, reported)
    counts = []
    for raw in results:
        r = result_data(raw)
        if r.kind is not ResultKind.PERSONS:
            continue
        values = {y: v for y, v in r.achieved.items() if year is None or y == year}
        v = over_years(ResultKind.PERSONS, values)
        if v is not None:
            counts.append(v)
    return max(counts) if counts else None


def per_person(amount: Decimal | None, persons: Decimal | None) -> Decimal | None:
    if amount is None or not persons:
        return None
    return (Decimal(amount) / persons).quantize(Decimal("0.01"), ROUND_HALF_UP)
