"""The one family of field editors: a field description (`FieldSpec`) in, an editor out (`make_editor`).

Every schema-driven form builds its inputs here: the record dialogs (`RecordDialog.add_input`), the
tools' forms (`app/ui/tools/form_renderer.py`) and the Kreator's pages (`app/ui/wizards/fields.py`).
An editor has

- ``widget``: what the form places (an input, or an input with its unit after it);
- ``input``: the widget that takes the focus (the label's buddy, the accessible name, the red frame);
- ``raw()``: the value as typed, JSON-friendly (text, a code, a tick, a list of codes);
- ``value()``: the typed value (`spec.parse` of the raw one; raises `ParseError` for unreadable text);
- ``set_value()``, ``validate()`` (a `FieldError` naming the field, or None), ``set_error()``;
- ``changed``: emitted on every edit by the clerk.

What a value *means* (ranges, legal limits, combinations) stays with the core; an editor only reads
what was typed. Tables are not editors of this family (see the table recipe in docs/architecture.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.domain.enums import LabeledEnum
from app.core.errors import FieldError
from app.core.i18n import _
from app.ui.widgets.date_edit import DateEdit
from app.ui.widgets.inputs import CheckList, IdCombo, MoneyEdit, spin

#: one-line text kinds (typed as text, read by `spec.parse`)
LINE_KINDS = ("text", "int", "number", "decimal", "money", "percent")


class ParseError(ValueError):
    """Text of one field that is not a value of its type; the message names no field (the editor does)."""


@dataclass(frozen=True)
class FieldSpec:
    """What a form knows of one field. `label` and `help` are already translated."""

    key: str
    label: str
    #: text | textarea | int | number | decimal | money | percent | date | choice | multi | bool |
    #: tristate (yes / no / half-ticked = not recorded) | likert | checklist |
    #: spin (a whole number with arrows, `minimum`..`maximum`)
    kind: str = "text"
    required: bool = False
    help: str = ""
    #: (code, label) of a choice, a multi-choice or a checklist
    options: Sequence[tuple[Any, str]] = ()
    #: a yes/no box's own text beside the tick (None: the label)
    box_text: str | None = None
    #: a choice's first entry meaning "nothing chosen" (its code is None); None: no such entry
    empty_choice: str | None = None
    #: shown after a one-line input ("zł", "%", "osób")
    unit: str = ""
    placeholder: str | None = None
    #: the widest a one-line input grows (logical pixels)
    width: int | None = None
    #: a one-line input keeps the width it needs (a stretch after it) instead of growing to `width`
    natural_width: bool = False
    #: the fixed height of a multi-line text or a list of check boxes (None: `lines` of text)
    height: int | None = None
    lines: int = 3
    #: numbers line up on the right (None: as the kind does: an amount on the right, text on the left)
    right_aligned: bool | None = None
    minimum: int = 0
    maximum: int = 100000
    #: a whole number shown in digit groups ("12 000"); off for a year
    digit_groups: bool = True
    #: money retyped in the Polish format ("1 234,50") when the clerk leaves the field (off where the
    #: text itself is kept: a Kreator answer, a tool input shown as saved)
    reformat: bool = True
    #: a choice as wide as 30 characters of its entries (long names of records)
    wide_choice: bool = False
    #: the date's reading in words beside it also says what is wrong (off where the form shows errors)
    inline_date_errors: bool = True
    #: typed (raw) value -> value; raises ParseError. None: the raw value is the value
    parse: Callable[[Any], Any] | None = None
    #: value -> the text shown in a one-line input. None: str()
    show: Callable[[Any], str] | None = None


class Editor(QObject):
    """The input of one field (see the module docstring); subclasses per kind, built by `make_editor`."""

    changed = Signal()
    widget: QWidget
    input: QWidget

    def __init__(
        self, spec: FieldSpec, on_change: Callable[[], None] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self.key = spec.key
        self.kind = spec.kind
        if on_change is not None:
            self.changed.connect(on_change)

    def _emit(self, *_args: Any) -> None:
        self.changed.emit()

    # ---- values --------------------------------------------------------------------------------

    def raw(self) -> Any:
        raise NotImplementedError

    def value(self) -> Any:
        raw = self.raw()
        return self.spec.parse(raw) if self.spec.parse is not None else raw

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def validate(self) -> FieldError | None:
        """What is wrong with the field, its message naming the field ("Kwota: wpisz kwotę…")."""
        try:
            value = self.value()
        except ParseError as exc:
            return FieldError(self.key, self.spec.label, str(exc))
        if self.spec.required and value in (None, "", [], ()):
            return FieldError(self.key, self.spec.label, _("This field is required."))
        return None

    # ---- looks -----------------------------------------------------------------------------------

    def set_error(self, on: bool) -> None:
        """A red frame round the input (by object name: round a group, not every button in it)."""
        from app.ui.tools.colours import colour

        target = self.input
        if not target.objectName():
            target.setObjectName(f"field_{self.key}")
        name = target.objectName()
        target.setStyleSheet(f"#{name} {{ border: 1px solid {colour('error')}; }}" if on else "")

    def set_accessible_name(self, name: str) -> None:
        self.widget.setAccessibleName(name)
        self.input.setAccessibleName(name)


class LineEditor(Editor):
    """One line of text: a name, a number, an amount (MoneyEdit), a per cent; the unit after it."""

    def __init__(
        self, spec: FieldSpec, on_change: Callable[[], None] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(spec, on_change, parent)
        self.edit: QLineEdit = MoneyEdit(reformat=spec.reformat) if spec.kind == "money" else QLineEdit()
        if spec.right_aligned is False:
            self.edit.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        elif spec.right_aligned:
            self.edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        if spec.placeholder is not None:
            self.edit.setPlaceholderText(spec.placeholder)
        if spec.width is not None:
            self.edit.setMaximumWidth(spec.width)
        self.edit.textEdited.connect(self._emit)
        self.input = self.edit
        if spec.unit or spec.natural_width:
            self.widget = QWidget()
            row = QHBoxLayout(self.widget)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(self.edit)
            if spec.unit:
                row.addWidget(QLabel(spec.unit))
            row.addStretch(1)
        else:
            self.widget = self.edit

    def raw(self) -> str:
        return self.edit.text()

    def set_value(self, value: Any) -> None:
        if self.spec.show is None and isinstance(self.edit, MoneyEdit):
            self.edit.set_value(value)  # a Decimal in the Polish format ("1 234,50")
            return
        if value is None or value == "":
            text = ""
        else:
            text = self.spec.show(value) if self.spec.show is not None else str(value)
        if self.edit.text() != text:
            self.edit.setText(text)

    def set_error(self, on: bool) -> None:
        from app.ui.tools.colours import colour

        self.edit.setStyleSheet(f"border: 1px solid {colour('error')};" if on else "")


class TextAreaEditor(Editor):
    """Several lines of text; Tab moves on to the next field, as everywhere else."""

    def __init__(
        self, spec: FieldSpec, on_change: Callable[[], None] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(spec, on_change, parent)
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(spec.height or self.edit.fontMetrics().lineSpacing() * spec.lines + 14)
        self.edit.textChanged.connect(self._emit)
        self.widget = self.input = self.edit

    def raw(self) -> str:
        return self.edit.toPlainText()

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if self.edit.toPlainText() != text:
            self.edit.setPlainText(text)

    def set_error(self, on: bool) -> None:
        from app.ui.tools.colours import colour

        self.edit.setStyleSheet(f"border: 1px solid {colour('error')};" if on else "")


class SpinEditor(Editor):
    """A whole number with arrows, within `minimum`..`maximum`."""

    def __init__(
        self, spec: FieldSpec, on_change: Callable[[], None] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(spec, on_change, parent)
        self.box: QSpinBox = spin(spec.maximum, spec.minimum)
        self.box.setGroupSeparatorShown(spec.digit_groups)
        self.box.valueChanged.connect(self._emit)
        self.widget = self.input = self.box

    def raw(self) -> int:
        return self.box.value()

    def set_value(self, value: Any) -> None:
        self.box.setValue(int(value or 0))


class DateEditor(Editor):
    """The app's one date field (typed as 15.12.2025 or 1.2.26, a calendar, empty = not given)."""

    def __init__(
        self, spec: FieldSpec, on_change: Callable[[], None] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(spec, on_change, parent)
        self.edit = DateEdit(optional=True)
        self.edit.set_inline_errors(spec.inline_date_errors)
        if spec.width is not None:
            self.edit.line.setMaximumWidth(spec.width)
        if spec.placeholder is not None:
            self.edit.line.setPlaceholderText(spec.placeholder)
        self.edit.changed.connect(self._emit)
        self.widget = self.edit
        self.input = self.edit.line

    def raw(self) -> str:
        return self.edit.text()

    def value(self) -> Any:
        """`spec.parse` of the text; without one the date, None when empty, or the text that is not
        a date (the service names the field and the problem: a mistake is never saved as "no date")."""
        if self.spec.parse is not None:
            return self.spec.parse(self.raw())
        return self.edit.value()

    def set_value(self, value: Any) -> None:
        if isinstance(value, str) and value:
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                pass  # typed text that is not a date stays as typed: the core names the mistake
        if value in (None, "") and self.edit.text() == "":
            return
        self.edit.set_value(value or None)

    def set_error(self, on: bool) -> None:
        from app.ui.tools.colours import colour

        self.edit.line.setStyleSheet(f"border: 1px solid {colour('error')};" if on else "")


class ChoiceEditor(Editor):
    """One of a list, as a drop-down; the options may change (`set_options`)."""

    def __init__(
        self, spec: FieldSpec, on_change: Callable[[], None] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(spec, on_change, parent)
        self.combo = IdCombo(empty_text=spec.empty_choice)
        if not spec.wide_choice:
            self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContentsOnFirstShow)
            self.combo.setMinimumContentsLength(0)
        self.combo.set_items(list(spec.options))
        self.combo.currentIndexChanged.connect(self._emit)
        self.widget = self.input = self.combo

    def set_options(self, options: Sequence[tuple[Any, str]]) -> None:
        """New entries, the choice kept when still offered (no `changed`: the clerk did nothing)."""
        current = self.combo.currentData()
        self.combo.blockSignals(True)
        try:
            self.combo.set_items(list(options))
            self.set_value(current)
        finally:
            self.combo.blockSignals(False)

    def raw(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        value = getattr(value, "value", value)  # an enum member is offered by its code
        index = -1 if value is None else self.combo.findData(value)
        if index < 0 and value is not None:
            index = self.combo.findData(str(value))  # a code saved as text (JSON answers)
        if index < 0:
            index = self.combo.findData(None)
        self.combo.setCurrentIndex(max(index, 0))


class MultiEditor(Editor):
    """Several of a list, as check boxes in a list (long names wrap)."""

    def __init__(
        self, spec: FieldSpec, on_change: Callable[[], None] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(spec, on_change, parent)
        self.list: CheckList[Any] = CheckList(list(spec.options))
        if spec.height is not None:
            self.list.setFixedHeight(spec.height)
        self.list.changed.connect(self._emit)
        self.widget = self.input = self.list

    def set_options(self, options: Sequence[tuple[Any, str]]) -> None:
        current = self.list.values()
        self.list.blockSignals(True)
        try:
            self.list.set_items(list(options))
            self.list.set_values(current)
        finally:
            self.list.blockSignals(False)

    def raw(self) -> list[Any]:
        return list(self.list.values())

    def set_value(self, value: Any) -> None:
        wanted = {str(getattr(v, "value", v)) for v in (value or ())}
        codes = [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]
        self.list.set_values([c for c in codes if str(c) in wanted])


class BoolEditor(Editor):
    """Yes or no, as a check box carrying the field's label."""

    def __init__(
        self, spec: FieldSpec, on_change: Callable[[], None] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(spec, on_change, parent)
        self.box = QCheckBox(spec.label if spec.box_text is None else spec.box_text)
        self.box.toggled.connect(self._emit)
        self.widget = self.input = self.box

    def raw(self) -> bool:
        return self.box.isChecked()

    def set_value(self, value: Any) -> None:
        self.box.setChecked(bool(value))


class TriStateEditor(Editor):
    """Yes, no or not recorded: a check box that is half-ticked while the fact is unknown (None).

    The box takes the half-ticked state only once the value is unknown (`set_value(None)`); a box
    that started as a plain yes/no stays one, so a click never turns the clerk's answer into
    "not recorded". Unknown stays unknown: the value is None, never False.
    """

    def __init__(
        self, spec: FieldSpec, on_change: Callable[[], None] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(spec, on_change, parent)
        self.box = QCheckBox(spec.label if spec.box_text is None else spec.box_text)
        self.box.stateChanged.connect(self._emit)
        self.widget = self.input = self.box

    def raw(self) -> bool | None:
        if self.box.checkState() == Qt.CheckState.PartiallyChecked:
            return None
        return self.box.isChecked()

    def set_value(self, value: Any) -> None:
        if value is None:
            self.box.setTristate(True)
            self.box.setCheckState(Qt.CheckState.PartiallyChecked)
        else:
            self.box.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)


class LikertEditor(Editor):
    """Likert 1–5 as a row of radio buttons plus "no answer"."""

    def __init__(
        self, spec: FieldSpec, on_change: Callable[[], None] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(spec, on_change, parent)
        self.group = QButtonGroup()
        self.widget = self.input = QWidget()
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
        self.group.idClicked.connect(self._clicked)

    def _clicked(self, _id: int) -> None:
        self._extra = None
        self.changed.emit()

    def raw(self) -> Any:
        if self._extra is not None:
            return self._extra
        n = self.group.checkedId()
        return n if n > 0 else None

    def value(self) -> Any:
        return self.raw()

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


class ChecklistEditor(Editor):
    """A check box per item, one under another; the value is the list of ticked item codes."""

    def __init__(
        self, spec: FieldSpec, on_change: Callable[[], None] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(spec, on_change, parent)
        self.widget = self.input = QWidget()
        col = QVBoxLayout(self.widget)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(2)
        self.boxes: dict[str, QCheckBox] = {}
        for code, label in spec.options:
            box = QCheckBox(label)
            box.toggled.connect(self._emit)
            self.boxes[str(code)] = box
            col.addWidget(box)

    def raw(self) -> list[str]:
        return [key for key, box in self.boxes.items() if box.isChecked()]

    def value(self) -> list[str]:
        return self.raw()

    def set_value(self, value: Any) -> None:
        ticked = {str(v) for v in (value or ())}
        if isinstance(value, dict):
            ticked = {str(k) for k, on in value.items() if on}
        for key, box in self.boxes.items():
            box.setChecked(key in ticked)


def enum_choice(enum_cls: type[LabeledEnum], members: Iterable[LabeledEnum] | None = None) -> dict[str, Any]:
    """`options` and `parse` of a choice of an enum's members (shown by their translated labels):
    ``FieldSpec("area", _("Area"), "choice", **enum_choice(WkusArea))``; value() is the member."""
    return {
        "options": [(m.value, m.label) for m in (members if members is not None else enum_cls)],
        "parse": lambda code: None if code is None else enum_cls(code),
    }


EDITORS: dict[str, type[Editor]] = {
    **dict.fromkeys(LINE_KINDS, LineEditor),
    "textarea": TextAreaEditor,
    "spin": SpinEditor,
    "date": DateEditor,
    "choice": ChoiceEditor,
    "multi": MultiEditor,
    "bool": BoolEditor,
    "tristate": TriStateEditor,
    "likert": LikertEditor,
    "checklist": ChecklistEditor,
}


def make_editor(spec: FieldSpec, on_change: Callable[[], None] | None = None, parent: QObject | None = None) -> Editor:
    """The editor of a field; an unknown kind is typed as text (a catalogue may name a new kind)."""
    editor = EDITORS.get(spec.kind, TextAreaEditor if spec.kind == "" else LineEditor)(spec, on_change, parent)
    return editor


__all__ = [
    "EDITORS",
    "BoolEditor",
    "ChecklistEditor",
    "ChoiceEditor",
    "DateEditor",
    "Editor",
    "FieldSpec",
    "LikertEditor",
    "LineEditor",
    "MultiEditor",
    "ParseError",
    "SpinEditor",
    "TextAreaEditor",
    "TriStateEditor",
    "enum_choice",
    "make_editor",
]
