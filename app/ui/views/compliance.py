""" "Zgodność z ustawą": every failed compliance check with what to do about it; double-click or Enter
opens the record to fix, on the tab that holds the problem."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.db.engine import Database
from app.core.errors import UserFacingError
from app.core.i18n import N_, _, ngettext
from app.core.law.types import Finding, Severity
from app.ui.read_only import set_writable
from app.ui.widgets.table_model import Column, RowTableModel, read_only_view

ERROR_COLOUR = QColor("#b00020")
MISSING_COLOUR = QColor("#555555")
#: the widest the "Concerns" column gets: the problem and what to do need the room (it wraps)
CONCERNS_MAX_WIDTH = 240

#: findings reported on a whole contract whose data sits on one of its tabs (named by the child
#: table, as ContractEditor.show_tab takes it); a finding on a child row names its tab by itself
_RULE_TABS = {"UMW-3": "tranche", "ZWR-1": "tranche", "SPR-1": "contract_report", "SPR-2": "contract_report"}


def tab_hint(finding: Finding) -> str:
    """The tab of the record's editor that holds what the finding is about ("" = the first one)."""
    if finding.record.entity in ("contract_report", "tranche", "control"):
        return finding.record.entity
    return _RULE_TABS.get(finding.rule_id, "")


def what_to_do(rule_id: str) -> str:
    """The rule's "what to do" from the law tables, translated ("" when the table has none)."""
    from app.core.law.data import law

    try:
        spec = law().rule(rule_id)
    except (KeyError, UserFacingError):
        return ""
    return _(spec.fix) if spec.fix else ""


def _severity(f: Finding) -> str:
    return _("data missing") if f.missing_data else f.severity.label


def _fix(f: Finding) -> str:
    # a rule that could not be judged needs the data first, not the rule's remedy
    return _("Fill in the data the problem names, then check again.") if f.missing_data else what_to_do(f.rule_id)


def _tooltip(f: Finding) -> str:
    fix = _fix(f)
    return f"{f.message}\n{fix}" if fix else f.message


def _colour(f: Finding) -> QColor | None:
    if f.missing_data:
        return MISSING_COLOUR
    return ERROR_COLOUR if f.severity is Severity.ERROR else None


def _column(header: str, value: Callable[[Finding], Any]) -> Column[Finding]:
    return Column(header, value, tooltip=_tooltip, foreground=_colour)


COLUMNS: list[Column[Finding]] = [
    _column(N_("Rule"), lambda f: f.rule_id),
    _column(N_("Severity"), _severity),
    _column(N_("Concerns"), lambda f: f.record.label),
    _column(N_("Problem"), lambda f: f.message),
    _column(N_("What to do"), _fix),
]


class ComplianceView(QWidget):
    record_requested = Signal(str, object)
    #: (entity, id, tab hint): the main window opens the record on that tab
    record_tab_requested = Signal(str, object, str)

    def __init__(self, db: Database | None = None, today: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today
        self.findings: list[Finding] = []
        title = QLabel(_("Compliance with the act"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        self.summary = QLabel()
        refresh = QPushButton(_("Check again"))
        refresh.clicked.connect(self.refresh)
        # an amendment of the act is installed as data, without a new release (issue 17)
        # what only the council and the budget decide (resolutions, the report day, planned grants)
        local = QPushButton(_("Council resolutions and budget\u2026"))
        local.clicked.connect(self.edit_local_law)
        set_writable(local, db)
        self.local_law_button = local
        install = QPushButton(_("Install updated law tables\u2026"))
        install.clicked.connect(lambda: self.install_law_tables())
        set_writable(install, db)
        self.model: RowTableModel[Finding] = RowTableModel(COLUMNS, self)
        self.table = read_only_view(self.model, _("Compliance with the act"), wrap_rows=True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        # double-click and Enter both arrive as `activated`
        self.table.activated.connect(lambda index: self._open_row(index.row(), index.column()))
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(local)
        top.addWidget(install)
        top.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        if db is not None:
            self.refresh()

    def refresh(self) -> None:
        from app.core.law.rules import check_all

        if self.db is None:
            return
        try:
            findings = check_all(self.db, self.today or dt.date.today())
        except UserFacingError as exc:
            QMessageBox.warning(self, _("Compliance with the act"), exc.message)
            return
        self.set_findings(findings)

    def set_findings(self, findings: list[Finding]) -> None:
        self.findings = list(findings)
        self.model.set_rows(self.findings)
        for col in (0, 1, 2):
            self.table.resizeColumnToContents(col)
        self.table.setColumnWidth(2, min(self.table.columnWidth(2), CONCERNS_MAX_WIDTH))
        self.table.resizeRowsToContents()
        errors = sum(1 for f in self.findings if f.severity is Severity.ERROR and not f.missing_data)
        if not self.findings:
            self.summary.setText(_("No problems found."))
        else:
            self.summary.setText(
                ngettext("{n} problem", "{n} problems", len(self.findings)).format(n=len(self.findings))
                + " · "
                + ngettext("{n} error", "{n} errors", errors).format(n=errors)
            )

    # ---- installing updated law tables (tests override choose_file / exec_dialog / inform) --------

    def edit_local_law(self) -> None:
        from app.ui.dialogs.local_law import LocalLawDialog

        if self.db is not None and self.exec_dialog(LocalLawDialog(self.db, parent=self)):
            self.refresh()

    def choose_file(self) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name, _filter = QFileDialog.getOpenFileName(
            self, _("Install updated law tables"), "", _("Law tables (*.toml);;All files (*)")
        )
        return Path(name) if name else None

    def exec_dialog(self, dialog: QDialog) -> bool:
        return dialog.exec() == QDialog.DialogCode.Accepted

    def inform(self, text: str, warning: bool = False) -> None:
        box = QMessageBox.warning if warning else QMessageBox.information
        box(self, _("Install updated law tables"), text)

    def install_law_tables(self, source: Path | None = None) -> bool:
        """Pick a table file, show what it changes, install it on confirmation; True when installed."""
        from app.core.law.install import install_law, preview_law_file
        from app.ui.dialogs.law_install import LawInstallDialog

        source = source or self.choose_file()
        if source is None:
            return False
        try:
            preview = preview_law_file(source)
        except UserFacingError as exc:
            self.inform(exc.message, warning=True)
            return False
        if not preview.changes:
            self.inform(_("The file changes nothing in the tables in use."))
            return False
        if not self.exec_dialog(LawInstallDialog(preview, self)):
            return False
        try:
            path = install_law(preview)
        except UserFacingError as exc:
            self.inform(exc.message, warning=True)
            return False
        self.inform(_("Installed {path}; the checks use it from now on.").format(path=path))
        self.refresh()
        return True

    def _open_row(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.findings):
            finding = self.findings[row]
            self.record_tab_requested.emit(finding.record.entity, finding.record.id, tab_hint(finding))
