"""One recipe for watching a real start-up (`run_gui`) in a fresh interpreter: what is loaded and shown
at the main window's first paint, and what the window holds once the database is attached. The test
interpreter has SQLAlchemy, the models and PySide6's `Qt` namespace loaded already, so only a fresh one
can tell what the start-up itself loads before it paints."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from tests.fresh_interpreter import run_json

_SCRIPT = textwrap.dedent("""
    import json, os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import argparse
    from app.core import i18n
    i18n.set_language("pl")
    from PySide6 import QtCore
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from app.core.settings import UserSettings
    from app.ui import main_window as mw
    from app.ui.launch import run_gui

    seen = []
    original = mw.MainWindow.paintEvent

    def paint(self, event):
        if not seen:
            seen.append({"db": self.db is not None, "sqlalchemy": "sqlalchemy" in sys.modules,
                         "engine": "app.core.db.engine" in sys.modules,
                         "models": "app.core.db.models" in sys.modules,
                         "qt_namespace": "Qt" in vars(QtCore),
                         "page": self.stack.currentWidget().text(), "title": self.windowTitle()})
            QTimer.singleShot(50, close_when_attached)  # the QApplication exists by now
        original(self, event)

    mw.MainWindow.paintEvent = paint
    after = {}

    def close_when_attached():
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, mw.MainWindow) and widget.isVisible() and widget.db is not None:
                from PySide6.QtCore import Qt

                nav = widget.nav
                items = [nav.item(row) for row in range(nav.count())]
                after.update(title=widget.windowTitle(), key=widget.current_key,
                             nav=widget.nav.isEnabled(), settings=widget.settings_action.isEnabled(),
                             keys=[i.data(Qt.ItemDataRole.UserRole) for i in items],
                             selectable=[bool(i.flags() & Qt.ItemFlag.ItemIsSelectable) for i in items],
                             quit=widget.quit_action.shortcut().toString())
                widget.close()
                return
        QTimer.singleShot(50, close_when_attached)

    code = run_gui(argparse.Namespace(db=sys.argv[1], lang=None, verbose=False),
                   UserSettings(demo_offer_dismissed=True))
    print(json.dumps({"code": code, "paint": seen[0] if seen else None, "after": after}))
""")


def start_on_a_new_database(tmp_path: Path) -> dict[str, Any]:
    """run_gui on a new database `nowa.sqlite` in `tmp_path`: {"code": exit code, "paint": what was
    loaded and shown at the first paint, "after": the window once the database was attached}."""
    out: dict[str, Any] = run_json(
        _SCRIPT, str(tmp_path / "nowa.sqlite"), timeout=60, WKUS_DATA_DIR=str(tmp_path / "data")
    )
    return out
