""" "Współpraca pozafinansowa": the register of non-financial cooperation (art. 5 ust. 2, tool W-08)
that fills section 5 of the annual report on the cooperation programme."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QWidget

from app.core.db.engine import Database
from app.core.domain.cooperation import CooperationForm, CooperationRecord
from app.core.i18n import N_, _, ngettext
from app.core.services import cooperation as service
from app.ui.widgets.list_view import RecordListView
from app.ui.widgets.table_model import Column, ColumnKind

_FORM_ORDER = {f: i for i, f in enumerate(CooperationForm)}


class CooperationView(RecordListView):
    entity = "cooperation"
    title_msgid = N_("Non-financial cooperation")
    empty_msgid = N_(
        "No non-financial cooperation recorded yet. Click “Add…” to enter a consultation, a joint "
        "team, premises lent or another form of cooperation without money (art. 5(2))."
    )
    initial_sort_column = 0
    initial_sort_order = Qt.SortOrder.DescendingOrder  # the newest first
    stretch_column = 3
    max_column_width = 300  # the forms' names are long ("konsultowanie projektów aktów normatywnych")

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        self._rows: list[CooperationRecord] = []
        super().__init__(db, parent)
        self.year_filter = QComboBox()
        self.year_filter.setObjectName("yearFilter")
        self.year_filter.setAccessibleName(_("Budget year"))
        self.year_filter.currentIndexChanged.connect(self._filter_year)
        self.toolbar.insertWidget(3, self.year_filter)
        self._fill_years()

    def columns(self) -> Sequence[Column[CooperationRecord]]:
        return [
            Column(N_("Date"), lambda r: r.event_date, kind=ColumnKind.DATE),
            Column(N_("Year"), lambda r: r.budget_year, kind=ColumnKind.NUMBER, formatter=str),
            Column(
                N_("Form of cooperation"),
                lambda r: r.form,
                sort_key=lambda f: _FORM_ORDER[f],
                formatter=lambda f: f.label,
            ),
            Column(N_("Subject"), lambda r: r.title),
            Column(N_("Organisations"), lambda r: r.organisations_count, kind=ColumnKind.NUMBER),
            Column(N_("Who took part"), lambda r: "; ".join(r.organisations)),
        ]

    def load_rows(self) -> list[CooperationRecord]:
        self._rows = service.list_cooperation(self.db)
        if hasattr(self, "year_filter"):
            self._fill_years()
        return self._rows

    def _fill_years(self) -> None:
        current = self.year_filter.currentData()
        years = sorted({r.budget_year for r in self._rows}, reverse=True)
        self.year_filter.blockSignals(True)
        self.year_filter.clear()
        self.year_filter.addItem(_("All years"), None)
        for y in years:
            self.year_filter.addItem(str(y), y)
        index = self.year_filter.findData(current)
        self.year_filter.setCurrentIndex(max(index, 0))
        self.year_filter.blockSignals(False)

    def count_text(self, count: int) -> str:
        return ngettext("{count} activity", "{count} activities", count).format(count=count)

    def make_dialog(self, record_id: int | None) -> QDialog:
        from app.ui.dialogs.cooperation import CooperationDialog

        return CooperationDialog(self.db, record_id, self, year=self.year_filter.currentData())

    def delete_record(self, record_id: int) -> None:
        service.delete_cooperation(self.db, record_id)

    def describe(self, row: CooperationRecord) -> str:
        return row.title

    def _filter_year(self) -> None:
        year = self.year_filter.currentData()
        self.proxy.set_row_filter(None if year is None else (lambda r: r.budget_year == year))
        self._update_state()
