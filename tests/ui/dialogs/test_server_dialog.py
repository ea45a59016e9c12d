"""Ustawienia → Serwer biura… (issue 19): typed key by key, tested against a real server, and the
address (never the password) goes into the settings."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from app.core.i18n import _
from app.core.settings import UserSettings
from app.ui.dialogs.server_dialog import ServerDialog
from app.ui.dialogs.settings_dialog import SettingsDialog
from tests.keyring_memory import memory_keyring
from tests.ui.waiting import when_shown


def _type(qtbot, dialog: ServerDialog, port: int) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(dialog.host, "127.0.0.1")
    dialog.port.selectAll()
    qtbot.keyClicks(dialog.port, str(port))
    qtbot.keyClicks(dialog.database, "postgres")
    qtbot.keyClicks(dialog.user, "postgres")
    qtbot.keyClicks(dialog.password, "wkus-test-haslo")


def test_connection_test_then_the_address_without_its_password(
    qtbot,
    pg_cluster,
    tmp_path,  # type: ignore[no-untyped-def]
    monkeypatch,
) -> None:
    monkeypatch.setattr(SettingsDialog, "ask_restart", lambda self: False)
    settings = SettingsDialog(UserSettings(), tmp_path / "wkus.sqlite", persist=False)
    qtbot.addWidget(settings)
    with memory_keyring() as store:

        def fill_and_accept(dialog: ServerDialog) -> None:
            _type(qtbot, dialog, pg_cluster.port)
            dialog.test_connection()
            connected = _("Connected: {where}.").split("{where}")[0]
            qtbot.waitUntil(lambda: dialog.test_result.text().startswith(connected), timeout=30_000)
            assert f"127.0.0.1:{pg_cluster.port}" in dialog.test_result.text()
            dialog.accept()

        when_shown(lambda: getattr(settings, "server_dialog", None), fill_and_accept)
        settings._choose_server()
        address = f"postgresql://postgres@127.0.0.1:{pg_cluster.port}/postgres"
        assert settings.database.text() == address
        assert store.values == {("wkus-desktop", address): "wkus-test-haslo"}
        settings.accept()
        assert settings.settings.last_database == address  # no password in the settings


def test_a_wrong_password_is_said_in_the_dialog(qtbot, pg_cluster) -> None:  # type: ignore[no-untyped-def]
    dialog = ServerDialog()
    qtbot.addWidget(dialog)
    _type(qtbot, dialog, pg_cluster.port)
    qtbot.keyClicks(dialog.password, "-zle")
    dialog.test_connection()
    refused = (
        _(
            "The server refused the password of the user {user} ({where}). Check the user name and the "
            "password (PGPASSWORD or the .pgpass file)."
        )
        .format(user="postgres", where="\0")
        .split("\0")[0]
    )
    qtbot.waitUntil(lambda: dialog.test_result.text().startswith(refused), timeout=30_000)


def test_missing_fields_are_named(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    dialog = ServerDialog()
    qtbot.addWidget(dialog)
    dialog.test_connection()
    # the Polish wording is what is tested: the missing field named as the clerk sees it
    assert dialog.test_result.text() == "Komputer serwera: uzupełnij to pole."
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    qtbot.keyClicks(dialog.host, "serwer-gminy")
    dialog.accept()
    assert warned == ["Baza danych: uzupełnij to pole."] and dialog.chosen == ""


def test_the_database_label_says_file_or_server(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = UserSettings(last_database="postgresql://anna@serwer:5432/wkus")
    dialog = SettingsDialog(settings, tmp_path / "wkus.sqlite", persist=False)
    qtbot.addWidget(dialog)
    assert dialog.database_label.text() == _("Database server:")
    assert dialog.database.accessibleName() == _("Database server address")
    dialog.database.setText(str(tmp_path / "gmina.sqlite"))  # "Domyślna" or "Wybierz…" put a file back
    assert dialog.database_label.text() == _("Database file:")
    assert dialog.database.accessibleName() == _("Database file")
