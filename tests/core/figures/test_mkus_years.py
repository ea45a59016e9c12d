"""MkusYears (every year's MKUS figures with the contracts' spans and tranche years read once, what a
recompute asks; the year's tranches read by it or given) equals
mkus_indicators asked year by year, on the demo and on a varied generated gmina."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.figures import money
from app.core.figures.mkus_indicators import MkusYears, mkus_indicators
from tests.core.tools.gminas import copy_of, make_demo, make_generated


@pytest.mark.parametrize("make", [make_demo, make_generated])
def test_every_year_equals_the_year_by_year_reading(make, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = copy_of(make(tmp_path / "source.sqlite"), tmp_path / "gmina.sqlite")
    with db.session() as s:
        years = sorted({t.year for t in money.tranche_money(s)})
        assert len(years) >= 2
        read_once = MkusYears(s)
        given_rows = MkusYears(s)
        for year in [years[0] - 1, *years, years[-1] + 1]:  # and years without a tranche
            expected = mkus_indicators(s, year)
            assert read_once.of(year) == expected, year
            assert given_rows.of(year, money.tranche_money(s, year=year)) == expected, year
        assert any(mkus_indicators(s, y).grants for y in years)
        assert any(mkus_indicators(s, y).multi_year for y in years)
    db.dispose()
