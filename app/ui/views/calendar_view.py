"""Month calendar: days with statutory deadlines in bold (red when overdue), holidays in red."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.core.calendar import MAX_YEAR, MIN_YEAR, public_holidays
from app.core.db.engine import Database
from app.core.i18n import _, current_language, format_date
from app.core.law.types import Deadline, DeadlineState

OVERDUE_COLOUR = QColor("#b00020")
DEADLINE_BACKGROUND = QColor("#fff2cc")
HOLIDAY_COLOUR = QColor("#c62828")


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


class CalendarView(QWidget):
    record_requested = Signal(str, object)

    def __init__(self, db: Database | None = None, today: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today or dt.date.today()
        self.by_day: dict[dt.date, list[Deadline]] = {}
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.setAccessibleName(_("Calendar of contract dates"))
        # month and day names follow the app's language, not the system's; weeks start on Monday
        self.calendar.setLocale(
            QLocale(QLocale.Language.Polish, QLocale.Country.Poland)
            if current_language() in ("pl", "pseudo")
            else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
        )
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setMinimumDate(QDate(MIN_YEAR, 1, 1))
        self.calendar.setMaximumDate(QDate(MAX_YEAR, 12, 31))
        self.calendar.setSelectedDate(_qdate(self.today))
        self.calendar.currentPageChanged.connect(lambda year, _month: self._mark_holidays(year))
        self.calendar.selectionChanged.connect(self._show_selected)
        self.day_label = QLabel()
        self.day_list = QListWidget()
        self.day_list.setAccessibleName(_("Deadlines on the selected day"))
        self.day_list.itemDoubleClicked.connect(self._open_item)
        layout = QVBoxLayout(self)
        layout.addWidget(self.calendar, 3)
        layout.addWidget(self.day_label)
        layout.addWidget(self.day_list, 1)
        self._mark_holidays(self.today.year)
        if db is not None:
            self.refresh()
        else:
            self._show_selected()

    def refresh(self) -> None:
        from app.core.law.deadlines import collect_deadlines

        if self.db is not None:
            self.set_deadlines(collect_deadlines(self.db, self.today, include_met=True))

    def set_deadlines(self, items: list[Deadline]) -> None:
        for day in self.by_day:
            self.calendar.setDateTextFormat(_qdate(day), QTextCharFormat())
        self._mark_holidays(self.calendar.yearShown())
        self.by_day = {}
        for d in items:
            self.by_day.setdefault(d.due, []).append(d)
        for day, deadlines in self.by_day.items():
            fmt = QTextCharFormat()
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setBackground(QBrush(DEADLINE_BACKGROUND))
            if any(x.state is DeadlineState.OVERDUE for x in deadlines):
                fmt.setForeground(QBrush(OVERDUE_COLOUR))
            fmt.setToolTip("\n".join(x.title for x in deadlines))
            self.calendar.setDateTextFormat(_qdate(day), fmt)
        self._show_selected()

    def _mark_holidays(self, year: int) -> None:
        if not MIN_YEAR <= year <= MAX_YEAR:
            return
        for day, name in public_holidays(year).items():
            if day in self.by_day:
                continue
            fmt = QTextCharFormat()
            fmt.setForeground(QBrush(HOLIDAY_COLOUR))
            fmt.setToolTip(name)
            self.calendar.setDateTextFormat(_qdate(day), fmt)

    def selected_date(self) -> dt.date:
        q = self.calendar.selectedDate()
        return dt.date(q.year(), q.month(), q.day())

    def _show_selected(self) -> None:
        day = self.selected_date()
        holiday = public_holidays(day.year).get(day) if MIN_YEAR <= day.year <= MAX_YEAR else None
        text = format_date(day, "long")
        if holiday:
            text += f" – {holiday}"
        self.day_label.setText(text)
        self.day_list.clear()
        deadlines = self.by_day.get(day, [])
        if not deadlines:
            self.day_list.addItem(_("No deadlines on this day."))
        for d in deadlines:
            item = QListWidgetItem(f"{d.title} – {d.record.label} ({d.state.label})")
            item.setToolTip(d.basis)
            item.setData(256, (d.record.entity, d.record.id))
            if d.state is DeadlineState.OVERDUE:
                item.setForeground(QBrush(OVERDUE_COLOUR))
            self.day_list.addItem(item)

    def _open_item(self, item: QListWidgetItem) -> None:
        ref = item.data(256)
        if ref:
            self.record_requested.emit(ref[0], ref[1])
