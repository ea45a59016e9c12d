"""Kreator "Program współpracy": the 11 elements of art. 5a ust. 4, consultation, RDPP opinion.

Texts and priorities of the latest programme in the register are offered as the starting point
(priorities moved to the new years); finish() stores the programme through the programmes service
and the view then offers the draft resolution (app/core/documents/resolution.py).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from app.core.domain.enums import ProgrammeKind, WkusArea
from app.core.errors import FieldError, UserFacingError
from app.core.i18n import N_, _, format_date, format_decimal, format_money
from app.core.law.data import law
from app.core.wizards.base import (
    Answers,
    Column,
    Field,
    FinishResult,
    Step,
    WizardContext,
    WizardDef,
    WizardState,
    date,
    error,
    integer,
    money,
    table_rows,
    typed_date,
)

KIND = "programme"

#: element number → the answer key holding its text
ELEMENT_KEYS = {n: f"element_{n}" for n in range(1, 12)}


def _kind(a: Answers) -> ProgrammeKind:
    try:
        return ProgrammeKind(a.get("kind") or ProgrammeKind.ANNUAL.value)
    except ValueError:
        return ProgrammeKind.ANNUAL


def _years(a: Answers) -> tuple[int | None, int | None]:
    first = integer(a, "year_from")
    last = integer(a, "year_to") if _kind(a) is ProgrammeKind.MULTI_YEAR else first
    return first, last


def _element_field(n: int, **kw: Any) -> Field:
    from app.core.services.programmes import ELEMENT_TITLES

    return Field(ELEMENT_KEYS[n], ELEMENT_TITLES[n], "textarea", **kw)


def _latest(ctx: WizardContext) -> Any:
    if ctx.db is None:
        return None
    from app.core.services.programmes import get_programme, list_programmes

    rows = list_programmes(ctx.db)
    if not rows:
        return None
    latest = max(rows, key=lambda r: (r.year_to, r.id))
    return get_programme(ctx.db, latest.id)


def _gmina_name(ctx: WizardContext) -> str:
    if ctx.db is None:
        return ""
    from app.core.services.gmina import get_gmina

    g = get_gmina(ctx.db)
    return g.name if g else ""


def _prefill_period(ctx: WizardContext, a: Answers) -> Answers:
    year = ctx.today.year + 1
    title = suggested_title(ctx, ProgrammeKind.ANNUAL, year, None)
    return {
        "kind": ProgrammeKind.ANNUAL.value,
        "year_from": str(year),
        "year_to": str(year + 1),
        "title": title,
        SUGGESTED_TITLE: title,
        "wkus_model_adopted": True,
    }


#: the title the wizard offered; while the clerk has not changed it, it follows the kind and years
SUGGESTED_TITLE = "suggested_title"


def suggested_title(ctx: WizardContext, kind: ProgrammeKind | None, first: int, last: int | None) -> str:
    gmina = _gmina_name(ctx) or _("the gmina")
    if kind is ProgrammeKind.MULTI_YEAR and last is not None and last != first:
        return _(
            "Multi-year programme of cooperation of {gmina} with non-governmental organisations for {first}\u2013{last}"
        ).format(gmina=gmina, first=first, last=last)
    return _("Annual programme of cooperation of {gmina} with non-governmental organisations for {year}").format(
        gmina=gmina, year=first
    )


def _derive_title(ctx: WizardContext, a: Answers) -> Answers:
    """The suggested title follows the kind and years as they are typed, until the clerk edits the title."""
    first, last = _years(a)
    if first is None or not 2000 <= first <= 2100 or not a.get("title") or a.get("title") != a.get(SUGGESTED_TITLE):
        return {}
    title = suggested_title(ctx, _kind(a), first, last)
    return {"title": title, SUGGESTED_TITLE: title} if title != a.get("title") else {}


def _check_period(ctx: WizardContext, a: Answers) -> list[FieldError]:
    first, last = _years(a)
    # "Roczny program … na rok 2027" stayed in the title after choosing a multi-year 2027–2029 one
    a.update(_derive_title(ctx, a))
    if _kind(a) is ProgrammeKind.MULTI_YEAR and first is not None:
        if last is None:
            return [error("year_to", N_("Last year"), _("Enter the last year of a multi-year programme."))]
        if last <= first:
            return [
                error("year_to", N_("Last year"), _("A multi-year programme must end in a later year than it starts."))
            ]
    if first is not None and not 2000 <= first <= 2100:
        return [error("year_from", N_("First year"), _("Enter a year between 2000 and 2100."))]
    return []


def _info_period(ctx: WizardContext, a: Answers) -> list[str]:
    first, _last = _years(a)
    if first is None:
        return []
    spec = law().rule("PRG-1")
    due = dt.date(first - 1, spec.params["adoption_month"], spec.params["adoption_day"])
    line = _("The council must adopt the programme by {due} ({basis}).").format(
        due=format_date(due), basis=law().rule_citation("PRG-1", ctx.today)
    )
    if ctx.today > due:
        line += " " + _("That date has passed: the programme will be adopted late.")
    lines = [line]
    last = _last or first
    if ctx.db is not None:
        from app.core.services.programmes import list_programmes

        # the wizard creates a new programme: say so when the register already covers these years
        for p in list_programmes(ctx.db):
            if p.year_from <= last and first <= p.year_to:
                lines.append(
                    _(
                        "The register already has a programme for {years}: \u201c{title}\u201d. Finishing "
                        "creates another one; to change that one, edit it in \u201cCooperation "
                        "programmes\u201d."
                    ).format(years=p.years_label, title=p.title)
                )
    return lines


def _model_elements(
    ctx: WizardContext, a: Answers, numbers: tuple[int, ...], priorities: list[dict[str, Any]] | None = None
) -> Answers:
    """A gmina with no earlier programme: the model programme's chapters filled with its data."""
    from app.core.wizards.model_programme import draft_elements, gather_facts

    first, last = _years(a)
    if first is None or ctx.db is None:
        return {}  # without a database there are no gmina data to draft from
    rows = table_rows(a, "priorities") if priorities is None else priorities
    facts = gather_facts(ctx.db, first, last, rows, a)
    return {ELEMENT_KEYS[n]: text for n, text in draft_elements(facts, numbers).items()}


