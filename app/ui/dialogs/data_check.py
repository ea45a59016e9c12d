"""Result of "Sprawdź bazę danych": the file, the references between records and the change log."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.core.backup import IntegrityReport
from app.core.i18n import _, format_datetime

#: at most this many raw problems are listed (a badly damaged file can report thousands)
_SHOWN = 50


class CheckResultDialog(QDialog):
    """Shows the report; on damage offers the newest good backup (`restore_requested` after accept)."""

    def __init__(self, report: IntegrityReport, newest_good: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.newest_good = newest_good
        self.restore_requested = False
        self.setWindowTitle(_("Check database"))
        icon = QLabel()
        pixmap = QStyle.StandardPixmap.SP_DialogApplyButton if report.ok else QStyle.StandardPixmap.SP_MessageBoxWarning
        icon.setPixmap(self.style().standardIcon(pixmap).pixmap(40, 40))
        lines = [report.summary()]
        if report.audit_broken_at is not None and report.problems == ():
            lines.append(
                _("First altered entry of the change log: no. {id}. Entries before it are confirmed unchanged.").format(
                    id=report.audit_broken_at
                )
            )
        if report.problems or report.schema_problems:
            lines.append(
                _("Newest good backup: {path}").format(path=newest_good)
                if newest_good is not None
                else _("No good backup was found in the backup folder.")
            )
        lines.append(_("Checked: {when}").format(when=format_datetime(report.checked_at)))
        self.message = QLabel("\n\n".join(lines))
        self.message.setWordWrap(True)
        self.message.setMinimumWidth(460)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        details = (
            list(report.problems[:_SHOWN])
            + list(report.schema_problems[:_SHOWN])
            + list(report.tampering[:_SHOWN])
            + list(report.foreign_key_problems[:_SHOWN])
            + list(report.notes)
        )
        self.details: QPlainTextEdit | None = None
        if details:
            self.details = QPlainTextEdit("\n".join(details))
            self.details.setReadOnly(True)
            self.details.setMaximumHeight(160)
            layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = None
        if (report.problems or report.schema_problems) and newest_good is not None:
            self.restore_button = buttons.addButton(
                _("Restore the newest good backup\u2026"), QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.restore_button.clicked.connect(self._restore)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _restore(self) -> None:
        self.restore_requested = True
        self.accept()
