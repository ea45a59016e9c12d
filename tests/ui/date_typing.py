"""Typing into the app's date fields as a clerk does: a click somewhere in the field, the keys one
by one, then Tab to leave it (tests of issue 15)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from app.ui.widgets.date_edit import DateEdit


def line_of(field: QWidget) -> QLineEdit:
    return field.line if isinstance(field, DateEdit) else field  # type: ignore[return-value]


def type_date(qtbot, field: QWidget, text: str, *, leave: bool = True) -> None:  # type: ignore[no-untyped-def]
    """Click in the middle of the field (inside the month of a shown date), type `text` key by key,
    Tab out. An empty `text` clears the field the way a clerk does: select all, Delete."""
    line = line_of(field)
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton, pos=QPoint(line.width() // 3, line.height() // 2))
    qtbot.wait(1)  # the click's "select the whole date" runs from the event loop
    if text:
        qtbot.keyClicks(line, text)
    else:
        qtbot.keyClick(line, Qt.Key.Key_Delete)
    if leave:
        qtbot.keyClick(line, Qt.Key.Key_Tab)


def type_in_cell(qtbot, view, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type into the view's current cell as a clerk does: the first key opens the cell's editor,
    the others go to that editor, Tab leaves the cell."""
    from PySide6.QtWidgets import QApplication

    qtbot.keyClicks(view, text[:1])
    editor = QApplication.focusWidget()
    assert editor is not view, "typing did not open the cell's editor"
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
