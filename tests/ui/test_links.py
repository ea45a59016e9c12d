"""Links a clerk expects between the parts of the program (organisation → its contracts, contract →
its tools card and change history) and the manual-backup reminder bar at start."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.core.i18n import _, format_date, ngettext
from app.core.settings import UserSettings
from app.ui.main_window import MainWindow

# the shared demo (tests/ui/conftest.py) is built as on 1 December 2026


@pytest.fixture
def window(qtbot, demo_db, db_path):
    w = MainWindow(demo_db, db_path, UserSettings(), persist_settings=False)
    qtbot.addWidget(w)
    w.show()
    return w


def _party_contract_ids(db, org_id: int) -> set[int]:
    """Straight from the party table, not through the list service the view uses."""
    from app.core.db.models import ContractParty

    with db.session() as s:
        return set(s.scalars(select(ContractParty.contract_id).where(ContractParty.organisation_id == org_id)))


def _busiest_organisation(db) -> tuple[int, int]:
    """(organisation id, number of its contracts) of the organisation with the most contracts."""
    from app.core.db.models import ContractParty

    with db.session() as s:
        pairs = s.execute(select(ContractParty.organisation_id, ContractParty.contract_id)).all()
    counts: dict[int, int] = {}
    for org_id, _contract in pairs:
        counts[org_id] = counts.get(org_id, 0) + 1
    org_id = max(counts, key=lambda k: (counts[k], -k))
    return org_id, counts[org_id]


def _shown_contract_ids(view) -> set[int]:
    return set(view.visible_ids())


# ---- organisation → its contracts --------------------------------------------------------------


def test_organisation_list_button_shows_its_contracts(window, qtbot) -> None:
    org_id, count = _busiest_organisation(window.db)
    assert count >= 2  # the demo has organisations with several contracts
    orgs = window.show_view("organisations")
    assert not orgs.contracts_button.isEnabled() or orgs.selected_id() is not None
    assert orgs.select_id(org_id)
    assert orgs.contracts_button.isEnabled()
    qtbot.mouseClick(orgs.contracts_button, Qt.MouseButton.LeftButton)
    assert window.current_key == "contracts"
    contracts = window.page("contracts")
    assert _shown_contract_ids(contracts) == _party_contract_ids(window.db, org_id)
    assert len(_shown_contract_ids(contracts)) == count
    assert contracts.organisation_label.isVisible()
    assert contracts.model.rowCount() > count  # the others are only hidden
    # "Wszystkie organizacje" shows every contract again
    qtbot.mouseClick(contracts.all_organisations_button, Qt.MouseButton.LeftButton)
    assert contracts.proxy.rowCount() == contracts.model.rowCount()
    assert not contracts.organisation_label.isVisible()


def test_organisation_filter_clears_the_year_filter(window) -> None:
    org_id, count = _busiest_organisation(window.db)
    contracts = window.show_view("contracts")
    contracts.year_filter.setCurrentIndex(contracts.year_filter.count() - 1)  # the earliest year
    window.follow_link("organisation_contracts", org_id)
    assert contracts.year_filter.currentData() is None
    assert len(contracts.visible_ids()) == count


def test_organisation_dialog_link_closes_it_and_shows_the_contracts(window, qtbot) -> None:
    org_id, count = _busiest_organisation(window.db)
    window.open_record("organisation", org_id)
    orgs = window.page("organisations")
    dialog = orgs.current_dialog
    assert dialog is not None and dialog.contracts_button.isVisible()
    assert dialog.contracts_button.text() == _("Contracts of this organisation")
    qtbot.mouseClick(dialog.contracts_button, Qt.MouseButton.LeftButton)
    assert orgs.current_dialog is None
    assert window.current_key == "contracts"
    assert _shown_contract_ids(window.page("contracts")) == _party_contract_ids(window.db, org_id)


def test_organisation_dialog_link_asks_before_dropping_edits(window, qtbot, unsaved_answers) -> None:
    org_id, _count = _busiest_organisation(window.db)
    window.open_record("organisation", org_id)
    orgs = window.page("organisations")
    dialog = orgs.current_dialog
    dialog.city.set_value("Zmienione Miasto")
    from app.ui.widgets.unsaved import Leave

    unsaved_answers.answers.append(Leave.CANCEL)  # "Anuluj"
    qtbot.mouseClick(dialog.contracts_button, Qt.MouseButton.LeftButton)
    assert len(unsaved_answers) == 1 and unsaved_answers[0] == _("The data typed in this window have not been saved.")
    assert orgs.current_dialog is dialog and dialog.isVisible()
    assert window.current_key == "organisations"
    dialog.reject()  # "Odrzuć"


def test_new_organisation_has_no_contracts_link(window) -> None:
    orgs = window.show_view("organisations")
    orgs.add_record()
    dialog = orgs.current_dialog
    assert dialog is not None and not dialog.contracts_button.isVisible()
    dialog.reject()


# ---- contract → tools card and change history --------------------------------------------------


def test_contract_editor_opens_the_tools_card(window, qtbot, monkeypatch) -> None:
    from app.ui.views import tools as tools_module

    opened: list[int] = []
    monkeypatch.setattr(tools_module.ToolsView, "open_record", lambda self, cid: opened.append(cid))
    contract_id = window.show_view("contracts").visible_ids()[0]
    window.open_record("contract", contract_id)
    editor = window.page("contracts").current_dialog
    assert editor.tools_button.isEnabled() and editor.tools_button.text() == _("Tools and indicators")
    qtbot.mouseClick(editor.tools_button, Qt.MouseButton.LeftButton)
    assert window.page("contracts").current_dialog is None
    assert window.current_key == "tools"
    assert opened == [contract_id]


def test_tools_link_keeps_an_edited_contract_when_the_clerk_says_no(window, qtbot, unsaved_answers) -> None:
    from app.ui.widgets.unsaved import Leave

    contract_id = window.show_view("contracts").visible_ids()[0]
    window.open_record("contract", contract_id)
    editor = window.page("contracts").current_dialog
    editor.title_edit.input.setText(editor.title_edit.input.text() + " (zmiana)")
    unsaved_answers.answers.append(Leave.CANCEL)  # "Anuluj" in "Zapisz / Odrzuć / Anuluj"
    qtbot.mouseClick(editor.tools_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible() and window.current_key == "contracts"
    editor.reject()  # "Odrzuć"


def test_contract_editor_opens_the_change_history(window, qtbot, monkeypatch) -> None:
    shown: list[int | None] = []
    monkeypatch.setattr(window.data_actions, "contract_history", lambda cid=None: shown.append(cid))
    contract_id = window.show_view("contracts").visible_ids()[1]
    window.open_record("contract", contract_id)
    editor = window.page("contracts").current_dialog
    assert editor.history_button.text() == _("Change history")
    qtbot.mouseClick(editor.history_button, Qt.MouseButton.LeftButton)
    assert shown == [contract_id]
    assert editor.isVisible()  # the history opens over the editor
    editor.reject()


def test_history_link_opens_the_real_dialog_on_that_contract(window, monkeypatch) -> None:
    from app.ui.dialogs.data_history import ContractHistoryDialog

    dialogs: list[ContractHistoryDialog] = []
    monkeypatch.setattr(window.data_actions, "exec_dialog", lambda d: dialogs.append(d) or False)
    contract_id = window.show_view("contracts").visible_ids()[2]
    window.follow_link("contract_history", contract_id)
    assert len(dialogs) == 1 and dialogs[0].contract.currentData() == contract_id


def test_new_contract_has_no_links(window) -> None:
    contracts = window.show_view("contracts")
    contracts.add_record()
    editor = contracts.current_dialog
    assert not editor.tools_button.isEnabled() and not editor.history_button.isEnabled()
    editor.reject()


def test_unknown_link_is_ignored(window) -> None:
    key = window.current_key
    window.follow_link("nowhere", 1)
    window.follow_link("contract_tools", "not an id")
    assert window.current_key == key


# ---- backup reminder -----------------------------------------------------------------------------


def test_backup_reminder_bar_and_backup_now(window, qtbot, tmp_path) -> None:
    from app.core.backup import reminder_message
    from app.ui.backup_banner import show_backup_reminder

    banner = show_backup_reminder(window)
    assert banner is not None and banner.isVisible()
    assert banner.label.text() == _(
        "No backup of this database has been made to a USB stick or another place yet. "
        "Use \u201cBackup\u2026\u201d in the File menu."
    )
    assert banner.backup_button.text() == _("Back up now")
    target = tmp_path / "pendrive" / "kopia.sqlite"
    target.parent.mkdir()
    window.data_actions.choose_save = lambda *a: target  # type: ignore[method-assign]
    window.data_actions.inform = lambda text, error=False: None  # type: ignore[method-assign]
    with qtbot.waitSignal(window.data_actions.finished, timeout=20000) as blocker:
        qtbot.mouseClick(banner.backup_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["backup", True]
    assert target.is_file()
    assert not banner.isVisible()
    assert reminder_message(window.db) is None  # and so no bar at the next start
    assert show_backup_reminder(window) is None


def test_backup_reminder_can_be_closed(window, qtbot) -> None:
    from app.ui.backup_banner import show_backup_reminder

    banner = show_backup_reminder(window)
    qtbot.mouseClick(banner.close_button, Qt.MouseButton.LeftButton)
    assert not banner.isVisible()
    assert banner.close_button.accessibleName() == _("Hide the reminder")


def test_backup_reminder_after_eight_days(window) -> None:
    from app.core.backup.manual import LAST_MANUAL_KEY
    from app.core.db.models import Setting
    from app.ui.backup_banner import show_backup_reminder

    last = dt.datetime.now() - dt.timedelta(days=8, hours=1)
    with window.db.session() as s:
        s.merge(Setting(key=LAST_MANUAL_KEY, value=last.isoformat(timespec="seconds")))
    banner = show_backup_reminder(window)
    assert banner is not None
    assert banner.label.text() == ngettext(
        "The last backup to a USB stick or another place was made {days} day ago ({date}). Make a new one with "
        "\u201cBackup\u2026\u201d in the File menu.",
        "The last backup to a USB stick or another place was made {days} days ago ({date}). Make a new one with "
        "\u201cBackup\u2026\u201d in the File menu.",
        8,
    ).format(days=8, date=format_date(last.date()))


def test_no_reminder_for_an_empty_database(qtbot, db, db_path) -> None:
    from app.ui.backup_banner import show_backup_reminder

    w = MainWindow(db, db_path, UserSettings(demo_offer_dismissed=True), persist_settings=False)
    qtbot.addWidget(w)
    assert show_backup_reminder(w) is None


# ---- application icon --------------------------------------------------------------------------


def test_application_icon_has_every_size(qapp) -> None:
    from PySide6.QtGui import QImageReader

    from app.paths import resource_path
    from app.ui.application import application_icon, create_application

    assert not application_icon().isNull()
    create_application()
    assert not qapp.windowIcon().isNull()
    png = QImageReader(str(resource_path("icons", "wkus.png")))
    assert (png.size().width(), png.size().height()) == (256, 256)
    ico = resource_path("icons", "wkus.ico").read_bytes()
    # ICONDIR: reserved 0, type 1 (icon), image count; then 16-byte entries whose first byte is the width
    assert ico[:4] == b"\x00\x00\x01\x00"
    count = int.from_bytes(ico[4:6], "little")
    widths = sorted((ico[6 + 16 * i] or 256) for i in range(count))
    assert widths == [16, 24, 32, 48, 64, 128, 256]
