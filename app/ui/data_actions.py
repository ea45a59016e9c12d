"""Data-safety actions of the main window: backup, restore, export, import, checks, history, RODO.

`add_data_actions(window)` adds them to `window.file_menu` and `window.tools_menu`. The window
provides `db`, `db_path`, `reopen_database()` and `status(msg)`; nothing else is assumed, so the
actions can be tested with a stub window. Everything that reads or writes the whole file runs in
the thread pool behind a busy indicator; the core functions do the work (app.core.backup,
app.core.transfer), this module only asks, shows and reports.

File choosers, dialogs and message boxes go through the overridable methods `choose_open`,
`choose_save`, `exec_dialog` and `inform`, which tests replace to run without blocking.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from app import APP_NAME
from app.core.i18n import _, ngettext
from app.ui.read_only import mark_writing
from app.ui.workers import Job, run_in_background

if TYPE_CHECKING:  # the dialogs' classes are built (with their enums) on first use, after the first paint
    from PySide6.QtWidgets import QDialog, QProgressDialog

log = logging.getLogger(__name__)


def _exports() -> dict[str, tuple[str, str, str]]:
    today = dt.date.today().isoformat()
    return {
        "full": (_("All data (JSON)\u2026"), f"wkus-dane-{today}.json", _("JSON (*.json)")),
        "organisations": (
            _("Organisations (XLSX or CSV)\u2026"),
            f"organizacje-{today}.xlsx",
            _("Excel workbook (*.xlsx);;CSV (*.csv)"),
        ),
        "contracts": (
            _("Contracts with tranches (XLSX or CSV)\u2026"),
            f"umowy-{today}.xlsx",
            _("Excel workbook (*.xlsx);;CSV (*.csv)"),
        ),
        "skarbnik": (
            _("Summary for the treasurer (XLSX)\u2026"),
            f"zestawienie-skarbnik-{today}.xlsx",
            _("Excel workbook (*.xlsx)"),
        ),
        "grants": (
            _("Grants as open data for BIP (JSON or CSV)\u2026"),
            f"dotacje-{today}.json",
            _("JSON (*.json);;CSV (*.csv)"),
        ),
        # the last full year, as the Documents view starts with (a regional office compares closed years)
        "exchange": (
            _("Indicators {year} for comparing gminas (JSON)\u2026").format(year=exchange_year()),
            f"wskazniki-{exchange_year()}.json",
            _("JSON (*.json)"),
        ),
    }


def exchange_year() -> int:
    return dt.date.today().year - 1


def backup_reminder_text(window: Any) -> str | None:
    """For the main window at start: the 7-day manual-backup reminder, or None."""
    from app.core.backup import reminder_message

    try:
        return reminder_message(window.db)
    except Exception:  # a reminder must never stop the program from starting
        log.warning("backup reminder failed", exc_info=True)
        return None


def run_export(db: Any, kind: str, path: Path) -> str:
    """Write one export; returns the confirmation shown to the clerk (runs in a worker thread)."""
    suffix = path.suffix.lower()
    if kind == "full":
        from app.core.transfer.full_json import write_export

        counts = write_export(db, path)
        return _("Exported {rows} records to {path}").format(rows=sum(counts.values()), path=path)
    if kind == "exchange":
        from app.core.comparison.exchange import gmina_figures, to_json

        figures = gmina_figures(db, exchange_year())
        path.write_text(to_json(figures), encoding="utf-8")
        return _("Wrote the indicators of {gmina} for {year} to {file}.").format(
            gmina=figures.gmina, year=figures.year, file=path
        )
    if kind == "grants":
        from app.core.transfer.opendata import write_grants_csv, write_grants_json

        count = (write_grants_csv if suffix == ".csv" else write_grants_json)(db, path)
        return _("Exported {rows} grants to {path}").format(rows=count, path=path)
    from app.core.transfer.sheets import export_sheets

    export_sheets(db, path, "all" if kind == "skarbnik" else kind)
    return _("Saved {path}").format(path=path)


def _with_suffix(path: Path, chosen_filter: str, default: str) -> Path:
    """Add the extension of the chosen filter when the clerk typed a bare name."""
    if path.suffix:
        return path
    for ext in (".xlsx", ".csv", ".json", ".sqlite", ".txt"):
        if f"*{ext}" in chosen_filter:
            return path.with_suffix(ext)
    return path.with_suffix(default)


def documents_folder() -> Path:
    """The user's documents folder ("Dokumenty"), where a clerk looks for what she saved; an export
    suggested as a bare name landed in the program's folder."""
    from PySide6.QtCore import QStandardPaths

    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else Path.home()
    return folder if folder.is_dir() else Path.home()


