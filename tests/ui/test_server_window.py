"""The desktop window on the office server (issue 19): it names the server, and the file-only actions
(restore, the file check) explain what to use there instead of touching a file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.core.i18n import _
from app.core.settings import UserSettings
from app.ui.main_window import MainWindow
from tests.conftest import db_argument, new_database

#: app.core.db.server.not_on_server: a file operation refused on the office server
NOT_ON_SERVER = (
    "{operation} works on a database file only; this database is on the office server ({where}). "
    "On the server use its own tools instead: pg_dump for a backup and pg_restore to restore it "
    '(the administrator\'s job), or "wkus export --kind full" for a logical backup of everything '
    'as JSON that "wkus import" reads into an empty database.'
)
ON_SERVER = "database {database} on the server {host}:{port}"


@pytest.fixture
def server_db(request, tmp_path):  # type: ignore[no-untyped-def]
    return new_database(request, "postgresql", tmp_path / "unused.sqlite")


def test_window_on_the_server(qtbot, server_db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    url = db_argument(server_db)
    window = MainWindow(None, url, UserSettings(), persist_settings=False)
    qtbot.addWidget(window)
    window.attach_database(server_db, url)
    assert window.db_path == url  # the address as given, not folded into a file path
    port = server_db.url.port
    where = _(ON_SERVER).format(database=server_db.url.database, host="127.0.0.1", port=port)
    assert window.db_label.text() == where
    assert "wkus-test-haslo" not in window.db_label.text() + window.windowTitle()
    told: list[Any] = []
    handler = window.data_actions
    monkeypatch.setattr(handler, "inform", lambda text, error=False: told.append((text, error)))
    monkeypatch.setattr(handler, "choose_open", lambda *a: pytest.fail("no file is chosen on the server"))
    monkeypatch.setattr(handler, "choose_save", lambda *a: pytest.fail("no file is chosen on the server"))
    handler.backup()
    handler.restore()
    handler.check_database()
    assert [t[0] for t in told] == [
        _(NOT_ON_SERVER).format(operation=_(operation), where=where)
        for operation in ("A backup copy", "Restoring from a backup", "The check of the database file")
    ]
    assert all(error for _t, error in told)
    assert window.reopen_database()  # e.g. after an import: the server address opens again
    assert window.db is not None and window.db.is_server
    window.db.dispose()


def test_the_shown_address_never_carries_the_password() -> None:
    from app.ui.main_window import _shown

    shown = _shown("postgresql://sekretarz:tajne-haslo@serwer-gminy:5433/wkus")
    assert shown == _(ON_SERVER).format(database="wkus", host="serwer-gminy", port=5433)
    assert _shown(Path("/dane/wkus.sqlite"), short=True) == "wkus.sqlite"
