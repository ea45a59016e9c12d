"""Restore preview: what the chosen backup holds, before the clerk confirms replacing the database."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.core.backup import BackupPreview
from app.core.i18n import _, format_datetime, format_decimal


def _size_text(size: int) -> str:
    if size < 1_048_576:
        return _("{size} kB").format(size=format_decimal(Decimal(size) / 1024, 0))
    return _("{size} MB").format(size=format_decimal(Decimal(size) / 1_048_576, 1))


class RestorePreviewDialog(QDialog):
    """Gmina, dates and counts of the backup; "Restore" is the only way to go on (Esc cancels)."""

    def __init__(self, preview: BackupPreview, db_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(_("Restore from backup"))
        intro = QLabel(
            _(
                "Check that this is the backup you want. The current database will be replaced by it; "
                "a copy of the current database is made first, so this step can be undone."
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        self.values: dict[str, QLabel] = {}

        def row(key: str, label: str, value: str) -> None:
            shown = QLabel(value)
            shown.setWordWrap(True)
            shown.setObjectName(key)
            self.values[key] = shown
            form.addRow(label, shown)

        row("file", _("File:"), str(preview.path))
        row("gmina", _("Gmina:"), preview.gmina_name or "—")
        row("written", _("Backup made:"), format_datetime(preview.written_at))
        row(
            "last_change",
            _("Last change in it:"),
            format_datetime(preview.last_change) if preview.last_change else _("no changes recorded"),
        )
        row("organisations", _("Organisations:"), str(preview.organisations))
        row("contracts", _("Contracts:"), str(preview.contracts))
        row("documents", _("Reports received:"), str(preview.documents))
        row("size", _("Size:"), _size_text(preview.size_bytes))
        if db_path is not None:
            row("target", _("Database replaced:"), str(db_path))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton(_("Restore this backup"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