def _info_model(ctx: WizardContext, a: Answers) -> list[str]:
    if ctx.db is None or _latest(ctx) is not None:
        return []
    return [
        _(
            "The register has no earlier programme: the chapters are drafted from the model multi-year "
            "cooperation programme (Sopot) with the gmina's data. Read and correct each of them."
        )
    ]


def _info_model_priorities(ctx: WizardContext, a: Answers) -> list[str]:
    lines = _info_model(ctx, a)
    if lines:
        lines.append(
            _(
                "The priority tasks are the registered tasks delivered by organisations; an amount is given "
                "where the task's contracts plan a tranche for that year. Enter the other amounts."
            )
        )
    return lines


def _prefill_elements(*numbers: int) -> Any:
    def prefill(ctx: WizardContext, a: Answers) -> Answers:
        prog = _latest(ctx)
        if prog is None:
            return _model_elements(ctx, a, numbers)
        texts = {e.number: e.text for e in prog.elements}
        first, last = _years(a)
        out: Answers = {}
        for n in numbers:
            text = texts.get(n, "")
            if n == 6 and first is not None and _spans(prog.year_from, prog.year_to) != _spans(first, last):
                continue  # the period sentence of an annual programme does not fit a multi-year one: generated
            if text and first is not None:
                text = retarget_years(text, prog.year_from, prog.year_to, first, last)
            if text:
                out[ELEMENT_KEYS[n]] = text
        return out

    return prefill


def _spans(first: int, last: int | None) -> bool:
    return last is not None and last != first


