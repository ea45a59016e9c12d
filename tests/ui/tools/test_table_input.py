"""A tool's table input is the one editable table (issue 20 leftovers): long column titles wrap and
are never cut, a short table keeps a one-line header, and Add/Remove behave as the clerk knows them
(a new empty row opened for typing; every selected row removed)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from app.core.i18n import ngettext
from app.core.tools.catalogue import get_catalogue
from app.ui.tools.table_editor import TableInputEditor
from tests.ui.table_view import click_row, cut_titles, header_lines


def _table_input(qtbot, tool_id: str, key: str, width: int) -> tuple[TableInputEditor, list[int]]:  # type: ignore[no-untyped-def]
    edits: list[int] = []
    editor = TableInputEditor(get_catalogue().tool(tool_id).input(key), lambda: edits.append(1))
    qtbot.addWidget(editor.widget)
    editor.widget.resize(width, 320)
    editor.widget.show()
    qtbot.waitExposed(editor.widget)
    return editor, edits


def _narrow_titles(editor: TableInputEditor) -> list[str]:
    """Titles wider on one line than their column: these must wrap to be read."""
    header = editor.view.horizontalHeader()
    model = editor.model
    return [
        str(model.headerData(c, Qt.Orientation.Horizontal))
        for c in range(model.columnCount())
        if header.fontMetrics().horizontalAdvance(str(model.headerData(c, Qt.Orientation.Horizontal)))
        > header.sectionSize(c)
    ]


@pytest.mark.parametrize(
    ("tool_id", "key", "width"),
    [
        # E-12's four columns in a 420 px form: "Przypadki rocznie bez działania" cannot stand on one line
        ("E-12", "interventions", 420),
        # J-03's seven criteria "(0–20)" in a 760 px form: the last ones were behind a scroll bar
        ("J-03", "scores", 760),
    ],
)
def test_narrow_columns_titles_wrap_whole_and_every_column_is_in_sight(qtbot, tool_id, key, width) -> None:  # type: ignore[no-untyped-def]
    editor, _edits = _table_input(qtbot, tool_id, key, width)
    view = editor.view
    qtbot.waitUntil(lambda: not cut_titles(view), timeout=5000)
    assert cut_titles(view) == []
    assert _narrow_titles(editor), "no column is narrower than its title: the test shows nothing"
    assert header_lines(view) >= 2
    assert view.horizontalScrollBar().maximum() == 0  # the last column is not off-screen


def test_the_survey_questions_wrap_whole_in_the_tool_form(qtbot) -> None:  # type: ignore[no-untyped-def]
    editor, _edits = _table_input(qtbot, "J-05", "answers", 760)
    view = editor.view
    qtbot.waitUntil(lambda: not cut_titles(view), timeout=5000)
    assert cut_titles(view) == []
    assert _narrow_titles(editor) and header_lines(view) >= 2


def test_short_titles_keep_a_one_line_header(qtbot) -> None:  # type: ignore[no-untyped-def]
    # E-01's titles fit their columns in a 760 px form: no empty second line above the rows
    editor, _edits = _table_input(qtbot, "E-01", "staff", 760)
    view = editor.view
    qtbot.waitUntil(lambda: header_lines(view) == 1, timeout=5000)
    assert cut_titles(view) == [] and _narrow_titles(editor) == []


def _type_and_enter(qtbot, view: QAbstractItemView, text: str) -> None:  # type: ignore[no-untyped-def]
    cell = QApplication.focusWidget()
    assert isinstance(cell, QWidget) and cell is not view and view.isAncestorOf(cell), "no cell editor is open"
    qtbot.keyClicks(cell, text)
    qtbot.keyClick(cell, Qt.Key.Key_Return)  # Qt commits the cell from the event loop
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState, timeout=5000)


def test_add_opens_a_new_empty_row_and_remove_takes_every_selected_row(qtbot) -> None:  # type: ignore[no-untyped-def]
    editor, edits = _table_input(qtbot, "E-12", "interventions", 760)
    editor.widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor.widget, timeout=5000)  # keys go there
    view = editor.view

    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    # the new row is empty (nothing assumed for the clerk) and its first cell is open for typing
    assert editor.cells() == [["", "", "", ""]] and edits
    assert view.currentIndex() == editor.model.index(0, 0)
    _type_and_enter(qtbot, view, "Interwencja A")
    for name in ("Interwencja B", "Interwencja C"):
        editor.add_button.setFocus()
        qtbot.keyClick(editor.add_button, Qt.Key.Key_Space)
        _type_and_enter(qtbot, view, name)
    assert [row[0] for row in editor.cells()] == ["Interwencja A", "Interwencja B", "Interwencja C"]
    assert editor.count.text() == ngettext("{n} row", "{n} rows", 3).format(n=3)

    # rows 1 and 3 picked in the row header (Ctrl adds the second): Remove takes both
    click_row(qtbot, view, 0)
    click_row(qtbot, view, 2, Qt.KeyboardModifier.ControlModifier)
    assert sorted(i.row() for i in view.selectionModel().selectedRows()) == [0, 2]
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert editor.cells() == [["Interwencja B", "", "", ""]]
    assert editor.count.text() == ngettext("{n} row", "{n} rows", 1).format(n=1)

    # nothing selected: Remove takes the current row
    view.clearSelection()
    view.setCurrentIndex(editor.model.index(0, 1))
    view.selectionModel().clearSelection()
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert editor.cells() == []
