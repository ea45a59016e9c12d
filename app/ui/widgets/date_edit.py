"""The one date field of the app: a line edit read by the core parser, with a calendar.

QDateEdit lost what the clerk typed (issue 15): a click left the cursor inside the day, a typed
"15.12.2025" became 15.12.2026, an empty cell became today. Here the clerk types the date as text
(app/core/dates.py says what is accepted), the field never changes it while typing and rewrites it
as DD.MM.YYYY only when the clerk leaves it with a valid date. `DateLine` is the bare line edit
(table cells); `DateEdit` adds the date as understood, in words, next to it (forms).

Keys: Alt+Down or F4 opens the calendar, Up/Down move by a day, clearing the text = no date.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFocusEvent, QIcon, QKeyEvent, QMouseEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from app.core.dates import DateFormatError, parse_date, typed_text
from app.core.i18n import _, format_date

ERROR_COLOUR = "#b3261e"
_MIN = QDate(1900, 1, 1)
_MAX = QDate(2100, 12, 31)


def _calendar_icon() -> QIcon:
    """A small calendar drawn with the palette's text colour (the app ships no icon set)."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QPen(QColor("#555555"), 1))
    painter.drawRect(QRect(1, 2, 13, 12))
    painter.fillRect(QRect(1, 2, 14, 3), QColor("#555555"))
    for row in range(2):
        for col in range(3):
            painter.fillRect(QRect(3 + col * 4, 7 + row * 3, 2, 2), QColor("#555555"))
    painter.end()
    return QIcon(pixmap)


class DateLine(QLineEdit):
    """A date typed as text. `value()` is what a service receives: the date, None when empty,
    or the typed text when it is not a date (the service then names the field and the problem,
    so a mistake is never saved as "no date")."""

    #: the clerk finished editing (left the field, Enter, a calendar pick): the date is final
    committed = Signal()

    def __init__(self, optional: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.optional = optional
        self.setPlaceholderText(_("DD.MM.YYYY"))
        self.setToolTip(
            _("Type a date, e.g. 15.12.2025 or 1.2.26; Alt+Down opens the calendar; an empty field means no date.")
        )
        self.calendar_action = QAction(_calendar_icon(), _("Choose from the calendar"), self)
        self.calendar_action.triggered.connect(self.open_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        for button in self.findChildren(QToolButton):
            # the calendar opens with Alt+Down from the field; Tab goes on to the next field
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("00.00.00000") + 40)
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("00.00.00000") + 60)
        self._popup: QCalendarWidget | None = None
        self._first_click = True
        self.editingFinished.connect(self._finish)

    # ---- values ------------------------------------------------------------------------------

    def date(self) -> dt.date | None:
        """The date typed, None when empty or not a date."""
        try:
            return parse_date(self.text())
        except DateFormatError:
            return None

    def value(self) -> dt.date | str | None:
        try:
            return parse_date(self.text())
        except DateFormatError:
            return self.text().strip()

    def problem(self) -> str:
        """Why the text is not a date ("" when it is one or is empty)."""
        try:
            parse_date(self.text())
        except DateFormatError as exc:
            return exc.message
        return ""

    def is_empty(self) -> bool:
        return not self.text().strip()

    def set_value(self, value: dt.date | str | None) -> None:
        if isinstance(value, dt.datetime):
            value = value.date()
        self.setText(typed_text(value) if isinstance(value, dt.date) or value is None else str(value))

    # ---- editing -----------------------------------------------------------------------------

    def _finish(self) -> None:
        day = self.date()
        if day is not None and self.text() != typed_text(day):
            self.setText(typed_text(day))  # "1.2.26" is shown as it was understood: 01.02.2026
        self.committed.emit()

    def _edit_to(self, day: dt.date) -> None:
        """A change made with the keys or the calendar, as if typed (textEdited fires)."""
        self.selectAll()
        self.insert(typed_text(day))

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        self._first_click = True

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        super().mousePressEvent(event)
        if self._first_click and event.button() == Qt.MouseButton.LeftButton:
            # The first click into the field selects the whole date, so typing replaces it
            # (QDateEdit left the cursor inside the day and the typed "31" was lost); a second
            # click places the cursor to correct one digit.
            self.selectAll()
        self._first_click = False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        self._first_click = False
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier):
            self.open_calendar()
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not mods & Qt.KeyboardModifier.AltModifier:
            day = self.date()
            if day is None and self.is_empty():
                day = dt.date.today()
            elif day is not None:
                day += dt.timedelta(days=1 if key == Qt.Key.Key_Up else -1)
            if day is not None:
                self._edit_to(day)
                return
        super().keyPressEvent(event)

    # ---- calendar ----------------------------------------------------------------------------

    def open_calendar(self) -> None:
        popup = QCalendarWidget(self)
        popup.setWindowFlags(Qt.WindowType.Popup)
        popup.setObjectName("datePopup")
        popup.setDateRange(_MIN, _MAX)
        popup.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        popup.setGridVisible(True)
        day = self.date() or dt.date.today()
        popup.setSelectedDate(QDate(day.year, day.month, day.day))
        popup.clicked.connect(lambda d: self._picked(popup, d))
        popup.activated.connect(lambda d: self._picked(popup, d))
        popup.adjustSize()
        popup.move(self.mapToGlobal(QPoint(0, self.height())))
        self._popup = popup
        popup.show()
        popup.setFocus()

    def _picked(self, popup: QCalendarWidget, qdate: QDate) -> None:
        popup.close()
        popup.deleteLater()
        self._popup = None
        self._edit_to(dt.date(qdate.year(), qdate.month(), qdate.day()))
        self.setFocus(Qt.FocusReason.PopupFocusReason)
        self._finish()