def retarget_years(text: str, old_first: int, old_last: int, first: int, last: int | None) -> str:
    """The previous programme's years in `text` become the new programme's, in one pass.

    (Replacing one year after the other turned "2025–2027" into "2029–2029" when the new period
    started with the old last year, and an annual 2027 into "2029" for a multi-year 2027–2029.)
    """
    new_last = last if last is not None else first
    was_multi, is_multi = _spans(old_first, old_last), _spans(first, last)
    if was_multi and not is_multi:
        text = re.sub(rf"\b{old_first}\s*[–-]\s*{old_last}\b", str(first), text)
        text = re.sub(r"\bna lata\b", "na rok", text)
        mapping = {str(old_first): str(first), str(old_last): str(first)}
    elif is_multi and not was_multi:
        text = re.sub(rf"\bna rok (?={old_first}\b)", "na lata ", text)
        text = re.sub(rf"\bw roku (?={old_first}\b)", "w latach ", text)
        mapping = {str(old_first): f"{first}\u2013{new_last}"}
    else:
        mapping = {str(old_first): str(first), str(old_last): str(new_last)}
    return re.sub(r"\b(" + "|".join(map(re.escape, mapping)) + r")\b", lambda m: mapping[m.group(1)], text)


def _area_code(text: str) -> WkusArea | None:
    cleaned = (text or "").strip().casefold()
    for area in WkusArea:
        if cleaned in (area.value.casefold(), area.label.casefold()):
            return area
    return None


def _area_choices() -> list[str]:
    return [""] + [area.label for area in WkusArea]


def _prefill_priorities(ctx: WizardContext, a: Answers) -> Answers:
    prog = _latest(ctx)
    first, last = _years(a)
    if prog is None and first is not None:
        from app.core.wizards.model_programme import suggested_priorities

        rows = table_rows(a, "priorities") or suggested_priorities(ctx.db, first, last)
        out = _model_elements(ctx, a, (5,), rows)
        if rows:
            out["priorities"] = rows
        return out
    out = _prefill_elements(5)(ctx, a)
    if prog is None or first is None:
        return out
    last_year = max((p.year for p in prog.priorities), default=None)
    rows = []
    for year in range(first, (last or first) + 1):
        for p in prog.priorities:
            if p.year == last_year:
                rows.append(
                    {
                        "year": str(year),
                        "title": p.title,
                        "area": p.area.label if p.area else "",
                        "amount": format_decimal(p.planned_amount, 2),
                    }
                )
    out["priorities"] = rows
    return out


def _check_priorities(ctx: WizardContext, a: Answers) -> list[FieldError]:
    first, last = _years(a)
    errors = []
    for i, row in enumerate(table_rows(a, "priorities"), 1):
        year = integer({"y": row.get("year", "")}, "y")
        if year is not None and first is not None and not first <= year <= (last or first):
            errors.append(
                error(
                    "priorities",
                    N_("Priority tasks"),
                    _("Row {row}: the year {year} is outside the programme.").format(row=i, year=year),
                )
            )
        if row.get("area", "").strip() and _area_code(row["area"]) is None:
            errors.append(
                error(
                    "priorities",
                    N_("Priority tasks"),
                    _("Row {row}: unknown area \u201c{area}\u201d; use one of: {codes}.").format(
                        row=i, area=row["area"], codes=", ".join(a.value for a in WkusArea)
                    ),
                )
            )
    return errors


def priorities_total(a: Answers) -> Decimal:
    return sum(
        (money({"m": r.get("amount", "")}, "m") or Decimal("0.00") for r in table_rows(a, "priorities")),
        Decimal("0.00"),
    )


def _prefill_funds(ctx: WizardContext, a: Answers) -> Answers:
    out = _prefill_elements(6, 7, 9, 11)(ctx, a)
    total = priorities_total(a)
    first, last = _years(a)
    if total:
        out["planned_total"] = format_decimal(total, 2)
        out[ELEMENT_KEYS[8]] = _("The funds planned for the programme amount to {amount}.").format(
            amount=format_money(total)
        )
        if _latest(ctx) is None:
            out.update(_model_elements(ctx, a, (8,)))  # the model also gives the amount of each year
    if first is not None and not out.get(ELEMENT_KEYS[6]):
        out[ELEMENT_KEYS[6]] = _("The programme covers the period from 1 January {start} to 31 December {end}.").format(
            start=first, end=last or first
        )
    return out


