"""The one editable table of the app: a model of rows, one delegate, one widget with Add/Remove row.

Every editable table (the contract editor's tranches, contributions and results, the tools' table
inputs, the Kreator's table fields) declares its columns as data and uses these three classes::

    COLUMNS = [
        EditColumn("budget_year", N_("Budget year"), CellKind.INT, digits=4, check=Check.YEAR),
        EditColumn("amount", N_("Tranche amount"), CellKind.MONEY, total=True, check=Check.MONEY),
        EditColumn("payment_date", N_("Payment due"), CellKind.DATE, check=Check.DATE),
    ]
    model = EditableRowsModel(COLUMNS, totals=True)
    editor = TableEditor(model, add_text=_("Add year"))   # the view, its delegate, the buttons

How the table behaves is said in `TableEditor`'s arguments (`new_row`, `edit_new_row`, `select_rows`,
`remove_last`, `tab_moves`, `widths`, `stretch`, `wrap_headers`); an owner may add widgets to `buttons`, never reconnect them.

Rows are plain dicts of what the clerk typed, keyed by `EditColumn.key`, so the reader (a service,
the Kreator's core, a tool form) validates exactly what is on the screen. A column says how its
cell is edited (`kind`), whether the typed text is tidied (`as_typed`), and which core check
(`check`, the `Checker` of app/core/services/fields.py) marks a bad cell red with the core's Polish
message as its tooltip while the clerk types. Money is never a float: a money cell holds the text
typed (tidied to "1 234,50" when it is an amount) and `column_total` adds `Decimal`s.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.dates import DateFormatError, parse_date, typed_text
from app.core.errors import FieldError
from app.core.i18n import _, format_date, format_decimal, format_money
from app.core.services.fields import Checker
from app.ui.widgets.date_edit import DateLine
from app.ui.widgets.form import MoneyEdit, money_text
from app.ui.widgets.inputs import parse_amount

_AnyIndex = QModelIndex | QPersistentModelIndex

ERROR_BACKGROUND = QColor("#fdecea")
ERROR_FOREGROUND = QColor("#b3261e")
DEFAULT_FOREGROUND = QColor("#6b6b6b")
#: a CHOICE cell's default code (what an empty cell means), for the combo box to start from
CHOICE_DEFAULT_ROLE = Qt.ItemDataRole.UserRole + 7


class CellKind(Enum):
    TEXT = "text"
    INT = "int"  # a whole number (a budget year); tidied to an int unless `as_typed`
    MONEY = "money"  # an amount in złote, kept as text ("1 234,50"), added up as Decimal
    DECIMAL = "decimal"  # a quantity kept as typed ("12,5")
    DATE = "date"
    CHOICE = "choice"  # one code of a closed list, picked in a combo box (the row stores the code)
    BOOL = "bool"  # a check box in the cell


class Check(Enum):
    """The core check (a `Checker` method) of a cell; its message is the core's, word for word."""

    YEAR = "year"
    COUNT = "count"
    MONEY = "money"
    QUANTITY = "quantity"
    DATE = "date"


@dataclass(frozen=True)
class EditColumn:
    key: str
    #: header msgid, translated when shown (or an already formatted text, e.g. "Osiągnięto 2025")
    header: str
    kind: CellKind = CellKind.TEXT
    editable: bool = True
    #: the header carries " *" (the reader refuses an empty cell)
    required: bool = False
    #: keep the text exactly as typed (a reader that parses every cell and names a bad one itself:
    #: the tools, the Kreator); otherwise years become ints, amounts "1 234,50", dates `datetime.date`
    as_typed: bool = False
    #: INT columns: the number of digits the cell takes (an input mask, e.g. 4 for a year)
    digits: int | None = None
    #: the core check that marks a bad cell red, its message as the tooltip
    check: Check | None = None
    #: what an empty cell shows in grey (e.g. the default use deadline 31.12.YYYY); row → text
    default: Callable[[dict[str, Any]], str] | None = None
    #: sum this column in the totals row
    total: bool = False
    #: header tooltip (already translated)
    tip: str = ""
    #: CHOICE columns: (code, translated label) pairs, asked when shown (the language may change)
    choices: Callable[[], list[tuple[str, str]]] | None = None
    #: CHOICE columns: the code an empty cell stands for (its label is `default`)
    default_code: Callable[[dict[str, Any]], str] | None = None

    def choice_label(self, code: Any) -> str:
        return next((label for c, label in (self.choices() if self.choices else []) if c == str(code)), str(code))

    def title(self) -> str:
        return _(self.header) + (" *" if self.required else "")

    def problem(self, value: Any) -> str:
        """The core's message about a typed cell ("" when it is fine or empty)."""
        if self.check is None or value is None or value == "" or isinstance(value, dt.date):
            return ""
        checker = Checker()
        getattr(checker, self.check.value)(self.key, self.header, value)
        return checker.errors[0].message if checker.errors else ""


