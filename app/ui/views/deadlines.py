""" "Terminy": statutory deadlines of the next 60 days, overdue ones first and marked red."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import UserFacingError
from app.core.i18n import N_, _, format_date, ngettext
from app.core.law.types import Deadline, DeadlineState
from app.ui.widgets.table_model import Column, ColumnKind, RowTableModel, read_only_view

if TYPE_CHECKING:  # the Pulpit shows this table before the database stack is imported (issue 18)
    from app.core.db.engine import Database

#: Row colours per state; red for overdue is what the issue asks for.
STATE_COLOURS = {
    DeadlineState.OVERDUE: QColor("#b00020"),
    DeadlineState.DUE_SOON: QColor("#9a5b00"),
}


def short_basis(basis: str) -> str:
    """ "art. 18 ust. 1 u.d.p.p.w. (Dz.U. z 2024 r. poz. 1491)" -> "art. 18 ust. 1 u.d.p.p.w."."""
    return basis.split(" (Dz.U.", 1)[0]


def _colour(d: Deadline) -> QColor | None:
    return STATE_COLOURS.get(d.state)  # the model lightens it in high contrast


def _overdue(d: Deadline) -> bool:
    return d.state is DeadlineState.OVERDUE


def _column(header: str, value: Callable[[Deadline], Any], **options: Any) -> Column[Deadline]:
    return Column(header, value, foreground=_colour, bold=_overdue, **options)


#: the table shows the article; the tooltip adds the act's journal reference
COLUMNS: list[Column[Deadline]] = [
    _column(N_("Deadline"), lambda d: d.due, kind=ColumnKind.DATE, tooltip=lambda d: format_date(d.due)),
    _column(N_("State"), lambda d: d.state.label, tooltip=lambda d: d.state.label),
    _column(N_("Action"), lambda d: d.title, tooltip=lambda d: d.title),
    _column(N_("Concerns"), lambda d: d.record.label, tooltip=lambda d: d.record.label),
    _column(N_("Legal basis"), lambda d: short_basis(d.basis), tooltip=lambda d: d.basis),
]


class DeadlinesWidget(QWidget):
    """Table of deadlines; double-click asks the main window to open the record."""

    #: (entity, id) of the record a deadline belongs to
    record_requested = Signal(str, object)

    def __init__(
        self, db: Database | None = None, today: dt.date | None = None, days: int = 60, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today
        self.days = days
        self.items: list[Deadline] = []
        self.title = QLabel()
        self.title.setObjectName("deadlinesTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.summary = QLabel()
        self.export_button = QPushButton(_("Export to calendar (.ics)…"))
        self.export_button.clicked.connect(self._export)
        self.model: RowTableModel[Deadline] = RowTableModel(COLUMNS, self)
        self.table = read_only_view(self.model, _("Deadlines"), wrap_rows=True)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._open_index)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        self.title.setText(_("Deadlines – next {days} days").format(days=days))
        if db is not None:
            self.refresh()

    def refresh(self) -> None:
        from app.core.law.deadlines import collect_deadlines

        if self.db is None:
            return
        try:
            items = collect_deadlines(self.db, self.today or dt.date.today(), days=self.days)
        except UserFacingError as exc:
            QMessageBox.warning(self, _("Deadlines"), exc.message)
            return
        self.set_deadlines(items)

    def set_deadlines(self, items: list[Deadline]) -> None:
        self.items = list(items)
        self.model.set_rows(self.items)
        for col in (0, 1, 4):
            self.table.resizeColumnToContents(col)
        self.table.resizeRowsToContents()
        overdue = sum(1 for d in self.items if d.state is DeadlineState.OVERDUE)
        text = ngettext("{n} deadline", "{n} deadlines", len(self.items)).format(n=len(self.items))
        if overdue:
            text += " · " + ngettext("{n} overdue", "{n} overdue", overdue).format(n=overdue)
        self.summary.setText(text)

    def _open_index(self, index: QModelIndex) -> None:
        row = index.row()
        if 0 <= row < len(self.items):
            ref = self.items[row].record
            self.record_requested.emit(ref.entity, ref.id)

    def _export(self) -> None:
        from app.core.law.ics import write_ics

        name, _filter = QFileDialog.getSaveFileName(
            self, _("Export deadlines"), "terminy.ics", _("iCalendar files (*.ics)")
        )
        if not name:
            return
        try:
            write_ics(Path(name), self.items)
        except UserFacingError as exc:
            QMessageBox.warning(self, _("Export deadlines"), exc.message)
