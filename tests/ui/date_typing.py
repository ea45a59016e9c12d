"""Typing into the app's fields as a clerk does: a click somewhere in the field, the keys one by
one, then Tab to leave it (tests of issue 15). Dates, single- and multi-line text, numbers in a
spin box, a choice picked by typing its first letters, a check box toggled with Space, a table
cell."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QWidget,
)

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
    # the keys go where the focus is: the view, or the cell's editor when selecting the cell opened it
    first = QApplication.focusWidget()
    if first is None or not (first is view or view.isAncestorOf(first)):
        first = view
    type_text(qtbot, first, text[:1])
    editor = QApplication.focusWidget()
    assert editor is not view, "typing did not open the cell's editor"
    type_text(qtbot, editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Tab)


def bring_forward(dialog: QWidget, widget: QWidget) -> bool:
    """Show the tab holding `widget` (as the clerk clicks it); False when that tab is disabled."""
    tabs = getattr(dialog, "tabs", None)
    if tabs is not None:
        for i in range(tabs.count()):
            if tabs.widget(i).isAncestorOf(widget):
                if not tabs.isTabEnabled(i):
                    return False
                tabs.setCurrentIndex(i)
    return widget.isVisibleTo(dialog)


def type_text(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Key by key; QTest knows only ASCII keys (a Polish letter aborts it), so any other character
    is sent as its text with no key code, as a keyboard layout delivers it."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClick(widget, ch)
        else:
            for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def type_lines(qtbot, edit: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type `text` key by key; a line break is the Enter key."""
    for i, line in enumerate(text.split("\n")):
        if i:
            qtbot.keyClick(edit, Qt.Key.Key_Return)
        type_text(qtbot, edit, line)


def type_into(qtbot, widget: QWidget, keys: str | bool) -> None:  # type: ignore[no-untyped-def]
    """Give `widget` what a clerk types into it: click (or Tab) into it, replace what it holds with
    `keys` typed one by one, leave it with Tab. A check box takes True (one Space press)."""
    if isinstance(widget, DateEdit):
        assert isinstance(keys, str)
        type_date(qtbot, widget, keys)
        return
    if isinstance(widget, QCheckBox):
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        if keys:
            qtbot.keyClick(widget, Qt.Key.Key_Space)
        return
    assert isinstance(keys, str), (widget, keys)
    if isinstance(widget, QComboBox) and not widget.isEditable():
        # a closed drop-down picks the entry whose text starts with the letters typed, "↓" is the
        # Down arrow (the next entry); a space would open the list
        assert " " not in keys, keys
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        for part in keys:
            if part == "↓":
                qtbot.keyClick(widget, Qt.Key.Key_Down)
            else:
                type_text(qtbot, widget, part)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        return
    target: QWidget = widget
    if isinstance(widget, QAbstractSpinBox):
        target = widget.lineEdit()  # type: ignore[assignment]
    elif isinstance(widget, QComboBox):
        target = widget.lineEdit()
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=QPoint(target.width() // 2, target.height() // 2))
    qtbot.keyClick(target, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # replace what is there
    if keys:
        type_lines(qtbot, target, keys)
    else:
        qtbot.keyClick(target, Qt.Key.Key_Delete)
    if not isinstance(widget, QPlainTextEdit) or widget.tabChangesFocus():
        qtbot.keyClick(target, Qt.Key.Key_Tab)


def tick(qtbot, checklist: QListWidget, labels: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Tick the entries of a check list whose text starts with each label: go to it, press Space."""
    checklist.setFocus(Qt.FocusReason.TabFocusReason)
    for label in labels:
        row = next(i for i in range(checklist.count()) if checklist.item(i).text().startswith(label))
        checklist.setCurrentRow(row)
        qtbot.keyClick(checklist, Qt.Key.Key_Space)
