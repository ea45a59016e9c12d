""""Terminy": statutory deadlines of the next 60 days, overdue ones first and marked red."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.db.engine import Database
from app.core.errors import UserFacingError
from app.core.i18n import _, format_date, ngettext
from app.core.law.types import Deadline, DeadlineState
from app.ui.theme import readable

#: Row colours per state; red for overdue is what the issue asks for.
STATE_COLOURS = {
    DeadlineState.OVERDUE: QColor("#b00020"),
    DeadlineState.DUE_SOON: QColor("#9a5b00"),
}


def short_basis(basis: str) -> str:
    """"art. 18 ust. 1 u.d.p.p.w. (Dz.U. z 2024 r. poz. 1491)" -> "art. 18 ust. 1 u.d.p.p.w."."""
    return basis.split(" (Dz.U.", 1)[0]


class DeadlinesWidget(QWidget):
    """Table of deadlines; double-click asks the main window to open the record."""

    #: (entity, id) of the record a deadline belongs to
    record_requested = Signal(str, object)

    def __init__(self, db: Database | None = None, today: dt.date | None = None, days: int = 60,
                 parent: QWidget | None = None) -> None:
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
        self.table = QTableWidget(0, 5)
        self.table.setAccessibleName(_("Deadlines"))
        self.table.setHorizontalHeaderLabels([_("Deadline"), _("State"), _("Action"), _("Concerns"), _("Legal basis")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.cellDoubleClicked.connect(self._open_row)
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
        self.table.setRowCount(len(self.items))
        for row, d in enumerate(self.items):
            # the table shows the article; the tooltip adds the act's journal reference
            cells = [format_date(d.due), d.state.label, d.title, d.record.label, short_basis(d.basis)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(d.basis if col == 4 else text)
                colour = STATE_COLOURS.get(d.state)
                if colour is not None:
                    item.setForeground(QBrush(readable(colour)))  # lightened in high contrast
                if d.state is DeadlineState.OVERDUE:
                    bold = QFont(item.font())
                    bold.setBold(True)
                    item.setFont(bold)
                item.setData(Qt.ItemDataRole.UserRole, row)
                self.table.setItem(row, col, item)
        for col in (0, 1, 4):
            self.table.resizeColumnToContents(col)
        self.table.resizeRowsToContents()
        overdue = sum(1 for d in self.items if d.state is DeadlineState.OVERDUE)
        text = ngettext("{n} deadline", "{n} deadlines", len(self.items)).format(n=len(self.items))
        if overdue:
            text += " · " + ngettext("{n} overdue", "{n} overdue", overdue).format(n=overdue)
        self.summary.setText(text)

    def _open_row(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.items):
            ref = self.items[row].record
            self.record_requested.emit(ref.entity, ref.id)

    def _export(self) -> None:
        from app.core.law.ics import write_ics

        name, _filter = QFileDialog.getSaveFileName(self, _("Export deadlines"), "terminy.ics",
                                                    _("iCalendar files (*.ics)"))
        if not name:
            return
        try:
            write_ics(Path(name), self.items)
        except UserFacingError as exc:
            QMessageBox.warning(self, _("Export deadlines"), exc.message)
