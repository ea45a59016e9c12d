"""Cooperation programmes (art. 5a): years, resolution, consultation, the 11 elements, priorities, reports.

Adopting a programme late or leaving out an element is a matter for the law checks
(app/core/law), not a reason to refuse saving: the register must record what really happened.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from app.core.db.engine import Database
from app.core.db.models import (
    CooperationProgramme,
    ProgrammeElement,
    ProgrammeIndicator,
    ProgrammePriority,
    ProgrammeReport,
    ProgrammeTeamMember,
)
from app.core.domain.enums import ProgrammeKind, WkusArea
from app.core.domain.programme_elements import ELEMENT_TITLES as PROGRAMME_ELEMENTS
from app.core.domain.records import (
    PriorityInput,
    ProgrammeElementRecord,
    ProgrammeIndicatorRecord,
    ProgrammeInput,
    ProgrammePriorityRecord,
    ProgrammeRecord,
    ProgrammeReportInput,
    ProgrammeReportRecord,
    ProgrammeRow,
    ProgrammeTeamMemberRecord,
    TeamMemberInput,
)
from app.core.errors import FieldError
from app.core.i18n import N_, _
from app.core.law.types import Finding
from app.core.services.common import get_or_404, remove_child
from app.core.services.fields import Checker
from app.core.services.law_guard import Preview, guard, new_findings, programme_findings
from app.core.services.versions import check_version, mark_saved

#: art. 5a ust. 4 – one list, kept in the domain (the printed resolution uses it too)
ELEMENT_TITLES = PROGRAMME_ELEMENTS

LABELS = {
    "kind": N_("Kind of programme"),
    "title": N_("Title"),
    "year_from": N_("First year"),
    "year_to": N_("Last year"),
    "resolution_date": N_("Resolution date"),
    "resolution_number": N_("Resolution number"),
    "journal_reference": N_("Voivodeship journal reference"),
    "consultation_start": N_("Consultation start"),
    "consultation_end": N_("Consultation end"),
    "remarks_received": N_("Remarks received"),
    "remarks_accepted": N_("Remarks accepted"),
    "rdpp_opinion_date": N_("Date of the RDPP opinion"),
    "rdpp_draft_delivered": N_("Draft delivered to the RDPP"),
    "planned_total": N_("Planned funds"),
    "elements": N_("Programme elements"),
    "priorities": N_("Priority tasks"),
    "reports": N_("Reports on the programme"),
    "indicators": N_("Planned values of the indicators"),
    "team": N_("Working group and coordinator"),
}


@dataclass
class _Clean:
    kind: ProgrammeKind
    title: str
    year_from: int
    year_to: int
    resolution_date: dt.date | None
    consultation_start: dt.date | None
    consultation_end: dt.date | None
    rdpp_opinion_date: dt.date | None
    remarks_received: int
    remarks_accepted: int
    planned_total: Decimal | None
    elements: dict[int, str]
    priorities: list[tuple[PriorityInput, int, str, WkusArea | None, Decimal]]
    reports: list[tuple[int, dt.date | None, dt.date | None, str]]
    indicators: dict[tuple[int, str], Decimal]
    #: (name, institution, role, coordinator) in the clerk's order
    team: list[tuple[str, str, str, bool]]
    rdpp_draft_delivered: dt.date | None = None


def _outside(year: int | None, span: tuple[int | None, int | None]) -> bool:
    """The year is given and outside the programme's known years."""
    first, last = span
    return year is not None and first is not None and last is not None and not first <= year <= last


