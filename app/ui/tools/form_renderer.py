"""One generic form for every WKUS tool, built from the tool's input definitions in the catalogue.

No screen is written by hand for a tool: each input type (number, money, percent, date, choice,
Likert 1–5, checklist, table rows, free text) has one editor class here. The form only turns what
the clerk typed into typed values (Decimal, date, int, list of rows) and marks fields whose text
cannot be read; ranges, required inputs and the arithmetic are the core's business (its
ValidationFailed / missing-input messages are shown on the fields through ``show_errors``).

Values read from the database ("z bazy") are prefilled and marked; the clerk may overwrite them,
and the form remembers which were overwritten so the result can record it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import FieldError, UserFacingError
from app.core.i18n import _, current_language, format_date, format_decimal, format_money
from app.core.money import MoneyFormatError, parse_decimal, parse_money
from app.ui.tools.labels import choice_options, text_of

ERROR_COLOUR = "#b00020"
SOURCE_COLOUR = "#1f5f8b"
_HUNDRED = Decimal(100)


class ParseError(ValueError):
    """Text of one field that is not a value of its type; the message names no field (the caller does)."""


# ---- text <-> value, per type -----------------------------------------------------------------------


def unit_suffix(defn: Any) -> str:
    """The unit shown after a field: the catalogue's `unit` if given, else one implied by the type."""
    unit = text_of(defn, "unit")
    if unit:
        return unit
    kind = getattr(defn, "type", "")
    return {"money": _("PLN"), "percent": "%"}.get(kind, "")


