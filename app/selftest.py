"""`wkus --self-test`: check the installation without a screen and exit 0 (all good) or 1.

Runs on Qt's offscreen platform in a temporary folder (the user's data and settings are not
touched): creates and migrates a database, loads the demo gmina, opens the main window and shows
every view once, and checks Polish formatting and translations. Prints one line per check.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

OK, FAIL = "✓", "✗"


def _say(line: str) -> None:
    """Print even on a console that cannot show ✓ (a Windows code page): replace what it cannot encode."""
    stream = sys.stdout
    if stream is None:  # windowed executable without a console
        return
    encoding = getattr(stream, "encoding", None) or "utf-8"
    stream.write(line.encode(encoding, errors="replace").decode(encoding) + "\n")
    stream.flush()


class CheckFailed(Exception):
    pass


def ensure(condition: object, message: str) -> None:
    """Like assert, but not removed when Python runs optimised (a frozen build may)."""
    if not condition:
        raise CheckFailed(message)


class SelfTest:
    def __init__(self) -> None:
        self.failures = 0
        self.checks = 0

    def check(self, label: str, fn: Callable[[], str | None]) -> bool:
        """Run one check; `fn` returns an optional detail or raises (CheckFailed via ensure) on failure."""
        started = time.perf_counter()
        try:
            detail = fn() or ""
        except Exception as exc:  # every failure is reported, then the next check runs
            log.error("self-test check failed: %s", label, exc_info=True)
            if os.environ.get("WKUS_SELFTEST_TRACEBACK"):
                traceback.print_exc()
            self.record(label, False, str(exc) or type(exc).__name__)
            return False
        took = time.perf_counter() - started
        if took >= 0.5:
            detail += f" ({took:.1f} s)"
        self.record(label, True, detail.strip())
        return True

    def record(self, label: str, ok: bool, detail: str = "") -> None:
        """Count and print one result (also for checks run elsewhere, e.g. app.selftest_checks)."""
        self.checks += 1
        if not ok:
            self.failures += 1
        _say(f"{OK if ok else FAIL} {label}" + (f": {detail}" if detail else ""))


def run_self_test() -> int:
    # before anything imports Qt: no screen needed (the frozen build runs this on a build server)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ.setdefault("MPLBACKEND", "Agg")
    from app.paths import log_dir

    real_log_dir = log_dir()  # the clerk's log folder: checked for writing, before the data folder moves
    with tempfile.TemporaryDirectory(prefix="wkus-selftest-") as tmp:
        previous_data_dir = os.environ.get("WKUS_DATA_DIR")
        os.environ["WKUS_DATA_DIR"] = str(Path(tmp) / "data")  # backups and settings of the test stay here
        try:
            return _run(Path(tmp), real_log_dir)
        finally:
            if previous_data_dir is None:
                os.environ.pop("WKUS_DATA_DIR", None)
            else:
                os.environ["WKUS_DATA_DIR"] = previous_data_dir


def _run(tmp: Path, state_log_dir: Path) -> int:
    from app import APP_NAME, __version__
    from app.core import i18n

    t = SelfTest()
    _say(f"{APP_NAME} {__version__} – self-test")
    language = i18n.current_language()
    state: dict[str, Any] = {}  # what one check built for the later ones: app, db, window

    def formatting() -> str:
        i18n.set_language("pl")
        try:
            money = i18n.format_money(Decimal("1234.50"))
            date = i18n.format_date(dt.date(2026, 5, 31))
            ensure(money == "1\xa0234,50\xa0zł", money)
            ensure(date == "31.05.2026", date)
            ensure(i18n._("Dashboard") == "Pulpit", "the Polish catalogue is not loaded")
            return f"{money}, {date}".replace("\xa0", " ")
        finally:
            i18n.set_language(language)

    def money_parsing() -> str:
        from app.core.money import parse_money

        ensure(parse_money("1 234,50") == Decimal("1234.50"), "1 234,50 not read as 1234.50")
        ensure(parse_money("1234.50") == Decimal("1234.50"), "1234.50 not read as 1234.50")
        return "1 234,50 = 1234.50"

    def qt() -> str:
        import PySide6
        from PySide6.QtCore import qVersion

        from app.ui.application import create_application

        state["app"] = create_application()
        return f"PySide6 {PySide6.__version__}, Qt {qVersion()}"

    def qt_translations() -> str:
        from PySide6.QtWidgets import QApplication

        from app.ui.application import install_qt_translations

        app = QApplication.instance()
        ensure(isinstance(app, QApplication), "no QApplication")
        assert isinstance(app, QApplication)  # for the type checker: ensure() raised otherwise
        loaded = install_qt_translations(app, "pl")
        try:
            ensure(loaded == ["qtbase_pl"], "qtbase_pl.qm not found")
            cancel = QApplication.translate("QPlatformTheme", "Cancel")
            ensure(cancel == "Anuluj", cancel)
            return cancel
        finally:
            install_qt_translations(app, language)

    def database() -> str:
        from app.core.db.engine import open_database
        from app.core.db.migrations import CURRENT_VERSION, schema_version

        db = open_database(tmp / "selftest.sqlite")
        state["db"] = db
        version = schema_version(db)
        ensure(version == CURRENT_VERSION, f"schema {version} != {CURRENT_VERSION}")
        return f"schema {version}"

    def demo() -> str:
        from app.core.demo import load_demo

        summary = load_demo(state["db"])
        ensure(summary.organisations > 0 and summary.contracts > 0, "the demo gmina is empty")
        return f"{summary.organisations} organisations, {summary.contracts} contracts"

    def integrity() -> str:
        from app.core.backup.integrity import quick_check

        report = quick_check(tmp / "selftest.sqlite")
        ensure(report.ok, report.summary())
        return "quick_check"

    def window() -> str:
        from app.core.settings import UserSettings
        from app.ui.main_window import MainWindow
        from app.ui.placeholder import ErrorPage
        from app.ui.views.registry import VIEWS

        w = MainWindow(state["db"], tmp / "selftest.sqlite", UserSettings(), persist_settings=False)
        state["window"] = w
        w.show()
        built, broken = 0, []
        raised: list[str] = []
        previous_hook = sys.excepthook
        # a view whose refresh raises is reported through sys.excepthook (the crash dialog): count it
        sys.excepthook = lambda kind, exc, tb: raised.append(f"{kind.__name__}: {exc}")
        try:
            for spec in VIEWS:
                page = w.show_view(spec.key)
                _process_events()
                if raised:
                    broken.append(f"{spec.key} ({raised[-1]})")
                    raised.clear()
                    continue
                if isinstance(page, ErrorPage):
                    broken.append(spec.key)
                else:
                    built += 1
        finally:
            sys.excepthook = previous_hook
        ensure(not broken, "views that failed to open: " + ", ".join(broken))
        ensure("DEMO" in w.windowTitle(), w.windowTitle())
        return f"{built} of {len(VIEWS)} views shown"

    def backup() -> str:
        from app.core.backup.auto import auto_backup

        folder = tmp / "backups"
        folder.mkdir(exist_ok=True)
        made = auto_backup(tmp / "selftest.sqlite", folder=folder)
        ensure(made is not None and made.is_file(), "no backup written")
        assert made is not None  # ensure() raised otherwise
        return made.name

    def log_folder() -> str:
        folder = Path(str(state_log_dir))
        probe = folder / "selftest.probe"
        probe.write_text("ok", encoding="utf-8")
        probe.unlink()
        return str(folder)

    t.check("Polish formatting and translations", formatting)
    t.check("money parsing", money_parsing)
    if t.check("Qt", qt):
        t.check("Qt's own Polish translations", qt_translations)
    if t.check("database created and migrated", database):
        t.check("demo gmina loaded", demo)
        t.check("integrity check", integrity)
        if "app" in state:
            t.check("main window and every view", window)
        t.check("automatic backup", backup)
    t.check("log folder writable", log_folder)
    for name, ok, detail in _installation_checks():
        t.record(name, ok, detail)
    win = state.get("window")
    if win is not None:
        win.close()
        _process_events()
    db = state.get("db")
    if db is not None:
        db.dispose()
    if t.failures:
        _say(f"{FAIL} {t.failures} of {t.checks} checks failed (details in the log)")
        return 1
    _say(f"{OK} all {t.checks} checks passed")
    return 0


def _installation_checks() -> list[tuple[str, bool, str]]:
    """What a frozen bundle most often lacks (fonts, catalogues, babel data, a PDF), from its own module."""
    try:
        from app.selftest_checks import extra_frozen_checks
    except ModuleNotFoundError as exc:
        if exc.name != "app.selftest_checks":
            return [("installation checks", False, str(exc))]
        return []
    return extra_frozen_checks()


def _process_events() -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None:
        app.processEvents()
