"""The annual report reads the year's contract records once: the model section is handed the records
`annual_figures` read, which are exactly what reading them again by id gives."""

from __future__ import annotations

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
