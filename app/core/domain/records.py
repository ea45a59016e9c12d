"""Plain dataclasses exchanged between the services and the UI (never live ORM objects).

`*Record` = one stored record with everything a detail view or editor needs (frozen).
`*Row` = one line of a list view (frozen, cheap to build for hundreds of rows).
`*Input` = what an edit form collects, with amounts and identifiers as the clerk typed them
(raw strings: "1 234,50", "PL 856-734-62-15"); the services validate and normalise them.
Dates in inputs are `datetime.date` (the forms use date editors) or ISO / dd.mm.yyyy text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from app.core.domain.enums import (
    ContractForm,
    ContractStatus,
    ContributionKind,
    ControlKind,
    DeliveryMode,
    LegalForm,
    MkusType,
    ProcedureRoute,
    ProgrammeKind,
    RegistryType,
    ReportKind,
    ResultKind,
    WkusArea,
)

# the gmina's record and input have their own module (the Pulpit's start-up reads the profile without
# importing the dozens of dataclasses here); re-exported for every other caller
from app.core.domain.gmina_records import GminaInput, GminaRecord  # noqa: F401

#: a date field of an input form: a date, text typed by the clerk, or nothing
DateInput = dt.date | str | None


# ---- organisations ----------------------------------------------------------------------------


@dataclass(frozen=True)
class OrganisationRecord:
    id: int
    name: str
    short_name: str
    legal_form: LegalForm
    registry_type: RegistryType
    registry_number: str
    nip: str
    regon: str
    street: str
    postal_code: str
    city: str
    email: str
    phone: str
    website: str
    contact_person: str
    contact_email: str
    contact_phone: str
    opp_status: bool
    active: bool
    notes: str
    areas: tuple[WkusArea, ...]
    #: art. 4 sphere codes (resources/law/art4_spheres.toml), sorted
    spheres: tuple[str, ...]
    #: number of contracts the organisation is a party to
    contracts_count: int = 0
    #: the stored version counter (issue 19): a save names it and is refused if another seat saved since
    version: int = 0


@dataclass(frozen=True)
class OrganisationRow:
    id: int
    name: str
    short_name: str
    legal_form: LegalForm
    registry_type: RegistryType
    registry_number: str
    nip: str
    regon: str
    city: str
    areas: tuple[WkusArea, ...]
    opp_status: bool
    active: bool
    contracts_count: int


@dataclass
class OrganisationInput:
    name: str = ""
    short_name: str = ""
    legal_form: LegalForm | str | None = None
    registry_type: RegistryType | str | None = None
    registry_number: str = ""
    nip: str = ""
    regon: str = ""
    street: str = ""
    postal_code: str = ""
    city: str = ""
    email: str = ""
    phone: str = ""
    website: str = ""
    contact_person: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    opp_status: bool = False
    active: bool = True
    notes: str = ""
    areas: tuple[WkusArea | str, ...] = ()
    spheres: tuple[str, ...] = ()
    #: the version the editor started from (OrganisationRecord.version); None saves without the check
    expected_version: int | None = None


# ---- public tasks -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskRecord:
    id: int
    title: str
    description: str
    area: WkusArea
    spheres: tuple[str, ...]
    mkus_type: MkusType | None
    delivery_mode: DeliveryMode
    recipients: str
    notes: str
    contracts_count: int = 0


@dataclass
class TaskInput:
    title: str = ""
    description: str = ""
    area: WkusArea | str | None = None
    spheres: tuple[str, ...] = ()
    mkus_type: MkusType | str | None = None
    delivery_mode: DeliveryMode | str | None = DeliveryMode.NOT_DELIVERED
    recipients: str = ""
    notes: str = ""


# ---- cooperation programmes -------------------------------------------------------------------


@dataclass(frozen=True)
class ProgrammeElementRecord:
    number: int
    text: str


@dataclass(frozen=True)
class ProgrammePriorityRecord:
    id: int
    year: int
    title: str
    area: WkusArea | None
    planned_amount: Decimal


@dataclass(frozen=True)
class ProgrammeIndicatorRecord:
    """The planned value of a monitoring indicator for one year (code: figures.programme_indicators)."""

    year: int
    code: str
    planned: Decimal


@dataclass(frozen=True)
class ProgrammeTeamMemberRecord:
    """A member of the programme's working group (schema 11); `coordinator`: the person coordinating it."""

    name: str
    institution: str
    role: str
    coordinator: bool