def _check(data: ProgrammeInput) -> tuple[Checker, _Clean | None]:
    c = Checker(data, LABELS)
    kind = c.choice("kind", LABELS["kind"], data.kind, ProgrammeKind)
    title = c.text("title", LABELS["title"], data.title, max_length=400)
    c.fits(
        CooperationProgramme,
        {"resolution_number": data.resolution_number, "journal_reference": data.journal_reference},
        LABELS,
    )
    year_from = c.year("year_from", LABELS["year_from"], data.year_from)
    # an empty last year means a one-year programme
    year_to = c.year("year_to", LABELS["year_to"], data.year_to) if data.year_to not in (None, "") else year_from
    if year_from is not None and year_to is not None:
        if year_to < year_from:
            c.error("year_to", LABELS["year_to"], _("It cannot be earlier than the first year."))
        elif kind is ProgrammeKind.ANNUAL and year_to != year_from:
            c.error(
                "year_to",
                LABELS["year_to"],
                _("An annual programme covers one year; choose a multi-year programme for several years."),
            )
    # rows are checked against the years only when the years themselves are valid
    span = (year_from, year_to) if not (c.has("year_from") or c.has("year_to")) else (None, None)
    resolution_date = c.date("resolution_date", LABELS["resolution_date"], data.resolution_date)
    cons_start = c.date("consultation_start", LABELS["consultation_start"], data.consultation_start)
    cons_end = c.date("consultation_end", LABELS["consultation_end"], data.consultation_end)
    c.not_before("consultation_end", LABELS["consultation_end"], cons_end, cons_start, LABELS["consultation_start"])
    rdpp_date = c.date("rdpp_opinion_date", LABELS["rdpp_opinion_date"], data.rdpp_opinion_date)
    rdpp_delivered = c.date("rdpp_draft_delivered", LABELS["rdpp_draft_delivered"], data.rdpp_draft_delivered)
    received = c.count("remarks_received", LABELS["remarks_received"], data.remarks_received) or 0
    accepted = c.count("remarks_accepted", LABELS["remarks_accepted"], data.remarks_accepted) or 0
    if accepted > received:
        c.error(
            "remarks_accepted", LABELS["remarks_accepted"], _("More remarks cannot be accepted than were received.")
        )
    planned_total = c.money("planned_total", LABELS["planned_total"], data.planned_total)
    elements: dict[int, str] = {}
    for number, text in data.elements.items():
        if number not in ELEMENT_TITLES:
            c.error("elements", LABELS["elements"], _("The act lists elements 1 to 11 only."))
            continue
        if (text or "").strip():
            elements[number] = text.strip()
    priorities = []
    for i, p in enumerate(data.priorities, start=1):
        rc = Checker()
        year = rc.year("priorities", LABELS["priorities"], p.year)
        if _outside(year, span):
            rc.error(
                "priorities",
                LABELS["priorities"],
                _("The year {year} is outside the programme's years.").format(year=year),
            )
        ptitle = (p.title or "").strip()
        if not ptitle:
            rc.error("priorities", LABELS["priorities"], _("Enter the priority task's title."))
        area = rc.choice("priorities", LABELS["priorities"], p.area, WkusArea, required=False)
        amount = rc.money("priorities", LABELS["priorities"], p.planned_amount)
        c.absorb(rc, i)
        if not rc.errors and year is not None:
            priorities.append((p, year, ptitle, area, amount if amount is not None else Decimal("0.00")))
    reports = []
    seen: set[int] = set()
    for i, r in enumerate(data.reports, start=1):
        rc = Checker()
        year = rc.year("reports", LABELS["reports"], r.year)
        if year is not None and year in seen:
            rc.error("reports", LABELS["reports"], _("There is already a report for {year}.").format(year=year))
        elif _outside(year, span):
            rc.error(
                "reports", LABELS["reports"], _("The year {year} is outside the programme's years.").format(year=year)
            )
        submitted = rc.date("reports", LABELS["reports"], r.submitted_to_council)
        published = rc.date("reports", LABELS["reports"], r.published_in_bip)
        c.absorb(rc, i)
        if year is not None:
            seen.add(year)
            reports.append((year, submitted, published, (r.conclusions or "").strip()))
    indicators = _check_indicators(c, data, span)
    team = _check_team(c, data)
    if c.errors or kind is None or year_from is None or year_to is None:
        return c, None
    return c, _Clean(
        kind,
        title,
        year_from,
        year_to,
        resolution_date,
        cons_start,
        cons_end,
        rdpp_date,
        received,
        accepted,
        planned_total,
        elements,
        priorities,
        reports,
        indicators,
        team,
        rdpp_delivered,
    )


