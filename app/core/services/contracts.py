"""Contracts (wsparcie / powierzenie, single- or multi-year) with their tranches, own contributions,
planned results, reports and controls.

Hard rules refuse a save: required fields, end before start, more than 5 years (art. 16 ust. 2),
one tranche per budget year of the period with an amount above zero, tranches adding up to the
planned total. Softer matters (zero own contribution in wsparcie, late reports) are findings of
the law checks (app/core/law), which read the same records.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.db.engine import Database
from app.core.db.models import (
    Contract,
    ContractParty,
    ContractReport,
    Control,
    Organisation,
    OwnContribution,
    PlannedResult,
    Procedure,
    PublicTask,
    ResultValue,
    Tranche,
)
from app.core.domain.enums import ContractForm, ContractStatus, ContributionKind, ControlKind, ReportKind, ResultKind
from app.core.domain.records import (
    ContractInput,
    ContractRecord,
    ContractReportRecord,
    ContractRow,
    ContributionInput,
    ContributionRecord,
    ControlInput,
    ControlRecord,
    PartyInput,
    PartyRecord,
    PlannedResultInput,
    PlannedResultRecord,
    ReportInput,
    TrancheInput,
    TrancheRecord,
    years_label,
)
from app.core.errors import FieldError, ValidationFailed
from app.core.i18n import N_, _, format_date, format_money
from app.core.law.types import Finding
from app.core.services.common import get_or_404, remove_child
from app.core.services.fields import Checker, add_years, field_error, plain
from app.core.services.law_guard import Preview, contract_findings, guard, new_findings
from app.core.services.versions import check_version, mark_saved
from app.core.tools.results import as_kind

#: art. 16 ust. 2: a contract for a fixed period of at most 5 years
MAX_YEARS = 5

LABELS = {
    "number": N_("Contract number"),
    "title": N_("Title"),
    "task_id": N_("Public task"),
    "procedure_id": N_("Procedure"),
    "form": N_("Form"),
    "status": N_("Status"),
    "signed_date": N_("Signed on"),
    "start_date": N_("Start date"),
    "end_date": N_("End date"),
    "unit_rate": N_("Unit rate"),
    "unit_name": N_("Unit of the rate"),
    "budget_paragraph": N_("Budget paragraph"),
    "budget_division": N_("Budget division (dział)"),
    "budget_chapter": N_("Budget chapter (rozdział)"),
    "planned_total": N_("Planned total grant"),
    "parties": N_("Organisations"),
    "tranches": N_("Tranches"),
    "contributions": N_("Own contribution"),
    "planned_results": N_("Planned results"),
}

REPORT_LABELS = {
    "kind": N_("Kind of report"),
    "budget_year": N_("Budget year"),
    "period_end": N_("End of the reporting period"),
    "call_delivered": N_("Call delivered on"),
    "due_date": N_("Due date"),
    "received_date": N_("Received on"),
    "accepted_date": N_("Accepted on"),
    "cost_total": N_("Total costs"),
    "cost_grant": N_("Costs covered by the grant"),
    "cost_admin": N_("Administrative costs"),
    "recipients": N_("Number of recipients"),
}

CONTROL_LABELS = {
    "kind": N_("Kind of control"),
    "control_date": N_("Control date"),
    "recommendations_due": N_("Recommendations due"),
    "controllers": N_("Controllers"),
}


def latest_end_date(start: dt.date) -> dt.date:
    """The last day a contract starting on `start` may end: 5 years counted inclusively.

    2025-01-01 → 2029-12-31 (five full years); ending on 2030-01-01 would be a sixth year.
    """
    return add_years(start, MAX_YEARS) - dt.timedelta(days=1)


def default_use_deadline(year: int) -> dt.date:
    """Art. 221 ust. 3 ufp: the grant is used by 31 December of its budget year."""
    return dt.date(year, 12, 31)


def default_return_deadline(use_deadline: dt.date) -> dt.date:
    """Art. 251 ufp: by 31 January after a year-end use deadline, otherwise 15 days after it
    (the law tables own the rule; this only fills an empty field of the form)."""
    from app.core.law.deadlines import grant_return_due

    return grant_return_due(use_deadline)


@dataclass
class _Tranche:
    year: int
    amount: Decimal
    payment_date: dt.date | None
    paid_date: dt.date | None
    use_deadline: dt.date
    return_deadline: dt.date
    used_amount: Decimal | None
    returned_amount: Decimal | None
    returned_date: dt.date | None = None


@dataclass
class _Contribution:
    year: int
    kind: ContributionKind
    planned: Decimal
    actual: Decimal | None
    note: str


@dataclass
class _Result:
    source_input: PlannedResultInput
    name: str
    unit: str
    source: str
    year: int | None
    target: Decimal
    achieved: dict[int, Decimal]
    kind: ResultKind


@dataclass
class _Clean:
    number: str
    title: str
    form: ContractForm
    status: ContractStatus
    signed_date: dt.date | None
    start: dt.date
    end: dt.date
    unit_rate: Decimal | None
    budget_paragraph: str
    parties: list[PartyInput]
    tranches: list[_Tranche]
    contributions: list[_Contribution]
    results: list[_Result]
    planned_total: Decimal | None = None
    budget_division: str = ""
    budget_chapter: str = ""


def _years_ok(year: int | None, start: dt.date | None, end: dt.date | None) -> bool:
    return year is None or start is None or end is None or start.year <= year <= end.year


def _check_tranches(
    c: Checker, rows: list[TrancheInput], start: dt.date | None, end: dt.date | None, planned_total: Decimal | None
) -> list[_Tranche]:
    label = LABELS["tranches"]
    out: list[_Tranche] = []
    seen: set[int] = set()
    for i, t in enumerate(rows, start=1):
        rc = Checker()
        year = rc.year("tranches", label, t.budget_year)
        if year is not None:
            if year in seen:
                rc.error(
                    "tranches",
                    label,
                    _("There are two tranches for {year}; enter one tranche per budget year.").format(year=year),
                )
            elif not _years_ok(year, start, end):
                rc.error(
                    "tranches", label, _("The tranche for {year} is outside the contract period.").format(year=year)
                )
            seen.add(year)
        amount = rc.money("tranches", label, t.amount, required=True, positive=True)
        payment = rc.date("tranches", label, t.payment_date)
        paid = rc.date("tranches", label, t.paid_date)
        use = rc.date("tranches", label, t.use_deadline)
        ret = rc.date("tranches", label, t.return_deadline)
        used = rc.money("tranches", label, t.used_amount)
        returned = rc.money("tranches", label, t.returned_amount)
        returned_on = rc.date("tranches", label, t.returned_date)
        if amount is not None and used is not None and used > amount:
            rc.error("tranches", label, _("The amount used cannot exceed the tranche."))
        if year is not None:
            # a budget year's grant cannot be paid before that budget exists (paying it later, as an
            # expenditure that does not expire at the year's end, art. 263 u.f.p., is possible)
            for when in (payment, paid):
                if when is not None and when.year < year:
                    rc.error(
                        "tranches",
                        label,
                        _("The tranche for {year} cannot be paid on {date}, before its budget year.").format(
                            year=year, date=format_date(when)
                        ),
                    )
                    break
        c.absorb(rc, i)
        if year is not None and amount is not None:
            use = use or default_use_deadline(year)
            out.append(
                _Tranche(
                    year, amount, payment, paid, use, ret or default_return_deadline(use), used, returned, returned_on
                )
            )
    if start is not None and end is not None and start <= end:
        if not rows:
            c.error("tranches", label, _("Enter the grant for each budget year of the contract."))
        else:
            missing = [y for y in range(start.year, end.year + 1) if y not in seen]
            if missing:
                c.error(
                    "tranches",
                    label,
                    _("There is no tranche for: {years}. Enter one tranche per budget year.").format(
                        years=", ".join(str(y) for y in missing)
                    ),
                )
    if planned_total is not None and not c.has("tranches"):
        total = sum((t.amount for t in out), Decimal("0.00"))
        if total != planned_total:
            c.error(
                "tranches",
                label,
                _("The tranches add up to {sum}, but the planned total is {total}; the difference is {diff}.").format(
                    sum=format_money(total), total=format_money(planned_total), diff=format_money(planned_total - total)
                ),
            )
    return out


def _check_contributions(
    c: Checker, rows: list[ContributionInput], start: dt.date | None, end: dt.date | None
) -> list[_Contribution]:
    label = LABELS["contributions"]
    out = []
    seen: set[tuple[int, ContributionKind]] = set()
    for i, row in enumerate(rows, start=1):
        rc = Checker()
        year = rc.year("contributions", label, row.budget_year)
        kind = rc.choice("contributions", label, row.kind, ContributionKind)
        planned = rc.money("contributions", label, row.planned_amount)
        actual = rc.money("contributions", label, row.actual_amount)
        # the editor shows a row per year and a column per kind, one input per filled cell: "Row 3"
        # named the third filled cell, not a row the clerk sees
        c.absorb(
            rc,
            i,
            _("Year {year}, {kind}").format(year=year, kind=kind.label)
            if year is not None and kind is not None
            else None,
        )
        if year is not None and not _years_ok(year, start, end):
            c.error(
                "contributions",
                label,
                _("Row {row}: the year {year} is outside the contract period.").format(row=i, year=year),
            )
        if year is not None and kind is not None:
            if (year, kind) in seen:
                c.error(
                    "contributions",
                    label,
                    _("Row {row}: {kind} for {year} is entered twice.").format(row=i, kind=kind.label, year=year),
                )
            seen.add((year, kind))
            out.append(_Contribution(year, kind, planned or Decimal("0.00"), actual, (row.note or "").strip()))
    return out


def _check_results(
    c: Checker, rows: list[PlannedResultInput], start: dt.date | None, end: dt.date | None
) -> list[_Result]:
    label = LABELS["planned_results"]
    out = []
    for i, row in enumerate(rows, start=1):
        rc = Checker()
        name = (row.name or "").strip()
        if not name:
            rc.error("planned_results", label, _("Enter the name of the result."))
        year = rc.year("planned_results", label, row.budget_year, required=False)
        if not _years_ok(year, start, end):
            rc.error("planned_results", label, _("The year {year} is outside the contract period.").format(year=year))
        target = rc.quantity("planned_results", label, row.target_value, required=True)
        achieved: dict[int, Decimal] = {}
        for y, value in sorted(row.achieved.items()):
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            yy = rc.year("planned_results", label, y)
            number = rc.quantity("planned_results", label, value)
            if yy is not None and not _years_ok(yy, start, end):
                rc.error("planned_results", label, _("The year {year} is outside the contract period.").format(year=yy))
            elif yy is not None and number is not None:
                achieved[yy] = number
        kind = None
        try:
            kind = as_kind(row.kind, row.unit or "")
        except ValueError:
            rc.error("planned_results", label, _("Choose the kind of the result: state, flow or persons."))
        c.absorb(rc, i)
        if name and target is not None and kind is not None:
            out.append(
                _Result(row, name, (row.unit or "").strip(), (row.source or "").strip(), year, target, achieved, kind)
            )
    return out


def _check(data: ContractInput) -> tuple[Checker, _Clean | None]:
    c = Checker(data, LABELS)
    number = c.text("number", LABELS["number"], data.number, max_length=80)
    title = c.text("title", LABELS["title"], data.title, required=True, max_length=400)
    form = c.choice("form", LABELS["form"], data.form, ContractForm)
    status = c.choice("status", LABELS["status"], data.status, ContractStatus)
    signed = c.date("signed_date", LABELS["signed_date"], data.signed_date)
    start = c.date("start_date", LABELS["start_date"], data.start_date, required=True)
    end = c.date("end_date", LABELS["end_date"], data.end_date, required=True)
    if start is not None and end is not None:
        if end < start:
            c.error("end_date", LABELS["end_date"], _("It cannot be earlier than the start date."))
        elif end > latest_end_date(start):
            c.error(
                "end_date",
                LABELS["end_date"],
                _(
                    "A contract may last at most 5 years (art. 16 ust. 2 of the act); "
                    "with this start date it must end by {date}."
                ).format(date=format_date(latest_end_date(start))),
            )
    period_start, period_end = (start, end) if not c.has("end_date") else (None, None)
    unit_rate = c.money("unit_rate", LABELS["unit_rate"], data.unit_rate, positive=True)
    unit_name = c.text("unit_name", LABELS["unit_name"], data.unit_name, max_length=80)
    if unit_rate is not None and not unit_name:
        c.error("unit_name", LABELS["unit_name"], _("Enter the unit the rate is paid for, e.g. hour of care."))
    paragraph = (data.budget_paragraph or "").strip()
    if paragraph and not re.fullmatch(r"\d{4}", paragraph):
        c.error("budget_paragraph", LABELS["budget_paragraph"], _("A budget paragraph has 4 digits, e.g. 2360."))
    division, chapter = check_classification(c, data.budget_division, data.budget_chapter)
    planned_total = c.money("planned_total", LABELS["planned_total"], data.planned_total, positive=True)
    party_ids = [p.organisation_id for p in data.parties]
    if not party_ids:
        c.error("parties", LABELS["parties"], _("Choose at least one organisation."))
    elif len(set(party_ids)) != len(party_ids):
        c.error("parties", LABELS["parties"], _("The same organisation is chosen twice."))
    tranches = _check_tranches(c, data.tranches, period_start, period_end, planned_total)
    contributions = _check_contributions(c, data.contributions, period_start, period_end)
    results = _check_results(c, data.planned_results, period_start, period_end)
    if c.errors or form is None or status is None or start is None or end is None:
        return c, None
    return c, _Clean(
        number,
        title,
        form,
        status,
        signed,
        start,
        end,
        unit_rate,
        paragraph,
        list(data.parties),
        tranches,
        contributions,
        results,
        planned_total,
        division,
        chapter,
    )


def check_classification(c: Checker, division: str | None, chapter: str | None) -> tuple[str, str]:
    """Dział and rozdział of the budget classification (rozporządzenie MF w sprawie szczegółowej
    klasyfikacji dochodów, wydatków...: a dział has 3 digits, its rozdziały 5 digits beginning with the
    dział's, e.g. 852 / 85228). Both may be empty (not entered); a rozdział needs its dział."""
    division = (division or "").strip()
    chapter = (chapter or "").strip()
    if division and not re.fullmatch(r"\d{3}", division):
        c.error("budget_division", LABELS["budget_division"], _("A division (dział) has 3 digits, e.g. 852."))
    if chapter and not re.fullmatch(r"\d{5}", chapter):
        c.error("budget_chapter", LABELS["budget_chapter"], _("A chapter (rozdział) has 5 digits, e.g. 85228."))
    elif chapter and not division:
        c.error(
            "budget_division",
            LABELS["budget_division"],
            _("Enter the division (dział) of chapter {chapter}: {division}.").format(
                chapter=chapter, division=chapter[:3]
            ),
        )
    elif chapter and not c.has("budget_division") and not chapter.startswith(division):
        c.error(
            "budget_chapter",
            LABELS["budget_chapter"],
            _(
                "Chapter {chapter} does not belong to division {division}: a chapter begins with the three "
                "digits of its division, e.g. 85228 in 852."
            ).format(chapter=chapter, division=division),
        )
    return division, chapter


def validate_contract(data: ContractInput) -> list[FieldError]:
    """Every problem with the editor's values (empty = can be saved). No database needed."""
    return _check(data)[0].errors


def _link_errors(session: Session, data: ContractInput) -> list[FieldError]:
    errors = []
    for p in data.parties:
        if session.get(Organisation, p.organisation_id) is None:
            errors.append(field_error("parties", LABELS["parties"], _("The chosen organisation no longer exists.")))
    if data.task_id is not None and session.get(PublicTask, data.task_id) is None:
        errors.append(field_error("task_id", LABELS["task_id"], _("The chosen record no longer exists.")))
    if data.procedure_id is not None and session.get(Procedure, data.procedure_id) is None:
        errors.append(field_error("procedure_id", LABELS["procedure_id"], _("The chosen record no longer exists.")))
    return errors


def _apply(k: Contract, data: ContractInput, clean: _Clean) -> None:
    k.number, k.title, k.form, k.status = clean.number, clean.title, clean.form, clean.status
    k.task_id, k.procedure_id = data.task_id, data.procedure_id
    k.signed_date, k.start_date, k.end_date = clean.signed_date, clean.start, clean.end
    k.unit_rate, k.unit_name = clean.unit_rate, (data.unit_name or "").strip()
    k.budget_paragraph, k.notes = clean.budget_paragraph, (data.notes or "").strip()
    k.planned_total = clean.planned_total
    k.budget_division, k.budget_chapter = clean.budget_division, clean.budget_chapter
    # Collections are changed row by row (matched by a natural key) so the audit log and the
    # links from result values to reports survive an edit of unrelated fields.
    parties = {p.organisation_id: p for p in k.parties}
    wanted = {p.organisation_id for p in clean.parties}
    for org_id, dropped_party in parties.items():
        if org_id not in wanted:
            remove_child(k.parties, dropped_party)
    for position, p in enumerate(clean.parties):
        party = parties.get(p.organisation_id)
        if party is None:
            party = ContractParty(organisation_id=p.organisation_id)
            k.parties.append(party)
        party.position, party.role = position, (p.role or "").strip()

    tranches = {t.budget_year: t for t in k.tranches}
    for year, dropped_tranche in tranches.items():
        if year not in {x.year for x in clean.tranches}:
            remove_child(k.tranches, dropped_tranche)
    for x in clean.tranches:
        t = tranches.get(x.year)
        if t is None:
            t = Tranche(budget_year=x.year)
            k.tranches.append(t)
        t.amount, t.payment_date, t.paid_date = x.amount, x.payment_date, x.paid_date
        t.use_deadline, t.return_deadline = x.use_deadline, x.return_deadline
        t.used_amount, t.returned_amount, t.returned_date = x.used_amount, x.returned_amount, x.returned_date

    contributions = {(o.budget_year, o.kind): o for o in k.contributions}
    wanted_c = {(x.year, x.kind) for x in clean.contributions}
    for key, dropped_contribution in contributions.items():
        if key not in wanted_c:
            remove_child(k.contributions, dropped_contribution)
    for xc in clean.contributions:
        o = contributions.get((xc.year, xc.kind))
        if o is None:
            o = OwnContribution(budget_year=xc.year, kind=xc.kind)
            k.contributions.append(o)
        o.planned_amount, o.actual_amount, o.note = xc.planned, xc.actual, xc.note

    results = {r.id: r for r in k.planned_results}
    kept = {x.source_input.id for x in clean.results if x.source_input.id in results}
    for rid, dropped_result in results.items():
        if rid not in kept:
            remove_child(k.planned_results, dropped_result)
    for position, xr in enumerate(clean.results):
        r = results.get(xr.source_input.id) if xr.source_input.id is not None else None
        if r is None:
            r = PlannedResult()
            k.planned_results.append(r)
        r.position, r.name, r.unit, r.source = position, xr.name, xr.unit, xr.source
        r.budget_year, r.target_value, r.kind = xr.year, xr.target, xr.kind
        values = {v.budget_year: v for v in r.values}
        for year, dropped_value in values.items():
            if year not in xr.achieved:
                remove_child(r.values, dropped_value)
        for year, number in xr.achieved.items():
            v = values.get(year)
            if v is None:
                r.values.append(ResultValue(budget_year=year, value=number))
            elif v.value != number:
                v.value = number


def _org_names(session: Session, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(session.execute(select(Organisation.id, Organisation.name).where(Organisation.id.in_(ids))).all())


def _report_record(r: ContractReport) -> ContractReportRecord:
    return ContractReportRecord(
        id=r.id,
        kind=r.kind,
        budget_year=r.budget_year,
        period_end=r.period_end,
        call_delivered=r.call_delivered,
        due_date=r.due_date,
        received_date=r.received_date,
        accepted_date=r.accepted_date,
        cost_total=r.cost_total,
        cost_grant=r.cost_grant,
        cost_admin=r.cost_admin,
        recipients=r.recipients,
        notes=r.notes,
    )


def _control_record(x: Control) -> ControlRecord:
    return ControlRecord(
        id=x.id,
        kind=x.kind,
        control_date=x.control_date,
        controllers=x.controllers,
        scope=x.scope,
        findings=x.findings,
        recommendations=x.recommendations,
        recommendations_due=x.recommendations_due,
        recommendations_done=x.recommendations_done,
    )


def to_record(k: Contract, session: Session) -> ContractRecord:
    names = _org_names(session, [p.organisation_id for p in k.parties])
    task = session.get(PublicTask, k.task_id) if k.task_id else None
    procedure = session.get(Procedure, k.procedure_id) if k.procedure_id else None
    return ContractRecord(
        id=k.id,
        number=k.number,
        title=k.title,
        task_id=k.task_id,
        task_title=task.title if task else "",
        procedure_id=k.procedure_id,
        procedure_title=procedure.title if procedure else "",
        form=k.form,
        status=k.status,
        signed_date=k.signed_date,
        start_date=k.start_date,
        end_date=k.end_date,
        unit_rate=k.unit_rate,
        unit_name=k.unit_name,
        budget_paragraph=k.budget_paragraph,
        notes=k.notes,
        parties=tuple(
            PartyRecord(p.organisation_id, names.get(p.organisation_id, ""), p.role)
            for p in sorted(k.parties, key=lambda p: p.position)
        ),
        tranches=tuple(
            TrancheRecord(
                t.id,
                t.budget_year,
                t.amount,
                t.payment_date,
                t.paid_date,
                t.use_deadline,
                t.return_deadline,
                t.used_amount,
                t.returned_amount,
                t.returned_date,
            )
            for t in sorted(k.tranches, key=lambda t: t.budget_year)
        ),
        contributions=tuple(
            ContributionRecord(o.id, o.budget_year, o.kind, o.planned_amount, o.actual_amount, o.note)
            for o in sorted(k.contributions, key=lambda o: (o.budget_year, list(ContributionKind).index(o.kind)))
        ),
        planned_results=tuple(
            PlannedResultRecord(
                r.id,
                r.name,
                r.unit,
                r.source,
                r.budget_year,
                plain(r.target_value),
                {v.budget_year: plain(v.value) for v in r.values},
                as_kind(r.kind, r.unit),
            )
            for r in sorted(k.planned_results, key=lambda r: r.position)
        ),
        reports=tuple(_report_record(r) for r in sorted(k.reports, key=lambda r: (r.due_date, r.id))),
        controls=tuple(_control_record(x) for x in sorted(k.controls, key=lambda x: (x.control_date, x.id))),
        planned_total=k.planned_total,
        budget_division=k.budget_division or "",
        budget_chapter=k.budget_chapter or "",
        version=k.version,
    )


def _save(
    db: Database,
    contract_id: int | None,
    data: ContractInput,
    *,
    law_check: bool = False,
    acknowledge_warnings: bool = True,
    today: dt.date | None = None,
    preview: bool = False,
) -> ContractRecord:
    checker, clean = _check(data)
    checker.raise_if_any()
    assert clean is not None
    today = today or dt.date.today()
    with db.session() as s:
        errors = _link_errors(s, data)
        if errors:
            raise ValidationFailed(errors)
        if contract_id is None:
            k = Contract()
            s.add(k)
            before: list[Finding] = []
        else:
            k = get_or_404(s, Contract, contract_id, _("Contract"))
            if not preview:
                check_version(s, k, data.expected_version, _("Contract {name}").format(name=k.number or k.title))
            before = contract_findings(s, k, today) if law_check or preview else []
        _apply(k, data, clean)
        if contract_id is not None:
            mark_saved(k)
        s.flush()
        if preview:
            raise Preview(new_findings(before, contract_findings(s, k, today)))
        if law_check:
            # raises (and so rolls the transaction back) on a new error or an unconfirmed warning
            guard(before, contract_findings(s, k, today), acknowledge_warnings)
        s.refresh(k)
        return to_record(k, s)


def create_contract(
    db: Database,
    data: ContractInput,
    *,
    law_check: bool = False,
    acknowledge_warnings: bool = True,
    today: dt.date | None = None,
) -> ContractRecord:
    """Save a new contract. With `law_check` the act's rules are applied too (see services.law_guard):
    a new error raises RuleViolation, a new warning NeedsConfirmation unless `acknowledge_warnings`."""
    return _save(db, None, data, law_check=law_check, acknowledge_warnings=acknowledge_warnings, today=today)


def update_contract(
    db: Database,
    contract_id: int,
    data: ContractInput,
    *,
    law_check: bool = False,
    acknowledge_warnings: bool = True,
    today: dt.date | None = None,
) -> ContractRecord:
    return _save(db, contract_id, data, law_check=law_check, acknowledge_warnings=acknowledge_warnings, today=today)


def preview_contract_findings(
    db: Database, contract_id: int | None, data: ContractInput, today: dt.date | None = None
) -> list[Finding]:
    """The findings the save would add (errors, warnings, missing data), without saving anything.

    Raises ValidationFailed when the form itself is not valid."""
    try:
        _save(db, contract_id, data, today=today, preview=True)
    except Preview as p:
        return p.findings
    raise AssertionError("unreachable")  # pragma: no cover


def delete_contract(db: Database, contract_id: int) -> None:
    """Delete a contract with its tranches, contributions, results, reports and controls."""
    with db.session() as s:
        s.delete(get_or_404(s, Contract, contract_id, _("Contract")))


def get_contract(db: Database, contract_id: int) -> ContractRecord:
    with db.session() as s:
        return to_record(get_or_404(s, Contract, contract_id, _("Contract")), s)


def contract_input(r: ContractRecord) -> ContractInput:
    """The editor's values for a stored contract."""
    return ContractInput(
        number=r.number,
        title=r.title,
        task_id=r.task_id,
        procedure_id=r.procedure_id,
        form=r.form,
        status=r.status,
        signed_date=r.signed_date,
        start_date=r.start_date,
        end_date=r.end_date,
        unit_rate="" if r.unit_rate is None else r.unit_rate,
        unit_name=r.unit_name,
        budget_paragraph=r.budget_paragraph,
        budget_division=r.budget_division,
        budget_chapter=r.budget_chapter,
        notes=r.notes,
        parties=[PartyInput(p.organisation_id, p.role) for p in r.parties],
        tranches=[
            TrancheInput(
                t.budget_year,
                t.amount,
                t.payment_date,
                t.paid_date,
                t.use_deadline,
                t.return_deadline,
                "" if t.used_amount is None else t.used_amount,
                "" if t.returned_amount is None else t.returned_amount,
                t.returned_date,
            )
            for t in r.tranches
        ],
        contributions=[
            ContributionInput(
                o.budget_year, o.kind, o.planned_amount, "" if o.actual_amount is None else o.actual_amount, o.note
            )
            for o in r.contributions
        ],
        planned_results=[
            PlannedResultInput(x.name, x.unit, x.source, x.budget_year, x.target_value, dict(x.achieved), x.id, x.kind)
            for x in r.planned_results
        ],
        planned_total="" if r.planned_total is None else r.planned_total,
        expected_version=r.version,
    )


# ---- achieved results of a year (written back by the evaluation wizard) --------------------


@dataclass(frozen=True)
class AchievedRow:
    """One row of a results table typed elsewhere (the evaluation wizard): matched to the contract's
    planned result by name (and unit when two share a name); `achieved` empty clears the year's value."""

    name: str
    unit: str
    achieved: str | Decimal | int | None


@dataclass(frozen=True)
class AchievedOutcome:
    #: names of rows that match no planned result of the year (the contract's plan is not changed)
    unmatched: tuple[str, ...]
    #: planned result id → its value for the year before the write (None = there was none)
    previous: dict[int, Decimal | None]


def _key(text: str) -> str:
    return " ".join((text or "").split()).casefold()


def record_achieved(
    db: Database, contract_id: int, year: int, rows: list[AchievedRow], session: Session | None = None
) -> AchievedOutcome:
    """Write the achieved values of `year` to the contract's ResultValue rows (the same column as the
    contract editor's "Osiągnięto {year}"), one audited transaction. Planned results are never added or
    renamed here: a row that matches none is returned in `unmatched`. With `session`, the write joins
    the caller's transaction (a tool entry saved with it: both or neither)."""
    label = LABELS["planned_results"]
    checker = Checker()
    numbers: list[Decimal | None] = []
    for i, row in enumerate(rows, start=1):
        rc = Checker()
        numbers.append(rc.quantity("results", label, row.achieved))
        checker.absorb(rc, i)
    checker.raise_if_any()
    if session is not None:
        return _record_achieved(session, contract_id, year, rows, numbers)
    with db.session() as s:
        return _record_achieved(s, contract_id, year, rows, numbers)


def _record_achieved(
    s: Session, contract_id: int, year: int, rows: list[AchievedRow], numbers: list[Decimal | None]
) -> AchievedOutcome:
    k = get_or_404(s, Contract, contract_id, _("Contract"))
    if not k.start_date.year <= year <= k.end_date.year:
        raise ValidationFailed(
            [
                field_error(
                    "year", N_("Budget year"), _("The year {year} is outside the contract period.").format(year=year)
                )
            ]
        )
    # the year's own targets first, then those for the whole contract
    free = sorted(
        (p for p in k.planned_results if p.budget_year in (None, year)),
        key=lambda p: (p.budget_year is None, p.position),
    )
    unmatched: list[str] = []
    previous: dict[int, Decimal | None] = {}
    for row, number in zip(rows, numbers):
        same = [p for p in free if _key(p.name) == _key(row.name)]
        p = next((p for p in same if _key(p.unit) == _key(row.unit)), same[0] if same else None)
        if p is None:
            unmatched.append(row.name.strip())
            continue
        free.remove(p)
        current = next((v for v in p.values if v.budget_year == year), None)
        previous[p.id] = current.value if current is not None else None
        _set_value(p, year, number, current)
    return AchievedOutcome(tuple(unmatched), previous)


def restore_achieved(db: Database, year: int, previous: dict[int, Decimal | None]) -> None:
    """Put back the values record_achieved replaced (when what followed it failed)."""
    with db.session() as s:
        for pid, number in previous.items():
            p = s.get(PlannedResult, pid)
            if p is not None:
                _set_value(p, year, number, next((v for v in p.values if v.budget_year == year), None))


def _set_value(p: PlannedResult, year: int, number: Decimal | None, current: ResultValue | None) -> None:
    if number is None:
        if current is not None:
            remove_child(p.values, current)
    elif current is None:
        p.values.append(ResultValue(budget_year=year, value=number))
    elif current.value != number:
        current.value = number


# ---- list --------------------------------------------------------------------------------------


#: only a running contract can owe anything (settled, terminated and draft contracts have nothing overdue)
_OWING = (ContractStatus.ACTIVE, ContractStatus.COMPLETED)


def report_overdue(status: ContractStatus | None, due: dt.date, received: dt.date | None, today: dt.date) -> bool:
    """A report is overdue when a running contract's report has not come in by its due date: the one
    rule the contract list and the printed contract card share."""
    return status in _OWING and received is None and due < today


def overdue(k: Contract, today: dt.date) -> tuple[dt.date | None, str]:
    """The earliest missed date of a running contract: a report not received or a tranche not
    paid by its date (settled, terminated and draft contracts have none)."""
    if k.status not in _OWING:
        return None, ""
    candidates: list[tuple[dt.date, str]] = []
    for r in k.reports:
        if report_overdue(k.status, r.due_date, r.received_date, today):
            candidates.append((r.due_date, _("{kind} overdue").format(kind=r.kind.label)))
    for t in k.tranches:
        if t.payment_date and t.paid_date is None and t.payment_date < today:
            candidates.append((t.payment_date, _("tranche {year} not paid").format(year=t.budget_year)))
    if not candidates:
        return None, ""
    return min(candidates, key=lambda c: c[0])


def list_contracts(
    db: Database, *, today: dt.date | None = None, search: str = "", year: int | None = None
) -> list[ContractRow]:
    """Contracts, latest start first; `year` keeps those running in that budget year."""
    from types import SimpleNamespace

    from app.core.form_id import parse_form_id
    from app.core.services.dashboard import next_dates

    today = today or dt.date.today()
    needle = search.strip().casefold()
    # The ID of a returned paper form ("WKUS-12-2025-47") finds its contract (market.md §5.8).
    form = parse_form_id(search)
    if form is not None:
        needle = ""
    # Column-only reads: a Contract object would load all its children eagerly (results, values,
    # contributions, controls…), which on a large gmina is most of the time spent here.
    with db.session() as s:
        names = dict(s.execute(select(Organisation.id, Organisation.name)).all())
        tasks = dict(s.execute(select(PublicTask.id, PublicTask.title)).all())
        parties: dict[int, list[int]] = {}
        for contract_id, org_id in s.execute(
            select(ContractParty.contract_id, ContractParty.organisation_id).order_by(
                ContractParty.contract_id, ContractParty.position, ContractParty.id
            )
        ):
            parties.setdefault(contract_id, []).append(org_id)
        tranches: dict[int, list[SimpleNamespace]] = {}
        for contract_id, year_, amount, payment_date, paid_date in s.execute(
            select(
                Tranche.contract_id, Tranche.budget_year, Tranche.amount, Tranche.payment_date, Tranche.paid_date
            ).order_by(Tranche.contract_id, Tranche.budget_year, Tranche.payment_date, Tranche.id)
        ):
            tranches.setdefault(contract_id, []).append(
                SimpleNamespace(budget_year=year_, amount=amount, payment_date=payment_date, paid_date=paid_date)
            )
        reports: dict[int, list[SimpleNamespace]] = {}
        for contract_id, kind, due_date, received_date in s.execute(
            select(
                ContractReport.contract_id, ContractReport.kind, ContractReport.due_date, ContractReport.received_date
            ).order_by(ContractReport.contract_id, ContractReport.due_date, ContractReport.id)
        ):
            reports.setdefault(contract_id, []).append(
                SimpleNamespace(kind=kind, due_date=due_date, received_date=received_date)
            )
        contracts = s.execute(
            select(
                Contract.id,
                Contract.number,
                Contract.title,
                Contract.form,
                Contract.status,
                Contract.start_date,
                Contract.end_date,
                Contract.task_id,
            ).order_by(Contract.start_date.desc(), Contract.id.desc())
        ).all()
        # the Pulpit's rule for what comes next, not a second one
        coming = next_dates(s.connection(), today)
    rows = []
    for c in contracts:
        if year is not None and not c.start_date.year <= year <= c.end_date.year:
            continue
        if form is not None and c.id != form[0]:
            continue
        org_ids = tuple(parties.get(c.id, ()))
        orgs = "; ".join(names.get(o, "") for o in org_ids)
        if needle and not any(needle in v.casefold() for v in (c.number, c.title, orgs)):
            continue
        k = SimpleNamespace(
            status=c.status, end_date=c.end_date, tranches=tranches.get(c.id, []), reports=reports.get(c.id, [])
        )
        next_date = coming.get(c.id)
        # a namespace of the four attributes overdue() reads: loading each Contract would be the slow part
        late, late_label = overdue(k, today)  # type: ignore[arg-type]
        rows.append(
            ContractRow(
                id=c.id,
                number=c.number,
                title=c.title,
                organisation_names=orgs,
                form=c.form,
                status=c.status,
                start_date=c.start_date,
                end_date=c.end_date,
                years_label=years_label(c.start_date, c.end_date),
                is_multi_year=c.end_date.year > c.start_date.year,
                total_amount=sum((t.amount for t in k.tranches), Decimal("0.00")),
                task_title=tasks.get(c.task_id, "") if c.task_id else "",
                next_due_date=next_date.date if next_date else None,
                next_due_label=next_date.what_due if next_date else "",
                overdue_date=late,
                overdue_label=late_label,
                organisation_ids=org_ids,
            )
        )
    return rows


# ---- reports and controls ----------------------------------------------------------------------


def _check_report(data: ReportInput, k: Contract | None = None) -> tuple[Checker, dict[str, object]]:
    c = Checker(data, REPORT_LABELS)
    L = REPORT_LABELS
    kind = c.choice("kind", L["kind"], data.kind, ReportKind)
    year = c.year("budget_year", L["budget_year"], data.budget_year, required=False)
    period_end = c.date("period_end", L["period_end"], data.period_end)
    call_delivered = c.date("call_delivered", L["call_delivered"], data.call_delivered)
    due_date = c.date("due_date", L["due_date"], data.due_date, required=True)
    received = c.date("received_date", L["received_date"], data.received_date)
    accepted = c.date("accepted_date", L["accepted_date"], data.accepted_date)
    total = c.money("cost_total", L["cost_total"], data.cost_total)
    grant = c.money("cost_grant", L["cost_grant"], data.cost_grant)
    out: dict[str, object] = {
        "kind": kind,
        "budget_year": year,
        "period_end": period_end,
        "call_delivered": call_delivered,
        "due_date": due_date,
        "received_date": received,
        "accepted_date": accepted,
        "cost_total": total,
        "cost_grant": grant,
        "cost_admin": c.money("cost_admin", L["cost_admin"], data.cost_admin),
        "recipients": c.count("recipients", L["recipients"], data.recipients),
    }
    c.not_before("accepted_date", L["accepted_date"], accepted, received, L["received_date"])
    if total is not None and grant is not None and grant > total:
        c.error("cost_grant", L["cost_grant"], _("The costs covered by the grant cannot exceed the total costs."))
    if k is not None and year is not None and not k.start_date.year <= year <= k.end_date.year:
        c.error("budget_year", L["budget_year"], _("The year {year} is outside the contract period.").format(year=year))
    return c, out


def validate_report(data: ReportInput) -> list[FieldError]:
    return _check_report(data)[0].errors


def save_report(
    db: Database,
    contract_id: int,
    data: ReportInput,
    report_id: int | None = None,
    *,
    law_check: bool = False,
    acknowledge_warnings: bool = True,
    today: dt.date | None = None,
) -> ContractReportRecord:
    """Add (report_id None) or change a report of the contract (`law_check`: as in create_contract;
    e.g. a partial-report call with less than 30 days, art. 18 ust. 3, is refused)."""
    today = today or dt.date.today()
    with db.session() as s:
        k = get_or_404(s, Contract, contract_id, _("Contract"))
        checker, clean = _check_report(data, k)
        checker.raise_if_any()
        before = contract_findings(s, k, today) if law_check else []
        if report_id is None:
            r = ContractReport()
            k.reports.append(r)
        else:
            r = get_or_404(s, ContractReport, report_id, _("Report"))
            if r.contract_id != contract_id:
                raise ValidationFailed(
                    [field_error("kind", REPORT_LABELS["kind"], _("The report belongs to another contract."))]
                )
        for name, value in clean.items():
            setattr(r, name, value)
        r.notes = (data.notes or "").strip()
        s.flush()
        if law_check:
            guard(before, contract_findings(s, k, today), acknowledge_warnings)
        return _report_record(r)


def delete_report(db: Database, report_id: int) -> None:
    with db.session() as s:
        s.delete(get_or_404(s, ContractReport, report_id, _("Report")))


def _check_control(data: ControlInput) -> tuple[Checker, dict[str, object]]:
    c = Checker(data, CONTROL_LABELS)
    L = CONTROL_LABELS
    kind = c.choice("kind", L["kind"], data.kind, ControlKind)
    control_date = c.date("control_date", L["control_date"], data.control_date, required=True)
    due = c.date("recommendations_due", L["recommendations_due"], data.recommendations_due)
    out: dict[str, object] = {"kind": kind, "control_date": control_date, "recommendations_due": due}
    c.not_before("recommendations_due", L["recommendations_due"], due, control_date, L["control_date"])
    c.fits(Control, {"controllers": data.controllers}, L)
    return c, out


def validate_control(data: ControlInput) -> list[FieldError]:
    return _check_control(data)[0].errors


def save_control(db: Database, contract_id: int, data: ControlInput, control_id: int | None = None) -> ControlRecord:
    """Add (control_id None) or change an art. 17 control of the contract."""
    checker, clean = _check_control(data)
    checker.raise_if_any()
    with db.session() as s:
        k = get_or_404(s, Contract, contract_id, _("Contract"))
        when = clean["control_date"]
        if isinstance(when, dt.date) and when < k.start_date:  # art. 17 controls the delivery: not before it
            checker.error(
                "control_date",
                CONTROL_LABELS["control_date"],
                _("{date} is before the contract starts ({start}).").format(
                    date=format_date(when), start=format_date(k.start_date)
                ),
            )
            checker.raise_if_any()
        if control_id is None:
            x = Control()
            k.controls.append(x)
        else:
            x = get_or_404(s, Control, control_id, _("Control"))
        for name, value in clean.items():
            setattr(x, name, value)
        x.controllers = (data.controllers or "").strip()
        x.scope = (data.scope or "").strip()
        x.findings = (data.findings or "").strip()
        x.recommendations = (data.recommendations or "").strip()
        x.recommendations_done = bool(data.recommendations_done)
        s.flush()
        return _control_record(x)


def delete_control(db: Database, control_id: int) -> None:
    with db.session() as s:
        s.delete(get_or_404(s, Control, control_id, _("Control")))


# ---- helpers for the editor --------------------------------------------------------------------


def split_evenly(total: Decimal, years: list[int] | tuple[int, ...]) -> dict[int, Decimal]:
    """The grant spread over the budget years in whole grosze; the grosze left over go to the
    first year, so the tranches add up to the total exactly (100 000 / 3 → 33 333,34 + 2 × 33 333,33)."""
    if not years:
        return {}
    total = Decimal(total).quantize(Decimal("0.01"))
    share = (total / len(years)).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
    out = dict.fromkeys(years, share)
    out[years[0]] += total - share * len(years)
    return out