@dataclass(frozen=True)
class ProgrammeReportRecord:
    id: int
    year: int
    submitted_to_council: dt.date | None
    published_in_bip: dt.date | None
    conclusions: str


@dataclass(frozen=True)
class ProgrammeRecord:
    id: int
    kind: ProgrammeKind
    title: str
    year_from: int
    year_to: int
    resolution_number: str
    resolution_date: dt.date | None
    journal_reference: str
    consultation_start: dt.date | None
    consultation_end: dt.date | None
    consultation_summary: str
    remarks_received: int
    remarks_accepted: int
    rdpp_opinion_date: dt.date | None
    rdpp_opinion: str
    wkus_model_adopted: bool
    planned_total: Decimal | None
    notes: str
    elements: tuple[ProgrammeElementRecord, ...]
    priorities: tuple[ProgrammePriorityRecord, ...]
    reports: tuple[ProgrammeReportRecord, ...]
    #: the stored version counter (issue 19): a save names it and is refused if another seat saved since
    version: int = 0
    #: planned values of the monitoring indicators per year (schema 10)
    indicators: tuple[ProgrammeIndicatorRecord, ...] = ()
    #: the working group carrying out the programme, in the clerk's order (schema 11)
    team: tuple[ProgrammeTeamMemberRecord, ...] = ()
    #: the draft delivered to the RDPP (art. 41i ust. 2); None = not recorded
    rdpp_draft_delivered: dt.date | None = None

    @property
    def years_label(self) -> str:
        return str(self.year_from) if self.year_from == self.year_to else f"{self.year_from}–{self.year_to}"

    @property
    def priorities_total(self) -> Decimal:
        return sum((p.planned_amount for p in self.priorities), Decimal("0.00"))

    @property
    def filled_elements(self) -> tuple[int, ...]:
        """Numbers (1–11) of the art. 5a ust. 4 elements that have text."""
        return tuple(e.number for e in self.elements if e.text.strip())


@dataclass(frozen=True)
class ProgrammeRow:
    id: int
    kind: ProgrammeKind
    title: str
    year_from: int
    year_to: int
    years_label: str
    resolution_number: str
    resolution_date: dt.date | None
    planned_total: Decimal | None
    elements_filled: int


@dataclass
class PriorityInput:
    year: int | str | None = None
    title: str = ""
    area: WkusArea | str | None = None
    planned_amount: str | Decimal = ""
    id: int | None = None


@dataclass
class TeamMemberInput:
    name: str = ""
    institution: str = ""
    role: str = ""
    coordinator: bool = False


@dataclass
class ProgrammeReportInput:
    year: int | str | None = None
    submitted_to_council: DateInput = None
    published_in_bip: DateInput = None
    conclusions: str = ""


@dataclass
class ProgrammeInput:
    kind: ProgrammeKind | str | None = ProgrammeKind.ANNUAL
    title: str = ""
    year_from: int | str | None = None
    year_to: int | str | None = None
    resolution_number: str = ""
    resolution_date: DateInput = None
    journal_reference: str = ""
    consultation_start: DateInput = None
    consultation_end: DateInput = None
    consultation_summary: str = ""
    remarks_received: int | str = 0
    remarks_accepted: int | str = 0
    rdpp_opinion_date: DateInput = None
    rdpp_opinion: str = ""
    rdpp_draft_delivered: DateInput = None
    wkus_model_adopted: bool = False
    planned_total: str | Decimal = ""
    notes: str = ""
    #: element number (1–11) → text; missing numbers are stored as absent
    elements: dict[int, str] = field(default_factory=dict)
    priorities: list[PriorityInput] = field(default_factory=list)
    reports: list[ProgrammeReportInput] = field(default_factory=list)
    #: the version the editor started from (the record's version); None saves without the check
    expected_version: int | None = None
    #: (year, indicator code) → planned value as typed; an empty value means "not planned"
    indicators: dict[tuple[int, str], str | int | Decimal] = field(default_factory=dict)
    #: the working group carrying out the programme, in order (schema 11)
    team: list[TeamMemberInput] = field(default_factory=list)


