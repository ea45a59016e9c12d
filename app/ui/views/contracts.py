""" "Umowy": the contracts register with year and status filters; opens the contract editor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QPushButton, QWidget

from app.core.db.engine import Database
from app.core.domain.enums import ContractStatus
from app.core.domain.records import ContractRow
from app.core.errors import UserFacingError
from app.core.i18n import N_, _, ngettext
from app.core.services import contracts as service
from app.ui.widgets.list_view import RecordListView
from app.ui.widgets.table_model import Column, ColumnKind

RED = QColor("#b3261e")


class ContractsView(RecordListView):
    entity = "contract"
    title_msgid = N_("Contracts")
    empty_msgid = N_("No contracts yet. Click “Add…” to enter the first one.")
    #: the task column takes the free width; organisations are capped
    stretch_column = 2
    max_column_width = 300

    def __init__(self, db: Database, parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        self.today = today or dt.date.today()
        #: organisation whose contracts alone are shown ("Umowy tej organizacji"), None = all
        self.organisation_id: int | None = None
        #: contract named by a paper form's ID typed in the search box ("WKUS-12-2025-47"), None = none
        self.form_contract_id: int | None = None
        self.year_filter = QComboBox()
        self.status_filter = QComboBox()
        super().__init__(db, parent)
        self.year_filter.setObjectName("yearFilter")
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem(_("all statuses"), None)
        for status in ContractStatus:
            self.status_filter.addItem(status.label, status.value)
        self.year_filter.currentIndexChanged.connect(self._apply_filters)
        self.status_filter.currentIndexChanged.connect(self._apply_filters)
        year_label, status_label = QLabel(_("Year:")), QLabel(_("Status:"))
        year_label.setBuddy(self.year_filter)
        status_label.setBuddy(self.status_filter)
        self.toolbar.insertWidget(3, year_label)
        self.toolbar.insertWidget(4, self.year_filter)
        self.toolbar.insertWidget(5, status_label)
        self.toolbar.insertWidget(6, self.status_filter)
        self.organisation_label = QLabel()
        self.organisation_label.setObjectName("organisationFilter")
        self.all_organisations_button = QPushButton(_("All organisations"))
        self.all_organisations_button.setObjectName("allOrganisations")
        self.all_organisations_button.setToolTip(_("Show the contracts of every organisation again"))
        self.all_organisations_button.clicked.connect(lambda: self.show_organisation(None))
        self.toolbar.insertWidget(7, self.organisation_label)
        self.toolbar.insertWidget(8, self.all_organisations_button)
        self.organisation_label.hide()
        self.all_organisations_button.hide()
        self._fill_years()

    def columns(self) -> Sequence[Column[ContractRow]]:
        def due_colour(r: ContractRow) -> QColor | None:
            return RED if r.overdue_date is not None else None

        return [
            Column(N_("Number"), lambda r: r.number),
            Column(N_("Organisations"), lambda r: r.organisation_names),
            Column(N_("Task"), lambda r: r.task_title or r.title, tooltip=lambda r: r.title),
            Column(N_("Years"), lambda r: r.years_label),
            Column(N_("Total grant"), lambda r: r.total_amount, kind=ColumnKind.MONEY),
            Column(N_("Status"), lambda r: r.status),
            Column(
                N_("Next date"),
                lambda r: r.overdue_date or r.next_due_date,
                kind=ColumnKind.DATE,
                foreground=due_colour,
                tooltip=self._due_tip,
            ),
        ]

    def load_rows(self) -> list[ContractRow]:
        return service.list_contracts(self.db, today=self.today)

    @staticmethod
    def _due_tip(r: ContractRow) -> str:
        if r.overdue_date is not None:
            return _("Overdue: {what}").format(what=r.overdue_label)
        return r.next_due_label

    def count_text(self, count: int) -> str:
        return ngettext("{count} contract", "{count} contracts", count).format(count=count)

    def make_dialog(self, record_id: int | None) -> QDialog:
        from app.ui.dialogs.contract_editor import ContractEditor

        return ContractEditor(self.db, record_id, self, today=self.today)

    def delete_record(self, record_id: int) -> None:
        service.delete_contract(self.db, record_id)

    def describe(self, row: Any) -> str:
        return f"{row.number} – {row.title}" if row.number else row.title

    def refresh(self) -> None:
        super().refresh()
        if hasattr(self, "year_filter") and self.year_filter.count():
            self._fill_years()

    # ---- filters ---------------------------------------------------------------------------

    def _fill_years(self) -> None:
        keep = self.year_filter.currentData()
        years: set[int] = set()
        for r in self.model.rows():
            years.update(range(r.start_date.year, r.end_date.year + 1))
        self.year_filter.blockSignals(True)
        self.year_filter.clear()
        self.year_filter.addItem(_("all years"), None)
        for y in sorted(years, reverse=True):
            self.year_filter.addItem(str(y), y)
        index = self.year_filter.findData(keep)
        self.year_filter.setCurrentIndex(max(index, 0))
        self.year_filter.blockSignals(False)
        self._apply_filters()

    def set_filters(self, year: int | None = None, status: ContractStatus | None = None) -> None:
        self.year_filter.setCurrentIndex(max(self.year_filter.findData(year), 0))
        self.status_filter.setCurrentIndex(
            max(self.status_filter.findData(None if status is None else status.value), 0)
        )

    def show_organisation(self, organisation_id: int | None) -> None:
        """Show only the contracts the organisation is a party to (None: every contract again)."""
        from app.core.services.organisations import get_organisation

        name = ""
        if organisation_id is not None:
            try:
                name = get_organisation(self.db, organisation_id).name
            except UserFacingError as exc:  # deleted meanwhile
                self.show_error(exc.message)
                organisation_id = None
        self.organisation_id = organisation_id
        short = name if len(name) <= 40 else name[:39].rstrip() + "…"  # the toolbar must not grow
        self.organisation_label.setText(_("Organisation: {name}").format(name=short))
        self.organisation_label.setToolTip(name)
        self.organisation_label.setVisible(organisation_id is not None)
        self.all_organisations_button.setVisible(organisation_id is not None)
        if organisation_id is not None:  # the clerk asked for all of its contracts, whatever the year
            self.set_filters(None, None)
            self.search.clear()
        self._apply_filters()

    def _on_search(self, text: str) -> None:
        """A returned paper form's ID finds its contract; any other text searches the columns."""
        from app.core.form_id import looks_like_form_id, parse_form_id

        form = parse_form_id(text)
        self.form_contract_id = form[0] if form is not None else None
        if form is not None:
            self.proxy.set_search_text("")  # the ID is in no column: filter by the contract's id
        else:
            super()._on_search(text)
        self._apply_filters()
        if form is None and looks_like_form_id(text):
            self.count_label.setText(_("Wrong check digits in the form ID; compare it with the paper."))

    def _apply_filters(self, *_args: Any) -> None:
        year = self.year_filter.currentData()
        status = self.status_filter.currentData()
        org = self.organisation_id
        form = self.form_contract_id
        if form is not None:  # the paper names one contract: show it whatever the year and status filters
            self.model.fetch_all()
            self.proxy.set_row_filter(lambda r: r.id == form)
        elif year is None and status is None and org is None:
            self.proxy.set_row_filter(None)
        else:
            self.model.fetch_all()  # filter every row, not only those the table has been given
            self.proxy.set_row_filter(
                lambda r: (
                    (year is None or r.start_date.year <= year <= r.end_date.year)
                    and (status is None or r.status.value == status)
                    and (org is None or org in r.organisation_ids)
                )
            )
        self._update_state()