def _prefill_consultation(ctx: WizardContext, a: Answers) -> Answers:
    first, _last = _years(a)
    if first is None:
        return {}
    return {
        "consultation_start": typed_date(dt.date(first - 1, 10, 1)),
        "consultation_end": typed_date(dt.date(first - 1, 10, 15)),
        "remarks_received": "0",
        "remarks_accepted": "0",
    }


def _check_consultation(ctx: WizardContext, a: Answers) -> list[FieldError]:
    errors = []
    s, e = date(a, "consultation_start"), date(a, "consultation_end")
    if s is not None and e is not None and e < s:
        errors.append(
            error("consultation_end", N_("Consultation until"), _("The consultation cannot end before it starts."))
        )
    if (integer(a, "remarks_accepted") or 0) > (integer(a, "remarks_received") or 0):
        errors.append(
            error("remarks_accepted", N_("Remarks accepted"), _("More remarks cannot be accepted than were received."))
        )
    if date(a, "rdpp_opinion_date") is not None and not str(a.get("rdpp_opinion") or "").strip():
        errors.append(
            error(
                "rdpp_opinion",
                N_("RDPP opinion"),
                _("The opinion of the public benefit council must be attached to the draft (art. 5a ust. 2a)."),
            )
        )
    return errors


def _prefill_resolution(ctx: WizardContext, a: Answers) -> Answers:
    if a.get(ELEMENT_KEYS[10]):
        return {}
    s, e = date(a, "consultation_start"), date(a, "consultation_end")
    if s is None or e is None:
        return {}
    if _latest(ctx) is None:
        return _model_elements(ctx, a, (10,))
    return {
        ELEMENT_KEYS[10]: _(
            "The draft programme was consulted with organisations from {start} to {end}; "
            "{received} remarks were submitted and {accepted} accepted."
        ).format(
            start=format_date(s),
            end=format_date(e),
            received=integer(a, "remarks_received") or 0,
            accepted=integer(a, "remarks_accepted") or 0,
        )
    }


def _check_resolution(ctx: WizardContext, a: Answers) -> list[FieldError]:
    e, r = date(a, "consultation_end"), date(a, "resolution_date")
    if e is not None and r is not None and r < e:
        return [
            error(
                "resolution_date",
                N_("Planned resolution date"),
                _(
                    "The council adopts the programme after the consultation, which ends on {date} (art. 5a ust. 1)."
                ).format(date=format_date(e)),
            )
        ]
    return []


def _info_summary(ctx: WizardContext, a: Answers) -> list[str]:
    missing = [n for n, key in ELEMENT_KEYS.items() if not str(a.get(key) or "").strip()]
    first, last = _years(a)
    lines = [
        _("Programme: {title}").format(title=a.get("title", "")),
        _("Period: {start} – {end}").format(start=first or "…", end=last or "…"),
        _("Priority tasks: {count}, planned funds {amount}.").format(
            count=len(table_rows(a, "priorities")), amount=format_money(priorities_total(a))
        ),
    ]
    if missing:
        lines.append(
            _(
                "Elements still empty (art. 5a ust. 4): {numbers}. The programme can be stored, but the "
                "resolution draft will name them."
            ).format(numbers=", ".join(map(str, missing)))
        )
    else:
        lines.append(_("All 11 elements of art. 5a ust. 4 are filled in."))
    return lines


