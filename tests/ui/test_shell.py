"""The desktop shell: main window and navigation, error pages, record navigation, the Pulpit, the demo
offer, settings, the crash dialog, start-up (lock, integrity, backup on exit) and `wkus --self-test`."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import socket
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget

from app.core.i18n import _
from app.core.settings import UserSettings, load_settings
from app.ui import main_window as mw
from app.ui.main_window import MainWindow
from app.ui.placeholder import ErrorPage
from app.ui.views.registry import VIEWS, ViewSpec
from tests.ui.conftest import copy_database
from tests.ui.waiting import shown, when_shown

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def private_data(monkeypatch, tmp_path) -> Path:
    """Settings, backups and the default database of this test only (other tests read the shared ones)."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("WKUS_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def window(qtbot, demo_db, db_path):
    w = MainWindow(demo_db, db_path, UserSettings(), persist_settings=False)
    qtbot.addWidget(w)
    w.show()
    return w


class FakeContractsView(QWidget):
    """Stands in for the contracts view (built by another part) to observe the window's calls."""

    record_requested = Signal(str, object)
    data_changed = Signal()
    instances: list[FakeContractsView] = []

    def __init__(self, db, parent=None) -> None:
        super().__init__(parent)
        self.db = db
        self.opened: list[int] = []
        self.refreshed = 0
        FakeContractsView.instances.append(self)

    def refresh(self) -> None:
        self.refreshed += 1

    def open_record(self, record_id: int) -> None:
        self.opened.append(record_id)


def _with_views(monkeypatch, *specs: ViewSpec) -> None:
    monkeypatch.setattr(mw, "VIEWS", specs)


# ---- main window ---------------------------------------------------------------------------------


def test_every_registered_view_can_be_shown(window) -> None:
    assert "Gmina Przykładowa (DEMO)" in window.windowTitle()
    for spec in VIEWS:
        page = window.show_view(spec.key)
        assert window.stack.currentWidget() is page
        assert window.current_key == spec.key
        assert not isinstance(page, ErrorPage), f"view {spec.key} failed to open (see the log)"
        assert window.nav.currentItem().data(Qt.ItemDataRole.UserRole) == spec.key
        assert window.view_actions[spec.key].isChecked()
    # each view is created once and kept
    assert window.show_view("dashboard") is window.page("dashboard")


def test_navigation_is_grouped_and_in_polish(window) -> None:
    texts = [window.nav.item(r).text().strip() for r in range(window.nav.count())]
    assert texts[:2] == ["PRZEGLĄD", "Pulpit"]
    assert "REJESTRY" in texts and "Organizacje" in texts and "Umowy" in texts
    headings = [
        window.nav.item(r)
        for r in range(window.nav.count())
        if window.nav.item(r).data(Qt.ItemDataRole.UserRole) is None
    ]
    assert len(headings) == len({s.group for s in VIEWS}) == 4
    assert all(not (h.flags() & Qt.ItemFlag.ItemIsSelectable) for h in headings)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus[0] == "&Plik" and menus[1] == "&Widok" and menus[-1] == "Pomo&c"
    assert window.view_actions["dashboard"].shortcut().toString() == "Ctrl+1"


def test_clicking_navigation_switches_view(window, qtbot) -> None:
    row = next(r for r in range(window.nav.count()) if window.nav.item(r).data(Qt.ItemDataRole.UserRole) == "deadlines")
    window.nav.setCurrentRow(row)
    assert window.current_key == "deadlines"
    assert type(window.stack.currentWidget()).__name__ == "DeadlinesWidget"


def test_a_missing_or_broken_view_module_is_an_error_page_with_the_traceback_logged(
    monkeypatch, qtbot, demo_db, db_path, tmp_path, caplog
) -> None:
    """Issue 20: a view module that did not import became a "coming in a later version" placeholder; every
    view is written now, so a missing module is a bug like a broken one: an error page, the log."""
    import logging

    package = tmp_path / "shellprobe"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "broken.py").write_text("import shellprobe_no_such_dependency\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    _with_views(
        monkeypatch,
        ViewSpec("dashboard", "Dashboard", "app.ui.views.dashboard:DashboardView"),
        ViewSpec(
            "ghost",
            "Contracts",
            "shellprobe.ghost:GhostView",
            about="Multi-year contracts with tranches, results, reports and controls.",
        ),
        ViewSpec("broken", "Tools", "shellprobe.broken:BrokenView"),
    )
    w = MainWindow(demo_db, db_path, UserSettings(), persist_settings=False)
    qtbot.addWidget(w)
    with caplog.at_level(logging.ERROR, logger="app.ui.main_window"):
        ghost = w.show_view("ghost")
        broken = w.show_view("broken")
    assert isinstance(ghost, ErrorPage) and isinstance(broken, ErrorPage)
    assert ghost.message.text() == _(
        "This part of the program could not be opened because of an unexpected "
        "error. The details are in the log (Help → Log folder). The other parts work."
    )
    assert "No module named 'shellprobe.ghost'" in caplog.text
    assert "No module named 'shellprobe_no_such_dependency'" in caplog.text
    assert isinstance(w.show_view("dashboard"), QWidget)
    # the view's description is the navigation entry's tooltip
    tips = [
        w.nav.item(r).toolTip() for r in range(w.nav.count()) if w.nav.item(r).data(Qt.ItemDataRole.UserRole) == "ghost"
    ]
    assert tips == ["Umowy\n" + _("Multi-year contracts with tranches, results, reports and controls.")]


