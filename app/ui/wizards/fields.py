"""The fields of a Kreator page: each core `Field` through the shared editors (app/ui/widgets/fields.py),
the table field on its own; the page reads and writes plain JSON values through them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyledItemDelegate,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import N_, _
from app.core.wizards.base import Column, Field
from app.ui.widgets.date_edit import DateTextDelegate
from app.ui.widgets.fields import LINE_KINDS, ChoiceEditor, Editor, FieldSpec, MultiEditor, make_editor

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


def wizard_spec(field: Field) -> FieldSpec:
    """A Kreator field as the description of its editor (app/ui/widgets/fields.py). The answers are
    kept as typed (JSON text): the core reads them, so nothing is parsed or reformatted here."""
    label = _(field.label)
    if field.kind == "textarea":
        return FieldSpec(field.key, label, "textarea", required=field.required, height=72)
    if field.kind == "choice":
        return FieldSpec(field.key, label, "choice", required=field.required, wide_choice=True)
    if field.kind == "multi":
        return FieldSpec(field.key, label, "multi", required=field.required, height=130)
    if field.kind == "bool":
        return FieldSpec(field.key, label, "bool")
    if field.kind == "date":
        # the form shows the core's message under the field: the reading beside it does not repeat it
        return FieldSpec(field.key, label, "date", required=field.required, inline_date_errors=False)
    placeholder = _(PLACEHOLDERS[field.kind]) if field.kind in PLACEHOLDERS else None
    return FieldSpec(field.key, label, field.kind if field.kind in LINE_KINDS else "text",
                     required=field.required, placeholder=placeholder, right_aligned=False, reformat=False,
                     width=220 if field.kind in ("money", "number", "int") else None)


class FieldEditor(QObject):
    """One field of a Kreator page: its label, the shared editor (a table of its own), help and error.

    `input` is the widget that takes the focus; `value()`/`set_value()` read and write plain JSON."""

    changed = Signal()

    def __init__(self, field: Field, parent: QWidget) -> None:
        super().__init__(parent)
        self.field = field
        self.editor: Editor | None = None
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
        if f.kind != "table":
            editor = self.editor = make_editor(wizard_spec(f), self.changed.emit, self)
            editor.widget.setParent(self.container)
            editor.input.setObjectName(f"field_{f.key}")
            self.input_container = editor.widget
            return editor.input
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
        editor = self.editor
        if isinstance(editor, ChoiceEditor):
            if not any(code == "" for code, _label in options):
                options = [("", _("— choose —")), *options]
            editor.set_options(options)
        elif isinstance(editor, MultiEditor):
            editor.set_options(options)

    def value(self) -> Any:
        if self.editor is None:
            return self._rows()
        raw = self.editor.raw()
        if isinstance(self.editor, ChoiceEditor):
            return "" if raw is None else str(raw)
        if isinstance(self.editor, MultiEditor):
            return [str(code) for code in raw]
        return raw

    def _rows(self) -> list[dict[str, str]]:
        w = self._table()
        rows = []
        for r in range(w.rowCount()):
            row = {}
            for c, col in enumerate(self.field.columns):
                cell = w.item(r, c)
                row[col.key] = cell.text() if cell is not None else ""
            rows.append(row)
        return rows

    def set_value(self, value: Any) -> None:
        self.blockSignals(True)
        try:
            if self.editor is not None:
                self.editor.set_value(value)
            else:
                w = self._table()
                w.blockSignals(True)
                w.setRowCount(0)
                for row in value or []:
                    if isinstance(row, dict):
                        self._add_row(row)
                w.blockSignals(False)
        finally:
            self.blockSignals(False)

    def set_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))
        if self.editor is not None and self.field.kind in ("text", "money", "number", "int", "date", "textarea"):
            self.editor.set_error(bool(message))

    def set_visible(self, visible: bool) -> None:
        self.container.setVisible(visible)

    def focus_widgets(self) -> list[QWidget]:
        """Widgets in tab order (a table adds its buttons)."""
        if self.field.kind == "table":
            return [self.input] + [b for b in self.input_container.findChildren(QPushButton)]
        return [self.input]
