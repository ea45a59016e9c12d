"""Ustawienia → Serwer biura: the office server's address typed in parts, a connection test, and the
password kept in the system's password store (app/core/db/credentials.py), never in the settings."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import UserFacingError
from app.core.i18n import _
from app.ui.workers import Job, run_in_background


class ServerDialog(QDialog):
    def __init__(self, address: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Office server"))
        self.setMinimumWidth(480)
        self.host = QLineEdit()
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit()
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        for widget, name in (
            (self.host, _("Server computer")),
            (self.port, _("Port")),
            (self.database, _("Database")),
            (self.user, _("User")),
            (self.password, _("Password")),
        ):
            widget.setAccessibleName(name)
        self._fill(address)
        self.test_button = QPushButton(_("&Test the connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.test_result = QLabel("")
        self.test_result.setWordWrap(True)
        self.test_result.setObjectName("serverTestResult")
        form = QFormLayout()
        form.addRow(_("Server computer:"), self.host)
        form.addRow(_("Port:"), self.port)
        form.addRow(_("Database:"), self.database)
        form.addRow(_("User:"), self.user)
        form.addRow(_("Password:"), self.password)
        note = QLabel(
            _(
                "The password is kept in the system's password store, never in the program's settings. "
                "Leave it empty if the administrator set up a .pgpass file or PGPASSWORD."
            )
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.test_button)
        layout.addWidget(self.test_result)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self._job: Job | None = None
        #: the address chosen (no password), set by accept()
        self.chosen = ""

    def _fill(self, address: str) -> None:
        from app.core.db.address import is_server_url

        if not is_server_url(address):
            return
        from app.core.db.server import server_url

        try:
            url = server_url(address)
        except UserFacingError:
            return
        self.host.setText(url.host or "")
        self.port.setValue(url.port or 5432)
        self.database.setText(url.database or "")
        self.user.setText(url.username or "")

    def address(self, password: str | None = None) -> str:
        """The address typed, checked; a UserFacingError names the missing field."""
        for widget, name in ((self.host, _("Server computer")), (self.database, _("Database")), (self.user, _("User"))):
            if not widget.text().strip():
                widget.setFocus()
                raise UserFacingError(_("{field}: fill it in.").format(field=name))
        from app.core.db.server import compose_address

        return compose_address(
            self.host.text().strip(),
            self.port.value(),
            self.database.text().strip(),
            self.user.text().strip(),
            password,
        )

    def test_connection(self) -> None:
        try:
            address = self.address(self.password.text() or None)
        except UserFacingError as exc:
            self.test_result.setText(exc.message)
            return
        self.test_button.setEnabled(False)
        self.test_result.setText(_("Connecting…"))

        def connect() -> str:
            from app.core.db.engine import open_server_database

            db = open_server_database(address, migrate=False)
            db.dispose()
            return db.where

        def done(where: str) -> None:
            self._job = None
            self.test_button.setEnabled(True)
            self.test_result.setText(_("Connected: {where}.").format(where=where))

        def failed(message: str) -> None:
            self._job = None
            self.test_button.setEnabled(True)
            self.test_result.setText(message)

        self._job = run_in_background(connect, done, failed, owner=self, what="server connection test")

    def accept(self) -> None:
        try:
            address = self.address()
        except UserFacingError as exc:
            QMessageBox.warning(self, _("Office server"), exc.message)
            return
        if self.password.text():
            from app.core.db.credentials import store_password_for

            if not store_password_for(address, self.password.text()):
                QMessageBox.information(
                    self,
                    _("Office server"),
                    _(
                        "This computer has no password store, so the password was not kept. Ask the administrator "
                        "to set up a .pgpass file (or PGPASSWORD) for this user."
                    ),
                )
        self.chosen = address
        super().accept()