# ---- procedures -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProcedurePartRecord:
    """One area (sphere) of a competition announced over several areas."""

    id: int
    area: WkusArea
    task_id: int | None
    title: str
    planned_amount: Decimal | None
    offers_received: int
    offers_rejected: int


@dataclass(frozen=True)
class ProcedureRecord:
    id: int
    route: ProcedureRoute
    title: str
    reference: str
    task_id: int | None
    task_title: str
    programme_id: int | None
    budget_year: int
    planned_amount: Decimal | None
    published_bip: dt.date | None
    published_board: dt.date | None
    published_website: dt.date | None
    offer_deadline: dt.date | None
    #: None = not known (an import that did not carry it)
    lists_previous_years: bool | None
    offers_received: int
    offers_rejected: int
    decision_date: dt.date | None
    results_published: dt.date | None
    annulled: bool
    annulment_date: dt.date | None
    received_date: dt.date | None
    applicant_id: int | None
    applicant_name: str
    publication_start: dt.date | None
    publication_end: dt.date | None
    answer_date: dt.date | None
    task_start: dt.date | None
    task_end: dt.date | None
    notes: str
    contracts_count: int = 0
    parts: tuple[ProcedurePartRecord, ...] = ()
    #: the stored version counter (issue 19): a save names it and is refused if another seat saved since
    version: int = 0
    #: points 1–6 of art. 13 ust. 2 the announcement contains, e.g. "1,2,3"; None = not recorded
    announcement_points: str | None = None
    #: the competition commission (art. 15 ust. 2a–2f); None = not recorded
    commission_appointed: dt.date | None = None
    commission_ngo_members: int | None = None
    commission_offeror_members: int | None = None
    commission_statements: bool | None = None
    #: the results (or the annulment) on the notice board and the website; results_published is BIP
    results_published_board: dt.date | None = None
    results_published_website: dt.date | None = None
    #: art. 19a: the offer on the board and the website (publication_start is BIP); remarks considered on
    offer_published_board: dt.date | None = None
    offer_published_website: dt.date | None = None
    remarks_considered: dt.date | None = None


@dataclass
class ProcedurePartInput:
    area: WkusArea | str | None = None
    task_id: int | None = None
    title: str = ""
    planned_amount: str | Decimal = ""
    offers_received: int | str = 0
    offers_rejected: int | str = 0
    #: id of the stored part being edited; None for a new one
    id: int | None = None


@dataclass
class ProcedureInput:
    route: ProcedureRoute | str | None = ProcedureRoute.OPEN_COMPETITION
    title: str = ""
    reference: str = ""
    task_id: int | None = None
    programme_id: int | None = None
    budget_year: int | str | None = None
    planned_amount: str | Decimal = ""
    published_bip: DateInput = None
    published_board: DateInput = None
    published_website: DateInput = None
    offer_deadline: DateInput = None
    #: None keeps the fact unknown (never turned into "no")
    lists_previous_years: bool | None = False
    offers_received: int | str = 0
    offers_rejected: int | str = 0
    decision_date: DateInput = None
    results_published: DateInput = None
    annulled: bool = False
    annulment_date: DateInput = None
    received_date: DateInput = None
    applicant_id: int | None = None
    publication_start: DateInput = None
    publication_end: DateInput = None
    answer_date: DateInput = None
    task_start: DateInput = None
    task_end: DateInput = None
    notes: str = ""
    #: the areas of a competition over several areas (empty: the procedure has one area or task)
    parts: list[ProcedurePartInput] = field(default_factory=list)
    #: the version the editor started from (the record's version); None saves without the check
    expected_version: int | None = None
    #: points 1–6 of art. 13 ust. 2 the announcement contains ("1,2,3"); None keeps it not recorded
    announcement_points: str | None = None
    commission_appointed: DateInput = None
    #: "" or None = not recorded
    commission_ngo_members: int | str | None = None
    commission_offeror_members: int | str | None = None
    #: None keeps the fact unknown
    commission_statements: bool | None = None
    results_published_board: DateInput = None
    results_published_website: DateInput = None
    offer_published_board: DateInput = None
    offer_published_website: DateInput = None
    remarks_considered: DateInput = None


# ---- contracts --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PartyRecord:
    organisation_id: int
    organisation_name: str
    role: str


