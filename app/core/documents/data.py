"""Read-only queries for documents, returning plain dataclasses (never live ORM objects).

Kept separate from the registry services so documents can be built from any database state and
the figures printed are computed in exactly one place.

Money figures (planned, committed, transferred, used, returned) are owned by `app.core.figures.money`;
a `ContractInfo` only carries one contract's own tranches (`amount_in(X)` = its tranches with
`budget_year == X`, art. 221 ufp). A contract is "multi-year" when its tranches (or dates) span more
than one budget year.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.core.db.models import (
    Contract,
    ContractParty,
    CooperationProgramme,
    Gmina,
    Organisation,
    Procedure,
    PublicTask,
    Tranche,
)
from app.core.domain.enums import (
    ContractForm,
    ContractStatus,
    JstType,
    ProcedureRoute,
    RegistryType,
    WkusArea,
)
from app.core.domain.gmina_names import NameForms, name_forms
from app.core.errors import NotFound, UserFacingError
from app.core.i18n import _
from app.core.law.interest import LateReturnInterest
from app.core.law.rules import tranche_interest
from app.core.money import ZERO
from app.core.tools.results import ResultData


@dataclass(frozen=True)
class GminaInfo:
    name: str
    executive: str  # translated title, e.g. "Wójt"
    council: str
    city: str
    jst_type: str
    logo: bytes | None
    is_powiat: bool = False
    #: the council's name was not entered in the gmina profile (`council` is derived or empty)
    council_missing: bool = False
    #: the name, the head and the council in the cases council documents need (schema 2)
    forms: NameForms | None = None
    street: str = ""
    postal_code: str = ""
    email: str = ""
    phone: str = ""
    bip_url: str = ""

    @property
    def head(self) -> str:
        """ "Wójt Gminy X" (the bare title before the profile exists)."""
        return self.forms.head if self.forms else self.executive

    @property
    def address(self) -> str:
        """ "ul. Główna 1, 16-070 Przykładowo" (what is entered of it)."""
        town = " ".join(p for p in (self.postal_code, self.city) if p)
        return ", ".join(p for p in (self.street, town) if p)

    @property
    def contacts(self) -> str:
        """ "tel. …, e-mail …, BIP …" (what is entered of it)."""
        parts = []
        if self.phone:
            parts.append(_("phone {phone}").format(phone=self.phone))
        if self.email:
            parts.append(_("e-mail {email}").format(email=self.email))
        return ", ".join(parts)


@dataclass(frozen=True)
class PartyInfo:
    name: str
    nip: str
    registry: str
    role: str


@dataclass(frozen=True)
class TrancheInfo:
    year: int
    amount: Decimal
    payment_date: dt.date | None
    used: Decimal | None
    returned: Decimal | None
    #: as stored; empty when the contract keeps the statutory terms (the card prints those, as the dialog does)
    use_deadline: dt.date | None = None
    return_deadline: dt.date | None = None
    returned_date: dt.date | None = None
    #: art. 251 ust. 5 u.f.p. interest when the return came after the act's term (None: in time or not recorded)
    late_interest: LateReturnInterest | None = None


@dataclass(frozen=True)
class ContributionInfo:
    year: int
    kind: str  # translated label
    kind_code: str
    planned: Decimal
    actual: Decimal | None


#: a planned result as the documents read it: the tools' own ResultData (one read model of a result;
#: how its yearly values add up is app.core.tools.results', never the documents')
ResultInfo = ResultData


@dataclass(frozen=True)
class ReportInfo:
    kind: str
    year: int | None
    due: dt.date
    received: dt.date | None
    accepted: dt.date | None
    cost_total: Decimal | None
    cost_grant: Decimal | None
    recipients: int | None


@dataclass(frozen=True)
class ControlInfo:
    kind: str
    date: dt.date
    controllers: str
    findings: str
    recommendations: str
    recommendations_due: dt.date | None
    done: bool


@dataclass(frozen=True)
class ContractInfo:
    id: int
    number: str
    title: str
    form: ContractForm
    status: str
    start: dt.date
    end: dt.date
    area: WkusArea | None
    route: ProcedureRoute | None
    procedure_id: int | None
    task_title: str
    unit_rate: Decimal | None
    unit_name: str
    parties: list[PartyInfo]
    tranches: list[TrancheInfo]
    contributions: list[ContributionInfo]
    results: list[ResultInfo]
    reports: list[ReportInfo]
    controls: list[ControlInfo]
    signed: dt.date | None = None
    budget_paragraph: str = ""
    #: the status itself (`status` is its label): whether a missed report is overdue depends on it
    status_code: ContractStatus | None = None
    #: dział and rozdział of the budget classification ("" = not entered)
    budget_division: str = ""
    budget_chapter: str = ""

    @property
    def organisations(self) -> str:
        return "; ".join(p.name for p in self.parties) or "—"

    @property
    def years(self) -> list[int]:
        ys = {t.year for t in self.tranches} or set(range(self.start.year, self.end.year + 1))
        return sorted(ys)

    @property
    def is_multi_year(self) -> bool:
        return len(set(self.years) | set(range(self.start.year, self.end.year + 1))) > 1

    @property
    def total(self) -> Decimal:
        return sum((t.amount for t in self.tranches), ZERO)

    def amount_in(self, year: int) -> Decimal:
        return sum((t.amount for t in self.tranches if t.year == year), ZERO)

    def year_index(self, year: int) -> int:
        """1 for the first year of the contract, 2 for the second..."""
        return year - self.years[0] + 1 if self.years else 1


@dataclass(frozen=True)
class ProcedurePartInfo:
    area: WkusArea
    title: str
    planned: Decimal | None
    offers_received: int
    offers_rejected: int
    #: organisations of the procedure's signed contracts in this area (the part's winners)
    winners: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProcedureInfo:
    id: int
    route: ProcedureRoute
    title: str
    year: int
    area: WkusArea | None
    planned: Decimal | None
    announced: dt.date | None
    deadline: dt.date | None
    offers_received: int
    offers_rejected: int
    annulled: bool
    #: areas of the signed contracts concluded in the procedure (by their own task)
    contract_areas: frozenset[WkusArea] = frozenset()
    #: the areas of a competition announced over several areas (empty: one area)
    parts: tuple[ProcedurePartInfo, ...] = ()

    @property
    def report_area(self) -> WkusArea | None:
        """The area the annual report counts the procedure in: its task's, else the one area of its
        contracts; None when neither says (no task, or contracts in several areas)."""
        if self.area is not None:
            return self.area
        return next(iter(self.contract_areas)) if len(self.contract_areas) == 1 else None


@dataclass(frozen=True)
class PriorityInfo:
    year: int
    title: str
    area: WkusArea | None
    planned: Decimal


@dataclass(frozen=True)
class TeamMemberInfo:
    """A member of the programme's working group (schema 11)."""

    name: str
    institution: str
    role: str
    coordinator: bool


