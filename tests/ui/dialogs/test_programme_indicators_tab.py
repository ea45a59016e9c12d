"""The programme dialog's "Indicators" tab (issue 14): the clerk types the planned values year by year, key by
key; they are stored and shown again; an empty cell stays unplanned and a bad value names the indicator."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from app.core.domain.enums import ProgrammeKind
from app.core.domain.records import ProgrammeInput
from app.core.i18n import _
from app.core.services import programmes
from tests.ui.dialogs.test_procedure_parts_ui import type_cell


@pytest.fixture(autouse=True)
def confirmations(monkeypatch):  # type: ignore[no-untyped-def]
    from app.ui.widgets.form import RecordDialog

    asked: list[str] = []
    monkeypatch.setattr(RecordDialog, "ask_confirmation", lambda self, message: asked.append(message) or True)
    monkeypatch.setattr(RecordDialog, "show_message", lambda self, message: asked.append("!" + message))
    return asked


def _tab(dialog) -> int:  # type: ignore[no-untyped-def]
    return next(i for i in range(dialog.tabs.count()) if dialog.tabs.tabText(i) == _("Indicators"))


def test_planned_values_typed_in_the_tab_are_saved_and_shown_again(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    from app.ui.dialogs.programme import ProgrammeDialog

    pid = programmes.create_programme(
        db, ProgrammeInput(kind=ProgrammeKind.MULTI_YEAR, year_from=2026, year_to=2027)
    ).id
    dialog = ProgrammeDialog(db, pid)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(_tab(dialog))
    editor = dialog.indicators
    # the indicator's name, then a column per year
    assert editor.years == [2026, 2027] and [c.header for c in editor.model.columns()] == ["Indicator", "2026", "2027"]
    contracts = editor.codes.index("CONTRACTS")
    type_cell(qtbot, editor, contracts, 1, "8")
    type_cell(qtbot, editor, contracts, 2, "10")
    assert dialog.try_save()
    stored = {(x.year, x.code): x.planned for x in programmes.get_programme(db, pid).indicators}
    assert stored == {(2026, "CONTRACTS"): Decimal(8), (2027, "CONTRACTS"): Decimal(10)}  # nothing else planned

    again = ProgrammeDialog(db, pid)
    qtbot.addWidget(again)
    model = again.indicators.model
    assert model.index(contracts, 2).data() == "10"  # not "1E+1"
    assert model.index(0, 1).data() == ""  # unplanned stays empty


def test_a_bad_value_is_refused_naming_the_indicator(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    from app.ui.dialogs.programme import ProgrammeDialog

    dialog = ProgrammeDialog(db, default_year=2026)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(_tab(dialog))
    offers = dialog.indicators.codes.index("OFFERS")
    type_cell(qtbot, dialog.indicators, offers, 1, "kilka")
    # the cell keeps what was typed and shows the core's count message while the clerk types on
    cell = dialog.indicators.model.index(offers, 1)
    assert (cell.data(), cell.data(Qt.ItemDataRole.ToolTipRole)) == ("kilka", "Wpisz liczbę całkowitą.")
    assert dialog.try_save() is False
    # the Polish wording is what is tested: the indicator named as in the tab, with its year
    assert "Liczba złożonych ofert, 2026" in dialog.error_text("indicators")
    assert programmes.list_programmes(db) == []