def cell_date(value: Any) -> dt.date | str | None:
    """A DATE cell for the reader: the date, None when empty, or the typed text that is not a date
    (the service refuses it with the reason; it must never become "no date" silently)."""
    return value if isinstance(value, (dt.date, str)) and value != "" else None


def edit_text(value: Any) -> str:
    """A cell's value as the text typed into its editor."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return money_text(value)
    if isinstance(value, dt.date):
        return typed_text(value)
    if isinstance(value, bool):
        return "1" if value else ""
    return str(value)


def _tidy(column: EditColumn, value: Any) -> Any:
    """What a cell keeps of what was typed into it (never drops a text it cannot read: the cell
    shows it in red and the reader refuses it with the reason)."""
    if column.kind is CellKind.BOOL:
        return value == Qt.CheckState.Checked.value or value is True or value == Qt.CheckState.Checked
    if column.kind is CellKind.CHOICE:
        return (str(value) if value else None) if not column.as_typed else str(value or "")
    if column.kind is CellKind.DATE:
        if isinstance(value, QDate):
            value = dt.date(value.year(), value.month(), value.day()) if value.isValid() else None
        if isinstance(value, str):
            try:
                day = parse_date(value)
            except DateFormatError:
                return value.strip()
            return typed_text(day) if column.as_typed else day
        if isinstance(value, dt.date):
            return typed_text(value) if column.as_typed else value
        return "" if column.as_typed else None
    text = str(value or "").strip() if not isinstance(value, Decimal) else money_text(value)
    if column.as_typed:
        return text
    if column.kind is CellKind.INT:
        return int(text) if text.isdigit() else (text or None)
    if column.kind is CellKind.MONEY:
        amount = parse_amount(text)
        return money_text(amount) if amount is not None else text
    return text


class EditableRowsModel(QAbstractTableModel):
    """Rows of dicts; `EditColumn`s say how each key is shown, edited and checked."""

    changed = Signal()

    def __init__(self, columns: Sequence[EditColumn], *, totals: bool = False, parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[dict[str, Any]] = []
        self._totals = totals
        self._row_errors: dict[int, str] = {}
        self._bad_cells: set[tuple[int, str]] = set()

    # ---- data in / out ---------------------------------------------------------------------

    def set_columns(self, columns: Sequence[EditColumn]) -> None:
        self.beginResetModel()
        self._columns = list(columns)
        self.endResetModel()

    def columns(self) -> list[EditColumn]:
        return list(self._columns)

    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = [dict(r) for r in rows]
        self._row_errors = {}
        self._bad_cells = set()
        self.endResetModel()
        self.changed.emit()

    def rows(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self._rows]

    def row_count(self) -> int:
        """Data rows (without the totals row)."""
        return len(self._rows)

    def cell_text(self, row: int, key: str) -> str:
        """The cell as typed text (what a reader that parses every cell gets)."""
        return edit_text(self._rows[row].get(key))

    def add_row(self, values: dict[str, Any] | None = None, position: int | None = None) -> int:
        position = len(self._rows) if position is None else position
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.insert(position, dict(values or {}))
        self.endInsertRows()
        self._refresh_totals()
        self.changed.emit()
        return position

    def remove_row(self, row: int) -> None:
        if not 0 <= row < len(self._rows):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()
        self._row_errors = {}
        self._bad_cells = set()
        self._refresh_totals()
        self.changed.emit()

    def set_value(self, row: int, key: str, value: Any) -> None:
        self._rows[row][key] = value
        col = self._column_index(key)
        if col >= 0:
            index = self.index(row, col)
            self.dataChanged.emit(index, index)
        self._refresh_totals()

    def column_total(self, key: str) -> Decimal:
        return sum((parse_amount(r.get(key)) or Decimal("0") for r in self._rows), Decimal("0.00"))

    def set_row_errors(self, errors: dict[int, str]) -> None:
        """0-based row → message; the rows are painted red with the message as a tooltip."""
        if errors == self._row_errors:
            return
        self._row_errors = dict(errors)
        self._repaint()

    def row_error(self, row: int) -> str:
        return self._row_errors.get(row, "")

    def set_bad_cells(self, cells: set[tuple[int, str]]) -> None:
        """(0-based row, column key) of cells the reader refused; painted red until edited."""
        if cells == self._bad_cells:
            return
        self._bad_cells = set(cells)
        self._repaint()

    def bad_cells(self) -> set[tuple[int, str]]:
        return set(self._bad_cells)

    # ---- Qt interface ----------------------------------------------------------------------

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt signature
        if parent.isValid():
            return 0
        return len(self._rows) + (1 if self._totals else 0)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def is_totals_row(self, row: int) -> bool:
        return self._totals and row == len(self._rows)

    def flags(self, index: _AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        column = self._columns[index.column()]
        if not self.is_totals_row(index.row()) and column.editable:
            base |= Qt.ItemFlag.ItemIsUserCheckable if column.kind is CellKind.BOOL else Qt.ItemFlag.ItemIsEditable
        return base

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            column = self._columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.title()
            if role == Qt.ItemDataRole.ToolTipRole:
                return column.tip or _(column.header)
            return None
        if (
            orientation == Qt.Orientation.Vertical
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < self.rowCount()
        ):
            return "Σ" if self.is_totals_row(section) else section + 1
        return None

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            not index.isValid()
            or not 0 <= index.row() < self.rowCount()
            or not 0 <= index.column() < len(self._columns)
        ):
            return None
        column = self._columns[index.column()]
        if self.is_totals_row(index.row()):
            return self._totals_data(index.column(), column, role)
        row = self._rows[index.row()]
        value = row.get(column.key)
        bad = (index.row(), column.key) in self._bad_cells or index.row() in self._row_errors
        if role == Qt.ItemDataRole.DisplayRole:
            if column.kind is CellKind.BOOL:
                return None
            shown = self._display(value, column)
            if not shown and column.default is not None:
                return column.default(row)
            return shown
        if role == Qt.ItemDataRole.EditRole:
            if column.kind is CellKind.DATE and not column.as_typed:
                # a date, or the text typed that is not one (kept, so the reader can say why)
                return value if isinstance(value, (dt.date, str)) and value != "" else None
            return edit_text(value)
        if role == Qt.ItemDataRole.CheckStateRole and column.kind is CellKind.BOOL:
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        if role == CHOICE_DEFAULT_ROLE and column.kind is CellKind.CHOICE and column.default_code is not None:
            return column.default_code(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.kind in (CellKind.MONEY, CellKind.DECIMAL):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column.kind in (CellKind.INT, CellKind.DATE, CellKind.BOOL):
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and bad:
            return QBrush(ERROR_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole:
            if bad or column.problem(value):
                return QBrush(ERROR_FOREGROUND)
            if not self._display(value, column) and column.default is not None:
                return QBrush(DEFAULT_FOREGROUND)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.row() in self._row_errors:
                return self._row_errors[index.row()]
            if problem := column.problem(value):
                return problem
            if not self._display(value, column) and column.default is not None:
                return _("Empty: the default shown in grey is used.")
            return None
        return None

    def setData(self, index: _AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if (
            role not in (Qt.ItemDataRole.EditRole, Qt.ItemDataRole.CheckStateRole)
            or not index.isValid()
            or self.is_totals_row(index.row())
            or not 0 <= index.row() < len(self._rows)
        ):
            return False
        column = self._columns[index.column()]
        if not column.editable or (role == Qt.ItemDataRole.CheckStateRole) != (column.kind is CellKind.BOOL):
            return False
        self._rows[index.row()][column.key] = _tidy(column, value)
        self._bad_cells.discard((index.row(), column.key))
        self.dataChanged.emit(index, index)
        self._refresh_totals()
        self.changed.emit()
        return True

    # ---- helpers ---------------------------------------------------------------------------

    def _column_index(self, key: str) -> int:
        for i, c in enumerate(self._columns):
            if c.key == key:
                return i
        return -1

    def _repaint(self) -> None:
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    @staticmethod
    def _display(value: Any, column: EditColumn) -> str:
        if value is None or value == "":
            return ""
        if column.kind is CellKind.DATE and isinstance(value, dt.date):
            return format_date(value)
        if column.kind is CellKind.MONEY and not column.as_typed:
            amount = parse_amount(value)
            return format_money(amount) if amount is not None else str(value)
        if column.kind is CellKind.DECIMAL and isinstance(value, Decimal):
            return format_decimal(value)
        if column.kind is CellKind.CHOICE:
            return column.choice_label(value)
        return str(value)

    def _totals_data(self, col: int, column: EditColumn, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column.total:
                return format_money(self.column_total(column.key))
            if col == 0:
                return _("Total")
            return ""
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.total:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _refresh_totals(self) -> None:
        if self._totals and self._columns:
            row = len(self._rows)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._columns) - 1))


class CellDelegate(QStyledItemDelegate):
    """The editor of a cell by its column's kind: date field, amount field, drop-down, line."""

    def _column(self, index: _AnyIndex) -> EditColumn | None:
        model = index.model()
        if isinstance(model, EditableRowsModel):
            return model.columns()[index.column()]
        return None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem | None, index: _AnyIndex) -> QWidget:  # noqa: N802
        column = self._column(index)
        kind = column.kind if column is not None else CellKind.TEXT
        if kind is CellKind.DATE:
            editor: QLineEdit = DateLine(optional=True, parent=parent)
            editor.setMaximumWidth(16777215)
            return editor
        if column is not None and kind is CellKind.CHOICE:
            combo = QComboBox(parent)
            combo.setAccessibleName(_(column.header))
            for code, label in column.choices() if column.choices else []:
                combo.addItem(label, code)
            return combo
        if kind is CellKind.MONEY and column is not None and not column.as_typed:
            # the amount field tidies what was typed into "1 234,50" (the model would do the same)
            editor = MoneyEdit(parent)
            editor.setMaximumWidth(16777215)
            return editor
        editor = QLineEdit(parent)
        if kind in (CellKind.MONEY, CellKind.DECIMAL):
            editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if column is not None and kind is CellKind.INT and column.digits:
            editor.setInputMask("0" * column.digits + ";_")
            editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return editor

    def setEditorData(self, editor: QWidget, index: _AnyIndex) -> None:  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            # the stored code, else its label (an imported or older text), else the default in grey
            text = str(value or "")
            found = editor.findData(text) if text else -1
            if found < 0 and text:
                found = editor.findText(text, Qt.MatchFlag.MatchFixedString)
            if found < 0 and text:  # a value not in the list: kept offered as it is
                editor.addItem(text, text)
                found = editor.count() - 1
            if found < 0:
                found = editor.findData(index.data(CHOICE_DEFAULT_ROLE))
            editor.setCurrentIndex(max(found, 0))
            return
        if isinstance(editor, DateLine):
            # an empty cell stays empty: passing through it never writes today's date
            editor.set_value(value if isinstance(value, (dt.date, str)) else None)
            editor.selectAll()
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: Any, index: _AnyIndex) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


