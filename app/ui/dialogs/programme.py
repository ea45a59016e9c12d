"""Editor of a cooperation programme: resolution, consultation, planned funds per priority,
the eleven art. 5a ust. 4 elements and the yearly reports on its implementation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.db.engine import Database
from app.core.domain.enums import ProgrammeKind, WkusArea
from app.core.domain.records import (
    PriorityInput,
    ProgrammeInput,
    ProgrammePriorityRecord,
    ProgrammeRecord,
    ProgrammeReportInput,
    ProgrammeReportRecord,
    ProgrammeTeamMemberRecord,
    TeamMemberInput,
)
from app.core.errors import FieldError
from app.core.i18n import N_, _, format_money
from app.core.services import programmes as service
from app.ui.widgets.editable_table import (
    CellKind,
    Check,
    EditableRowsModel,
    EditColumn,
    TableEditor,
    cell_date,
)
from app.ui.widgets.fields import Editor, FieldSpec, enum_choice
from app.ui.widgets.form import RecordDialog


def _area_choices() -> list[tuple[str, str]]:
    return [("", _("(none)")), *WkusArea.choices()]


def area_of(code: Any) -> WkusArea | None:
    """The area a choice cell holds (its code), None when empty."""
    return WkusArea(code) if code else None


PRIORITY_COLUMNS = [
    EditColumn("year", N_("Year"), CellKind.INT, check=Check.YEAR),
    EditColumn("title", N_("Priority task")),
    # an empty area shows "(none)" in grey, as the drop-down it was
    EditColumn("area", N_("WKUS area"), CellKind.CHOICE, choices=_area_choices, default=lambda r: _("(none)")),
    EditColumn("planned_amount", N_("Planned amount"), CellKind.MONEY, check=Check.MONEY),
]


class PrioritiesEditor(TableEditor):
    """Priority tasks: year, title, WKUS area, planned amount; the total below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            EditableRowsModel(PRIORITY_COLUMNS),
            widths={"year": 70, "area": 220, "planned_amount": 130},
            stretch="title",
            parent=parent,
        )
        self.footer = QLabel(self)
        self.buttons.addWidget(self.footer)
        self.changed.connect(self.update_total)

    def load(self, priorities: Sequence[ProgrammePriorityRecord]) -> None:
        self.model.set_rows(
            [
                {
                    "year": p.year,
                    "title": p.title,
                    "area": p.area.value if p.area else None,
                    "planned_amount": p.planned_amount,
                    "id": p.id,
                }
                for p in priorities
            ]
        )

    def values(self) -> list[PriorityInput]:
        text = self.model.cell_text
        return [
            PriorityInput(
                year=text(row, "year").strip() or None,
                title=text(row, "title"),
                area=area_of(r.get("area")),
                planned_amount=text(row, "planned_amount"),
                id=r.get("id"),
            )
            for row, r in enumerate(self.model.rows())
        ]

    def total(self) -> Decimal:
        """The amounts that are amounts (a bad cell is refused by the service, with its row)."""
        return self.model.column_total("planned_amount")

    def update_total(self) -> None:
        self.footer.setText(_("Total of the priorities: {amount}").format(amount=format_money(self.total())))


REPORT_COLUMNS = [
    EditColumn("year", N_("Year"), CellKind.INT, check=Check.YEAR),
    EditColumn("submitted_to_council", N_("Submitted to the council"), CellKind.DATE, check=Check.DATE),
    EditColumn("published_in_bip", N_("Published in BIP"), CellKind.DATE, check=Check.DATE),
    EditColumn("conclusions", N_("Conclusions")),
]