def _check_team(c: Checker, data: ProgrammeInput) -> list[tuple[str, str, str, bool]]:
    """The working group: a row with anything typed needs the person's name; one coordinator at most (the
    sources name one: "Koordynator merytoryczny"). An empty row is left out."""
    label = LABELS["team"]
    out: list[tuple[str, str, str, bool]] = []
    for i, m in enumerate(data.team, start=1):
        name, institution, role = ((v or "").strip() for v in (m.name, m.institution, m.role))
        if not (name or institution or role or m.coordinator):
            continue
        rc = Checker()
        if not name:
            rc.error("team", label, _("Enter the member's name."))
        name, institution, role = (rc.text("team", label, v, max_length=200) for v in (name, institution, role))
        c.absorb(rc, i)
        if not rc.errors:
            out.append((name, institution, role, bool(m.coordinator)))
    if sum(1 for *_rest, coordinator in out if coordinator) > 1:
        c.error("team", label, _("Mark one member of the working group as the coordinator."))
    return out


def _check_indicators(
    c: Checker, data: ProgrammeInput, span: tuple[int | None, int | None]
) -> dict[tuple[int, str], Decimal]:
    """Planned values: a known indicator, a year of the programme, a whole number ≥ 0; empty = not planned."""
    from app.core.figures.programme_indicators import CODES, indicator

    label = LABELS["indicators"]
    out: dict[tuple[int, str], Decimal] = {}
    for (year, code), value in sorted(data.indicators.items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1]))):
        if not isinstance(code, str) or code not in CODES:
            c.error("indicators", label, _("“{code}” is not an indicator of the programme.").format(code=code))
            continue
        name = indicator(code).name
        rc = Checker()
        y = rc.year("indicators", label, year)
        if isinstance(value, Decimal):  # a stored value (normalised: 10 may read 1E+1)
            value = str(int(value)) if value.is_finite() and value == value.to_integral_value() else str(value)
        number = rc.count("indicators", label, value)
        if y is not None and None not in span and not span[0] <= y <= span[1]:  # type: ignore[operator]
            rc.error("indicators", label, _("The year {year} is outside the programme's years.").format(year=y))
        for e in rc.errors:
            c.error(
                "indicators",
                label,
                _("{indicator}, {year}: {message}").format(indicator=name, year=year, message=e.message),
            )
        if not rc.errors and y is not None and number is not None:
            out[(y, code)] = Decimal(number)
    return out


def validate_programme(data: ProgrammeInput) -> list[FieldError]:
    return _check(data)[0].errors


def to_record(p: CooperationProgramme) -> ProgrammeRecord:
    return ProgrammeRecord(
        id=p.id,
        kind=p.kind,
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
        notes=p.notes,
        elements=tuple(ProgrammeElementRecord(e.number, e.text) for e in sorted(p.elements, key=lambda e: e.number)),
        priorities=tuple(
            ProgrammePriorityRecord(x.id, x.year, x.title, x.area, x.planned_amount)
            for x in sorted(p.priorities, key=lambda x: (x.year, x.id or 0))
        ),
        reports=tuple(
            ProgrammeReportRecord(r.id, r.year, r.submitted_to_council, r.published_in_bip, r.conclusions)
            for r in sorted(p.reports, key=lambda r: r.year)
        ),
        version=p.version,
        rdpp_draft_delivered=p.rdpp_draft_delivered,
        indicators=tuple(
            ProgrammeIndicatorRecord(x.year, x.code, x.planned)
            for x in sorted(p.indicators, key=lambda x: (x.year, x.code))
        ),
        team=tuple(
            ProgrammeTeamMemberRecord(x.name, x.institution, x.role, x.coordinator)
            for x in sorted(p.team, key=lambda x: (x.position, x.id or 0))
        ),
    )