def test_a_broken_data_actions_module_stops_the_window_instead_of_hiding_its_menu(
    monkeypatch, qtbot, demo_db, db_path
) -> None:
    """Issue 20: an import error in the backup/export actions was logged and the menu entries silently
    left out; now it surfaces (the crash dialog at start-up)."""
    monkeypatch.setitem(sys.modules, "app.ui.data_actions", None)  # "import app.ui.data_actions" fails
    with pytest.raises(ImportError):
        MainWindow(demo_db, db_path, UserSettings(), persist_settings=False)


def test_the_gmina_profile_entry_is_always_enabled(window) -> None:
    assert window.gmina_action.isEnabled()


def test_record_requested_opens_the_record_in_its_view(monkeypatch, qtbot, demo_db, db_path) -> None:
    FakeContractsView.instances.clear()
    _with_views(
        monkeypatch,
        ViewSpec("dashboard", "Dashboard", "app.ui.views.dashboard:DashboardView"),
        ViewSpec("contracts", "Contracts", "tests.ui.test_shell:FakeContractsView"),
    )
    w = MainWindow(demo_db, db_path, UserSettings(), persist_settings=False)
    qtbot.addWidget(w)
    dashboard = w.page("dashboard")
    dashboard.record_requested.emit("contract", 12)
    assert w.current_key == "contracts"
    fake = FakeContractsView.instances[-1]
    assert fake.opened == [12]
    # a contract report opens its contract
    from sqlalchemy import select

    from app.core.db.models import ContractReport

    with demo_db.session() as s:
        report_id, contract_id = s.execute(
            select(ContractReport.id, ContractReport.contract_id).order_by(ContractReport.id.desc()).limit(1)
        ).one()
    w.show_view("dashboard")
    dashboard.record_requested.emit("contract_report", report_id)
    assert fake.opened == [12, contract_id]
    # an entity without a view leaves the window where it is and says so
    w.open_record("rdpp_request", 1)
    assert w.current_key == "contracts"
    assert "widoku" in w.statusBar().currentMessage()


class BouncingView(FakeContractsView):
    """A view without an editor that re-emits the request (as the list widget does)."""

    def open_record(self, record_id: int) -> None:
        self.opened.append(record_id)
        self.record_requested.emit("contract", record_id)


def test_a_request_bounced_back_by_the_view_stops(monkeypatch, qtbot, demo_db, db_path) -> None:
    FakeContractsView.instances.clear()
    _with_views(monkeypatch, ViewSpec("contracts", "Contracts", "tests.ui.test_shell:BouncingView"))
    w = MainWindow(demo_db, db_path, UserSettings(), persist_settings=False)
    qtbot.addWidget(w)
    w.open_record("contract", 3)
    assert FakeContractsView.instances[-1].opened == [3]


def test_data_changed_and_refresh_on_show(monkeypatch, qtbot, demo_db, db_path) -> None:
    FakeContractsView.instances.clear()
    _with_views(
        monkeypatch,
        ViewSpec("dashboard", "Dashboard", "app.ui.views.dashboard:DashboardView"),
        ViewSpec("contracts", "Contracts", "tests.ui.test_shell:FakeContractsView"),
    )
    w = MainWindow(demo_db, db_path, UserSettings(last_view="contracts"), persist_settings=False)
    qtbot.addWidget(w)
    assert w.current_key == "contracts"  # the last view is restored
    fake = FakeContractsView.instances[-1]
    assert fake.refreshed == 0  # the start view fills itself after the window's first paint
    qtbot.waitUntil(lambda: fake.refreshed == 1)
    from app.core.domain.records import GminaInput  # noqa: F401  (the profile service is what views call)
    from app.core.services.gmina import get_gmina, gmina_input, save_gmina

    data = gmina_input(get_gmina(demo_db))
    data.name = "Gmina Nowa Nazwa"
    save_gmina(demo_db, data)
    fake.data_changed.emit()
    assert w.windowTitle().startswith("Gmina Nowa Nazwa")
    w.show_view("dashboard")
    w.show_view("contracts")
    assert fake.refreshed == 2


class FailingView(FakeContractsView):
    def refresh(self) -> None:
        super().refresh()
        raise RuntimeError("refresh broke")


def test_a_view_failing_to_refresh_reports_and_the_window_goes_on(monkeypatch, qtbot, demo_db, db_path) -> None:
    FakeContractsView.instances.clear()
    _with_views(
        monkeypatch,
        ViewSpec("dashboard", "Dashboard", "app.ui.views.dashboard:DashboardView"),
        ViewSpec("contracts", "Contracts", "tests.ui.test_shell:FailingView"),
    )
    w = MainWindow(demo_db, db_path, UserSettings(), persist_settings=False)
    qtbot.addWidget(w)
    reported: list[type] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, exc, tb: reported.append(kind))
    page = w.show_view("contracts")
    assert reported == [RuntimeError]
    assert w.stack.currentWidget() is page and w.current_key == "contracts"
    w.show_view("dashboard")
    assert w.current_key == "dashboard"


