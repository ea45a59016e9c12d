"""Open a document the app wrote in the system's viewer; say where it is when that fails.

"Otwórz drogowskaz (PDF)" did nothing visible on a computer without a PDF viewer (issue 15): the
file was there, the clerk did not know it. When the system cannot open the file, a message names
the file and offers to open its folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.i18n import _


def _open_url(url: QUrl) -> bool:
    """The system's "open" (a module global, so tests can stand in for the system)."""
    return bool(QDesktopServices.openUrl(url))


def open_document(parent: QWidget | None, path: Path) -> bool:
    """Show `path` in the system's viewer; True when the system took it."""
    if _open_url(QUrl.fromLocalFile(str(path))):
        return True
    box = QMessageBox(
        QMessageBox.Icon.Information,
        _("The file could not be opened"),
        _(
            "The document was saved, but this computer has no program to open it "
            "(for a PDF: a PDF viewer, e.g. the web browser).\n\nThe file is here:\n{path}"
        ).format(path=path),
        parent=parent,
    )
    folder = box.addButton(_("Open the folder"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(_("Close"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(folder)
    show_box(box)
    if box.clickedButton() is folder:
        _open_url(QUrl.fromLocalFile(str(path.parent)))
    return False


def show_box(box: QMessageBox) -> None:
    box.exec()