def parse_text(kind: str, text: str, *, integer: bool = False, options: list[tuple[str, str]] | None = None) -> Any:
    """Turn typed text into a value of the input's type; '' is None (not given)."""
    text = (text or "").strip()
    if not text:
        return None
    if kind == "money":
        try:
            return parse_money(text)
        except MoneyFormatError as exc:
            raise ParseError(_("type an amount in złote, e.g. 1 234,50")) from exc
    if kind in ("number", "percent", "likert"):
        try:
            value = parse_decimal(text.rstrip("%").strip())
        except MoneyFormatError as exc:
            raise ParseError(_("type a number, e.g. 12,5")) from exc
        if kind == "percent":
            return value / _HUNDRED  # shown and typed in per cent, stored as a fraction
        if kind == "likert" or integer:
            if value != value.to_integral_value():
                raise ParseError(_("type a whole number"))
            return int(value)
        return value
    if kind == "date":
        for fmt in ("%d.%m.%Y", "%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
            try:
                return dt.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise ParseError(_("type a date as DD.MM.YYYY"))
    if kind == "choice" and options is not None:
        folded = text.casefold()
        for value, label in options:
            if folded in (value.casefold(), label.casefold()):
                return value
        raise ParseError(_("choose one of: {options}").format(options=", ".join(label for _v, label in options)))
    if kind == "checklist":
        return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
    return text


def format_value(kind: str, value: Any, *, options: list[tuple[str, str]] | None = None,
                 integer: bool = False) -> str:
    """Show a stored value in its field (the inverse of parse_text, Polish number style)."""
    if value is None or value == "":
        return ""
    if integer and kind == "number":
        try:
            return str(int(Decimal(str(value))))  # years and counts: 2024, not "2 024"
        except (ArithmeticError, ValueError):
            return str(value)
    if kind == "money":
        return _plain(format_decimal(Decimal(str(value)), 2))
    if kind == "percent":
        return _plain(format_decimal(Decimal(str(value)) * _HUNDRED))
    if kind in ("number",):
        return _plain(format_decimal(Decimal(str(value))))
    if kind == "likert":
        return str(value)
    if kind == "date":
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                return value
        return format_date(value)
    if kind == "choice" and options is not None:
        return next((label for v, label in options if v == value), str(value))
    if kind == "checklist" and isinstance(value, (list, tuple, set)):
        return ", ".join(str(v) for v in value)
    return str(value)


def _plain(text: str) -> str:
    """Babel's no-break spaces as plain ones, so the text can be edited and parsed back."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def shown_value(kind: str, value: Any, *, options: list[tuple[str, str]] | None = None) -> str:
    """A value as the "z bazy" hint shows it (with the unit)."""
    if value is None:
        return "—"
    if kind == "money":
        return format_money(Decimal(str(value)))
    if kind == "percent":
        return format_value(kind, value) + " %"
    return format_value(kind, value, options=options) or "—"


# ---- one editor per input type ------------------------------------------------------------------------


class _Editor:
    """A field editor: `widget` goes into the form; `value()` raises ParseError for unreadable text."""

    widget: QWidget

    def __init__(self, defn: Any, on_change) -> None:  # type: ignore[no-untyped-def]
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
        self.widget.setStyleSheet(f"#{name} {{ border: 1px solid {ERROR_COLOUR}; }}" if on else "")


class _LineEditor(_Editor):
    """number, money, percent: right-aligned text with the unit after it."""

    def __init__(self, defn: Any, on_change) -> None:  # type: ignore[no-untyped-def]
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
        self.edit.setStyleSheet(f"border: 1px solid {ERROR_COLOUR};" if on else "")


class _TextEditor(_Editor):
    def __init__(self, defn: Any, on_change) -> None:  # type: ignore[no-untyped-def]
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
    """The app's optional date field (calendar pop-up, "—" when empty, Delete clears)."""

    def __init__(self, defn: Any, on_change) -> None:  # type: ignore[no-untyped-def]
        super().__init__(defn, on_change)
        from app.ui.widgets.form import DateEdit

        self.edit = DateEdit(optional=True)
        self.edit.setMaximumWidth(160)
        self.edit.dateChanged.connect(lambda _d: on_change())
        self.widget = self.edit

    def value(self) -> Any:
        return self.edit.value()

    def set_value(self, value: Any) -> None:
        if isinstance(value, str):
            value = dt.date.fromisoformat(value)
        self.edit.set_value(value or None)


class _ChoiceEditor(_Editor):
    def __init__(self, defn: Any, on_change) -> None:  # type: ignore[no-untyped-def]
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

    def __init__(self, defn: Any, on_change) -> None:  # type: ignore[no-untyped-def]
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

    def __init__(self, defn: Any, on_change) -> None:  # type: ignore[no-untyped-def]
        super().__init__(defn, on_change)
        self.widget = QWidget()
        col = QVBoxLayout(self.widget)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(2)
        self.boxes: dict[str, QCheckBox] = {}
        for item in getattr(defn, "items", ()) or ():
            box = QCheckBox(text_of(item, "label"))
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


# ---- table rows ----------------------------------------------------------------------------------------


class RowsModel(QAbstractTableModel):
    """Rows of a table input kept as the text the clerk typed; typed per column when read."""

    def __init__(self, columns: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.rows: list[list[str]] = []
        self.bad: set[tuple[int, int]] = set()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return self.headerData(section, orientation)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            col = self.columns[section]
            suffix = unit_suffix(col)
            label = text_of(col, "label")
            if getattr(col, "type", "") == "likert":
                label += " (1–5)"
            return f"{label} [{suffix}]" if suffix else label
        return str(section + 1)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        text = self.rows[index.row()][index.column()]
        kind = getattr(self.columns[index.column()], "type", "text")
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole and kind in ("number", "money", "percent", "likert"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and (index.row(), index.column()) in self.bad:
            return QColor("#f8d7da")
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        self.rows[index.row()][index.column()] = "" if value is None else str(value)
        self.bad.discard((index.row(), index.column()))
        self.dataChanged.emit(index, index)
        return True

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def add_row(self, cells: list[str] | None = None) -> None:
        n = len(self.rows)
        self.beginInsertRows(QModelIndex(), n, n)
        self.rows.append(list(cells) if cells else [""] * len(self.columns))
        self.endInsertRows()

    def remove_rows(self, rows: list[int]) -> None:
        for r in sorted(set(rows), reverse=True):
            if 0 <= r < len(self.rows):
                self.beginRemoveRows(QModelIndex(), r, r)
                del self.rows[r]
                self.endRemoveRows()
        self.bad.clear()

    def set_rows(self, rows: list[list[str]]) -> None:
        self.beginResetModel()
        self.rows = [list(r) + [""] * (len(self.columns) - len(r)) for r in rows]
        self.bad.clear()
        self.endResetModel()


class _ChoiceDelegate(QStyledItemDelegate):
    """A drop-down for choice columns, so the clerk picks a label instead of typing a code."""

    def __init__(self, options: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.options = options

    def createEditor(self, parent: QWidget, _option: Any, _index: QModelIndex) -> QWidget:  # type: ignore[override]
        combo = QComboBox(parent)
        combo.addItem("", "")
        for _value, label in self.options:
            combo.addItem(label, label)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # type: ignore[override]
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data()), 0))

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex) -> None:  # type: ignore[override]
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData())


