"""The input widgets the field editors build on: an amount, a choice of a record or a code, a list
of check boxes, a whole number. `app.ui.widgets.fields` makes editors of them from a field
description (`FieldSpec`); a dialog places a plain field only through `RecordDialog.add_input`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QWidget,
)

from app.core.i18n import _, format_decimal
from app.core.money import MoneyFormatError, parse_money

#: the code a CheckList item returns (a str code, an organisation id)
C = TypeVar("C")


def parse_amount(text: Any) -> Decimal | None:
    """The amount typed in a field or a table cell, None when empty or not an amount (the reader says why)."""
    if isinstance(text, Decimal):
        return text
    text = str(text or "").strip()
    if not text:
        return None
    try:
        return parse_money(text)
    except MoneyFormatError:
        return None


class MoneyEdit(QLineEdit):
    """An amount in złote as the clerk types it: "1 234,50", "1234.50", "1234,5 zł".

    The service parses the text (``text()``); ``value()`` is for live totals. After editing the
    text is rewritten in the Polish format when it parses.
    """

    def __init__(self, parent: QWidget | None = None, *, reformat: bool = True) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText("0,00")
        self.setMaximumWidth(180)
        if reformat:  # off where the text itself is kept (a Kreator answer is stored as typed)
            self.editingFinished.connect(self._reformat)

    def value(self) -> Decimal | None:
        """The amount, None when empty or not an amount."""
        return parse_amount(self.text())

    def set_value(self, value: Decimal | str | None) -> None:
        if value is None or value == "":
            self.setText("")
        elif isinstance(value, Decimal):
            self.setText(money_text(value))
        else:
            self.setText(str(value))

    def _reformat(self) -> None:
        amount = self.value()
        if amount is not None:
            formatted = money_text(amount)
            if formatted != self.text():
                self.setText(formatted)


def money_text(value: Decimal) -> str:
    """1234.5 → "1 234,50" (plain spaces, so the text can be edited and parsed back)."""
    return format_decimal(value, 2).replace("\u00a0", " ").replace("\u202f", " ")


class IdCombo(QComboBox):
    """Choice of a record by id, e.g. the public task of a procedure; optionally with "(none)"."""

    def __init__(
        self, items: Sequence[tuple[Any, str]] = (), *, empty_text: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._empty_text = empty_text
        self.set_items(items)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(30)

    def set_items(self, items: Sequence[tuple[Any, str]]) -> None:
        self.clear()
        if self._empty_text is not None:
            self.addItem(self._empty_text, None)
        for key, label in items:
            self.addItem(label, key)

    def value(self) -> Any | None:
        return self.currentData()

    def set_value(self, key: Any | None) -> None:
        index = self.findData(key)
        self.setCurrentIndex(max(index, 0))


class CheckList(QListWidget, Generic[C]):
    """Multi-select as a list of check boxes (WKUS areas, art. 4 spheres). Emits `changed`."""

    changed = Signal()

    def __init__(self, items: Sequence[tuple[C, str]] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        # long names (the art. 4 spheres) wrap onto a second line instead of needing a sideways scroll
        self.setWordWrap(True)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.itemChanged.connect(lambda _item: self.changed.emit())
        self.set_items(items)

    def set_items(self, items: Sequence[tuple[C, str]]) -> None:
        """(code, label) pairs; the label is shown, the code returned."""
        self.blockSignals(True)
        self.clear()
        for code, label in items:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setToolTip(label)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        self.blockSignals(False)

    def values(self) -> tuple[C, ...]:
        out: list[C] = []
        for i in range(self.count()):
            item = self.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return tuple(out)

    def set_values(self, codes: Iterable[Any]) -> None:
        wanted = {getattr(c, "value", c) for c in codes}
        self.blockSignals(True)
        for i in range(self.count()):
            item = self.item(i)
            state = Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in wanted else Qt.CheckState.Unchecked
            item.setCheckState(state)
        self.blockSignals(False)
        self.changed.emit()

    def set_checked(self, code: C, checked: bool = True) -> None:
        for i in range(self.count()):
            item = self.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == code:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # Space toggles the current item (NoSelection mode would otherwise ignore it).
        if event.key() == Qt.Key.Key_Space and self.currentItem() is not None:
            item = self.currentItem()
            item.setCheckState(
                Qt.CheckState.Unchecked if item.checkState() == Qt.CheckState.Checked else Qt.CheckState.Checked
            )
            return
        super().keyPressEvent(event)


def area_items() -> list[tuple[str, str]]:
    from app.core.domain.enums import WkusArea

    return [(a.value, a.label) for a in WkusArea]


def sphere_items() -> list[tuple[str, str]]:
    """Art. 4 spheres as "pkt 1a – name" (the names are the act's Polish text)."""
    from app.core.law.data import law

    return [(code, _("item {code}: {name}").format(code=code, name=s.name)) for code, s in law().spheres.items()]


def spin(maximum: int = 100000, minimum: int = 0) -> QSpinBox:
    box = QSpinBox()
    box.setRange(minimum, maximum)
    box.setGroupSeparatorShown(True)
    box.setMaximumWidth(120)
    return box