@dataclass(frozen=True)
class TrancheRecord:
    id: int
    budget_year: int
    amount: Decimal
    payment_date: dt.date | None
    paid_date: dt.date | None
    use_deadline: dt.date | None
    return_deadline: dt.date | None
    used_amount: Decimal | None
    returned_amount: Decimal | None
    #: the day the unused part came back (art. 251 ust. 5 u.f.p. interest when late)
    returned_date: dt.date | None = None


@dataclass(frozen=True)
class ContributionRecord:
    id: int
    budget_year: int
    kind: ContributionKind
    planned_amount: Decimal
    actual_amount: Decimal | None
    note: str


@dataclass(frozen=True)
class PlannedResultRecord:
    id: int
    name: str
    unit: str
    source: str
    #: None = target for the whole contract
    budget_year: int | None
    target_value: Decimal
    #: budget year → achieved value
    achieved: dict[int, Decimal]
    #: state / flow / persons: how the yearly values add up (app.core.tools.results)
    kind: ResultKind = ResultKind.FLOW


@dataclass(frozen=True)
class ContractReportRecord:
    id: int
    kind: ReportKind
    budget_year: int | None
    period_end: dt.date | None
    call_delivered: dt.date | None
    due_date: dt.date
    received_date: dt.date | None
    accepted_date: dt.date | None
    cost_total: Decimal | None
    cost_grant: Decimal | None
    cost_admin: Decimal | None
    recipients: int | None
    notes: str

    def is_late(self, today: dt.date) -> bool:
        """Not received and past its due date, or received after it."""
        if self.received_date is None:
            return today > self.due_date
        return self.received_date > self.due_date


@dataclass(frozen=True)
class ControlRecord:
    id: int
    kind: ControlKind
    control_date: dt.date
    controllers: str
    scope: str
    findings: str
    recommendations: str
    recommendations_due: dt.date | None
    recommendations_done: bool


@dataclass(frozen=True)
class ContractRecord:
    id: int
    number: str
    title: str
    task_id: int | None
    task_title: str
    procedure_id: int | None
    procedure_title: str
    form: ContractForm
    status: ContractStatus
    signed_date: dt.date | None
    start_date: dt.date
    end_date: dt.date
    unit_rate: Decimal | None
    unit_name: str
    budget_paragraph: str
    notes: str
    parties: tuple[PartyRecord, ...]
    tranches: tuple[TrancheRecord, ...]
    contributions: tuple[ContributionRecord, ...]
    planned_results: tuple[PlannedResultRecord, ...]
    reports: tuple[ContractReportRecord, ...]
    controls: tuple[ControlRecord, ...]
    #: the planned total grant the tranches must add up to (None: not given)
    planned_total: Decimal | None = None
    #: the stored version counter (issue 19): a save names it and is refused if another seat saved since
    version: int = 0
    #: dział and rozdział of the budget classification ("" = not entered)
    budget_division: str = ""
    budget_chapter: str = ""

    @property
    def organisation_names(self) -> str:
        return "; ".join(p.organisation_name for p in self.parties)

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(range(self.start_date.year, self.end_date.year + 1))

    @property
    def years_label(self) -> str:
        return years_label(self.start_date, self.end_date)

    @property
    def is_multi_year(self) -> bool:
        return self.end_date.year > self.start_date.year

    @property
    def total_grant(self) -> Decimal:
        return sum((t.amount for t in self.tranches), Decimal("0.00"))

    @property
    def grant_per_year(self) -> dict[int, Decimal]:
        out: dict[int, Decimal] = {}
        for t in self.tranches:
            out[t.budget_year] = out.get(t.budget_year, Decimal("0.00")) + t.amount
        return out

    @property
    def own_contribution_by_kind(self) -> dict[ContributionKind, Decimal]:
        """Planned amounts summed over the years, per kind (kinds with no rows are absent)."""
        out: dict[ContributionKind, Decimal] = {}
        for c in self.contributions:
            out[c.kind] = out.get(c.kind, Decimal("0.00")) + c.planned_amount
        return out

    @property
    def own_contribution_total(self) -> Decimal:
        """Own contribution in the sense of the offer form: financial + personal + in-kind."""
        own = (ContributionKind.FINANCIAL, ContributionKind.PERSONAL, ContributionKind.IN_KIND)
        return sum((v for k, v in self.own_contribution_by_kind.items() if k in own), Decimal("0.00"))

    @property
    def total_cost(self) -> Decimal:
        """Grant plus every other source (own contribution, recipients' fees, other public funds)."""
        return self.total_grant + sum((c.planned_amount for c in self.contributions), Decimal("0.00"))


