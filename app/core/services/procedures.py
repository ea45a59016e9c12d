"""Commissioning procedures: open competitions, art. 19a offers, regranting, local initiatives, ...

Only the facts are validated here (dates in order, counts, amounts); whether a deadline met the
act (21 days, 10 000 zł, 90 days...) is reported by the law checks, so a past breach can be recorded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.db.engine import Database
from app.core.db.models import (
    Contract,
    CooperationProgramme,
    Organisation,
    Procedure,
    ProcedurePart,
    PublicTask,
)
from app.core.domain.enums import ProcedureRoute, WkusArea
from app.core.domain.records import (
    ProcedureInput,
    ProcedurePartInput,
    ProcedurePartRecord,
    ProcedureRecord,
)
from app.core.errors import FieldError, ValidationFailed
from app.core.i18n import N_, _, format_money
from app.core.law.types import Finding
from app.core.services.common import get_or_404, remove_child
from app.core.services.fields import Checker, field_error
from app.core.services.law_guard import Preview, guard, new_findings, procedure_findings
from app.core.services.versions import check_version, mark_saved

LABELS = {
    "route": N_("Procedure"),
    "title": N_("Title"),
    "reference": N_("Reference"),
    "task_id": N_("Public task"),
    "programme_id": N_("Cooperation programme"),
    "budget_year": N_("Budget year"),
    "planned_amount": N_("Planned amount"),
    "published_bip": N_("Published in BIP"),
    "published_board": N_("Published on the notice board"),
    "published_website": N_("Published on the website"),
    "offer_deadline": N_("Offer deadline"),
    "offers_received": N_("Offers received"),
    "offers_rejected": N_("Offers rejected"),
    "decision_date": N_("Decision date"),
    "results_published": N_("Results published in BIP"),
    "results_published_board": N_("Results published on the notice board"),
    "results_published_website": N_("Results published on the website"),
    "offer_published_board": N_("Offer on the notice board from"),
    "offer_published_website": N_("Offer on the website from"),
    "remarks_considered": N_("Remarks considered on"),
    "annulment_date": N_("Annulment date"),
    "received_date": N_("Offer received"),
    "applicant_id": N_("Applicant"),
    "publication_start": N_("Publication from"),
    "publication_end": N_("Publication until"),
    "answer_date": N_("Answer date"),
    "task_start": N_("Task start"),
    "task_end": N_("Task end"),
    "parts": N_("Areas of the competition"),
    "announcement_points": N_("The announcement contains"),
    "commission_appointed": N_("Commission appointed"),
    "commission_ngo_members": N_("Commission members from organisations"),
    "commission_offeror_members": N_("Of them representing an offeror"),
    "commission_statements": N_("Statements of impartiality"),
}

_DATES = (
    "published_bip",
    "published_board",
    "published_website",
    "offer_deadline",
    "decision_date",
    "results_published",
    "annulment_date",
    "received_date",
    "publication_start",
    "publication_end",
    "answer_date",
    "task_start",
    "task_end",
    "commission_appointed",
    "results_published_board",
    "results_published_website",
    "offer_published_board",
    "offer_published_website",
    "remarks_considered",
)


def _check(data: ProcedureInput) -> tuple[Checker, dict[str, object]]:
    c = Checker(data, LABELS)
    out: dict[str, object] = {
        "route": c.choice("route", LABELS["route"], data.route, ProcedureRoute),
        "title": c.text("title", LABELS["title"], data.title, required=True, max_length=400),
        "reference": c.text("reference", LABELS["reference"], data.reference, max_length=80),
        "budget_year": c.year("budget_year", LABELS["budget_year"], data.budget_year),
        "planned_amount": c.money("planned_amount", LABELS["planned_amount"], data.planned_amount),
    }
    received = c.count("offers_received", LABELS["offers_received"], data.offers_received) or 0
    rejected = c.count("offers_rejected", LABELS["offers_rejected"], data.offers_rejected) or 0
    out["offers_received"], out["offers_rejected"] = received, rejected
    dates = {name: c.date(name, LABELS[name], getattr(data, name)) for name in _DATES}
    out.update(dates)
    ngo_members = c.count("commission_ngo_members", LABELS["commission_ngo_members"], data.commission_ngo_members)
    offeror_members = c.count(
        "commission_offeror_members", LABELS["commission_offeror_members"], data.commission_offeror_members
    )
    out["commission_ngo_members"], out["commission_offeror_members"] = ngo_members, offeror_members
    if ngo_members is not None and offeror_members is not None and offeror_members > ngo_members:
        c.error(
            "commission_offeror_members",
            LABELS["commission_offeror_members"],
            _("More members cannot represent an offeror than there are members from organisations."),
        )
    out["announcement_points"] = _points(c, data.announcement_points)
    # an unreadable count is named once, not compared as 0 ("dwie" received, 1 rejected)
    if rejected > received and not c.has("offers_received") and not c.has("offers_rejected"):
        c.error("offers_rejected", LABELS["offers_rejected"], _("More offers cannot be rejected than were received."))
    c.not_before(
        "publication_end",
        LABELS["publication_end"],
        dates["publication_end"],
        dates["publication_start"],
        LABELS["publication_start"],
    )
    c.not_before("task_end", LABELS["task_end"], dates["task_end"], dates["task_start"], LABELS["task_start"])
    first_publication = min(
        (d for d in (dates["published_bip"], dates["published_board"], dates["published_website"]) if d is not None),
        default=None,
    )
    c.not_before(
        "offer_deadline", LABELS["offer_deadline"], dates["offer_deadline"], first_publication, LABELS["published_bip"]
    )
    c.not_before(
        "decision_date",
        LABELS["decision_date"],
        dates["decision_date"],
        dates["offer_deadline"],
        LABELS["offer_deadline"],
    )
    c.not_before(
        "answer_date", LABELS["answer_date"], dates["answer_date"], dates["received_date"], LABELS["received_date"]
    )
    if data.annulled and out["annulment_date"] is None:
        c.error("annulment_date", LABELS["annulment_date"], _("Enter the date the competition was annulled."))
    out["parts"] = _check_parts(c, data, out)
    return c, out


def _points(c: Checker, text: str | None) -> str | None:
    """ "1, 3,2" -> "1,2,3"; None stays not recorded; a number outside 1–6 is refused, not dropped."""
    if text is None:
        return None
    numbers = [x.strip() for x in text.replace(";", ",").split(",") if x.strip()]
    if any(not x.isdigit() or not 1 <= int(x) <= 6 for x in numbers):
        c.error(
            "announcement_points",
            LABELS["announcement_points"],
            _("Enter the numbers of points 1–6 of art. 13 ust. 2 separated by commas, e.g. 1,2,3."),
        )
        return None
    return ",".join(str(n) for n in sorted({int(x) for x in numbers}))


@dataclass(frozen=True)
class _Part:
    source: ProcedurePartInput
    area: WkusArea
    title: str
    planned: Decimal | None
    offers: int
    rejected: int


def _check_parts(c: Checker, data: ProcedureInput, out: dict[str, object]) -> list[_Part]:
    """The areas of one competition over several areas. Their offers must add up to the competition's and
    their planned money to its planned amount when both are given: nothing typed is changed to fit."""
    label = LABELS["parts"]
    parts: list[_Part] = []
    if data.parts and out["route"] not in (None, ProcedureRoute.OPEN_COMPETITION):
        c.error("parts", label, _("Only an open competition can be divided into areas."))
    seen: set[tuple[WkusArea, int | None]] = set()
    for i, p in enumerate(data.parts, start=1):
        rc = Checker()
        area = rc.choice("parts", label, p.area, WkusArea)
        planned = rc.money("parts", label, p.planned_amount)
        offers = rc.count("parts", label, p.offers_received) or 0
        rejected = rc.count("parts", label, p.offers_rejected) or 0
        if rejected > offers and not rc.errors:  # an unreadable count is not compared as 0
            rc.error("parts", label, _("More offers cannot be rejected than were received."))
        if area is not None and (area, p.task_id) in seen:
            rc.error("parts", label, _("This area (and task) is already a part of the competition."))
        c.absorb(rc, i)
        if area is not None and not rc.errors:
            seen.add((area, p.task_id))
            parts.append(_Part(p, area, (p.title or "").strip()[:300], planned, offers, rejected))
    if parts and len(parts) == len(data.parts):
        received, refused = out["offers_received"], out["offers_rejected"]
        if sum(x.offers for x in parts) != received:
            c.error(
                "parts",
                label,
                _(
                    "The areas received {parts} offers in total, but the competition {total}; correct one of them."
                ).format(parts=sum(x.offers for x in parts), total=received),
            )
        if sum(x.rejected for x in parts) != refused:
            c.error(
                "parts",
                label,
                _(
                    "The areas rejected {parts} offers in total, but the competition {total}; correct one of them."
                ).format(parts=sum(x.rejected for x in parts), total=refused),
            )
        planned_total = out["planned_amount"]  # checked money: a Decimal or None
        if isinstance(planned_total, Decimal) and all(x.planned is not None for x in parts):
            parts_total = sum((x.planned for x in parts if x.planned is not None), Decimal("0.00"))
            if parts_total != planned_total:
                c.error(
                    "parts",
                    label,
                    _(
                        "The areas plan {parts} in total, but the competition's planned amount "
                        "is {total}; correct one of them."
                    ).format(parts=format_money(parts_total), total=format_money(planned_total)),
                )
    return parts


def validate_procedure(data: ProcedureInput) -> list[FieldError]:
    return _check(data)[0].errors


def _links(session: Session, data: ProcedureInput) -> list[FieldError]:
    """Linked records must exist (the form offers them from lists, but they may have been deleted)."""
    errors = []
    for field, model in (
        ("task_id", PublicTask),
        ("programme_id", CooperationProgramme),
        ("applicant_id", Organisation),
    ):
        value = getattr(data, field)
        if value is not None and session.get(model, value) is None:
            errors.append(field_error(field, LABELS[field], _("The chosen record no longer exists.")))
    for i, part in enumerate(data.parts, start=1):
        if part.task_id is None:
            continue
        task = session.get(PublicTask, part.task_id)
        if task is None:
            message = _("The chosen record no longer exists.")
        elif part.area not in (None, "") and task.area != WkusArea(part.area):
            message = _("The task “{task}” belongs to the area “{area}”; choose that area or another task.").format(
                task=task.title, area=task.area.label
            )
        else:
            continue
        errors.append(field_error("parts", LABELS["parts"], _("Row {row}: {message}").format(row=i, message=message)))
    return errors


def _count(session: Session, procedure_id: int) -> int:
    return session.scalar(select(func.count()).select_from(Contract).where(Contract.procedure_id == procedure_id)) or 0


def to_record(p: Procedure, session: Session) -> ProcedureRecord:
    task = session.get(PublicTask, p.task_id) if p.task_id else None
    applicant = session.get(Organisation, p.applicant_id) if p.applicant_id else None
    return ProcedureRecord(
        id=p.id,
        route=p.route,
        title=p.title,
        reference=p.reference,
        task_id=p.task_id,
        task_title=task.title if task else "",
        programme_id=p.programme_id,
        budget_year=p.budget_year,
        planned_amount=p.planned_amount,
        published_bip=p.published_bip,
        published_board=p.published_board,
        published_website=p.published_website,
        offer_deadline=p.offer_deadline,
        lists_previous_years=p.lists_previous_years,
        offers_received=p.offers_received,
        offers_rejected=p.offers_rejected,
        decision_date=p.decision_date,
        results_published=p.results_published,
        annulled=p.annulled,
        annulment_date=p.annulment_date,
        received_date=p.received_date,
        applicant_id=p.applicant_id,
        applicant_name=applicant.name if applicant else "",
        publication_start=p.publication_start,
        publication_end=p.publication_end,
        answer_date=p.answer_date,
        task_start=p.task_start,
        task_end=p.task_end,
        notes=p.notes,
        contracts_count=_count(session, p.id),
        parts=tuple(
            ProcedurePartRecord(
                x.id, x.area, x.task_id, x.title, x.planned_amount, x.offers_received, x.offers_rejected
            )
            for x in p.parts
        ),
        version=p.version,
        announcement_points=p.announcement_points,
        commission_appointed=p.commission_appointed,
        commission_ngo_members=p.commission_ngo_members,
        commission_offeror_members=p.commission_offeror_members,
        commission_statements=p.commission_statements,
        results_published_board=p.results_published_board,
        results_published_website=p.results_published_website,
        offer_published_board=p.offer_published_board,
        offer_published_website=p.offer_published_website,
        remarks_considered=p.remarks_considered,
    )


def _save(
    db: Database,
    procedure_id: int | None,
    data: ProcedureInput,
    *,
    law_check: bool = False,
    acknowledge_warnings: bool = True,
    today: dt.date | None = None,
    preview: bool = False,
) -> ProcedureRecord:
    checker, clean = _check(data)
    checker.raise_if_any()
    today = today or dt.date.today()
    with db.session() as s:
        link_errors = _links(s, data)
        if link_errors:
            raise ValidationFailed(link_errors)
        before: list[Finding] = []
        if procedure_id is None:
            p = Procedure()
            s.add(p)
        else:
            p = get_or_404(s, Procedure, procedure_id, _("Procedure"))
            if not preview:
                check_version(s, p, data.expected_version, _("Procedure {name}").format(name=p.title))
            if law_check or preview:
                before = procedure_findings(s, p, today)
        parts: list[_Part] = clean.pop("parts")  # type: ignore[assignment]  # what _check_parts put there
        for name, value in clean.items():
            setattr(p, name, value)
        _apply_parts(p, parts)
        p.task_id, p.programme_id, p.applicant_id = data.task_id, data.programme_id, data.applicant_id
        p.lists_previous_years = None if data.lists_previous_years is None else bool(data.lists_previous_years)
        p.annulled = bool(data.annulled)
        p.commission_statements = None if data.commission_statements is None else bool(data.commission_statements)
        p.notes = (data.notes or "").strip()
        if procedure_id is not None:
            mark_saved(p)
        s.flush()
        if preview:
            raise Preview(new_findings(before, procedure_findings(s, p, today)))
        if law_check:
            guard(before, procedure_findings(s, p, today), acknowledge_warnings)
        return to_record(p, s)


def _apply_parts(p: Procedure, parts: list[_Part]) -> None:
    """Parts keyed by id when the form edits a stored one (their history stays with them)."""
    by_id = {x.id: x for x in p.parts}
    kept = {x.source.id for x in parts if x.source.id in by_id}
    for pid, part in by_id.items():
        if pid not in kept:
            remove_child(p.parts, part)
    for position, x in enumerate(parts):
        row = by_id.get(x.source.id) if x.source.id is not None else None
        if row is None:
            row = ProcedurePart()
            p.parts.append(row)
        row.position, row.area, row.task_id, row.title = position, x.area, x.source.task_id, x.title
        row.planned_amount, row.offers_received, row.offers_rejected = x.planned, x.offers, x.rejected


def create_procedure(
    db: Database,
    data: ProcedureInput,
    *,
    law_check: bool = False,
    acknowledge_warnings: bool = True,
    today: dt.date | None = None,
) -> ProcedureRecord:
    """Save a new procedure; `law_check` applies the act's rules (see services.law_guard)."""
    return _save(db, None, data, law_check=law_check, acknowledge_warnings=acknowledge_warnings, today=today)


