"""The Kreator's panel of other gminas (issue 19): on "Basic data of the task" the clerk types the task's
name and picks its WKUS area key by key; the panel then shows what the imported gminas chose and achieved in
that sphere. With nothing imported it says so and how to import."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea

from app.core.comparison.exchange import read_exchange
from app.core.comparison.peers import HOW_TO_IMPORT
from app.core.comparison.stored import store_exchange
from app.core.domain.enums import ContractForm, ProcedureRoute, WkusArea
from app.core.i18n import _
from tests.core.comparison.test_comparison_peers import demo_files
from tests.ui.wizards.test_wizards_view import click_next, view  # noqa: F401

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
    assert panel.message.text() == _(  # no area chosen yet
        "Choose the WKUS area of the task on the page \u201cBasic data of the task\u201d to see what other gminas "
        "chose there."
    )
    qtbot.keyClicks(page.editors["title"].input, "Klub seniora")
    area = page.editors["area"].input
    area.setFocus()
    qtbot.keyClicks(area, "Pomoc")  # a closed combo selects by the typed text
    assert page.editors["area"].value() == "SOC"
    assert panel.title() == _("Other gminas in the sphere \u201c{sphere}\u201d").format(sphere=WkusArea.SOC.label)
    assert not panel.table.isHidden() and panel.message.isHidden()
    model = panel.model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "Gmina Alfa (2025)",
        "Gmina Beta (2025)",
        "Gmina Gamma (2025)",
    ]
    assert model.headerData(0, Qt.Orientation.Horizontal) == _("Gmina (year)")
    # Beta: 4 contracts, all open competitions and entrustments, all multi-year (its file)
    chose = "\n".join(
        [
            f"{ProcedureRoute.OPEN_COMPETITION.label}: 4",
            f"{ContractForm.POWIERZENIE.label}: 4",
            _("Tools: {tools}").format(tools=_("not in the file")),
        ]
    )
    assert [model.index(1, c).data() for c in range(1, 7)] == [
        "4",
        _("{multi} of {count}").format(multi=4, count=4),
        chose,
        "90,0",
        "70,0",
        "80,0",
    ]
    # Alfa filled in W-03 for its 3 contracts, J-04 for 2
    assert model.index(0, 3).data().endswith("\n" + _("Tools: {tools}").format(tools="J-04: 2; W-03: 3"))
    assert model.headerData(4, Qt.Orientation.Horizontal) == _("Quality")
    # 3 + 4 + 2 = 9 contracts, 7 of them multi-year (1 + 4 + 2)
    together = _("Together – gminas: {gminas}; contracts: {contracts} ({routes}); multi-year: {multi} of {contracts}.")
    assert panel.summary.text().endswith(together.split("{routes}")[1].format(multi=7, contracts=9))
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
    # the message says how to import: where in the app (HOW_TO_IMPORT names Documents → Comparing gminas)
    assert panel.message.text() == _(
        "No exchange file of another gmina has been imported, so there is nothing to compare with. {how}"
    ).format(how=_(HOW_TO_IMPORT))
    qtbot.mouseClick(dialog.button(dialog.WizardButton.CancelButton), Qt.MouseButton.LeftButton)
