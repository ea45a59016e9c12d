"""The "Terminy", calendar and "Zgodność z ustawą" views render core results and jump to records."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate
from PySide6.QtGui import QFont

from app.core.db.models import Contract, ContractReport, Procedure
from app.core.domain.enums import ContractForm, ContractStatus, ProcedureRoute, ReportKind
from app.ui.views.calendar_view import CalendarView
from app.ui.views.compliance import ComplianceView
from app.ui.views.deadlines import STATE_COLOURS, DeadlinesWidget

D = dt.date
TODAY = D(2026, 11, 22)


@pytest.fixture
def filled(db):
    with db.session() as s:
        s.add(Contract(number="7/2026", title="Klub seniora", form=ContractForm.POWIERZENIE,
                       status=ContractStatus.ACTIVE, start_date=D(2026, 1, 1), end_date=D(2026, 12, 31),
                       reports=[ContractReport(kind=ReportKind.PARTIAL, call_delivered=D(2026, 10, 1),
                                               due_date=D(2026, 11, 10))]))
        s.add(Procedure(route=ProcedureRoute.OPEN_COMPETITION, title="Konkurs na opiekę", budget_year=2026,
                        published_bip=D(2026, 3, 2), published_board=D(2026, 3, 3), published_website=D(2026, 3, 3),
                        offer_deadline=D(2026, 3, 20), lists_previous_years=True, offers_received=2))
    return db


def test_deadlines_widget_shows_overdue_first_in_red(qtbot, filled) -> None:
    w = DeadlinesWidget(filled, today=TODAY)
    qtbot.addWidget(w)
    assert w.table.rowCount() == len(w.items) >= 2
    assert w.table.item(0, 0).text() == "10.11.2026"
    assert w.table.item(0, 1).text() == "przekroczony"
    assert w.table.item(0, 0).foreground().color() == STATE_COLOURS[w.items[0].state]
    assert w.table.item(0, 0).font().bold()
    assert "przekroczony" in w.summary.text() or "przekroczone" in w.summary.text()
    with qtbot.waitSignal(w.record_requested) as blocker:
        w.table.cellDoubleClicked.emit(0, 2)
    assert blocker.args[0] == "contract_report" and isinstance(blocker.args[1], int)


def test_compliance_view_lists_failed_checks(qtbot, filled) -> None:
    v = ComplianceView(filled, today=TODAY)
    qtbot.addWidget(v)
    rules = [v.table.item(r, 0).text() for r in range(v.table.rowCount())]
    assert "KON-1" in rules
    row = rules.index("KON-1")
    assert v.table.item(row, 1).text() == "błąd"
    assert "art. 13 ust. 1" in v.table.item(row, 3).text()
    with qtbot.waitSignal(v.record_requested) as blocker:
        v.table.cellDoubleClicked.emit(row, 0)
    assert blocker.args[0] == "procedure"


def test_calendar_view_marks_deadlines_and_holidays(qtbot, filled) -> None:
    v = CalendarView(filled, today=TODAY)
    qtbot.addWidget(v)
    fmt = v.calendar.dateTextFormat(QDate(2026, 11, 10))
    assert fmt.fontWeight() == QFont.Weight.Bold
    holiday = v.calendar.dateTextFormat(QDate(2026, 11, 11))
    assert holiday.toolTip() == "Narodowe Święto Niepodległości"
    v.calendar.setSelectedDate(QDate(2026, 11, 10))
    assert v.day_list.count() == 1
    assert "7/2026" in v.day_list.item(0).text()
    v.calendar.setSelectedDate(QDate(2026, 11, 11))
    assert "Narodowe Święto Niepodległości" in v.day_label.text()
