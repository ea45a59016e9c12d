"""The procedure dialog's "Areas of the competition" tab (issue 13 item 10), typed key by key."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from app.core.domain.enums import WkusArea
from app.core.i18n import _


@pytest.fixture(autouse=True)
def confirmations(monkeypatch):  # type: ignore[no-untyped-def]
    from app.ui.widgets.form import RecordDialog

    asked: list[str] = []
    monkeypatch.setattr(RecordDialog, "ask_confirmation", lambda self, message: asked.append(message) or True)
    monkeypatch.setattr(RecordDialog, "show_message", lambda self, message: asked.append("!" + message))
    return asked


def type_cell(qtbot, editor, row: int, col: int, text: str) -> None:  # type: ignore[no-untyped-def]
    """Replace a cell's text key by key: F2 opens the cell's editor (of the one editable table), Tab
    leaves the cell and commits it, like the clerk moving on."""
    view = editor.view
    view.setFocus(Qt.FocusReason.MouseFocusReason)
    view.setCurrentIndex(editor.model.index(row, col))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    field = next(w for w in view.viewport().findChildren(QLineEdit) if w.isVisible())
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Tab)


def test_a_competition_over_two_areas_is_saved_with_its_parts(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    from app.core.services import procedures
    from app.ui.dialogs.procedure import ProcedureDialog

    dialog = ProcedureDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.title_edit.input, "Otwarty konkurs ofert 2026")
    dialog.budget_year.input.setValue(2026)
    qtbot.keyClicks(dialog.planned_amount.input, "60 000")
    dialog.published_bip.set_value(dt.date(2026, 1, 5))
    dialog.offer_deadline.set_value(dt.date(2026, 1, 30))
    dialog.lists_previous_years.input.setChecked(True)
    dialog.offers_received.input.setValue(4)
    dialog.tabs.setCurrentIndex(2)
    editor = dialog.parts
    for area, planned, offers in ((WkusArea.SPORT, "40 000", "3"), (WkusArea.CULT, "20 000", "1")):
        qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
        row = editor.model.row_count() - 1
        editor.model.setData(
            editor.model.index(row, editor.AREA), area.value
        )  # the area's code, as its drop-down sets it
        type_cell(qtbot, editor, row, editor.PLANNED, planned)
        type_cell(qtbot, editor, row, editor.OFFERS, offers)
    # 40 000 + 20 000 = 60 000; 3 + 1 = 4 offers
    assert editor.footer.text() == _("Areas together: {amount}, {offers} offers").format(
        amount="60\xa0000,00\xa0zł", offers=4
    )
    type_cell(qtbot, editor, 1, editor.OFFERS, "2")  # 3 + 2 = 5 offers, the competition has 4
    assert dialog.try_save() is False
    assert "5" in dialog.error_text("parts") and "4" in dialog.error_text("parts")
    type_cell(qtbot, editor, 1, editor.OFFERS, "1")
    assert dialog.try_save()
    stored = procedures.get_procedure(db, dialog.saved_id)
    assert [(p.area, p.planned_amount, p.offers_received) for p in stored.parts] == [
        (WkusArea.SPORT, Decimal("40000.00"), 3),
        (WkusArea.CULT, Decimal("20000.00"), 1),
    ]
    # reopened, the dialog shows the parts and saves them unchanged
    again = ProcedureDialog(db, stored.id)
    qtbot.addWidget(again)
    assert again.parts.model.row_count() == 2
    assert again.try_save()
    assert procedures.get_procedure(db, stored.id).parts == stored.parts
