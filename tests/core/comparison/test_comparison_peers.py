"""The Kreator's "other gminas in the sphere" (issue 19): other gminas' exchange files imported into the
database (schema 13) and, for the task's WKUS area, what they chose (contracts per route and form,
multi-year ones) and achieved (the sphere's indices). Nothing imported is said in words, never as zeros."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.core.comparison.peers import index_headers, peer_panel
from app.core.comparison.stored import stored_exchanges
from app.core.i18n import _
from app.core.wizards.base import WizardContext
from app.core.wizards.commission import STEPS, peers
from tests.conftest import db_argument
from tests.core.comparison.test_comparison import _file
from tests.core.comparison.test_comparison_spheres import file2, sphere
from tests.core.reference_gmina import ref  # noqa: F401

pytestmark = pytest.mark.pg


def demo_files(tmp_path: Path) -> list[Path]:
    """Three demo gminas' 2025 files (the figures of tests/core/comparison/test_comparison_spheres.py)."""
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
                "CULT": sphere("40", None, "30", {"OPEN_COMPETITION": 1}, {"WSPARCIE": 1}, 0),
            },
        ),
        file2(
            tmp_path,
            "Gmina Beta",
            {
                "SOC": sphere("90", "70", "80", {"OPEN_COMPETITION": 4}, {"POWIERZENIE": 4}, 4),
                "SPORT": sphere("50", None, None, {"SMALL_GRANT_19A": 2}, {"WSPARCIE": 2}, 0),
            },
        ),
        file2(
            tmp_path,
            "Gmina Gamma",
            {"SOC": sphere("75", "40", "60", {"OPEN_COMPETITION": 1, "none": 1}, {"WSPARCIE": 2}, 2, {})},
        ),
    ]


def _import(db, *files: Path) -> int:  # type: ignore[no-untyped-def]
    return main(["compare", "import", "--db", db_argument(db), *map(str, files)])


def test_nothing_imported_says_so_and_how(db) -> None:  # type: ignore[no-untyped-def]
    panel = peer_panel(db, "SOC")
    assert panel.heading == "Inne gminy w sferze „Pomoc społeczna, wsparcie rodziny i polityki prorodzinnej”"
    assert panel.rows == [] and panel.summary == ""
    assert panel.message.startswith("Nie zaimportowano żadnego pliku wymiany innej gminy")
    assert "Dokumenty → Porównanie gmin → „Dodaj pliki wymiany…”" in panel.message
    assert "wkus compare import" in panel.message
    # before the area is chosen the panel asks for it
    assert "Wybierz obszar WKUS zadania" in peer_panel(db, None).message


def test_what_other_gminas_chose_and_achieved_in_the_sphere(db, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert _import(db, *demo_files(tmp_path)) == 0
    assert "Zaimportowano: Gmina Alfa, 2025 (Gmina Alfa.json)." in capsys.readouterr().out
    panel = peer_panel(db, "SOC")
    assert panel.message == ""
    rows = {r.gmina: r for r in panel.rows}
    assert list(rows) == ["Gmina Alfa", "Gmina Beta", "Gmina Gamma"]
    alfa = rows["Gmina Alfa"]
    assert (alfa.year, alfa.contracts) == (2025, 3)
    assert alfa.routes == "otwarty konkurs ofert (art. 11, 13): 2; mały grant bez konkursu (art. 19a): 1"
    assert alfa.forms == "powierzenie: 1; wsparcie: 2"
    assert alfa.multi_year == "1 z 3"
    assert alfa.tools == "J-04: 2; W-03: 3"
    assert (rows["Gmina Beta"].tools, rows["Gmina Gamma"].tools) == ("brak w pliku", "żadne")
    assert [_(h) for h in index_headers()] == ["Jakość", "Efektywność", "Współpraca"]
    assert alfa.indices == ("60,0", "50,0", "—")
    assert rows["Gmina Gamma"].routes == "otwarty konkurs ofert (art. 11, 13): 1; tryb niezapisany: 1"
    # together: contracts 3 + 4 + 2 = 9; open competition 2 + 4 + 1 = 7, art. 19a 1, not recorded 1;
    # multi-year 1 + 4 + 2 = 7
    assert panel.summary == (
        "Razem – gminy: 3; umowy: 9 (otwarty konkurs ofert (art. 11, 13): 7; mały grant bez "
        "konkursu (art. 19a): 1; tryb niezapisany: 1); wieloletnie: 7 z 9."
    )
    # SPORT: only Beta has contracts there
    assert [r.gmina for r in peer_panel(db, "SPORT").rows] == ["Gmina Beta"]
    # EDU: no file has it, said by name
    edu = peer_panel(db, "EDU")
    assert edu.rows == []
    assert edu.message == "Zaimportowane pliki gmin Gmina Alfa, Gmina Beta, Gmina Gamma nie mają umów w tej sferze."


def test_the_same_gmina_and_year_replaces_and_the_latest_year_is_shown(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    files = demo_files(tmp_path)
    assert _import(db, *files) == 0
    assert _import(db, files[1]) == 0  # Beta 2025 again: replaced, not doubled
    assert len(stored_exchanges(db)) == 3
    older = tmp_path / "2024"
    older.mkdir()
    beta_2024 = file2(
        older, "Gmina Beta", {"SOC": sphere("10", "10", "10", {"OPEN_COMPETITION": 1}, {"WSPARCIE": 1}, 0)}
    )
    data = json.loads(beta_2024.read_text(encoding="utf-8"))
    data["year"] = 2024
    beta_2024.write_text(json.dumps(data), encoding="utf-8")
    assert _import(db, beta_2024) == 0
    assert len(stored_exchanges(db)) == 4
    beta = {r.gmina: r for r in peer_panel(db, "SOC").rows}["Gmina Beta"]
    assert (beta.year, beta.contracts) == (2025, 4)  # its latest year, not the 2024 file


def test_a_wrong_file_is_named_and_the_others_kept(db, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    wrong = tmp_path / "notatki.json"
    wrong.write_text("[1]", encoding="utf-8")
    assert _import(db, wrong, *demo_files(tmp_path)[:1]) == 1
    assert "notatki.json nie jest plikiem wymiany wskaźników WKUS: brakuje pola format." in capsys.readouterr().out
    assert [s.figures.gmina for s in stored_exchanges(db)] == ["Gmina Alfa"]


def test_an_old_file_without_spheres_is_named(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert _import(db, _file(tmp_path, "Gmina Stara", **{"IDX-J": "60"})) == 0
    (stored,) = stored_exchanges(db)
    assert stored.figures.version == 1  # kept as the version it was
    message = peer_panel(db, "SOC").message
    assert message == (
        "Zaimportowany plik gminy Gmina Stara nie ma umów w tej sferze. Pliki gmin: Gmina Stara są "
        "w starszej wersji, bez sfer; poproś o nowszy eksport."
    )


def test_the_wizard_shows_other_gminas_but_not_its_own(ref, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    db, _ids = ref
    own = file2(
        tmp_path, "Gmina Wzorcowa", {"SOC": sphere("99", None, None, {"OPEN_COMPETITION": 1}, {"WSPARCIE": 1}, 0)}
    )
    assert _import(db, own, *demo_files(tmp_path)) == 0
    steps = {s.id: s for s in STEPS}
    assert steps["basic"].peers is peers and steps["route"].peers is peers
    panel = peers(WizardContext(db=db), {"area": "SOC"})
    assert [r.gmina for r in panel.rows] == ["Gmina Alfa", "Gmina Beta", "Gmina Gamma"]
