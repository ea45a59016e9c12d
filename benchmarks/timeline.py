"""Where the Pulpit's wait goes: the app-window probe's steps, stamped one by one, in a fresh process.

    python -m benchmarks.timeline DB

Prints one JSON line: seconds from the start of the process to the end of each step (the window
built and painted, the Pulpit's modules imported; on an SQLite file of the current schema the figures
read from the file with sqlite3 (tiles, money, dates; the gmina; the deadlines), the page filled and
painted, then the database stack imported, the database opened and attached, as launch does; otherwise
the database first and the figures in the worker thread after it). cProfile sees only the main thread,
so the start-up case is explained by this timeline (`python -m benchmarks.profiles pulpit`).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

T0 = time.time()


def main(db_path: str) -> None:
    marks: list[tuple[str, float]] = []

    def mark(name: str) -> None:
        marks.append((name, time.time() - T0))

    from app.core import i18n
    from app.core.settings import UserSettings
    from app.log import setup_logging

    i18n.set_language("pl")
    setup_logging()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui.application import create_application
    from app.ui.launch import show_and_wait_for_paint, show_first_figures_painted
    from app.ui.main_window import MainWindow

    app = create_application()
    window = MainWindow(None, Path(db_path), UserSettings(), persist_settings=False)
    window.resize(1280, 800)
    mark("window built")
    show_and_wait_for_paint(window)
    mark("first paint")
    import app.ui.views.dashboard as view

    mark("import the Pulpit's modules")
    plain = view._load

    def load(db: Any, today: Any, days: int) -> Any:
        from app.core.law.deadlines import collect_deadlines
        from app.core.services.gmina_read import read_gmina

        mark("read started" if first is None else "worker started")
        data = view.dashboard(db, today)
        mark("dashboard() tiles, money, dates")
        gmina = read_gmina(db)
        mark("gmina")
        deadlines = collect_deadlines(db, today, days=days)
        mark("collect_deadlines(days=60)")
        return view._Loaded(data, gmina, deadlines)

    view._load = load
    filled = view.DashboardView._loaded
    first: bool | None = None

    def loaded(self: Any, *args: Any) -> None:
        filled(self, *args)
        mark("page filled (figures on the page)")
        if first is not None:  # after the database was opened: the worker's figures
            QTimer.singleShot(0, QApplication.quit)

    view.DashboardView._loaded = loaded  # type: ignore[method-assign]
    # as launch._run_with_lock: the figures read from the file and painted before the database is opened
    first = show_first_figures_painted(window, Path(db_path))
    if first:
        mark("figures painted (read with sqlite3)")
    view._load = plain if first else load
    from app.core.db.engine import open_database

    mark("import SQLAlchemy + engine")
    db = open_database(Path(db_path))
    mark("open_database (models, schema check)")
    window.attach_database(db)
    mark("page attached" + ("" if first else ", read started"))
    if not first:
        QTimer.singleShot(60_000, QApplication.quit)
        app.exec()
    print(json.dumps(dict(marks)), flush=True)
    db.dispose()


if __name__ == "__main__":
    main(sys.argv[1])
