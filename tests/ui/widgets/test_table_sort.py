"""Sorting a long register that the table is handed a batch at a time: the order is Polish, every row
appears once, and the proxy's work stays linear in the rows (each row's sort value is read once per sort
instead of twice per comparison)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from app.ui.widgets.table_model import Column, ColumnKind, IdRole, PolishSortProxy, RowTableModel


@dataclass(frozen=True)
class Row:
    id: int
    name: str
    amount: Decimal | None


# in the order a database might return them (by id), not sorted
ROWS = [
    Row(1, "Żurawie", Decimal("10.00")),
    Row(2, "Łabędzie", Decimal("9.50")),
    Row(3, "lisy", Decimal("120.00")),
    Row(4, "Ćmy", None),
    Row(5, "Amatorzy", Decimal("10.00")),
    Row(6, "Sowy", Decimal("0.99")),
    Row(7, "", Decimal("5.00")),
    Row(8, "Lisy", Decimal("9.50")),
    Row(9, "Zadanie 10", Decimal("2.00")),
    Row(10, "Zadanie 2", Decimal("2.00")),
    Row(11, "Bobry", None),
]
COLUMNS = [Column("Name", lambda r: r.name), Column("Amount", lambda r: r.amount, kind=ColumnKind.MONEY)]

# Polish alphabet: A B C Ć … L Ł … S Ś … Z Ź Ż; case ignored ("lisy" = "Lisy": equal rows keep their
# order, 3 before 8); numbers inside text by value ("Zadanie 2" before "Zadanie 10"); the empty name last
BY_NAME = [5, 11, 4, 3, 8, 2, 6, 10, 9, 1, 7]


def _lazy(batch: int) -> tuple[RowTableModel[Row], PolishSortProxy]:
    """As RecordListView.refresh does it: the rows sorted first, so the first batch is the top of the list."""
    model: RowTableModel[Row] = RowTableModel(COLUMNS, batch_size=batch)
    proxy = PolishSortProxy()
    proxy.setSourceModel(model)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    model.set_rows(proxy.sorted_rows(model, ROWS, 0, Qt.SortOrder.AscendingOrder))
    return model, proxy


def _ids(proxy: PolishSortProxy) -> list[int]:
    return [proxy.index(r, 0).data(IdRole) for r in range(proxy.rowCount())]


def test_every_fetched_batch_keeps_the_polish_order(qapp) -> None:
    model, proxy = _lazy(batch=2)
    assert model.canFetchMore() and _ids(proxy) == BY_NAME[:2]
    while model.canFetchMore():
        model.fetchMore()
        assert _ids(proxy) == BY_NAME[: model.rowCount()]
    assert _ids(proxy) == BY_NAME


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        # 0,99 < 2,00 (9 before 10: their order by name) < 5,00 < 9,50 (8 Lisy before 2 Łabędzie) < 10,00
        # (5 Amatorzy before 1 Żurawie) < 120,00; no amount last (11 Bobry before 4 Ćmy)
        (Qt.SortOrder.AscendingOrder, [6, 10, 9, 7, 8, 2, 5, 1, 3, 11, 4]),
        # the reverse, equal amounts still in their order by name, no amount first
        (Qt.SortOrder.DescendingOrder, [11, 4, 3, 5, 1, 8, 2, 7, 10, 9, 6]),
    ],
)
def test_sorting_by_another_column_after_a_partial_fetch_keeps_each_row_once(qapp, order, expected) -> None:
    model, proxy = _lazy(batch=3)
    model.fetchMore()  # 6 of 11 rows handed over, as after some scrolling
    model.fetch_all()  # what the list does when the clerk clicks another column's header
    proxy.sort(1, order)
    assert _ids(proxy) == expected
    assert proxy.sorted_rows(model, model.rows(), 1, order) == [model.row_at(_row_of(model, i)) for i in expected]
    proxy.sort(0, Qt.SortOrder.AscendingOrder)  # and back: the name ranks are not the amount ranks
    # Qt's sort is stable over the order shown: "lisy" (3) and "Lisy" (8) are equal names and keep their
    # order by amount ascending (8's 9,50 before 3's 120,00), descending the other way round
    ties = [8, 3] if order == Qt.SortOrder.AscendingOrder else [3, 8]
    assert _ids(proxy) == BY_NAME[:3] + ties + BY_NAME[5:]


def _row_of(model: RowTableModel[Row], record_id: int) -> int:
    return next(i for i, r in enumerate(model.rows()) if r.id == record_id)


def test_new_rows_are_ranked_again(qapp) -> None:
    model, proxy = _lazy(batch=100)
    model.set_rows([Row(1, "Ósemka", None), Row(2, "Ołów", None), Row(3, "Ąb", None)])
    # Ą after A, Ó after O: Ab… < Ołów < Ósemka
    assert _ids(proxy) == [3, 2, 1]


def test_a_sort_reads_each_row_once(qapp, monkeypatch) -> None:
    """Sorting n rows must not cost a Python round trip for two cells per comparison (n log n of them)."""
    rows = [Row(i, f"Organizacja {(i * 7919) % 1000}", None) for i in range(1000)]
    model: RowTableModel[Row] = RowTableModel(COLUMNS)
    model.set_rows(rows)
    proxy = PolishSortProxy()
    proxy.setSourceModel(model)
    reads = 0
    real = RowTableModel.sort_value.__func__  # type: ignore[attr-defined]

    def counted(cls: type, column: Column[Row], row: Row) -> object:
        nonlocal reads
        reads += 1
        return real(cls, column, row)

    monkeypatch.setattr(RowTableModel, "sort_value", classmethod(counted))
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert reads == 1000
    # 7919 is prime to 1000, so i -> (i * 7919) % 1000 hits every number once: "Organizacja 0", "… 1", …
    # in numeric order, row 0 first ("Organizacja 0"), then the row with (i * 7919) % 1000 == 1: i = 679
    # (679 * 7919 = 5 377 001)
    assert _ids(proxy)[:2] == [0, 679]


def test_fetching_a_batch_compares_no_rows(qapp, monkeypatch) -> None:
    """The rows a lazy model hands over are already in the order shown: appending them costs no
    comparison (Qt's own sort called lessThan in Python ~2 700 times for each batch of 500)."""
    compared = 0
    real = PolishSortProxy.lessThan

    def counted(self: PolishSortProxy, left: object, right: object) -> bool:
        nonlocal compared
        compared += 1
        return real(self, left, right)  # type: ignore[arg-type]

    monkeypatch.setattr(PolishSortProxy, "lessThan", counted)
    model, proxy = _lazy(batch=2)
    while model.canFetchMore():
        model.fetchMore()
    assert compared == 0
    assert _ids(proxy) == BY_NAME


def test_the_selection_follows_its_row_when_sorted(qtbot) -> None:
    from PySide6.QtWidgets import QAbstractItemView, QTableView

    _model, proxy = _lazy(batch=3)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.setSortingEnabled(True)  # sorts by the header's indicator (descending): every row is handed over
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert _ids(proxy) == BY_NAME
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.selectRow(2)  # Ćmy (4), the third by name
    view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    # by amount descending (see above): 11, 4, 3, 5, 1, 8, 2, 7, 10, 9, 6 — Ćmy is second
    assert view.currentIndex().row() == 1 and view.currentIndex().data(IdRole) == 4
    assert [i.row() for i in view.selectionModel().selectedRows()] == [1]


def test_the_model_and_proxy_pass_qt_model_checks(qtmodeltester) -> None:
    model, proxy = _lazy(batch=3)
    proxy.sort(1, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy, force_py=True)
    qtmodeltester.check(model, force_py=True)


def test_an_unticked_row_stays_unticked_when_sorted(qapp) -> None:
    model: RowTableModel[Row] = RowTableModel(COLUMNS, checkable=True)
    model.set_rows(ROWS)
    proxy = PolishSortProxy()
    proxy.setSourceModel(model)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    # Łabędzie (2) is the sixth by name: untick it through the proxy, as the clerk does in the table
    assert proxy.index(5, 0).data(IdRole) == 2
    assert proxy.setData(proxy.index(5, 0), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    # by amount descending (11, 4, 3, 5, 1, 8, 2, …) Łabędzie is seventh: the tick follows the row, the
    # sixth row (Lisy, 8) stays ticked
    proxy.sort(1, Qt.SortOrder.DescendingOrder)

    def unticked() -> list[int]:
        check = Qt.ItemDataRole.CheckStateRole
        return [r for r in range(proxy.rowCount()) if proxy.index(r, 0).data(check) == Qt.CheckState.Unchecked]

    assert unticked() == [6] and proxy.index(6, 0).data(IdRole) == 2
    assert sorted(r.id for r in model.checked_rows()) == [1, 3, 4, 5, 6, 7, 8, 9, 10, 11]
