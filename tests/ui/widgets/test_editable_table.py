"""The one editable table (issue 20): what a cell keeps of what was typed, money never a float, a bad
cell named with the core's Polish message, and editing with the keyboard."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox

from app.ui.widgets.editable_table import CellKind, Check, EditableRowsModel, EditColumn, TableEditor
from tests.ui.date_typing import type_in_cell

COLUMNS = [
    EditColumn("year", "Budget year", CellKind.INT, digits=4, check=Check.YEAR),
    EditColumn("amount", "Tranche amount", CellKind.MONEY, total=True, check=Check.MONEY),
    EditColumn("due", "Payment due", CellKind.DATE, check=Check.DATE),
    EditColumn("kind", "Kind", CellKind.CHOICE, choices=lambda: [("A", "Alfa"), ("B", "Beta")]),
    EditColumn("done", "Done", CellKind.BOOL),
]


def _set(model: EditableRowsModel, row: int, key: str, value: object) -> None:
    col = [c.key for c in model.columns()].index(key)
    role = Qt.ItemDataRole.CheckStateRole if key == "done" else Qt.ItemDataRole.EditRole
    assert model.setData(model.index(row, col), value, role)


def test_cells_keep_what_was_typed_tidied_and_money_adds_up_in_decimal(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = EditableRowsModel(COLUMNS, totals=True)
    model.set_rows([{}, {}])
    _set(model, 0, "year", "2026")
    _set(model, 0, "amount", "150.000")  # a thousands dot
    _set(model, 1, "amount", "0,1")
    _set(model, 0, "due", "15.1.26")
    _set(model, 0, "kind", "B")
    _set(model, 0, "done", Qt.CheckState.Checked.value)
    assert model.rows()[0] == {
        "year": 2026,
        "amount": "150 000,00",
        "due": dt.date(2026, 1, 15),
        "kind": "B",
        "done": True,
    }
    amount = model.index(0, 1)
    # the edit role is the text of the amount, never a float
    assert amount.data(Qt.ItemDataRole.EditRole) == "150 000,00"
    assert model.index(0, 3).data() == "Beta"
    # 150 000,00 + 0,10 = 150 000,10, added as Decimal
    assert model.column_total("amount") == Decimal("150000.10")
    assert model.index(2, 1).data().replace("\u00a0", " ").replace("\u202f", " ") == "150 000,10 zł"


def test_as_typed_keeps_the_text_and_a_bad_cell_carries_the_core_message(qtbot) -> None:  # type: ignore[no-untyped-def]
    typed = EditableRowsModel(
        [
            EditColumn("amount", "Amount", CellKind.MONEY, as_typed=True),
            EditColumn("due", "Due", CellKind.DATE, as_typed=True),
        ]
    )
    typed.set_rows([{}])
    typed.setData(typed.index(0, 0), "120.000")
    typed.setData(typed.index(0, 1), "1.2.26")
    assert [typed.cell_text(0, "amount"), typed.cell_text(0, "due")] == ["120.000", "01.02.2026"]

    model = EditableRowsModel(COLUMNS)
    model.set_rows([{}])
    _set(model, 0, "amount", "12a")
    _set(model, 0, "due", "31.02.2026")
    assert model.rows()[0] == {"amount": "12a", "due": "31.02.2026"}  # kept, never dropped
    # the Polish wording is what is tested: the cell carries the core's message naming what is wrong
    assert model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) == (
        "„12a” nie jest kwotą. Wpisz np. 1 234,50 lub 1234.50."
    )
    assert model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole) == "Luty 2026 ma tylko 28 dni."
    _set(model, 0, "amount", "-5")
    assert model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) == "Kwota nie może być ujemna."


def test_f2_edits_enter_commits_and_rows_are_added_and_removed_with_the_keyboard(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = EditableRowsModel(COLUMNS)
    editor = TableEditor(model)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor, timeout=5000)  # keys go to the active window
    editor.add_button.setFocus()
    qtbot.keyClick(editor.add_button, Qt.Key.Key_Space)
    assert model.row_count() == 1 and editor.view.currentIndex() == model.index(0, 0)
    editor.view.setCurrentIndex(model.index(0, 1))
    qtbot.keyClick(editor.view, Qt.Key.Key_F2)
    cell = QApplication.focusWidget()
    assert cell is not None and cell is not editor.view, "F2 did not open the cell's editor"
    qtbot.keyClicks(cell, "2500,5")
    qtbot.keyClick(cell, Qt.Key.Key_Return)  # Qt commits the cell from the event loop
    qtbot.waitUntil(lambda: editor.view.state() != QAbstractItemView.State.EditingState, timeout=5000)
    assert model.rows()[0]["amount"] == "2 500,50"
    editor.view.setFocus()
    editor.view.setCurrentIndex(model.index(0, 3))
    type_in_cell(qtbot, editor.view, "A")  # the drop-down opens on the first key
    assert model.rows()[0]["kind"] == "A"
    editor.view.setCurrentIndex(model.index(0, 0))
    editor.remove_button.setFocus()
    qtbot.keyClick(editor.remove_button, Qt.Key.Key_Space)
    assert model.row_count() == 0


def test_a_choice_cell_shows_an_imported_label_and_a_value_not_in_the_list(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = EditableRowsModel(
        [EditColumn("kind", "Kind", CellKind.CHOICE, as_typed=True, choices=lambda: [("A", "Alfa"), ("B", "Beta")])]
    )
    model.set_rows([{"kind": "Beta"}, {"kind": "Gamma"}])
    editor = TableEditor(model)
    qtbot.addWidget(editor)
    delegate = editor.view.itemDelegate()
    for row, shown in ((0, "Beta"), (1, "Gamma")):
        combo = delegate.createEditor(editor.view.viewport(), None, model.index(row, 0))
        assert isinstance(combo, QComboBox)
        delegate.setEditorData(combo, model.index(row, 0))
        assert combo.currentText() == shown


def test_widths_chosen_by_the_owner_stay_and_one_column_takes_the_rest(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = EditableRowsModel(COLUMNS)
    model.set_rows([{"year": 2026, "amount": "150 000,00", "kind": "A"}])
    editor = TableEditor(model, widths={"year": 70, "due": 120}, stretch="kind")
    qtbot.addWidget(editor)
    editor.resize(700, 200)
    editor.show()
    qtbot.waitExposed(editor)
    header = editor.view.horizontalHeader()
    # showing the table does not fit them to the contents
    assert [header.sectionSize(0), header.sectionSize(2)] == [70, 120]
    assert header.sectionResizeMode(3) == header.ResizeMode.Stretch and not header.stretchLastSection()
    # the stretched column takes what the others leave: 700 px wide, all columns in sight
    assert sum(header.sectionSize(c) for c in range(header.count())) == editor.view.viewport().width()
