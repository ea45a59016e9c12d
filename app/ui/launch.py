"""Starting the desktop app: application, the window's shell painted first, then database lock,
integrity check, database, the window's start view, demo offer; and on exit the automatic backup.
Every refusal is a Polish message box, never a traceback.

The shell paints before SQLAlchemy and the models are imported (a third of a second on an office PC);
on an SQLite file of the current schema the Pulpit's figures are then read from it with the stdlib
driver and painted (show_first_figures_painted), and only then is the file checked and the database
opened, in the GUI thread, so the lock, damage and demo dialogs stay modal and in their order.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app import APP_NAME
from app.core.errors import UserFacingError
from app.core.i18n import _, format_datetime
from app.core.settings import UserSettings

if TYPE_CHECKING:  # the lock module (socket…) is imported when the lock is taken, after the first paint
    from app.core.backup.integrity import IntegrityReport
    from app.core.backup.preview import BackupPreview
    from app.core.instance_lock import DatabaseInUse, DatabaseLock
    from app.ui.main_window import MainWindow

#: longest wait for the shell's first paint before the database is opened anyway
FIRST_PAINT_TIMEOUT_MS = 500
#: Set to "1" by the benchmark (benchmarks/runner.py run_bundle): the app prints {"first_paint": time.time()}
#: at the shell's first paint and exits before the database is opened (_stamp_first_paint).
FIRST_PAINT_ENV = "WKUS_BENCH_FIRST_PAINT"

log = logging.getLogger(__name__)


def resolve_db_path(args: argparse.Namespace, settings: UserSettings) -> Path | str:
    """--db first, then the file chosen in the settings, then the default in the user data folder.
    A `postgresql://` address (the office server) is kept as text."""
    from app.core.db.address import is_server_url
    from app.paths import default_db_path

    chosen = getattr(args, "db", None) or settings.last_database
    if is_server_url(chosen):
        return str(chosen)
    return Path(chosen).expanduser().resolve() if chosen else default_db_path()


def confirm_open_anyway(exc: DatabaseInUse, parent: QWidget | None = None) -> bool:
    """The lock is held on another computer (which cannot be asked): may the clerk open anyway?"""
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, exc.message, parent=parent)
    anyway = box.addButton(_("Open anyway"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is anyway


def take_lock(
    db_path: Path, parent: QWidget | None = None, confirm: Callable[[DatabaseInUse], bool] | None = None
) -> DatabaseLock | None:
    """The database's lock, or None when another copy holds it and the clerk did not override it.

    A stale lock (a crashed copy on this computer) is taken over by DatabaseLock itself.
    """
    from app.core.instance_lock import DatabaseInUse, DatabaseLock

    lock = DatabaseLock(db_path)
    try:
        lock.acquire()
        return lock
    except DatabaseInUse as exc:
        if exc.same_host:  # that copy is alive on this computer: the clerk switches to it
            QMessageBox.warning(parent, APP_NAME, exc.message)
            return None
        if not (confirm or (lambda e: confirm_open_anyway(e, parent)))(exc):
            return None
        log.warning("opening %s although %s holds its lock", db_path, exc.holder)
        lock.acquire(force=True)
        return lock


#: the clerk's answer when the database is damaged
RESTORE, OPEN_ANYWAY, QUIT = "restore", "open", "quit"


def ask_about_damage(report: IntegrityReport, preview: BackupPreview | None, parent: QWidget | None = None) -> str:
    """Tell the clerk the file is damaged; offer the newest good backup when there is one."""
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, report.summary(), parent=parent)
    restore_button = None
    if preview is not None:
        box.setInformativeText(
            _(
                "The newest good backup was made on {date} ({gmina}). Restoring it replaces the "
                "damaged file; a copy of the damaged file is kept in the backup folder."
            ).format(date=format_datetime(preview.written_at), gmina=preview.gmina_name or "—")
        )
        restore_button = box.addButton(_("Restore the backup"), QMessageBox.ButtonRole.AcceptRole)
    else:
        box.setInformativeText(
            _(
                "No good automatic backup of this database was found. If you have a backup on a "
                "USB stick, restore it (File menu) after opening the program, or ask your IT "
                "support for help."
            )
        )
    open_button = box.addButton(_("Open anyway"), QMessageBox.ButtonRole.DestructiveRole)
    quit_button = box.addButton(_("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore_button or quit_button)
    box.exec()
    clicked = box.clickedButton()
    if restore_button is not None and clicked is restore_button:
        return RESTORE
    return OPEN_ANYWAY if clicked is open_button else QUIT


def check_integrity_at_start(
    db_path: Path,
    parent: QWidget | None = None,
    ask: Callable[[IntegrityReport, BackupPreview | None], str] | None = None,
    before_asking: Callable[[], None] | None = None,
) -> bool:
    """Quick check of an existing file; on damage offer the newest good backup. False: do not open.
    `before_asking` runs first on damage (the window withdraws the figures it read from the file)."""
    from app.core.backup.integrity import newest_good_backup, quick_check
    from app.core.backup.preview import inspect_backup
    from app.core.db.engine import check_database_file

    if not db_path.is_file() or db_path.stat().st_size == 0:
        return True
    check_database_file(db_path)  # not SQLite / read-only: a clearer message than "damaged"
    report = quick_check(db_path)
    if report.ok:
        return True
    log.error("quick_check of %s failed: %s", db_path, report.problems)
    if before_asking is not None:
        before_asking()
    backup = newest_good_backup(db_path)
    preview = inspect_backup(backup) if backup is not None else None
    answer = (ask or (lambda r, p: ask_about_damage(r, p, parent)))(report, preview)
    if answer == RESTORE and backup is not None:
        from app.core.backup.restore import restore

        result = restore(db_path, backup)
        log.warning("damaged %s replaced by the backup %s", db_path, backup)
        if ask is None:
            QMessageBox.information(
                parent,
                APP_NAME,
                _("The backup of {date} was restored.").format(date=format_datetime(result.restored.written_at)),
            )
        return True
    return answer == OPEN_ANYWAY


def show_and_wait_for_paint(window: MainWindow, timeout_ms: int = FIRST_PAINT_TIMEOUT_MS) -> None:
    """Show the window and run the event loop until it has painted once (or `timeout_ms` passed)."""
    window.show_first()
    if window.painted:
        return
    loop = QEventLoop()
    window.first_painted.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    window.first_painted.disconnect(loop.quit)


def show_first_figures_painted(window: MainWindow, db_path: Path | str) -> bool:
    """On an embedded SQLite file: the Pulpit's figures read straight from it and painted before the
    database stack is imported and the database opened (which then blocks this thread for a while).
    False when the window does not open on the Pulpit or the file does not allow it
    (MainWindow.show_first_figures); the figures then come after the database is opened, as before."""
    if not isinstance(db_path, Path) or not window.isVisible() or not window.show_first_figures(db_path):
        return False
    # the layout, then the paint of the filled page: before open_database holds the event loop
    QApplication.processEvents()
    QApplication.processEvents()
    return True


def _stamp_first_paint(app: QApplication, window: MainWindow) -> int:
    """The benchmark's start (FIRST_PAINT_ENV): the shell shown as always, its first paint printed as
    {"first_paint": time.time()} (app/ui/paint_stamp.py, the probes' recipe), then the app exits; no
    database is opened. Lets benchmarks/runner.py time the frozen app's GUI start like the source's."""
    from app.ui.paint_stamp import on_first_paint

    def stamp(at: float) -> None:
        print(json.dumps({"first_paint": at}), flush=True)
        app.quit()

    on_first_paint(window, stamp)
    QTimer.singleShot(60_000, app.quit)  # a platform that never paints: no stamp, never a hang
    window.show_first()
    app.exec()
    window.hide()
    window.deleteLater()
    return 0


def run_gui(args: argparse.Namespace, settings: UserSettings) -> int:
    from app.ui.application import create_application
    from app.ui.crash import install_excepthook
    from app.ui.main_window import MainWindow
    from app.ui.theme import apply_palette
    from app.ui.win_mutex import create_app_mutex

    app = create_application()
    install_excepthook()
    apply_palette(app, settings.high_contrast)
    # the installer's AppMutex: setup waits while the program runs; kept referenced until exit
    mutex = create_app_mutex()
    db_path = resolve_db_path(args, settings)
    window = MainWindow(None, db_path, settings)  # the shell: "Opening the database…"
    if os.environ.get(FIRST_PAINT_ENV) == "1":
        return _stamp_first_paint(app, window)
    show_and_wait_for_paint(window)
    code = _run_on(app, window, db_path, settings)
    if code is None and not getattr(args, "db", None) and settings.last_database:
        # the file chosen in Settings is gone (a USB stick, a network drive): without this the clerk
        # could not even reach Settings to choose another one
        from app.paths import default_db_path

        default = default_db_path()
        answer = QMessageBox.question(
            None,
            APP_NAME,
            _(
                "Open the database in the default place instead ({path})? The setting is changed "
                "back to it; you can choose another file again in Settings."
            ).format(path=default),
        )
        if answer == QMessageBox.StandardButton.Yes:
            from app.core.settings import save_settings

            settings.last_database = ""
            try:
                save_settings(settings)
            except OSError:
                log.warning("settings could not be saved", exc_info=True)
            code = _run_on(app, window, default, settings)
    if window.db is None:  # never opened: the shell goes without saving its geometry
        window.hide()
    restart = window.restart_requested
    window.deleteLater()
    del mutex
    if restart:  # "Uruchom ponownie teraz" in Settings: the lock and the mutex are released by now
        start_again()
    return 1 if code is None else code


def start_again() -> bool:
    """Start a new copy of the program with the same arguments (the installed .exe, or the same
    interpreter with the same `-m app ...`)."""
    from PySide6.QtCore import QProcess

    args = sys.argv[1:] if getattr(sys, "frozen", False) else list(sys.orig_argv[1:])
    ok, _pid = QProcess.startDetached(sys.executable, args)
    if not ok:
        log.warning("could not start the program again: %s %s", sys.executable, args)
    return bool(ok)


def _run_on(app: QApplication, window: MainWindow, db_path: Path | str, settings: UserSettings) -> int | None:
    """Run the app on `db_path`; None when the file could not be opened (the clerk was told why)."""
    if isinstance(db_path, str):
        # the office server: several seats at once is the point; concurrent edits are caught by the
        # records' version counters, and the server checks and backs up itself (no lock file, no copy)
        log.info("starting the desktop app on the office server")
        return _run_with_lock(app, window, db_path, settings)
    log.info("starting the desktop app on %s", db_path)
    try:
        lock = take_lock(db_path)
    except UserFacingError as exc:
        QMessageBox.critical(None, APP_NAME, exc.message)
        return None
    if lock is None:
        return 1
    try:
        return _run_with_lock(app, window, db_path, settings)
    finally:
        lock.release()


def _run_with_lock(app: QApplication, window: MainWindow, db_path: Path | str, settings: UserSettings) -> int | None:
    # figures first (issue 18): nothing before them imports the database stack; the file's checks and
    # the database follow, the figures withdrawn if the file turns out damaged
    show_first_figures_painted(window, db_path)
    from app.core.backup.auto import backup_on_exit
    from app.core.db.engine import open_database
    from app.ui.backup_banner import show_backup_reminder
    from app.ui.dialogs.demo_offer import offer_demo_if_empty

    try:
        if isinstance(db_path, Path) and not check_integrity_at_start(
            db_path, before_asking=window.withdraw_first_figures
        ):
            window.withdraw_first_figures()
            return 1
        db = open_database(db_path)
    except UserFacingError as exc:  # DatabaseError: not SQLite, read-only, locked, newer version…
        window.withdraw_first_figures()  # the database is not opened: no figures of it stay on the window
        QMessageBox.critical(None, APP_NAME, exc.message)
        return None
    window.attach_database(db, db_path)
    if window.isVisible():
        QTimer.singleShot(0, lambda: offer_demo_if_empty(window))
        if isinstance(db_path, Path):  # on the server backups are the administrator's pg_dump, not the clerk's
            QTimer.singleShot(0, lambda: show_backup_reminder(window))
        code = app.exec()
    else:  # the clerk closed the shell while it waited for its first paint: no event loop left to quit
        code = 0
    if window.db is not None:  # after a restore the window holds a new Database
        window.db.dispose()
    if isinstance(db_path, Path):
        backup_on_exit(db_path)
    return int(code)
