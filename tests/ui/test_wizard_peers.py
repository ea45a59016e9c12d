"""The Kreator's panel of other gminas (issue 19): on "Basic data of the task" the clerk types the task's
name and picks its WKUS area key by key; the panel then shows what the imported gminas chose and achieved in
that sphere. With nothing imported it says so and how to import."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea

from app.core.comparison.exchange import read_exchange
from app.core.comparison.stored import store_exchange
from tests.core.test_comparison_peers import demo_files
from tests.ui.test_wizards_view import click_next, view  # noqa: F401

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _basic_page(qtbot, view):  # type: ignore[no-untyped-def]  # noqa: F811
    dialog = view.start_wizard("commission")
    dialog.currentPage().editors["task_id"].set_value("new")
    click_next(qtbot, dialog)
    page = dialog.currentPage()
    assert page.step.id == "basic"
    return dialog, page


def test_the_panel_follows_the_area_typed(qtbot, view, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    for path in demo_files(tmp_path):
        store_exchange(db, read_exchange(path), path.name)
    dialog, page = _basic_page(qtbot, view)
    panel = page.peers
    assert panel is not None and panel.isVisibleTo(page)
    assert panel.message.text().startswith("Wybierz obszar WKUS zadania")  # no area chosen yet
    qtbot.keyClicks(page.editors["title"].input, "Klub seniora")
    area = page.editors["area"].input
    area.setFocus()
    qtbot.keyClicks(area, "Pomoc")  # a closed combo selects by the typed text
    assert page.editors["area"].value() == "SOC"
    assert panel.title() == "Inne gminy w sferze „Pomoc społeczna, wsparcie rodziny i polityki prorodzinnej”"
    assert not panel.table.isHidden() and panel.message.isHidden()
    model = panel.model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "Gmina Alfa (2025)", "Gmina Beta (2025)", "Gmina Gamma (2025)"]
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Gmina (rok)"
    # Beta: 4 contracts, all open competitions and entrustments, all multi-year (its file)
    assert [model.index(1, c).data() for c in range(1, 7)] == [
        "4", "4 z 4", "otwarty konkurs ofert (art. 11, 13): 4\npowierzenie: 4\nNarzędzia: brak w pliku", "90,0",
        "70,0", "80,0"]
    # Alfa filled in W-03 for its 3 contracts, J-04 for 2
    assert model.index(0, 3).data().endswith("\nNarzędzia: J-04: 2; W-03: 3")
    assert model.headerData(4, Qt.Orientation.Horizontal) == "Jakość"
    # 3 + 4 + 2 = 9 contracts, 7 of them multi-year (1 + 4 + 2)
    assert panel.summary.text().endswith("wieloletnie: 7 z 9.")
    dialog.resize(1100, 760)
    page.findChild(QScrollArea).ensureWidgetVisible(panel)
    dialog.grab().save(str(tmp_path / "kreator_peers.png"))
    # another area (picked from the list: typing again at once would continue the same search): only Beta
    area.setCurrentIndex(area.findData("SPORT"))
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["Gmina Beta (2025)"]
    dialog.reject()


def test_nothing_imported_the_panel_says_how(qtbot, view) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    dialog, page = _basic_page(qtbot, view)
    area = page.editors["area"].input
    area.setFocus()
    qtbot.keyClicks(area, "Pomoc")
    panel = page.peers
    assert panel.table.isHidden()
    assert panel.message.text().startswith("Nie zaimportowano żadnego pliku wymiany innej gminy")
    assert "Dokumenty → Porównanie gmin" in panel.message.text()
    qtbot.mouseClick(dialog.button(dialog.WizardButton.CancelButton), Qt.MouseButton.LeftButton)
