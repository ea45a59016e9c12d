"""Comparing gminas (issue 19): the exchange file carries the owners' figures, the placing's median,
quartiles and rank are computed by hand below, and the report prints for three gminas."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from app.cli import main
from app.core.comparison.exchange import read_exchange
from app.core.comparison.placing import place
from app.core.errors import UserFacingError
from tests.core.reference_gmina import ref  # noqa: F401

D = Decimal


def _file(tmp_path: Path, name: str, **values: object) -> Path:
    path = tmp_path / f"{name}.json"
    body = {
        "format": "wkus-indicator-exchange",
        "version": 1,
        "gmina": name,
        "teryt": "",
        "year": 2025,
        "values": values,
    }
    path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def three(tmp_path: Path) -> list[Path]:
    return [
        _file(
            tmp_path,
            "Gmina Alfa",
            **{
                "IDX-J": "60",
                "IDX-E": "40",
                "IDX-W": None,
                "grants": 4,
                "multi_year_share": "0.5",
                "median_grant": "20000",
            },
        ),
        _file(
            tmp_path,
            "Gmina Beta",
            **{
                "IDX-J": "80",
                "IDX-E": "70",
                "IDX-W": "55",
                "grants": 10,
                "multi_year_share": "0.8",
                "median_grant": "15000",
            },
        ),
        _file(
            tmp_path,
            "Gmina Gamma",
            **{
                "IDX-J": "70",
                "IDX-E": None,
                "IDX-W": "45",
                "grants": 7,
                "multi_year_share": "0.6",
                "median_grant": "30000",
            },
        ),
    ]


def test_placing_median_quartiles_and_rank_by_hand(three: list[Path]) -> None:
    got = {p.indicator.code: p for p in place([read_exchange(f) for f in three], "Gmina Alfa")}
    # IDX-J 60, 70, 80: median 70; inclusive quartiles of three values: 60 + ½·10 = 65 and 70 + ½·10 = 75;
    # Alfa's 60 is the lowest of three
    j = got["IDX-J"]
    assert (j.median, j.q1, j.q3, j.focus, j.rank, j.known, j.unknown) == (D(70), D(65), D(75), D(60), 3, 3, 0)
    # IDX-E 40, 70 (Gamma unknown): median 55; quartiles 40 + ¼·30 = 47.5 and 40 + ¾·30 = 62.5; Alfa 2nd of 2
    e = got["IDX-E"]
    assert (e.median, e.q1, e.q3, e.rank, e.known, e.unknown) == (D(55), D("47.5"), D("62.5"), 2, 2, 1)
    # IDX-W 45, 55 and Alfa unknown: counted, never ranked
    w = got["IDX-W"]
    assert (w.median, w.focus, w.rank, w.known, w.unknown) == (D(50), None, None, 2, 1)
    # multi-year share 0.5, 0.6, 0.8: median 0.6, Alfa last; the number of grants is a profile, not a score
    assert (got["multi_year_share"].median, got["multi_year_share"].rank) == (D("0.6"), 3)
    assert (got["grants"].median, got["grants"].rank) == (D(7), None)


def test_report_prints_for_three_gminas(three: list[Path], tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    out = tmp_path / "porownanie.pdf"
    assert main(["compare", "report", *map(str, three), "--gmina", "Gmina Alfa", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Gmina Alfa: brak danych – Indeks modelu Współpraca" in printed
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(out)).pages)
    assert "Gmina Alfa na tle 3 gmin, 2025 r." in text
    assert "Indeks modelu Jakość 60,0 70,0 65,0 75,0 3 z 3 3/3" in text
    assert "Indeks modelu Efektywność 40,0 55,0 47,5 62,5 2 z 2 2/3" in text
    assert "Mediana dotacji na umowę 20 000,00 zł 20 000,00 zł" in text


def test_export_of_the_reference_gmina_carries_its_figures(ref, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from app.core.comparison.exchange import gmina_figures, to_json

    db, _ids = ref
    path = tmp_path / "wzorcowa.json"
    path.write_text(to_json(gmina_figures(db, 2025)), encoding="utf-8")
    f = read_exchange(path)
    assert f.year == 2025
    # 2025: seven contracts commit money (C1–C6, C8; C7 is a draft), 185 000 zł in all;
    # powierzenie C1 30 000 + C5 20 000 = 50 000; multi-year C1 30 000 + C2 45 000 + C5 20 000 = 95 000
    assert f.values["grants"] == 7
    assert f.values["entrustment_share"].quantize(D("0.0001")) == (D(50000) / D(185000)).quantize(D("0.0001"))
    assert f.values["multi_year_share"].quantize(D("0.0001")) == (D(95000) / D(185000)).quantize(D("0.0001"))
    for code in ("IDX-J", "IDX-E", "IDX-W"):
        assert f.values[code] is None or D(0) <= f.values[code] <= D(100)


@pytest.mark.parametrize(
    "change, named",
    [
        ({"format": "inny"}, "brakuje pola format"),
        ({"year": 1999}, "rokiem między 2000 a 2100"),
        ({"values": {"IDX-J": "120"}}, "IDX-J"),
        ({"values": {"multi_year_share": "-0.1"}}, "multi_year_share"),
        ({"values": {"grants": True}}, "grants"),
    ],
)
def test_a_wrong_file_is_refused_by_name(tmp_path: Path, change: dict, named: str) -> None:  # type: ignore[type-arg]
    body = {
        "format": "wkus-indicator-exchange",
        "version": 1,
        "gmina": "Gmina Alfa",
        "teryt": "",
        "year": 2025,
        "values": {},
    }
    body.update(change)
    path = tmp_path / "zly.json"
    path.write_text(json.dumps(body), encoding="utf-8")
    with pytest.raises(UserFacingError) as err:
        read_exchange(path)
    assert err.value.message.startswith("zly.json nie jest plikiem wymiany wskaźników WKUS")
    assert named in err.value.message


def test_mixed_years_and_a_missing_gmina_are_refused(three: list[Path], tmp_path: Path) -> None:
    other = _file(tmp_path / "..", "Gmina Delta")
    data = json.loads(other.read_text(encoding="utf-8"))
    data["year"] = 2024
    other.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(UserFacingError, match="różnych lat"):
        place([read_exchange(f) for f in [*three, other]], "Gmina Alfa")
    with pytest.raises(UserFacingError, match="Gmina Omega"):
        place([read_exchange(f) for f in three], "Gmina Omega")