def _apply(p: CooperationProgramme, data: ProgrammeInput, clean: _Clean) -> None:
    p.kind = clean.kind
    p.title = clean.title or _("Cooperation programme for {years}").format(
        years=str(clean.year_from) if clean.year_from == clean.year_to else f"{clean.year_from}–{clean.year_to}"
    )
    p.year_from, p.year_to = clean.year_from, clean.year_to
    p.resolution_number = (data.resolution_number or "").strip()
    p.resolution_date = clean.resolution_date
    p.journal_reference = (data.journal_reference or "").strip()
    p.consultation_start, p.consultation_end = clean.consultation_start, clean.consultation_end
    p.consultation_summary = (data.consultation_summary or "").strip()
    p.remarks_received, p.remarks_accepted = clean.remarks_received, clean.remarks_accepted
    p.rdpp_opinion_date = clean.rdpp_opinion_date
    p.rdpp_draft_delivered = clean.rdpp_draft_delivered
    p.rdpp_opinion = (data.rdpp_opinion or "").strip()
    p.wkus_model_adopted = bool(data.wkus_model_adopted)
    p.planned_total = clean.planned_total
    p.notes = (data.notes or "").strip()
    # elements: keyed by number
    by_number = {e.number: e for e in p.elements}
    for number, element in by_number.items():
        if number not in clean.elements:
            remove_child(p.elements, element)
    for number, text in sorted(clean.elements.items()):
        if number in by_number:
            by_number[number].text = text
        else:
            p.elements.append(ProgrammeElement(number=number, text=text))
    # priorities: keyed by id when the form edits a stored one
    by_id = {x.id: x for x in p.priorities}
    kept = {inp.id for inp, *_rest in clean.priorities if inp.id in by_id}
    for pid, dropped in by_id.items():
        if pid not in kept:
            remove_child(p.priorities, dropped)
    for inp, year, title, area, amount in clean.priorities:
        prio = by_id.get(inp.id) if inp.id is not None else None
        if prio is None:
            prio = ProgrammePriority()
            p.priorities.append(prio)
        prio.year, prio.title, prio.area, prio.planned_amount = year, title, area, amount
    # reports: keyed by year (one per year)
    by_year = {r.year: r for r in p.reports}
    wanted = {year for year, *_rest in clean.reports}
    for year, dropped_report in by_year.items():
        if year not in wanted:
            remove_child(p.reports, dropped_report)
    for year, submitted, published, conclusions in clean.reports:
        report = by_year.get(year)
        if report is None:
            report = ProgrammeReport(year=year)
            p.reports.append(report)
        report.submitted_to_council, report.published_in_bip, report.conclusions = submitted, published, conclusions
    # planned indicator values: keyed by (year, code); a cleared value removes the row (not planned)
    by_key = {(x.year, x.code): x for x in p.indicators}
    for key, stored in by_key.items():
        if key not in clean.indicators:
            remove_child(p.indicators, stored)
    for (year, code), value in sorted(clean.indicators.items()):
        row = by_key.get((year, code))
        if row is None:
            p.indicators.append(ProgrammeIndicator(year=year, code=code, planned=value))
        elif row.planned != value:
            row.planned = value
    # the working group: kept in the clerk's order; stored rows are reused position by position
    for extra in list(p.team)[len(clean.team) :]:
        remove_child(p.team, extra)
    for position, (name, institution, role, coordinator) in enumerate(clean.team):
        if position < len(p.team):
            member = p.team[position]
        else:
            member = ProgrammeTeamMember(position=position)
            p.team.append(member)
        member.position, member.name, member.institution, member.role = position, name, institution, role
        member.coordinator = coordinator


def _save(
    db: Database,
    programme_id: int | None,
    data: ProgrammeInput,
    *,
    law_check: bool = False,
    acknowledge_warnings: bool = True,
    today: dt.date | None = None,
    preview: bool = False,
) -> ProgrammeRecord:
    checker, clean = _check(data)
    checker.raise_if_any()
    assert clean is not None
    today = today or dt.date.today()
    with db.session() as s:
        before: list[Finding] = []
        if programme_id is None:
            p = CooperationProgramme()
            s.add(p)
        else:
            p = get_or_404(s, CooperationProgramme, programme_id, _("Cooperation programme"))
            if not preview:
                check_version(s, p, data.expected_version, _("Cooperation programme {name}").format(name=p.title))
            if law_check or preview:
                before = programme_findings(s, p, today)
        _apply(p, data, clean)
        if programme_id is not None:
            mark_saved(p)
        s.flush()
        if preview:
            raise Preview(new_findings(before, programme_findings(s, p, today)))
        if law_check:
            guard(before, programme_findings(s, p, today), acknowledge_warnings)
        return to_record(p)


