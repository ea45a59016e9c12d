"""A read-only table model over frozen dataclass rows, and a sort/filter proxy with Polish collation.

Usage::

    columns = [
        Column(N_("Name"), lambda r: r.name),
        Column(N_("Amount"), lambda r: r.total_amount, kind=ColumnKind.MONEY),
        Column(N_("Start"), lambda r: r.start_date, kind=ColumnKind.DATE),
    ]
    model = RowTableModel(columns)
    model.set_rows(rows)
    proxy = PolishSortProxy()
    proxy.setSourceModel(model)

Cells show formatted text (money and dates through app.core.i18n) but sort by the raw value
(``SortRole``), so 9,00 zł sorts before 10,00 zł and 02.01.2026 after 31.12.2025.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCollator,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from app.core.i18n import _, current_language, format_date, format_decimal, format_money
from app.ui.theme import readable

R = TypeVar("R")

#: raw value of a cell, used for sorting (strings are collated, everything else compared)
SortRole = Qt.ItemDataRole.UserRole + 1
#: the whole row object (the dataclass), for views that need more than the id
RowRole = Qt.ItemDataRole.UserRole + 2
#: the row's ``id`` attribute (None when the row has none)
IdRole = Qt.ItemDataRole.UserRole + 3

_AnyIndex = QModelIndex | QPersistentModelIndex

_Role = Qt.ItemDataRole
_DISPLAY = int(_Role.DisplayRole)
_TOOLTIP = int(_Role.ToolTipRole)
_ALIGNMENT = int(_Role.TextAlignmentRole)
_FOREGROUND = int(_Role.ForegroundRole)
_BACKGROUND = int(_Role.BackgroundRole)
_FONT = int(_Role.FontRole)
_CHECK_STATE = int(_Role.CheckStateRole)
#: the roles RowTableModel.data answers (plain ints: Qt hands data() the role as an int); a view asks
#: for more (decoration, size hint…) for every cell it paints, answered None before any other work
_ANSWERED_ROLES = frozenset(
    (
        _DISPLAY,
        _TOOLTIP,
        _ALIGNMENT,
        _FOREGROUND,
        _BACKGROUND,
        _FONT,
        _CHECK_STATE,
        int(SortRole),
        int(RowRole),
        int(IdRole),
    )
)
# combined once: Qt's flag enums combine in Python code (~4 µs per |), and flags() is asked for every cell
_CELL_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_TICK_FLAGS = _CELL_FLAGS | Qt.ItemFlag.ItemIsUserCheckable


class ColumnKind(Enum):
    TEXT = "text"
    MONEY = "money"
    DATE = "date"
    NUMBER = "number"
    BOOL = "bool"


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: header msgid (translated when shown), how to get the raw value from a row."""

    header: str
    accessor: Callable[[R], Any]
    kind: ColumnKind = ColumnKind.TEXT
    #: Qt alignment; None = right for money/numbers, left otherwise
    alignment: Qt.AlignmentFlag | None = None
    #: sort key from the raw value; None = the raw value itself (strings collated in Polish)
    sort_key: Callable[[Any], Any] | None = None
    #: display text from the raw value; None = by `kind`
    formatter: Callable[[Any], str] | None = None
    #: tooltip text from the row; None = the display text when it is long
    tooltip: Callable[[R], str | None] | None = None
    #: text colour from the row (e.g. red for overdue); None = default
    foreground: Callable[[R], QColor | None] | None = None
    #: cell background from the row (e.g. a rejected import row); None = the view's
    background: Callable[[R], QColor | None] | None = None
    #: whether the row's text is bold (e.g. an overdue deadline, a total); None = never
    bold: Callable[[R], bool] | None = None
    #: the header's tooltip (already translated: often a name from the catalogue); None = none
    header_tooltip: str | None = None


