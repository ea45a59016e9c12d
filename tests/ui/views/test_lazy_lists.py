"""Long registers are handed to the table a batch at a time (canFetchMore/fetchMore), read once per show,
and still search, filter, sort and count every row."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt

from app.core.domain.enums import LegalForm, RegistryType
from app.core.domain.records import OrganisationInput
from app.core.i18n import _, ngettext
from app.core.services.organisations import create_organisation
from app.ui.widgets.table_model import Column, IdRole, PolishSortProxy, RowTableModel

NAMES = ["Żurawie", "Łabędzie", "Amatorzy", "Bobry", "Sowy", "Ćmy", "Lisy"]


@dataclass(frozen=True)
class Row:
    id: int
    name: str


def test_model_hands_rows_in_batches(qtmodeltester) -> None:
    model: RowTableModel[Row] = RowTableModel([Column("Name", lambda r: r.name)], batch_size=10)
    model.set_rows([Row(i, f"r{i}") for i in range(35)])
    assert (model.rowCount(), model.total_rows(), model.canFetchMore()) == (10, 35, True)
    model.fetchMore()
    assert model.rowCount() == 20
    assert model.row_of_id(31) == 31 and model.rowCount() == 32  # a record asked for is handed over
    assert model.index(31, 0).data() == "r31"
    model.fetch_all()
    assert (model.rowCount(), model.canFetchMore()) == (35, False)
    qtmodeltester.check(model, force_py=True)
    model.set_rows([Row(i, "x") for i in range(20)])  # up to two batches: all at once
    assert (model.rowCount(), model.canFetchMore()) == (20, False)


def test_sorted_rows_match_the_proxy_sort(qapp) -> None:
    rows = [Row(i, n) for i, n in enumerate(NAMES + ["", "amatorzy"])]
    model: RowTableModel[Row] = RowTableModel([Column("Name", lambda r: r.name)])
    model.set_rows(rows)
    proxy = PolishSortProxy()
    proxy.setSourceModel(model)
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        proxy.sort(0, order)
        shown = [proxy.index(r, 0).data(IdRole) for r in range(proxy.rowCount())]
        assert [r.id for r in proxy.sorted_rows(model, rows, 0, order)] == shown
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 0).data() for r in range(3)] == ["Amatorzy", "amatorzy", "Bobry"]


def test_a_long_register_opens_with_its_first_batch(qtbot, db, monkeypatch) -> None:
    from app.ui.views.organisations import OrganisationsView

    for i, name in enumerate(NAMES):
        create_organisation(
            db,
            OrganisationInput(
                name=name, legal_form=LegalForm.FUNDACJA, registry_type=RegistryType.KRS, registry_number=str(i + 1)
            ),
        )
    monkeypatch.setattr(OrganisationsView, "fetch_batch", 2)
    view = OrganisationsView(db)
    qtbot.addWidget(view)
    assert view.loaded_on_creation
    assert view.model.rowCount() == 2 and view.model.canFetchMore()
    # the first batch is the top of the whole list in Polish order
    assert [view.proxy.index(r, 0).data() for r in range(2)] == ["Amatorzy", "Bobry"]
    seven = ngettext("{count} organisation", "{count} organisations", 7).format(count=7)
    assert view.count_label.text() == seven
    view.search.setText("łabę")  # a row not handed to the table yet is found
    assert view.proxy.rowCount() == 1 and view.proxy.index(0, 0).data() == "Łabędzie"
    assert view.count_label.text() == _("{shown} shown of {total}").format(shown=1, total=seven)
    view.search.clear()
    view.refresh()  # a refresh starts again from the first batch
    assert view.model.rowCount() == 2
    view.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert view.model.rowCount() == 7
    assert view.proxy.index(0, 0).data() == "Żurawie"
