"""One editor per simple input type of the tool forms (number, money, percent, date, choice,
Likert 1–5, checklist, text). Tables are in table_editor.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import _
from app.ui.tools.colours import colour
from app.ui.tools.field_text import ParseError, format_value, parse_text, unit_suffix
from app.ui.tools.labels import choice_options, localized_text


class _Editor:
    """A field editor: `widget` goes into the form; `value()` raises ParseError for unreadable text."""

    widget: QWidget

    def __init__(self, defn: Any, on_change: Callable[[], None]) -> None:
        self.defn = defn
        self.kind: str = getattr(defn, "type", "text")
        self._on_change = on_change

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def set_error(self, on: bool) -> None:
        # by object name, so the frame goes round the group and not round every radio button inside
        if not self.widget.objectName():
            self.widget.setObjectName(f"field_{getattr(self.defn, 'key', 'x')}")
        name = self.widget.objectName()
        self.widget.setStyleSheet(f"#{name} {{ border: 1px solid {colour('error')}; }}" if on else "")


class _LineEditor(_Editor):
    """number, money, percent: right-aligned text with the unit after it."""

    def __init__(self, defn: Any, on_change: Callable[[], None]) -> None:
        super().__init__(defn, on_change)
        self.edit = QLineEdit()
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.edit.setMaximumWidth(220)
        self.edit.textEdited.connect(lambda _t: on_change())
        self.widget = QWidget()
        row = QHBoxLayout(self.widget)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        suffix = unit_suffix(defn)
        if suffix:
            row.addWidget(QLabel(suffix))
        row.addStretch(1)
        if self.kind == "money":
            self.edit.setPlaceholderText("0,00")

    def value(self) -> Any:
        return parse_text(self.kind, self.edit.text(), integer=bool(getattr(self.defn, "integer", False)))

    def set_value(self, value: Any) -> None:
        self.edit.setText(format_value(self.kind, value, integer=bool(getattr(self.defn, "integer", False))))

    def set_error(self, on: bool) -> None:
        self.edit.setStyleSheet(f"border: 1px solid {colour('error')};" if on else "")


class _TextEditor(_Editor):
    def __init__(self, defn: Any, on_change: Callable[[], None]) -> None:
        super().__init__(defn, on_change)
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)  # Tab moves on; the form stays keyboard-friendly
        self.edit.setFixedHeight(64)
        self.edit.textChanged.connect(on_change)
        self.widget = self.edit

    def value(self) -> Any:
        return self.edit.toPlainText().strip() or None

    def set_value(self, value: Any) -> None:
        self.edit.setPlainText("" if value is None else str(value))


class _DateEditor(_Editor):
    """The app's date field (typed as 15.12.2025 or 1.2.26, a calendar, empty = not given)."""

    def __init__(self, defn: Any, on_change: Callable[[], None]) -> None:
        super().__init__(defn, on_change)
        from app.ui.widgets.date_edit import DateEdit

        self.edit = DateEdit(optional=True)
        self.edit.changed.connect(on_change)
        self.widget = self.edit

    def value(self) -> Any:
        from app.core.dates import DateFormatError, parse_date

        try:
            return parse_date(self.edit.text())
        except DateFormatError as exc:
            raise ParseError(exc.message) from exc

    def set_error(self, on: bool) -> None:
        self.edit.line.setStyleSheet(f"border: 1px solid {colour('error')};" if on else "")

    def set_value(self, value: Any) -> None:
        if isinstance(value, str):
            value = dt.date.fromisoformat(value)
        self.edit.set_value(value or None)


class _ChoiceEditor(_Editor):
    def __init__(self, defn: Any, on_change: Callable[[], None]) -> None:
        super().__init__(defn, on_change)
        self.combo = QComboBox()
        self.combo.addItem(_("— choose —"), None)
        for value, label in choice_options(defn):
            self.combo.addItem(label, value)
        self.combo.currentIndexChanged.connect(lambda _i: on_change())
        self.widget = self.combo

    def value(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value) if value is not None else 0
        self.combo.setCurrentIndex(max(index, 0))


class _LikertEditor(_Editor):
    """Likert 1–5 as a row of radio buttons plus "no answer"."""

    def __init__(self, defn: Any, on_change: Callable[[], None]) -> None:
        super().__init__(defn, on_change)
        self.group = QButtonGroup()
        self.widget = QWidget()
        row = QHBoxLayout(self.widget)
        row.setContentsMargins(0, 0, 0, 0)
        self._extra: Any = None  # a value outside 1–5 given by code/import, kept so the core can reject it
        for n in range(1, 6):
            button = QRadioButton(str(n))
            self.group.addButton(button, n)
            row.addWidget(button)
        none = QRadioButton(_("no answer"))
        self.group.addButton(none, 0)
        row.addWidget(none)
        row.addStretch(1)
        none.setChecked(True)
        self.group.idClicked.connect(lambda _i: self._clicked())

    def _clicked(self) -> None:
        self._extra = None
        self._on_change()

    def value(self) -> Any:
        if self._extra is not None:
            return self._extra
        n = self.group.checkedId()
        return n if n > 0 else None

    def set_value(self, value: Any) -> None:
        self._extra = None
        try:
            n = int(value) if value is not None else 0
        except (TypeError, ValueError):
            n = -1
        button = self.group.button(n) if 0 <= n <= 5 else None
        if button is None:
            self._extra = value  # shown as no choice; the core names the wrong value
            self.group.button(0).setChecked(True)
        else:
            button.setChecked(True)


class _ChecklistEditor(_Editor):
    """A checkbox per item; the value is the list of ticked item keys."""

    def __init__(self, defn: Any, on_change: Callable[[], None]) -> None:
        super().__init__(defn, on_change)
        self.widget = QWidget()
        col = QVBoxLayout(self.widget)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(2)
        self.boxes: dict[str, QCheckBox] = {}
        for item in getattr(defn, "items", ()) or ():
            box = QCheckBox(localized_text(item, "label"))
            box.toggled.connect(lambda _on: on_change())
            self.boxes[str(getattr(item, "key"))] = box
            col.addWidget(box)

    def value(self) -> Any:
        return [key for key, box in self.boxes.items() if box.isChecked()]

    def set_value(self, value: Any) -> None:
        ticked = {str(v) for v in (value or ())}
        if isinstance(value, dict):
            ticked = {str(k) for k, on in value.items() if on}
        for key, box in self.boxes.items():
            box.setChecked(key in ticked)
