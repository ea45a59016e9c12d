"""Table inputs of the tool forms: rows kept as typed text, typed per column when read, add/remove
row, CSV import (survey answers, pretest–posttest scores) through the core."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
)

from app.core.errors import FieldError, UserFacingError
from app.core.i18n import _
from app.ui.tools.colours import colour
from app.ui.tools.field_text import ParseError, format_value, parse_text, tool_spec, unit_suffix
from app.ui.tools.labels import choice_options, localized_text
from app.ui.widgets.editable_table import CellKind, EditableRowsModel, EditColumn, TableEditor
from app.ui.widgets.fields import Editor

#: the tool catalogue's column types as cells of the one editable table (kept as typed: the form
#: parses every cell when it is read and names a bad one)
_KINDS = {
    "number": CellKind.DECIMAL,
    "percent": CellKind.DECIMAL,
    "likert": CellKind.DECIMAL,
    "money": CellKind.MONEY,
    "date": CellKind.DATE,
    "choice": CellKind.CHOICE,
}


def _header(col: Any) -> str:
    suffix = unit_suffix(col)
    label = localized_text(col, "label")
    if getattr(col, "type", "") == "likert":
        label += " (1–5)"
    return f"{label} [{suffix}]" if suffix else label


def edit_columns(columns: list[Any]) -> list[EditColumn]:
    """The catalogue's columns of a table input, declared for the editable table."""
    out = []
    for col in columns:
        kind = _KINDS.get(str(getattr(col, "type", "text")), CellKind.TEXT)
        out.append(
            EditColumn(
                str(col.key),
                _header(col),
                kind,
                as_typed=True,
                choices=_offered(col) if kind is CellKind.CHOICE else None,
            )
        )
    return out


def _offered(col: Any) -> Callable[[], list[tuple[str, str]]]:
    options = choice_options(col)
    return lambda: [("", ""), *options]  # an empty entry first: a choice cell may be left empty