def row_message_pattern() -> re.Pattern[str]:
    """Matches the services' "Row {row}: {message}" in the current language."""
    template = _("Row {row}: {message}")
    head, _sep, rest = template.partition("{row}")
    middle, _sep2, tail = rest.partition("{message}")
    return re.compile(re.escape(head) + r"(\d+)" + re.escape(middle) + r"(.*)" + re.escape(tail) + r"$", re.S)


def row_errors(errors: Sequence[FieldError], field: str) -> tuple[dict[int, str], list[str]]:
    """Split a field's errors into per-row messages (0-based rows) and table-wide ones."""
    pattern = row_message_pattern()
    rows: dict[int, str] = {}
    general: list[str] = []
    for e in errors:
        if e.field != field:
            continue
        m = pattern.match(e.message)
        if m:
            row = int(m.group(1)) - 1
            rows[row] = (rows[row] + "\n" if row in rows else "") + m.group(2)
        else:
            general.append(e.message)
    return rows, general


#: wrapped headers: a column is never narrower than this (a short title, a number) …
NARROW_COLUMN = 90
#: … nor wider than this while the columns fit: a longer title wraps onto more lines
WIDE_COLUMN = 150
#: a wrapped header grows to this many lines at most (the whole title is the header's tooltip)
HEADER_LINES = 4


