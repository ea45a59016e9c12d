"""The fields of a Kreator page: each core `Field` through the shared editors (app/ui/widgets/fields.py),
the table field on its own; the page reads and writes plain JSON values through them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import N_, _
from app.core.wizards.base import Column, Field
from app.ui.widgets.editable_table import CellKind, EditableRowsModel, EditColumn, TableEditor
from app.ui.widgets.fields import LINE_KINDS, ChoiceEditor, Editor, FieldSpec, MultiEditor, make_editor

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
    return [
        EditColumn(
            col.key,
            col.label,
            CellKind.CHOICE if col.choices is not None else _CELL_KINDS.get(col.kind, CellKind.TEXT),
            required=col.required,
            as_typed=True,
            choices=_offered(col.choices) if col.choices is not None else None,
        )
        for col in columns
    ]


def _offered(texts: Callable[[], list[str]]) -> Callable[[], list[tuple[str, str]]]:
    return lambda: [(t, t) for t in texts()]


def table_editor(field: Field, parent: QWidget) -> TableEditor:
    editor = TableEditor(
        EditableRowsModel(table_columns(field.columns)),
        tab_moves=False,
        remove_last=True,
        wrap_headers=True,  # long headers (a survey's questions) wrap instead of being cut
        select_rows=True,
        parent=parent,
    )
    editor.view.setMinimumHeight(240)
    return editor


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
    return FieldSpec(
        field.key,
        label,
        field.kind if field.kind in LINE_KINDS else "text",
        required=field.required,
        placeholder=placeholder,
        right_aligned=False,
        reformat=False,
        width=220 if field.kind in ("money", "number", "int") else None,
    )


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
        self.table = table_editor(f, self.container)
        self.table.changed.connect(self.changed)
        self.input_container = self.table
        return self.table.view

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
        model = self.table.model
        return [{col.key: model.cell_text(r, col.key) for col in self.field.columns} for r in range(model.row_count())]

    def set_value(self, value: Any) -> None:
        self.blockSignals(True)
        try:
            if self.editor is not None:
                self.editor.set_value(value)
            else:
                self.table.model.set_rows(
                    [
                        {col.key: str(row.get(col.key, "") or "") for col in self.field.columns}
                        for row in value or []
                        if isinstance(row, dict)
                    ]
                )
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
            return [self.input, self.table.add_button, self.table.remove_button]
        return [self.input]
