"""The contract editor: header, tranches per budget year, own contribution, planned results
(one Save = one service call), plus the stored contract's reports, controls and a summary page.

The service validates everything (≤ 5 years, one tranche per year, tranches adding up to the
planned total, rows of every table) and its FieldErrors are shown on the field or the table row
they name. The save also passes the law check: an error rule of the act refuses it with the
article; a warning asks "Zapisać mimo to?".
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal
from typing import Any, cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.db.engine import Database
from app.core.domain.enums import ContractForm, ContractStatus, ContributionKind, ResultKind
from app.core.domain.records import (
    ContractInput,
    ContractRecord,
    ContractReportRecord,
    ContributionInput,
    ControlRecord,
    PartyInput,
    PlannedResultInput,
    TrancheInput,
)
from app.core.errors import ConcurrentEditError, FieldError, UserFacingError
from app.core.i18n import N_, _, format_date, format_money, ngettext
from app.core.services import contracts as service
from app.core.services.contract_summary import YearSummary, report_state, year_summaries
from app.core.services.law_guard import NeedsConfirmation
from app.core.services.organisations import list_organisations
from app.core.services.procedures import list_procedures
from app.core.services.tasks import list_tasks
from app.core.services.versions import changed_fields
from app.core.tools.results import default_kind
from app.ui.read_only import set_writable
from app.ui.widgets.editable_table import (
    CellKind,
    Check,
    EditableRowsModel,
    EditColumn,
    TableEditor,
    cell_date,
    edit_text,
)
from app.ui.widgets.fields import ChoiceEditor, FieldSpec, enum_choice
from app.ui.widgets.form import (
    CheckList,
    DateEdit,
    MoneyEdit,
    RecordDialog,
    money_text,
)
from app.ui.widgets.table_model import Column, ColumnKind, RowRole, RowTableModel

log = logging.getLogger(__name__)

RED = QColor("#b3261e")
#: contribution kinds in the grid's column order (the first three are the own contribution)
KINDS = (
    ContributionKind.FINANCIAL,
    ContributionKind.PERSONAL,
    ContributionKind.IN_KIND,
    ContributionKind.RECIPIENT_FEES,
    ContributionKind.OTHER_PUBLIC,
)
KIND_HEADERS = {
    ContributionKind.FINANCIAL: N_("Financial"),
    ContributionKind.PERSONAL: N_("Personal (volunteers)"),
    ContributionKind.IN_KIND: N_("In-kind"),
    ContributionKind.RECIPIENT_FEES: N_("Recipients' payments"),
    ContributionKind.OTHER_PUBLIC: N_("Other public funds"),
}
#: the UI never builds more year columns/rows than this, whatever is typed in the dates
MAX_UI_YEARS = 10


def _default_use(row: dict[str, Any]) -> str:
    year = row.get("budget_year")
    return format_date(service.default_use_deadline(year)) if isinstance(year, int) else ""


def _default_return(row: dict[str, Any]) -> str:
    use = row.get("use_deadline")
    if not isinstance(use, dt.date):
        year = row.get("budget_year")
        if not isinstance(year, int):
            return ""
        use = service.default_use_deadline(year)
    try:
        return format_date(service.default_return_deadline(use))
    except UserFacingError:
        return ""


def _table_tip() -> str:
    return _("F2 or typing edits a cell; Enter saves the contract.")


TRANCHE_COLUMNS = [
    EditColumn("budget_year", N_("Budget year"), CellKind.INT, digits=4, check=Check.YEAR),
    EditColumn("amount", N_("Tranche amount"), CellKind.MONEY, total=True, check=Check.MONEY),
    EditColumn("payment_date", N_("Payment due"), CellKind.DATE, check=Check.DATE),
    EditColumn("paid_date", N_("Paid on"), CellKind.DATE, check=Check.DATE),
    EditColumn("use_deadline", N_("Use by"), CellKind.DATE, default=_default_use, check=Check.DATE),
    EditColumn("return_deadline", N_("Return unused by"), CellKind.DATE, default=_default_return, check=Check.DATE),
]


def contribution_columns() -> list[EditColumn]:
    return [EditColumn("year", N_("Budget year"), CellKind.INT, editable=False)] + [
        EditColumn(k.value, KIND_HEADERS[k], CellKind.MONEY, total=True, tip=k.label, check=Check.MONEY) for k in KINDS
    ]


def _unit_kind(row: dict[str, Any]) -> ResultKind:
    return default_kind(str(row.get("unit") or ""))


def result_columns(years: list[int]) -> list[EditColumn]:
    fixed = [
        EditColumn("name", N_("Result"), CellKind.TEXT),
        EditColumn("unit", N_("Unit"), CellKind.TEXT),
        # empty = the kind the unit suggests (grey); it decides how the years add up (tools.results)
        EditColumn(
            "kind",
            N_("Kind"),
            CellKind.CHOICE,
            default=lambda r: _unit_kind(r).label,
            default_code=lambda r: _unit_kind(r).value,
            choices=ResultKind.choices,
            tip=_(
                "State (places, staff): the level is taken, not summed; flow (hours, meals): summed "
                "over the years; persons: the same people count once."
            ),
        ),
        EditColumn(
            "budget_year",
            N_("Year"),
            CellKind.INT,
            digits=4,
            check=Check.YEAR,
            default=lambda r: _("whole period"),
            tip=_("Empty = a target for the whole contract"),
        ),
        EditColumn("target_value", N_("Target"), CellKind.DECIMAL, check=Check.QUANTITY),
        EditColumn("source", N_("Source of information"), CellKind.TEXT),
    ]
    achieved = [
        EditColumn(f"ach_{y}", _("Achieved {year}").format(year=y), CellKind.DECIMAL, check=Check.QUANTITY)
        for y in years
    ]
    return fixed + achieved


def _has_data(row: dict[str, Any], key_column: str) -> bool:
    """Whether the clerk typed anything in the row besides its year."""
    return any(v not in (None, "") for k, v in row.items() if k != key_column)


def _quantity_text(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.replace(".", ",")


class ContractEditor(RecordDialog):
    """Add (contract_id None) or edit a contract."""

    #: (link, contract id): "contract_tools" or "contract_history" (the main window's follow_link)
    link_requested = Signal(str, object)

    def __init__(
        self,
        db: Database,
        contract_id: int | None = None,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        self.db = db
        self.contract_id = contract_id
        self.today = today or dt.date.today()
        self.record: ContractRecord | None = service.get_contract(db, contract_id) if contract_id else None
        #: the record the form was filled from: its version goes with the save (issue 19, several seats)
        self._opened: ContractRecord | None = self.record
        title = (
            _("New contract")
            if self.record is None
            else _("Contract {number}").format(number=self.record.number or self.record.title)
        )
        super().__init__(title, parent)
        self._contrib_extra: dict[tuple[int, ContributionKind], tuple[Any, str]] = {}
        self._tranche_extra: dict[int, tuple[Any, Any, Any]] = {}
        #: budget years whose rows this dialog added for the period (removed again while empty)
        self._auto_years: set[int] = set()
        self._loading = True
        self.use_tabs()
        self._build_header()
        self._build_tranches()
        self._build_contributions()
        self._build_results()
        self._build_reports()
        self._build_controls()
        self._build_summary()
        self._build_links()
        self._load()
        self._loading = False
        self._snapshot = self.collect()
        self.resize(1180, 690)

    # ---- building --------------------------------------------------------------------------

    @staticmethod
    def _grow(form: Any, layout: QVBoxLayout) -> None:
        """Move the form's last row (a table) into the page so it takes the free height;
        a QFormLayout row would keep its preferred height."""
        taken = form.takeRow(form.rowCount() - 1)
        layout.addWidget(taken.labelItem.widget())
        layout.addWidget(taken.fieldItem.widget(), 1)

    def _table_form(self) -> Any:
        form = self.new_form()
        return form

    def _page(self, title: str) -> QVBoxLayout:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.tabs.addTab(page, title)
        return layout

    def _build_header(self) -> None:
        page = QWidget()
        row = QHBoxLayout(page)
        left = self.new_form()
        right = self.new_form()
        left_box = QVBoxLayout()
        left_box.addLayout(left)
        left_box.addStretch(1)  # rows keep their natural height (hints and errors are not squeezed)
        row.addLayout(left_box, 3)
        row.addLayout(right, 2)
        self.tabs.addTab(page, _("Contract"))
        L = service.LABELS
        self.number = self.add_input(
            FieldSpec("number", _(L["number"]), placeholder=_("e.g. OR.526.1.2025")), form=left
        )
        self.title_edit = self.add_input(FieldSpec("title", _(L["title"]), required=True), form=left)
        self.form_combo = self.add_input(
            FieldSpec("form", _(L["form"]), "choice", required=True, **enum_choice(ContractForm)), form=left
        )
        self.status = self.add_input(
            FieldSpec("status", _(L["status"]), "choice", required=True, **enum_choice(ContractStatus)), form=left
        )
        self.task = self.add_input(
            FieldSpec("task_id", _(L["task_id"]), "choice", empty_choice=_("(none)"), wide_choice=True), form=left
        )
        self.procedure = self.add_input(
            FieldSpec("procedure_id", _(L["procedure_id"]), "choice", empty_choice=_("(none)"), wide_choice=True),
            form=left,
        )
        self.signed = self.add_input(FieldSpec("signed_date", _(L["signed_date"]), "date"), form=left)
        self.start = self.add_input(FieldSpec("start_date", _(L["start_date"]), "date", required=True), form=left)
        self.end = self.add_input(FieldSpec("end_date", _(L["end_date"]), "date", required=True), form=left)
        self.period_label = QLabel()
        self.period_label.setObjectName("periodLabel")
        left.addRow(_("Period:"), self.period_label)
        # the skarbnik's budget classification: dział / rozdział / paragraf (e.g. 852 / 85228 / § 2360)
        self.division = self.add_input(
            FieldSpec("budget_division", _(L["budget_division"]), width=90, placeholder=_("e.g. 852")), form=left
        )
        self.chapter = self.add_input(
            FieldSpec("budget_chapter", _(L["budget_chapter"]), width=90, placeholder=_("e.g. 85228")), form=left
        )
        self.paragraph = self.add_input(FieldSpec("budget_paragraph", _(L["budget_paragraph"]), width=90), form=left)
        # a service paid per unit (e.g. 42,00 zł per hour of care): E-04 compares unit costs with it
        self.unit_rate = self.add_input(FieldSpec("unit_rate", _(L["unit_rate"]), "money"), form=left)
        self.unit_rate.input.setToolTip(_("Optional: the amount paid per unit of the service, e.g. 42,00 per hour."))
        self.unit_name = self.add_input(
            FieldSpec("unit_name", _(L["unit_name"]), placeholder=_("e.g. hour of care, place × month")), form=left
        )
        self.unit_name.input.setMinimumWidth(260)
        self.notes = self.add_input(FieldSpec("notes", _("Notes"), "textarea", lines=2), form=left)
        #: the period's dates as widgets (their `date()` while typing, `committed` when left)
        self.start_edit = cast(DateEdit, self.start.widget)
        self.end_edit = cast(DateEdit, self.end.widget)

        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        self.org_filter = QLineEdit()
        self.org_filter.setPlaceholderText(_("Filter organisations…"))
        self.org_filter.setClearButtonEnabled(True)
        self.org_filter.setAccessibleName(_("Filter organisations…"))
        self.orgs: CheckList[int] = CheckList()
        self.orgs.setMinimumHeight(260)
        self.org_filter.textChanged.connect(self._filter_orgs)
        box_layout.addWidget(self.org_filter)
        box_layout.addWidget(self.orgs, 1)
        self.add_field("parties", _(L["parties"]), box, required=True, form=right)
        self.orgs.changed.connect(lambda: self._touch("parties"))
        # the period's label follows the typing; the rows per year change only when a date is
        # committed (typing "31.12.2028" passes through 2020 and must not leave a row for it)
        for edit in (self.start_edit, self.end_edit):
            edit.changed.connect(self._show_period)
            edit.committed.connect(self._period_changed)
        for name in (
            "number",
            "title",
            "form",
            "status",
            "task_id",
            "procedure_id",
            "signed_date",
            "start_date",
            "end_date",
            "budget_division",
            "budget_chapter",
            "budget_paragraph",
            "unit_rate",
            "unit_name",
        ):
            self._widen(name)

    def _build_links(self) -> None:
        """Links to the contract's tools card and its change history (a stored contract only)."""
        role = QDialogButtonBox.ButtonRole.ActionRole
        self.tools_button = self.buttons.addButton(_("Tools and indicators"), role)
        self.tools_button.setObjectName("toolsButton")
        self.tools_button.setToolTip(_("Close this window and show the contract's card in the WKUS tools"))
        self.tools_button.clicked.connect(self.show_tools)
        self.history_button = self.buttons.addButton(_("Change history"), role)
        self.history_button.setObjectName("historyButton")
        self.history_button.setToolTip(_("Every change to this contract: when, who, what"))
        self.history_button.clicked.connect(self.show_history)
        for button in (self.tools_button, self.history_button):
            button.setAutoDefault(False)  # Enter keeps saving
            button.setEnabled(self.contract_id is not None)

    def show_tools(self) -> None:
        """Leave the editor (asking first about unsaved changes) for the contract's tools card."""
        if self.contract_id is None:
            return
        self.reject()
        if self.isVisible():  # the clerk kept the changes
            return
        self.link_requested.emit("contract_tools", self.contract_id)

    def show_history(self) -> None:
        """The contract's change history, over the editor (the stored values, not the unsaved edits)."""
        if self.contract_id is not None:
            self.link_requested.emit("contract_history", self.contract_id)

    def _widen(self, name: str) -> None:
        """Let the field's row use the form's full width, so an error message under a narrow
        widget (a date) wraps over the whole row instead of being cut off; the widget itself
        keeps its size, aligned left."""
        slot = self._fields[name]
        slot.container.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        if name not in ("number", "title"):
            box = slot.container.layout()
            assert box is not None, "add_field lays every container out"
            box.setAlignment(slot.widget, Qt.AlignmentFlag.AlignLeft)

    def _build_tranches(self) -> None:
        layout = self._page(_("Tranches"))
        intro = QLabel(
            _(
                "One tranche per budget year of the contract. An empty use deadline means 31 December "
                "of the year (art. 221 ust. 3 u.f.p.); an empty return deadline follows art. 251 u.f.p."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        top = QHBoxLayout()
        top_form = self.new_form()
        self.planned_total = self.add_input(
            FieldSpec("planned_total", _(service.LABELS["planned_total"]), "money"), form=top_form
        )
        self.planned_total.input.setToolTip(_("Optional: the tranches must add up to this amount."))
        self.planned_amount = cast(MoneyEdit, self.planned_total.input)
        top.addLayout(top_form)
        self.split_button = QPushButton(_("Spread evenly over the years"))
        self.split_button.setObjectName("splitButton")
        self.split_button.setToolTip(
            _(
                "Divides the planned total (or the current sum) equally between the budget "
                "years; the remaining grosze go to the first year."
            )
        )
        self.split_button.clicked.connect(self.spread_evenly)
        top.addWidget(self.split_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addStretch(1)
        self.tranche_sum = QLabel()
        self.tranche_sum.setObjectName("trancheSum")
        top.addWidget(self.tranche_sum, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.tranche_model = EditableRowsModel(TRANCHE_COLUMNS, totals=True, parent=self)
        self.tranche_editor = TableEditor(
            self.tranche_model, add_text=_("Add year"), new_row=self._new_tranche, tip=_table_tip()
        )
        form = self._table_form()
        self.add_field("tranches", _(service.LABELS["tranches"]), self.tranche_editor, form=form)
        self._grow(form, layout)
        self.planned_amount.textChanged.connect(lambda *_a: self._update_sums())
        self.tranche_editor.changed.connect(lambda: self._touch("tranches"))
        self.tranche_editor.changed.connect(self._update_sums)

    def _build_contributions(self) -> None:
        layout = self._page(_("Own contribution"))
        intro = QLabel(
            _(
                "Planned amounts per budget year. Own contribution = financial + personal (volunteers' "
                "and members' work) + in-kind; the other sources count towards the total cost."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.contrib_model = EditableRowsModel(contribution_columns(), totals=True, parent=self)
        self.contrib_editor = TableEditor(self.contrib_model, tip=_table_tip())
        self.contrib_editor.add_button.hide()
        self.contrib_editor.remove_button.hide()
        form = self._table_form()
        self.add_field("contributions", _(service.LABELS["contributions"]), self.contrib_editor, form=form)
        self._grow(form, layout)
        self.contrib_editor.changed.connect(lambda: self._touch("contributions"))
        self.contrib_editor.changed.connect(self._update_sums)
        self.own_sum = QLabel()
        self.own_sum.setObjectName("ownSum")
        layout.addWidget(self.own_sum)

    def _build_results(self) -> None:
        layout = self._page(_("Planned results"))
        intro = QLabel(
            _(
                "A result with a year is the target for that year; without a year, for the whole "
                "contract. Achieved values are entered per year from the reports."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.result_model = EditableRowsModel(result_columns(self.period_years()), parent=self)
        self.result_editor = TableEditor(self.result_model, add_text=_("Add result"), tip=_table_tip())
        form = self._table_form()
        self.add_field("planned_results", _(service.LABELS["planned_results"]), self.result_editor, form=form)
        self._grow(form, layout)
        self.result_editor.changed.connect(lambda: self._touch("planned_results"))

    def _record_list(
        self, title: str, columns: list[Column[Any]], add: Any, edit: Any, delete: Any
    ) -> tuple[RowTableModel[Any], QTableView, QLabel]:
        layout = self._page(title)
        note = QLabel(_("Save the contract first; reports and controls are added to a stored contract."))
        note.setWordWrap(True)
        note.setVisible(self.record is None)
        layout.addWidget(note)
        model: RowTableModel[Any] = RowTableModel(columns, self)
        view = QTableView()
        view.setAccessibleName(title)
        view.setModel(model)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setStretchLastSection(True)
        view.doubleClicked.connect(lambda _i: edit())
        layout.addWidget(view, 1)
        buttons = QHBoxLayout()
        for text, slot in ((_("Add…"), add), (_("Edit…"), edit), (_("Delete"), delete)):
            button = QPushButton(text)
            if slot is edit:  # a reader opens a report to read it; its Save is disabled there
                button.setEnabled(self.record is not None)
            else:
                set_writable(button, self.db, self.record is not None)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return model, view, note

    def _build_reports(self) -> None:
        def state(r: ContractReportRecord) -> str:
            return report_state(r, self.today)

        def late(r: ContractReportRecord) -> QColor | None:
            return RED if r.received_date is None and self.today > r.due_date else None

        columns: list[Column[Any]] = [
            Column(N_("Kind"), lambda r: r.kind),
            Column(N_("Year"), lambda r: r.budget_year or "", kind=ColumnKind.TEXT),
            Column(N_("Due date"), lambda r: r.due_date, kind=ColumnKind.DATE, foreground=late),
            Column(N_("Received on"), lambda r: r.received_date, kind=ColumnKind.DATE),
            Column(N_("Total costs"), lambda r: r.cost_total, kind=ColumnKind.MONEY),
            Column(N_("Grant"), lambda r: r.cost_grant, kind=ColumnKind.MONEY),
            Column(N_("State"), state, foreground=late),
        ]
        self.report_model, self.report_view, _note = self._record_list(
            _("Reports"), columns, self.add_report, self.edit_report, self.delete_report
        )

    def _build_controls(self) -> None:
        columns: list[Column[Any]] = [
            Column(N_("Date"), lambda x: x.control_date, kind=ColumnKind.DATE),
            Column(N_("Kind"), lambda x: x.kind),
            Column(N_("Findings"), lambda x: x.findings.replace("\n", " ")),
            Column(N_("Recommendations"), lambda x: x.recommendations.replace("\n", " ")),
            Column(N_("Carried out"), lambda x: x.recommendations_done, kind=ColumnKind.BOOL),
        ]
        self.control_model, self.control_view, _note = self._record_list(
            _("Controls"), columns, self.add_control, self.edit_control, self.delete_control
        )

    def show_tab(self, entity: str) -> None:
        """Show the tab holding `entity`'s rows (a child table's name, e.g. "contract_report" for the
        Reports tab): a finding or a deadline opens the contract where the fix is made."""
        widgets = {
            "contract_report": self.report_view,
            "control": self.control_view,
            "tranche": self.tranche_editor,
            "own_contribution": self.contrib_editor,
            "planned_result": self.result_editor,
        }
        target = widgets.get(entity)
        if target is None:
            return
        for i in range(self.tabs.count()):
            if self.tabs.widget(i).isAncestorOf(target):
                self.tabs.setCurrentIndex(i)
                return

    def _build_summary(self) -> None:
        layout = self._page(_("Summary"))
        self.summary_title = QLabel()
        self.summary_title.setWordWrap(True)
        layout.addWidget(self.summary_title)
        columns: list[Column[YearSummary]] = [
            Column(N_("Year"), lambda s: str(s.year)),
            Column(N_("Tranche"), lambda s: s.grant, kind=ColumnKind.MONEY),
            Column(
                N_("Own contribution"),
                lambda s: s.own_total,
                kind=ColumnKind.MONEY,
                tooltip=lambda s: _("financial {a}, personal {b}, in-kind {c}").format(
                    a=format_money(s.financial), b=format_money(s.personal), c=format_money(s.in_kind)
                ),
            ),
            Column(N_("Results: achieved of planned"), lambda s: "\n".join(s.results)),
            Column(N_("Reports"), lambda s: "\n".join(s.reports), foreground=lambda s: RED if s.late_reports else None),
        ]
        self.summary_model: RowTableModel[YearSummary] = RowTableModel(columns, self)
        self.summary_view = QTableView()
        self.summary_view.setAccessibleName(_("Summary"))
        self.summary_view.setModel(self.summary_model)
        self.summary_view.setWordWrap(True)
        self.summary_view.verticalHeader().setVisible(False)
        self.summary_view.horizontalHeader().setStretchLastSection(True)
        self.summary_view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        layout.addWidget(self.summary_view, 1)
        note = QLabel(_("The summary shows the stored contract; save to update it."))
        note.setStyleSheet("color: palette(mid);")
        layout.addWidget(note)
        row = QHBoxLayout()
        self.print_button = QPushButton(_("Print the contract card"))
        self.print_button.setObjectName("printCard")
        self.print_button.setEnabled(self.record is not None)
        self.print_button.clicked.connect(self.print_card)
        row.addWidget(self.print_button)
        row.addStretch(1)
        layout.addLayout(row)

    # ---- loading ---------------------------------------------------------------------------

    def _load(self) -> None:
        r = self.record
        party_ids = {p.organisation_id for p in r.parties} if r else set()
        # the contract's parties first, so they are visible without scrolling
        orgs = sorted(
            ((o.id, o.name) for o in list_organisations(self.db) if o.active or o.id in party_ids),
            key=lambda o: o[0] not in party_ids,
        )
        self.orgs.set_items(orgs)
        cast(ChoiceEditor, self.task).set_options([(t.id, t.title) for t in list_tasks(self.db)])
        cast(ChoiceEditor, self.procedure).set_options(
            [(p.id, f"{p.reference} – {p.title}" if p.reference else p.title) for p in list_procedures(self.db)]
        )
        if r is None:
            self.paragraph.set_value("2360")
            self._period_changed()
            self._refresh_children()
            return
        for key, editor in self.editors.items():
            editor.set_value(getattr(r, key))
        self.orgs.set_values([p.organisation_id for p in r.parties])
        self.tranche_model.set_rows(
            [
                {
                    "budget_year": t.budget_year,
                    "amount": money_text(t.amount),
                    "payment_date": t.payment_date,
                    "paid_date": t.paid_date,
                    # a stored deadline equal to the default is shown as the grey default
                    "use_deadline": None
                    if t.use_deadline == service.default_use_deadline(t.budget_year)
                    else t.use_deadline,
                    "return_deadline": t.return_deadline,
                }
                for t in r.tranches
            ]
        )
        for t in r.tranches:
            self._tranche_extra[t.budget_year] = (t.used_amount, t.returned_amount, t.returned_date)
            if t.use_deadline is not None and t.return_deadline == service.default_return_deadline(t.use_deadline):
                index = [i for i, x in enumerate(self.tranche_model.rows()) if x["budget_year"] == t.budget_year][0]
                self.tranche_model.set_value(index, "return_deadline", None)
        for c in r.contributions:
            self._contrib_extra[(c.budget_year, c.kind)] = (c.actual_amount, c.note)
        self._period_changed()
        rows = self.contrib_model.rows()
        for row in rows:
            for c in r.contributions:
                if c.budget_year == row["year"]:
                    row[c.kind.value] = money_text(c.planned_amount)
        self.contrib_model.set_rows(rows)
        results = []
        for x in r.planned_results:
            row = {
                "id": x.id,
                "name": x.name,
                "unit": x.unit,
                "source": x.source,
                "budget_year": x.budget_year,
                "target_value": _quantity_text(x.target_value),
                # the unit's own default stays the grey default (it follows a changed unit)
                "kind": None if x.kind is default_kind(x.unit) else x.kind.value,
            }
            for year, value in x.achieved.items():
                row[f"ach_{year}"] = _quantity_text(value)
            results.append(row)
        self.result_model.set_rows(results)
        self._rebuild_result_columns()
        self._auto_years.clear()  # the stored rows are the clerk's, whatever the load added on the way
        self._refresh_children()

    def _refresh_children(self) -> None:
        r = self.record
        self.report_model.set_rows(list(r.reports) if r else [])
        self.control_model.set_rows(list(r.controls) if r else [])
        for view in (self.report_view, self.control_view):
            view.resizeColumnsToContents()
            header = view.horizontalHeader()
            for col in range(view.model().columnCount()):
                header.resizeSection(col, min(header.sectionSize(col) + 16, 360))
        if r is None:
            self.summary_title.setText(_("The summary is available after the contract is saved."))
            self.summary_model.set_rows([])
            return
        self.summary_title.setText(
            _("{title} – {orgs}; {years}; grant {grant}, own contribution {own}.").format(
                title=r.title,
                orgs=r.organisation_names or "—",
                years=r.years_label,
                grant=format_money(r.total_grant),
                own=format_money(r.own_contribution_total),
            )
        )
        self.summary_model.set_rows(year_summaries(r, self.today))
        self.summary_view.resizeColumnsToContents()
        self.summary_view.resizeRowsToContents()

    # ---- period and sums -------------------------------------------------------------------

    def period_years(self) -> list[int]:
        start = self.start_edit.date() if hasattr(self, "start_edit") else None
        end = self.end_edit.date() if hasattr(self, "end_edit") else None
        if start is None or end is None or end < start:
            return []
        return list(range(start.year, min(end.year, start.year + MAX_UI_YEARS - 1) + 1))

    def _show_period(self, *_args: Any) -> None:
        start, end = self.start_edit.date(), self.end_edit.date()
        if start is None or end is None:
            self.period_label.setText(_("enter the start and end dates"))
        elif end < start:
            self.period_label.setText("—")
        else:
            n = end.year - start.year + 1
            text = ngettext("{count} budget year ({years})", "{count} budget years ({years})", n).format(
                count=n, years=str(start.year) if n == 1 else f"{start.year}–{end.year}"
            )
            if end > service.latest_end_date(start):
                # two lines, not one long one: a longer translation must not squeeze the organisation list
                text += "\n" + _("more than 5 years is not allowed")
                self.period_label.setStyleSheet(f"color: {RED.name()};")
            else:
                text += "\n" + _("at most 5 years (art. 16 ust. 2 of the act)")
                self.period_label.setStyleSheet("")
            self.period_label.setText(text)

    def _period_changed(self, *_args: Any) -> None:
        """A start or end date was committed: add the rows of the period's new years, and take
        away the rows this dialog added for years no longer in the period while they are empty
        (a row the clerk typed into stays: the clerk decides what to delete)."""
        self._show_period()
        years = self.period_years()
        start, end = self.start_edit.date(), self.end_edit.date()
        if not years or end is None or start is None or end > service.latest_end_date(start):
            self._update_sums()
            return
        for i in reversed(range(self.tranche_model.row_count())):
            row = self.tranche_model.rows()[i]
            year = row.get("budget_year")
            if year in self._auto_years and year not in years and not _has_data(row, "budget_year"):
                self.tranche_model.remove_row(i)
                self._auto_years.discard(year)
        have = {r.get("budget_year") for r in self.tranche_model.rows()}
        for y in years:
            if y not in have:
                rows = self.tranche_model.rows()
                position = sum(1 for r in rows if isinstance(r.get("budget_year"), int) and r["budget_year"] < y)
                self.tranche_model.add_row({"budget_year": y}, position)
                self._auto_years.add(y)
        rows = [r for r in self.contrib_model.rows() if r["year"] in years or _has_data(r, "year")]
        have = {r["year"] for r in rows}
        if any(y not in have for y in years) or len(rows) != self.contrib_model.row_count():
            rows += [{"year": y} for y in years if y not in have]
            rows.sort(key=lambda r: r["year"])
            self.contrib_model.set_rows(rows)
        self._rebuild_result_columns()
        self._update_sums()
        self.tranche_editor.fit_columns()
        self.contrib_editor.fit_columns()

    def _rebuild_result_columns(self) -> None:
        years = set(self.period_years())
        for row in self.result_model.rows():
            years |= {int(k[4:]) for k, v in row.items() if k.startswith("ach_") and v not in (None, "")}
        wanted = sorted(years)
        current = [c.key for c in self.result_model.columns()]
        if current != [c.key for c in result_columns(wanted)]:
            self.result_model.set_columns(result_columns(wanted))
            self.result_editor.fit_columns()

    def _update_sums(self) -> None:
        total = self.tranche_model.column_total("amount")
        planned = self.planned_amount.value()
        text = _("Sum of the tranches: {sum}").format(sum=format_money(total))
        if planned is not None and planned != total:
            text += " – " + _("differs from the planned total by {diff}").format(diff=format_money(planned - total))
            self.tranche_sum.setStyleSheet(f"color: {RED.name()};")
        else:
            self.tranche_sum.setStyleSheet("")
        self.tranche_sum.setText(text)
        own = sum((self.contrib_model.column_total(k.value) for k in KINDS[:3]), Decimal("0.00"))
        other = sum((self.contrib_model.column_total(k.value) for k in KINDS[3:]), Decimal("0.00"))
        self.own_sum.setText(
            _("Own contribution: {own}; other sources: {other}; total cost with the grant: {cost}.").format(
                own=format_money(own), other=format_money(other), cost=format_money(total + own + other)
            )
        )

    def spread_evenly(self) -> None:
        years = self.period_years()
        if not years:
            self.show_message(_("Enter the start and end dates first."))
            return
        total = self.planned_amount.value()
        if total is None:
            total = self.tranche_model.column_total("amount")
        if total <= 0:
            self.show_message(_("Enter the planned total grant first."))
            return
        shares = service.split_evenly(total, years)
        rows = self.tranche_model.rows()
        by_year = {r.get("budget_year"): r for r in rows}
        for y in years:
            by_year.setdefault(y, {"budget_year": y})["amount"] = money_text(shares[y])
        ordered = sorted(
            by_year.values(),
            key=lambda r: (
                not isinstance(r.get("budget_year"), int),
                r.get("budget_year") if isinstance(r.get("budget_year"), int) else 0,
            ),
        )
        self.tranche_model.set_rows(ordered)
        self._touch("tranches")

    def _new_tranche(self) -> dict[str, Any]:
        years = [y for r in self.tranche_model.rows() if isinstance(y := r.get("budget_year"), int)]
        start = self.start_edit.date()
        nxt = max(years) + 1 if years else (start.year if isinstance(start, dt.date) else self.today.year)
        return {"budget_year": nxt}

    def _filter_orgs(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.orgs.count()):
            item = self.orgs.item(i)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def _touch(self, name: str) -> None:
        if self._loading:
            return
        slot = self._fields.get(name)
        if slot is not None:
            slot.touched = True
        self._validate_timer.start()

    # ---- RecordDialog ----------------------------------------------------------------------

    def collect(self) -> ContractInput:
        tranches = []
        for r in self.tranche_model.rows():
            # what the form has no columns for (settlement, the return's date) is kept as stored
            year = r.get("budget_year")
            used, returned, returned_on = (
                self._tranche_extra.get(year, (None, None, None)) if isinstance(year, int) else (None, None, None)
            )
            tranches.append(
                TrancheInput(
                    budget_year=r.get("budget_year"),
                    amount=edit_text(r.get("amount")),
                    payment_date=cell_date(r.get("payment_date")),
                    paid_date=cell_date(r.get("paid_date")),
                    use_deadline=cell_date(r.get("use_deadline")),
                    return_deadline=cell_date(r.get("return_deadline")),
                    used_amount=edit_text(used),
                    returned_amount=edit_text(returned),
                    returned_date=returned_on,
                )
            )
        contributions = []
        for r in self.contrib_model.rows():
            for kind in KINDS:
                amount = edit_text(r.get(kind.value)).strip()
                actual, note = self._contrib_extra.get((r["year"], kind), (None, ""))
                if amount or actual is not None or note:
                    contributions.append(ContributionInput(r["year"], kind, amount, edit_text(actual), note))
        results = []
        for r in self.result_model.rows():
            if not any(edit_text(v).strip() for k, v in r.items() if k not in ("id", "kind")):
                continue  # an empty row added by mistake
            achieved: dict[int, str | Decimal] = {
                int(k[4:]): edit_text(v) for k, v in r.items() if k.startswith("ach_") and edit_text(v).strip()
            }
            results.append(
                PlannedResultInput(
                    name=edit_text(r.get("name")),
                    unit=edit_text(r.get("unit")),
                    source=edit_text(r.get("source")),
                    budget_year=r.get("budget_year") or None,
                    target_value=edit_text(r.get("target_value")),
                    achieved=achieved,
                    id=r.get("id"),
                    kind=r.get("kind") or None,
                )
            )
        return ContractInput(
            **{key: editor.value() for key, editor in self.editors.items()},
            parties=[PartyInput(int(i), self._role(int(i))) for i in self.orgs.values()],
            tranches=tranches,
            contributions=contributions,
            planned_results=results,
            expected_version=self._opened.version if self._opened is not None else None,
        )

    def _role(self, org_id: int) -> str:
        if self.record is None:
            return ""
        return next((p.role for p in self.record.parties if p.organisation_id == org_id), "")

    def validate(self, data: ContractInput) -> list[FieldError]:
        return service.validate_contract(data)

    def show_errors(self, errors: Any, *, only_touched: bool = False) -> None:
        super().show_errors(errors, only_touched=only_touched)
        for name, editor in (
            ("tranches", self.tranche_editor),
            ("contributions", self.contrib_editor),
            ("planned_results", self.result_editor),
        ):
            slot = self._fields[name]
            editor.show_errors([] if only_touched and not slot.touched else list(errors), name)

    def save(self, data: ContractInput) -> ContractRecord:
        try:
            return self._save_checked(data)
        except ConcurrentEditError as exc:
            return self._resolve_conflict(data, exc)

    def _resolve_conflict(self, data: ContractInput, exc: ConcurrentEditError) -> ContractRecord:
        """Another seat saved this contract after it was opened here: say what it changed, then let the
        clerk reload (their typing is dropped) or overwrite knowingly; nothing is decided silently."""
        assert self.contract_id is not None
        current = service.get_contract(self.db, self.contract_id)
        changed = (
            changed_fields(
                service.contract_input(self._opened),
                service.contract_input(current),
                service.LABELS | {"notes": N_("Notes")},
            )
            if self._opened is not None
            else []
        )
        box = QMessageBox(QMessageBox.Icon.Warning, _("Saved elsewhere in the meantime"), exc.message, parent=self)
        box.setInformativeText(_("Changed there: {fields}.").format(fields=", ".join(changed) or "—"))
        reload_button = box.addButton(_("Reload and discard my changes"), QMessageBox.ButtonRole.DestructiveRole)
        overwrite_button = box.addButton(_("Overwrite with my version"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is overwrite_button:
            data.expected_version = exc.current_version
            return self._save_checked(data)
        if box.clickedButton() is reload_button:
            self.record = self._opened = current
            self._loading = True
            self._load()
            self._loading = False
            self._snapshot = self.collect()
        raise UserFacingError("")  # the clerk stays in the form (reloaded, or as typed after Cancel)

    def _save_checked(self, data: ContractInput) -> ContractRecord:
        def call(ack: bool) -> ContractRecord:
            if self.contract_id is None:
                return service.create_contract(
                    self.db, data, law_check=True, acknowledge_warnings=ack, today=self.today
                )
            return service.update_contract(
                self.db, self.contract_id, data, law_check=True, acknowledge_warnings=ack, today=self.today
            )

        try:
            return call(False)
        except NeedsConfirmation as exc:
            if not self.ask_confirmation(exc.message):
                raise UserFacingError("") from None  # the clerk goes back to the form
            return call(True)

    def show_message(self, message: str) -> None:
        if message:
            super().show_message(message)

    def ask_confirmation(self, message: str) -> bool:
        answer = QMessageBox.question(
            self,
            _("Confirm"),
            message,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    # ---- reports, controls, printing -------------------------------------------------------

    def _reload_record(self) -> None:
        if self.contract_id is not None:
            self.record = service.get_contract(self.db, self.contract_id)
            self._refresh_children()

    def _selected(self, view: QTableView) -> Any:
        index = view.currentIndex()
        return index.data(RowRole) if index.isValid() else None

    def _run_child(self, dialog: QDialog) -> None:
        self.child_dialog: QDialog | None = dialog
        dialog.finished.connect(lambda result: self._child_finished(result))
        dialog.open()

    def _child_finished(self, result: int) -> None:
        self.child_dialog = None
        if result == QDialog.DialogCode.Accepted:
            self._reload_record()

    def add_report(self) -> None:
        from app.ui.dialogs.contract_children import ReportDialog

        if self.contract_id is not None:
            self._run_child(ReportDialog(self.db, self.contract_id, None, self))

    def edit_report(self) -> None:
        from app.ui.dialogs.contract_children import ReportDialog

        report = self._selected(self.report_view)
        if self.contract_id is not None and report is not None:
            self._run_child(ReportDialog(self.db, self.contract_id, report, self))

    def delete_report(self) -> None:
        report = self._selected(self.report_view)
        if report is None or not self.ask_confirmation(
            _("Delete the report due {date}?").format(date=format_date(report.due_date))
        ):
            return
        self._guarded(lambda: service.delete_report(self.db, report.id))

    def add_control(self) -> None:
        from app.ui.dialogs.contract_children import ControlDialog

        if self.contract_id is not None:
            self._run_child(ControlDialog(self.db, self.contract_id, None, self))

    def edit_control(self) -> None:
        from app.ui.dialogs.contract_children import ControlDialog

        control: ControlRecord | None = self._selected(self.control_view)
        if self.contract_id is not None and control is not None:
            self._run_child(ControlDialog(self.db, self.contract_id, control, self))

    def delete_control(self) -> None:
        control = self._selected(self.control_view)
        if control is None or not self.ask_confirmation(
            _("Delete the control of {date}?").format(date=format_date(control.control_date))
        ):
            return
        self._guarded(lambda: service.delete_control(self.db, control.id))

    def _guarded(self, action: Any) -> None:
        try:
            action()
        except UserFacingError as exc:
            self.show_message(exc.message)
        self._reload_record()

    def print_card(self) -> None:
        if self.contract_id is None:
            return
        from app.core.documents.catalogue import DocumentRequest, build
        from app.ui.views.documents import output_folder

        out = output_folder() / f"contract-card-{self.contract_id}.pdf"
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = build(self.db, DocumentRequest(kind="contract-card", out_path=out, contract_id=self.contract_id))
        except UserFacingError as exc:
            self.show_message(exc.message)
            return
        except Exception:  # noqa: BLE001 - the log keeps the traceback
            log.exception("contract card failed")
            self.show_message(_("The document could not be built. Details are in the log file."))
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.last_document = result.path
        from app.ui.widgets.open_file import open_document

        open_document(self, result.path)