class TableEditor(QWidget):
    """The table with its delegate, "Add row / Remove row" below it and red rows for the reader's
    errors. F2, a double click or typing edits a cell; Tab moves to the next cell (with
    `tab_moves=False` it leaves the table, as in the Kreator's pages); the buttons take Space.

    `widths` (column key → pixels) and `stretch` (the key of the column that takes the rest): the
    widths the owner chooses instead of the contents'. `wrap_headers`: long column titles (a survey's questions) wrap onto several lines instead of
    being cut, so that narrow columns stay readable; the columns share the table's width while each
    can show its title on `HEADER_LINES` - 1 lines, else each takes its title's one-line width (up
    to `WIDE_COLUMN`) and the table scrolls. `select_rows`: whole rows are selected (Shift/Ctrl add more) and "Remove row"
    removes every selected row. `edit_new_row`: "Add row" opens the new row's first cell for typing."""

    changed = Signal()

    def __init__(
        self,
        model: EditableRowsModel,
        *,
        add_text: str | None = None,
        new_row: Callable[[], dict[str, Any]] | None = None,
        tab_moves: bool = True,
        remove_last: bool = False,
        widths: dict[str, int] | None = None,
        stretch: str | None = None,
        wrap_headers: bool = False,
        select_rows: bool = False,
        edit_new_row: bool = False,
        tip: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # widths from the contents, unless the owner gives them or wrapped headers take them from the titles
        self._fit = widths is None and stretch is None and not wrap_headers
        self.model = model
        if model.parent() is None:
            # every Qt object here has a Qt parent: one owned by Python alone was freed by the garbage
            # collector in whatever thread it ran (a worker's), and Qt crashed
            model.setParent(self)
        self._remove_last = remove_last
        self._select_rows = select_rows
        self._edit_new_row = edit_new_row
        self._new_row = new_row or dict
        self.view = QTableView(self)
        self.view.setModel(model)
        self.view.setItemDelegate(CellDelegate(self.view))
        if select_rows:
            self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        else:
            self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
            self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.setTabKeyNavigation(tab_moves)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 12)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setToolTip(tip if tip is not None else _("F2 or typing edits a cell."))

        self.add_button = QPushButton(add_text or _("Add row"), self)
        self.remove_button = QPushButton(_("Remove row"), self)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_current)
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.add_button)
        self.buttons.addWidget(self.remove_button)
        self.buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(self.buttons)
        model.changed.connect(self.changed.emit)
        model.modelReset.connect(self.fit_columns)
        self._fitted = False
        self._fixed_widths(widths or {}, stretch)
        self._wrapped: _WrappedHeader | None = _WrappedHeader(self.view) if wrap_headers else None

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._fitted:
            # a new contract's table had never been fitted: "Termin wykorzystania" was cut off
            self._fitted = True
            self.fit_columns()

    def add_row(self) -> None:
        row = self.model.add_row(self._new_row())
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.setFocus()
        if self._edit_new_row:
            self.view.edit(index)

    def remove_current(self) -> None:
        """Remove the selected rows (`select_rows`), else the current row (with `remove_last`, the
        last one when no cell is current)."""
        rows = {i.row() for i in self.view.selectionModel().selectedRows()} if self._select_rows else set()
        if not rows:
            index = self.view.currentIndex()
            row = index.row() if index.isValid() else (self.model.row_count() - 1 if self._remove_last else -1)
            rows = {row} if row >= 0 else set()
        for row in sorted(rows, reverse=True):  # from the bottom: the rows above keep their numbers
            if not self.model.is_totals_row(row):
                self.model.remove_row(row)

    def show_errors(self, errors: Sequence[FieldError], field: str) -> None:
        rows, _general = row_errors(errors, field)
        self.model.set_row_errors(rows)

    def _fixed_widths(self, widths: dict[str, int], stretch: str | None) -> None:
        """Columns (by key) of a fixed width, and the one that takes the rest (a title, conclusions)."""
        header = self.view.horizontalHeader()
        keys = [column.key for column in self.model.columns()]
        if stretch is not None:
            header.setStretchLastSection(False)
            header.setSectionResizeMode(keys.index(stretch), QHeaderView.ResizeMode.Stretch)
        for key, width in widths.items():
            header.resizeSection(keys.index(key), width)

    def fit_columns(self) -> None:
        """Widths to the contents (unless `widths`/`stretch` or `wrap_headers` set them)."""
        if not self._fit:
            return
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        for col in range(self.model.columnCount()):
            header.resizeSection(col, min(max(header.sectionSize(col) + 16, 90), 320))


