"""One input widget per core `Field` kind; the page reads and writes plain JSON values through it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyledItemDelegate,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import N_, _
from app.core.wizards.base import Column, Field
from app.ui.widgets.date_edit import DateLine, DateTextDelegate

#: msgids, translated when shown (they were Polish literals, left over in the English UI)
PLACEHOLDERS = {
    "money": N_("e.g. 1 234,50"),
    "date": N_("DD.MM.YYYY"),
}


class ChoiceDelegate(QStyledItemDelegate):
    """A table column picked from a list (Column.choices): a drop-down instead of free typing."""

    def __init__(self, column: Column, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.column = column

    def createEditor(self, parent: QWidget, _option: Any, _index: Any) -> QWidget:  # noqa: N802 (Qt)
        combo = QComboBox(parent)
        combo.addItems(self.column.choices() if self.column.choices is not None else [])
        combo.setAccessibleName(_(self.column.label))
        return combo

    def setEditorData(self, editor: QWidget, index: Any) -> None:  # noqa: N802 (Qt)
        combo = editor
        assert isinstance(combo, QComboBox), "createEditor makes a combo box"
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        found = combo.findText(text, Qt.MatchFlag.MatchFixedString)
        if found < 0 and text:  # an old value not in the list: keep it offered as typed
            combo.addItem(text)
            found = combo.count() - 1
        combo.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model: Any, index: Any) -> None:  # noqa: N802 (Qt)
        assert isinstance(editor, QComboBox), "createEditor makes a combo box"
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class FieldEditor(QObject):
    """Wraps the input of one field: `widget` to place, `value()`/`set_value()`, `changed` signal."""

    changed = Signal()

    def __init__(self, field: Field, parent: QWidget) -> None:
        super().__init__(parent)
        self.field = field
        self.container = QWidget(parent)
        lay = QVBoxLayout(self.container)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        self.label: QLabel | None = None
        if field.kind != "bool":
            self.label = QLabel(_(field.label) + (" *" if field.required else ""), self.container)
            self.label.setWordWrap(True)
            lay.addWidget(self.label)
        self.input = self._make_input()
        if self.label is not None:
            self.label.setBuddy(self.input)
        lay.addWidget(self.input_container)
        if field.help:
            hint = QLabel(_(field.help), self.container)
            hint.setWordWrap(True)
            hint.setStyleSheet("color: palette(mid);")
            lay.addWidget(hint)
        self.error = QLabel("", self.container)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setObjectName(f"error_{field.key}")
        self.error.hide()
        lay.addWidget(self.error)

    # ---- construction ------------------------------------------------------------------------------

    def _make_input(self) -> QWidget:
        f = self.field
        self.input_container: QWidget
        w: QWidget
        if f.kind == "textarea":
            w = QPlainTextEdit(self.container)
            w.setTabChangesFocus(True)
            w.setFixedHeight(72)
            w.textChanged.connect(self.changed)
        elif f.kind == "bool":
            w = QCheckBox(_(f.label), self.container)
            w.toggled.connect(self.changed)
        elif f.kind == "choice":
            w = QComboBox(self.container)
            w.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            w.setMinimumContentsLength(30)
            w.currentIndexChanged.connect(self.changed)
        elif f.kind == "multi":
            w = QListWidget(self.container)
            w.setFixedHeight(130)
            # long art. 4 sphere names wrap instead of scrolling sideways
            w.setWordWrap(True)
            w.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            w.itemChanged.connect(lambda _item: self.changed.emit())
        elif f.kind == "table":
            self.input_container = QWidget(self.container)
            box = QVBoxLayout(self.input_container)
            box.setContentsMargins(0, 0, 0, 0)
            w = QTableWidget(0, len(f.columns), self.input_container)
            w.setHorizontalHeaderLabels([_(c.label) + (" *" if c.required else "") for c in f.columns])
            for c, col in enumerate(f.columns):
                header_item = w.horizontalHeaderItem(c)
                assert header_item is not None, "setHorizontalHeaderLabels made one per column"
                header_item.setToolTip(_(col.label))
            w.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            # long headers (a survey's questions) wrap onto more lines instead of being cut
            w.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
            longest = max((len(_(c.label)) for c in f.columns), default=0)
            lines = 1 if longest <= 20 else 2 if longest <= 40 else 3
            if lines > 1:  # the header does not grow for wrapped text by itself
                w.horizontalHeader().setMinimumHeight(w.fontMetrics().lineSpacing() * lines + 10)
            w.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            w.setTabKeyNavigation(False)
            w.setMinimumHeight(240)
            for c, col in enumerate(f.columns):
                if col.choices is not None:
                    w.setItemDelegateForColumn(c, ChoiceDelegate(col, w))
                elif col.kind == "date":
                    w.setItemDelegateForColumn(c, DateTextDelegate(w))
            w.itemChanged.connect(lambda _item: self.changed.emit())
            box.addWidget(w)
            buttons = QHBoxLayout()
            add = QPushButton(_("Add row"), self.input_container)
            remove = QPushButton(_("Remove row"), self.input_container)
            add.clicked.connect(lambda: self._add_row({}))
            remove.clicked.connect(self._remove_row)
            buttons.addWidget(add)
            buttons.addWidget(remove)
            buttons.addStretch(1)
            box.addLayout(buttons)
            return w
        else:
            # a date is the app's one date field (core parser, calendar, whole date selected on click)
            w = DateLine(parent=self.container) if f.kind == "date" else QLineEdit(self.container)
            if f.kind in PLACEHOLDERS:
                w.setPlaceholderText(_(PLACEHOLDERS[f.kind]))
            if f.kind in ("money", "number", "int", "date"):
                w.setMaximumWidth(220)
            w.textChanged.connect(self.changed)
        w.setObjectName(f"field_{f.key}")
        self.input_container = w
        return w

    def _table(self) -> QTableWidget:
        table = self.input
        assert isinstance(table, QTableWidget), "only a table field has rows"
        return table

    def _add_row(self, row: dict[str, Any]) -> None:
        table = self._table()
        r = table.rowCount()
        table.insertRow(r)
        for c, col in enumerate(self.field.columns):
            table.setItem(r, c, QTableWidgetItem(str(row.get(col.key, "") or "")))
        self.changed.emit()

    def _remove_row(self) -> None:
        table = self._table()
        rows = sorted({i.row() for i in table.selectedIndexes()}, reverse=True) or (
            [table.rowCount() - 1] if table.rowCount() else [])
        for r in rows:
            table.removeRow(r)
        self.changed.emit()

    # ---- values ------------------------------------------------------------------------------------

    def set_options(self, options: list[tuple[str, str]]) -> None:
        w = self.input  # its class says the kind: _make_input makes one class per kind
        if isinstance(w, QComboBox):  # a "choice" field
            current = self.value()
            w.blockSignals(True)
            w.clear()
            if not any(code == "" for code, _label in options):
                w.addItem(_("— choose —"), "")
            for code, label in options:
                w.addItem(label, code)
            w.blockSignals(False)
            self.set_value(current)
        elif isinstance(w, QListWidget):  # a "multi" field
            current = self.value()
            w.blockSignals(True)
            w.clear()
            for code, label in options:
                item = QListWidgetItem(label, w)
                item.setData(Qt.ItemDataRole.UserRole, code)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
            w.blockSignals(False)
            self.set_value(current)

    def value(self) -> Any:
        w = self.input
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QComboBox):
            data = w.currentData()
            return "" if data is None else str(data)
        if isinstance(w, QListWidget):
            out = []
            for i in range(w.count()):
                item = w.item(i)
                if item.checkState() == Qt.CheckState.Checked:
                    out.append(str(item.data(Qt.ItemDataRole.UserRole)))
            return out
        if isinstance(w, QTableWidget):
            rows = []
            for r in range(w.rowCount()):
                row = {}
                for c, col in enumerate(self.field.columns):
                    cell = w.item(r, c)
                    row[col.key] = cell.text() if cell is not None else ""
                rows.append(row)
            return rows
        assert isinstance(w, QLineEdit), "every other kind is typed on one line"
        return w.text()

    def set_value(self, value: Any) -> None:
        w = self.input
        self.blockSignals(True)
        try:
            if isinstance(w, QPlainTextEdit):
                if w.toPlainText() != (value or ""):
                    w.setPlainText(str(value or ""))
            elif isinstance(w, QCheckBox):
                w.setChecked(bool(value))
            elif isinstance(w, QComboBox):
                idx = w.findData("" if value is None else str(value))
                w.setCurrentIndex(max(idx, 0))
            elif isinstance(w, QListWidget):
                chosen = {str(v) for v in (value or [])}
                for i in range(w.count()):
                    item = w.item(i)
                    item.setCheckState(Qt.CheckState.Checked if str(item.data(Qt.ItemDataRole.UserRole)) in chosen
                                       else Qt.CheckState.Unchecked)
            elif isinstance(w, QTableWidget):
                w.blockSignals(True)
                w.setRowCount(0)
                for row in value or []:
                    if isinstance(row, dict):
                        self._add_row(row)
                w.blockSignals(False)
            else:
                assert isinstance(w, QLineEdit), "every other kind is typed on one line"
                if w.text() != str(value or ""):
                    w.setText("" if value is None else str(value))
        finally:
            self.blockSignals(False)

    def set_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))
        self.input.setStyleSheet("border: 1px solid #b00020;" if message and self.field.kind in (
            "text", "money", "number", "int", "date", "textarea") else "")

    def set_visible(self, visible: bool) -> None:
        self.container.setVisible(visible)

    def focus_widgets(self) -> list[QWidget]:
        """Widgets in tab order (a table adds its buttons)."""
        if self.field.kind == "table":
            return [self.input] + [b for b in self.input_container.findChildren(QPushButton)]
        return [self.input]
