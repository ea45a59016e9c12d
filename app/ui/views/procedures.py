""" "Procedury": open competitions, art. 19a small grants, regranting, local initiatives and others."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.core.domain.records import ProcedureRecord
from app.core.i18n import N_, ngettext
from app.core.services import procedures as service
from app.ui.widgets.list_view import RecordListView
from app.ui.widgets.table_model import Column, ColumnKind


def _key_date(r: ProcedureRecord) -> dt.date | None:
    """The date that characterises the procedure: the offer deadline, else when the offer came."""
    return r.offer_deadline or r.received_date or r.published_bip


class ProceduresView(RecordListView):
    entity = "procedure"
    title_msgid = N_("Procedures")
    empty_msgid = N_("No procedures yet. Click “Add…” to record an open competition or an offer.")
    stretch_column = 2
    initial_sort_order = Qt.SortOrder.DescendingOrder  # newest budget year first

    def columns(self) -> Sequence[Column[ProcedureRecord]]:
        return [
            Column(N_("Year"), lambda r: r.budget_year, formatter=str),
            Column(N_("Procedure"), lambda r: r.route),
            Column(N_("Title"), lambda r: r.title),
            Column(N_("Public task"), lambda r: r.task_title),
            Column(N_("Offer deadline / offer"), _key_date, kind=ColumnKind.DATE),
            Column(N_("Planned amount"), lambda r: r.planned_amount, kind=ColumnKind.MONEY),
            Column(N_("Offers"), lambda r: r.offers_received, kind=ColumnKind.NUMBER),
            Column(N_("Contracts"), lambda r: r.contracts_count, kind=ColumnKind.NUMBER),
        ]

    def load_rows(self) -> list[ProcedureRecord]:
        return service.list_procedures(self.db)

    def count_text(self, count: int) -> str:
        return ngettext("{count} procedure", "{count} procedures", count).format(count=count)

    def make_dialog(self, record_id: int | None) -> QDialog:
        from app.ui.dialogs.procedure import ProcedureDialog

        return ProcedureDialog(self.db, record_id, self)

    def delete_record(self, record_id: int) -> None:
        service.delete_procedure(self.db, record_id)

    def describe(self, row: ProcedureRecord) -> str:
        return row.title