class ReportsEditor(TableEditor):
    """Yearly reports on the programme: year, submitted to the council, published in BIP, conclusions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            EditableRowsModel(REPORT_COLUMNS),
            widths={"year": 70, "submitted_to_council": 170, "published_in_bip": 150},
            stretch="conclusions",
            parent=parent,
        )
        #: set by the dialog; the draft reads the year's figures
        self.db: Database | None = None
        self.draft_button = QPushButton(_("Draft conclusions from the data"), self)
        self.draft_button.setToolTip(
            _(
                "Fills the conclusions of the selected year, when they are empty, with a "
                "draft from the year's figures; edit it, it is kept for the next print."
            )
        )
        self.draft_button.clicked.connect(self.draft_conclusions)
        self.buttons.insertWidget(2, self.draft_button)

    def draft_conclusions(self) -> None:
        """Never overwrites what the clerk wrote: only an empty conclusions cell is filled."""
        row = self.view.currentIndex().row()
        if not 0 <= row < self.model.row_count() or self.db is None:
            return
        year = self.model.cell_text(row, "year").strip()
        if not year.isdigit() or self.model.cell_text(row, "conclusions").strip():
            return
        from app.core.documents.report_text import draft_conclusions_text

        self.model.set_value(row, "conclusions", draft_conclusions_text(self.db, int(year)))
        self.changed.emit()

    def load(self, reports: Sequence[ProgrammeReportRecord]) -> None:
        self.model.set_rows(
            [
                {
                    "year": r.year,
                    "submitted_to_council": r.submitted_to_council,
                    "published_in_bip": r.published_in_bip,
                    "conclusions": r.conclusions,
                }
                for r in reports
            ]
        )

    def values(self) -> list[ProgrammeReportInput]:
        return [
            ProgrammeReportInput(
                year=self.model.cell_text(row, "year").strip() or None,
                submitted_to_council=cell_date(r.get("submitted_to_council")),
                published_in_bip=cell_date(r.get("published_in_bip")),
                conclusions=self.model.cell_text(row, "conclusions"),
            )
            for row, r in enumerate(self.model.rows())
        ]


TEAM_COLUMNS = [
    EditColumn("name", N_("Member")),
    EditColumn("institution", N_("Institution")),
    EditColumn("role", N_("Role")),
    EditColumn("coordinator", N_("Coordinator"), CellKind.BOOL),
]


class TeamEditor(TableEditor):
    """The working group carrying out the programme: member, institution, role and the coordinator's tick."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            EditableRowsModel(TEAM_COLUMNS),
            widths={"name": 150, "institution": 160, "coordinator": 90},
            stretch="role",
            parent=parent,
        )

    def load(self, team: Sequence[ProgrammeTeamMemberRecord]) -> None:
        self.model.set_rows(
            [{"name": m.name, "institution": m.institution, "role": m.role, "coordinator": m.coordinator} for m in team]
        )

    def values(self) -> list[TeamMemberInput]:
        text = self.model.cell_text
        return [
            TeamMemberInput(text(row, "name"), text(row, "institution"), text(row, "role"), bool(r.get("coordinator")))
            for row, r in enumerate(self.model.rows())
        ]


def indicator_columns(years: Sequence[int]) -> list[EditColumn]:
    """The indicator's name, then a count per programme year (kept as typed: the service names a bad one)."""
    return [EditColumn("indicator", N_("Indicator"), editable=False)] + [
        EditColumn(str(y), str(y), CellKind.INT, as_typed=True, check=Check.COUNT) for y in years
    ]


class IndicatorsEditor(TableEditor):
    """Planned values of the monitoring indicators: one row per indicator, one column per programme year.
    An empty cell is "not planned" (the report prints "—"), never 0."""

    def __init__(self, parent: QWidget | None = None) -> None:
        from app.core.figures.programme_indicators import INDICATORS

        super().__init__(EditableRowsModel(indicator_columns([])), parent=parent)
        self.add_button.hide()
        self.remove_button.hide()
        self.indicators = INDICATORS
        self.codes = [i.code for i in INDICATORS]
        self.years: list[int] = []
        hint = QLabel(
            _(
                "Enter the planned value for each year; leave a cell empty when the programme does not "
                "plan it. The annual report prints planned against achieved."
            ),
            self,
        )
        hint.setWordWrap(True)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, hint)

    def set_years(self, first: int, last: int) -> None:
        """Shows the programme's years; values typed for a year kept in the range stay."""
        kept = self.values()
        self.years = list(range(first, last + 1)) if last >= first else [first]
        self.model.set_columns(indicator_columns(self.years))
        self.model.set_rows(
            [{"indicator": i.name, **{str(y): kept.get((y, i.code), "") for y in self.years}} for i in self.indicators]
        )

    def set_values(self, values: dict[tuple[int, str], Decimal]) -> None:
        for (year, code), value in values.items():
            if year in self.years and code in self.codes:
                shown = str(int(value)) if value == value.to_integral_value() else str(value)
                self.model.set_value(self.codes.index(code), str(year), shown)

    def values(self) -> dict[tuple[int, str], str]:
        out: dict[tuple[int, str], str] = {}
        for row, code in enumerate(self.codes[: self.model.row_count()]):
            for year in self.years:
                text = self.model.cell_text(row, str(year)).strip()
                if text:
                    out[(year, code)] = text
        return out


