"""Wprowadź sprawozdanie z formularza…: typing a returned paper report form back in (market.md §5.8).

Built for the keyboard: the form ID first (Enter loads the contract's year), the received date,
then one box per planned result and per cost source (Enter moves down, the planned value is in the
label), Ctrl+Enter saves everything in one transaction (app.core.services.paper_reports). After a
save the dialog clears itself for the next paper; Esc closes it.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any, cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGroupBox, QLabel, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from app.core.db.engine import Database
from app.core.errors import FieldError, ValidationFailed
from app.core.i18n import _, format_date, format_decimal, format_money
from app.core.services import paper_reports as service
from app.ui.dialogs.paper_report_action import add_paper_report_action  # noqa: F401 - its home before
from app.ui.widgets.fields import DateEditor, FieldSpec, LineEditor
from app.ui.widgets.form import RecordDialog

log = logging.getLogger(__name__)

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class PaperReportDialog(RecordDialog):
    def __init__(
        self, db: Database, parent: QWidget | None = None, *, form_id: str = "", today: dt.date | None = None
    ) -> None:
        super().__init__(_("Enter a report from a paper form"), parent)
        self.setObjectName("paper_report_dialog")
        self.db, self.today = db, today
        self.draft: service.PaperReportDraft | None = None
        self.saved_count = 0
        # Enter belongs to the boxes (load, next box); only Ctrl+Enter saves
        self.ok_button.setDefault(False)
        self.ok_button.setAutoDefault(False)
        self.ok_button.setText(_("Save (Ctrl+Enter)"))
        self.ok_button.setToolTip(_("Ctrl+Enter saves; Esc closes without saving."))
        self.buttons.button(self.buttons.StandardButton.Cancel).setText(_("Close"))

        self.form_id = cast(
            LineEditor,
            self.add_input(
                FieldSpec(
                    "form_id",
                    _("Form ID"),
                    required=True,
                    placeholder=_("WKUS-…"),
                    help=_("As printed at the top of the form, e.g. WKUS-12-2025-47; Enter loads the contract."),
                )
            ),
        )
        self.received_date = cast(DateEditor, self.add_input(FieldSpec("received_date", _("Received on"), "date")))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("paper_summary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body_layout.addWidget(self.summary)  # under the ID and date: what the typed ID opened

        self.results_box = QGroupBox(_("Results achieved in the year"))
        self.results_form = self.new_form()
        self.results_box.setLayout(self.results_form)
        self.costs_box = QGroupBox(_("Actual costs by source"))
        self.costs_form = self.new_form()
        self.costs_box.setLayout(self.costs_form)
        grids = QWidget()
        grids_layout = QVBoxLayout(grids)
        grids_layout.setContentsMargins(0, 0, 0, 0)
        grids_layout.addWidget(self.results_box)
        grids_layout.addWidget(self.costs_box)
        grids_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(grids)
        self.body_layout.addWidget(scroll, 1)
        self.done_label = QLabel()
        self.done_label.setObjectName("paper_saved")
        self.done_label.setWordWrap(True)
        self.main_layout.insertWidget(self.main_layout.count() - 1, self.done_label)
        self.achieved_edits: dict[int, LineEditor] = {}
        self.cost_edits: dict[str, LineEditor] = {}
        self._set_loaded(False)
        self.resize(720, 640)
        if form_id:
            self.form_id.set_value(form_id)
            self.load()

    # ---- loading ------------------------------------------------------------------------------

    def _set_loaded(self, loaded: bool) -> None:
        for w in (self.received_date.widget, self.results_box, self.costs_box, self.ok_button):
            w.setEnabled(loaded)
        if not loaded:
            self.summary.setText(_("Type the form ID and press Enter."))

    def _clear_grids(self) -> None:
        for name in [n for n in self._fields if n.startswith(("achieved.", "cost."))]:
            del self._fields[name]
            self.editors.pop(name, None)
        for form in (self.results_form, self.costs_form):
            while form.rowCount():
                form.removeRow(0)
        self.achieved_edits.clear()
        self.cost_edits.clear()

    def load(self) -> bool:
        """Open the form whose ID is typed; errors go under the ID field."""
        try:
            draft = service.open_form(self.db, self.form_id.raw())
        except ValidationFailed as exc:
            self.draft = None
            self._clear_grids()
            self._set_loaded(False)
            self.show_errors(exc.errors)
            self.form_id.edit.setFocus()
            self.form_id.edit.selectAll()
            return False
        self.show_errors([])
        self.draft = draft
        self.form_id.set_value(draft.form_id)
        self._clear_grids()
        self.summary.setText(
            _("{number} \u2013 {title}\n{organisations}\n{kind} for {start} \u2013 {end}, due {due}").format(
                number=draft.contract_number or "\u2014",
                title=draft.contract_title,
                organisations=draft.organisations or "\u2014",
                kind=draft.report_kind.label[:1].upper() + draft.report_kind.label[1:],
                start=format_date(draft.period_start),
                end=format_date(draft.period_end),
                due=format_date(draft.due_date),
            )
        )
        self.received_date.set_value(draft.received_date or self.today or dt.date.today())
        for r in draft.results:
            planned = format_decimal(r.planned) + (" " + _("(whole contract)") if r.whole_contract else "")
            label = _("{name} [{unit}], planned {planned}").format(
                name=r.name, unit=r.unit or "\u2014", planned=planned
            )
            # the number goes to the service as typed: it reads it and names a mistake
            edit = cast(
                LineEditor,
                self.add_input(
                    FieldSpec(f"achieved.{r.planned_result_id}", label, "number", right_aligned=True, width=160),
                    form=self.results_form,
                ),
            )
            edit.set_value("" if r.achieved is None else format_decimal(r.achieved))
            self.achieved_edits[r.planned_result_id] = edit
        if not draft.results:
            self.results_form.addRow(QLabel(_("The contract has no planned results for this year.")))
        for c in draft.costs:
            label = _("{source}, planned {amount}").format(source=c.label, amount=format_money(c.planned))
            cost = cast(LineEditor, self.add_input(FieldSpec(f"cost.{c.key}", label, "money"), form=self.costs_form))
            cost.set_value(c.actual)
            self.cost_edits[c.key] = cost
        self._set_loaded(True)
        self._snapshot = self.collect()  # what the form holds now is stored data, not typing to lose
        self.received_date.input.setFocus()
        # typing "20112026" (or 20.11.2026) replaces the whole date
        self.received_date.edit.line.selectAll()
        return True

    # ---- keyboard -----------------------------------------------------------------------------

    def _chain(self) -> list[QWidget]:
        return [
            self.form_id.edit,
            self.received_date.edit.line,
            *(e.edit for e in self.achieved_edits.values()),
            *(e.edit for e in self.cost_edits.values()),
        ]

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in _ENTER:
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.try_save()
                return
            focus = self.focusWidget()
            chain = self._chain()
            if focus is self.form_id.edit:
                self.load()  # here, not on returnPressed: the same key must not also move on
                return
            if focus in chain:
                i = chain.index(focus)
                if i + 1 < len(chain):
                    following = chain[i + 1]
                    following.setFocus(Qt.FocusReason.TabFocusReason)
                    if isinstance(following, QLineEdit):
                        following.selectAll()
                else:
                    self.ok_button.setFocus()
                return
            if focus is self.ok_button:
                self.try_save()
                return
            return  # never let a bare Enter save half-typed paper
        super().keyPressEvent(event)

    # ---- RecordDialog -------------------------------------------------------------------------

    def collect(self) -> service.PaperReportInput:
        return service.PaperReportInput(
            received_date=self.received_date.value(),
            achieved={pid: edit.raw() for pid, edit in self.achieved_edits.items()},
            costs={key: edit.raw() for key, edit in self.cost_edits.items()},
        )

    def validate(self, data: service.PaperReportInput) -> list[FieldError]:
        if self.draft is None:
            return []
        return service.validate_form(self.draft, data, self.today)

    def save(self, data: service.PaperReportInput) -> Any:
        if self.draft is None or service.form_id_of(self.form_id.raw()) != self.draft.form_id:
            # the ID was changed after loading: load the new one first rather than save to the old
            raise ValidationFailed([FieldError("form_id", _("Form ID"), _("Press Enter to load this form first."))])
        draft = self.draft
        return self.save_checked(
            lambda ack: service.save_form(self.db, draft.form_id, data, acknowledge_warnings=ack, today=self.today)
        )

    def accept(self) -> None:
        """Saved: stay open for the next paper (Esc closes)."""
        record = self.saved_record
        self.saved_count += 1
        self.done_label.setText(_("Saved {id}. Type the next form ID.").format(id=record.form_id))
        self.draft = None
        self._clear_grids()
        self._set_loaded(False)
        self._snapshot = self.collect()  # saved: nothing left to ask about on Esc
        self.form_id.set_value("")
        self.form_id.edit.setFocus()