def display_text(value: Any, kind: ColumnKind) -> str:
    """How a raw value is shown in a cell (Polish formats via babel)."""
    if value is None:
        return "—" if kind in (ColumnKind.MONEY, ColumnKind.DATE) else ""
    if kind is ColumnKind.MONEY:
        return format_money(Decimal(value))
    if kind is ColumnKind.DATE:
        return format_date(value)
    if kind is ColumnKind.BOOL:
        return _("yes") if value else _("no")
    if kind is ColumnKind.NUMBER and isinstance(value, (int, Decimal)):
        return format_decimal(value)
    if isinstance(value, Enum) and hasattr(value, "label"):
        return str(value.label)
    if isinstance(value, (tuple, list)):
        return ", ".join(str(getattr(v, "label", v)) for v in value)
    if isinstance(value, dt.date):
        return format_date(value)
    return str(value)


def _sortable(value: Any) -> Any:
    """A raw value that Qt can carry in a QVariant and compare (Decimal/date are not native)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, Decimal):
        return float(value)  # ordering only; the shown value stays exact
    if isinstance(value, dt.date):
        return value.toordinal()
    if isinstance(value, Enum) and hasattr(value, "label"):
        return str(value.label)
    if isinstance(value, (tuple, list)):
        return display_text(value, ColumnKind.TEXT)
    return value


class RowTableModel(QAbstractTableModel, Generic[R]):
    """Read-only model: one frozen dataclass per row, columns from `Column` specs.

    With `batch_size`, a long list is handed to the view `batch_size` rows at a time (Qt's
    canFetchMore/fetchMore, as the view scrolls): the rows are plain records already in memory,
    but every row Qt knows about costs formatting, sorting and layout work in Python, so a
    30,000-row register opens as fast as a short one. `rows()`, `total_rows()` and `row_of_id()`
    always cover every row; `fetch_all()` shows the rest (before a search, a filter or a sort).
    """

    def __init__(
        self,
        columns: Sequence[Column[R]],
        parent: Any = None,
        *,
        batch_size: int | None = None,
        checkable: bool = False,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._alignments = [int(self._alignment(c)) for c in self._columns]
        self._rows: list[R] = []
        self._shown = 0  # rows Qt has been told about (all of them without batch_size)
        self.batch_size = batch_size
        #: a tick box in the first column to choose rows for an action (the data stay read-only)
        self.checkable = checkable
        self._unchecked: set[int] = set()  # rows start ticked: the clerk unticks the exceptions
        #: changes whenever the rows or columns are replaced (a proxy's per-column sort ranks are then stale)
        self.generation = 0

    # ---- data in ---------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.generation += 1
        self._unchecked = set()
        batch = self.batch_size
        self._shown = len(self._rows) if batch is None or len(self._rows) <= 2 * batch else batch
        self.endResetModel()

    def rows(self) -> list[R]:
        return list(self._rows)

    def total_rows(self) -> int:
        """Every row, including those not yet handed to the view."""
        return len(self._rows)

    def canFetchMore(self, parent: _AnyIndex = QModelIndex()) -> bool:  # noqa: N802,B008 - Qt API
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: _AnyIndex = QModelIndex()) -> None:  # noqa: N802,B008 - Qt API
        if parent.isValid() or self._shown >= len(self._rows):
            return
        self._show_up_to(self._shown + (self.batch_size or len(self._rows)))

    def fetch_all(self) -> None:
        self._show_up_to(len(self._rows))

    def _show_up_to(self, count: int) -> None:
        count = min(count, len(self._rows))
        if count <= self._shown:
            return
        self.beginInsertRows(QModelIndex(), self._shown, count - 1)
        self._shown = count
        self.endInsertRows()

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def arrange(self, order: Sequence[int]) -> None:
        """Put the rows in `order` (a permutation of the row numbers), as a sort does: every row is
        handed to the view first, and persistent indexes (the selection) follow their rows."""
        if all(i == row for i, row in enumerate(order)):
            return  # nothing moves: a lazy list stays lazy
        self.fetch_all()
        self.layoutAboutToBeChanged.emit()
        moved_to = [0] * len(order)
        for new, old in enumerate(order):
            moved_to[old] = new
        before = self.persistentIndexList()
        self.changePersistentIndexList(before, [self.index(moved_to[i.row()], i.column()) for i in before])
        self._rows = [self._rows[i] for i in order]
        self._unchecked = {moved_to[i] for i in self._unchecked}
        self.generation += 1
        self.layoutChanged.emit()

    def sort_values(self, column: int) -> list[Any]:
        """The SortRole value of `column` for every row (also those not yet handed to the view)."""
        spec = self._columns[column]
        return [self.sort_value(spec, r) for r in self._rows]

    def columns(self) -> list[Column[R]]:
        return list(self._columns)

    def set_columns(self, columns: Sequence[Column[R]], rows: Sequence[R]) -> None:
        """New columns and rows at once (a table whose columns follow the data, e.g. one per year)."""
        self.beginResetModel()
        self._columns = list(columns)
        self._alignments = [int(self._alignment(c)) for c in self._columns]
        self.generation += 1
        self.endResetModel()
        self.set_rows(rows)

    def checked_rows(self) -> list[R]:
        """The rows whose tick box is ticked (every row unless unticked; none without `checkable`)."""
        if not self.checkable:
            return []
        return [r for i, r in enumerate(self._rows) if i not in self._unchecked]

    def row_of_id(self, record_id: Any) -> int:
        """Source row index of the row whose ``id`` equals `record_id`, or -1 (a row not yet handed
        to the view is fetched, so the index is valid)."""
        for i, r in enumerate(self._rows):
            if getattr(r, "id", None) == record_id:
                self._show_up_to(i + 1)
                return i
        return -1

    # ---- Qt interface ----------------------------------------------------------------------

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def flags(self, index: _AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _TICK_FLAGS if self.checkable and index.column() == 0 else _CELL_FLAGS

    def setData(self, index: _AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """Only the tick box changes; the cells themselves are read-only."""
        if not (self.checkable and index.isValid() and index.column() == 0 and role == Qt.ItemDataRole.CheckStateRole):
            return False
        checked = (
            Qt.CheckState(value) == Qt.CheckState.Checked if isinstance(value, (int, Qt.CheckState)) else bool(value)
        )
        (self._unchecked.discard if checked else self._unchecked.add)(index.row())
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return _(self._columns[section].header)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return self._alignments[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._columns[section].header_tooltip
            return None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ANSWERED_ROLES:
            return None
        row_number, column_number = index.row(), index.column()  # -1 for an invalid index
        if not (0 <= row_number < self._shown and 0 <= column_number < len(self._columns)):
            return None
        row = self._rows[row_number]
        column = self._columns[column_number]
        if role == _DISPLAY:
            return self.cell_text(column, row)
        if role == _TOOLTIP:
            if column.tooltip is not None:
                return column.tooltip(row)
            text = self.cell_text(column, row)
            return text if len(text) > 40 else None
        if role == _ALIGNMENT:
            return self._alignments[column_number]
        if role == _FOREGROUND:
            if column.foreground is None:
                return None
            colour = column.foreground(row)
            if not isinstance(colour, QColor):
                return colour
            if column.background is not None and column.background(row) is not None:
                return colour  # chosen for the cell's own background, not the theme's
            # in high contrast a status colour is lightened to stay readable on black
            return readable(colour)
        if role == _BACKGROUND:
            shade = column.background(row) if column.background is not None else None
            return QBrush(shade) if shade is not None else None
        if role == _FONT:
            if column.bold is None or not column.bold(row):
                return None
            font = QFont()  # only the weight is set: the rest comes from the view's font
            font.setBold(True)
            return font
        if role == _CHECK_STATE:
            if not (self.checkable and column_number == 0):
                return None
            return Qt.CheckState.Unchecked if row_number in self._unchecked else Qt.CheckState.Checked
        if role == SortRole:
            return self.sort_value(column, row)
        if role == RowRole:
            return row
        if role == IdRole:
            return getattr(row, "id", None)
        return None

    # ---- helpers ---------------------------------------------------------------------------

    @classmethod
    def sort_value(cls, column: Column[R], row: R) -> Any:
        """The cell's SortRole value."""
        raw = column.accessor(row)
        if column.sort_key is not None:
            return column.sort_key(raw)
        if column.formatter is not None and not isinstance(raw, (int, float, Decimal, dt.date)):
            return cls.cell_text(column, row)
        return _sortable(raw)

    @staticmethod
    def cell_text(column: Column[R], row: R) -> str:
        """The text a cell of `column` shows for `row`."""
        raw = column.accessor(row)
        if column.formatter is not None:
            return column.formatter(raw)
        return display_text(raw, column.kind)

    @staticmethod
    def _alignment(column: Column[R]) -> Qt.AlignmentFlag:
        if column.alignment is not None:
            return column.alignment | Qt.AlignmentFlag.AlignVCenter
        if column.kind in (ColumnKind.MONEY, ColumnKind.NUMBER):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if column.kind is ColumnKind.BOOL:
            return Qt.AlignmentFlag.AlignCenter
        return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class _RowFitter(QObject):
    """Measures a wrapping table's rows again once its columns have their new widths: after a column is
    resized, and after the table itself is (stretched columns change width without telling)."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(30)  # one measurement for a burst of resizes (dragging the window's edge)
        self._later.timeout.connect(view.resizeRowsToContents)
        view.horizontalHeader().sectionResized.connect(lambda *_args: self._later.start())
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            self._later.start()
        return False


def read_only_view(
    model: RowTableModel[Any],
    accessible_name: str,
    parent: QWidget | None = None,
    *,
    select_rows: bool = True,
    row_numbers: bool = False,
    wrap_rows: bool = False,
) -> QTableView:
    """A QTableView over `model` as the read-only tables of the app show it: no editing (the model
    has no editable cell), whole rows selected, no row numbers unless asked for. `wrap_rows`: long text
    wraps and each row is as tall as its text at the columns' current widths (measured again whenever a
    column's width changes: rows measured in a narrow or hidden table would otherwise stay far too tall)."""
    view = QTableView(parent)
    if wrap_rows:
        view.setWordWrap(True)
        view.setTextElideMode(Qt.TextElideMode.ElideNone)
        _RowFitter(view)
    view.setModel(model)
    view.setAccessibleName(accessible_name)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    if select_rows:
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().setVisible(row_numbers)
    return view


