""" "Kreator": start a wizard, "Moje rozpoczęte kreatory" (resume, delete), the drogowskaz after finishing."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import UserFacingError
from app.core.i18n import N_, _, format_datetime
from app.core.wizards import sessions
from app.core.wizards.base import STAGES, FinishResult, WizardContext
from app.core.wizards.catalogue import WIZARDS, wizard
from app.ui.read_only import set_writable
from app.ui.widgets.open_file import open_document
from app.ui.widgets.table_model import Column, ColumnKind, PolishSortProxy, RowTableModel
from app.ui.wizards.dialog import KreatorDialog

log = logging.getLogger(__name__)

ENTITY_LABELS = {
    "task": N_("public task"),
    "procedure": N_("procedure"),
    "contract": N_("draft contract"),
    "programme": N_("cooperation programme"),
}


class WizardsView(QWidget):
    record_requested = Signal(str, object)
    #: ("contract_tools", contract id) after "Ocena roczna umowy": the tools view with the contract's card
    link_requested = Signal(str, object)
    data_changed = Signal()
    #: a FinishResult, after a wizard created its records (for tests and the status bar)
    finished = Signal(object)

    def __init__(self, db: Any, parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today
        self.current_dialog: KreatorDialog | None = None
        self.last_result: FinishResult | None = None
        self.last_signpost: Path | None = None
        lay = QVBoxLayout(self)
        title = QLabel("<h2>" + _("Wizard") + "</h2>", self)
        lay.addWidget(title)
        intro = QLabel(
            _(
                "The wizards walk you through the WKUS handbook step by step. Your answers are saved after "
                "every step; nothing is written to the registers until you finish."
            ),
            self,
        )
        intro.setWordWrap(True)
        lay.addWidget(intro)
        start_box = QGroupBox(_("Start a wizard"), self)
        slay = QVBoxLayout(start_box)
        self.start_buttons: dict[str, QPushButton] = {}
        for kind, defn in WIZARDS.items():
            row = QHBoxLayout()
            button = QPushButton(_(defn.title), start_box)
            button.setObjectName(f"start_{kind}")
            button.setMinimumWidth(230)
            button.clicked.connect(lambda _checked=False, k=kind: self.start_wizard(k))
            desc = QLabel(_(defn.description), start_box)
            desc.setWordWrap(True)
            row.addWidget(button)
            row.addWidget(desc, 1)
            slay.addLayout(row)
            self.start_buttons[kind] = button
        lay.addWidget(start_box)

        list_box = QGroupBox(_("My started wizards"), self)
        llay = QVBoxLayout(list_box)
        self.search = QLineEdit(list_box)
        self.search.setPlaceholderText(_("Search…"))
        self.search.setAccessibleName(_("Search started wizards"))
        self.search.setClearButtonEnabled(True)
        llay.addWidget(self.search)
        self.model: RowTableModel[sessions.SessionRow] = RowTableModel(
            [
                Column(N_("Wizard"), lambda r: r.wizard_title),
                Column(N_("Title"), lambda r: r.title),
                Column(N_("Stage"), lambda r: _(STAGES[r.stage]) if r.stage in STAGES else ""),
                Column(N_("Step"), lambda r: r.step_title),
                Column(N_("Saved"), lambda r: r.updated_at, ColumnKind.TEXT, formatter=lambda v: format_datetime(v)),
                Column(N_("State"), lambda r: _("finished") if r.finished else _("unfinished")),
            ],
            self,
        )
        self.proxy = PolishSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search.textChanged.connect(self.proxy.set_search_text)
        self.table = QTableView(list_box)
        self.table.setObjectName("sessions")
        self.table.setAccessibleName(_("Saved wizards"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # most recently saved first
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _i: self.resume_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        llay.addWidget(self.table, 1)
        self.empty = QLabel(_("No wizard started yet. Choose one above."), list_box)
        llay.addWidget(self.empty)
        buttons = QHBoxLayout()
        self.resume_button = QPushButton(_("Resume"), list_box)
        self.delete_button = QPushButton(_("Delete"), list_box)
        self.signpost_button = QPushButton(_("Drogowskaz (PDF)"), list_box)
        self.resume_button.clicked.connect(self.resume_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.signpost_button.clicked.connect(self.signpost_selected)
        for b in (self.resume_button, self.delete_button, self.signpost_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        llay.addLayout(buttons)
        lay.addWidget(list_box, 1)
        self.refresh()

    # ---- list ----------------------------------------------------------------------------------------

    def refresh(self) -> None:
        try:
            rows = sessions.list_sessions(self.db) if self.db is not None else []
        except UserFacingError as exc:
            self.show_error(exc.message)
            rows = []
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self._update_buttons()

    def selected(self) -> sessions.SessionRow | None:
        idx = self.table.currentIndex()
        if not idx.isValid():
            return None
        src: QModelIndex = self.proxy.mapToSource(idx)
        return self.model.row_at(src.row())

    def _update_buttons(self) -> None:
        row = self.selected()
        self.resume_button.setEnabled(row is not None and not row.finished)
        set_writable(self.delete_button, self.db, row is not None)
        self.signpost_button.setEnabled(row is not None and row.finished and row.kind == "commission")

    # ---- actions -------------------------------------------------------------------------------------

    def _ctx(self) -> WizardContext:
        return WizardContext(self.db, self.today or dt.date.today())

    def start_wizard(self, kind: str) -> KreatorDialog:
        return self._open(KreatorDialog(self.db, wizard(kind), ctx=self._ctx(), parent=self))

    def resume(self, session_id: int) -> KreatorDialog | None:
        try:
            state = sessions.load(self.db, session_id)
            defn = wizard(state.kind)
        except UserFacingError as exc:
            self.show_error(exc.message)
            return None
        return self._open(KreatorDialog(self.db, defn, state, ctx=self._ctx(), parent=self))

    def resume_selected(self) -> None:
        row = self.selected()
        if row is not None and not row.finished:
            self.resume(row.id)

    def delete_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        if not self.ask(
            _("Delete the started wizard \u201c{title}\u201d? The records it created stay in the registers.").format(
                title=row.title
            )
        ):
            return
        sessions.delete(self.db, row.id)
        self.refresh()

    def signpost_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        state = sessions.load(self.db, row.id)
        from app.core.wizards.commission import signpost_answers

        self.open_signpost(signpost_answers(state.answers, self._ctx().today))

    def _open(self, dialog: KreatorDialog) -> KreatorDialog:
        self.current_dialog = dialog
        dialog.saved.connect(lambda _sid: self.refresh())
        dialog.chapter_requested.connect(self.open_chapter)
        dialog.finished.connect(lambda code, d=dialog: self._closed(d, code))
        dialog.open()
        return dialog

    def _closed(self, dialog: KreatorDialog, code: int) -> None:
        self.refresh()
        if code == QDialog.DialogCode.Accepted and dialog.result_data is not None:
            self.last_result = dialog.result_data
            self.data_changed.emit()
            self.finished.emit(dialog.result_data)
            self.offer_result(dialog.result_data, dialog.state)

    def offer_result(self, result: FinishResult, state: Any = None) -> None:
        lines = [_("The wizard has finished.")]
        for entity, record_id in result.created.items():
            lines.append(_("Created: {what} no. {id}").format(what=_(ENTITY_LABELS.get(entity, entity)), id=record_id))
        lines += result.messages
        box = QMessageBox(QMessageBox.Icon.Information, _("Wizard"), "\n".join(lines), parent=self)
        # (label, callback) in the order the clerk needs them: the record to go on with first, then the PDF
        offers: list[tuple[str, Any]] = []
        for entity, label in (
            ("contract", N_("Open the created contract")),
            ("programme", N_("Open the created programme")),
        ):
            if entity in result.created:
                offers.append((_(label), lambda e=entity: self.record_requested.emit(e, result.created[e])))
                break
        evaluated = state.answers.get("contract_id") if state is not None and state.kind == "evaluation" else None
        if evaluated:
            offers.append(
                (
                    _("Show the contract's tools and indices"),
                    lambda: self.link_requested.emit("contract_tools", int(evaluated)),
                )
            )
        if result.signpost is not None:
            offers.append((_("Open the drogowskaz (PDF)"), lambda: self.open_signpost(result.signpost)))
        elif "programme" in result.created:
            offers.append(
                (_("Open the draft resolution (PDF)"), lambda: self.open_resolution(result.created["programme"]))
            )
        # Roles place the buttons by the platform's convention (Windows: accept, actions, then reject; GNOME
        # and macOS: reject before accept): the first offer is the default (AcceptRole, Enter), the others
        # ActionRole, "Close" RejectRole (Esc). Added in that order, so the focus order follows too.
        actions: dict[Any, Any] = {}
        for i, (label, callback) in enumerate(offers):
            button = box.addButton(
                label, QMessageBox.ButtonRole.AcceptRole if i == 0 else QMessageBox.ButtonRole.ActionRole
            )
            actions[button] = callback
            if i == 0:
                box.setDefaultButton(button)
        close = box.addButton(_("Close"), QMessageBox.ButtonRole.RejectRole)
        box.setEscapeButton(close)
        if not offers:
            box.setDefaultButton(close)
        box.finished.connect(lambda _c: actions.get(box.clickedButton(), lambda: None)())
        self.result_box = box
        box.open()

    def build_resolution_pdf(self, programme_id: int, out: Path | None = None) -> Path:
        from app.core.documents.resolution import build_resolution

        if out is None:
            from app.ui.views.documents import output_folder

            out = output_folder() / f"projekt-uchwaly-{programme_id}.pdf"
        build_resolution(self.db, out, programme_id=programme_id)
        return out

    def open_resolution(self, programme_id: int) -> None:
        try:
            path = self.build_resolution_pdf(programme_id)
        except UserFacingError as exc:
            self.show_error(exc.message)
            return
        open_document(self, path)

    def build_signpost_pdf(self, answers: dict[str, Any], out: Path | None = None) -> Path:
        from app.core.documents.signpost import answers_from_dict, build_signpost

        if out is None:
            from app.ui.views.documents import output_folder

            out = output_folder() / "drogowskaz-{stamp}.pdf".format(stamp=dt.datetime.now().strftime("%Y%m%d-%H%M%S"))
        build_signpost(self.db, answers_from_dict(answers), out)
        self.last_signpost = out
        return out

    def open_signpost(self, answers: dict[str, Any] | None) -> None:
        if not answers:
            return
        try:
            path = self.build_signpost_pdf(answers)
        except UserFacingError as exc:
            self.show_error(exc.message)
            return
        open_document(self, path)  # no PDF viewer: says where the file is and offers its folder

    def open_chapter(self, chapter_id: str) -> None:
        """The handbook chapter behind a step, in a window next to the wizard."""
        from app.ui.views.handbook import HandbookView

        dlg = QDialog(self.current_dialog or self)
        dlg.setWindowTitle(_("Handbook"))
        lay = QVBoxLayout(dlg)
        view = HandbookView(self.db, dlg)
        view.open_chapter(chapter_id)
        lay.addWidget(view)
        dlg.resize(900, 640)
        dlg.show()
        self.handbook_dialog = dlg

    # ---- message boxes (overridable in tests) ---------------------------------------------------------

    def ask(self, question: str) -> bool:
        return QMessageBox.question(self, _("Wizard"), question) == QMessageBox.StandardButton.Yes

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self, _("Wizard"), message)