def restore_folder(settings: Any, db: Any) -> Path:
    """Where "Przywróć z kopii…" opens: the folder of the last restore, else of the last backup, else
    the automatic backups."""
    from app.core.backup import last_backup_folder
    from app.paths import backup_dir

    last = Path(getattr(settings, "last_restore_folder", "") or "")
    if str(last) not in ("", ".") and last.is_dir():
        return last
    return (last_backup_folder(db) if db is not None else None) or backup_dir()


class DataActions(QObject):
    #: (operation, ok) after every operation ends, for tests and the status bar
    finished = Signal(str, bool)

    def __init__(self, window: Any) -> None:
        super().__init__(window if isinstance(window, QObject) else None)
        self.window = window
        self._jobs: list[Job] = []
        self._busy: QProgressDialog | None = None
        self.actions: dict[str, QAction] = {}
        self.last_message = ""

    # ---- overridable interaction (tests replace these) -----------------------------------

    def parent_widget(self) -> QWidget | None:
        return self.window if isinstance(self.window, QWidget) else None

    def choose_open(self, title: str, folder: str, file_filter: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        path, _chosen = QFileDialog.getOpenFileName(self.parent_widget(), title, folder, file_filter)
        return Path(path) if path else None

    def choose_save(self, title: str, suggested: str, file_filter: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        path, chosen = QFileDialog.getSaveFileName(self.parent_widget(), title, suggested, file_filter)
        if not path:
            return None
        return _with_suffix(Path(path), chosen or file_filter, Path(suggested).suffix)

    def exec_dialog(self, dialog: QDialog) -> bool:
        from PySide6.QtWidgets import QDialog

        return dialog.exec() == QDialog.DialogCode.Accepted

    def inform(self, text: str, *, error: bool = False) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox.warning if error else QMessageBox.information
        box(self.parent_widget(), APP_NAME, text)

    # ---- background work -----------------------------------------------------------------

    def _run(
        self,
        operation: str,
        busy_text: str,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[str], None] | None = None,
    ) -> None:
        """Run `fn` in the thread pool behind a modal busy indicator; callbacks run in the GUI thread."""
        self._show_busy(busy_text)

        def done(result: Any) -> None:
            self._end(job)
            try:
                on_done(result)
            finally:
                self.finished.emit(operation, True)

        def failed(message: str) -> None:
            self._end(job)
            try:
                if on_failed is not None:
                    on_failed(message)
                self._report(message, error=True)
            finally:
                self.finished.emit(operation, False)

        job = run_in_background(fn, done, failed)
        self._jobs.append(job)

    def _show_busy(self, text: str) -> None:
        # built with the menus before the first paint: Qt's enums and the dialog's class later
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QProgressDialog

        busy = QProgressDialog(text, "", 0, 0, self.parent_widget())
        busy.setCancelButton(None)  # SQLite's backup and a half-written import must not be cut off
        busy.setWindowTitle(APP_NAME)
        busy.setWindowModality(Qt.WindowModality.ApplicationModal)
        busy.setMinimumDuration(0)
        busy.setMinimumWidth(380)
        busy.show()
        self._busy = busy
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self._status(text)

    def _end(self, job: Job) -> None:
        if job in self._jobs:
            self._jobs.remove(job)
        if self._busy is not None:
            self._busy.close()
            self._busy.deleteLater()
            self._busy = None
        QApplication.restoreOverrideCursor()

    def _status(self, text: str) -> None:
        try:
            self.window.status(text)
        except Exception:  # the status bar is a courtesy; never fail an operation over it
            log.debug("status() failed", exc_info=True)

    def _report(self, text: str, *, error: bool = False) -> None:
        self.last_message = text
        self._status(text)
        self.inform(text, error=error)

    def _data_changed(self) -> None:
        """Imports and erasures change records: refresh the views (the window may not offer that)."""
        notify = getattr(self.window, "notify_data_changed", None)
        (notify if callable(notify) else self.window.reopen_database)()

    def _db_path(self) -> Path:
        return Path(self.window.db_path)

    def _refused_on_server(self, operation: str) -> bool:
        """On the office server a file operation is explained instead (pg_dump, the full JSON export)."""
        db = self.window.db
        if db is None or not db.is_server:
            return False
        from app.core.db.server import not_on_server

        self.inform(not_on_server(operation, db.where), error=True)
        return True

    # ---- backup ---------------------------------------------------------------------------

    def backup(self, target: Path | None = None) -> None:
        """ "Kopia zapasowa…": one verified file in a chosen place; remembers the date for the reminder."""
        from app.core.backup import last_backup_folder, manual_backup

        if self._refused_on_server(_("A backup copy")):
            return
        db = self.window.db
        if target is None:
            folder = last_backup_folder(db) or documents_folder()
            target = self.choose_save(
                _("Save backup"),
                str(folder / f"wkus-kopia-{dt.date.today().isoformat()}.sqlite"),
                _("WKUS backup (*.sqlite)"),
            )
        if target is None:
            return

        def done(result: Any) -> None:
            p = result.preview
            self._report(
                _("Backup written and verified: {path}").format(path=result.path)
                + "\n"
                + _("Organisations: {count}, contracts: {contracts}, reports: {reports}").format(
                    count=p.organisations, contracts=p.contracts, reports=p.documents
                )
            )

        self._run("backup", _("Writing and verifying the backup\u2026"), lambda: manual_backup(db, target), done)

    # ---- restore --------------------------------------------------------------------------

    def restore(self, source: Path | None = None) -> None:
        """ "Przywróć z kopii…": pick a file, preview it, confirm, keep the current database, swap."""
        from app.core.backup import inspect_backup

        if self._refused_on_server(_("Restoring from a backup")):
            return

        if source is None:
            source = self.choose_open(
                _("Restore from backup"),
                str(restore_folder(getattr(self.window, "settings", None), self.window.db)),
                _("WKUS backup (*.sqlite *.db);;All files (*)"),
            )
        if source is None:
            return
        settings = getattr(self.window, "settings", None)
        if settings is not None:  # saved with the window's settings when it closes
            settings.last_restore_folder = str(source.parent)
        self._run(
            "restore-preview", _("Checking the backup\u2026"), lambda: inspect_backup(source), self._confirm_restore
        )

    def _confirm_restore(self, preview: Any) -> None:
        from app.core.backup import restore
        from app.ui.dialogs.data_restore import RestorePreviewDialog

        dialog = RestorePreviewDialog(preview, self._db_path(), self.parent_widget())
        if not self.exec_dialog(dialog):
            self._status(_("Restore cancelled; nothing was changed."))
            return
        db_path = self._db_path()
        # every connection of the app must be closed before the files are swapped
        self.window.db.dispose()

        def done(result: Any) -> None:
            self.window.reopen_database()
            text = _("Restored {path} from the backup.").format(path=db_path)
            if result.previous_copy is not None:
                text += "\n" + _("The database as it was before is kept in {path}").format(path=result.previous_copy)
            self._report(text)

        self._run(
            "restore",
            _("Restoring the backup\u2026"),
            lambda: restore(db_path, preview.path),
            done,
            lambda _message: self.window.reopen_database(),
        )

    # ---- export ---------------------------------------------------------------------------

    def export(self, kind: str, target: Path | None = None) -> None:
        text, suggested, file_filter = _exports()[kind]
        if target is None:
            target = self.choose_save(text.rstrip("\u2026"), str(documents_folder() / suggested), file_filter)
        if target is None:
            return
        db = self.window.db
        self._run("export", _("Exporting\u2026"), lambda: run_export(db, kind, target), self._report)

    # ---- imports --------------------------------------------------------------------------

    def import_organisations(self, source: Path | None = None) -> None:
        """Organisations from CSV/XLSX: preview with per-row errors; nothing written until confirmed."""
        from app.core.transfer.org_import import preview_import

        if source is None:
            source = self.choose_open(_("Import organisations"), str(Path.home()), _("Spreadsheets (*.csv *.xlsx)"))
        if source is None:
            return
        db = self.window.db
        self._run(
            "import-preview", _("Reading the file\u2026"), lambda: preview_import(db, source), self._confirm_org_import
        )

    def _confirm_org_import(self, preview: Any) -> None:
        from app.core.transfer.org_import import commit_import
        from app.ui.dialogs.data_import import OrgImportPreviewDialog

        dialog = OrgImportPreviewDialog(preview, self.parent_widget())
        if not self.exec_dialog(dialog):
            self._status(_("Import cancelled; nothing was written."))
            return
        db = self.window.db

        def done(result: Any) -> None:
            self._data_changed()
            self._report(
                ngettext("{count} organisation imported.", "{count} organisations imported.", result.created).format(
                    count=result.created
                )
            )

        self._run("import", _("Importing organisations\u2026"), lambda: commit_import(db, preview), done)

    def import_full(self, source: Path | None = None) -> None:
        """A full JSON export into this database, only when it is empty."""
        from app.core.transfer.full_json import database_has_data, import_file

        db = self.window.db
        if database_has_data(db):
            self._report(
                _(
                    "The full import only goes into an empty database, and this one already contains "
                    "data. Create a new database first, then import into it."
                ),
                error=True,
            )
            return
        if source is None:
            source = self.choose_open(_("Import all data"), str(Path.home()), _("WKUS export (*.json)"))
        if source is None:
            return

        def done(counts: dict[str, int]) -> None:
            self.window.reopen_database()
            self._report(_("Imported {rows} records into {path}").format(rows=sum(counts.values()), path=db.path))

        self._run("import-full", _("Importing all data\u2026"), lambda: import_file(db, source), done)

    # ---- checks, history, personal data ---------------------------------------------------

    def check_database(self) -> None:
        """ "Sprawdź bazę danych": integrity, references and the change log's hash chain."""
        from app.core.backup import full_check, newest_good_backup

        if self._refused_on_server(_("The check of the database file")):
            return
        db_path = self._db_path()

        def work() -> tuple[Any, Path | None]:
            report = full_check(db_path)
            return report, (newest_good_backup(db_path) if report.problems or report.schema_problems else None)

        self._run("check", _("Checking the database\u2026"), work, self._show_check)

    def _show_check(self, result: tuple[Any, Path | None]) -> None:
        from app.ui.dialogs.data_check import CheckResultDialog

        report, good = result
        self.last_message = report.summary()
        self._status(report.summary())
        dialog = CheckResultDialog(report, good, self.parent_widget())
        self.exec_dialog(dialog)
        if dialog.restore_requested and good is not None:
            self.restore(good)

    def contract_history(self, contract_id: int | None = None) -> None:
        from app.ui.dialogs.data_history import ContractHistoryDialog

        self.exec_dialog(ContractHistoryDialog(self.window.db, contract_id, self.parent_widget()))

    def personal_data(self) -> None:
        from app.ui.dialogs.data_personal import PersonalDataDialog

        dialog = PersonalDataDialog(self.window.db, self.parent_widget())
        dialog.data_changed.connect(self._data_changed)
        self.exec_dialog(dialog)


def _action(parent: QObject, text: str, slot: Callable[[], None], tip: str = "") -> QAction:
    action = QAction(text, parent)
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def _separate(menu: QMenu) -> None:
    """A separator, unless the menu is empty or already ends with one (no double lines)."""
    actions = menu.actions()
    if actions and not actions[-1].isSeparator():
        menu.addSeparator()


def add_data_actions(window: Any) -> DataActions:
    """Add the data actions to `window.file_menu` and `window.tools_menu`; returns the handler object
    (the window keeps it, e.g. as `window.data_actions`)."""
    handler = DataActions(window)
    a = handler.actions
    a["backup"] = _action(
        handler, _("Backup\u2026"), handler.backup, _("Save a verified copy of the database, e.g. on a USB stick")
    )
    a["restore"] = _action(
        handler,
        _("Restore from backup\u2026"),
        handler.restore,
        _("Replace the database by a backup (the current one is kept first)"),
    )
    file_menu: QMenu = window.file_menu
    _separate(file_menu)
    file_menu.addAction(a["backup"])
    file_menu.addAction(a["restore"])
    file_menu.addSeparator()
    export_menu = file_menu.addMenu(_("Export"))
    for kind, (text, _name, _filter) in _exports().items():
        a[f"export-{kind}"] = _action(handler, text, partial(handler.export, kind))
        export_menu.addAction(a[f"export-{kind}"])
    a["import-organisations"] = _action(
        handler,
        _("Import organisations from CSV/XLSX\u2026"),
        handler.import_organisations,
        _("Preview first; nothing is written until you confirm"),
    )
    a["import-full"] = _action(handler, _("Import all data (into an empty database)\u2026"), handler.import_full)
    file_menu.addAction(a["import-organisations"])
    file_menu.addAction(a["import-full"])
    for key in ("restore", "import-organisations", "import-full"):
        mark_writing(a[key])
    tools_menu: QMenu = window.tools_menu
    _separate(tools_menu)
    a["check"] = _action(
        handler, _("Check database"), handler.check_database, _("Check the database file and the change log")
    )
    a["history"] = _action(handler, _("Contract change history\u2026"), handler.contract_history)
    a["personal"] = _action(handler, _("Personal data (GDPR)\u2026"), handler.personal_data)
    for key in ("check", "history", "personal"):
        tools_menu.addAction(a[key])
    window.data_actions = handler
    return handler
