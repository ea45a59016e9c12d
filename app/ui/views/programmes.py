""" "Programy współpracy": annual and multi-year cooperation programmes (art. 5a)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.core.domain.records import ProgrammeRow
from app.core.i18n import N_, _, ngettext
from app.core.services import programmes as service
from app.ui.widgets.list_view import RecordListView
from app.ui.widgets.table_model import Column, ColumnKind

ELEMENTS_TOTAL = len(service.ELEMENT_TITLES)


class ProgrammesView(RecordListView):
    entity = "programme"
    title_msgid = N_("Cooperation programmes")
    empty_msgid = N_("No cooperation programmes yet. Click “Add…” to enter the programme the council adopted.")
    stretch_column = 2
    initial_sort_order = Qt.SortOrder.DescendingOrder  # the current programme first

    def columns(self) -> Sequence[Column[ProgrammeRow]]:
        return [
            Column(
                N_("Years"),
                lambda r: (r.year_from, r.year_to),
                formatter=lambda y: str(y[0]) if y[0] == y[1] else f"{y[0]}–{y[1]}",
                sort_key=lambda y: y[0] * 10000 + y[1],
            ),
            Column(N_("Kind"), lambda r: r.kind),
            Column(N_("Title"), lambda r: r.title),
            Column(N_("Resolution"), lambda r: r.resolution_number),
            Column(N_("Resolution date"), lambda r: r.resolution_date, kind=ColumnKind.DATE),
            Column(N_("Planned funds"), lambda r: r.planned_total, kind=ColumnKind.MONEY),
            Column(
                N_("Elements (art. 5a ust. 4)"),
                lambda r: r.elements_filled,
                formatter=lambda n: _("{filled} of {total}").format(filled=n, total=ELEMENTS_TOTAL),
            ),
        ]

    def load_rows(self) -> list[ProgrammeRow]:
        return service.list_programmes(self.db)

    def count_text(self, count: int) -> str:
        return ngettext("{count} programme", "{count} programmes", count).format(count=count)

    def make_dialog(self, record_id: int | None) -> QDialog:
        from app.ui.dialogs.programme import ProgrammeDialog

        return ProgrammeDialog(self.db, record_id, self)

    def delete_record(self, record_id: int) -> None:
        service.delete_programme(self.db, record_id)

    def describe(self, row: ProgrammeRow) -> str:
        return row.title or _("Cooperation programme {years}").format(years=row.years_label)