STEPS: tuple[Step, ...] = (
    Step(
        "period",
        "A",
        N_("Kind and period"),
        N_(
            "An annual programme is mandatory; a multi-year one is optional and suits multi-year contracting. The "
            "title is suggested from the gmina's name."
        ),
        N_(
            "Art. 5a ust. 1: the council adopts the annual programme by 30 November of the previous year; "
            "art. 5a ust. 2 allows a multi-year programme."
        ),
        "art. 5a ust. 1–2 u.d.p.p.w.; W-06, W-07",
        ("W-06", "W-07"),
        "programme",
        (
            Field(
                "kind", N_("Kind of programme"), "choice", required=True, options=lambda c, a: ProgrammeKind.choices()
            ),
            Field("year_from", N_("First year"), "int", required=True, minimum=2000, maximum=2100),
            Field("year_to", N_("Last year"), "int", visible=lambda a: _kind(a) is ProgrammeKind.MULTI_YEAR),
            Field("title", N_("Title"), "text", required=True),
            Field("wkus_model_adopted", N_("The programme provides for multi-year contracting (WKUS)"), "bool"),
        ),
        check=_check_period,
        next="objectives",
        prefill=_prefill_period,
        info=_info_period,
        derive=_derive_title,
    ),
    Step(
        "objectives",
        "P",
        N_("Objectives, principles, scope"),
        N_("Elements 1–3 of the programme. The texts of the latest programme are offered; adapt them."),
        N_("Art. 5a ust. 4 pkt 1–3 require the objectives, the principles of cooperation and the subject scope."),
        "art. 5a ust. 4 pkt 1–3",
        ("W-07",),
        "programme",
        tuple(_element_field(n, required=True) for n in (1, 2, 3)),
        next="forms",
        prefill=_prefill_elements(1, 2, 3),
        info=_info_model,
    ),
    Step(
        "forms",
        "P",
        N_("Forms of cooperation"),
        N_(
            "Element 4: financial and non-financial forms (art. 5 ust. 2), e.g. commissioning tasks, consultations, "
            "joint teams, partnership agreements, multi-year contracts."
        ),
        N_("Art. 5a ust. 4 pkt 4 and art. 5 ust. 2 list the forms of cooperation."),
        "art. 5 ust. 2, art. 5a ust. 4 pkt 4",
        ("W-08",),
        "programme",
        (_element_field(4, required=True),),
        next="priorities",
        prefill=_prefill_elements(4),
    ),
    Step(
        "priorities",
        "P",
        N_("Priority tasks"),
        N_(
            "Element 5 and the priority tasks per year with planned funds. The latest programme's priorities are "
            "copied to the new years; pick the area of each task from the list."
        ),
        N_("Art. 5a ust. 4 pkt 5 requires the priority public tasks; multi-year contracts should be among them."),
        "art. 5a ust. 4 pkt 5",
        ("W-07",),
        "programme",
        (
            _element_field(5, required=True),
            Field(
                "priorities",
                N_("Priority tasks"),
                "table",
                required=True,
                columns=(
                    Column("year", N_("Year"), "int", True),
                    Column("title", N_("Priority task"), required=True),
                    Column("area", N_("Area"), choices=_area_choices),
                    Column("amount", N_("Planned funds"), "money", True),
                ),
            ),
        ),
        check=_check_priorities,
        next="funds",
        prefill=_prefill_priorities,
        info=_info_model_priorities,
    ),
    Step(
        "funds",
        "P",
        N_("Period, implementation, funds, evaluation"),
        N_(
            "Elements 6–9 and 11. The planned funds are the sum of the priority tasks; correct them if the budget "
            "differs."
        ),
        N_(
            "Art. 5a ust. 4 pkt 6–9 and 11: period, way of implementation, planned funds, evaluation and the "
            "competition commissions."
        ),
        "art. 5a ust. 4 pkt 6–9, 11",
        ("W-07", "W-11"),
        "programme",
        (
            _element_field(6, required=True),
            _element_field(7, required=True),
            Field("planned_total", N_("Planned funds"), "money", required=True),
            _element_field(8, required=True),
            _element_field(9, required=True),
            _element_field(11, required=True),
        ),
        next="consultation",
        prefill=_prefill_funds,
    ),
    Step(
        "consultation",
        "P",
        N_("Consultation and RDPP opinion"),
        N_(
            "Record the consultation with organisations and, if the public benefit council gave an opinion, its date "
            "and text."
        ),
        N_(
            "The programme is adopted after consultations (art. 5 ust. 5); an RDPP opinion is attached to the "
            "draft (art. 5a ust. 2a)."
        ),
        "art. 5 ust. 5, art. 5a ust. 1 i 2a; W-06, W-09",
        ("W-06", "W-09"),
        "calendar",
        (
            Field("consultation_start", N_("Consultation from"), "date", required=True),
            Field("consultation_end", N_("Consultation until"), "date", required=True),
            Field("remarks_received", N_("Remarks received"), "int"),
            Field("remarks_accepted", N_("Remarks accepted"), "int"),
            Field("consultation_summary", N_("Course of the consultation"), "textarea"),
            Field("rdpp_opinion_date", N_("Date of the RDPP opinion"), "date"),
            Field("rdpp_opinion", N_("RDPP opinion"), "textarea"),
        ),
        check=_check_consultation,
        next="resolution",
        prefill=_prefill_consultation,
    ),
    Step(
        "resolution",
        "R",
        N_("Creation of the programme and the resolution"),
        N_(
            "Element 10 describes how the programme was created and consulted; it is written from the previous "
            "step. Give the planned date of the council session."
        ),
        N_("Art. 5a ust. 4 pkt 10; the resolution is adopted by 30 November (art. 5a ust. 1)."),
        "art. 5a ust. 1, ust. 4 pkt 10",
        ("W-07",),
        "programme",
        (_element_field(10, required=True), Field("resolution_date", N_("Planned resolution date"), "date")),
        check=_check_resolution,
        next="summary",
        prefill=_prefill_resolution,
        info=_info_period,
    ),
    Step(
        "summary",
        "M",
        N_("Summary"),
        N_("Finishing stores the programme in the register and offers the draft resolution with the annex."),
        N_("Nothing is written to the registers before this step."),
        "art. 5a ust. 4",
        ("W-07",),
        "programme",
        (),
        next=None,
        info=_info_summary,
    ),
)