class DateEdit(QWidget):
    """A form's date field: `DateLine` plus the date as understood, in words, next to it
    ("poniedziałek, 15 grudnia 2025"), or what is wrong with the text, in red."""

    #: the text changed (typed, cleared, picked); the form validates as the clerk types
    changed = Signal()
    #: the clerk finished editing; rows that depend on the date are rebuilt only now
    committed = Signal()

    def __init__(self, optional: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.optional = optional
        self.line = DateLine(optional, self)
        self.feedback = QLabel(self)
        self.feedback.setObjectName("dateFeedback")
        self.feedback.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._inline_errors = True
        self._help = self.line.toolTip()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.line)
        layout.addWidget(self.feedback)
        layout.addStretch(1)
        self.setFocusProxy(self.line)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.line.textChanged.connect(self._show_reading)
        self.line.textEdited.connect(lambda _t: self.changed.emit())
        self.line.committed.connect(self.committed.emit)
        if not optional:
            self.set_value(dt.date.today())

    def set_inline_errors(self, on: bool) -> None:
        """Off in the record dialogs: their validator shows the same message under the field."""
        self._inline_errors = on
        self._show_reading()

    # ---- values (as DateLine) ----------------------------------------------------------------

    def value(self) -> dt.date | str | None:
        return self.line.value()

    def date(self) -> dt.date | None:
        return self.line.date()

    def problem(self) -> str:
        return self.line.problem()

    def is_empty(self) -> bool:
        return self.line.is_empty()

    def text(self) -> str:
        return self.line.text()

    def set_value(self, value: dt.date | str | None) -> None:
        """Set by the program (a loaded record): final at once, so `committed` follows."""
        self.line.set_value(value)
        self.committed.emit()

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 - Qt override
        super().setAccessibleName(name)
        self.line.setAccessibleName(name)

    def setToolTip(self, text: str) -> None:  # noqa: N802 - Qt override
        # RecordDialog puts the error in the tooltip and clears it again: the typing help returns
        self.line.setToolTip(text or self._help)

    # ---- feedback ----------------------------------------------------------------------------

    def _show_reading(self, *_args: Any) -> None:
        day = self.line.date()
        if day is not None:
            self.feedback.setText(format_date(day, "full"))
            self.feedback.setStyleSheet("color: palette(mid);")
            self.feedback.setVisible(True)
            return
        problem = self.line.problem() if self._inline_errors else ""
        self.feedback.setText(problem)
        self.feedback.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.feedback.setVisible(bool(problem))