def ui_locale() -> QLocale:
    """The Qt locale that matches the interface language (Polish unless English was chosen)."""
    if current_language() == "en":
        return QLocale("en_GB")
    return QLocale("pl_PL")


class PolishSortProxy(QSortFilterProxyModel):
    """Sorts strings with Polish collation (Ł after L, Ś after S, Ż last) and raw values otherwise;
    filters case-insensitively on the text of every column."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._collator = QCollator(ui_locale())
        self._collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._collator.setNumericMode(True)  # "Zadanie 2" before "Zadanie 10"
        self._needle = ""
        self._extra: Callable[[Any], bool] | None = None
        #: (model, its generation, column, ranks) of the last column sorted
        self._ranks: tuple[RowTableModel[Any], int, int, list[int]] | None = None
        #: (column, order) of a RowTableModel source, sorted by the model (None: Qt sorts)
        self._model_sort: tuple[int, Qt.SortOrder] | None = None
        #: (column, rows, their ranks) of the last sorted_rows
        self._presorted: tuple[int, list[Any], list[int]] | None = None
        self.setSortRole(SortRole)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setDynamicSortFilter(True)

    def set_search_text(self, text: str) -> None:
        """Show only rows where some column's text contains every word of `text` (any case)."""
        self._refilter(lambda: setattr(self, "_needle", text.strip().casefold()))

    def search_text(self) -> str:
        return self._needle

    def set_row_filter(self, predicate: Callable[[Any], bool] | None) -> None:
        """An extra filter on the row object (e.g. "active only"); None removes it."""
        self._refilter(lambda: setattr(self, "_extra", predicate))

    def _refilter(self, change: Callable[[], None]) -> None:
        # Qt 6.9+ wants begin/endFilterChange around the change; invalidateFilter is deprecated there.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange()
        else:  # pragma: no cover - older Qt
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _AnyIndex) -> bool:
        model = self.sourceModel()
        if model is None:
            return True
        if self._extra is not None:
            row_obj = model.data(model.index(source_row, 0, source_parent), RowRole)
            if row_obj is not None and not self._extra(row_obj):
                return False
        if not self._needle:
            return True
        texts = []
        for col in range(model.columnCount(source_parent)):
            value = model.data(model.index(source_row, col, source_parent), Qt.ItemDataRole.DisplayRole)
            if value is not None:
                texts.append(str(value).casefold())
        haystack = "\u0001".join(texts)
        # Every word must appear somewhere ("caritas kraśnik" finds the row with both).
        return all(word in haystack for word in self._needle.split())

    # ---- sorting -----------------------------------------------------------------------------
    #
    # Over a RowTableModel the proxy does not sort: the model holds its rows in the order shown
    # (RowTableModel.arrange) and the proxy only filters. Qt's own sort calls lessThan in Python
    # n log n times per sort and again for every batch a lazy model hands over (~5 µs a call: 3 s to
    # sort 30 000 contracts); here a sort is one collation of the column's distinct values and an
    # integer sort, and a fetched batch is appended with no comparison at all. The order is Qt's:
    # ascending by value_less, stable over the order shown (the reverse, stably, for descending).

    def setSourceModel(self, model: QAbstractItemModel) -> None:  # noqa: N802 - Qt override
        old = self.sourceModel()
        if isinstance(old, RowTableModel):
            old.modelReset.disconnect(self._arrange_model)
        super().setSourceModel(model)
        if isinstance(model, RowTableModel):
            # new rows are put in the current order (after Qt's own handling of the reset)
            model.modelReset.connect(self._arrange_model)

    def _sorts_model(self) -> RowTableModel[Any] | None:
        model = self.sourceModel()
        return model if isinstance(model, RowTableModel) and self.sortRole() == SortRole else None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self._sorts_model()
        if model is None:
            self._model_sort = None
            super().sort(column, order)
            return
        self._model_sort = (column, order)
        if super().sortColumn() != -1:
            super().sort(-1)  # the proxy shows the model's order
        self._arrange_model()

    def sortColumn(self) -> int:  # noqa: N802 - Qt API
        return self._model_sort[0] if self._model_sort is not None else super().sortColumn()

    def sortOrder(self) -> Qt.SortOrder:  # noqa: N802 - Qt API
        return self._model_sort[1] if self._model_sort is not None else super().sortOrder()

    def _arrange_model(self) -> None:
        model = self._sorts_model()
        if model is None or self._model_sort is None:
            return
        column, order = self._model_sort
        if not 0 <= column < model.columnCount():
            return
        ranks = self._ranks_of(model, column)
        order_ = sorted(range(len(ranks)), key=ranks.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        model.arrange(order_)
        self._ranks = (model, model.generation, column, [ranks[i] for i in order_])

    def lessThan(self, left: _AnyIndex, right: _AnyIndex) -> bool:
        """Qt's sort, used over any model but RowTableModel (which is sorted by `sort` itself)."""
        return self.value_less(left.data(self.sortRole()), right.data(self.sortRole()))

    def _ranks_of(self, model: RowTableModel[Any], column: int) -> list[int]:
        """Each source row's rank in `column` (cached until the model's rows or columns change)."""
        cached = self._ranks
        if cached is not None and cached[0] is model and cached[1] == model.generation and cached[2] == column:
            return cached[3]
        ranks = self._presorted_ranks(model, column)
        if ranks is None:
            ranks = self.rank_order(model.sort_values(column))
        self._ranks = (model, model.generation, column, ranks)
        return ranks

    def sorted_rows(self, model: RowTableModel[R], rows: Sequence[R], column: int, order: Qt.SortOrder) -> list[R]:
        """`rows` in the order this proxy would show them sorted by `column` (for a model that hands
        the view only its first rows: they must be the first ones of the whole sorted list)."""
        spec = model.columns()[column] if 0 <= column < model.columnCount() else None
        if spec is None:
            return list(rows)
        ranks = self.rank_order([RowTableModel.sort_value(spec, r) for r in rows])
        # stable, as Qt's sort: equal rows keep their order in either direction
        order_ = sorted(range(len(rows)), key=ranks.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        result = [rows[i] for i in order_]
        # the model is usually given these rows next: their ranks need not be computed a second time
        self._presorted = (column, result, [ranks[i] for i in order_])
        return result

    def _presorted_ranks(self, model: RowTableModel[Any], column: int) -> list[int] | None:
        """The ranks sorted_rows computed, when `model` now holds exactly the rows it returned."""
        presorted, self._presorted = self._presorted, None
        if presorted is None or presorted[0] != column or len(presorted[1]) != model.total_rows():
            return None
        if not all(a is b for a, b in zip(presorted[1], model._rows)):
            return None
        return presorted[2]

    def rank_order(self, values: Sequence[Any]) -> list[int]:
        """Each value's place in this proxy's ascending order (`value_less`): equal values share a
        rank, empty ones come last. Distinct values are ordered once, so sorting n rows costs one
        collation of the distinct texts plus integer comparisons."""
        empty = object()
        keys = [empty if v is None or v == "" else v for v in values]
        try:
            distinct = list(dict.fromkeys(k for k in keys if k is not empty))
        except TypeError:  # an unhashable sort key: order the values themselves
            return self._ranks_by_comparing(values)
        ordered = self._ordered(distinct)
        rank_of: dict[Any, int] = {}
        rank = -1
        previous: Any = empty
        for value in ordered:
            if previous is empty or self.value_less(previous, value):
                rank += 1
            rank_of[value] = rank
            previous = value
        last = rank + 1
        return [last if k is empty else rank_of[k] for k in keys]

    def _ordered(self, distinct: list[Any]) -> list[Any]:
        """`distinct` (no empty value) ascending by `value_less`."""
        import functools

        if all(type(v) is str for v in distinct):
            # the collator's sort keys compare in C++; Qt promises the same order as compare(),
            # checked below on every neighbouring pair so a disagreement cannot change the order
            by_key = sorted(distinct, key=self._collator.sortKey)
            if all(self._collator.compare(a, b) <= 0 for a, b in zip(by_key, by_key[1:])):
                return by_key
        elif all(type(v) in (int, float) for v in distinct):
            return sorted(distinct)

        def compare(a: Any, b: Any) -> int:
            if self.value_less(a, b):
                return -1
            return 1 if self.value_less(b, a) else 0

        return sorted(distinct, key=functools.cmp_to_key(compare))

    def _ranks_by_comparing(self, values: Sequence[Any]) -> list[int]:
        import functools

        def compare(i: int, j: int) -> int:
            if self.value_less(values[i], values[j]):
                return -1
            return 1 if self.value_less(values[j], values[i]) else 0

        ranks = [0] * len(values)
        rank = 0
        ordered = sorted(range(len(values)), key=functools.cmp_to_key(compare))
        for prev, i in zip([None, *ordered], ordered):
            if prev is not None and compare(prev, i) < 0:
                rank += 1
            ranks[i] = rank
        return ranks

    def value_less(self, a: Any, b: Any) -> bool:
        # Empty values last in ascending order, whatever their type.
        if a is None or a == "":
            return False
        if b is None or b == "":
            return True
        if isinstance(a, str) and isinstance(b, str):
            return self._collator.compare(a, b) < 0
        try:
            return bool(a < b)
        except TypeError:
            return self._collator.compare(str(a), str(b)) < 0