def _year_spec(key: str, label: str) -> FieldSpec:
    return FieldSpec(key, label, "spin", required=True, minimum=2000, maximum=2100, digit_groups=False)


class ProgrammeDialog(RecordDialog):
    def __init__(
        self,
        db: Database,
        programme_id: int | None = None,
        parent: QWidget | None = None,
        default_year: int | None = None,
    ) -> None:
        super().__init__(_("New cooperation programme") if programme_id is None else _("Cooperation programme"), parent)
        self.db = db
        self.programme_id = programme_id
        L = service.LABELS  # noqa: N806
        self.use_tabs()
        # -- programme and resolution -------------------------------------------------------
        self.add_tab(_("Programme"))
        self.kind = self.add_input(
            FieldSpec("kind", _(L["kind"]), "choice", required=True, **enum_choice(ProgrammeKind))
        )
        self.title_edit = self.add_input(FieldSpec("title", _(L["title"])))
        self.title_edit.input.setMinimumWidth(460)
        self.year_from = self.add_input(_year_spec("year_from", _(L["year_from"])))
        self.year_to = self.add_input(_year_spec("year_to", _(L["year_to"])))
        for box in (self.year_from, self.year_to):
            box.input.setMaximumWidth(90)  # four digits

        year = default_year or dt.date.today().year + 1
        self.year_from.set_value(year)
        self.year_to.set_value(year)
        self.year_from.changed.connect(self._sync_years)
        self.kind.changed.connect(self._sync_years)
        self.resolution_number = self.add_input(FieldSpec("resolution_number", _("Resolution number"), width=260))
        self.resolution_date = self.add_input(FieldSpec("resolution_date", _(L["resolution_date"]), "date"))
        self.journal_reference = self.add_input(FieldSpec("journal_reference", _("Voivodeship journal reference")))
        self.planned_total = self.add_input(FieldSpec("planned_total", _(L["planned_total"]), "money"))
        self.wkus_model = self.add_input(
            FieldSpec("wkus_model_adopted", _("WKUS model"), "bool", box_text=_("the programme adopts the WKUS model"))
        )
        # -- consultation -------------------------------------------------------------------
        self.add_tab(_("Consultation"))
        self.consultation_start = self.add_input(FieldSpec("consultation_start", _(L["consultation_start"]), "date"))
        self.consultation_end = self.add_input(FieldSpec("consultation_end", _(L["consultation_end"]), "date"))
        self.remarks_received = self.add_input(FieldSpec("remarks_received", _(L["remarks_received"]), "spin"))
        self.remarks_accepted = self.add_input(FieldSpec("remarks_accepted", _(L["remarks_accepted"]), "spin"))
        self.consultation_summary = self.add_input(
            FieldSpec("consultation_summary", _("Consultation summary"), "textarea", lines=3)
        )
        self.rdpp_draft_delivered = self.add_input(
            FieldSpec(
                "rdpp_draft_delivered",
                _(L["rdpp_draft_delivered"]),
                "date",
                help=_(
                    "Where a public benefit council (RDPP) sits: the day it received the draft; it has 14 days for "
                    "its opinion (art. 41i ust. 2)."
                ),
            )
        )
        self.rdpp_opinion_date = self.add_input(FieldSpec("rdpp_opinion_date", _(L["rdpp_opinion_date"]), "date"))
        self.rdpp_opinion = self.add_input(FieldSpec("rdpp_opinion", _("RDPP opinion"), "textarea", lines=2))
        # -- planned funds per priority -----------------------------------------------------
        self.add_tab(_("Priorities and funds"))
        self.priorities = self.add_field("priorities", _(L["priorities"]), PrioritiesEditor())
        self.priorities.update_total()
        # -- elements -----------------------------------------------------------------------
        self.add_tab(_("Elements (art. 5a ust. 4)"), scroll=True)
        #: the art. 5a ust. 4 elements by number (their editors' keys: element_1 … element_11)
        self.elements: dict[int, Editor] = {
            number: self.add_input(FieldSpec(f"element_{number}", f"{number}. {_(title)}", "textarea", lines=2))
            for number, title in service.ELEMENT_TITLES.items()
        }
        self.alias("elements", "element_1")
        self.draft_elements_button = QPushButton(_("Fill empty elements with the standard wording"))
        self.draft_elements_button.setToolTip(
            _(
                "Writes the act's standard wording into the elements that are still "
                "empty; edit it before saving. Typed text is never replaced."
            )
        )
        self.draft_elements_button.clicked.connect(self.draft_elements)
        self.add_field("draft_elements", "", self.draft_elements_button)
        # -- planned values of the monitoring indicators (art. 5a ust. 4 pkt 9) ----------------
        self.add_tab(_("Indicators"))
        self.indicators = self.add_field("indicators", _(L["indicators"]), IndicatorsEditor())
        self.year_from.changed.connect(self._sync_indicator_years)
        self.year_to.changed.connect(self._sync_indicator_years)
        self._sync_indicator_years()
        # -- the working group and its coordinator (WKUS Grupa Robocza, Sopot's Koordynator) ----------
        self.add_tab(_("Working group"))
        self.team = self.add_field("team", _(L["team"]), TeamEditor())
        # -- reports ------------------------------------------------------------------------
        self.add_tab(_("Reports"))
        self.reports = self.add_field("reports", _(L["reports"]), ReportsEditor())
        self.reports.db = db
        self.add_tab(_("Notes"))
        self.notes = self.add_input(FieldSpec("notes", _("Notes"), "textarea", lines=8))
        self.resize(860, 600)
        if programme_id is not None:
            self.load(service.get_programme(db, programme_id))

    def draft_elements(self) -> None:
        from app.core.documents.programme_text import draft_elements_for

        typed = {n: e.raw() for n, e in self.elements.items()}
        drafts = draft_elements_for(self.db, self.year_from.value(), self.year_to.value(), typed)
        for n, text in drafts.items():
            if not self.elements[n].raw().strip():
                self.elements[n].set_value(text)

    def _sync_indicator_years(self) -> None:
        self.indicators.set_years(self.year_from.value(), self.year_to.value())

    def _sync_years(self) -> None:
        """An annual programme has one year: keep the last year equal to the first."""
        if self.kind.value() is ProgrammeKind.ANNUAL:
            self.year_to.set_value(self.year_from.value())
        self.year_to.input.setEnabled(self.kind.value() is not ProgrammeKind.ANNUAL)

    def load(self, r: ProgrammeRecord) -> None:
        #: the version the form was filled from; the save names it (issue 19: another seat may save first)
        self._opened_version: int | None = r.version
        for key, editor in self._record_editors().items():
            editor.set_value(getattr(r, key))
        self._sync_years()
        self.priorities.load(r.priorities)
        for e in r.elements:
            if e.number in self.elements:
                self.elements[e.number].set_value(e.text)
        self.reports.load(r.reports)
        self.team.load(r.team)
        self._sync_indicator_years()
        self.indicators.set_values({(x.year, x.code): x.planned for x in r.indicators})
        self.setWindowTitle(_("Cooperation programme {years}").format(years=r.years_label))

    def _record_editors(self) -> dict[str, Editor]:
        """The editors named after a `ProgrammeInput` field (all but the elements)."""
        return {key: e for key, e in self.editors.items() if not key.startswith("element_")}

    def collect(self) -> ProgrammeInput:
        return ProgrammeInput(
            **{key: editor.value() for key, editor in self._record_editors().items()},
            elements={n: e.raw() for n, e in self.elements.items() if e.raw().strip()},
            priorities=self.priorities.values(),
            reports=self.reports.values(),
            expected_version=getattr(self, "_opened_version", None),
            indicators=dict(self.indicators.values()),
            team=self.team.values(),
        )

    def validate(self, data: ProgrammeInput) -> list[FieldError]:
        return service.validate_programme(data)

    def save(self, data: ProgrammeInput) -> ProgrammeRecord:
        # The act's rules for programmes (adoption by 30 November, consultation…) are checked on save.
        if self.programme_id is None:
            return self.save_checked(
                lambda ack: service.create_programme(self.db, data, law_check=True, acknowledge_warnings=ack)
            )
        programme_id = self.programme_id
        return self.save_checked(
            lambda ack: service.update_programme(self.db, programme_id, data, law_check=True, acknowledge_warnings=ack)
        )

    def show_errors(self, errors: Any, *, only_touched: bool = False) -> None:
        super().show_errors(errors, only_touched=only_touched)
        # the rows a service message names ("Wiersz 2: …") are painted red with the message as tooltip
        for name in ("priorities", "reports", "team"):  # not the indicators: one cell per message
            editor = self._fields[name].widget
            if isinstance(editor, TableEditor):
                touched = self._fields[name].touched
                editor.show_errors([] if only_touched and not touched else list(errors), name)