@dataclass(frozen=True)
class ProgrammeInfo:
    id: int
    kind: str
    kind_code: str
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
    elements: dict[int, str]
    priorities: list[PriorityInfo]
    report_conclusions: dict[int, str] = field(default_factory=dict)
    #: (year, indicator code) → the planned value of a monitoring indicator (figures.programme_indicators)
    indicators: dict[tuple[int, str], Decimal] = field(default_factory=dict)
    #: the working group carrying out the programme, in the clerk's order
    team: tuple[TeamMemberInfo, ...] = ()

    @property
    def period(self) -> str:
        if self.year_from == self.year_to:
            return str(self.year_from)
        return f"{self.year_from}–{self.year_to}"


# ---- queries ----------------------------------------------------------------------------------


def derived_council(name: str, jst_type: JstType) -> str:
    """The council's name when the profile has none: "Rada Gminy X" for a rural gmina, whose council is
    named with the gmina's name as it stands. A town's council ("Rada Miejska w X", "Rada Miasta X") and a
    powiat's ("Rada Powiatu X-ego") need a declined name the app cannot make, so those stay empty and
    the documents leave the council out or show a blank to fill in."""
    if jst_type is not JstType.GMINA_WIEJSKA:
        return ""
    bare = name.strip()
    if bare.casefold().startswith("gmina "):
        bare = bare[len("gmina ") :].strip()
    return _("Gmina Council of {name}").format(name=bare) if bare else ""


