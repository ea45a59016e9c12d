""" "Zadania publiczne": the gmina's public tasks by WKUS area, art. 4 sphere and delivery mode."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QDialog, QWidget

from app.core.db.engine import Database
from app.core.domain.enums import WkusArea
from app.core.domain.records import TaskRecord
from app.core.i18n import N_, _, ngettext
from app.core.services import tasks as service
from app.ui.widgets.list_view import RecordListView
from app.ui.widgets.table_model import Column, ColumnKind

_AREA_ORDER = {a: i for i, a in enumerate(WkusArea)}


class TasksView(RecordListView):
    entity = "task"
    title_msgid = N_("Public tasks")
    empty_msgid = N_("No public tasks yet. Click “Add…” to describe the first task the gmina delivers.")

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.area_filter = QComboBox()
        self.area_filter.setObjectName("areaFilter")
        self.area_filter.setAccessibleName(_("WKUS area"))
        self.area_filter.addItem(_("All areas"), None)
        for area in WkusArea:
            self.area_filter.addItem(area.label, area.value)
        self.area_filter.currentIndexChanged.connect(self._filter_area)
        self.toolbar.insertWidget(3, self.area_filter)

    def columns(self) -> Sequence[Column[TaskRecord]]:
        return [
            Column(N_("Title"), lambda r: r.title),
            Column(N_("WKUS area"), lambda r: r.area, sort_key=lambda a: _AREA_ORDER[a]),
            Column(N_("Spheres (art. 4)"), lambda r: ", ".join(r.spheres)),
            Column(N_("MKUS type"), lambda r: r.mkus_type.label if r.mkus_type else ""),
            Column(N_("Current delivery mode"), lambda r: r.delivery_mode),
            Column(N_("Contracts"), lambda r: r.contracts_count, kind=ColumnKind.NUMBER),
        ]

    def load_rows(self) -> list[TaskRecord]:
        return service.list_tasks(self.db)

    def count_text(self, count: int) -> str:
        return ngettext("{count} public task", "{count} public tasks", count).format(count=count)

    def make_dialog(self, record_id: int | None) -> QDialog:
        from app.ui.dialogs.task import TaskDialog

        return TaskDialog(self.db, record_id, self)

    def delete_record(self, record_id: int) -> None:
        service.delete_task(self.db, record_id)

    def describe(self, row: TaskRecord) -> str:
        return row.title

    def delete_question(self, row: TaskRecord) -> str:
        question = super().delete_question(row)
        if row.contracts_count:
            question += "\n" + ngettext(
                "{count} contract names this task; it keeps its data without the link.",
                "{count} contracts name this task; they keep their data without the link.",
                row.contracts_count,
            ).format(count=row.contracts_count)
        return question

    def _filter_area(self) -> None:
        code = self.area_filter.currentData()
        self.proxy.set_row_filter(None if code is None else (lambda r: r.area.value == code))
        self._update_state()
