"""Installing updated law tables: what the chosen file changes, before the clerk confirms."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import _, format_date
from app.core.law.install import LawPreview


class LawInstallDialog(QDialog):
    """Every changed parameter with its old and new value and the date it comes into force;
    "Install" is the only way on (Esc cancels, nothing is written)."""

    def __init__(self, preview: LawPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(_("Install updated law tables"))
        intro = QLabel(_("The file {path} ({table}) is valid. The checks will use these values from the dates "
                         "shown; earlier dates keep the values in force then.").format(
                             path=preview.source, table=preview.table))
        intro.setWordWrap(True)
        self.table = QTableWidget(len(preview.changes), 5)
        self.table.setAccessibleName(_("Changes in the law tables"))
        self.table.setHorizontalHeaderLabels([_("Rule"), _("What"), _("Now"), _("New"), _("In force from")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row, c in enumerate(preview.changes):
            when = format_date(c.in_force_from) if c.in_force_from else "—"
            for col, text in enumerate([c.where, c.what, c.old or "—", c.new or "—", when]):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.install_button = buttons.addButton(_("Install"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.install_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.setMinimumWidth(640)