def update_procedure(
    db: Database,
    procedure_id: int,
    data: ProcedureInput,
    *,
    law_check: bool = False,
    acknowledge_warnings: bool = True,
    today: dt.date | None = None,
) -> ProcedureRecord:
    return _save(db, procedure_id, data, law_check=law_check, acknowledge_warnings=acknowledge_warnings, today=today)


def preview_procedure_findings(
    db: Database, procedure_id: int | None, data: ProcedureInput, today: dt.date | None = None
) -> list[Finding]:
    """The findings the save would add, without saving anything (ValidationFailed for a bad form)."""
    try:
        _save(db, procedure_id, data, today=today, preview=True)
    except Preview as exc:
        return exc.findings
    raise AssertionError("unreachable")  # pragma: no cover


def delete_procedure(db: Database, procedure_id: int) -> None:
    """Delete a procedure; contracts concluded in it stay, without the link."""
    with db.session() as s:
        s.delete(get_or_404(s, Procedure, procedure_id, _("Procedure")))


def get_procedure(db: Database, procedure_id: int) -> ProcedureRecord:
    with db.session() as s:
        return to_record(get_or_404(s, Procedure, procedure_id, _("Procedure")), s)


def procedure_input(r: ProcedureRecord) -> ProcedureInput:
    values = {name: getattr(r, name) for name in _DATES}
    return ProcedureInput(
        route=r.route,
        title=r.title,
        reference=r.reference,
        task_id=r.task_id,
        programme_id=r.programme_id,
        budget_year=r.budget_year,
        planned_amount="" if r.planned_amount is None else r.planned_amount,
        lists_previous_years=r.lists_previous_years,
        offers_received=r.offers_received,
        offers_rejected=r.offers_rejected,
        annulled=r.annulled,
        applicant_id=r.applicant_id,
        notes=r.notes,
        parts=[
            ProcedurePartInput(
                x.area,
                x.task_id,
                x.title,
                "" if x.planned_amount is None else x.planned_amount,
                x.offers_received,
                x.offers_rejected,
                x.id,
            )
            for x in r.parts
        ],
        **values,
        expected_version=r.version,
        announcement_points=r.announcement_points,
        commission_ngo_members=r.commission_ngo_members,
        commission_offeror_members=r.commission_offeror_members,
        commission_statements=r.commission_statements,
    )


def list_procedures(db: Database, *, year: int | None = None) -> list[ProcedureRecord]:
    """Newest budget year first, then by title."""
    with db.session() as s:
        query = select(Procedure).order_by(Procedure.budget_year.desc(), Procedure.title)
        if year is not None:
            query = query.where(Procedure.budget_year == year)
        return [to_record(p, s) for p in s.scalars(query)]
