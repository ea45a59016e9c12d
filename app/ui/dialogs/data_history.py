"""A contract's change history from the audit log: pick the contract, read, print or save it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.change_history import ContractHistory, contract_history, history_text, write_history_csv
from app.core.db.engine import Database
from app.core.errors import UserFacingError
from app.core.i18n import _
from app.ui.widgets.form import keep_on_screen


class ContractHistoryDialog(QDialog):
    def __init__(self, db: Database, contract_id: int | None = None, parent: QWidget | None = None) -> None:
        from app.core.services.contracts import list_contracts

        super().__init__(parent)
        self.db = db
        self.history: ContractHistory | None = None
        self.setWindowTitle(_("Contract change history"))
        self.contract = QComboBox()
        self.contract.setMinimumContentsLength(40)
        for row in list_contracts(db):
            self.contract.addItem(f"{row.number or '—'} · {row.title} ({row.organisation_names})", row.id)
        if contract_id is not None and self.contract.findData(contract_id) >= 0:
            self.contract.setCurrentIndex(self.contract.findData(contract_id))
        self.contract.currentIndexChanged.connect(self.load)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #a40000; font-weight: bold;")
        self.warning.setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = buttons.addButton(_("Print\u2026"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = buttons.addButton(_("Save as\u2026"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.print_history)
        self.save_button.clicked.connect(self.save_history)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        contract_label = QLabel(_("&Contract:"))
        contract_label.setBuddy(self.contract)
        top.addWidget(contract_label)
        top.addWidget(self.contract, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.warning)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(860, 560)
        keep_on_screen(self)  # 860×560 is taller than 1366×768 at 150 % (911×512)
        if self.contract.count() == 0:
            self.text.setPlainText(_("There are no contracts in the database."))
        self.load()

    def load(self) -> None:
        contract_id = self.contract.currentData()
        self.history = None
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)
        if contract_id is None:
            return
        try:
            self.history = contract_history(self.db, int(contract_id))
        except UserFacingError as exc:
            self.text.setPlainText(exc.message)
            return
        self.text.setPlainText(history_text(self.history))
        broken = self.history.chain_broken_at
        self.warning.setVisible(broken is not None)
        if broken is not None:
            self.warning.setText(
                _(
                    "The change log was altered outside the program, starting at entry no. {id}: "
                    "this history may be incomplete."
                ).format(id=broken)
            )
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)

    def print_history(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        document = QTextDocument()
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        fixed.setPointSizeF(self.font().pointSizeF() * 0.9)  # relative to the clerk's font size
        document.setDefaultFont(fixed)
        document.setPlainText(self.text.toPlainText())
        document.print_(printer)

    def save_history(self, path: str | None = None) -> Path | None:
        """Save as text (.txt) or CSV (.csv), following the chosen name."""
        if self.history is None:
            return None
        if not path:
            path, _filter = QFileDialog.getSaveFileName(
                self,
                _("Save change history"),
                f"historia-umowy-{self.history.contract_id}.txt",
                _("Text (*.txt);;CSV (*.csv)"),
            )
        if not path:
            return None
        target = Path(path)
        try:
            if target.suffix.lower() == ".csv":
                write_history_csv(self.history, target)
            else:
                target.write_text(history_text(self.history), encoding="utf-8")
        except OSError as exc:
            QMessageBox.warning(
                self,
                _("Contract change history"),
                _("The file {path} could not be saved: {reason}").format(path=target, reason=exc),
            )
            return None
        return target