def test_geometry_and_last_view_are_remembered(qtbot, demo_db, db_path) -> None:
    settings = UserSettings()
    w = MainWindow(demo_db, db_path, settings, persist_settings=False)
    qtbot.addWidget(w)
    w.resize(700, 500)
    w.show_view("deadlines")
    w.close()
    assert settings.last_view == "deadlines"
    assert settings.window_geometry
    again = MainWindow(demo_db, db_path, settings, persist_settings=False)
    qtbot.addWidget(again)
    assert again.current_key == "deadlines"
    assert (again.size().width(), again.size().height()) == (700, 500)


def test_reopen_database_rebuilds_views(window) -> None:
    old_db = window.db
    first = window.show_view("dashboard")
    assert window.reopen_database()
    assert window.db is not old_db
    assert window.current_key == "dashboard"
    assert window.page("dashboard") is not first
    assert window.page("dashboard").db is window.db


def test_title_without_gmina_names_the_file(qtbot, db, db_path) -> None:
    w = MainWindow(db, db_path, UserSettings(), persist_settings=False)
    qtbot.addWidget(w)
    assert w.windowTitle() == "WKUS Desktop – wkus.sqlite"


def test_another_seats_save_reaches_the_shown_list(qtbot, db, db_path) -> None:
    """Issue 19: on the office server a window polls the change log's head; a save by another seat
    refreshes the list shown (here the "other seat" is a second connection to the same database)."""
    from app.core.db.engine import open_database
    from app.core.domain.enums import LegalForm, RegistryType
    from app.core.domain.records import OrganisationInput
    from app.core.services.organisations import create_organisation

    w = MainWindow(db, db_path, UserSettings(), persist_settings=False)
    qtbot.addWidget(w)
    assert not w._seat_poll.isActive()  # a file has one seat: nothing to poll
    w.show_view("organisations")
    view = w.page("organisations")
    assert view.count_label.text() == "0 organizacji"
    w.check_other_seats()  # the first reading only remembers the head
    qtbot.waitUntil(lambda: w._seat_job is None)
    other_seat = open_database(db_path)
    try:
        create_organisation(
            other_seat,
            OrganisationInput(
                name="Fundacja Przystań",
                legal_form=LegalForm.FUNDACJA,
                registry_type=RegistryType.KRS,
                registry_number="5",
            ),
        )
    finally:
        other_seat.dispose()
    assert view.count_label.text() == "0 organizacji"
    w.check_other_seats()
    qtbot.waitUntil(lambda: view.count_label.text() == "1 organizacja", timeout=10_000)
    assert w.statusBar().currentMessage().startswith("Odświeżono")


def test_a_read_only_seat_is_named_in_the_title(qtbot, db, db_path) -> None:
    """Issue 19: a reader's login on the office server (Database.read_only, asked of the server)."""
    db.read_only = True
    w = MainWindow(db, db_path, UserSettings(), persist_settings=False)
    qtbot.addWidget(w)
    assert w.windowTitle() == "WKUS Desktop – wkus.sqlite – tylko do odczytu"
    assert w.db_label.text().endswith("(tylko do odczytu)")


# ---- Pulpit --------------------------------------------------------------------------------------


