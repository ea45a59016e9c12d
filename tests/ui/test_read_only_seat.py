"""A read-only seat (issue 19): the window disables what writes and says why in the tooltip.

The server refuses a reader's writes (tests/core for roles); here SQLite stands in, with
`db.read_only` set as open_database sets it for a reader on the office server."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QWizard

from app.core.i18n import _
from app.core.settings import UserSettings
from app.ui.main_window import MainWindow
from app.ui.views.wizards import WizardsView
from app.ui.widgets.list_view import RecordListView

WHY = _("Read only: this login may only read data")


def _window(qtbot: Any, db: Any, db_path: Any, read_only: bool) -> MainWindow:
    db.read_only = read_only
    window = MainWindow(db, db_path, UserSettings(), persist_settings=False)
    qtbot.addWidget(window)
    window.show()
    return window


def _writing_menu_actions(window: MainWindow) -> dict[str, Any]:
    handler = window.data_actions
    found = {key: handler.actions[key] for key in ("restore", "import-organisations", "import-full")}
    paper = _("Enter a report from a paper form\u2026")
    found["paper"] = next(a for a in window.tools_menu.actions() if a.text().replace("&", "") == paper)
    return found


@pytest.mark.parametrize("read_only", [True, False])
def test_menu_and_register_actions_follow_the_seat(qtbot, demo_db, db_path, read_only) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, demo_db, db_path, read_only)
    for key, action in _writing_menu_actions(window).items():
        assert action.isEnabled() is (not read_only), key
        assert (action.toolTip() == WHY) is read_only, key
    # the backup reads only: a reader may keep a copy
    assert window.data_actions.actions["backup"].isEnabled()

    for key in ("organisations", "tasks", "programmes", "procedures", "contracts", "cooperation"):
        view = window.show_view(key)
        assert isinstance(view, RecordListView), key
        if view.proxy.rowCount():
            view.table.selectRow(0)
        has_rows = view.selected_row() is not None
        assert view.add_button.isEnabled() is (not read_only), key
        assert (view.add_button.toolTip() == WHY) is read_only, key
        if view.can_delete:
            assert view.delete_button.isEnabled() is (has_rows and not read_only), key
        # opening a record to read it stays possible
        assert view.edit_button.isEnabled() is has_rows, key

    # the Insert key (and a stray call) adds nothing on a reader's seat
    organisations = window.show_view("organisations")
    assert isinstance(organisations, RecordListView)
    organisations.add_record()
    assert (organisations.current_dialog is None) is read_only
    if organisations.current_dialog is not None:
        organisations.current_dialog.reject()


def test_a_reader_opens_a_record_but_cannot_save_it(qtbot, demo_db, db_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, demo_db, db_path, True)
    view = window.show_view("organisations")
    assert isinstance(view, RecordListView)
    view.table.selectRow(0)
    before = view.selected_row()
    view.edit_selected()
    dialog = view.current_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    save = dialog.ok_button  # type: ignore[attr-defined]
    assert not save.isEnabled()
    assert save.toolTip() == WHY
    told: list[str] = []
    monkeypatch.setattr(dialog, "show_message", lambda text: told.append(text))
    name = dialog.field_widget("name")  # type: ignore[attr-defined]
    name.setFocus()
    qtbot.keyClicks(name, " zmiana")
    assert dialog.try_save() is False  # Enter in a field reaches try_save even with Save disabled
    assert told == [WHY]
    dialog.reject()
    view.refresh()
    assert view.select_id(before.id)
    assert view.selected_row().name == before.name  # nothing was written


def test_a_reader_cannot_finish_a_wizard_or_delete_one(qtbot, demo_db, db_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, demo_db, db_path, True)
    view = window.show_view("wizards")
    assert isinstance(view, WizardsView)
    assert not view.delete_button.isEnabled()
    assert view.delete_button.toolTip() == WHY
    before = view.model.rowCount()
    dialog = view.start_wizard("commission")
    qtbot.waitUntil(dialog.isVisible)
    finish = dialog.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()
    assert finish.toolTip() == WHY
    warned: list[str] = []
    monkeypatch.setattr("app.ui.wizards.dialog.QMessageBox.warning", lambda *a: warned.append(a[2]))
    assert dialog.run_finish(dialog.currentPage()) is False
    assert warned == [WHY]
    dialog.reject()  # closing keeps a writer's wizard; a reader's is not saved (nothing to refuse)
    assert view.model.rowCount() == before


def test_a_readers_contract_editor_adds_and_deletes_no_reports(qtbot, demo_db, db_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QPushButton

    window = _window(qtbot, demo_db, db_path, True)
    view = window.show_view("contracts")
    assert isinstance(view, RecordListView)
    view.table.selectRow(0)
    view.edit_selected()
    dialog = view.current_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    buttons = dialog.findChildren(QPushButton)
    adds = [b for b in buttons if b.text() == _("Add\u2026")]
    deletes = [b for b in buttons if b.text() == _("Delete")]
    edits = [b for b in buttons if b.text() == _("Edit\u2026")]
    assert len(adds) == len(deletes) == len(edits) >= 2  # reports and controls at least
    assert all(not b.isEnabled() and b.toolTip() == WHY for b in adds + deletes)
    assert all(b.isEnabled() for b in edits)  # a stored contract's reports open to be read
    assert not dialog.ok_button.isEnabled()  # type: ignore[attr-defined]
    dialog.reject()