@dataclass(frozen=True)
class ContractRow:
    id: int
    number: str
    title: str
    organisation_names: str
    form: ContractForm
    status: ContractStatus
    start_date: dt.date
    end_date: dt.date
    years_label: str
    is_multi_year: bool
    total_amount: Decimal
    task_title: str
    #: the next open date (unpaid tranche, report not received, end of contract) on or after today
    next_due_date: dt.date | None
    next_due_label: str
    #: the earliest date already missed (report not received, tranche not paid), if any
    overdue_date: dt.date | None = None
    overdue_label: str = ""
    #: the parties' organisation ids (the Contracts list filters by one organisation)
    organisation_ids: tuple[int, ...] = ()


@dataclass
class PartyInput:
    organisation_id: int
    role: str = ""


@dataclass
class TrancheInput:
    budget_year: int | str | None = None
    amount: str | Decimal = ""
    payment_date: DateInput = None
    paid_date: DateInput = None
    #: empty = 31 December of the budget year (art. 221 ust. 3 ufp)
    use_deadline: DateInput = None
    #: empty = 15 days after the use deadline (art. 251 ufp)
    return_deadline: DateInput = None
    used_amount: str | Decimal = ""
    returned_amount: str | Decimal = ""
    returned_date: DateInput = None


@dataclass
class ContributionInput:
    budget_year: int | str | None = None
    kind: ContributionKind | str | None = ContributionKind.FINANCIAL
    planned_amount: str | Decimal = ""
    actual_amount: str | Decimal = ""
    note: str = ""


@dataclass
class PlannedResultInput:
    name: str = ""
    unit: str = ""
    source: str = ""
    budget_year: int | str | None = None
    target_value: str | Decimal = ""
    #: budget year → achieved value as typed ("36", "12,5")
    achieved: dict[int, str | Decimal] = field(default_factory=dict)
    #: id of the stored result being edited (keeps its history); None for a new one
    id: int | None = None
    #: state / flow / persons; None = the default of the unit
    kind: ResultKind | str | None = None


@dataclass
class ContractInput:
    number: str = ""
    title: str = ""
    task_id: int | None = None
    procedure_id: int | None = None
    form: ContractForm | str | None = ContractForm.WSPARCIE
    status: ContractStatus | str | None = ContractStatus.DRAFT
    signed_date: DateInput = None
    start_date: DateInput = None
    end_date: DateInput = None
    unit_rate: str | Decimal = ""
    unit_name: str = ""
    budget_paragraph: str = "2360"
    #: dział (3 digits) and rozdział (5 digits, beginning with the dział); empty = not entered
    budget_division: str = ""
    budget_chapter: str = ""
    notes: str = ""
    #: the total the clerk expects; when given it must equal the sum of the tranches
    planned_total: str | Decimal = ""
    parties: list[PartyInput] = field(default_factory=list)
    tranches: list[TrancheInput] = field(default_factory=list)
    contributions: list[ContributionInput] = field(default_factory=list)
    planned_results: list[PlannedResultInput] = field(default_factory=list)
    #: the version the editor started from (ContractRecord.version); None saves without the check
    expected_version: int | None = None


@dataclass
class ReportInput:
    kind: ReportKind | str | None = ReportKind.ANNUAL
    budget_year: int | str | None = None
    period_end: DateInput = None
    call_delivered: DateInput = None
    due_date: DateInput = None
    received_date: DateInput = None
    accepted_date: DateInput = None
    cost_total: str | Decimal = ""
    cost_grant: str | Decimal = ""
    cost_admin: str | Decimal = ""
    recipients: int | str | None = None
    notes: str = ""


@dataclass
class ControlInput:
    kind: ControlKind | str | None = ControlKind.DURING
    control_date: DateInput = None
    controllers: str = ""
    scope: str = ""
    findings: str = ""
    recommendations: str = ""
    recommendations_due: DateInput = None
    recommendations_done: bool = False


def years_label(start: dt.date, end: dt.date) -> str:
    """ "2025" or "2025–2027" (en dash), as the lists show the contract period."""
    return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