def test_dashboard_figures(qtbot, demo_db) -> None:
    from app.ui.views.dashboard import DashboardView

    view = DashboardView(demo_db, today=TODAY)
    qtbot.addWidget(view)
    view.refresh()  # in the background: "Wczytywanie…" until the figures arrive
    assert view.as_of.text() == "Wczytywanie danych…" and view.tile_orgs.value.text() == "…"
    qtbot.waitSignal(view.loaded, timeout=10000).wait()
    assert view.heading.text() == "Gmina Przykładowa (DEMO)"
    assert view.demo_banner.isVisibleTo(view)
    assert view.tile_orgs.value.text() == "41"
    assert view.tile_contracts.value.text() == "25"
    assert view.tile_multi.value.text() == "7"
    # committed (figures.money): all tranches 1 585 300,00 less the draft s_turniej27's 10 000,00 (2027)
    assert view.tile_money.value.text() == "1\xa0575\xa0300,00\xa0zł"
    assert view.tile_money.note.text() == "w latach 2021–2027"
    # per year: the table lists every budget year and the total; the chart gets the same numbers
    money = view.money_model
    years = [money.index(r, 0).data() for r in range(money.rowCount())]
    assert years == ["2021", "2022", "2023", "2024", "2025", "2026", "2027", "Razem"]
    assert money.index(0, 1).data() == "94\xa0000,00\xa0zł"
    assert money.index(7, 1).data() == "1\xa0575\xa0300,00\xa0zł"
    # the current year (2026, row 5) and the total are bold, the others not
    assert [bool(money.index(r, 1).data(Qt.ItemDataRole.FontRole)) for r in range(8)] == [False] * 5 + [
        True,
        False,
        True,
    ]
    assert view.chart.values[0] == (2021, Decimal("94000.00"))
    assert sum(v for _y, v in view.chart.values) == Decimal("1575300.00")
    # contract dates of the next 60 days: five in the demo as of 1.12.2026
    t, m = view.upcoming_table, view.upcoming_model
    assert m.rowCount() == 5
    assert [m.index(0, c).data() for c in range(4)] == ["31.12.2026", "za 30 dni", "zakończenie umowy", "OR.526.2.2022"]
    assert m.index(3, 2).data() == "wypłata transzy (2027)"
    assert m.index(3, 5).data() == "66\xa0000,00\xa0zł"
    assert view.lists.tabText(0) == "Terminy umów w najbliższych 60 dniach (5)"
    assert view.lists.tabText(1).startswith("Terminy ustawowe (")
    # the demo has overdue statutory deadlines: the Pulpit opens on them, the tab in red
    assert ", przekroczone: " in view.lists.tabText(1)
    assert view.lists.currentIndex() == 1
    assert view.lists.tabBar().tabTextColor(1).name() == "#b00020"
    view.lists.setCurrentIndex(0)  # a later refresh keeps the clerk's choice
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.refresh()
    assert view.lists.currentIndex() == 0
    view.show()
    t.setFocus()
    t.setCurrentIndex(m.index(1, 1))
    with qtbot.waitSignal(view.record_requested) as blocker:
        qtbot.keyClick(t, Qt.Key.Key_Return)
    assert blocker.args == ["contract", view.upcoming[1].contract_id]
    rect = t.visualRect(m.index(0, 2))
    qtbot.mouseClick(t.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a real double-click starts
    with qtbot.waitSignal(view.record_requested) as blocker:  # with a press on the same row
        qtbot.mouseDClick(t.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["contract", view.upcoming[0].contract_id]
    with qtbot.waitSignal(view.view_requested) as blocker:
        qtbot.mouseClick(view.tile_orgs, Qt.MouseButton.LeftButton)
    assert blocker.args == ["organisations"]


def test_dashboard_tile_opens_its_register(window, qtbot) -> None:
    dashboard = window.show_view("dashboard")
    dashboard.tile_contracts.setFocus()
    qtbot.keyClick(dashboard.tile_contracts, Qt.Key.Key_Return)
    assert window.current_key == "contracts"


def test_dashboard_of_an_empty_database(qtbot, db) -> None:
    from app.ui.views.dashboard import DashboardView

    view = DashboardView(db, today=TODAY)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.refresh()
    assert view.heading.text() == "Pulpit"
    assert not view.demo_banner.isVisibleTo(view)
    assert view.tile_money.value.text() == "0,00\xa0zł"
    assert view.money_model.rowCount() == 0 and not view.money_table.isVisibleTo(view)
    assert view.upcoming_empty.isVisibleTo(view.lists.widget(0))  # (the Pulpit may open on overdue deadlines)


def test_bar_labels_in_thousands() -> None:
    from app.ui.views.dashboard import thousands_label

    assert thousands_label(Decimal("94000")) == "94,0"
    assert thousands_label(Decimal("320800")) == "321"
    assert thousands_label(Decimal("1585300")) == "1\xa0585"


# ---- demo offer ----------------------------------------------------------------------------------


def test_demo_offer_loads_the_demo_in_the_background(qtbot, db) -> None:
    from app.core.demo import database_is_empty
    from app.ui.dialogs.demo_offer import DemoOfferDialog

    dialog = DemoOfferDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.demo_button.text() == "Wczytaj gminę demonstracyjną"
    assert dialog.empty_button.text() == "Zacznij od pustej bazy"
    qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    assert dialog.loading and dialog.busy.isVisible() and not dialog.empty_button.isEnabled()
    dialog.reject()  # Esc while loading does not abandon the transaction half-way
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=60000)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.summary.organisations == 41 and dialog.summary.contracts == 25
    assert not database_is_empty(db)


def test_offer_on_first_start_and_not_again_after_start_empty(qtbot, db, db_path) -> None:
    from app.ui.dialogs.demo_offer import DemoOfferDialog, offer_demo_if_empty

    settings = UserSettings()
    w = MainWindow(db, db_path, settings, persist_settings=False)
    qtbot.addWidget(w)
    seen: list[str] = []

    def choose_empty(dialog: DemoOfferDialog) -> None:
        seen.append(dialog.windowTitle())
        dialog.empty_button.click()

    when_shown(lambda: shown(DemoOfferDialog), choose_empty)
    assert offer_demo_if_empty(w) is False
    assert seen == ["Witamy w programie WKUS Desktop"]
    assert settings.demo_offer_dismissed
    assert w.statusBar().currentMessage() == "Zacznij od profilu gminy: Plik → Profil gminy…"
    assert offer_demo_if_empty(w) is False  # no dialog this time (it would block the test)


def test_start_empty_leads_to_the_gmina_profile_then_the_first_organisation(qtbot, db, db_path) -> None:
    """Issue 15: after "Zacznij od pustej bazy" a short guided set-up, not a vanishing status hint."""
    from app.ui.dialogs.demo_offer import DemoOfferDialog, offer_demo_if_empty
    from app.ui.dialogs.gmina_profile import GminaProfileDialog
    from app.ui.dialogs.organisation import OrganisationDialog

    w = MainWindow(db, db_path, UserSettings(), persist_settings=False)
    qtbot.addWidget(w)
    w.show()
    when_shown(lambda: shown(DemoOfferDialog), lambda dialog: dialog.empty_button.click())
    assert offer_demo_if_empty(w) is False
    profile = w.guided_dialog
    assert isinstance(profile, GminaProfileDialog) and profile.isVisible()
    assert profile.findChild(QLabel, "setupStep").text().startswith("Krok 1 z 2")
    qtbot.keyClicks(profile.name.input, "Gmina Turek")
    assert profile.try_save()
    # step 2: the organisations register with its "add" dialog open
    assert w.current_key == "organisations"
    assert isinstance(w.page("organisations").current_dialog, OrganisationDialog)
    assert "Krok 2 z 2" in w.statusBar().currentMessage()
    w.page("organisations").current_dialog.reject()


def test_offer_loads_demo_and_refreshes_the_window(qtbot, db, db_path) -> None:
    from app.ui.dialogs.demo_offer import DemoOfferDialog, offer_demo_if_empty

    w = MainWindow(db, db_path, UserSettings(), persist_settings=False)
    qtbot.addWidget(w)
    assert "DEMO" not in w.windowTitle()

    when_shown(lambda: shown(DemoOfferDialog), lambda dialog: dialog.demo_button.click())
    assert offer_demo_if_empty(w) is True
    assert "Gmina Przykładowa (DEMO)" in w.windowTitle()
    qtbot.waitUntil(lambda: w.page("dashboard").tile_orgs.value.text() == "41")
    assert "41 organizacji" in w.statusBar().currentMessage()


# ---- crash dialog --------------------------------------------------------------------------------


def test_crash_dialog_logs_and_copies_details(qtbot, caplog) -> None:
    from app.ui.crash import CrashDialog, ExceptionHandler

    handler = ExceptionHandler()
    handler.modal = False
    try:
        {}["missing key"]
    except KeyError:
        handler(*sys.exc_info())
    dialog = handler.last_dialog
    assert isinstance(dialog, CrashDialog)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Nieoczekiwany błąd"
    assert "program działa dalej" in dialog.message.text()
    assert "Traceback" not in dialog.message.text()
    assert dialog.copy_button.text() == "Kopiuj szczegóły"
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert "KeyError: 'missing key'" in copied
    assert "test_crash_dialog_logs_and_copies_details" in copied
    assert copied.startswith("WKUS Desktop 0.1.0")
    assert dialog.copy_button.text() == "Skopiowano"
    assert any(r.levelname == "ERROR" and r.exc_info and r.exc_info[0] is KeyError for r in caplog.records)
    dialog.close()


def test_repeated_error_is_not_shown_every_time(qtbot) -> None:
    from app.ui.crash import ExceptionHandler

    handler = ExceptionHandler()
    handler.modal = False
    dialogs = []
    for _i in range(3):
        try:
            raise RuntimeError("paint failed")
        except RuntimeError:
            handler(*sys.exc_info())
        dialogs.append(handler.last_dialog)
        qtbot.addWidget(handler.last_dialog)
    assert dialogs[0] is dialogs[1] is dialogs[2]  # shown once, then quiet for the next repeats


def test_user_facing_error_is_shown_as_its_message(monkeypatch, qtbot) -> None:
    from app.core.errors import UserFacingError
    from app.ui import crash

    shown: list[str] = []
    monkeypatch.setattr(crash.QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    handler = crash.ExceptionHandler()
    try:
        raise UserFacingError("Plik jest tylko do odczytu.")
    except UserFacingError:
        handler(*sys.exc_info())
    assert shown == ["Plik jest tylko do odczytu."]
    assert handler.last_dialog is None


# ---- settings ------------------------------------------------------------------------------------


def test_settings_dialog_saves_language_and_database(monkeypatch, qtbot, db_path, tmp_path, private_data) -> None:
    from app.ui.dialogs import settings_dialog

    told: list[str] = []
    monkeypatch.setattr(settings_dialog.SettingsDialog, "ask_restart", lambda _self: told.append("asked") or False)
    settings = UserSettings()
    dialog = settings_dialog.SettingsDialog(settings, db_path)
    qtbot.addWidget(dialog)
    assert dialog.chosen_language() == "pl"
    assert dialog.database.text() == str(dialog.default_db)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    other = tmp_path / "inna.sqlite"
    dialog.database.setText(str(other))
    dialog.accept()
    assert settings.language == "en" and settings.last_database == str(other)
    assert told == ["asked"] and dialog.restart_now is False
    saved = load_settings()
    assert saved.language == "en" and saved.last_database == str(other)
    # choosing the default again stores "" (the default follows the data folder)
    dialog2 = settings_dialog.SettingsDialog(settings, db_path)
    qtbot.addWidget(dialog2)
    dialog2.database.setText(str(dialog2.default_db))
    dialog2.accept()
    assert settings.last_database == ""


def test_a_language_change_offers_to_restart_now(monkeypatch, qtbot, demo_db, db_path) -> None:
    """Changing the language asks "Uruchom ponownie teraz"; choosing it closes the window and marks it
    for launch.run_gui to start the program again."""
    from PySide6.QtWidgets import QMessageBox, QPushButton

    from app.ui.dialogs import settings_dialog

    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        seen.extend(b.text() for b in box.findChildren(QPushButton))
        qtbot.keyClick(box, Qt.Key.Key_Return)  # the default button: restart now

    w = MainWindow(demo_db, db_path, UserSettings(), persist_settings=False)
    qtbot.addWidget(w)
    w.show()

    def change_language() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, settings_dialog.SettingsDialog):
            QTimer.singleShot(20, change_language)
            return
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        QTimer.singleShot(0, answer)
        dialog.accept()

    QTimer.singleShot(0, change_language)
    w.open_settings()
    assert seen[0] == "Zmiany zaczną działać po ponownym uruchomieniu programu."
    assert "Uruchom ponownie teraz" in seen and "Później" in seen
    assert w.restart_requested and not w.isVisible()


def test_settings_dialog_cancel_changes_nothing(qtbot, db_path) -> None:
    from app.ui.dialogs.settings_dialog import SettingsDialog

    settings = UserSettings()
    dialog = SettingsDialog(settings, db_path, persist=False)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.reject()
    assert settings.language == "pl"


# ---- start-up ------------------------------------------------------------------------------------


def test_qt_standard_buttons_are_polish(qapp) -> None:
    from app.ui.application import install_qt_translations

    assert install_qt_translations(qapp, "pl") == ["qtbase_pl"]
    assert QApplication.translate("QPlatformTheme", "Cancel") == "Anuluj"
    assert QApplication.translate("QPlatformTheme", "&Yes") == "&Tak"


def test_resolve_db_path(db_path, tmp_path) -> None:
    from app.paths import default_db_path
    from app.ui.launch import resolve_db_path

    chosen = tmp_path / "z ustawien.sqlite"
    assert resolve_db_path(argparse.Namespace(db=str(db_path)), UserSettings(last_database=str(chosen))) == db_path
    assert resolve_db_path(argparse.Namespace(db=None), UserSettings(last_database=str(chosen))) == chosen
    assert resolve_db_path(argparse.Namespace(db=None), UserSettings()) == default_db_path()


def _prepare_demo_file(db_path: Path, template: Path) -> None:
    copy_database(template, db_path)


def test_run_gui_opens_the_window_and_backs_up_on_exit(qtbot, db_path, demo_template, private_data) -> None:
    from app.core.backup.auto import list_backups
    from app.core.instance_lock import lock_path
    from app.paths import backup_dir
    from app.ui.launch import run_gui

    _prepare_demo_file(db_path, demo_template)
    seen: list[str] = []

    def close_window(widget: MainWindow) -> None:
        seen.append(widget.windowTitle())
        assert lock_path(db_path).exists()
        widget.close()

    when_shown(lambda: shown(MainWindow, lambda w: w.db is not None), close_window)
    code = run_gui(
        argparse.Namespace(db=str(db_path), lang=None, verbose=False), UserSettings(demo_offer_dismissed=True)
    )
    assert code == 0
    assert seen and "DEMO" in seen[0]
    assert not lock_path(db_path).exists()
    assert [b.kind for b in list_backups(db_path, backup_dir(), ("auto",))] == ["auto"]


def test_second_copy_is_told_who_holds_the_database(monkeypatch, qtbot, db_path, demo_template, private_data) -> None:
    from app.core.instance_lock import lock_path
    from app.ui import launch

    _prepare_demo_file(db_path, demo_template)
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])  # killed below; alive for any load
    try:
        lock_path(db_path).write_text(
            json.dumps(
                {"pid": other.pid, "host": socket.gethostname(), "user": "jkowalska", "started": "2026-12-01T08:15:00"}
            )
        )
        told: list[str] = []
        monkeypatch.setattr(launch.QMessageBox, "warning", lambda _p, _t, text: told.append(text))
        code = launch.run_gui(argparse.Namespace(db=str(db_path), lang=None, verbose=False), UserSettings())
    finally:
        other.kill()
        other.wait()
    assert code == 1
    assert len(told) == 1 and "jkowalska" in told[0] and "już otwarta" in told[0]
    assert lock_path(db_path).exists()  # the other copy's lock is left alone


