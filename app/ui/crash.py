"""Unexpected errors: a short Polish message with "Kopiuj szczegóły", the traceback in the log.

`install_excepthook()` replaces `sys.excepthook`. PySide6 hands exceptions raised in slots and
event handlers to that hook and then carries on, so the clerk sees the dialog and the program keeps
running where it can. A UserFacingError that slipped through is shown as the plain message it is.
"""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QThread
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, __version__
from app.core.errors import UserFacingError
from app.core.i18n import _

log = logging.getLogger(__name__)

#: the same error repeating (e.g. in a paint event) is shown once per this many occurrences
_REPEAT_LIMIT = 3


def error_details(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    """What "Kopiuj szczegóły" copies: versions and the traceback (no personal data beyond paths)."""
    head = f"{APP_NAME} {__version__} · Python {platform.python_version()} · {platform.platform()}"
    try:
        from PySide6 import __version__ as qt_version

        head += f" · PySide6 {qt_version}"
    except ImportError:  # pragma: no cover
        pass
    return head + "\n\n" + "".join(traceback.format_exception(exc_type, exc, tb))


class CrashDialog(QDialog):
    """Short message, optional details, and a button copying them for the support e-mail."""

    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.details = details
        self.setWindowTitle(_("Unexpected error"))
        self.setModal(True)
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(48, 48))
        # imported here: the hook is installed before the first paint, which needs no `Qt` (issue 18)
        from PySide6.QtCore import Qt

        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.message = QLabel(
            _(
                "Something went wrong in the program. Your saved data are safe and the program keeps running; "
                'the last action may not have been completed. If it happens again, click "Copy details" and '
                "send them to your IT support."
            )
        )
        self.message.setWordWrap(True)
        self.message.setMinimumWidth(420)
        self.text = QPlainTextEdit(details)
        self.text.setReadOnly(True)
        self.text.setVisible(False)
        self.text.setMinimumHeight(200)
        self.copy_button = QPushButton(_("Copy details"))
        self.copy_button.clicked.connect(self.copy_details)
        self.toggle_button = QPushButton(_("Show details"))
        self.toggle_button.setCheckable(True)
        self.toggle_button.toggled.connect(self._toggle)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.toggle_button, QDialogButtonBox.ButtonRole.ActionRole)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(_("Copied"))

    def _toggle(self, shown: bool) -> None:
        self.text.setVisible(shown)
        self.toggle_button.setText(_("Hide details") if shown else _("Show details"))
        self.adjustSize()


class ExceptionHandler:
    """The `sys.excepthook`: log, then tell the clerk; never raises itself."""

    def __init__(self) -> None:
        self._showing = False
        self._seen: dict[str, int] = {}
        self.last_dialog: CrashDialog | None = None
        #: tests set this to False to inspect `last_dialog` instead of blocking in exec()
        self.modal = True

    def __call__(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        try:
            self._handle(exc_type, exc, tb)
        except Exception:  # the handler must never raise (that would recurse into itself)
            log.exception("the error dialog itself failed")

    def _handle(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if isinstance(exc, UserFacingError):
            log.warning("unhandled user-facing error: %s", exc.message, exc_info=(exc_type, exc, tb))
        else:
            log.error("unexpected error", exc_info=(exc_type, exc, tb))
        app = QApplication.instance()
        if app is None or self._showing:
            return
        if QThread.currentThread() is not app.thread():
            return  # widgets only in the GUI thread; a worker's error is in the log (workers report their own)
        key = f"{exc_type.__name__}:{exc}"
        count = self._seen.get(key, 0) + 1
        self._seen[key] = count
        if count > 1 and count % _REPEAT_LIMIT != 1:
            return  # the same fault firing again and again would bury the clerk in dialogs
        parent = QApplication.activeWindow()
        self._showing = True
        try:
            if isinstance(exc, UserFacingError):
                QMessageBox.warning(parent, APP_NAME, exc.message)
                return
            dialog = CrashDialog(error_details(exc_type, exc, tb), parent)
            self.last_dialog = dialog
            if self.modal:
                dialog.exec()
            else:
                dialog.show()
        finally:
            self._showing = False


_handler: ExceptionHandler | None = None


def install_excepthook() -> ExceptionHandler:
    global _handler
    if _handler is None:
        _handler = ExceptionHandler()
    sys.excepthook = _handler
    return _handler
