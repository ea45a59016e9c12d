"""One generic form for every WKUS tool, built from the tool's input definitions in the catalogue.

No screen is written by hand for a tool: each input type (number, money, percent, date, choice,
Likert 1–5, checklist, table rows, free text) has one editor class (editors.py, table_editor.py).
The form only turns what
the clerk typed into typed values (Decimal, date, int, list of rows) and marks fields whose text
cannot be read; ranges, required inputs and the arithmetic are the core's business (its
ValidationFailed / missing-input messages are shown on the fields through ``show_errors``).

Values read from the database ("z bazy") are prefilled and marked; the clerk may overwrite them,
and the form shows which were overwritten, with a button to restore the database value.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.core.errors import FieldError
from app.core.i18n import _
from app.ui.tools.colours import colour
from app.ui.tools.field_text import (
    ParseError,
    format_value,
    parse_text,
    shown_value,
    tool_spec,
    unit_suffix,
)
from app.ui.tools.labels import choice_options, localized_text, words_and_code
from app.ui.tools.table_editor import TableInputEditor
from app.ui.widgets.fields import ChoiceEditor, DateEditor, Editor, LineEditor, TextAreaEditor, make_editor


def make_tool_editor(defn: Any, on_change: Any) -> Editor:
    """The editor of one tool input: the shared field editors, the tools' table for a table."""
    if getattr(defn, "type", "text") == "table":
        return TableInputEditor(defn, on_change)
    return make_editor(tool_spec(defn), on_change)


# ---- the form ----------------------------------------------------------------------------------------------


class _Field:
    """One row of the form: label, editor, "z bazy" badge with "restore", message line."""

    def __init__(self, defn: Any, editor: Editor) -> None:
        self.defn = defn
        self.editor = editor
        self.key = str(defn.key)
        self.label = localized_text(defn, "label")
        self.source_value: Any = None
        self.has_source = False
        self.badge = QLabel()
        self.badge.setStyleSheet(f"color: {colour('source')};")
        self.badge.setWordWrap(True)
        self.restore = QPushButton(_("Restore value from the database"))
        self.restore.setFlat(True)
        self.restore.setStyleSheet(f"color: {colour('source')}; text-decoration: underline; text-align: left;")
        self.restore.setVisible(False)
        self.message = QLabel()
        self.message.setStyleSheet(f"color: {colour('error')};")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.badge.setVisible(False)


