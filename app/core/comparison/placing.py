"""Placing one gmina among others for each indicator: the median, the quartiles, its rank.

Quartiles by the "inclusive" method (the statistics module's; Excel's QUARTILE.INC gives the same), so
a regional office can check them in a spreadsheet. Gminas without a value are counted, never ranked."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from decimal import Decimal

from app.core.comparison.exchange import INDICATORS, SPHERE_INDICATORS, GminaFigures, IndicatorDef
from app.core.domain.enums import WkusArea
from app.core.errors import UserFacingError
from app.core.i18n import _


@dataclass(frozen=True)
class Placing:
    indicator: IndicatorDef
    known: int  # gminas with a value
    unknown: int
    median: Decimal | None
    q1: Decimal | None
    q3: Decimal | None
    focus: Decimal | None
    #: 1 = the best of `known` (by the indicator's direction); None when unranked or no direction
    rank: int | None


def check_set(items: list[GminaFigures]) -> int:
    """The common year of the files; refuses mixed years and the same gmina twice."""
    if len(items) < 2:
        raise UserFacingError(_("Give the exchange files of at least two gminas to compare."))
    years = {f.year for f in items}
    if len(years) > 1:
        raise UserFacingError(
            _("The files are of different years ({years}): compare one year at a time.").format(
                years=", ".join(str(y) for y in sorted(years))
            )
        )
    names = [f.gmina for f in items]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise UserFacingError(_("The same gmina appears in two files: {names}.").format(names=", ".join(twice)))
    return years.pop()


def _focus(items: list[GminaFigures], focus: str) -> GminaFigures:
    mine = next((f for f in items if f.gmina == focus), None)
    if mine is None:
        raise UserFacingError(
            _("No file names the gmina {name}; the files name: {names}.").format(
                name=focus, names=", ".join(f.gmina for f in items)
            )
        )
    return mine


def place(items: list[GminaFigures], focus: str) -> list[Placing]:
    check_set(items)
    return _placings(INDICATORS, [f.values for f in items], _focus(items, focus).values)


@dataclass(frozen=True)
class SpherePlacing:
    """One sphere (WKUS area code): the gminas whose files give figures for it, and the focus among them."""

    sphere: str
    #: gminas with contracts in the sphere (their files give it), of `files` files compared
    gminas: int
    files: int
    #: the focus gmina has no contract in the sphere (its column is "—" throughout)
    focus_absent: bool
    placings: list[Placing]


def place_spheres(items: list[GminaFigures], focus: str) -> list[SpherePlacing]:
    """Per sphere found in any file: each index placed among the gminas with contracts in that sphere.

    A gmina without contracts in a sphere is not in its set (it did nothing there to compare), unlike a
    gmina with contracts whose index is unknown (counted, never ranked)."""
    check_set(items)
    mine = _focus(items, focus)
    order = [a.value for a in WkusArea]  # the order the annual report lists the areas in
    areas = sorted({a for f in items for a in f.spheres}, key=order.index)
    out = []
    for area in areas:
        present = [f.spheres[area].values for f in items if area in f.spheres]
        own = mine.spheres[area].values if area in mine.spheres else {}
        out.append(
            SpherePlacing(
                area, len(present), len(items), area not in mine.spheres, _placings(SPHERE_INDICATORS, present, own)
            )
        )
    return out


def _placings(
    indicators: tuple[IndicatorDef, ...], rows: list[dict[str, Decimal | None]], mine: dict[str, Decimal | None]
) -> list[Placing]:
    out = []
    for ind in indicators:
        known = sorted(v for values in rows if (v := values.get(ind.code)) is not None)
        median = q1 = q3 = None
        if known:
            median = statistics.median(known)
            q1, _q2, q3 = (
                statistics.quantiles(known, n=4, method="inclusive")
                if len(known) > 1
                else (known[0], known[0], known[0])
            )
        value = mine.get(ind.code)
        rank = None
        if value is not None and ind.higher_is_better is not None:
            better = [v for v in known if (v > value if ind.higher_is_better else v < value)]
            rank = len(better) + 1
        out.append(Placing(ind, len(known), len(rows) - len(known), median, q1, q3, value, rank))
    return out