def gmina_info(session: Session) -> GminaInfo:
    row = session.scalars(select(Gmina).order_by(Gmina.id)).first()
    if row is None:
        return GminaInfo(
            name=_("(gmina not configured)"), executive=_("Wójt"), council="", city="", jst_type="", logo=None
        )
    entered = (row.council_name or "").strip()
    council = entered or derived_council(row.name, row.jst_type)
    return GminaInfo(
        name=row.name,
        executive=row.executive_title.label,
        council=council,
        council_missing=not entered,
        city=row.city or "",
        jst_type=row.jst_type.label,
        logo=row.logo,
        is_powiat=row.jst_type == JstType.POWIAT,
        forms=name_forms(
            row.name,
            row.executive_title,
            council,
            row.voivodeship or "",
            row.name_genitive or "",
            row.name_dative or "",
            row.name_locative or "",
        ),
        street=row.street or "",
        postal_code=row.postal_code or "",
        email=row.email or "",
        phone=row.phone or "",
        bip_url=row.bip_url or "",
    )


def _task_map(session: Session) -> dict[int, PublicTask]:
    return {t.id: t for t in session.scalars(select(PublicTask))}


def _late_interest(t: Any) -> LateReturnInterest | None:
    if t.returned_date is None or not t.returned_amount or t.returned_amount <= 0:
        return None  # tranche_interest's own first test, before it reads the law's data
    try:
        return tranche_interest(t)
    except (UserFacingError, ValueError):  # a year outside the holiday calendar: rule UMW-3 names it
        return None


def _children(session: Session, ids: Any, model: Any, columns: tuple[Any, ...], *order: Any) -> dict[int, list[Any]]:
    """The rows of a child table per contract id, in the relationship's own order (the id breaks ties,
    as the insertion order the ORM's unordered ties followed)."""
    out: dict[int, list[Any]] = defaultdict(list)
    for r in session.execute(
        select(model.contract_id, *columns)
        .where(model.contract_id.in_(ids))
        .order_by(model.contract_id, *order, model.id)
    ):
        out[r.contract_id].append(r)
    return out


#: the children of a contract `_contracts` reads with it (a ContractInfo's lists)
CHILDREN = frozenset({"parties", "tranches", "contributions", "results", "reports", "controls"})


