"""One input widget per core `Field` kind; the page reads and writes plain JSON values through it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import N_, _
from app.core.wizards.base import Column, Field
from app.ui.widgets.date_edit import DateLine
from app.ui.widgets.editable_table import CellKind, EditableRowsModel, EditColumn, TableEditor

#: msgids, translated when shown (they were Polish literals, left over in the English UI)
PLACEHOLDERS = {
    "money": N_("e.g. 1 234,50"),
    "date": N_("DD.MM.YYYY"),
}


# ---- table fields: the app's one editable table (app/ui/widgets/editable_table.py) ----------------

#: a wizard column's kind as a cell of the editable table (kept as typed: the core reads the answers)
_CELL_KINDS = {"money": CellKind.MONEY, "number": CellKind.DECIMAL, "int": CellKind.INT, "date": CellKind.DATE}


def table_columns(columns: tuple[Column, ...]) -> list[EditColumn]:
    """A table field's columns declared for the editable table (a column with choices is a drop-down
    whose stored value is the text picked)."""
    return [EditColumn(col.key, col.label, CellKind.CHOICE if col.choices is not None
                       else _CELL_KINDS.get(col.kind, CellKind.TEXT), required=col.required, as_typed=True,
                       choices=_offered(col.choices) if col.choices is not None else None)
            for col in columns]


def _offered(texts: Callable[[], list[str]]) -> Callable[[], list[tuple[str, str]]]:
    return lambda: [(t, t) for t in texts()]


def table_editor(field: Field, parent: QWidget) -> TableEditor:
    editor = TableEditor(EditableRowsModel(table_columns(field.columns)), tab_moves=False, remove_last=True,
                         fit=False, parent=parent)
    view = editor.view
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    # long headers (a survey's questions) wrap onto more lines instead of being cut
    view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
    longest = max((len(_(c.label)) for c in field.columns), default=0)
    lines = 1 if longest <= 20 else 2 if longest <= 40 else 3
    if lines > 1:  # the header does not grow for wrapped text by itself
        view.horizontalHeader().setMinimumHeight(view.fontMetrics().lineSpacing() * lines + 10)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setMinimumHeight(240)
    return editor


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
            self.table = table_editor(f, self.container)
            self.table.changed.connect(self.changed)
            self.input_container = self.table
            return self.table.view
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
        if isinstance(w, QTableView):
            model = self.table.model
            return [{col.key: model.cell_text(r, col.key) for col in self.field.columns}
                    for r in range(model.row_count())]
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
            elif isinstance(w, QTableView):
                self.table.model.set_rows([{col.key: str(row.get(col.key, "") or "") for col in self.field.columns}
                                           for row in value or [] if isinstance(row, dict)])
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
            return [self.input, self.table.add_button, self.table.remove_button]
        return [self.input]