def finish(ctx: WizardContext, state: WizardState) -> FinishResult:
    if ctx.db is None:
        raise UserFacingError(_("No database is open."))
    from app.core.domain.records import PriorityInput, ProgrammeInput
    from app.core.services.programmes import create_programme

    a = state.answers
    first, last = _years(a)
    notes = [_("Prepared by the wizard \u201cCooperation programme\u201d.")]
    planned = date(a, "resolution_date")
    if planned is not None:
        # a plan, not the fact: the register shows a programme as adopted only with the resolution's own date
        notes.append(
            _(
                "Planned date of the council resolution: {date} (enter the resolution's number and date "
                "once the council has adopted it)."
            ).format(date=format_date(planned))
        )
    record = create_programme(
        ctx.db,
        ProgrammeInput(
            kind=_kind(a),
            title=str(a.get("title") or ""),
            year_from=first,
            year_to=last,
            resolution_date=None,
            consultation_start=date(a, "consultation_start"),
            consultation_end=date(a, "consultation_end"),
            consultation_summary=str(a.get("consultation_summary") or ""),
            remarks_received=integer(a, "remarks_received") or 0,
            remarks_accepted=integer(a, "remarks_accepted") or 0,
            rdpp_opinion_date=date(a, "rdpp_opinion_date"),
            rdpp_opinion=str(a.get("rdpp_opinion") or ""),
            wkus_model_adopted=bool(a.get("wkus_model_adopted")),
            planned_total=str(a.get("planned_total") or ""),
            notes="\n".join(notes),
            elements={n: str(a.get(key) or "") for n, key in ELEMENT_KEYS.items()},
            priorities=[
                PriorityInput(
                    year=r["year"], title=r["title"], area=_area_code(r.get("area", "")), planned_amount=r["amount"]
                )
                for r in table_rows(a, "priorities")
            ],
        ),
    )
    return FinishResult({"programme": record.id}, [], None)


WIZARD = WizardDef(
    kind=KIND,
    title=N_("Cooperation programme"),
    description=N_(
        "The 11 statutory elements of art. 5a ust. 4 for an annual or multi-year programme, the "
        "consultation and the RDPP opinion; stores the programme and offers the draft resolution."
    ),
    first="period",
    steps={s.id: s for s in STEPS},
    finish=finish,
    title_of=lambda a: str(a.get("title") or ""),
    chapter="programme",
)
