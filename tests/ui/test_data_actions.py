"""The data-safety menu actions and their dialogs, driven through a stub main window (issue 8)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMenu

from app.core.backup.integrity import IntegrityReport
from app.core.i18n import _, ngettext
from tests.core.backup_fixtures import demo_path, demo_template  # noqa: F401


def _orgs(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM organisation").fetchone()[0]
    finally:
        con.close()


class StubWindow:
    """What app.ui.main_window offers the data actions, and nothing more."""

    def __init__(self, db_path: Path) -> None:
        from app.core.db.engine import open_database

        self.db_path = db_path
        self.db = open_database(db_path)
        self.file_menu = QMenu()
        self.tools_menu = QMenu()
        self.messages: list[str] = []
        self.reopened = 0

    def reopen_database(self) -> bool:
        from app.core.db.engine import open_database

        self.db.dispose()
        self.db = open_database(self.db_path)
        self.reopened += 1
        return True

    def status(self, message: str) -> None:
        self.messages.append(message)


@pytest.fixture
def window(demo_path: Path):  # noqa: F811
    w = StubWindow(demo_path)
    yield w
    w.db.dispose()


@pytest.fixture
def actions(qtbot, window: StubWindow):  # type: ignore[no-untyped-def]
    from app.ui.data_actions import add_data_actions

    handler = add_data_actions(window)
    handler.told: list[tuple[str, bool]] = []  # type: ignore[misc]
    handler.inform = lambda text, error=False: handler.told.append((text, error))  # type: ignore[method-assign]
    handler.shown: list[QDialog] = []  # type: ignore[misc]
    handler.answer = True  # type: ignore[attr-defined]

    def exec_dialog(dialog: QDialog) -> bool:
        handler.shown.append(dialog)
        return handler.answer

    handler.exec_dialog = exec_dialog  # type: ignore[method-assign]
    return handler


def _wait(qtbot, actions, operation: str, start) -> bool:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(actions.finished, timeout=60000, check_params_cb=lambda op, ok: op == operation) as b:
        start()
    return b.args[1]


def test_menus_hold_the_actions(actions, window: StubWindow) -> None:  # type: ignore[no-untyped-def]
    file_texts = [a.text() for a in window.file_menu.actions()]
    assert _("Backup\u2026") in file_texts and _("Restore from backup\u2026") in file_texts
    assert _("Export") in file_texts and _("Import organisations from CSV/XLSX\u2026") in file_texts
    tools = [a.text() for a in window.tools_menu.actions()]
    assert _("Check database") in tools and _("Contract change history\u2026") in tools
    assert window.data_actions is actions
    assert len(actions.actions) == 13  # backup, restore, 6 exports (issue 19: the exchange file), 2 imports, 3 tools


def test_backup_is_verified_and_silences_the_reminder(qtbot, actions, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.core.backup import last_backup_folder, reminder_message
    from app.ui.data_actions import backup_reminder_text

    assert _(
        "No backup of this database has been made to a USB stick or another place yet. Use \u201cBackup\u2026\u201d "
        "in the File menu."
    ) in backup_reminder_text(window)
    target = tmp_path / "pendrive" / "kopia.sqlite"
    target.parent.mkdir()
    assert _wait(qtbot, actions, "backup", lambda: actions.backup(target))
    text, error = actions.told[-1]
    counts = _("Organisations: {count}, contracts: {contracts}, reports: {reports}").format(
        count=41, contracts=25, reports=_reports(target)
    )
    assert not error and _("Backup written and verified: {path}").split("{path}")[0] in text and counts in text
    assert _orgs(target) == 41
    assert reminder_message(window.db) is None
    assert last_backup_folder(window.db) == target.parent.resolve()


def test_backup_to_a_missing_folder_is_refused(qtbot, actions, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert not _wait(qtbot, actions, "backup", lambda: actions.backup(tmp_path / "brak" / "kopia.sqlite"))
    text, error = actions.told[-1]
    assert error and _("The folder {folder} does not exist.").split("{folder}")[1] in text


def _remove_last_org(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys=ON")
    con.execute("DELETE FROM organisation WHERE id = 41")
    con.commit()
    con.close()


def test_restore_preview_shows_counts_and_cancel_changes_nothing(qtbot, actions, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.core.backup import make_backup

    backup = make_backup(window.db_path, tmp_path / "kopia.sqlite").path
    _remove_last_org(window.db_path)
    actions.answer = False
    assert _wait(qtbot, actions, "restore-preview", lambda: actions.restore(backup))
    dialog = actions.shown[-1]
    assert dialog.values["gmina"].text() == "Gmina Przykładowa (DEMO)"
    assert dialog.values["organisations"].text() == "41"
    assert dialog.values["contracts"].text() == "25"
    assert dialog.values["documents"].text() == str(_reports(backup))
    assert dialog.restore_button.text() == _("Restore this backup")
    assert _orgs(window.db_path) == 40 and window.reopened == 0


def _reports(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM contract_report").fetchone()[0]
    finally:
        con.close()


def test_restore_confirmed_swaps_and_reopens(qtbot, actions, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.core.backup import make_backup

    backup = make_backup(window.db_path, tmp_path / "kopia.sqlite").path
    _remove_last_org(window.db_path)
    assert _wait(qtbot, actions, "restore", lambda: actions.restore(backup))
    assert _orgs(window.db_path) == 41 and window.reopened == 1
    text, error = actions.told[-1]
    assert not error and _("Restored {path} from the backup.").split("{path}")[0] in text
    assert _("The database as it was before is kept in {path}").split("{path}")[0] in text


def test_restore_refuses_a_wrong_file(qtbot, actions, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wrong = tmp_path / "zdjecie.sqlite"
    wrong.write_bytes(b"\xff\xd8\xff\xe0 JFIF" * 100)
    assert not _wait(qtbot, actions, "restore-preview", lambda: actions.restore(wrong))
    text, error = actions.told[-1]
    assert (
        error
        and _("The file {path} is not a WKUS backup (it is not an SQLite database file).").format(path=wrong) in text
    )
    assert actions.shown == [] and _orgs(window.db_path) == 41


CSV = ("Nazwa;NIP;Miejscowość\nStowarzyszenie Łąka;5260250274;Dębno\nKlub Seniora;123;Dębno\n;;Dębno\n").encode(
    "cp1250"
)


def test_import_preview_shows_row_errors_and_cancel_writes_nothing(qtbot, actions, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "org.csv"
    source.write_bytes(CSV)
    actions.answer = False
    assert _wait(qtbot, actions, "import-preview", lambda: actions.import_organisations(source))
    dialog = actions.shown[-1]
    assert dialog.model.rowCount() == 3
    assert dialog.row_result(0) == _("OK, will be imported")
    # the Polish wording is what is tested: a rejected row's message names the field
    assert dialog.row_result(1).startswith("NIP:")
    assert dialog.model.index(1, 0).data() == "3"  # the spreadsheet's own row number
    assert dialog.row_result(2).startswith("Nazwa:")
    assert "Windows-1250" in dialog.summary.text() and _("Nothing has been written yet.") in dialog.summary.text()
    assert dialog.import_button.text() == ngettext(
        "Import {count} organisation", "Import {count} organisations", 1
    ).format(count=1)
    assert _orgs(window.db_path) == 41


def test_import_confirmed_writes_only_valid_rows(qtbot, actions, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "org.csv"
    source.write_bytes(CSV)
    assert _wait(qtbot, actions, "import", lambda: actions.import_organisations(source))
    assert _orgs(window.db_path) == 42
    assert actions.told[-1] == (
        ngettext("{count} organisation imported.", "{count} organisations imported.", 1).format(count=1),
        False,
    )
    assert window.reopened == 1


def test_export_and_full_import_into_an_empty_database(qtbot, actions, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "dane.json"
    assert _wait(qtbot, actions, "export", lambda: actions.export("full", data))
    assert json.loads(data.read_text(encoding="utf-8"))["format"] == "wkus-export"
    actions.import_full(data)  # this database has data: refused at once, nothing asked
    text, error = actions.told[-1]
    assert error and text == _(
        "The full import only goes into an empty database, and this one already contains "
        "data. Create a new database first, then import into it."
    )
    empty = StubWindow(tmp_path / "nowa.sqlite")
    try:
        actions.window = empty
        assert _wait(qtbot, actions, "import-full", lambda: actions.import_full(data))
        assert _orgs(empty.db_path) == 41 and empty.reopened == 1
    finally:
        empty.db.dispose()


@pytest.mark.parametrize("kind, name", [("skarbnik", "s.xlsx"), ("grants", "g.csv"), ("organisations", "o.csv")])
def test_other_exports(qtbot, actions, tmp_path: Path, kind: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert _wait(qtbot, actions, "export", lambda: actions.export(kind, tmp_path / name))
    assert (tmp_path / name).stat().st_size > 1000


def test_check_database_names_the_first_altered_entry(qtbot, actions, window) -> None:  # type: ignore[no-untyped-def]
    con = sqlite3.connect(window.db_path)
    con.execute("UPDATE audit_log SET new_value = 'podmienione' WHERE id = 30")
    con.commit()
    con.close()
    assert _wait(qtbot, actions, "check", actions.check_database)
    dialog = actions.shown[-1]
    altered = _(
        "The database file is sound, but the change log was altered outside the program: the first "
        "altered entry is no. {id}."
    ).format(id=30)
    assert altered in dialog.message.text()
    assert dialog.restore_button is None  # the file is sound: nothing to restore
    assert altered in actions.last_message


def test_check_database_when_all_is_well(qtbot, actions) -> None:  # type: ignore[no-untyped-def]
    assert _wait(qtbot, actions, "check", actions.check_database)
    assert _("The database and its change log are in order.") in actions.shown[-1].message.text()


def test_check_dialog_offers_the_newest_good_backup_on_damage(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.ui.dialogs.data_check import CheckResultDialog

    report = IntegrityReport(
        tmp_path / "gmina.sqlite",
        True,
        ("Page 12: btreeInitPage() returns error code 11",),
        None,
        dt.datetime(2026, 11, 22, 10, 0),
    )
    good = tmp_path / "gmina-auto.sqlite"
    dialog = CheckResultDialog(report, good)
    qtbot.addWidget(dialog)
    damaged = _("The database file is damaged ({count} problems found). Restore the newest good backup.").format(
        count=1
    )
    assert damaged in dialog.message.text() and str(good) in dialog.message.text()
    assert "btreeInitPage" in dialog.details.toPlainText()
    dialog.restore_button.click()
    assert dialog.restore_requested and dialog.result() == QDialog.DialogCode.Accepted


def test_contract_history_dialog(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.ui.dialogs.data_history import ContractHistoryDialog

    dialog = ContractHistoryDialog(window.db, 1)
    qtbot.addWidget(dialog)
    assert dialog.contract.currentData() == 1
    assert _("Change history of contract {number} \u201c{title}\u201d (id {id})").split("{number}")[0] in (
        dialog.text.toPlainText()
    )
    assert not dialog.warning.isVisible()
    saved = dialog.save_history(str(tmp_path / "h.csv"))
    assert saved is not None and saved.read_text(encoding="utf-8-sig").startswith(_("Entry") + ";")


def test_personal_data_find_export_erase(qtbot, window, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.ui.dialogs.data_personal import PersonalDataDialog

    con = sqlite3.connect(window.db_path)
    person = con.execute("SELECT contact_person FROM organisation WHERE contact_person != '' LIMIT 1").fetchone()[0]
    con.close()
    dialog = PersonalDataDialog(window.db)
    qtbot.addWidget(dialog)
    changed: list[bool] = []
    dialog.data_changed.connect(lambda: changed.append(True))
    dialog.query.setText("ab")
    dialog.search()
    assert dialog.message.text() == _("Enter at least 3 characters of the person's name or e-mail.")
    assert not dialog.erase_button.isEnabled()
    dialog.query.setText(person)
    dialog.search()
    found = dialog.model.rowCount()
    assert found >= 1 and dialog.model.index(0, 1).data() == person
    ticked = lambda: len(dialog.checked_ids()) + len(dialog.checked_member_ids())  # noqa: E731
    assert ticked() == found  # every place starts ticked
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(dialog.model.index(0, 0))
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)  # a different person of the same name: unticked
    assert dialog.model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert ticked() == found - 1
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert ticked() == found
    exported = dialog.export(str(tmp_path / "osoba.json"))
    assert exported is not None and person in exported.read_text(encoding="utf-8")
    monkeypatch.setattr(dialog, "confirm_erase", lambda count: False)
    dialog.erase()
    assert changed == []
    monkeypatch.setattr(dialog, "confirm_erase", lambda count: True)
    dialog.erase()
    assert changed == [True] and dialog.model.rowCount() == 0
    con = sqlite3.connect(window.db_path)
    assert con.execute("SELECT count(*) FROM organisation WHERE contact_person = ?", (person,)).fetchone()[0] == 0
    con.close()


def test_personal_data_of_a_controller_is_found_and_erased(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 17: the officials named on a control are personal data too; the dialog finds them with the
    contract and the day, and erases only their name from the controllers' list."""
    from app.core.personal_data import ERASED
    from app.ui.dialogs.data_personal import PersonalDataDialog

    con = sqlite3.connect(window.db_path)
    row = con.execute("SELECT id, controllers FROM control WHERE controllers LIKE '%,%' ORDER BY id LIMIT 1").fetchone()
    con.close()
    assert row is not None, "the demo names two controllers on a control"
    control_id, controllers = row
    first, second = (name.strip() for name in controllers.split(",", 1))
    dialog = PersonalDataDialog(window.db)
    qtbot.addWidget(dialog)
    # QTest types ASCII keys only (a non-ASCII key aborts): the name up to its first Polish letter
    typed = second[: next((i for i, ch in enumerate(second) if not ch.isascii()), len(second))]
    assert len(typed) >= 3
    qtbot.keyClicks(dialog.query, typed)
    dialog.search()
    rows = [(dialog.model.index(i, 0).data(), dialog.model.index(i, 1).data()) for i in range(dialog.model.rowCount())]
    assert rows and all(person == second for _place, person in rows)
    assert control_id in dialog.checked_control_ids() and dialog.checked_ids() == []
    controls = len(dialog.checked_control_ids())
    monkeypatch.setattr(dialog, "confirm_erase", lambda count: True)
    dialog.erase()
    assert (
        ngettext(
            "Name erased among the controllers of {count} control.",
            "Name erased among the controllers of {count} controls.",
            controls,
        ).format(count=controls)
        in dialog.message.text()
    )
    con = sqlite3.connect(window.db_path)
    assert (
        con.execute("SELECT controllers FROM control WHERE id = ?", (control_id,)).fetchone()[0] == f"{first}, {ERASED}"
    )
    con.close()