def test_damaged_database_is_restored_from_the_newest_good_backup(db_path, demo_template, private_data) -> None:
    from app.core.backup.auto import auto_backup
    from app.core.db.engine import open_database
    from app.core.demo import database_is_empty
    from app.paths import backup_dir
    from app.ui.launch import RESTORE, check_integrity_at_start

    _prepare_demo_file(db_path, demo_template)
    assert auto_backup(db_path) is not None
    _damage(db_path)
    asked: list[tuple[bool, str]] = []

    def ask(report, preview):
        asked.append((report.ok, preview.gmina_name if preview else ""))
        return RESTORE

    assert check_integrity_at_start(db_path, ask=ask) is True
    assert asked == [(False, "Gmina Przykładowa (DEMO)")]
    database = open_database(db_path)
    try:
        assert not database_is_empty(database)
    finally:
        database.dispose()
    assert any("before-restore" in p.name for p in backup_dir().iterdir())


def test_damaged_database_without_backup_can_be_left_closed(db_path, demo_template) -> None:
    from app.ui.launch import QUIT, check_integrity_at_start

    _prepare_demo_file(db_path, demo_template)
    _damage(db_path)
    previews: list[object] = []
    assert check_integrity_at_start(db_path, ask=lambda r, p: previews.append(p) or QUIT) is False
    assert previews == [None]