class TableInputEditor(Editor):
    """Rows with typed columns, add/remove row, and import from CSV/XLSX (surveys, score lists)."""

    def __init__(self, defn: Any, on_change: Callable[[], None]) -> None:
        super().__init__(tool_spec(defn))
        self.defn = defn
        self.columns = list(getattr(defn, "columns", ()) or ())
        self.model = EditableRowsModel(edit_columns(self.columns))
        self._quiet = False  # rows put in by the program (a saved result, a file) are no edit
        self.model.changed.connect(lambda: None if self._quiet else on_change())
        # long column names (survey questions) wrap; Remove removes every selected row
        self.table = TableEditor(self.model, wrap_headers=True, select_rows=True, edit_new_row=True)
        self.view = self.table.view
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.view.setMinimumHeight(150)
        self.add_button = self.table.add_button
        self.remove_button = self.table.remove_button
        #: (input key, path) -> (rows, errors); set by ToolForm
        self.importer: Callable[[str, str], tuple[list[dict[str, Any]], list[FieldError]]] | None = None
        self.imported_errors: list[FieldError] = []
        self.after_import: Callable[[list[FieldError]], None] | None = None  # shows the cell messages on the form
        self.import_button = QPushButton(_("Import from CSV…"), self.table)
        self.import_button.clicked.connect(self._import_dialog)
        self.count = QLabel(self.table)
        self.table.buttons.insertWidget(2, self.import_button)
        self.table.buttons.addWidget(self.count)
        self.widget = self.table
        self.input = self.view
        self.model.rowsInserted.connect(lambda *_a: self._update_count())
        self.model.rowsRemoved.connect(lambda *_a: self._update_count())
        self.model.modelReset.connect(self._update_count)
        self._update_count()

    def _update_count(self) -> None:
        from app.core.i18n import ngettext

        n = self.model.rowCount()
        self.count.setText(ngettext("{n} row", "{n} rows", n).format(n=n))
        # show a handful of rows without scrolling, grow with the content up to a sensible height
        rows_shown = min(max(n + 1, 4), 12)
        self.view.setMinimumHeight(28 + 26 * rows_shown)

    def _import_dialog(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self.widget, _("Import rows"), "", _("CSV files (*.csv *.txt);;All files (*)")
        )
        if not path:
            return
        if (
            self.model.rowCount()
            and QMessageBox.question(
                self.widget, _("Import rows"), _("Replace the rows in the table with the rows of the file?")
            )
            != QMessageBox.StandardButton.Yes
        ):
            return
        try:
            self.import_file(path)
        except UserFacingError as exc:
            QMessageBox.warning(self.widget, _("Import rows"), exc.message)

    def import_file(self, path: str) -> list[FieldError]:
        """Replace the rows with those of a CSV file (Polish Excel: Windows-1250 and ';' are fine);
        returns the core's messages about cells it cannot use (also marked in the table)."""
        if self.importer is None:
            raise UserFacingError(_("Import is not available here."))
        rows, errors = self.importer(str(self.defn.key), path)
        self.set_cells([[_import_text(col, row.get(str(col.key))) for col in self.columns] for row in rows])
        self.imported_errors = list(errors)
        if self.after_import is not None:
            self.after_import(self.imported_errors)
        return self.imported_errors

    # ---- the rows as text, one list of cells per row, in the order of the columns --------------

    def cells(self) -> list[list[str]]:
        keys = [str(col.key) for col in self.columns]
        return [[self.model.cell_text(r, key) for key in keys] for r in range(self.model.row_count())]

    def set_cells(self, rows: list[list[str]]) -> None:
        """Rows put in by the program (a saved result, a file): no edit of the clerk's."""
        keys = [str(col.key) for col in self.columns]
        self._quiet = True
        try:
            self.model.set_rows([dict(zip(keys, list(r) + [""] * (len(keys) - len(r)))) for r in rows])
        finally:
            self._quiet = False

    def cell_text(self, row: int, col: int) -> str:
        return self.model.cell_text(row, str(self.columns[col].key))

    def bad_cells(self) -> set[tuple[int, int]]:
        """(row, column number) of the cells marked as unreadable."""
        keys = [str(col.key) for col in self.columns]
        return {(r, keys.index(k)) for r, k in self.model.bad_cells() if k in keys}

    def typed_rows(self) -> tuple[list[dict[str, Any]], list[FieldError]]:
        """One dict per non-empty row, and an error per unreadable cell named like the core names it
        ("scores.2.post", rows counted from 1), so both kinds of message mark the same cell."""
        out: list[dict[str, Any]] = []
        errors: list[FieldError] = []
        bad: set[tuple[int, str]] = set()
        table_label = localized_text(self.defn, "label")
        for r, cells in enumerate(self.cells()):
            if not any(c.strip() for c in cells):
                continue
            row: dict[str, Any] = {}
            for c, col in enumerate(self.columns):
                try:
                    row[str(col.key)] = parse_text(
                        getattr(col, "type", "text"),
                        cells[c],
                        integer=bool(getattr(col, "integer", False)),
                        options=choice_options(col) or None,
                    )
                except ParseError as exc:
                    bad.add((r, str(col.key)))
                    label = _("{table}, row {n}, {column}").format(
                        table=table_label, n=r + 1, column=localized_text(col, "label")
                    )
                    errors.append(FieldError(f"{self.defn.key}.{r + 1}.{col.key}", label, str(exc)))
            out.append(row)
        self.model.set_bad_cells(bad)
        return out, errors

    def value(self) -> Any:
        rows, errors = self.typed_rows()
        if errors:
            raise ParseError(errors[0].message)
        return rows

    def set_value(self, value: Any) -> None:
        rows = []
        for item in value or ():
            get = item.get if isinstance(item, dict) else (lambda k, _d=None, _i=item: getattr(_i, k, _d))
            rows.append(
                [
                    format_value(
                        getattr(col, "type", "text"),
                        get(str(col.key)),
                        options=choice_options(col),
                        integer=bool(getattr(col, "integer", False)),
                    )
                    for col in self.columns
                ]
            )
        self.set_cells(rows)

    def mark_cell(self, row: int, column_key: str) -> None:
        if 0 <= row < self.model.row_count() and any(str(col.key) == column_key for col in self.columns):
            self.model.set_bad_cells(self.model.bad_cells() | {(row, column_key)})

    def set_error(self, on: bool) -> None:
        self.view.setStyleSheet(f"QTableView {{ border: 1px solid {colour('error')}; }}" if on else "")


def _import_text(col: Any, value: Any) -> str:
    """A CSV cell as the table shows it (text as the file has it; parsed like typed text)."""
    return "" if value is None else str(value).strip()
