"""Start-up paints the main window's shell before the database stack (SQLAlchemy, the models) is
imported, then opens the database and attaches it (benchmark issue 9: first paint ≤ 1.5× a bare
QMainWindow)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from app.core.i18n import _
from app.core.settings import UserSettings
from app.ui.main_window import MainWindow
from tests.core.backup_fixtures import demo_path, demo_template  # noqa: F401
from tests.fresh_interpreter import run_json
from tests.ui.first_paint import start_on_a_new_database

ROOT = Path(__file__).resolve().parents[2]


def test_the_window_paints_before_sqlalchemy_is_imported(tmp_path) -> None:
    """run_gui on a new database in a fresh interpreter: sys.modules at the window's first paint, then
    the window once the database is attached."""
    db_path = tmp_path / "nowa.sqlite"
    out = start_on_a_new_database(tmp_path)
    assert {k: v for k, v in out["paint"].items() if k != "qt_namespace"} == {
        "db": False,
        "sqlalchemy": False,
        "engine": False,
        "models": False,
        "page": _("Opening the database…"),
        "title": "WKUS Desktop – nowa.sqlite",
    }
    assert out["code"] == 0
    assert {k: out["after"][k] for k in ("title", "key", "nav", "settings")} == {
        "title": "WKUS Desktop – nowa.sqlite",
        "key": "dashboard",
        "nav": True,
        "settings": True,
    }
    assert db_path.is_file()  # opened (created and migrated) after the paint


def test_the_shell_disables_what_needs_the_database_until_it_is_attached(qtbot, db, db_path) -> None:
    window = MainWindow(None, db_path, UserSettings(), persist_settings=False)
    qtbot.addWidget(window)
    menus = window.findChildren(QMenu)
    submenus = {m.menuAction() for m in menus}
    enabled = {
        a.text().replace("&", "")
        for a in window.findChildren(QAction)
        if a.isEnabled() and not a.isSeparator() and a not in submenus
    }
    assert enabled == {_("Quit"), _("About the program"), _("Open the log folder")}
    assert not window.nav.isEnabled()
    assert window.show_view("contracts") is window.opening_page
    assert window.pages == {} and window.current_key is None
    window.open_record("contract", 1)  # ignored, not a crash, while the database opens

    waiting = list(window._waiting_actions)
    window.attach_database(db)
    assert window.db is db and window.nav.isEnabled()
    assert window.settings_action.isEnabled() and window.view_actions["contracts"].isEnabled()
    assert window.current_key == "dashboard" and list(window.pages) == ["dashboard"]
    assert window.stack.currentWidget() is window.pages["dashboard"]
    assert window.stack.indexOf(window.opening_page) == -1
    assert len(window.findChildren(QMenu)) == len(menus)  # no submenu lost on the way (Eksport)
    assert waiting and all(a.isEnabled() for a in waiting)


def test_the_gui_start_from_the_command_line_does_not_import_the_commands(tmp_path) -> None:
    """`wkus` (no command) reaches run_gui without SQLAlchemy: the command modules, which import it,
    are loaded only when a command or --help is asked for."""
    script = textwrap.dedent("""
        import sys
        from app import cli
        import app.ui.launch as launch
        launch.run_gui = lambda args, settings: print("sqlalchemy" in sys.modules, args.db, args.command) or 0
        cli.main(["--db", "x.sqlite", "--verbose"])
    """)
    env = dict(os.environ, WKUS_DATA_DIR=str(tmp_path / "data"), PYTHONIOENCODING="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False x.sqlite None"


def test_a_shell_closed_before_the_database_opened_ends_the_start(monkeypatch, qtbot, tmp_path) -> None:
    """Closed during the wait for the first paint: no event loop is left running without a window,
    and the database is still closed and backed up as on any exit."""
    import argparse

    from app.ui import launch

    monkeypatch.setenv("WKUS_DATA_DIR", str(tmp_path / "data"))
    backups: list[Path] = []
    monkeypatch.setattr("app.core.backup.auto.backup_on_exit", lambda path: backups.append(path))
    real_wait = launch.show_and_wait_for_paint

    def wait_then_close(window, timeout_ms=launch.FIRST_PAINT_TIMEOUT_MS):
        real_wait(window, timeout_ms)
        window.close()

    monkeypatch.setattr(launch, "show_and_wait_for_paint", wait_then_close)
    db_path = tmp_path / "nowa.sqlite"
    code = launch.run_gui(
        argparse.Namespace(db=str(db_path), lang=None, verbose=False), UserSettings(demo_offer_dismissed=True)
    )
    assert code == 0
    assert backups == [db_path]


def test_the_pulpits_figures_are_painted_before_sqlalchemy_on_a_current_file(demo_path) -> None:  # noqa: F811
    """On an existing file of the current schema (issue 18): run_gui shows the Pulpit's figures, read from
    the file, while SQLAlchemy is not imported and the database not opened; attaching it keeps the same
    page and reads nothing again."""
    script = textwrap.dedent("""
        import json, os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        import argparse
        from app.core import i18n
        i18n.set_language("pl")
        from PySide6.QtWidgets import QApplication
        from app.core.settings import UserSettings
        from app.ui import main_window as mw
        from app.ui.launch import run_gui
        from app.ui.views import dashboard as view
        from tests.ui.waiting import shown, when_shown

        seen, refreshes = [], []
        filled, refresh = view.DashboardView._loaded, view.DashboardView.refresh

        def loaded(self, *args):
            filled(self, *args)
            window = self.window()
            seen.append({"sqlalchemy": "sqlalchemy" in sys.modules, "models": "app.core.db.models" in sys.modules,
                         "db": getattr(window, "db", "no window") is not None, "contracts": self.data.contracts,
                         "page": id(self)})

        view.DashboardView._loaded = loaded
        view.DashboardView.refresh = lambda self: (refreshes.append(id(self)), refresh(self))
        after = {}

        def close(window):
            after.update(key=window.current_key, page=id(window.pages["dashboard"]),
                         nav=window.nav.isEnabled(), attached=window.pages["dashboard"].db is window.db)
            window.close()

        when_shown(lambda: shown(mw.MainWindow, lambda w: w.db is not None), close)
        code = run_gui(argparse.Namespace(db=sys.argv[1], lang=None, verbose=False),
                       UserSettings(demo_offer_dismissed=True))
        print(json.dumps({"code": code, "seen": seen, "refreshes": refreshes, "after": after}))
    """)
    out = run_json(script, str(demo_path), WKUS_DATA_DIR=str(demo_path.parent / "data"))
    assert out["code"] == 0
    first = out["seen"][0]
    assert {k: first[k] for k in ("sqlalchemy", "models", "db", "contracts")} == {
        "sqlalchemy": False,
        "models": False,
        "db": False,
        "contracts": 25,  # the demo's contracts
    }
    assert len(out["seen"]) == 1 and out["refreshes"] == []  # not read a second time once attached
    assert out["after"] == {"key": "dashboard", "page": first["page"], "nav": True, "attached": True}


def test_figures_read_from_a_damaged_file_leave_the_window_before_the_clerk_is_asked(
    qtbot,
    demo_path,  # noqa: F811
) -> None:
    from app.ui.launch import QUIT, check_integrity_at_start
    from tests.ui.test_shell import _damage

    window = MainWindow(None, demo_path, UserSettings(), persist_settings=False)
    qtbot.addWidget(window)
    window.show()
    assert window.show_first_figures(demo_path)
    page = window.pages["dashboard"]
    assert window.stack.currentWidget() is page and page.data.contracts == 25
    _damage(demo_path)
    asked: list[object] = []

    def ask(report, preview) -> str:  # type: ignore[no-untyped-def]
        asked.append((window.first_figures, window.stack.currentWidget()))
        return QUIT

    assert not check_integrity_at_start(demo_path, ask=ask, before_asking=window.withdraw_first_figures)
    assert asked == [(False, window.opening_page)]  # withdrawn before the question
    assert window.pages == {} and window.current_key is None


def test_a_window_opening_on_another_view_reads_no_first_figures(qtbot, demo_path) -> None:  # noqa: F811
    window = MainWindow(None, demo_path, UserSettings(last_view="contracts"), persist_settings=False)
    qtbot.addWidget(window)
    assert not window.show_first_figures(demo_path)
    assert window.pages == {} and window.stack.currentWidget() is window.opening_page


def test_figures_shown_leave_the_window_when_the_database_cannot_be_opened(monkeypatch, qtbot, demo_path) -> None:  # noqa: F811
    """Read from the file, then refused by open_database (read-only, locked…): the clerk's message comes
    over a window without those figures."""
    import argparse

    from PySide6.QtWidgets import QMessageBox

    from app.core.errors import DatabaseError
    from app.ui import launch

    monkeypatch.setenv("WKUS_DATA_DIR", str(demo_path.parent / "data"))

    def refuse(path, **_kwargs):  # type: ignore[no-untyped-def]
        raise DatabaseError("Plik jest tylko do odczytu.")

    monkeypatch.setattr("app.core.db.engine.open_database", refuse)
    shown_first: list[bool] = []
    real = MainWindow.show_first_figures
    monkeypatch.setattr(
        MainWindow, "show_first_figures", lambda self, *a: shown_first.append(real(self, *a)) or shown_first[-1]
    )
    told: list[tuple[str, object]] = []

    def critical(parent, title, text):  # type: ignore[no-untyped-def]
        # the shown window: an earlier test's closed one may not be deleted yet (flaky under load)
        window = next(w for w in launch.QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        told.append((text, window.pages.get("dashboard")))

    monkeypatch.setattr(QMessageBox, "critical", critical)
    code = launch.run_gui(
        argparse.Namespace(db=str(demo_path), lang=None, verbose=False), UserSettings(demo_offer_dismissed=True)
    )
    assert code == 1 and shown_first == [True]
    assert told == [("Plik jest tylko do odczytu.", None)]
