"""The manual-backup reminder at start: a bar above the views with "Zrób kopię teraz", never a
blocking box (the clerk came to do something else; the reminder must not stand in the way).

`show_backup_reminder(window)` is called once the main window is shown (app.ui.launch). The bar
disappears after a successful backup or when the clerk closes it; it comes back at the next start
while the last manual backup is older than 7 days (app.core.backup.reminder_message).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from app.core.i18n import _

log = logging.getLogger(__name__)


class BackupBanner(QFrame):
    """A yellow notice bar: the reminder's text, a button that starts the backup, a close button."""

    backup_requested = Signal()

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # palette roles keep it readable in the high-contrast palette too (ToolTipBase = a notice colour)
        self.setStyleSheet(
            "QFrame#backupBanner { background: palette(tool-tip-base); color: palette(tool-tip-text); "
            "border: 1px solid palette(mid); border-radius: 3px; }"
        )
        self.setAccessibleName(_("Backup reminder"))
        self.label = QLabel(text)
        self.label.setObjectName("backupReminderText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.backup_button = QPushButton(_("Back up now"))
        self.backup_button.setObjectName("backupNow")
        self.backup_button.setToolTip(_("Save a verified copy of the database, e.g. on a USB stick"))
        self.backup_button.clicked.connect(self.backup_requested)
        self.close_button = QToolButton()
        self.close_button.setObjectName("closeBanner")
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(_("Hide the reminder until the next start"))
        self.close_button.setAccessibleName(_("Hide the reminder"))
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.backup_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)


def show_backup_reminder(window: Any) -> BackupBanner | None:
    """Put the reminder above the window's views when a backup is due; None when it is not
    (a recent backup, an empty database with nothing to lose, or no data actions)."""
    from app.core.demo import database_is_empty
    from app.ui.data_actions import backup_reminder_text

    actions = getattr(window, "data_actions", None)
    if actions is None:
        return None
    try:
        if database_is_empty(window.db):
            return None
    except Exception:  # a reminder must never stop the program from starting
        log.warning("backup reminder: emptiness check failed", exc_info=True)
        return None
    text = backup_reminder_text(window)
    if not text:
        return None
    banner = BackupBanner(text)
    banner.backup_requested.connect(actions.backup)

    def finished(operation: str, ok: bool) -> None:
        if operation == "backup" and ok:
            banner.hide()

    actions.finished.connect(finished)
    window.add_notice(banner)
    window.status(text, 15000)
    return banner