def test_a_file_that_is_not_a_database_is_refused(db_path) -> None:
    from app.core.errors import DatabaseError
    from app.ui.launch import check_integrity_at_start

    db_path.write_text("to nie jest baza danych", encoding="utf-8")
    with pytest.raises(DatabaseError, match="nie jest"):
        check_integrity_at_start(db_path, ask=lambda r, p: "quit")


def _damage(path: Path) -> None:
    """Overwrite the middle of the file (b-tree pages) so quick_check reports corruption."""
    import sqlite3

    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    size = path.stat().st_size
    with path.open("r+b") as fh:
        for offset in range(2 * page_size, size - page_size, 3 * page_size):
            fh.seek(offset + 16)
            fh.write(os.urandom(64))


# ---- self-test and import weight -----------------------------------------------------------------


def test_self_test_exits_zero(tmp_path) -> None:
    env = dict(os.environ, WKUS_DATA_DIR=str(tmp_path), PYTHONIOENCODING="utf-8")
    env.pop("QT_QPA_PLATFORM", None)  # the self-test sets offscreen itself
    result = subprocess.run(
        [sys.executable, "-m", "app", "--self-test"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("WKUS Desktop")
    assert any(line.startswith("✓ main window and every view") for line in lines)
    assert any(line.startswith("✓ demo gmina loaded: 41 organisations, 25 contracts") for line in lines)
    assert "✗" not in result.stdout


def test_self_test_reports_a_failing_check(monkeypatch, capsys) -> None:
    from app import selftest

    t = selftest.SelfTest()
    assert t.check("ok", lambda: "fine") is True
    assert t.check("bad", lambda: 1 / 0) is False
    out = capsys.readouterr().out
    assert "✓ ok: fine" in out and "✗ bad: division by zero" in out
    assert t.failures == 1 and t.checks == 2


def test_gui_modules_stay_out_of_the_cli_import() -> None:
    script = textwrap.dedent("""
        import sys, app.cli
        bad = [m for m in sys.modules if m.startswith(('PySide6', 'app.ui', 'app.selftest', 'matplotlib'))]
        print(bad); sys.exit(1 if bad else 0)
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_labels_are_not_left_in_english(window) -> None:
    english = {"Dashboard", "Settings", "Quit", "Overview", "Registers", "Copy details"}
    for spec in VIEWS:
        window.show_view(spec.key)
    texts = {label.text() for label in window.findChildren(QLabel)}
    for menu_action in window.menuBar().actions():
        texts.add(menu_action.text().replace("&", ""))
        texts |= {a.text().replace("&", "") for a in menu_action.menu().actions()}
    assert "Ustawienia…" in texts and "Zakończ" in texts
    assert not (english & texts)


def _foreign_lock(db_path: Path, host: str, pid: int) -> None:
    from app.core.instance_lock import lock_path

    lock_path(db_path).write_text(
        json.dumps({"pid": pid, "host": host, "user": "akowalski", "started": "2026-11-30T16:05:00"})
    )


def test_lock_from_another_computer_may_be_overridden(db_path) -> None:
    from app.core.instance_lock import read_lock
    from app.ui.launch import take_lock

    _foreign_lock(db_path, "URZAD-PC07", 4242)
    asked: list[str] = []
    assert take_lock(db_path, confirm=lambda exc: asked.append(exc.message) or False) is None
    assert "URZAD-PC07" in asked[0] and "mimo to" in asked[0]
    assert read_lock(db_path).host == "URZAD-PC07"  # declined: the lock stays as it was
    lock = take_lock(db_path, confirm=lambda exc: True)
    assert lock is not None and lock.held
    assert read_lock(db_path).pid == os.getpid()
    lock.release()


def test_stale_lock_of_a_crashed_copy_is_taken_over(db_path) -> None:
    from app.core.instance_lock import read_lock
    from app.ui.launch import take_lock

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    _foreign_lock(db_path, socket.gethostname(), dead.pid)
    lock = take_lock(db_path, confirm=lambda exc: pytest.fail("a stale lock needs no question"))
    assert lock is not None and read_lock(db_path).pid == os.getpid()
    lock.release()


def test_run_gui_refuses_a_file_that_is_not_a_database(monkeypatch, qtbot, db_path, private_data) -> None:
    from app.core.instance_lock import lock_path
    from app.ui import launch

    db_path.write_bytes(b"PK\x03\x04 arkusz Excela, nie baza")
    shown: list[str] = []
    monkeypatch.setattr(launch.QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    code = launch.run_gui(argparse.Namespace(db=str(db_path), lang=None, verbose=False), UserSettings())
    assert code == 1
    assert len(shown) == 1 and "nie jest bazą danych WKUS" in shown[0]
    assert not lock_path(db_path).exists()  # released on the way out


def test_exception_in_a_slot_shows_the_dialog_and_the_app_goes_on(tmp_path) -> None:
    """Outside pytest-qt (which replaces sys.excepthook): a real slot raising in a running app."""
    script = textwrap.dedent("""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from app.core import i18n
        i18n.set_language("pl")
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QPushButton
        from app.ui.application import create_application
        from app.ui.crash import CrashDialog, install_excepthook
        app = create_application()
        handler = install_excepthook()
        handler.modal = False
        button = QPushButton("x")
        button.clicked.connect(lambda: 1 / 0)
        after = []
        def step():
            button.click()  # raises inside the slot; Qt carries on
            after.append("still running")
            dialog = handler.last_dialog
            print(type(dialog).__name__, dialog.windowTitle(), "|", after[0])
            print("ZeroDivisionError" in dialog.details)
            app.quit()
        QTimer.singleShot(0, step)
        sys.exit(app.exec())
    """)
    env = dict(os.environ, WKUS_DATA_DIR=str(tmp_path), PYTHONIOENCODING="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == ["CrashDialog Nieoczekiwany błąd | still running", "True"]


def test_error_in_a_worker_thread_is_logged_without_a_dialog(qtbot, caplog) -> None:
    import threading

    from app.ui.crash import ExceptionHandler

    handler = ExceptionHandler()
    handler.modal = False

    def work() -> None:
        try:
            raise ValueError("in a worker")
        except ValueError:
            handler(*sys.exc_info())

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert handler.last_dialog is None
    assert any(r.exc_info and r.exc_info[0] is ValueError for r in caplog.records)


def test_a_vanished_database_from_settings_falls_back_to_the_default(
    monkeypatch, qtbot, tmp_path, private_data
) -> None:
    from app.paths import default_db_path
    from app.ui import launch

    gone = tmp_path / "pendrive" / "wkus.sqlite"  # the USB stick is not plugged in
    settings = UserSettings(last_database=str(gone), demo_offer_dismissed=True)
    errors: list[str] = []
    questions: list[str] = []
    monkeypatch.setattr(launch.QMessageBox, "critical", lambda _p, _t, text: errors.append(text))
    monkeypatch.setattr(
        launch.QMessageBox,
        "question",
        lambda _p, _t, text: questions.append(text) or launch.QMessageBox.StandardButton.Yes,
    )
    opened: list[str] = []

    # Polled, not one fixed delay: on a loaded machine the window may appear after 300 ms.
    poll = QTimer()
    poll.setInterval(100)

    def close_window() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible() and widget.db is not None:
                opened.append(str(widget.db_path))
                poll.stop()
                widget.close()

    poll.timeout.connect(close_window)
    poll.start()
    code = launch.run_gui(argparse.Namespace(db=None, lang=None, verbose=False), settings)
    poll.stop()
    assert code == 0
    assert len(errors) == 1 and "pendrive" in errors[0]
    assert len(questions) == 1 and str(default_db_path()) in questions[0]
    assert opened == [str(default_db_path())]
    assert settings.last_database == "" and load_settings().last_database == ""


def test_self_test_fails_when_a_view_breaks(monkeypatch, capsys, qapp) -> None:
    import app.ui.views.registry as registry
    from app import selftest

    specs = (
        ViewSpec("dashboard", "Dashboard", "app.ui.views.dashboard:DashboardView"),
        ViewSpec("contracts", "Contracts", "tests.ui.test_shell:FailingView"),
    )
    monkeypatch.setattr(registry, "VIEWS", specs)
    monkeypatch.setattr(mw, "VIEWS", specs)
    assert selftest.run_self_test() == 1
    out = capsys.readouterr().out
    assert "✗ main window and every view: views that failed to open: contracts (RuntimeError: refresh broke)" in out
    assert "✗ 1 of " in out


def test_start_again_runs_the_same_program(monkeypatch) -> None:
    from PySide6.QtCore import QProcess

    from app.ui import launch

    started: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(QProcess, "startDetached", lambda program, args: started.append((program, args)) or (True, 1))
    monkeypatch.setattr(sys, "orig_argv", ["python", "-m", "app", "--db", "x.sqlite"])
    assert launch.start_again()
    assert started == [(sys.executable, ["-m", "app", "--db", "x.sqlite"])]
