"""Ustawienia: interface language and the database file (both take effect after a restart), and the
backup folder when the settings know one. Saved to the settings file on OK; Esc changes nothing.
"""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import _
from app.core.settings import UserSettings, save_settings

#: language code -> its own name (shown untranslated: a clerk looks for her language by its name)
LANGUAGE_NAMES = {"pl": "Polski", "en": "English"}
#: settings fields that may name the folder for automatic backups (added by the backup feature)
BACKUP_FOLDER_FIELDS = ("backup_folder", "backup_dir")


def backup_field(settings: UserSettings) -> str | None:
    names = {f.name for f in fields(settings)}
    return next((n for n in BACKUP_FOLDER_FIELDS if n in names), None)


class SettingsDialog(QDialog):
    def __init__(
        self, settings: UserSettings, db_path: Path | str, parent: QWidget | None = None, *, persist: bool = True
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        from app.core.db.address import is_server_url

        #: what is open now, as messages name it (a server without its password)
        self.db_path: Path | str = str(db_path) if is_server_url(str(db_path)) else Path(db_path)
        if isinstance(self.db_path, str):
            from app.core.db.server import describe, server_url

            self.db_path = describe(server_url(self.db_path))
        self.persist = persist
        #: the clerk chose "Uruchom ponownie teraz" after changing the language or the database
        self.restart_now = False
        self.setWindowTitle(_("Settings"))
        self.setMinimumWidth(560)

        self.language = QComboBox()
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        index = self.language.findData(settings.language if settings.language in LANGUAGE_NAMES else "pl")
        self.language.setCurrentIndex(max(index, 0))

        from app.paths import default_db_path

        self.default_db = default_db_path()
        self.database = QLineEdit(settings.last_database or str(self.default_db))
        self.database.setReadOnly(True)
        self.database.setCursorPosition(0)
        choose = QPushButton(_("Choose…"))
        choose.clicked.connect(self._choose_database)
        default = QPushButton(_("Default"))
        default.setToolTip(str(self.default_db))
        default.clicked.connect(lambda: self.database.setText(str(self.default_db)))
        server = QPushButton(_("Office server…"))
        server.setToolTip(_("A database on the office's PostgreSQL server, shared by several clerks"))
        server.clicked.connect(self._choose_server)
        db_row = QHBoxLayout()
        db_row.addWidget(self.database, 1)
        db_row.addWidget(choose)
        db_row.addWidget(server)
        db_row.addWidget(default)

        self.high_contrast = QCheckBox(_("High contrast (white on black)"))
        self.high_contrast.setChecked(settings.high_contrast)

        form = QFormLayout()
        form.addRow(_("Interface language:"), self.language)
        form.addRow(_("Appearance:"), self.high_contrast)
        self.database_label = QLabel()
        form.addRow(self.database_label, db_row)
        # the label names what the field holds: a file, or an office server's address (issue 19)
        self.database.textChanged.connect(self._name_database)
        self._name_database()
        current = QLabel(_("Open now: {path}").format(path=self.db_path))
        current.setWordWrap(True)
        current.setStyleSheet("color: palette(dark);")
        form.addRow("", current)

        self.backup_field = backup_field(settings)
        self.backup: QLineEdit | None = None
        if self.backup_field is not None:
            from app.paths import backup_dir

            self.backup = QLineEdit(str(getattr(settings, self.backup_field) or backup_dir()))
            self.backup.setReadOnly(True)
            self.backup.setAccessibleName(_("Folder for automatic backups"))
            choose_backup = QPushButton(_("Choose…"))
            choose_backup.clicked.connect(self._choose_backup)
            backup_row = QHBoxLayout()
            backup_row.addWidget(self.backup, 1)
            backup_row.addWidget(choose_backup)
            form.addRow(_("Folder for automatic backups:"), backup_row)

        note = QLabel(
            _(
                "A new language and another database file take effect after the program is restarted. "
                "Starting with --db PATH opens another file only for that session."
            )
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addStretch(1)
        layout.addWidget(buttons)

    def _choose_database(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self,
            _("Database file"),
            self.database.text(),
            _("WKUS databases (*.sqlite *.db);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,  # choosing an existing database opens it
        )
        if name:
            self.database.setText(name)
            self.database.setCursorPosition(0)

    def _choose_server(self) -> None:
        from app.ui.dialogs.server_dialog import ServerDialog

        dialog = ServerDialog(self.database.text(), self)
        self.server_dialog = dialog  # reachable while it runs (tests, accessibility tools)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.database.setText(dialog.chosen)
            self.database.setCursorPosition(0)

    def _name_database(self) -> None:
        from app.core.db.address import is_server_url

        server = is_server_url(self.database.text().strip())
        self.database_label.setText(_("Database server:") if server else _("Database file:"))
        self.database.setAccessibleName(_("Database server address") if server else _("Database file"))

    def _choose_backup(self) -> None:
        assert self.backup is not None
        folder = QFileDialog.getExistingDirectory(self, _("Folder for automatic backups"), self.backup.text())
        if folder:
            self.backup.setText(folder)

    def chosen_language(self) -> str:
        return str(self.language.currentData())

    def accept(self) -> None:
        language = self.chosen_language()
        database = self.database.text().strip()
        old_language, old_database = self.settings.language, self.settings.last_database
        self.settings.language = language
        # the default file is remembered as "" so a moved data folder (WKUS_DATA_DIR) keeps working
        from app.core.db.address import is_server_url

        self.settings.last_database = (
            database if is_server_url(database) else "" if Path(database) == self.default_db else database
        )
        if self.backup is not None and self.backup_field is not None:
            setattr(self.settings, self.backup_field, self.backup.text())
        if self.high_contrast.isChecked() != self.settings.high_contrast:
            self.settings.high_contrast = self.high_contrast.isChecked()
            app = QApplication.instance()
            if isinstance(app, QApplication):
                from app.ui.theme import apply_palette

                apply_palette(app, self.settings.high_contrast)  # at once: no restart needed
        if self.persist:
            try:
                save_settings(self.settings)
            except OSError as exc:
                QMessageBox.warning(
                    self, _("Settings"), _("The settings could not be saved: {reason}").format(reason=exc)
                )
                return
        changed = language != old_language or self.settings.last_database != old_database
        if changed:
            self.restart_now = self.ask_restart()
        super().accept()

    def ask_restart(self) -> bool:
        """ "Uruchom ponownie teraz" or later: True for now (the main window then closes and starts again)."""
        box = QMessageBox(
            QMessageBox.Icon.Information,
            _("Settings"),
            _("The changes will take effect after the program is restarted."),
            parent=self,
        )
        now = box.addButton(_("Restart now"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("Later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(now)
        box.exec()
        return box.clickedButton() is now