def test_damage_found_by_check_leads_to_restoring_the_newest_good_backup(
    qtbot, actions, window, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from app.core import backup as backup_module
    from app.core.backup import make_backup

    good = make_backup(window.db_path, tmp_path / "gmina-auto.sqlite").path
    _remove_last_org(window.db_path)
    damaged = IntegrityReport(
        window.db_path, True, ("Page 7: btreeInitPage() returns error code 11",), None, dt.datetime(2026, 11, 22, 10, 0)
    )
    # SQLite damage cannot be made to order without breaking the file for the rest of the test
    monkeypatch.setattr(backup_module, "full_check", lambda path: damaged)
    monkeypatch.setattr(backup_module, "newest_good_backup", lambda path: good)

    def answer(dialog: QDialog) -> bool:
        actions.shown.append(dialog)
        if getattr(dialog, "restore_button", None) is not None:
            dialog.restore_button.click()  # "Restore the newest good backup…" in the check result
        return True  # and "Restore this backup" in the preview that follows

    actions.exec_dialog = answer
    assert _wait(qtbot, actions, "restore", actions.check_database)
    assert [type(d).__name__ for d in actions.shown] == ["CheckResultDialog", "RestorePreviewDialog"]
    assert actions.shown[1].values["organisations"].text() == "41"
    assert _orgs(window.db_path) == 41 and window.reopened == 1


def test_export_suggests_the_documents_folder(actions, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A bare file name opened the save dialog in the program's folder; it now starts in "Dokumenty"."""
    from PySide6.QtCore import QStandardPaths

    docs = tmp_path / "Dokumenty"
    docs.mkdir()
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _where: str(docs))
    asked: list[str] = []
    actions.choose_save = lambda _title, suggested, _filter: asked.append(suggested)  # type: ignore[method-assign]
    actions.export("organisations")
    assert len(asked) == 1
    assert Path(asked[0]).parent == docs and Path(asked[0]).name.startswith("organizacje-")


def test_restore_opens_the_folder_used_last(qtbot, actions, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.core.backup import make_backup
    from app.core.settings import UserSettings
    from app.paths import backup_dir

    window.settings = UserSettings()
    folders: list[str] = []
    actions.choose_open = lambda _t, folder, _f: folders.append(folder)  # type: ignore[method-assign]
    actions.restore()  # first time: no backup made by hand, the automatic backups' folder
    assert folders == [str(backup_dir())]
    stick = tmp_path / "pendrive"
    stick.mkdir()
    backup = make_backup(window.db_path, stick / "kopia.sqlite").path
    actions.answer = False  # the preview is shown and cancelled
    assert _wait(qtbot, actions, "restore-preview", lambda: actions.restore(backup))
    assert window.settings.last_restore_folder == str(stick)
    actions.restore()
    assert folders[-1] == str(stick)
