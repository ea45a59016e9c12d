"""The main window reaches its first paint without PySide6's `Qt` namespace (issue 18): its first use
builds all of its ~90 Python enums, a tenth of the start to the first paint. The window looks and
works the same: the shortcuts are set with `setShortcuts([…])`, the navigation's keys and unselectable
headings are set when it is first used (it is disabled until the database is attached)."""

from __future__ import annotations

import textwrap

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from app.core.i18n import _
from app.core.settings import UserSettings
from app.ui.main_window import MainWindow
from app.ui.views.registry import VIEWS
from tests.fresh_interpreter import run_json
from tests.ui.first_paint import start_on_a_new_database


def test_the_first_paint_does_not_build_the_qt_namespace(tmp_path) -> None:
    """run_gui in a fresh interpreter (this one has `Qt` built): at the first paint `Qt` is not yet
    in QtCore's namespace (PySide6 adds a type there when it is first used); once the database is
    attached the navigation works as before."""
    out = start_on_a_new_database(tmp_path)
    assert out["paint"]["qt_namespace"] is False
    assert out["paint"]["page"] == _("Opening the database…")
    assert out["code"] == 0
    # one heading (key None, not selectable) before each group's views, in the registry's order
    expected: list[str | None] = []
    for spec in VIEWS:
        group_start = not expected or spec.group != next(s.group for s in VIEWS if s.key == expected[-1])
        if group_start:
            expected.append(None)
        expected.append(spec.key)
    assert out["after"]["keys"] == expected
    assert out["after"]["selectable"] == [key is not None for key in expected]
    assert out["after"]["quit"] == "Ctrl+Q"


def test_the_shortcuts_are_set_as_before(qtbot, db_path) -> None:
    window = MainWindow(None, db_path, UserSettings(), persist_settings=False)
    qtbot.addWidget(window)
    assert window.settings_action.shortcuts() == [QKeySequence("Ctrl+,")]
    assert window.quit_action.shortcuts() == [QKeySequence("Ctrl+Q")]
    for spec in VIEWS:
        want = [QKeySequence(spec.shortcut)] if spec.shortcut else []
        assert window.view_actions[spec.key].shortcuts() == want, spec.key
    paper = [
        a for a in window.tools_menu.actions() if a.text().replace("&", "") == _("Enter a report from a paper form…")
    ]
    assert [a.shortcut().toString() for a in paper] == ["Ctrl+Shift+R"]


def test_a_shortcut_works_as_soon_as_the_window_is_painted(qtbot, db, db_path) -> None:
    """As at start-up: the shell shown and painted, then the database attached; the clerk's first keys
    reach the actions built before the paint (Ctrl+2 opens Terminy, Ctrl+Q closes the window)."""
    window = MainWindow(None, db_path, UserSettings(), persist_settings=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.painted)
    window.activateWindow()
    window.attach_database(db)
    assert window.current_key == "dashboard"
    deadlines = next(spec for spec in VIEWS if spec.key == "deadlines")
    assert deadlines.shortcut == "Ctrl+2"
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key == "deadlines"
    assert window.nav.currentItem().text().strip() == _(deadlines.title)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())


def test_scaling_passes_through_even_if_the_environment_says_otherwise() -> None:
    """use_exact_scaling sets Qt's variable instead of calling the setter with a `Qt` enum: 125 % and
    150 % scaling stay exact even when the environment asked Qt to round."""
    script = textwrap.dedent("""
        import json, os
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        os.environ["QT_SCALE_FACTOR_ROUNDING_POLICY"] = "Round"
        from app.ui.application import create_application
        from PySide6.QtGui import QGuiApplication
        create_application([])
        print(json.dumps(QGuiApplication.highDpiScaleFactorRoundingPolicy().name))
    """)
    assert run_json(script, timeout=60) == "PassThrough"
