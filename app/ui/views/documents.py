""" "Dokumenty": pick a document and its scope, build it in the background, preview its pages,
print them with the system print dialog, save or open it in the system viewer.

Preview and printing render pages with PDFium (app.core.documents.render; PySide6-Essentials has
no QtPdf), one page at a time, so a long report neither waits nor fills memory.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.db.engine import Database
from app.core.documents.catalogue import DocumentRequest
from app.core.documents.common import DocumentResult
from app.core.documents.kinds import KINDS, DocumentKind, kind
from app.core.errors import UserFacingError, os_reason
from app.core.i18n import _, ngettext
from app.ui.workers import Job, run_in_background

log = logging.getLogger(__name__)


def _build(db: Database, request: DocumentRequest) -> DocumentResult:
    """Runs in a worker thread (charts and long tables take seconds)."""
    from app.core.documents.catalogue import build

    return build(db, request)


def output_folder() -> Path:
    from app.paths import user_data_dir

    folder = user_data_dir() / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class DocumentsWidget(QWidget):
    """Document picker, scope fields, build button, result panel."""

    built = Signal(object)  # DocumentResult, for tests and the status bar

    def __init__(self, db: Database | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.result: DocumentResult | None = None
        self._job: Job | None = None
        title = QLabel(_("Documents"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)

        self.kind = QComboBox()
        for k in KINDS:
            if not k.needs_answers:  # the signpost is printed from the wizard, which holds its answers
                self.kind.addItem(_(k.label), k.code)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(dt.date.today().year - 1)
        self.contract = QComboBox()
        self.area = QComboBox()
        self.area.addItem(_("whole gmina"), None)
        from app.core.domain.enums import WkusArea

        for code, label in WkusArea.choices():
            self.area.addItem(label, code)
        self.fmt = QComboBox()
        self.fmt.addItem("PDF", "pdf")
        self.fmt.addItem(_("DOCX (editable)"), "docx")
        # Contract titles and area names are long: without this a combo asks for the width of its
        # longest item and the view no longer fits a 1366 px screen at 125 % scaling.
        for combo in (self.kind, self.contract, self.area):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(18)
        form = QFormLayout()
        form.addRow(_("Document"), self.kind)
        form.addRow(_("Year"), self.year)
        form.addRow(_("Contract"), self.contract)
        form.addRow(_("Area"), self.area)
        form.addRow(_("Format"), self.fmt)

        self.build_button = QPushButton(_("Build document"))
        self.build_button.clicked.connect(self.build)
        self.open_button = QPushButton(_("Open in the system viewer"))
        self.open_button.clicked.connect(self.open_in_viewer)
        self.save_button = QPushButton(_("Save as…"))
        self.save_button.clicked.connect(self.save_as)
        buttons = QGridLayout()  # two rows: the three buttons side by side are wider than a narrow pane
        buttons.addWidget(self.build_button, 0, 0)
        buttons.addWidget(self.save_button, 0, 1)
        buttons.addWidget(self.open_button, 1, 0, 1, 2)
        buttons.setColumnStretch(2, 1)
        from app.ui.views.comparison_box import ComparisonBox

        self.comparison = ComparisonBox(self._own_gmina(), db=self.db)
        self.comparison.build_requested.connect(self.build_comparison)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.missing = QListWidget()
        self.missing.setAccessibleName(_("Missing data"))
        self.missing.setWordWrap(True)

        from app.ui.widgets.pdf_preview import PdfPreview

        self.preview = PdfPreview()
        self.print_button = self.preview.print_button  # "Drukuj…" sits above the pages it prints
        self.print_button.clicked.connect(self.print_document)

        left = QWidget()
        side = QVBoxLayout(left)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(title)
        side.addLayout(form)
        side.addLayout(buttons)
        side.addWidget(self.comparison)
        side.addWidget(self.status)
        side.addWidget(QLabel(_("What the document reports as missing:")))
        side.addWidget(self.missing, 1)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([2 * self.splitter.widget(0).sizeHint().width(), 3 * 300])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self._kind_code = ""
        self.kind.currentIndexChanged.connect(self._update_fields)
        self._load_contracts()
        self._update_fields()
        self._set_result_buttons(False)

    # ---- state ---------------------------------------------------------------------------------

    def _load_contracts(self) -> None:
        self.contract.clear()
        if self.db is None:
            return
        from app.core.documents.data import contracts

        with self.db.session() as s:
            for c in contracts(s):
                self.contract.addItem(f"{c.number} — {c.title}" if c.number else c.title, c.id)

    def _own_gmina(self) -> str:
        if self.db is None:
            return ""
        from app.core.services.gmina import get_gmina

        try:
            profile = get_gmina(self.db)
        except UserFacingError:
            return ""
        return profile.name.strip() if profile is not None else ""

    def _current_kind(self) -> DocumentKind:
        return kind(self.kind.currentData())

    def _update_fields(self) -> None:
        """Each field is enabled exactly when the chosen kind's entry in KINDS takes it."""
        k = self._current_kind()
        self.year.setEnabled(k.takes_year)
        if k.current_year_first and self._kind_code != k.code:
            self.year.setValue(dt.date.today().year)  # e.g. commitments start with the current budget year
        self._kind_code = k.code
        self.contract.setEnabled(k.takes_contract)
        self.area.setEnabled(k.takes_area)
        self.fmt.setEnabled(k.docx)
        if not k.docx:
            self.fmt.setCurrentIndex(0)

    def _set_result_buttons(self, enabled: bool) -> None:
        self.open_button.setEnabled(enabled)
        self.save_button.setEnabled(enabled)

    def request(self) -> DocumentRequest:
        k = self._current_kind()
        fmt = self.fmt.currentData() if k.docx else "pdf"
        contract_id = self.contract.currentData() if self.contract.isEnabled() else None
        if k.takes_area and self.area.currentData() and not k.needs_contract:
            contract_id = None  # an area report covers all its contracts
        year = self.year.value() if self.year.isEnabled() else None
        out = output_folder() / f"{k.code}-{year or 'all'}{'-' + str(contract_id) if contract_id else ''}.{fmt}"
        return DocumentRequest(
            kind=k.code,
            out_path=out,
            year=year,
            contract_id=contract_id,
            area=self.area.currentData() if self.area.isEnabled() else None,
            fmt=fmt,
        )

    # ---- actions -------------------------------------------------------------------------------

    def build(self) -> None:
        if self.db is None:
            return
        req = self.request()
        if self._current_kind().needs_contract and req.contract_id is None:
            QMessageBox.information(self, _("Documents"), _("There are no contracts to print this document for."))
            return
        self._start_building()
        db = self.db
        # kept until the job reports
        self._job = run_in_background(
            lambda: _build(db, req),
            self._done,
            self._failed,
            owner=self,
            failure=_("The document could not be built because of an unexpected error. Details are in the log."),
            what=f"building {req.kind}",
        )

    def build_comparison(self, files: list[Path], gmina: str) -> None:
        """The regional comparison from the exchange files alone (no database), shown like any document."""
        self._start_building()
        out = output_folder() / "comparison.pdf"

        def work() -> DocumentResult:
            from app.core.documents.comparison import build_comparison

            return build_comparison(files, gmina, out)

        self._job = run_in_background(
            work,
            self._done,
            self._failed,
            owner=self,
            failure=_("The document could not be built because of an unexpected error. Details are in the log."),
            what="building the comparison",
        )

    def _start_building(self) -> None:
        self.build_button.setEnabled(False)
        self.comparison.build_button.setEnabled(False)
        self._set_result_buttons(False)
        self.status.setText(_("Building the document…"))
        self.missing.clear()
        self.preview.clear(_("Building the document…"))

    def _done(self, result: DocumentResult) -> None:
        self._job = None
        self.result = result
        self.build_button.setEnabled(True)
        self.comparison.build_button.setEnabled(True)
        self._set_result_buttons(True)
        pages = (
            ngettext("{n} page", "{n} pages", result.pages).format(n=result.pages)
            if result.pages
            else _("editable document")
        )
        self.status.setText(_("Built: {path} ({pages}).").format(path=result.path, pages=pages))
        if result.path.suffix.lower() == ".pdf":
            self.preview.set_document(result.path)
        else:
            self.preview.clear(_("An editable document has no preview here; open it in the word processor."))
        if result.missing:
            self.missing.addItems(result.missing)
        else:
            self.missing.addItem(_("Nothing is missing."))
        self.built.emit(result)

    def _failed(self, message: str) -> None:
        self._job = None
        self.build_button.setEnabled(True)
        self.comparison.build_button.setEnabled(True)
        self.status.setText(message)
        QMessageBox.warning(self, _("Documents"), message)

    def print_document(self) -> None:
        """The system print dialog, then the chosen pages rendered one by one (see pdf_print)."""
        if self.result is None or self.result.path.suffix.lower() != ".pdf":
            return
        from app.ui.widgets.pdf_print import print_with_dialog

        printed = print_with_dialog(self.result.path, self, current_page=self.preview.index)
        if printed:
            self.status.setText(
                ngettext("{n} page sent to the printer.", "{n} pages sent to the printer.", printed).format(n=printed)
            )

    def open_in_viewer(self) -> None:
        if self.result is not None:
            from app.ui.widgets.open_file import open_document

            open_document(self, self.result.path)

    def save_as(self) -> None:
        if self.result is None:
            return
        suffix = self.result.path.suffix
        target, _filter = QFileDialog.getSaveFileName(
            self, _("Save document"), str(Path.home() / self.result.path.name), f"*{suffix}"
        )
        if not target:
            return
        try:
            shutil.copyfile(self.result.path, target)
        except OSError as exc:
            log.warning("saving %s as %s failed: %s", self.result.path, target, exc)
            QMessageBox.warning(
                self,
                _("Documents"),
                _("The file could not be saved as {path}: {reason}.").format(path=target, reason=os_reason(exc)),
            )
            return
        self.status.setText(_("Saved as {path}.").format(path=target))
