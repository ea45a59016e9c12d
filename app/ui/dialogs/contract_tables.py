"""Editable tables of the contract editor: tranches per budget year, own contribution per year and
kind, planned results. Rows are plain dicts of what the clerk typed (amounts as text, dates as
`datetime.date`), so the service validates exactly what is on the screen.

`EditableRowsModel` is a QAbstractTableModel with an optional totals row (not editable);
`CellDelegate` gives each column kind its editor (date picker, amount field); `TableEditor`
wraps the view with "Add row / Remove row" and marks the rows the service reported
("Wiersz 2: …") in red with the message as a tooltip.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any, TypeGuard

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import FieldError
from app.core.i18n import _, format_date, format_decimal, format_money
from app.core.money import MoneyFormatError, parse_money
from app.core.dates import DateFormatError, parse_date
from app.ui.widgets.date_edit import DateLine
from app.ui.widgets.form import MoneyEdit, money_text

_AnyIndex = QModelIndex | QPersistentModelIndex

ERROR_BACKGROUND = QColor("#fdecea")
ERROR_FOREGROUND = QColor("#b3261e")
DEFAULT_FOREGROUND = QColor("#6b6b6b")
#: a CHOICE cell's default code (what an empty cell means), for the combo box to start from
CHOICE_DEFAULT_ROLE = Qt.ItemDataRole.UserRole + 7


class CellKind(Enum):
    YEAR = "year"
    MONEY = "money"
    DATE = "date"
    TEXT = "text"
    NUMBER = "number"  # a quantity typed as text ("12,5")
    CHOICE = "choice"  # one code of a closed list, picked in a combo box (the row stores the code)


@dataclass(frozen=True)
class EditColumn:
    key: str
    #: header msgid, translated when shown (or an already formatted text, e.g. "Osiągnięto 2025")
    header: str
    kind: CellKind = CellKind.TEXT
    editable: bool = True
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


def parse_amount(text: Any) -> Decimal | None:
    """The amount typed in a cell, None when empty or not an amount (the service says why)."""
    if isinstance(text, Decimal):
        return text
    text = str(text or "").strip()
    if not text:
        return None
    try:
        return parse_money(text)
    except MoneyFormatError:
        return None


def _bad_date(value: Any, column: EditColumn) -> TypeGuard[str]:
    return column.kind is CellKind.DATE and isinstance(value, str) and value != ""


def _date_problem(value: str) -> str:
    try:
        parse_date(value)
    except DateFormatError as exc:
        return exc.message
    return ""


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return money_text(value)
    return str(value)


class EditableRowsModel(QAbstractTableModel):
    """Rows of dicts; column specs say how each key is shown and edited."""

    changed = Signal()

    def __init__(self, columns: Sequence[EditColumn], *, totals: bool = False, parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[dict[str, Any]] = []
        self._totals = totals
        self._row_errors: dict[int, str] = {}

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
        self.endResetModel()
        self.changed.emit()

    def rows(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self._rows]

    def row_count(self) -> int:
        """Data rows (without the totals row)."""
        return len(self._rows)

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
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def row_error(self, row: int) -> str:
        return self._row_errors.get(row, "")

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
        if not self.is_totals_row(index.row()) and self._columns[index.column()].editable:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            column = self._columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return _(column.header)
            if role == Qt.ItemDataRole.ToolTipRole and column.tip:
                return column.tip
            return None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < self.rowCount():
            return "Σ" if self.is_totals_row(section) else section + 1
        return None

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount() \
                or not 0 <= index.column() < len(self._columns):
            return None
        column = self._columns[index.column()]
        if self.is_totals_row(index.row()):
            return self._totals_data(index.column(), column, role)
        row = self._rows[index.row()]
        value = row.get(column.key)
        if role == Qt.ItemDataRole.DisplayRole:
            shown = self._display(value, column)
            if not shown and column.default is not None:
                return column.default(row)
            return shown
        if role == Qt.ItemDataRole.EditRole:
            if column.kind is CellKind.DATE:
                # a date, or the text typed that is not one (kept, so the service can say why)
                return value if isinstance(value, (dt.date, str)) and value != "" else None
            return _as_text(value)
        if role == CHOICE_DEFAULT_ROLE and column.kind is CellKind.CHOICE and column.default_code is not None:
            return column.default_code(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.kind in (CellKind.MONEY, CellKind.NUMBER):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column.kind in (CellKind.YEAR, CellKind.DATE):
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and index.row() in self._row_errors:
            return QBrush(ERROR_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole:
            if index.row() in self._row_errors or _bad_date(value, column):
                return QBrush(ERROR_FOREGROUND)
            if not self._display(value, column) and column.default is not None:
                return QBrush(DEFAULT_FOREGROUND)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.row() in self._row_errors:
                return self._row_errors[index.row()]
            if _bad_date(value, column):
                return _date_problem(value)
            if not self._display(value, column) and column.default is not None:
                return _("Empty: the default shown in grey is used.")
            return None
        return None

    def setData(self, index: _AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.is_totals_row(index.row()) \
                or not 0 <= index.row() < len(self._rows):
            return False
        column = self._columns[index.column()]
        if not column.editable:
            return False
        if column.kind is CellKind.DATE:
            if isinstance(value, QDate):
                value = dt.date(value.year(), value.month(), value.day()) if value.isValid() else None
            elif isinstance(value, str):
                # typed text: the date it means, None when cleared, else the text itself (never
                # dropped: the cell shows it in red and the service refuses it with the reason)
                try:
                    value = parse_date(value)
                except DateFormatError:
                    value = value.strip()
            elif not isinstance(value, dt.date):
                value = None
        elif column.kind is CellKind.YEAR:
            text = str(value or "").strip()
            value = int(text) if text.isdigit() else (text or None)
        elif column.kind is CellKind.MONEY:
            amount = parse_amount(value)
            value = money_text(amount) if amount is not None else str(value or "").strip()
        elif column.kind is CellKind.CHOICE:
            value = str(value) if value else None  # empty = the default shown in grey
        else:
            value = str(value or "").strip()
        self._rows[index.row()][column.key] = value
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

    @staticmethod
    def _display(value: Any, column: EditColumn) -> str:
        if value is None or value == "":
            return ""
        if column.kind is CellKind.DATE and isinstance(value, dt.date):
            return format_date(value)
        if column.kind is CellKind.MONEY:
            amount = parse_amount(value)
            return format_money(amount) if amount is not None else str(value)
        if column.kind is CellKind.NUMBER and isinstance(value, Decimal):
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
    """Date picker for dates, amount field for money, plain line edit otherwise."""

    def _column(self, index: _AnyIndex) -> EditColumn | None:
        model = index.model()
        if isinstance(model, EditableRowsModel):
            return model.columns()[index.column()]
        return None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _AnyIndex) -> QWidget:  # noqa: N802
        column = self._column(index)
        if column is not None and column.kind is CellKind.DATE:
            editor: QLineEdit = DateLine(optional=True, parent=parent)
            editor.setMaximumWidth(16777215)
            return editor
        if column is not None and column.kind is CellKind.MONEY:
            editor = MoneyEdit(parent)
            editor.setMaximumWidth(16777215)
            return editor
        if column is not None and column.kind is CellKind.CHOICE:
            combo = QComboBox(parent)
            combo.setAccessibleName(_(column.header))
            for code, label in column.choices() if column.choices else []:
                combo.addItem(label, code)
            return combo
        editor = QLineEdit(parent)
        if column is not None and column.kind is CellKind.YEAR:
            editor.setInputMask("0000;_")
            editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return editor

    def setEditorData(self, editor: QWidget, index: _AnyIndex) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            # the stored code, else the default the cell shows in grey
            code = index.data(Qt.ItemDataRole.EditRole) or index.data(CHOICE_DEFAULT_ROLE)
            editor.setCurrentIndex(max(editor.findData(code), 0))
            return
        value = index.data(Qt.ItemDataRole.EditRole)
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
            return
        if isinstance(editor, DateLine):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
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


class TableEditor(QWidget):
    """A table of editable rows with Add/Remove buttons and red rows for the service's errors."""

    changed = Signal()

    def __init__(self, model: EditableRowsModel, *, add_text: str | None = None,
                 new_row: Callable[[], dict[str, Any]] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._new_row = new_row or dict
        self.view = QTableView()
        self.view.setModel(model)
        self.view.setItemDelegate(CellDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed
                                  | QAbstractItemView.EditTrigger.SelectedClicked)
        self.view.setTabKeyNavigation(True)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 12)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setToolTip(_("F2 or typing edits a cell; Enter saves the contract."))

        self.add_button = QPushButton(add_text or _("Add row"))
        self.remove_button = QPushButton(_("Remove row"))
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_current)
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.add_button)
        self.buttons.addWidget(self.remove_button)
        self.buttons.addStretch(1)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {ERROR_FOREGROUND.name()};")
        self.message.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(self.buttons)
        model.changed.connect(self.changed.emit)
        model.modelReset.connect(self.fit_columns)
        self._fitted = False

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._fitted:
            # a new contract's table had never been fitted: "Termin wykorzystania" was cut off
            self._fitted = True
            self.fit_columns()

    def add_row(self) -> None:
        row = self.model.add_row(self._new_row())
        self.view.setCurrentIndex(self.model.index(row, 0))
        self.view.setFocus()

    def remove_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid() and not self.model.is_totals_row(index.row()):
            self.model.remove_row(index.row())

    def show_errors(self, errors: Sequence[FieldError], field: str) -> None:
        rows, _general = row_errors(errors, field)
        self.model.set_row_errors(rows)

    def fit_columns(self) -> None:
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        for col in range(self.model.columnCount()):
            header.resizeSection(col, min(max(header.sectionSize(col) + 16, 90), 320))