class _WrappedHeader(QObject):
    """A table's column titles wrapped onto several lines: the widths follow the titles and the
    table's width, the header's height the longest wrapped title (Qt sizes a header for one line)."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        self.header = view.horizontalHeader()
        self.header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag(Qt.TextFlag.TextWordWrap.value))
        self._shared: bool | None = None  # the columns share the table's width (None: not decided yet)
        view.viewport().installEventFilter(self)
        # a stretched header reports its columns' new widths one by one before it has them all:
        # the height is fitted once the event loop is back, to the widths it ends with
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self.fit_height)
        self.header.sectionResized.connect(lambda *_args: self._later.start())
        for signal in (view.model().modelReset, view.model().headerDataChanged, view.model().columnsInserted):
            signal.connect(self.refit)
        self.refit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            self.share_width()
        return False

    def refit(self, *_args: Any) -> None:
        self._shared = None
        self.share_width()
        self.fit_height()

    def _titles(self) -> list[str]:
        model = self.view.model()
        return [
            str(model.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
            for col in range(model.columnCount())
        ]

    def _padding(self) -> int:
        return 2 * self.header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, self.header) + 4

    def _measures(self) -> list[tuple[int, int]]:
        """Each column's (least, wanted) width. Wanted: its title on one line, up to `WIDE_COLUMN`;
        least: its title on at most `HEADER_LINES` - 1 lines. Both at least `NARROW_COLUMN` and as
        wide as the title's longest word (a word is not broken: it would be cut)."""
        metrics = self.header.fontMetrics()
        padding = self._padding() + 2
        out = []
        for title in self._titles():
            line = metrics.horizontalAdvance(title)
            word = max((metrics.horizontalAdvance(w) for w in title.split()), default=0)
            wanted = max(min(line, max(WIDE_COLUMN - padding, word)) + padding, NARROW_COLUMN)
            least = max(max(word, -(-line // (HEADER_LINES - 1))) + padding, NARROW_COLUMN)
            out.append((min(least, wanted), wanted))
        return out

    def share_width(self) -> None:
        """The columns share the table's width (equally, as Qt stretches) while every one gets at
        least its least width: a short table fits the form, its last column never off-screen;
        otherwise each keeps its wanted width (the clerk may widen it) and the table scrolls."""
        measures = self._measures()
        shared = len(measures) * max((least for least, _wanted in measures), default=0) <= self.view.viewport().width()
        if shared == self._shared:
            return
        self._shared = shared
        # a stretched last section besides stretched ones kept its former width (J-03: off-screen)
        self.header.setStretchLastSection(not shared)
        if shared:
            self.header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            return
        self.header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, (_least, wanted) in enumerate(measures):
            self.header.resizeSection(col, wanted)

    def lines(self) -> int:
        """The lines the longest wrapped title takes at the columns' present widths."""
        metrics = self.header.fontMetrics()
        padding = self._padding()
        flags = int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap.value)
        most = 1
        for col, title in enumerate(self._titles()):
            width = self.header.sectionSize(col) - padding
            if width > 0 and title:
                height = metrics.boundingRect(QRect(0, 0, width, 100_000), flags, title).height()
                most = max(most, -(-height // metrics.lineSpacing()))
        return min(most, HEADER_LINES)

    def fit_height(self) -> None:
        # a little air above and below the lines, as the rows have
        height = self.header.fontMetrics().lineSpacing() * self.lines() + 10
        if height != self.header.minimumHeight():
            self.header.setMinimumHeight(height)
            self.header.geometriesChanged.emit()  # the view places its rows below the new height