def create_programme(
    db: Database,
    data: ProgrammeInput,
    *,
    law_check: bool = False,
    acknowledge_warnings: bool = True,
    today: dt.date | None = None,
) -> ProgrammeRecord:
    """Save a new programme; `law_check` applies the act's rules (see services.law_guard)."""
    return _save(db, None, data, law_check=law_check, acknowledge_warnings=acknowledge_warnings, today=today)


def update_programme(
    db: Database,
    programme_id: int,
    data: ProgrammeInput,
    *,
    law_check: bool = False,
    acknowledge_warnings: bool = True,
    today: dt.date | None = None,
) -> ProgrammeRecord:
    return _save(db, programme_id, data, law_check=law_check, acknowledge_warnings=acknowledge_warnings, today=today)


def preview_programme_findings(
    db: Database, programme_id: int | None, data: ProgrammeInput, today: dt.date | None = None
) -> list[Finding]:
    """The findings the save would add, without saving anything (ValidationFailed for a bad form)."""
    try:
        _save(db, programme_id, data, today=today, preview=True)
    except Preview as exc:
        return exc.findings
    raise AssertionError("unreachable")  # pragma: no cover


def delete_programme(db: Database, programme_id: int) -> None:
    with db.session() as s:
        s.delete(get_or_404(s, CooperationProgramme, programme_id, _("Cooperation programme")))


def get_programme(db: Database, programme_id: int) -> ProgrammeRecord:
    with db.session() as s:
        return to_record(get_or_404(s, CooperationProgramme, programme_id, _("Cooperation programme")))


def programme_input(r: ProgrammeRecord) -> ProgrammeInput:
    return ProgrammeInput(
        kind=r.kind,
        title=r.title,
        year_from=r.year_from,
        year_to=r.year_to,
        resolution_number=r.resolution_number,
        resolution_date=r.resolution_date,
        journal_reference=r.journal_reference,
        consultation_start=r.consultation_start,
        consultation_end=r.consultation_end,
        consultation_summary=r.consultation_summary,
        remarks_received=r.remarks_received,
        remarks_accepted=r.remarks_accepted,
        rdpp_opinion_date=r.rdpp_opinion_date,
        rdpp_opinion=r.rdpp_opinion,
        rdpp_draft_delivered=r.rdpp_draft_delivered,
        wkus_model_adopted=r.wkus_model_adopted,
        planned_total="" if r.planned_total is None else r.planned_total,
        notes=r.notes,
        elements={e.number: e.text for e in r.elements},
        priorities=[
            PriorityInput(year=x.year, title=x.title, area=x.area, planned_amount=x.planned_amount, id=x.id)
            for x in r.priorities
        ],
        reports=[
            ProgrammeReportInput(
                year=x.year,
                submitted_to_council=x.submitted_to_council,
                published_in_bip=x.published_in_bip,
                conclusions=x.conclusions,
            )
            for x in r.reports
        ],
        expected_version=r.version,
        indicators={(x.year, x.code): x.planned for x in r.indicators},
        team=[TeamMemberInput(x.name, x.institution, x.role, x.coordinator) for x in r.team],
    )


def list_programmes(db: Database) -> list[ProgrammeRow]:
    """Newest first (by first year), the way a clerk looks for the current programme."""
    with db.session() as s:
        rows = []
        query = select(CooperationProgramme).order_by(
            CooperationProgramme.year_from.desc(), CooperationProgramme.year_to.desc()
        )
        for p in s.scalars(query):
            r = to_record(p)
            rows.append(
                ProgrammeRow(
                    id=r.id,
                    kind=r.kind,
                    title=r.title,
                    year_from=r.year_from,
                    year_to=r.year_to,
                    years_label=r.years_label,
                    resolution_number=r.resolution_number,
                    resolution_date=r.resolution_date,
                    planned_total=r.planned_total,
                    elements_filled=len(r.filled_elements),
                )
            )
        return rows