class ToolForm(QWidget):
    """The input form of one tool. `changed` fires on every edit (the result panel greys out)."""

    changed = Signal()

    def __init__(self, tool: Any, parent: QWidget | None = None, importer: Any = None) -> None:
        super().__init__(parent)
        self.tool = tool
        self.fields: dict[str, _Field] = {}
        self.origins: dict[str, str] = {}
        self._loading = False
        layout = QFormLayout(self)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        for defn in getattr(tool, "inputs", ()) or ():
            kind = getattr(defn, "type", "text")
            editor = make_tool_editor(defn, self._edited)
            field = _Field(defn, editor)
            if isinstance(editor, TableInputEditor):
                editor.importer = importer
                editor.after_import = self.show_errors
                editor.import_button.setVisible(importer is not None)
            field.restore.clicked.connect(lambda _c=False, f=field: self._restore(f))
            self.fields[field.key] = field
            # screen readers announce the field by its catalogue name
            editor.widget.setAccessibleName(field.label)
            # a one-line input, a text, a drop-down, a date or a table takes its label's mnemonic;
            # a row of radio buttons or check boxes has its own texts
            inner = (
                editor.input
                if isinstance(editor, (LineEditor, TextAreaEditor, ChoiceEditor, DateEditor, TableInputEditor))
                else None
            )
            if inner is not None:
                inner.setAccessibleName(field.label)
            words, code = words_and_code(field.label)
            label = QLabel(words + ("" if getattr(defn, "required", True) else " " + _("(optional)")))
            label.setWordWrap(True)
            label.setMinimumWidth(180)  # wrap long names, but not after every word
            if inner is not None:
                label.setBuddy(inner)
            hint = localized_text(defn, "help")
            if code:  # the formula's symbol for those who read the handbook, not in the label itself
                hint = (hint + "\n" if hint else "") + _("Symbol in the formula: {code}").format(code=code)
            if hint:
                label.setToolTip(hint)
                editor.widget.setToolTip(hint)
            box = QWidget()
            col = QVBoxLayout(box)
            col.setContentsMargins(0, 0, 0, 0)
            col.setSpacing(1)
            col.addWidget(editor.widget)
            badge_row = QHBoxLayout()
            badge_row.addWidget(field.badge)
            badge_row.addWidget(field.restore)
            badge_row.addStretch(1)
            col.addLayout(badge_row)
            col.addWidget(field.message)
            if kind in ("table", "checklist", "text"):
                layout.addRow(label)
                layout.addRow(box)
            else:
                layout.addRow(label, box)
            default = getattr(defn, "default", None)
            if default not in (None, ""):
                self._loading = True
                editor.set_value(_default_value(kind, default))
                self._loading = False

    # ---- values ------------------------------------------------------------------------------------

    def set_values(
        self, values: dict[str, Any], sources: dict[str, Any] | None = None, origins: dict[str, str] | None = None
    ) -> None:
        """Fill the form: `values` the clerk saved earlier, `sources` what the database says.

        A saved value wins over the database one; the field still shows "z bazy" with the database
        value and offers to restore it.
        """
        sources = sources or {}
        self.origins = dict(origins or {})
        self._loading = True
        try:
            for key, field in self.fields.items():
                field.has_source = key in sources
                field.source_value = sources.get(key)
                if key in values:
                    field.editor.set_value(values[key])
                elif field.has_source:
                    field.editor.set_value(field.source_value)
        finally:
            self._loading = False
        self.clear_errors()
        self._update_badges()

    def values(self) -> tuple[dict[str, Any], list[FieldError]]:
        """Typed values of every field (None = not given) and the fields whose text cannot be read."""
        out: dict[str, Any] = {}
        errors: list[FieldError] = []
        for key, field in self.fields.items():
            if isinstance(field.editor, TableInputEditor):
                out[key], cell_errors = field.editor.typed_rows()
                errors += cell_errors
                continue
            problem = field.editor.validate()  # unreadable text, named with the field's label
            if problem is not None:
                errors.append(problem)
                continue
            out[key] = field.editor.value()
        return out, errors

    def overridden(self) -> list[str]:
        """Keys whose database value the clerk changed."""
        out = []
        for key, field in self.fields.items():
            if field.has_source:
                try:
                    if _as_text(field.defn, field.editor.value()) != _as_text(field.defn, field.source_value):
                        out.append(key)
                except ParseError:
                    out.append(key)
        return out

    # ---- messages -----------------------------------------------------------------------------------

    def clear_errors(self) -> None:
        for field in self.fields.values():
            field.message.setVisible(False)
            field.message.clear()
            field.editor.set_error(False)

    def show_errors(self, errors: list[FieldError]) -> None:
        """Mark each named field; an error for `key[row].column` marks that table cell too."""
        self.clear_errors()
        by_key: dict[str, list[str]] = {}
        for err in errors:
            key, row, column = _split_field(err.field)
            field = self.fields.get(key)
            if field is None:
                continue
            # under its own field the message does not repeat the field's name (issue 15); a cell of a
            # table keeps its label, which says which row and column
            plain = not err.label or err.label == field.label
            by_key.setdefault(key, []).append(err.message if plain else str(err))
            if row is not None and column and isinstance(field.editor, TableInputEditor):
                field.editor.mark_cell(row, column)
        for key, messages in by_key.items():
            field = self.fields[key]
            field.editor.set_error(True)
            field.message.setText("\n".join(messages))
            field.message.setVisible(True)

    def error_text(self, key: str) -> str:
        field = self.fields[key]
        return field.message.text() if not field.message.isHidden() else ""

    # ---- internals -----------------------------------------------------------------------------------

    def _edited(self) -> None:
        if self._loading:
            return
        self._update_badges()
        self.changed.emit()

    def _restore(self, field: _Field) -> None:
        self._loading = True
        field.editor.set_value(field.source_value)
        self._loading = False
        self._update_badges()
        self.changed.emit()

    def _update_badges(self) -> None:
        changed = set(self.overridden())
        for key, field in self.fields.items():
            if not field.has_source:
                field.badge.setVisible(False)
                field.restore.setVisible(False)
                continue
            kind = getattr(field.defn, "type", "text")
            if kind == "table":
                shown = _("{n} rows").format(n=len(field.source_value or ()))
            else:
                shown = shown_value(kind, field.source_value, options=choice_options(field.defn))
            if key in changed:
                field.badge.setText(_("changed by hand (in the database: {value})").format(value=shown))
            elif self.origins.get(key) == "tool" and field.defn.source:
                field.badge.setText(_("from tool {id}").format(id=field.defn.source[5:].split(".")[0]))
            else:
                field.badge.setText(_("from the database"))
            field.badge.setVisible(True)
            field.restore.setVisible(key in changed)


def _default_value(kind: str, default: Any) -> Any:
    if kind in ("money", "number", "percent") and isinstance(default, (str, int, float)):
        return Decimal(str(default))
    return default


def _as_text(defn: Any, value: Any) -> Any:
    """A value as the form shows it, to compare what the clerk has with what the records say
    (the core hands JSON strings, the form typed values: "5" and 5 are the same number)."""
    kind = getattr(defn, "type", "text")
    if kind == "table":
        cols = list(getattr(defn, "columns", ()) or ())
        rows = []
        for row in value or ():
            cells = tuple(
                format_value(
                    getattr(c, "type", "text"),
                    row.get(str(c.key)),
                    options=choice_options(c),
                    integer=bool(getattr(c, "integer", False)),
                )
                for c in cols
            )
            if any(cells):
                rows.append(cells)
        return tuple(rows)
    if kind == "checklist":
        return tuple(sorted(str(v) for v in (value or ())))
    try:
        return format_value(kind, value, options=choice_options(defn), integer=bool(getattr(defn, "integer", False)))
    except (ArithmeticError, ValueError, TypeError):
        return str(value)


def _split_field(name: str) -> tuple[str, int | None, str | None]:
    """The core names a table cell "scores.2.post" (row counted from 1): -> ('scores', 1, 'post')."""
    parts = name.split(".")
    if len(parts) >= 3 and parts[1].isdigit():
        return parts[0], int(parts[1]) - 1, ".".join(parts[2:])
    if len(parts) == 2 and parts[1].isdigit():
        return parts[0], int(parts[1]) - 1, None
    return parts[0], None, None


__all__ = ["ParseError", "ToolForm", "format_value", "parse_text", "shown_value", "unit_suffix"]
