"""Small dialogs of the contract editor: a report (partial / annual / final) and an art. 17 control.

Each saves with one service call (save_report / save_control) on the already stored contract;
the report passes the law check (e.g. a partial-report call with less than 30 days is refused).
"""

from __future__ import annotations

from typing import cast

from PySide6.QtWidgets import QLabel, QWidget

from app.core.db.engine import Database
from app.core.domain.enums import ControlKind, ReportKind
from app.core.domain.records import (
    ContractReportRecord,
    ControlInput,
    ControlRecord,
    ReportInput,
)
from app.core.errors import FieldError
from app.core.i18n import _
from app.core.services import contracts as service
from app.ui.widgets.fields import FieldSpec, SpinEditor, enum_choice
from app.ui.widgets.form import RecordDialog


def _none_for_zero(value: int) -> int | None:
    return value or None


class ReportDialog(RecordDialog):
    def __init__(
        self, db: Database, contract_id: int, report: ContractReportRecord | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Contract report") if report is None else _("Edit the report"), parent)
        self.db, self.contract_id, self.report = db, contract_id, report
        L = service.REPORT_LABELS
        self.kind = self.add_input(FieldSpec("kind", _(L["kind"]), "choice", required=True, **enum_choice(ReportKind)))
        # 0 is shown as "—" and means no year / no count (None for the service)
        self.budget_year = cast(
            SpinEditor,
            self.add_input(
                FieldSpec(
                    "budget_year", _(L["budget_year"]), "spin", maximum=2100, digit_groups=False, parse=_none_for_zero
                )
            ),
        )
        self.budget_year.box.setSpecialValueText("—")
        self.period_end = self.add_input(FieldSpec("period_end", _(L["period_end"]), "date"))
        self.call_delivered = self.add_input(
            FieldSpec(
                "call_delivered",
                _(L["call_delivered"]),
                "date",
                help=_(
                    "A partial report: at least 30 days from delivery (art. 18 ust. 3). An overdue annual or final "
                    "report: the day the call for it was delivered (ends the reminder)."
                ),
            )
        )
        self.due_date = self.add_input(FieldSpec("due_date", _(L["due_date"]), "date", required=True))
        self.received_date = self.add_input(FieldSpec("received_date", _(L["received_date"]), "date"))
        self.accepted_date = self.add_input(FieldSpec("accepted_date", _(L["accepted_date"]), "date"))
        # the amounts go to the service as typed: it reads them (parse_money) and names a mistake
        self.cost_total = self.add_input(FieldSpec("cost_total", _(L["cost_total"]), "money"))
        self.cost_grant = self.add_input(FieldSpec("cost_grant", _(L["cost_grant"]), "money"))
        self.cost_admin = self.add_input(FieldSpec("cost_admin", _(L["cost_admin"]), "money"))
        self.recipients = self.add_input(
            FieldSpec("recipients", _(L["recipients"]), "spin", maximum=1_000_000, parse=_none_for_zero)
        )
        self.notes = self.add_input(FieldSpec("notes", _("Notes"), "textarea"))
        # a clerk with the report in hand looks for the results here: say where they go
        self.results_note = QLabel(
            _(
                "Achieved result values are not entered here: type them per budget year in the "
                "contract editor, tab \u201cPlanned results\u201d, column \u201cAchieved "
                "(year)\u201d."
            )
        )
        self.results_note.setWordWrap(True)
        self.results_note.setObjectName("results_note")
        self.body_layout.addWidget(self.results_note)
        if report is not None:
            for key, editor in self.editors.items():
                editor.set_value(getattr(report, key))
        self.resize(580, self.sizeHint().height())

    def collect(self) -> ReportInput:
        return ReportInput(**{key: editor.value() for key, editor in self.editors.items()})

    def validate(self, data: ReportInput) -> list[FieldError]:
        return service.validate_report(data)

    def save(self, data: ReportInput) -> ContractReportRecord:
        report_id = None if self.report is None else self.report.id
        return self.save_checked(
            lambda ack: service.save_report(
                self.db, self.contract_id, data, report_id, law_check=True, acknowledge_warnings=ack
            )
        )


class ControlDialog(RecordDialog):
    def __init__(
        self, db: Database, contract_id: int, control: ControlRecord | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Control (art. 17)") if control is None else _("Edit the control"), parent)
        self.db, self.contract_id, self.control = db, contract_id, control
        L = service.CONTROL_LABELS
        self.kind = self.add_input(FieldSpec("kind", _(L["kind"]), "choice", required=True, **enum_choice(ControlKind)))
        self.control_date = self.add_input(FieldSpec("control_date", _(L["control_date"]), "date", required=True))
        self.controllers = self.add_input(FieldSpec("controllers", _("Controllers"), "textarea", lines=2))
        self.scope = self.add_input(FieldSpec("scope", _("Scope of the control"), "textarea", lines=2))
        self.findings = self.add_input(FieldSpec("findings", _("Findings"), "textarea", lines=4))
        self.recommendations = self.add_input(FieldSpec("recommendations", _("Recommendations"), "textarea", lines=4))
        self.recommendations_due = self.add_input(FieldSpec("recommendations_due", _(L["recommendations_due"]), "date"))
        self.recommendations_done = self.add_input(
            FieldSpec("recommendations_done", _("Recommendations carried out"), "bool")
        )
        if control is not None:
            for key, editor in self.editors.items():
                editor.set_value(getattr(control, key))
        self.resize(620, self.sizeHint().height())

    def collect(self) -> ControlInput:
        return ControlInput(**{key: editor.value() for key, editor in self.editors.items()})

    def validate(self, data: ControlInput) -> list[FieldError]:
        return service.validate_control(data)

    def save(self, data: ControlInput) -> ControlRecord:
        control_id = None if self.control is None else self.control.id
        return service.save_control(self.db, self.contract_id, data, control_id)