class _TableEditor(_Editor):
    """Rows with typed columns, add/remove row, and import from CSV/XLSX (surveys, score lists)."""

    def __init__(self, defn: Any, on_change) -> None:  # type: ignore[no-untyped-def]
        super().__init__(defn, on_change)
        self.columns = list(getattr(defn, "columns", ()) or ())
        self.model = RowsModel(self.columns)
        self._quiet = False  # repainting marked cells is not an edit
        self.model.dataChanged.connect(lambda *_a: None if self._quiet else on_change())
        self.model.rowsInserted.connect(lambda *_a: on_change())
        self.model.rowsRemoved.connect(lambda *_a: on_change())
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.view.setMinimumHeight(150)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # long column names (survey questions) wrap onto up to three lines instead of being cut
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag(Qt.TextFlag.TextWordWrap.value))
        longest = max((len(text_of(c, "label")) for c in self.columns), default=0)
        lines = 1 if longest <= 18 else 2 if longest <= 36 else 3
        header.setMinimumHeight(header.fontMetrics().height() * lines + 10)
        header.setDefaultSectionSize(150 if longest > 18 else 110)
        self._delegates = []
        for c, col in enumerate(self.columns):
            if getattr(col, "type", "") == "choice":
                delegate = _ChoiceDelegate(choice_options(col), self.view)
                self._delegates.append(delegate)
                self.view.setItemDelegateForColumn(c, delegate)
        self.add_button = QPushButton(_("Add row"))
        self.add_button.clicked.connect(self._add_row)
        self.remove_button = QPushButton(_("Remove row"))
        self.remove_button.clicked.connect(self._remove_rows)
        self.importer = None  # (input key, path) -> (rows, errors); set by ToolForm
        self.imported_errors: list[FieldError] = []
        self.after_import = None  # shows the import's cell messages on the form
        self.import_button = QPushButton(_("Import from CSV…"))
        self.import_button.clicked.connect(self._import_dialog)
        self.count = QLabel()
        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.import_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        self.widget = QWidget()
        col_layout = QVBoxLayout(self.widget)
        col_layout.setContentsMargins(0, 0, 0, 0)
        col_layout.addWidget(self.view)
        col_layout.addLayout(buttons)
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

    def _add_row(self) -> None:
        self.model.add_row()
        index = self.model.index(self.model.rowCount() - 1, 0)
        self.view.setCurrentIndex(index)
        self.view.edit(index)

    def _remove_rows(self) -> None:
        rows = [i.row() for i in self.view.selectionModel().selectedRows()]
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        self.model.remove_rows(rows)

    def _import_dialog(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self.widget, _("Import rows"), "", _("CSV files (*.csv *.txt);;All files (*)"))
        if not path:
            return
        if self.model.rowCount() and QMessageBox.question(
                self.widget, _("Import rows"), _("Replace the rows in the table with the rows of the file?")
        ) != QMessageBox.StandardButton.Yes:
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
        self.model.set_rows([[_import_text(col, row.get(str(col.key))) for col in self.columns] for row in rows])
        self.imported_errors = list(errors)
        if self.after_import is not None:
            self.after_import(self.imported_errors)
        return self.imported_errors

    def cell_text(self, row: int, col: int) -> str:
        return self.model.rows[row][col]

    def typed_rows(self) -> tuple[list[dict[str, Any]], list[FieldError]]:
        """One dict per non-empty row, and an error per unreadable cell named like the core names it
        ("scores.2.post", rows counted from 1), so both kinds of message mark the same cell."""
        out: list[dict[str, Any]] = []
        errors: list[FieldError] = []
        self.model.bad.clear()
        table_label = text_of(self.defn, "label")
        for r, cells in enumerate(self.model.rows):
            if not any(c.strip() for c in cells):
                continue
            row: dict[str, Any] = {}
            for c, col in enumerate(self.columns):
                try:
                    row[str(col.key)] = parse_text(getattr(col, "type", "text"), cells[c],
                                                   integer=bool(getattr(col, "integer", False)),
                                                   options=choice_options(col) or None)
                except ParseError as exc:
                    self.model.bad.add((r, c))
                    label = _("{table}, row {n}, {column}").format(table=table_label, n=r + 1,
                                                                    column=text_of(col, "label"))
                    errors.append(FieldError(f"{self.defn.key}.{r + 1}.{col.key}", label, str(exc)))
            out.append(row)
        self._repaint()
        return out, errors

    def _repaint(self) -> None:
        if self.model.rows:
            self._quiet = True
            try:
                self.model.dataChanged.emit(self.model.index(0, 0),
                                            self.model.index(self.model.rowCount() - 1, len(self.columns) - 1))
            finally:
                self._quiet = False

    def value(self) -> Any:
        rows, errors = self.typed_rows()
        if errors:
            raise ParseError(errors[0].message)
        return rows

    def set_value(self, value: Any) -> None:
        rows = []
        for item in value or ():
            get = item.get if isinstance(item, dict) else (lambda k, _d=None, _i=item: getattr(_i, k, _d))
            rows.append([format_value(getattr(col, "type", "text"), get(str(col.key)), options=choice_options(col),
                                      integer=bool(getattr(col, "integer", False)))
                         for col in self.columns])
        self.model.set_rows(rows)

    def mark_cell(self, row: int, column_key: str) -> None:
        for c, col in enumerate(self.columns):
            if str(col.key) == column_key and 0 <= row < self.model.rowCount():
                self.model.bad.add((row, c))
        self._repaint()

    def set_error(self, on: bool) -> None:
        self.view.setStyleSheet(f"QTableView {{ border: 1px solid {ERROR_COLOUR}; }}" if on else "")


