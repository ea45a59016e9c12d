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


def test_compliance_view_installs_updated_law_tables_after_showing_the_changes(qtbot, filled, tmp_path,
                                                                               monkeypatch) -> None:
    from app.core.law.data import law, law_dir
    from app.ui.dialogs.law_install import LawInstallDialog

    monkeypatch.setenv("WKUS_DATA_DIR", str(tmp_path / "data"))
    law.cache_clear()
    source = tmp_path / "rules.toml"
    source.write_text((law_dir() / "rules.toml").read_text(encoding="utf-8") + (
        '\n[[rules.19A-1.amendments]]\nin_force_from = 2027-01-01\nact_version = "Dz.U. z 2026 r. poz. 9999"\n'
        'max_amount = "20000.00"\n'), encoding="utf-8")
    v = ComplianceView(filled, today=TODAY)
    qtbot.addWidget(v)
    shown: list[LawInstallDialog] = []
    messages: list[tuple[str, bool]] = []
    v.inform = lambda text, warning=False: messages.append((text, warning))  # type: ignore[method-assign]
    try:
        v.exec_dialog = lambda dialog: shown.append(dialog) or False  # type: ignore[method-assign]
        assert v.install_law_tables(source) is False  # cancelled: nothing written
        assert not (tmp_path / "data" / "law" / "rules.toml").exists()
        table = shown[0].table
        assert [table.item(0, c).text() for c in range(5)] == [
            "19A-1", "największa dotacja bez konkursu (art. 19a ust. 1)", "10000.00", "20000.00", "1.01.2027"]
        v.exec_dialog = lambda dialog: True  # type: ignore[method-assign]
        assert v.install_law_tables(source) is True
        assert (tmp_path / "data" / "law" / "rules.toml").is_file()
        assert "rules.toml" in messages[-1][0] and not messages[-1][1]
        broken = tmp_path / "broken.toml"
        broken.write_text("[rules.X\n", encoding="utf-8")
        assert v.install_law_tables(broken) is False and messages[-1][1]  # a clear warning, nothing installed
    finally:
        law.cache_clear()
