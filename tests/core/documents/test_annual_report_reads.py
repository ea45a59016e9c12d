"""The annual report reads the year's contract records once: the model section is handed the records
`annual_figures` read, which are exactly what reading them again by id gives."""

from __future__ import annotations

from typing import Any

from app.core.documents import data
from tests.core.backup_fixtures import demo_db, demo_path, demo_template  # noqa: F401


def test_contracts_of_the_year_equal_reading_them_again_by_id(demo_db) -> None:  # noqa: F811
    compared = 0
    with demo_db.session() as s:
        for year in range(2021, 2028):
            of_year = data.contracts_in_year(s, year)
            assert data.contracts(s, [c.id for c in of_year]) == of_year, year
            compared += len(of_year)
    assert compared > 25  # the demo's 25 contracts, multi-year ones in several years


def test_the_annual_report_does_not_read_the_contracts_twice(demo_db, tmp_path, monkeypatch) -> None:  # noqa: F811
    from app.core.documents.annual_report import build_annual_report

    calls: list[object] = []
    original = data.contracts
    monkeypatch.setattr(data, "contracts", lambda *a, **k: calls.append(a) or original(*a, **k))
    result = build_annual_report(demo_db, 2025, tmp_path / "report.pdf", fmt="pdf")
    assert result.pages >= 3 and (tmp_path / "report.pdf").stat().st_size > 10_000
    assert calls == []


def test_the_year_tranches_are_read_once_and_count_as_read_again(demo_db, tmp_path, monkeypatch) -> None:  # noqa: F811
    """The annual report hands the year's tranches it read to every figure counted from them (it read them
    seven times: the year's contracts, both forms without a competition, the programme's indicators, the
    MKUS table), and the year's contracts it lists; each figure is what it is when it reads them itself."""
    from app.core.documents import annual_report
    from app.core.domain.enums import ProcedureRoute
    from app.core.figures import mkus_indicators, money, programme_indicators

    compared = 0
    with demo_db.session() as s:
        for year in range(2021, 2028):
            rows = money.tranche_money(s, year=year)
            ids = money.contracts_of_year(s, year)
            assert money.contracts_of_year(s, year, rows) == ids, year
            assert data.contracts_of_year(s, year, rows) == data.contracts_of_year(s, year), year
            for route in ProcedureRoute:
                alone = money.route_year(s, year, route)
                assert money.route_year(s, year, route, rows) == alone, (year, route)
                assert money.route_year(s, year, route, rows, ids) == alone, (year, route)
            alone_achieved = programme_indicators.achieved(s, year)
            assert programme_indicators.achieved(s, year, rows) == alone_achieved, year
            assert programme_indicators.achieved(s, year, rows, ids) == alone_achieved, year
            with_rows = mkus_indicators.mkus_indicators(s, year, rows=rows)
            assert with_rows == mkus_indicators.mkus_indicators(s, year), year
            compared += len(ids)
    assert compared > 25  # the demo's contracts, multi-year ones in several years

    read: list[dict[str, Any]] = []
    listed: list[int] = []
    original, original_listed = money.tranche_money, money.contracts_of_year

    def counting(session: Any, **kwargs: Any) -> Any:
        read.append(kwargs)
        return original(session, **kwargs)

    def counting_listed(session: Any, year: int, rows: Any = None) -> Any:
        listed.append(year)
        return original_listed(session, year, rows)

    monkeypatch.setattr(money, "tranche_money", counting)
    monkeypatch.setattr(money, "contracts_of_year", counting_listed)
    annual_report.build_annual_report(demo_db, 2025, tmp_path / "report.pdf", fmt="pdf")
    # the year's once; the MKUS table's multi-year test reads its contracts' other years
    assert [k for k in read if k.get("contract_ids") is None] == [{"year": 2025}]
    assert listed == [2025]  # the year's contracts listed once (it was five times)


def test_the_annual_report_reads_only_the_contract_lists_it_prints(demo_db) -> None:  # noqa: F811
    """The report's contracts carry their organisations and tranches as a full read gives them; the lists it
    does not print (results, reports, controls, contributions) are not read, and a look at one raises
    instead of passing for an empty list."""
    import pytest

    from app.core.documents.annual_report import PRINTED_CHILDREN, annual_figures

    figures = annual_figures(demo_db, 2025)
    with demo_db.session() as s:
        full = data.contracts_of_year(s, 2025)
    assert [c.id for c in figures.contracts] == [c.id for c in full] and len(full) >= 5
    for light, whole in zip(figures.contracts, full):
        assert list(light.parties) == whole.parties and list(light.tranches) == whole.tranches
        assert light.organisations == whole.organisations and light.years == whole.years
        assert light.is_multi_year == whole.is_multi_year and light.year_index(2025) == whole.year_index(2025)
    assert any(c.results for c in full)  # the demo has results: not read is not "none"
    light = figures.contracts[0]
    for name in sorted(data.CHILDREN - PRINTED_CHILDREN):
        with pytest.raises(LookupError, match=name):
            bool(getattr(light, name))
        with pytest.raises(LookupError, match=name):
            list(getattr(light, name))
    with pytest.raises(ValueError, match="grants"), demo_db.session() as s:
        data.contracts_of_year(s, 2025, children=frozenset({"parties", "grants"}))