EDITORS: dict[str, type[_Editor]] = {
    "number": _LineEditor,
    "money": _LineEditor,
    "percent": _LineEditor,
    "date": _DateEditor,
    "choice": _ChoiceEditor,
    "likert": _LikertEditor,
    "checklist": _ChecklistEditor,
    "table": _TableEditor,
    "text": _TextEditor,
}


# ---- the form ----------------------------------------------------------------------------------------------


class _Field:
    """One row of the form: label, editor, "z bazy" badge with "restore", message line."""

    def __init__(self, defn: Any, editor: _Editor) -> None:
        self.defn = defn
        self.editor = editor
        self.key = str(defn.key)
        self.label = text_of(defn, "label")
        self.source_value: Any = None
        self.has_source = False
        self.badge = QLabel()
        self.badge.setStyleSheet(f"color: {SOURCE_COLOUR};")
        self.badge.setWordWrap(True)
        self.restore = QPushButton(_("Restore value from the database"))
        self.restore.setFlat(True)
        self.restore.setStyleSheet(f"color: {SOURCE_COLOUR}; text-decoration: underline; text-align: left;")
        self.restore.setVisible(False)
        self.message = QLabel()
        self.message.setStyleSheet(f"color: {ERROR_COLOUR};")
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
            editor = EDITORS.get(kind, _TextEditor)(defn, self._edited)
            field = _Field(defn, editor)
            if isinstance(editor, _TableEditor):
                editor.importer = importer
                editor.after_import = self.show_errors
                editor.import_button.setVisible(importer is not None)
            field.restore.clicked.connect(lambda _c=False, f=field: self._restore(f))
            self.fields[field.key] = field
            label = QLabel(field.label + ("" if getattr(defn, "required", True) else " " + _("(optional)")))
            label.setWordWrap(True)
            label.setMinimumWidth(180)  # wrap long names, but not after every word
            hint = text_of(defn, "help")
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

    def set_values(self, values: dict[str, Any], sources: dict[str, Any] | None = None,
                   origins: dict[str, str] | None = None) -> None:
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
            if isinstance(field.editor, _TableEditor):
                out[key], cell_errors = field.editor.typed_rows()
                errors += cell_errors
                continue
            try:
                out[key] = field.editor.value()
            except ParseError as exc:
                errors.append(FieldError(key, field.label, str(exc)))
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
            by_key.setdefault(key, []).append(str(err) if err.label else f"{field.label}: {err.message}")
            if row is not None and column and isinstance(field.editor, _TableEditor):
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


def _import_text(col: Any, value: Any) -> str:
    """A CSV cell as the table shows it; per cent columns are typed in per cent, the core gives fractions
    only for typed values, so text stays as the file has it."""
    return "" if value is None else str(value).strip()


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
            cells = tuple(format_value(getattr(c, "type", "text"), row.get(str(c.key)), options=choice_options(c),
                                       integer=bool(getattr(c, "integer", False)))
                          for c in cols)
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


__all__ = ["ParseError", "ToolForm", "format_value", "parse_text", "shown_value", "unit_suffix", "current_language"]
