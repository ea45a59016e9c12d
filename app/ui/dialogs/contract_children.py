"""Small dialogs of the contract editor: a report (partial / annual / final) and an art. 17 control.

Each saves with one service call (save_report / save_control) on the already stored contract;
the report passes the law check (e.g. a partial-report call with less than 30 days is refused).
"""

from __future__ import annotations

from typing import Any

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
from app.ui.widgets.form import DateEdit, EnumCombo, MoneyEdit, RecordDialog, checkbox, multiline, spin


def _money(value: Any) -> str:
    return "" if value is None else value


class ReportDialog(RecordDialog):
    def __init__(self, db: Database, contract_id: int, report: ContractReportRecord | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(_("Contract report") if report is None else _("Edit the report"), parent)
        self.db, self.contract_id, self.report = db, contract_id, report
        L = service.REPORT_LABELS
        self.kind = self.add_field("kind", _(L["kind"]), EnumCombo(ReportKind), required=True)
        self.budget_year = self.add_field("budget_year", _(L["budget_year"]), spin(2100, 0))
        self.budget_year.setSpecialValueText("—")
        self.budget_year.setGroupSeparatorShown(False)
        self.period_end = self.add_field("period_end", _(L["period_end"]), DateEdit())
        self.call_delivered = self.add_field("call_delivered", _(L["call_delivered"]), DateEdit(),
                                             hint=_("A partial report: at least 30 days from delivery (art. 18 "
                                                    "ust. 3). An overdue annual or final report: the day the call "
                                                    "for it was delivered (ends the reminder)."))
        self.due_date = self.add_field("due_date", _(L["due_date"]), DateEdit(), required=True)
        self.received_date = self.add_field("received_date", _(L["received_date"]), DateEdit())
        self.accepted_date = self.add_field("accepted_date", _(L["accepted_date"]), DateEdit())
        self.cost_total = self.add_field("cost_total", _(L["cost_total"]), MoneyEdit())
        self.cost_grant = self.add_field("cost_grant", _(L["cost_grant"]), MoneyEdit())
        self.cost_admin = self.add_field("cost_admin", _(L["cost_admin"]), MoneyEdit())
        self.recipients = self.add_field("recipients", _(L["recipients"]), spin(1_000_000))
        self.notes = self.add_field("notes", _("Notes"), multiline(3))
        # a clerk with the report in hand looks for the results here: say where they go
        self.results_note = QLabel(_("Achieved result values are not entered here: type them per budget year in the "
                                     "contract editor, tab \u201cPlanned results\u201d, column \u201cAchieved "
                                     "(year)\u201d."))
        self.results_note.setWordWrap(True)
        self.results_note.setObjectName("results_note")
        self.body_layout.addWidget(self.results_note)
        if report is not None:
            self.kind.set_value(report.kind)
            self.budget_year.setValue(report.budget_year or 0)
            for name in ("period_end", "call_delivered", "due_date", "received_date", "accepted_date"):
                getattr(self, name).set_value(getattr(report, name))
            for name in ("cost_total", "cost_grant", "cost_admin"):
                getattr(self, name).set_value(getattr(report, name))
            self.recipients.setValue(report.recipients or 0)
            self.notes.setPlainText(report.notes)
        self.resize(580, self.sizeHint().height())

    def collect(self) -> ReportInput:
        return ReportInput(
            kind=self.kind.value(), budget_year=self.budget_year.value() or None,
            period_end=self.period_end.value(), call_delivered=self.call_delivered.value(),
            due_date=self.due_date.value(), received_date=self.received_date.value(),
            accepted_date=self.accepted_date.value(), cost_total=self.cost_total.text(),
            cost_grant=self.cost_grant.text(), cost_admin=self.cost_admin.text(),
            recipients=self.recipients.value() or None, notes=self.notes.toPlainText(),
        )

    def validate(self, data: ReportInput) -> list[FieldError]:
        return service.validate_report(data)

    def save(self, data: ReportInput) -> ContractReportRecord:
        report_id = None if self.report is None else self.report.id
        return self.save_checked(lambda ack: service.save_report(
            self.db, self.contract_id, data, report_id, law_check=True, acknowledge_warnings=ack))


class ControlDialog(RecordDialog):
    def __init__(self, db: Database, contract_id: int, control: ControlRecord | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(_("Control (art. 17)") if control is None else _("Edit the control"), parent)
        self.db, self.contract_id, self.control = db, contract_id, control
        L = service.CONTROL_LABELS
        self.kind = self.add_field("kind", _(L["kind"]), EnumCombo(ControlKind), required=True)
        self.control_date = self.add_field("control_date", _(L["control_date"]), DateEdit(), required=True)
        self.controllers = self.add_field("controllers", _("Controllers"), multiline(2))
        self.scope = self.add_field("scope", _("Scope of the control"), multiline(2))
        self.findings = self.add_field("findings", _("Findings"), multiline(4))
        self.recommendations = self.add_field("recommendations", _("Recommendations"), multiline(4))
        self.recommendations_due = self.add_field("recommendations_due", _(L["recommendations_due"]), DateEdit())
        self.recommendations_done = self.add_field("recommendations_done", _("Recommendations carried out"),
                                                   checkbox(_("Recommendations carried out")))
        if control is not None:
            self.kind.set_value(control.kind)
            self.control_date.set_value(control.control_date)
            self.controllers.setPlainText(control.controllers)
            self.scope.setPlainText(control.scope)
            self.findings.setPlainText(control.findings)
            self.recommendations.setPlainText(control.recommendations)
            self.recommendations_due.set_value(control.recommendations_due)
            self.recommendations_done.setChecked(control.recommendations_done)
        self.resize(620, self.sizeHint().height())

    def collect(self) -> ControlInput:
        return ControlInput(
            kind=self.kind.value(), control_date=self.control_date.value(),
            controllers=self.controllers.toPlainText(), scope=self.scope.toPlainText(),
            findings=self.findings.toPlainText(), recommendations=self.recommendations.toPlainText(),
            recommendations_due=self.recommendations_due.value(),
            recommendations_done=self.recommendations_done.isChecked(),
        )

    def validate(self, data: ControlInput) -> list[FieldError]:
        return service.validate_control(data)

    def save(self, data: ControlInput) -> ControlRecord:
        control_id = None if self.control is None else self.control.id
        return service.save_control(self.db, self.contract_id, data, control_id)
