"""The "Terminy", calendar and "Zgodność z ustawą" views render core results and jump to records."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont

from app.core.db.models import Contract, ContractReport, Procedure
from app.core.domain.enums import ContractForm, ContractStatus, ProcedureRoute, ReportKind
from app.core.i18n import _, ngettext
from app.core.law.types import DeadlineState
from app.ui.views.calendar_view import CalendarView
from app.ui.views.compliance import ComplianceView
from app.ui.views.deadlines import STATE_COLOURS, DeadlinesWidget

D = dt.date
TODAY = D(2026, 11, 22)


@pytest.fixture
def filled(db):
    with db.session() as s:
        s.add(
            Contract(
                number="7/2026",
                title="Klub seniora",
                form=ContractForm.POWIERZENIE,
                status=ContractStatus.ACTIVE,
                start_date=D(2026, 1, 1),
                end_date=D(2026, 12, 31),
                reports=[
                    ContractReport(kind=ReportKind.PARTIAL, call_delivered=D(2026, 10, 1), due_date=D(2026, 11, 10))
                ],
            )
        )
        s.add(
            Procedure(
                route=ProcedureRoute.OPEN_COMPETITION,
                title="Konkurs na opiekę",
                budget_year=2026,
                published_bip=D(2026, 3, 2),
                published_board=D(2026, 3, 3),
                published_website=D(2026, 3, 3),
                offer_deadline=D(2026, 3, 20),
                lists_previous_years=True,
                offers_received=2,
            )
        )
    return db


def test_deadlines_widget_shows_overdue_first_in_red(qtbot, filled) -> None:
    w = DeadlinesWidget(filled, today=TODAY)
    qtbot.addWidget(w)
    m = w.model
    assert m.rowCount() == len(w.items) >= 2
    assert m.index(0, 0).data() == "10.11.2026"
    assert m.index(0, 1).data() == _("overdue")
    assert m.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) == STATE_COLOURS[w.items[0].state]
    assert m.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()
    overdue = sum(1 for d in w.items if d.state is DeadlineState.OVERDUE)
    assert w.summary.text().endswith(" · " + ngettext("{n} overdue", "{n} overdue", overdue).format(n=overdue))
    with qtbot.waitSignal(w.record_requested) as blocker:
        w.table.doubleClicked.emit(m.index(0, 2))
    assert blocker.args[0] == "contract_report" and isinstance(blocker.args[1], int)


def test_compliance_view_lists_failed_checks(qtbot, filled) -> None:
    v = ComplianceView(filled, today=TODAY)
    qtbot.addWidget(v)
    m = v.model
    rules = [m.index(r, 0).data() for r in range(m.rowCount())]
    assert "KON-1" in rules
    row = rules.index("KON-1")
    assert m.index(row, 1).data() == _("error")
    assert "art. 13 ust. 1" in m.index(row, 3).data()  # the act's provision, as the law cites it
    # what to do, from KON-1's `fix` in rules.toml, translated
    assert m.headerData(4, Qt.Orientation.Horizontal) == _("What to do")
    assert m.index(row, 4).data() == _(
        "Move the offer deadline so that the act's minimum period after the last publication is kept."
    )
    v.table.setCurrentIndex(m.index(row, 0))
    with qtbot.waitSignal(v.record_tab_requested) as blocker:
        qtbot.keyClick(v.table, Qt.Key.Key_Return)  # Enter opens the record as a double-click does
    assert blocker.args[0] == "procedure" and blocker.args[2] == ""


def test_compliance_every_rule_says_what_to_do() -> None:
    from app.core.law.data import law
    from app.ui.views.compliance import what_to_do

    rules = law().rules
    assert len(rules) == 33 and all(
        spec.fix for spec in rules.values()
    )  # 21 + KON-4/5/6, 19A-5/6, KOM-1, ZWR-2, SPR-3, PRG-5/6, INI-2, UMW-4
    assert what_to_do("SPR-1") == _("Call the organisation for the report, or enter the date the report was received.")
    assert what_to_do("NO-SUCH") == ""


def test_compliance_columns_give_the_problem_room(qtbot, filled) -> None:
    """The finding's text was cut while "Dotyczy" took the width: "Dotyczy" is capped and wraps,
    the problem and what to do share the rest and every row is as high as its text."""
    from app.ui.views.compliance import CONCERNS_MAX_WIDTH

    v = ComplianceView(filled, today=TODAY)
    qtbot.addWidget(v)
    v.resize(1366 - 220, 700)  # the window at 1366 px less the navigation list
    v.show()
    qtbot.waitExposed(v)
    v.table.resizeRowsToContents()
    header = v.table.horizontalHeader()
    assert header.sectionSize(2) <= CONCERNS_MAX_WIDTH
    assert header.sectionSize(3) > header.sectionSize(2) and header.sectionSize(4) > header.sectionSize(2)
    for row in range(v.model.rowCount()):
        for col in (2, 3, 4):
            text = v.model.index(row, col).data()
            needed = (
                v.table.fontMetrics()
                .boundingRect(0, 0, header.sectionSize(col) - 8, 10_000, int(Qt.TextFlag.TextWordWrap), text)
                .height()
            )
            assert v.table.rowHeight(row) >= needed, (row, col, text)
    v.grab().save("/tmp/screens2-compliance.png")


def test_a_report_finding_opens_the_contract_on_its_reports_tab(qtbot, demo_db, db_path) -> None:
    """Enter on an overdue report's finding opens its contract's editor on "Sprawozdania", not on
    the first tab (the main window's open_record carries the child's tab)."""
    from app.core.settings import UserSettings
    from app.ui.dialogs.contract_editor import ContractEditor
    from app.ui.main_window import MainWindow
    from tests.ui.conftest import DEMO_TODAY

    w = MainWindow(demo_db, db_path, UserSettings(), persist_settings=False)
    qtbot.addWidget(w)
    view = w.show_view("compliance")
    view.today = DEMO_TODAY
    view.refresh()
    missing = [r for r, f in enumerate(view.findings) if f.missing_data]
    assert missing and all(
        view.model.index(r, 4).data() == (_("Fill in the data the problem names, then check again.")) for r in missing
    )
    rows = [r for r, f in enumerate(view.findings) if f.rule_id == "SPR-1" and f.record.entity == "contract_report"]
    assert rows, [f.rule_id for f in view.findings]
    view.table.setCurrentIndex(view.model.index(rows[0], 3))
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert w.current_key == "contracts"
    dialog = w.page("contracts").current_dialog
    assert isinstance(dialog, ContractEditor)
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == _("Reports")
    dialog.reject()


def test_calendar_view_marks_deadlines_and_holidays(qtbot, filled) -> None:
    v = CalendarView(filled, today=TODAY)
    qtbot.addWidget(v)
    fmt = v.calendar.dateTextFormat(QDate(2026, 11, 10))
    assert fmt.fontWeight() == QFont.Weight.Bold
    holiday = v.calendar.dateTextFormat(QDate(2026, 11, 11))
    assert holiday.toolTip() == _("National Independence Day")
    v.calendar.setSelectedDate(QDate(2026, 11, 10))
    assert v.day_list.count() == 1
    assert "7/2026" in v.day_list.item(0).text()
    v.calendar.setSelectedDate(QDate(2026, 11, 11))
    assert _("National Independence Day") in v.day_label.text()


def test_compliance_view_installs_updated_law_tables_after_showing_the_changes(
    qtbot, filled, tmp_path, monkeypatch
) -> None:
    from app.core.law.data import law, law_dir
    from app.ui.dialogs.law_install import LawInstallDialog

    monkeypatch.setenv("WKUS_DATA_DIR", str(tmp_path / "data"))
    law.cache_clear()
    source = tmp_path / "rules.toml"
    source.write_text(
        (law_dir() / "rules.toml").read_text(encoding="utf-8")
        + (
            '\n[[rules.19A-1.amendments]]\nin_force_from = 2027-01-01\nact_version = "Dz.U. z 2026 r. poz. 9999"\n'
            'max_amount = "25000.00"\n'
        ),
        encoding="utf-8",
    )
    v = ComplianceView(filled, today=TODAY)
    qtbot.addWidget(v)
    shown: list[LawInstallDialog] = []
    messages: list[tuple[str, bool]] = []
    v.inform = lambda text, warning=False: messages.append((text, warning))  # type: ignore[method-assign]
    try:
        v.exec_dialog = lambda dialog: shown.append(dialog) or False  # type: ignore[method-assign]
        assert v.install_law_tables(source) is False  # cancelled: nothing written
        assert not (tmp_path / "data" / "law" / "rules.toml").exists()
        model = shown[0].model
        assert [model.index(0, c).data() for c in range(5)] == [
            "19A-1",
            _("largest grant without competition") + " (art. 19a ust. 1)",
            "20000.00",
            "25000.00",
            "1.01.2027",
        ]
        v.exec_dialog = lambda dialog: True  # type: ignore[method-assign]
        assert v.install_law_tables(source) is True
        assert (tmp_path / "data" / "law" / "rules.toml").is_file()
        assert "rules.toml" in messages[-1][0] and not messages[-1][1]
        broken = tmp_path / "broken.toml"
        broken.write_text("[rules.X\n", encoding="utf-8")
        assert v.install_law_tables(broken) is False and messages[-1][1]  # a clear warning, nothing installed
    finally:
        law.cache_clear()
