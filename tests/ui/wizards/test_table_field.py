"""A Kreator table field is the one editable table (issue 20 leftovers): a survey's questions wrap
whole in the header, Add/Remove work from the keyboard and the mouse, Remove takes every selected row."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QVBoxLayout, QWidget

from app.core.wizards.base import Field
from app.core.wizards.catalogue import WIZARDS
from app.ui.wizards.fields import FieldEditor
from tests.ui.table_view import click_row, cut_titles, header_lines


def _field(kind: str, key: str) -> Field:
    wizard = WIZARDS[kind]
    return next(f for step in wizard.steps for f in wizard.step(step).fields if f.key == key)


def _shown(qtbot, field: Field, width: int) -> tuple[QWidget, FieldEditor]:  # type: ignore[no-untyped-def]
    host = QWidget()
    qtbot.addWidget(host)
    editor = FieldEditor(field, host)
    QVBoxLayout(host).addWidget(editor.container)
    host.resize(width, 380)
    host.show()
    qtbot.waitExposed(host)
    return host, editor


def test_the_survey_questions_wrap_whole_in_the_kreator_table(qtbot) -> None:  # type: ignore[no-untyped-def]
    # the evaluation's survey: six columns in a 760 px page; the questions were cut after two lines
    _host, editor = _shown(qtbot, _field("evaluation", "survey"), 760)
    view = editor.table.view
    qtbot.waitUntil(lambda: not cut_titles(view), timeout=5000)
    assert cut_titles(view) == []
    assert header_lines(view) >= 2


def test_short_titles_share_the_page_on_one_line(qtbot) -> None:  # type: ignore[no-untyped-def]
    # the commission's seven candidate criteria are single words: all seven in view, one line
    _host, editor = _shown(qtbot, _field("commission", "candidates"), 760)
    view = editor.table.view
    qtbot.waitUntil(lambda: header_lines(view) == 1, timeout=5000)
    assert cut_titles(view) == []
    assert view.horizontalScrollBar().maximum() == 0  # no column is out of sight


def test_add_and_remove_rows_with_keys_and_the_mouse(qtbot) -> None:  # type: ignore[no-untyped-def]
    host, editor = _shown(qtbot, _field("commission", "partners"), 760)
    host.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is host, timeout=5000)  # keys go to the active window
    table = editor.table
    for name in ("Stowarzyszenie A", "Fundacja B", "Klub C"):
        table.add_button.setFocus()
        qtbot.keyClick(table.add_button, Qt.Key.Key_Space)
        qtbot.keyClick(table.view, name[0])  # the new row's first cell is current: a key opens it
        cell = QApplication.focusWidget()
        assert cell is not None and cell is not table.view, "typing did not open the cell"
        qtbot.keyClicks(cell, name[1:])
        qtbot.keyClick(cell, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: table.view.state() != QAbstractItemView.State.EditingState, timeout=5000)
    assert [row["name"] for row in editor.value()] == ["Stowarzyszenie A", "Fundacja B", "Klub C"]

    click_row(qtbot, table.view, 0)
    click_row(qtbot, table.view, 1, Qt.KeyboardModifier.ControlModifier)
    qtbot.mouseClick(table.remove_button, Qt.MouseButton.LeftButton)
    assert [row["name"] for row in editor.value()] == ["Klub C"]

    # no row picked: Remove takes the last one, as before
    table.view.setCurrentIndex(table.model.index(-1, -1))
    table.view.clearSelection()
    table.add_button.setFocus()
    qtbot.keyClick(table.add_button, Qt.Key.Key_Space)
    table.view.setCurrentIndex(table.model.index(-1, -1))
    qtbot.mouseClick(table.remove_button, Qt.MouseButton.LeftButton)
    assert [row["name"] for row in editor.value()] == ["Klub C"]