class NotRead(list[Any]):
    """A child list of a contract that a document did not ask to read: any look at it raises, so a list
    that was not read can never pass for an empty one (no results, no controls)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def _refuse(self, *_args: Any, **_kwargs: Any) -> Any:
        raise LookupError(f"the contract's {self.name} were not read for this document")

    __iter__ = __len__ = __getitem__ = __bool__ = __contains__ = __reversed__ = _refuse


def contracts(session: Session, contract_ids: list[int] | None = None) -> list[ContractInfo]:
    """All contracts (or the given ones), ordered by start date and number."""
    return _contracts(session, Contract.id.in_(contract_ids) if contract_ids is not None else None)


def _contracts(session: Session, where: Any = None, children: frozenset[str] = CHILDREN) -> list[ContractInfo]:
    """The contracts and their children read as columns, one query per table (issue 18: building ORM
    objects with all their children took most of the annual report's reading on a large gmina).
    `children`: the lists read (CHILDREN: all); each other one is `NotRead`."""
    from app.core.db.models import ContractReport, Control, OwnContribution, PlannedResult, ResultValue

    if not children <= CHILDREN:
        raise ValueError(f"not children of a contract: {sorted(children - CHILDREN)}")

    stmt = select(
        Contract.id,
        Contract.number,
        Contract.title,
        Contract.form,
        Contract.status,
        Contract.start_date,
        Contract.end_date,
        Contract.task_id,
        Contract.procedure_id,
        Contract.unit_rate,
        Contract.unit_name,
        Contract.signed_date,
        Contract.budget_paragraph,
        Contract.budget_division,
        Contract.budget_chapter,
    ).order_by(Contract.start_date, Contract.number, Contract.id)
    ids: Any = select(Contract.id)
    if where is not None:
        stmt, ids = stmt.where(where), ids.where(where)
    rows = list(session.execute(stmt))
    if not rows:
        return []
    tasks = {t.id: t for t in session.execute(select(PublicTask.id, PublicTask.area, PublicTask.title))}
    procs = {p.id: p for p in session.execute(select(Procedure.id, Procedure.route, Procedure.task_id))}
    parties: dict[int, list[Any]] = {}
    orgs: dict[int, Any] = {}
    if "parties" in children:
        parties = _children(
            session, ids, ContractParty, (ContractParty.organisation_id, ContractParty.role), ContractParty.position
        )
        orgs = {
            o.id: o
            for o in session.execute(
                select(
                    Organisation.id,
                    Organisation.name,
                    Organisation.nip,
                    Organisation.registry_type,
                    Organisation.registry_number,
                ).where(
                    Organisation.id.in_(select(ContractParty.organisation_id).where(ContractParty.contract_id.in_(ids)))
                )
            )
        }
    tranches: dict[int, list[Any]] = {}
    if "tranches" in children:
        tranches = _children(
            session,
            ids,
            Tranche,
            (
                Tranche.budget_year,
                Tranche.amount,
                Tranche.payment_date,
                Tranche.used_amount,
                Tranche.returned_amount,
                Tranche.use_deadline,
                Tranche.return_deadline,
                Tranche.returned_date,
            ),
            Tranche.budget_year,
            Tranche.payment_date,
        )
    contributions: dict[int, list[Any]] = {}
    if "contributions" in children:
        contributions = _children(
            session,
            ids,
            OwnContribution,
            (
                OwnContribution.budget_year,
                OwnContribution.kind,
                OwnContribution.planned_amount,
                OwnContribution.actual_amount,
            ),
            OwnContribution.budget_year,
        )
    results: dict[int, list[Any]] = {}
    values: dict[int, dict[int, Decimal]] = defaultdict(dict)
    if "results" in children:
        results = _children(
            session,
            ids,
            PlannedResult,
            (
                PlannedResult.id.label("result_id"),
                PlannedResult.name,
                PlannedResult.unit,
                PlannedResult.budget_year,
                PlannedResult.target_value,
                PlannedResult.kind,
            ),
            PlannedResult.position,
        )
        for v in session.execute(
            select(ResultValue.planned_result_id, ResultValue.budget_year, ResultValue.value)
            .join(PlannedResult, PlannedResult.id == ResultValue.planned_result_id)
            .where(PlannedResult.contract_id.in_(ids))
            .order_by(ResultValue.planned_result_id, ResultValue.budget_year, ResultValue.id)
        ):
            values[v.planned_result_id][v.budget_year] = v.value
    reports: dict[int, list[Any]] = {}
    if "reports" in children:
        reports = _children(
            session,
            ids,
            ContractReport,
            (
                ContractReport.kind,
                ContractReport.budget_year,
                ContractReport.due_date,
                ContractReport.received_date,
                ContractReport.accepted_date,
                ContractReport.cost_total,
                ContractReport.cost_grant,
                ContractReport.recipients,
            ),
            ContractReport.due_date,
        )
    controls: dict[int, list[Any]] = {}
    if "controls" in children:
        controls = _children(
            session,
            ids,
            Control,
            (
                Control.kind,
                Control.control_date,
                Control.controllers,
                Control.findings,
                Control.recommendations,
                Control.recommendations_due,
                Control.recommendations_done,
            ),
            Control.control_date,
        )

    def read(name: str, items: list[Any]) -> list[Any]:
        return items if name in children else NotRead(name)

    out = []
    for c in rows:
        proc = procs.get(c.procedure_id) if c.procedure_id else None
        task = tasks.get(c.task_id) if c.task_id else None
        if task is None and proc is not None and proc.task_id:
            task = tasks.get(proc.task_id)
        infos = []
        for p in parties.get(c.id, ()):
            o = orgs.get(p.organisation_id)
            if o is None:
                continue
            # "KRS: 0000123456" reads as in every official document; other registers keep their name
            kind = "KRS" if o.registry_type == RegistryType.KRS else o.registry_type.label
            registry = o.registry_number and f"{kind}: {o.registry_number}" or ""
            infos.append(PartyInfo(name=o.name, nip=o.nip, registry=registry, role=p.role))
        out.append(
            ContractInfo(
                id=c.id,
                number=c.number,
                title=c.title,
                form=c.form,
                status=c.status.label,
                start=c.start_date,
                end=c.end_date,
                area=task.area if task else None,
                route=proc.route if proc else None,
                procedure_id=c.procedure_id,
                task_title=task.title if task else "",
                unit_rate=c.unit_rate,
                unit_name=c.unit_name,
                parties=read("parties", infos),
                tranches=read(
                    "tranches",
                    [
                        TrancheInfo(
                            t.budget_year,
                            t.amount,
                            t.payment_date,
                            t.used_amount,
                            t.returned_amount,
                            t.use_deadline,
                            t.return_deadline,
                            t.returned_date,
                            _late_interest(t),
                        )
                        for t in tranches.get(c.id, ())
                    ],
                ),
                contributions=read(
                    "contributions",
                    [
                        ContributionInfo(k.budget_year, k.kind.label, k.kind.value, k.planned_amount, k.actual_amount)
                        for k in contributions.get(c.id, ())
                    ],
                ),
                results=read(
                    "results",
                    [
                        ResultInfo(
                            name=r.name,
                            unit=r.unit,
                            year=r.budget_year,
                            target=r.target_value,
                            achieved=dict(values.get(r.result_id, {})),
                            kind=r.kind,
                        )
                        for r in results.get(c.id, ())
                    ],
                ),
                reports=read(
                    "reports",
                    [
                        ReportInfo(
                            r.kind.label,
                            r.budget_year,
                            r.due_date,
                            r.received_date,
                            r.accepted_date,
                            r.cost_total,
                            r.cost_grant,
                            r.recipients,
                        )
                        for r in reports.get(c.id, ())
                    ],
                ),
                controls=read(
                    "controls",
                    [
                        ControlInfo(
                            k.kind.label,
                            k.control_date,
                            k.controllers,
                            k.findings,
                            k.recommendations,
                            k.recommendations_due,
                            k.recommendations_done,
                        )
                        for k in controls.get(c.id, ())
                    ],
                ),
                signed=c.signed_date,
                budget_paragraph=c.budget_paragraph or "",
                status_code=c.status,
                budget_division=c.budget_division or "",
                budget_chapter=c.budget_chapter or "",
            )
        )
    return out


def contract(session: Session, contract_id: int) -> ContractInfo:
    found = contracts(session, [contract_id])
    if not found:
        raise NotFound(_("There is no contract with id {id}.").format(id=contract_id))
    return found[0]


def contracts_in_year(session: Session, year: int) -> list[ContractInfo]:
    """Contracts with a tranche in the budget year (or, without tranches, running in it)."""
    # Narrow down in SQL first: building a ContractInfo reads all of a contract's children, so only
    # the contracts of the year are built (on a large gmina, under half of them).
    has_tranche_in_year = select(Tranche.id).where(Tranche.contract_id == Contract.id, Tranche.budget_year == year)
    has_any_tranche = select(Tranche.id).where(Tranche.contract_id == Contract.id)
    out = []
    for c in _contracts(session, or_(has_tranche_in_year.exists(), ~has_any_tranche.exists())):
        if c.tranches:
            if any(t.year == year for t in c.tranches):
                out.append(c)
        elif c.start.year <= year <= c.end.year:
            out.append(c)
    return out


def contracts_of_year(
    session: Session, year: int, rows: Any = None, children: frozenset[str] = CHILDREN
) -> list[ContractInfo]:
    """The contracts a year's money documents list (`figures.money.contracts_of_year`: no drafts; a
    terminated contract only in the years money was transferred to it). `rows`: the year's tranches
    (`money.tranche_money(session, year=year)`) when the caller has read them already; `children`: the
    lists the document prints (the others `NotRead`)."""
    from app.core.figures.money import contracts_of_year as ids_of_year

    ids = ids_of_year(session, year, rows)
    return _contracts(session, Contract.id.in_(ids), children) if ids else []


def procedures_in_year(session: Session, year: int) -> list[ProcedureInfo]:
    tasks = _task_map(session)
    contract_areas: dict[int | None, set[WkusArea]] = defaultdict(set)
    winners: dict[tuple[int | None, WkusArea], list[str]] = defaultdict(list)
    for proc_id, area, name in session.execute(
        select(Contract.procedure_id, PublicTask.area, Organisation.name)
        .join(PublicTask, PublicTask.id == Contract.task_id)
        .join(Procedure, Procedure.id == Contract.procedure_id)
        .outerjoin(ContractParty, ContractParty.contract_id == Contract.id)
        .outerjoin(Organisation, Organisation.id == ContractParty.organisation_id)
        .where(Procedure.budget_year == year, Contract.status != ContractStatus.DRAFT)
        .order_by(Contract.id, ContractParty.position)
    ):
        contract_areas[proc_id].add(area)
        if name and name not in winners[(proc_id, area)]:
            winners[(proc_id, area)].append(name)
    out = []
    for p in session.scalars(select(Procedure).where(Procedure.budget_year == year).order_by(Procedure.id)):
        task = tasks.get(p.task_id) if p.task_id else None
        announced = p.published_bip or p.published_board or p.published_website or p.publication_start
        out.append(
            ProcedureInfo(
                id=p.id,
                route=p.route,
                title=p.title,
                year=p.budget_year,
                area=task.area if task else None,
                planned=p.planned_amount,
                announced=announced,
                deadline=p.offer_deadline,
                offers_received=p.offers_received,
                offers_rejected=p.offers_rejected,
                annulled=p.annulled,
                contract_areas=frozenset(contract_areas.get(p.id, ())),
                parts=tuple(
                    ProcedurePartInfo(
                        x.area,
                        x.title or (tasks[x.task_id].title if x.task_id in tasks else ""),
                        x.planned_amount,
                        x.offers_received,
                        x.offers_rejected,
                        tuple(winners.get((p.id, x.area), ())),
                    )
                    for x in p.parts
                ),
            )
        )
    return out


def _programme_info(p: CooperationProgramme) -> ProgrammeInfo:
    return ProgrammeInfo(
        id=p.id,
        kind=p.kind.label,
        kind_code=p.kind.value,
        title=p.title,
        year_from=p.year_from,
        year_to=p.year_to,
        resolution_number=p.resolution_number,
        resolution_date=p.resolution_date,
        journal_reference=p.journal_reference,
        consultation_start=p.consultation_start,
        consultation_end=p.consultation_end,
        consultation_summary=p.consultation_summary,
        remarks_received=p.remarks_received,
        remarks_accepted=p.remarks_accepted,
        rdpp_opinion_date=p.rdpp_opinion_date,
        rdpp_opinion=p.rdpp_opinion,
        wkus_model_adopted=p.wkus_model_adopted,
        planned_total=p.planned_total,
        elements={e.number: e.text for e in p.elements},
        priorities=[PriorityInfo(x.year, x.title, x.area, x.planned_amount) for x in p.priorities],
        report_conclusions={r.year: r.conclusions for r in p.reports},
        indicators={(x.year, x.code): x.planned for x in p.indicators},
        team=tuple(
            TeamMemberInfo(x.name, x.institution, x.role, x.coordinator)
            for x in sorted(p.team, key=lambda x: (x.position, x.id or 0))
        ),
    )


def programmes(session: Session) -> list[ProgrammeInfo]:
    stmt = select(CooperationProgramme).order_by(CooperationProgramme.year_from, CooperationProgramme.id)
    return [_programme_info(p) for p in session.scalars(stmt)]


def programme_for_year(session: Session, year: int) -> ProgrammeInfo | None:
    """The programme covering the year; an annual one wins over a multi-year one (it is the
    programme the art. 5a ust. 3 report is about)."""
    from app.core.figures.money import programme_id_for_year

    pid = programme_id_for_year(session, year)
    return programme(session, pid) if pid is not None else None


def programme(session: Session, programme_id: int) -> ProgrammeInfo:
    row = session.get(CooperationProgramme, programme_id)
    if row is None:
        raise NotFound(_("There is no cooperation programme with id {id}.").format(id=programme_id))
    return _programme_info(row)


def data_years(session: Session) -> list[int]:
    """Budget years that have any tranche or procedure (for pickers and the brochure)."""
    years: set[int] = set()
    for c in contracts(session):
        years.update(t.year for t in c.tranches)
    years.update(session.scalars(select(Procedure.budget_year).distinct()))
    return sorted(years)
