"""Comparing gminas per sphere (issue 19): the version 2 exchange file carries each WKUS area's indices and
what the gmina chose there (counts of contracts per route and form, multi-year ones); the placing per sphere
is computed by hand below, the report has a section per sphere, and version 1 files are still read.

Quartiles by the inclusive method (statistics.quantiles(method="inclusive"), Excel's QUARTILE.INC): for n
sorted values x0…x(n-1) the quartile i sits at position i·(n-1)/4, interpolated linearly between its two
neighbours. n = 3 → positions 0.5, 1, 1.5; n = 2 → positions 0.25, 0.5, 0.75."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.core.comparison.exchange import read_exchange, to_json
from app.core.comparison.placing import place_spheres
from app.core.errors import UserFacingError
from tests.core.comparison.test_comparison import _file
from tests.core.reference_gmina import ref  # noqa: F401

D = Decimal


def sphere(
    j: object,
    e: object,
    w: object,
    routes: dict[str, int],
    forms: dict[str, int],
    multi: int,
    tools: dict[str, int] | None = None,
) -> dict[str, Any]:
    body = {"values": {"IDX-J": j, "IDX-E": e, "IDX-W": w}, "routes": routes, "forms": forms, "multi_year": multi}
    return body if tools is None else {**body, "tools": tools}


def file2(tmp_path: Path, name: str, spheres: dict[str, Any], **values: object) -> Path:
    path = tmp_path / f"{name}.json"
    body = {
        "format": "wkus-indicator-exchange",
        "version": 2,
        "gmina": name,
        "teryt": "",
        "year": 2025,
        "values": values,
        "spheres": spheres,
    }
    path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def three(tmp_path: Path) -> list[Path]:
    return [
        file2(
            tmp_path,
            "Gmina Alfa",
            {
                "SOC": sphere(
                    "60",
                    "50",
                    None,
                    {"OPEN_COMPETITION": 2, "SMALL_GRANT_19A": 1},
                    {"WSPARCIE": 2, "POWIERZENIE": 1},
                    1,
                    {"W-03": 3, "J-04": 2},
                ),
                "CULT": sphere("40", None, "30", {"OPEN_COMPETITION": 1}, {"WSPARCIE": 1}, 0, {}),
            },
            **{"IDX-J": "55"},
        ),
        file2(
            tmp_path,
            "Gmina Beta",
            {
                "SOC": sphere("90", "70", "80", {"OPEN_COMPETITION": 4}, {"POWIERZENIE": 4}, 4),
                "SPORT": sphere("50", None, None, {"SMALL_GRANT_19A": 2}, {"WSPARCIE": 2}, 0),
            },
            **{"IDX-J": "80"},
        ),
        file2(
            tmp_path,
            "Gmina Gamma",
            {
                "SOC": sphere("75", "40", "60", {"OPEN_COMPETITION": 1, "none": 1}, {"WSPARCIE": 2}, 2),
                "CULT": sphere("70", "55", "50", {"OPEN_COMPETITION": 1}, {"WSPARCIE": 1}, 1),
            },
            **{"IDX-J": "70"},
        ),
    ]


def test_placing_per_sphere_by_hand(three: list[Path]) -> None:
    spheres = place_spheres([read_exchange(f) for f in three], "Gmina Alfa")
    # the WKUS areas' order (the annual report's): SOC, SPORT, CULT
    assert [s.sphere for s in spheres] == ["SOC", "SPORT", "CULT"]
    soc, sport, cult = spheres
    got = {p.indicator.code: p for p in soc.placings}
    assert (soc.gminas, soc.files, soc.focus_absent) == (3, 3, False)
    # SOC IDX-J 60, 75, 90: median 75; Q1 = 60 + ½·15 = 67.5, Q3 = 75 + ½·15 = 82.5; Alfa's 60 is 3rd of 3
    j = got["IDX-J"]
    assert (j.median, j.q1, j.q3, j.focus, j.rank, j.known) == (D(75), D("67.5"), D("82.5"), D(60), 3, 3)
    # SOC IDX-E 40, 50, 70: median 50; Q1 = 40 + ½·10 = 45, Q3 = 50 + ½·20 = 60; Alfa's 50 is 2nd of 3
    e = got["IDX-E"]
    assert (e.median, e.q1, e.q3, e.rank) == (D(50), D(45), D(60), 2)
    # SOC IDX-W 60, 80 (Alfa unknown): median 70; Q1 = 60 + ¼·20 = 65, Q3 = 60 + ¾·20 = 75; counted, not ranked
    w = got["IDX-W"]
    assert (w.median, w.q1, w.q3, w.focus, w.rank, w.known, w.unknown) == (D(70), D(65), D(75), None, None, 2, 1)
    # SOC contracts 2, 3, 4 (Gamma 1+1 routes, Alfa 2+1, Beta 4): median 3, Q1 2.5, Q3 3.5; a profile, no place
    c = got["contracts"]
    assert (c.median, c.q1, c.q3, c.focus, c.rank) == (D(3), D("2.5"), D("3.5"), D(3), None)
    # SPORT: only Beta has contracts there; Alfa is absent, so not placed
    assert (sport.gminas, sport.focus_absent) == (1, True)
    assert {p.indicator.code: p.focus for p in sport.placings}["IDX-J"] is None
    # CULT: Alfa 40 and Gamma 70 (Beta absent, not counted): median 55; Q1 = 40 + ¼·30 = 47.5,
    # Q3 = 40 + ¾·30 = 62.5; Alfa 2nd of 2. IDX-E: Gamma's 55 only, Alfa unknown
    cj = {p.indicator.code: p for p in cult.placings}
    assert (cult.gminas, cj["IDX-J"].median, cj["IDX-J"].q1, cj["IDX-J"].q3, cj["IDX-J"].rank) == (
        2,
        D(55),
        D("47.5"),
        D("62.5"),
        2,
    )
    assert (cj["IDX-E"].median, cj["IDX-E"].known, cj["IDX-E"].unknown, cj["IDX-E"].rank) == (D(55), 1, 1, None)


def test_report_has_a_section_per_sphere(three: list[Path], tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    out = tmp_path / "porownanie.pdf"
    assert main(["compare", "report", *map(str, three), "--gmina", "Gmina Alfa", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert (
        "Gmina Alfa, Pomoc społeczna, wsparcie rodziny i polityki prorodzinnej: brak danych – Indeks "
        "modelu Współpraca" in printed
    )
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(out)).pages)
    assert "Według sfer" in text
    # SOC, figures above: Alfa 60, median 75, Q1 67,5, Q3 82,5, place 3 of 3
    assert "Indeks modelu Jakość 60,0 75,0 67,5 82,5 3 z 3 3/3" in text
    # CULT: Alfa 40, median 55, quartiles 47,5 and 62,5, 2nd of 2 known
    assert "Indeks modelu Jakość 40,0 55,0 47,5 62,5 2 z 2 2/2" in text
    assert "Gmina Alfa nie ma w 2025 r. umów z kwotą zaangażowaną w tej sferze" in text
    # the tools: Alfa's SOC W-03 for all three contracts, J-04 for two; its CULT none; Beta's and Gamma's
    # files do not say
    assert "1 z 3 J-04: 2; W-03: 3" in text
    assert "Gmina Alfa 1 otwarty konkurs ofert (art. 11, 13): 1 wsparcie: 1 0 z 1 żadne" in text
    assert "Gmina Gamma 1 otwarty konkurs ofert (art. 11, 13): 1 wsparcie: 1 1 z 1 brak w pliku" in text
    assert "4 z 4 brak w pliku" in text
    # the choices, as counts: Beta's four entrustments, all multi-year
    # SOC contracts 2, 3, 4: quartiles 2,5 and 3,5 printed as they are, not rounded to whole contracts
    assert "Umowy ze środkami zaangażowanymi w roku w tej sferze 3 3 2,5 3,5 profil 3/3" in text
    assert "Gmina Beta 4 otwarty konkurs ofert (art. 11, 13): 4 powierzenie: 4 4 z 4" in text


def test_export_per_sphere_of_the_reference_gmina(ref, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from sqlalchemy import select

    from app.core.comparison.exchange import gmina_figures
    from app.core.db.models import Contract, ToolEntry

    db, ids = ref
    with db.session() as s:
        t_soc = s.scalar(select(Contract.task_id).where(Contract.id == ids["C1"]))
        # W-03 on the SOC task (2024: an entry up to the year counts), J-04 on C1 in 2025, J-04 on C2 in 2024
        # (another year: not counted), E-04 on C3 (SPORT) in 2025
        s.add_all(
            [
                ToolEntry(tool_id="W-03", scope_kind="task", scope_id=t_soc, year=2024, inputs={}),
                ToolEntry(tool_id="J-04", scope_kind="contract", scope_id=ids["C1"], year=2025, inputs={}),
                ToolEntry(tool_id="J-04", scope_kind="contract", scope_id=ids["C2"], year=2024, inputs={}),
                ToolEntry(tool_id="E-04", scope_kind="contract", scope_id=ids["C3"], year=2025, inputs={}),
            ]
        )
    path = tmp_path / "wzorcowa.json"
    path.write_text(to_json(gmina_figures(db, 2025)), encoding="utf-8")
    f = read_exchange(path)
    assert f.version == 2
    # 2025, contracts committing money per area (C7, EDU, is a draft and commits none):
    # SOC C1 (P1 competition, powierzenie, 2025–2027) and C2 (no procedure, wsparcie, 2022–2025);
    # SPORT C3, CULT C4 (P2 competition, wsparcie, one year); HEALTH C5 (P0, powierzenie, 2024–2026) and
    # C8 (P2, wsparcie, 2025); ENV C6 (art. 19a P3, wsparcie, 2025)
    assert sorted(f.spheres) == ["CULT", "ENV", "HEALTH", "SOC", "SPORT"]
    soc = f.spheres["SOC"]
    assert (soc.routes, soc.forms, soc.multi_year, soc.values["contracts"]) == (
        {"OPEN_COMPETITION": 1, "none": 1},
        {"POWIERZENIE": 1, "WSPARCIE": 1},
        2,
        2,
    )
    health = f.spheres["HEALTH"]
    assert (health.routes, health.forms, health.multi_year) == (
        {"OPEN_COMPETITION": 2},
        {"POWIERZENIE": 1, "WSPARCIE": 1},
        1,
    )
    assert (f.spheres["ENV"].routes, f.spheres["ENV"].multi_year) == ({"SMALL_GRANT_19A": 1}, 0)
    # tools: SOC's C1 and C2 share the task with W-03; only C1 has J-04 in 2025; SPORT's C3 has E-04
    assert soc.tools == {"J-04": 1, "W-03": 2}
    assert (f.spheres["SPORT"].tools, f.spheres["CULT"].tools) == ({"E-04": 1}, {})
    # seven contracts in all, as the totals' "grants" count them
    assert sum(s.contracts for s in f.spheres.values()) == f.values["grants"] == 7
    for s in f.spheres.values():
        for code in ("IDX-J", "IDX-E", "IDX-W"):
            assert s.values[code] is None or D(0) <= s.values[code] <= D(100)
    # no names in the file: no organisation, no contract title
    text = path.read_text(encoding="utf-8")
    assert "Klub seniora" not in text and "UM/1/2025" not in text


def test_a_version_1_file_is_still_read(tmp_path: Path) -> None:
    f = read_exchange(_file(tmp_path, "Gmina Stara", **{"IDX-J": "60"}))
    assert (f.version, f.spheres, f.values["IDX-J"]) == (1, {}, D(60))


@pytest.mark.parametrize(
    "spheres, named",
    [
        ({"XYZ": sphere("1", None, None, {"OPEN_COMPETITION": 1}, {"WSPARCIE": 1}, 0)}, "XYZ"),
        ({"SOC": sphere("1", None, None, {"BRIBE": 1}, {"WSPARCIE": 1}, 0)}, "spheres.SOC.routes"),
        ({"SOC": sphere("1", None, None, {"OPEN_COMPETITION": 2}, {"WSPARCIE": 1}, 0)}, "nie sumują się"),
        ({"SOC": sphere("1", None, None, {"OPEN_COMPETITION": 1}, {"WSPARCIE": 1}, 2)}, "spheres.SOC.multi_year"),
        ({"SOC": sphere("101", None, None, {"OPEN_COMPETITION": 1}, {"WSPARCIE": 1}, 0)}, "IDX-J"),
        (
            {"SOC": sphere("1", None, None, {"OPEN_COMPETITION": 1}, {"WSPARCIE": 1}, 0, {"Pan Kowalski": 1})},
            "spheres.SOC.tools",
        ),
        (
            {"SOC": sphere("1", None, None, {"OPEN_COMPETITION": 1}, {"WSPARCIE": 1}, 0, {"W-03": 2})},
            "spheres.SOC.tools",
        ),
    ],
)
def test_a_wrong_sphere_is_refused_by_name(tmp_path: Path, spheres: dict[str, Any], named: str) -> None:
    with pytest.raises(UserFacingError) as err:
        read_exchange(file2(tmp_path, "Gmina Zła", spheres))
    assert err.value.message.startswith("Gmina Zła.json nie jest plikiem wymiany wskaźników WKUS")
    assert named in err.value.message
