"""Kreator "Zlecenie zadania": from the task's basic data to the records and the drogowskaz.

Steps (domain.md §3.1.4–3.1.5; the order of MKUS and issue 21: diagnosis → candidate tasks → costs and
social effects → criteria → type → route):
task → basic → diagnosis (W-01, W-02) → candidates (the other tasks considered, named and answered on W-03's
criteria) → costs (E-01, E-02, E-03, E-08, E-13) → decision (W-03)
→ ranking (W-03's ranking of this task with the candidates; shown only when there are candidates, nothing asked)
  ─┬─ not recommended → summary
   └→ cues → mkus (W-04) → route_facts → route (W-05) → standard (J-01, J-04) → consultation (W-06, W-12)
→ schedule (W-14) → monitoring → summary.

W-03, W-04 and the E tools are the catalogue's tools (app.core.wizards.decision, .efficiency): the
wizard asks their inputs and shows their outputs, and finish() stores them as the new task's and
contract's tool entries through the tools' service.

finish() creates the public task (unless an existing one was chosen), the planned procedure and,
for grant routes with a known party, a draft contract with a tranche per budget year; nothing is
written before.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from app.core.calendar import add_years, deadline_on_working_day
from app.core.domain.enums import ContractForm, DeliveryMode, MkusType, ProcedureRoute, WkusArea
from app.core.errors import FieldError, UserFacingError
from app.core.i18n import N_, _, format_date, format_decimal, format_money, format_percent
from app.core.law.data import law
from app.core.mkus import mkus_model
from app.core.wizards import decision as w03w04
from app.core.wizards import known
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
    flag,
    integer,
    money,
    number,
    table_rows,
    typed_date,
)
from app.core.wizards.efficiency import Efficiency, compute
from app.core.wizards.legal import RouteFacts, assess

KIND = "commission"


#: routes that end in a grant contract under the act (the others: Pzp, or residents' initiative)
GRANT_ROUTES = (
    ProcedureRoute.OPEN_COMPETITION,
    ProcedureRoute.REGRANTING_16A,
    ProcedureRoute.SMALL_GRANT_19A,
    ProcedureRoute.EMERGENCY_11A,
    ProcedureRoute.NGO_INITIATIVE_12,
)


# ---- helpers reading the answers --------------------------------------------------------------------


def _mkus(a: Answers) -> MkusType | None:
    try:
        return MkusType(code) if (code := a.get("mkus_type")) else None
    except ValueError:
        return None


def _route(a: Answers) -> ProcedureRoute | None:
    try:
        return ProcedureRoute(code) if (code := a.get("route")) else None
    except ValueError:
        return None


def _form(a: Answers) -> ContractForm | None:
    try:
        return ContractForm(code) if (code := a.get("form")) else None
    except ValueError:
        return None


def _years(a: Answers) -> int:
    return integer(a, "years") or 1


def _start(a: Answers) -> dt.date | None:
    return date(a, "start_date")


def decision_score(a: Answers) -> Decimal | None:
    """W-03's score (0–100) for the ticked criteria, computed by the tool with the catalogue's weights."""
    return w03w04.decide(a).score


def recommended(a: Answers) -> bool:
    """W-03 does not advise against it: its band is "recommended" or "possible after closing gaps"."""
    return w03w04.decide(a).possible


def proceeds(a: Answers) -> bool:
    """Commissioning goes ahead: W-03 does not advise against it, or the clerk chose to go on with a reason."""
    return recommended(a) or flag(a, "proceed_anyway")


def recommend_type(a: Answers) -> tuple[MkusType | None, list[str]]:
    """W-04's suggestion (the tool's formula on the step's answers)."""
    return w03w04.suggest_type(a)


def facts(a: Answers) -> RouteFacts:
    return RouteFacts(
        mkus_type=_mkus(a),
        years=_years(a),
        annual_amount=money(a, "annual_amount"),
        task_days=integer(a, "task_days"),
        spheres=tuple(a.get("spheres") or ()),
        form=_form(a),
        emergency=flag(a, "emergency"),
        residents_apply=flag(a, "residents_apply"),
        ngo_offer=flag(a, "ngo_offer"),
        buy_service=flag(a, "buy_service"),
    )


def end_date(a: Answers) -> dt.date | None:
    start = _start(a)
    if start is None:
        return None
    if _route(a) is ProcedureRoute.SMALL_GRANT_19A and integer(a, "task_days"):
        return start + dt.timedelta(days=(integer(a, "task_days") or 1) - 1)
    return add_years(start, _years(a)) - dt.timedelta(days=1)


def efficiency(a: Answers) -> Efficiency:
    rate = number(a, "overhead_rate")
    return compute(
        staff=money(a, "staff_cost"),
        material=money(a, "material_cost"),
        upkeep=money(a, "upkeep_cost"),
        overhead_rate=rate / 100 if rate is not None else None,
        units_now=integer(a, "units_now"),
        grant=money(a, "grant"),
        handling=money(a, "handling_cost"),
        infrastructure=money(a, "infrastructure_cost"),
        units_after=integer(a, "units_after"),
        years=_years(a),
        competition_cost=money(a, "competition_cost"),
        multi_year_cost=money(a, "multi_year_cost"),
        staff_role=_("Staff costs per year (wizard)"),
        social=social_rows(a),
    )


def social_rows(a: Answers) -> list[dict[str, Any]]:
    """The valued social effects as E-13's rows; the share that would happen anyway is typed in per cent."""
    out = []
    for r in table_rows(a, "social_value"):
        share = number({"v": r.get("deadweight") or ""}, "v")
        out.append(
            {
                "effect": r.get("effect", ""),
                "quantity": number({"v": r.get("quantity") or ""}, "v"),
                "unit_value": money({"v": r.get("unit_value") or ""}, "v"),
                "proxy": r.get("proxy", ""),
                "deadweight": share / 100 if share is not None else None,
            }
        )
    return out


def ee_warning(e: Efficiency) -> str | None:
    """The warning when commissioning costs more per recipient than delivering the task now (EE < 1)."""
    if not e.costs_more:
        return None
    return _(
        "Warning: after commissioning one recipient costs {k1} instead of {k0} today (E-03 EE = {ee}, below "
        "1): commissioning is more expensive per recipient. Justify it by social effects or quality, or "
        "revise the grant or the number of recipients."
    ).format(k1=format_money(e.contracted_unit), k0=format_money(e.in_house_unit), ee=format_decimal(e.ratio, 2))


# ---- options ----------------------------------------------------------------------------------------


def _task_choices(ctx: WizardContext, a: Answers) -> list[tuple[str, str]]:
    return [("new", _("A new task (not in the register yet)"))] + known.task_options(ctx.db)


def _orgs(ctx: WizardContext, a: Answers) -> list[tuple[str, str]]:
    return known.organisation_options(ctx.db, a.get("area"))


def _party_choices(ctx: WizardContext, a: Answers) -> list[tuple[str, str]]:
    return [("", _("not known yet (no draft contract)"))] + _orgs(ctx, a)


# ---- steps: analysis --------------------------------------------------------------------------------


def _prefill_basic(ctx: WizardContext, a: Answers) -> Answers:
    # a start from which every milestone of the change is still ahead and in legal order (issue 15)
    out: Answers = {"start_date": typed_date(proposed_start(ctx.today, years=3)), "years": "3"}
    if a.get("task_id") not in (None, "", "new"):
        out.update({k: v for k, v in known.task_facts(ctx.db, int(a["task_id"])).items() if k != "mkus_type"})
    return out


def _check_basic(ctx: WizardContext, a: Answers) -> list[FieldError]:
    errors = []
    start = _start(a)
    if start is not None and start < ctx.today:
        errors.append(
            error(
                "start_date",
                N_("Planned start"),
                _("The planned start has already passed; the wizard plans a change, choose a future date."),
            )
        )
    return errors


def _prefill_diagnosis(ctx: WizardContext, a: Answers) -> Answers:
    return {"organisations": [str(i) for i, _n in known.organisations_in_area(ctx.db, a.get("area"))]}


def _info_diagnosis(ctx: WizardContext, a: Answers) -> list[str]:
    orgs = known.organisations_in_area(ctx.db, a.get("area"))
    if ctx.db is None:
        return []
    if not orgs:
        return [
            _(
                "No active organisation in the register works in the area \u201c{area}\u201d. Check the "
                "powiat's register too (W-01)."
            ).format(area=known.area_label(a.get("area")))
        ]
    from app.core.i18n import ngettext

    return [
        ngettext(
            "{n} active organisation in the register works in this area (W-01).",
            "{n} active organisations in the register work in this area (W-01).",
            len(orgs),
        ).format(n=len(orgs))
    ]


def _prefill_decision(ctx: WizardContext, a: Answers) -> Answers:
    out: Answers = {}
    asked = {f.key for f in w03w04.criteria_fields()}
    start = _start(a)
    prio = known.programme_priority_in_area(ctx.db, a.get("area"), start.year if start else None)
    if prio is not None:
        out["crit_priority"] = prio
    if ctx.db is not None:
        out["crit_capacity"] = bool(a.get("organisations"))
    e = efficiency(a)
    if e.ratio is not None:
        # the costs were entered just before: EE below 1 is no cost benefit (the clerk may still tick it)
        out["crit_benefits"] = e.ratio >= 1
    return {k: v for k, v in out.items() if k in asked}


def decision_lines(a: Answers) -> list[str]:
    """W-03's result in words: the tool's score, its band and the criteria not met."""
    d = w03w04.decide(a)
    if d.score is None:
        return [
            _("The decision test cannot be computed: {problems}").format(
                problems="; ".join(f"{p.label}: {p.message}" for p in d.run.problems) or "—"
            )
        ]
    lines = [
        _("Decision test (W-03): {score} of 100 points – {verdict}.").format(
            score=format_decimal(d.score, 2), verdict=d.verdict
        )
    ]
    if d.recommend_from is not None and not d.recommended:
        lines.append(
            _("Commissioning is recommended from {points} points.").format(points=format_decimal(d.recommend_from, 0))
        )
    if d.missing:
        lines.append(
            _("Conditions not met: {items}.").format(
                items="; ".join(
                    _("{criterion} (weight {weight})").format(criterion=c, weight=format_decimal(w, 0))
                    for c, w in d.missing
                )
            )
        )
    return lines


def _info_decision(ctx: WizardContext, a: Answers) -> list[str]:
    lines = decision_lines(a)
    if not recommended(a):
        lines.append(
            _(
                "Recommendation: do not commission the task yet. Strengthen the weak criteria first, or go on "
                "and give your reason."
            )
        )
    warning = ee_warning(efficiency(a))
    if warning:
        lines.append(warning)
    return lines


def _check_decision(ctx: WizardContext, a: Answers) -> list[FieldError]:
    if not recommended(a) and flag(a, "proceed_anyway") and not str(a.get("proceed_reason") or "").strip():
        return [
            error(
                "proceed_reason",
                N_("Why go on anyway"),
                _("Give the reason for commissioning against the recommendation."),
            )
        ]
    return []


def ranking(a: Answers) -> list[tuple[int, str, Decimal]]:
    """W-03's ranking of this task and the other candidates (empty without another candidate)."""
    return w03w04.ranking(a, str(a.get("title") or "") or _("this task"))


def _legend() -> str:
    # the short column headers, each with the condition it stands for (the decision step's wording)
    full = {f.key[len(w03w04.CRIT) :]: f.label for f in w03w04.criteria_fields()}
    return _("Columns: {columns}.").format(
        columns="; ".join(f"{c.label} – {full.get(c.key, '')}" for c in w03w04.candidate_columns()[1:])
    )


def _info_candidates(ctx: WizardContext, a: Answers) -> list[str]:
    """The candidates' own W-03 scores as typed; this task is scored (and ranked) after its criteria page."""
    this = N_("this task")
    rows = [r for r in w03w04.ranking(a, this) if r[1] != this]
    if not rows:
        return [_legend(), _("No other candidate task entered: the decision test (W-03) concerns this task only.")]
    return (
        [_legend(), _("Candidate tasks scored by the decision test (W-03):")]
        + [_("{task} – {score} of 100 points").format(task=name, score=format_decimal(s, 2)) for _r, name, s in rows]
        + [
            _(
                "This task answers the same conditions on the page \u201cShould the task be commissioned?\u201d; the "
                "ranking of all of them follows it."
            )
        ]
    )


def _info_ranking(ctx: WizardContext, a: Answers) -> list[str]:
    rows = ranking(a)
    if not rows:
        return [_("No other candidate task entered: the decision test (W-03) concerns this task only.")]
    lines = [_("Ranking by the decision test (W-03):")]
    lines += [
        _("{rank}. {task} – {score} of 100 points").format(rank=r, task=name, score=format_decimal(s, 2))
        for r, name, s in rows
    ]
    own = decision_score(a)
    better = [name for _r, name, s in rows if own is not None and s > own]
    if better:
        lines.append(
            _(
                "Scoring higher than the task being prepared: {tasks}. You may go on with this task (the "
                "drogowskaz records the ranking) or start the wizard again for another one."
            ).format(tasks=", ".join(f"\u201e{b}\u201d" for b in better))
        )
    return lines


def _check_candidates(ctx: WizardContext, a: Answers) -> list[FieldError]:
    keys = [c.key for c in w03w04.candidate_columns()[1:]]
    for i, row in enumerate(table_rows(a, "candidates"), 1):
        if not str(row.get("task") or "").strip():
            return [
                error(
                    "candidates", N_("Other candidate tasks"), _("Row {row}: give the name of the task.").format(row=i)
                )
            ]
        for k in keys:
            if str(row.get(k) or "").strip() and w03w04._yes_no(row.get(k)) is None:
                return [
                    error(
                        "candidates",
                        N_("Other candidate tasks"),
                        _("Row {row}: answer \u201cyes\u201d or \u201cno\u201d.").format(row=i),
                    )
                ]
    return []


def _info_cues(ctx: WizardContext, a: Answers) -> list[str]:
    t, reasons = recommend_type(a)
    if t is None:
        return [_("Answer every question; the wizard then suggests the type (W-04).")]
    return [_("Suggested type: {type}.").format(type=mkus_model().type_names(t).label)] + reasons


def _prefill_mkus(ctx: WizardContext, a: Answers) -> Answers:
    t, _reasons = recommend_type(a)
    return {"mkus_type": t.value} if t else {}


def _info_mkus(ctx: WizardContext, a: Answers) -> list[str]:
    t, _reasons = recommend_type(a)
    chosen = _mkus(a)
    lines: list[str] = []
    if t is not None and chosen is not None and chosen is not t:
        model = mkus_model()
        lines.append(
            _(
                "You chose \u201c{chosen}\u201d although the answers point to \u201c{suggested}\u201d. That "
                "is allowed; the drogowskaz records both."
            ).format(chosen=model.type_names(chosen).label, suggested=model.type_names(t).label)
        )
    if chosen is MkusType.BON_REGRANTING:
        lines += [f"{f.name}: {f.description}" for f in mkus_model().type_names(chosen).subforms]
    return lines


# ---- steps: preparation -----------------------------------------------------------------------------


def _prefill_route_facts(ctx: WizardContext, a: Answers) -> Answers:
    out: Answers = {
        "form": (
            ContractForm.POWIERZENIE
            if _mkus(a) in (MkusType.ZLECANIE_INSTYTUCJI, MkusType.ZLECANIE_USLUG)
            else ContractForm.WSPARCIE
        ).value
    }
    if a.get("grant"):
        out["annual_amount"] = a["grant"]  # the grant planned in the costs step (E-02)
    return out


def _last_grant(ctx: WizardContext, a: Answers) -> str:
    """The task's grant in the last year before the start, from the register ("" when none)."""
    task_id = a.get("task_id")
    if task_id in (None, "", "new"):
        return ""
    costs = known.task_costs_by_year(ctx.db, int(task_id))
    start = _start(a)
    before = {y: v for y, v in costs.items() if start is None or y < start.year}
    return format_decimal(before[max(before)], 2) if before else ""


def _info_route_facts(ctx: WizardContext, a: Answers) -> list[str]:
    task_id = a.get("task_id")
    if task_id in (None, "", "new"):
        return []
    costs = known.task_costs_by_year(ctx.db, int(task_id))
    if not costs:
        return [_("The register has no grants for this task in earlier years.")]
    return [
        _("Grants for this task in the register: {years}.").format(
            years="; ".join(f"{y}: {format_money(v)}" for y, v in costs.items())
        )
    ]


def recommend_route(a: Answers) -> tuple[ProcedureRoute | None, list[str]]:
    """W-05's suggestion (the tool's formula): the amount per year, the length of one task in days (or
    of the whole contract) and the circumstances answered in "Facts for the legal route"."""
    start, end = _start(a), end_date(a)
    task_days = integer(a, "task_days")
    days = task_days or ((end - start).days + 1 if start and end else None)
    amount = money(a, "annual_amount")
    years = integer(a, "years") or 1
    if not task_days and amount is not None and years > 1:
        # the length is then the whole contract's, so is the grant: art. 19a limits the task's grant, and a
        # wording without a day limit (Dz.U. 2026 poz. 1040) no longer stops a multi-year task by its length
        amount *= years
    return w03w04.suggest_route(amount, days, a, _mkus(a) is MkusType.BON_REGRANTING)


def _prefill_route(ctx: WizardContext, a: Answers) -> Answers:
    route, _reasons = recommend_route(a)
    return {"route": route.value} if route is not None else {}


def _info_route(ctx: WizardContext, a: Answers) -> list[str]:
    suggested, reasons = recommend_route(a)
    lines = ([_("Suggested route (W-05): {route}.").format(route=suggested.label)] if suggested else []) + reasons
    if suggested is not None:
        lines += assess(suggested, facts(a), ctx.today).reasons
    chosen = _route(a)
    if chosen is not None and chosen is not suggested:
        verdict = assess(chosen, facts(a), ctx.today)
        lines += verdict.refusals
        lines += verdict.warnings
    elif chosen is not None:
        lines += assess(chosen, facts(a), ctx.today).warnings
    return lines


def _check_route(ctx: WizardContext, a: Answers) -> list[FieldError]:
    chosen = _route(a)
    if chosen is None:
        return []
    verdict = assess(chosen, facts(a), ctx.today)
    return [error("route", N_("Legal route"), msg) for msg in verdict.refusals]


def _check_route_facts(ctx: WizardContext, a: Answers) -> list[FieldError]:
    if money(a, "annual_amount") == 0:
        return [error("annual_amount", N_("Planned amount per year"), _("The amount must be greater than zero."))]
    return []


def _prefill_costs(ctx: WizardContext, a: Answers) -> Answers:
    out: Answers = {"grant": a.get("annual_amount") or _last_grant(ctx, a), "overhead_rate": "15"}
    if a.get("recipients_count"):
        out["units_now"] = out["units_after"] = str(a["recipients_count"])
    return out


def _info_costs(ctx: WizardContext, a: Answers) -> list[str]:
    e = efficiency(a)
    lines = []
    if e.in_house_cost is not None:
        lines.append(
            _("E-01 cost of delivering it now: {cost} a year{unit}.").format(
                cost=format_money(e.in_house_cost),
                unit=_(", {unit} per recipient").format(unit=format_money(e.in_house_unit)) if e.in_house_unit else "",
            )
        )
    if e.contracted_cost is not None:
        lines.append(
            _("E-02 cost after contracting: {cost} a year{unit}.").format(
                cost=format_money(e.contracted_cost),
                unit=_(", {unit} per recipient").format(unit=format_money(e.contracted_unit))
                if e.contracted_unit
                else "",
            )
        )
    if e.ratio is not None and e.saving_share is not None:
        lines.append(
            _(
                "E-03 efficiency ratio {ratio} (above 1: contracting is cheaper per recipient); difference {share}."
            ).format(ratio=format_decimal(e.ratio, 2), share=format_percent(e.saving_share, 2))
        )
    if e.social_value is not None and e.social_ratio is not None:
        lines.append(
            _(
                "E-13 social value {value} a year: {ratio} zł of social value per 1 zł of the grant and the "
                "office's handling."
            ).format(value=format_money(e.social_value), ratio=format_decimal(e.social_ratio, 2))
        )
    if e.multi_year_saving is not None and _years(a) > 1:
        lines.append(
            _("E-08 one {years}-year contract instead of annual competitions saves {amount} of handling costs.").format(
                years=_years(a), amount=format_money(e.multi_year_saving)
            )
        )
    warning = ee_warning(e)
    if warning:
        lines.append(warning)
    for tool_id, problems in (e.problems or {}).items():
        # E-13's notes on a result it still gives (no E-03 yet, no results) are not a reason it is unknown
        if problems and (tool_id in ("E-01", "E-02") or (tool_id == "E-13" and e.social_value is None)):
            lines.append(
                _("{tool} cannot be computed yet: {problems}").format(
                    tool=tool_id,
                    problems="; ".join(f"{p.label}: {p.message}" if p.label else p.message for p in problems),
                )
            )
    lines += _info_route_facts(ctx, a)
    return lines or [_("Enter the costs; the figures appear here.")]


def _check_costs(ctx: WizardContext, a: Answers) -> list[FieldError]:
    if money(a, "grant") in (None, Decimal(0)):
        return [
            error(
                "grant", N_("Planned grant per year (D)"), _("Enter the planned grant; it must be greater than zero.")
            )
        ]
    return []


def _needs_standard(a: Answers) -> bool:
    return _mkus(a) in (MkusType.ZLECANIE_USLUG, MkusType.ZLECANIE_INSTYTUCJI)


def _check_standard(ctx: WizardContext, a: Answers) -> list[FieldError]:
    errors = []
    mkus = _mkus(a)
    if mkus is not None and _needs_standard(a) and not table_rows(a, "standard"):
        errors.append(
            error(
                "standard",
                N_("Minimum standard (J-01)"),
                _("The type \u201c{type}\u201d requires a minimum standard: add at least one requirement.").format(
                    type=mkus.label
                ),
            )
        )
    for i, row in enumerate(table_rows(a, "results"), 1):
        if number({"v": row.get("target", "")}, "v") == 0:
            errors.append(
                error(
                    "results",
                    N_("Results matrix (J-04)"),
                    _("Row {row}: the planned value must be greater than zero.").format(row=i),
                )
            )
    return errors


def _prefill_standard(ctx: WizardContext, a: Answers) -> Answers:
    n = a.get("recipients_count") or ""
    return {
        "results": [
            {"name": _("Recipients served"), "unit": _("persons"), "target": str(n), "source": _("attendance lists")}
        ]
    }


def _prefill_consultation(ctx: WizardContext, a: Answers) -> Answers:
    out: Answers = {"consulted": True}
    start = _start(a)
    if start is not None:
        begin, finish_ = consultation_dates(start, ctx.today)
        out["consultation_start"] = typed_date(begin)
        out["consultation_end"] = typed_date(finish_)
    party = known.last_contractor(ctx.db, int(a["task_id"])) if a.get("task_id") not in (None, "", "new") else None
    if party is None and a.get("organisations"):
        party = int(a["organisations"][0])
    if party is not None and _route(a) in GRANT_ROUTES:
        out["contract_party"] = str(party)
    return out


def _check_consultation(ctx: WizardContext, a: Answers) -> list[FieldError]:
    errors = []
    if flag(a, "consulted"):
        s, e = date(a, "consultation_start"), date(a, "consultation_end")
        if s is None:
            errors.append(error("consultation_start", N_("Consultation from"), _("Enter a date.")))
        if s is not None and e is not None and e < s:
            errors.append(
                error("consultation_end", N_("Consultation until"), _("The consultation cannot end before it starts."))
            )
    if _mkus(a) is MkusType.KOOPERACYJNE and len(table_rows(a, "partners")) < 2:
        errors.append(
            error(
                "partners",
                N_("Partners (W-12)"),
                _("Cooperative problem solving needs at least two partners; add them with their roles."),
            )
        )
    return errors


# ---- steps: implementation, monitoring --------------------------------------------------------------


def _passed(what: str, when: dt.date, today: dt.date | None, advice: str = "") -> str:
    """The milestone's text, saying so when its date is already behind `today` (the clerk plans after it)."""
    if today is None or when >= today or _("deadline passed") in what:
        return what
    if advice:
        return "{what} – {passed}: {advice}".format(what=what, passed=_("deadline passed"), advice=advice)
    return "{what} – {passed}".format(what=what, passed=_("deadline passed"))


def milestones(a: Answers, today: dt.date | None = None) -> list[dict[str, str]]:
    """W-14: the statutory calendar of the change, counted back from the planned start. With `today`,
    dates already passed are marked, with what to do instead where the law's cycle is annual (the
    programme and the budget of the start year: an amendment, not waiting for the next cycle)."""
    return [
        {"what": _passed(w, d, today, advice), "date": typed_date(d), "who": who}
        for _key, w, d, who, advice in _milestone_rows(a)
    ]


def _milestone_rows(a: Answers) -> list[tuple[str, str, dt.date, str, str]]:
    """(key, what, date, who, advice when passed) of each milestone, in date order."""
    start, end = _start(a), end_date(a)
    if start is None or end is None:
        return []
    route = _route(a)
    rows: list[tuple[str, str, dt.date, str, str]] = []
    prev = start.year - 1
    if flag(a, "consulted"):
        rows.append(
            (
                "consultation",
                _("Consultation with organisations"),
                date(a, "consultation_start") or dt.date(prev, 10, 1),
                _("department for NGO cooperation"),
                "",
            )
        )
    spec = law().rule("PRG-1").params
    rows.append(
        (
            "programme",
            _("Cooperation programme adopted by the council (art. 5a)"),
            dt.date(prev, spec["adoption_month"], spec["adoption_day"]),
            _("council"),
            _(
                "the programme for {year} is adopted already; if the task is not among its priorities, "
                "the council amends it by resolution"
            ).format(year=start.year),
        )
    )
    rows.append(
        (
            "budget",
            _("Funds in the budget resolution"),
            dt.date(prev, 12, 31),
            _("treasurer"),
            _("add the funds for {year} by a budget amendment").format(year=start.year),
        )
    )
    if route in (ProcedureRoute.OPEN_COMPETITION, ProcedureRoute.REGRANTING_16A, ProcedureRoute.NGO_INITIATIVE_12):
        announce = deadline_on_working_day(start - dt.timedelta(days=70))
        offers = deadline_on_working_day(announce + dt.timedelta(days=int(law().rule("KON-1").params["min_days"]) + 7))
        rows.append(
            (
                "announce",
                _("Competition announced in BIP, on the notice board and the website"),
                announce,
                _("executive"),
                _("announce it at once or move the start"),
            )
        )
        rows.append(("offers", _("Offer deadline (at least 21 days)"), offers, _("offerors"), ""))
        rows.append(
            (
                "commission",
                _("Competition commission assesses the offers"),
                offers + dt.timedelta(days=14),
                _("competition commission"),
                "",
            )
        )
    elif route is ProcedureRoute.SMALL_GRANT_19A:
        rows.append(
            (
                "announce",
                _("Offer published for 7 days (art. 19a)"),
                deadline_on_working_day(start - dt.timedelta(days=30)),
                _("executive"),
                _("publish it at once or move the start"),
            )
        )
    elif route is ProcedureRoute.LOCAL_INITIATIVE:
        rows.append(
            (
                "announce",
                _("Residents' application assessed (art. 19c)"),
                start - dt.timedelta(days=45),
                _("executive"),
                "",
            )
        )
    if route is not ProcedureRoute.PZP_SOCIAL:
        rows.append(
            ("signed", _("Contract signed"), deadline_on_working_day(start - dt.timedelta(days=7)), _("executive"), "")
        )
    rows.append(("start", _("Start of delivery"), start, _("organisation"), ""))
    rows.append(
        (
            "visit",
            _("Monitoring visit (art. 17)"),
            deadline_on_working_day(start + dt.timedelta(days=180)),
            _("department for NGO cooperation"),
            "",
        )
    )
    for year in range(start.year, end.year + 1):
        period_end = min(dt.date(year, 12, 31), end)
        from app.core.law.deadlines import statutory_report_due

        rows.append(
            (
                "report",
                _("Report for {year} due (30 days)").format(year=year),
                statutory_report_due(period_end),
                _("organisation"),
                "",
            )
        )
        rows.append(
            (
                "programme_report",
                _("Report on the cooperation programme for {year} (31 May)").format(year=year),
                dt.date(year + 1, 5, 31),
                _("executive"),
                "",
            )
        )
    rows.sort(key=lambda r: r[2])
    return rows


def consultation_dates(start: dt.date, today: dt.date) -> tuple[dt.date, dt.date]:
    """The consultation of the change: October before the start, when the programme is consulted; a plan
    made later than that consults from next week ("01.10.2026 – 15.10.2026" on 1 December read oddly)."""
    begin = max(dt.date(start.year - 1, 10, 1), deadline_on_working_day(today + dt.timedelta(days=7)))
    return begin, begin + dt.timedelta(days=14)


def schedule_fits(a: Answers, today: dt.date) -> bool:
    """Every milestone is still ahead, and the change is consulted before the council adopts the programme
    and before the task is announced (art. 5 ust. 5: consultation comes before the acts it concerns). An
    announcement before the budget resolution is lawful: "Ogłoszenie otwartego konkursu ofert na realizację
    zadań publicznych w roku następnym może nastąpić na podstawie projektu uchwały budżetowej" (art. 13 ust. 5)."""
    rows = _milestone_rows(a)
    if not rows or any(d <= today for _k, _w, d, _who, _adv in rows):
        return False
    if not flag(a, "consulted"):
        return True
    begin = date(a, "consultation_start")
    finish_ = date(a, "consultation_end") or (begin + dt.timedelta(days=14) if begin else None)
    if finish_ is None:
        return True
    later = [d for key, _w, d, _who, _adv in rows if key in ("programme", "announce")]
    return all(finish_ <= d for d in later)


def proposed_start(
    today: dt.date, route: ProcedureRoute = ProcedureRoute.OPEN_COMPETITION, years: int = 1, consulted: bool = True
) -> dt.date:
    """The first 1st of a month from which the whole schedule (W-14) is in the future and in legal order."""
    day = dt.date(today.year + (today.month == 12), today.month % 12 + 1, 1)
    for _i in range(48):
        a: Answers = {"start_date": typed_date(day), "years": str(years), "route": route.value, "consulted": consulted}
        if consulted:
            begin, finish_ = consultation_dates(day, today)
            a.update(consultation_start=typed_date(begin), consultation_end=typed_date(finish_))
        if schedule_fits(a, today):
            return day
        day = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return dt.date(today.year + 1, 1, 1)  # pragma: no cover (a statutory calendar always fits within 4 years)


def passed_milestones(a: Answers, today: dt.date) -> list[str]:
    """The schedule's dates already behind `today` (the clerk's corrected table when there is one), with
    what to do, as sentences for the drogowskaz."""
    out = []
    for r in table_rows(a, "milestones") or milestones(a, today):
        when = date({"d": r.get("date") or ""}, "d")
        if when is not None and when < today:
            out.append(
                _("{what} (date {date}).").format(
                    what=_passed(r.get("what") or "", when, today), date=format_date(when)
                )
            )
    return out


def _prefill_schedule(ctx: WizardContext, a: Answers) -> Answers:
    return {"milestones": milestones(a, ctx.today)}


def _info_schedule(ctx: WizardContext, a: Answers) -> list[str]:
    if _start(a) is None or schedule_fits(a, ctx.today):
        return []
    better = proposed_start(ctx.today, _route(a) or ProcedureRoute.OPEN_COMPETITION, _years(a), flag(a, "consulted"))
    return [
        _(
            "Some milestones have already passed or come in the wrong order (the consultation should end before "
            "the council adopts the programme and before the announcement). A start on {date} (step \u201cBasic "
            "data of the task\u201d) puts every milestone ahead and in legal order."
        ).format(date=format_date(better))
    ]


def _check_schedule(ctx: WizardContext, a: Answers) -> list[FieldError]:
    start = _start(a)
    contract = [r for r in table_rows(a, "milestones") if (r.get("what") or "").startswith(_("Contract signed"))]
    if start is not None and contract:
        signed = date({"d": contract[0].get("date", "")}, "d")
        if signed is not None and signed > start:
            return [
                error(
                    "milestones",
                    N_("Milestones"),
                    _("The contract is signed after the start of delivery; move it before {date}.").format(
                        date=format_date(start)
                    ),
                )
            ]
    return []


def next_steps(a: Answers, today: dt.date | None = None) -> list[str]:
    route = _route(a)
    out = []
    if not proceeds(a):
        return [_("Strengthen the criteria that scored low (W-03) and repeat the analysis next year.")]
    if flag(a, "consulted"):
        out.append(
            _("Consult the change with organisations ({start} – {end}).").format(
                start=a.get("consultation_start", ""), end=a.get("consultation_end", "")
            )
        )
    start = _start(a)
    spec = law().rule("PRG-1").params
    adoption = dt.date(start.year - 1, spec["adoption_month"], spec["adoption_day"]) if start else None
    if today is not None and start is not None and adoption is not None and adoption < today:
        # the programme of the start year is already adopted (art. 5a: by 30 November): amend it
        out.append(
            _(
                "Put the task among the priorities of the cooperation programme for {year} by a council "
                "resolution amending it (the programme was due by {date}) and plan the funds in the budget."
            ).format(year=start.year, date=format_date(adoption))
        )
    else:
        out.append(
            _("Put the task among the priorities of the cooperation programme and plan the funds in the budget.")
        )
    if route in (ProcedureRoute.OPEN_COMPETITION, ProcedureRoute.REGRANTING_16A):
        out.append(
            _(
                "Announce the competition with the minimum standard and the results matrix; list last year's "
                "tasks of the same type and their costs (art. 13 ust. 2 pkt 7)."
            )
        )
    elif route is ProcedureRoute.SMALL_GRANT_19A:
        out.append(_("Publish the offer for 7 days and consider remarks before signing (art. 19a)."))
    elif route is ProcedureRoute.LOCAL_INITIATIVE:
        out.append(_("Prepare the schedule and cost estimate together with the residents (art. 19e)."))
    elif route is ProcedureRoute.PZP_SOCIAL:
        out.append(_("Hand the case to the public procurement officer (Pzp art. 359–361)."))
    out.append(
        _("Monitor the results every year and evaluate the contract (wizard \u201cAnnual contract evaluation\u201d).")
    )
    return out


def _info_summary(ctx: WizardContext, a: Answers) -> list[str]:
    lines = [_("Task: {title}").format(title=a.get("title", ""))]
    if not proceeds(a):
        lines.append(
            _(
                "Decision (W-03): commissioning is not recommended ({score} of 100 points). Finishing "
                "creates no records; the drogowskaz explains why."
            ).format(score=format_decimal(decision_score(a), 2))
        )
        return lines
    t, r = _mkus(a), _route(a)
    lines.append(_("Type: {type}").format(type=t.label if t else "—"))
    lines.append(_("Route: {route}").format(route=r.label if r else "—"))
    start, end = _start(a), end_date(a)
    if start and end:
        lines.append(_("Period: {start} – {end}").format(start=format_date(start), end=format_date(end)))
    lines.append(_("Finishing creates: {what}.").format(what=", ".join(_planned_records(a))))
    return lines


def _planned_records(a: Answers) -> list[str]:
    out = []
    if a.get("task_id") in (None, "", "new"):
        out.append(_("the public task"))
    out.append(_("the planned procedure"))
    if _route(a) in GRANT_ROUTES and a.get("contract_party"):
        out.append(_("a draft contract"))
    return out


def _after_decision(a: Answers) -> str:
    return "cues" if proceeds(a) else "summary"


def _after_criteria(a: Answers) -> str:
    """The ranking page when other candidates were named; without them there is nothing to rank."""
    return "ranking" if w03w04.candidate_rows(a) else _after_decision(a)


def _is_kooperacyjne(a: Answers) -> bool:
    return _mkus(a) is MkusType.KOOPERACYJNE


def peers(ctx: WizardContext, a: Answers) -> Any:
    """What other gminas chose and achieved in the task's sphere (its WKUS area), from the imported files."""
    from app.core.comparison.peers import peer_panel

    return peer_panel(ctx.db, a.get("area"))


def _grant_route(a: Answers) -> bool:
    return _route(a) in GRANT_ROUTES


STEPS: tuple[Step, ...] = (
    Step(
        "task",
        "A",
        N_("The task"),
        N_(
            "Start from a task in the register or describe a new one. The wizard reuses what the register already "
            "knows and asks only for the rest."
        ),
        N_("Commissioning always concerns one public task. The MKUS Kreator starts with its basic data."),
        "W-02",
        ("W-02",),
        "mkus",
        (Field("task_id", N_("Task"), "choice", required=True, options=_task_choices),),
        next="basic",
    ),
    Step(
        "basic",
        "A",
        N_("Basic data of the task"),
        N_(
            "Name the task as it will appear in the programme and the announcement, choose its WKUS area and the "
            "spheres of public tasks of art. 4, and plan when the change should start and for how many years."
        ),
        N_(
            "The spheres decide which organisations may take part (art. 4) and whether a local initiative is possible; "
            "a contract may run for at most 5 years (art. 16 ust. 2)."
        ),
        "art. 4, art. 16 ust. 2 u.d.p.p.w.; W-02",
        ("W-02",),
        "mkus",
        (
            Field("title", N_("Task name"), "text", required=True),
            Field("area", N_("WKUS area"), "choice", required=True, options=lambda c, a: WkusArea.choices()),
            Field(
                "spheres",
                N_("Spheres of public tasks (art. 4)"),
                "multi",
                required=True,
                options=lambda c, a: known.sphere_options(),
            ),
            Field(
                "delivery_mode",
                N_("How the task is delivered now"),
                "choice",
                required=True,
                options=lambda c, a: DeliveryMode.choices(),
            ),
            Field("recipients", N_("Recipients"), "text", help=N_("e.g. seniors living alone, children aged 7–15")),
            Field("start_date", N_("Planned start"), "date", required=True),
            Field(
                "years",
                N_("Planned length in years"),
                "int",
                required=True,
                minimum=1,
                maximum=5,
                help=N_(
                    "1 to 5 years: a contract lasts at most 5 years (art. 16 ust. 2); one starting mid-year "
                    "spans one budget year more"
                ),
            ),
        ),
        check=_check_basic,
        next="diagnosis",
        prefill=_prefill_basic,
        peers=peers,
        peers_on=("area",),
    ),
    Step(
        "diagnosis",
        "A",
        N_("Local diagnosis"),
        N_(
            "Describe the problem the task answers, where the figures come from and how many people need the "
            "service. Tick the organisations that could deliver it; those working in the area are ticked already."
        ),
        N_(
            "A decision to commission needs evidence of the need (W-02) and of who could deliver it (W-01). The "
            "organisations are taken from the register."
        ),
        "W-01, W-02",
        ("W-01", "W-02"),
        "mkus_steps",
        (
            Field("problem", N_("Problem or need"), "textarea", required=True),
            Field(
                "data_source",
                N_("Source of the data"),
                "text",
                required=True,
                help=N_("e.g. GOPS records 2025, survey of residents"),
            ),
            Field("recipients_count", N_("Number of recipients per year"), "int", required=True, minimum=1),
            Field("gaps", N_("What is missing now"), "textarea"),
            Field(
                "in_need",
                N_("Estimated persons in need (W-02)"),
                "int",
                minimum=0,
                help=N_(
                    "how many people need the service, whether served or not; W-02 compares it later with the "
                    "recipients reported"
                ),
            ),
            Field("organisations", N_("Organisations that could deliver it"), "multi", options=_orgs),
        ),
        next="candidates",
        prefill=_prefill_diagnosis,
        info=_info_diagnosis,
    ),
    Step(
        "decision",
        "A",
        N_("Should the task be commissioned?"),
        N_(
            "Tick the criteria the task meets. This is the decision test W-03 of the tool catalogue: its weights "
            "and thresholds (which the gmina may change in the catalogue) give the score. Below the threshold the "
            "wizard advises against commissioning for now. Then tick the success factors of MKUS step 1 the task "
            "already has; the drogowskaz lists each of them with the answer."
        ),
        N_(
            "Art. 12 ust. 2 names priority fit, quality, available funds and benefits as the test of purposefulness; "
            "the MKUS model adds capacity and continuity (W-03). The costs entered in the previous step show "
            "whether commissioning brings a cost benefit."
        ),
        "art. 12 ust. 2 u.d.p.p.w.; W-03",
        ("W-03",),
        "mkus_steps",
        (  # the criteria themselves are the catalogue's W-03 checklist, added when the step is shown
            Field(
                "proceed_anyway", N_("Go on with commissioning anyway"), "bool", visible=lambda a: not recommended(a)
            ),
            Field(
                "proceed_reason",
                N_("Why go on anyway"),
                "textarea",
                visible=lambda a: not recommended(a) and flag(a, "proceed_anyway"),
            ),
        ),
        check=_check_decision,
        next=_after_criteria,
        prefill=_prefill_decision,
        info=_info_decision,
    ),
    Step(
        "candidates",
        "A",
        N_("Comparing candidate tasks"),
        N_(
            "If other tasks are considered for commissioning too, name each of them and answer the conditions of the "
            "decision test (yes or no) for it. This task answers the same conditions after its costs; the wizard "
            "then ranks them all with the catalogue's W-03 weights. Leave the table empty when no other task is "
            "considered."
        ),
        N_(
            "MKUS step 1 is choosing the task to commission: the candidate tasks are named before the costs and the "
            "criteria of the chosen one, and the decision criteria are applied to all of them (W-03). The ranking is "
            "saved with the task's W-03 entry and printed in the drogowskaz."
        ),
        "W-03",
        ("W-03",),
        "mkus_steps",
        (),  # the table's columns are the catalogue's W-03 criteria, added when the step is shown
        check=_check_candidates,
        next="costs",
        info=_info_candidates,
    ),
    Step(
        "ranking",
        "A",
        N_("Ranking of the candidate tasks"),
        N_(
            "The task being prepared is ranked with the other candidate tasks by the decision test (W-03), with the "
            "criteria it was given on the previous page. Nothing is asked here: to change a candidate go Back to "
            "\u201cComparing candidate tasks\u201d."
        ),
        N_(
            "MKUS step 1 ends with the choice of the task: the ranking shows whether another candidate scores higher "
            "before the type and the route are chosen (W-03)."
        ),
        "W-03",
        ("W-03",),
        "mkus_steps",
        (),
        next=_after_decision,
        info=_info_ranking,
    ),
    Step(
        "cues",
        "A",
        N_("What describes the task?"),
        N_(
            "Answer each question. This is the type selector W-04 of the tool catalogue; the answers point to one "
            "of the four MKUS commissioning types."
        ),
        N_(
            "The MKUS Kreator distinguishes four types of commissioning by what is handed over: small grants, a "
            "service, an institution, or a partnership around a problem (W-04)."
        ),
        "W-04",
        ("W-04",),
        "mkus",
        (),  # the questions are the catalogue's W-04 inputs, added when the step is shown
        next="mkus",
        info=_info_cues,
    ),
    Step(
        "mkus",
        "A",
        N_("Commissioning type"),
        N_("The suggested type is chosen already; change it if you know better."),
        N_(
            "The type decides what the rest of the wizard asks: a standard for services and institutions, partners "
            "for cooperative problem solving, an operator for vouchers (W-04)."
        ),
        "W-04",
        ("W-04",),
        "mkus",
        (
            Field(
                "mkus_type",
                N_("MKUS type"),
                "choice",
                required=True,
                options=lambda c, a: type_choices(),
                help=N_("the name from the MKUS source, and in brackets the later name where it changed"),
            ),
            Field(
                "bon_subform",
                N_("Form of the activity voucher"),
                "choice",
                options=lambda c, a: subform_choices(),
                visible=lambda a: _mkus(a) is MkusType.BON_REGRANTING,
            ),
        ),
        next="route_facts",
        prefill=_prefill_mkus,
        info=_info_mkus,
    ),
    Step(
        "route_facts",
        "P",
        N_("Facts for the legal route"),
        N_(
            "The legal route depends on the amount, the length of the task, who takes the initiative and whether "
            "there is an emergency. The amount of earlier years is filled in from the register."
        ),
        N_(
            "Art. 19a has limits of 10 000 zł and 90 days; a local initiative needs the residents' application; "
            "art. 11a only emergencies (W-05)."
        ),
        "art. 11, 11a, 12, 16a, 19a, 19b u.d.p.p.w.; W-05",
        ("W-05",),
        "routes",
        (
            Field("annual_amount", N_("Planned amount per year"), "money", required=True),
            Field(
                "task_days",
                N_("Length of one task in days"),
                "int",
                minimum=1,
                help=N_("needed for art. 19a (at most 90 days)"),
            ),
            Field(
                "form",
                N_("Form of commissioning"),
                "choice",
                required=True,
                options=lambda c, a: ContractForm.choices(),
                help=N_("support: co-financing with own contribution; entrustment: full financing"),
            ),
            Field("ngo_offer", N_("An organisation has offered to carry out the task"), "bool"),
            Field("residents_apply", N_("Residents apply to carry it out themselves (local initiative)"), "bool"),
            Field("local_character", N_("The task is of local or regional character (art. 19a)"), "bool"),
            Field("emergency", N_("Emergency: natural disaster, catastrophe or technical failure"), "bool"),
            Field("buy_service", N_("The gmina wants to buy the service at a set price (procurement)"), "bool"),
        ),
        check=_check_route_facts,
        next="route",
        prefill=_prefill_route_facts,
        info=_info_route_facts,
    ),
    Step(
        "route",
        "P",
        N_("Legal route"),
        N_(
            "The suggested route and the rules that decided it are listed below. A route the act does not allow "
            "for these facts is refused with the article."
        ),
        N_("The route determines the procedure, the deadlines and the contract template (W-05)."),
        "art. 11–19h u.d.p.p.w.; Pzp art. 359–361; W-05",
        ("W-05",),
        "routes",
        (Field("route", N_("Legal route"), "choice", required=True, options=lambda c, a: ProcedureRoute.choices()),),
        check=_check_route,
        next="standard",
        prefill=_prefill_route,
        info=_info_route,
        peers=peers,
        peers_on=("area",),
    ),
    Step(
        "costs",
        "A",
        N_("Costs and efficiency"),
        N_(
            "Enter what the task costs now and what it would cost when contracted. The wizard computes the unit "
            "costs, the efficiency ratio and the saving of a multi-year contract."
        ),
        N_(
            "The MKUS model bases the decision on economic and social efficiency (E-01 cost baseline, E-02 cost "
            "of commissioning, E-03 ratio, E-08 transaction costs, E-13 social value)."
        ),
        "E-01, E-02, E-03, E-08, E-13",
        ("E-01", "E-02", "E-03", "E-08", "E-13"),
        "preparation",
        (
            Field("staff_cost", N_("Staff costs now, per year"), "money"),
            Field("material_cost", N_("Material costs now, per year"), "money"),
            Field("upkeep_cost", N_("Upkeep of premises now, per year"), "money"),
            Field("overhead_rate", N_("Overhead rate (%)"), "number"),
            Field("units_now", N_("Recipients served now"), "int"),
            Field("grant", N_("Planned grant per year (D)"), "money", required=True),
            Field("handling_cost", N_("Office handling per year (competition, contract, control)"), "money"),
            Field(
                "infrastructure_cost",
                N_("Infrastructure costs kept by the gmina"),
                "money",
                help=N_("e.g. upkeep of a building the gmina hands over with an institution"),
            ),
            Field("units_after", N_("Recipients served after contracting"), "int"),
            Field(
                "competition_cost",
                N_("Cost of handling one competition (C_k)"),
                "money",
                visible=lambda a: _years(a) > 1,
            ),
            Field(
                "multi_year_cost",
                N_("One-off cost of the multi-year contract (C_w)"),
                "money",
                visible=lambda a: _years(a) > 1,
            ),
            Field(
                "social_effects",
                N_("Social effects of commissioning"),
                "textarea",
                help=N_(
                    "what changes for the recipients, the residents and the organisation, e.g. volunteers' "
                    "work, local jobs, easier access; printed in the drogowskaz next to the costs"
                ),
            ),
            Field(
                "social_value",
                N_("Social effects valued (E-13)"),
                "table",
                help=N_(
                    "for each effect: how many, what one unit is worth and where that value comes from (e.g. "
                    "volunteers' hours at the minimum hourly wage), and the share that would happen anyway"
                ),
                columns=(
                    Column("effect", N_("Effect"), required=True),
                    Column("quantity", N_("Quantity"), "number", True),
                    Column("unit_value", N_("Value per unit"), "money", True),
                    Column("proxy", N_("Basis of the value"), required=True),
                    Column("deadweight", N_("Would happen anyway (%)"), "number"),
                ),
            ),
        ),
        check=_check_costs,
        next="decision",
        prefill=_prefill_costs,
        info=_info_costs,
    ),
    Step(
        "standard",
        "P",
        N_("Minimum standard and results"),
        N_(
            "List the requirements a provider must meet (staff, hours, access, safety, documentation) and the "
            "results with planned values and how they will be measured."
        ),
        N_(
            "A commissioned service needs a minimum standard (J-01); the results matrix (J-04) goes into the "
            "announcement, the offer's results table and the contract."
        ),
        "J-01, J-04; rozporządzenie Dz.U. 2018 poz. 2057",
        ("J-01", "J-04"),
        "preparation",
        (
            Field(
                "standard",
                N_("Minimum standard (J-01)"),
                "table",
                columns=(Column("requirement", N_("Requirement"), required=True), Column("basis", N_("Basis"))),
            ),
            Field(
                "results",
                N_("Results matrix (J-04)"),
                "table",
                required=True,
                columns=(
                    Column("name", N_("Result"), required=True),
                    Column("unit", N_("Unit")),
                    Column("target", N_("Planned value"), "number", required=True),
                    Column("source", N_("Source of information")),
                ),
            ),
        ),
        check=_check_standard,
        next="consultation",
        prefill=_prefill_standard,
    ),
    Step(
        "consultation",
        "P",
        N_("Consultation and partners"),
        N_(
            "Plan how the change is consulted with organisations and who the partners are. For a draft contract, "
            "choose the organisation expected to deliver (e.g. the current one); it can be changed after the "
            "competition."
        ),
        N_(
            "Draft acts concerning NGOs are consulted under the council's resolution (art. 5 ust. 5; W-06); "
            "cooperative problem solving rests on a partnership register (W-12)."
        ),
        "art. 5 ust. 2 i 5 u.d.p.p.w.; W-06, W-12",
        ("W-06", "W-12"),
        "calendar",
        (
            Field("consulted", N_("Consult the change with organisations"), "bool"),
            Field("consultation_start", N_("Consultation from"), "date", visible=lambda a: flag(a, "consulted")),
            Field("consultation_end", N_("Consultation until"), "date", visible=lambda a: flag(a, "consulted")),
            Field("rdpp_opinion", N_("Ask the public benefit council (RDPP) for an opinion"), "bool"),
            Field(
                "partners",
                N_("Partners (W-12)"),
                "table",
                visible=_is_kooperacyjne,
                columns=(
                    Column("name", N_("Partner"), required=True),
                    Column("role", N_("Role"), required=True),
                    Column("contribution", N_("Contribution")),
                ),
            ),
            Field(
                "contract_party",
                N_("Expected party of the contract"),
                "choice",
                visible=_grant_route,
                options=_party_choices,
            ),
        ),
        check=_check_consultation,
        next="schedule",
        prefill=_prefill_consultation,
    ),
    Step(
        "schedule",
        "R",
        N_("Schedule of the change"),
        N_(
            "The milestones are counted from the planned start and the statutory deadlines. Correct the dates and "
            "who is responsible."
        ),
        N_(
            "MKUS stage 3 is a work plan with dates and owners (W-14); the act fixes the programme date (30 Nov), "
            "the offer period (21 days) and the reports (30 days, 31 May)."
        ),
        "art. 5a, 13, 18 u.d.p.p.w.; W-14",
        ("W-14",),
        "calendar",
        (
            Field(
                "milestones",
                N_("Milestones"),
                "table",
                required=True,
                columns=(
                    Column("what", N_("Milestone"), required=True),
                    Column("date", N_("Date"), "date", True),
                    Column("who", N_("Responsible")),
                ),
            ),
        ),
        check=_check_schedule,
        next="monitoring",
        prefill=_prefill_schedule,
        info=_info_schedule,
    ),
    Step(
        "monitoring",
        "M",
        N_("Monitoring and evaluation"),
        N_("Decide how the contract will be controlled and which tools will be used each year to evaluate it."),
        N_(
            "The gmina controls and evaluates delivery (art. 17) and receives a report for each budget year "
            "(art. 18); the tools turn the reports into indices."
        ),
        "art. 17, 18 u.d.p.p.w.; J-05, J-07, E-04, E-11",
        ("J-05", "J-07", "E-04", "E-11"),
        "quality",
        (
            Field(
                "control_plan",
                N_("Control plan (art. 17)"),
                "textarea",
                required=True,
                help=N_("e.g. one visit a year, documentation check after each report"),
            ),
            Field(
                "evaluation_tools",
                N_("Evaluation tools used every year"),
                "multi",
                options=lambda c, a: [(t, t + " " + _(name)) for t, name in EVALUATION_TOOLS],
            ),
        ),
        next="summary",
    ),
    Step(
        "summary",
        "M",
        N_("Summary"),
        N_(
            "Check the summary. Finishing creates the records listed below and offers the drogowskaz, the decision "
            "report for the executive."
        ),
        N_(
            "Nothing is written to the registers before this step; the answers so far are only saved so the wizard "
            "can be resumed."
        ),
        "",
        (),
        "mkus",
        (Field("prepared_by", N_("Prepared by"), "text", required=True),),
        next=None,
        info=_info_summary,
    ),
)


def _ordered(steps: tuple[Step, ...]) -> list[Step]:
    """The steps in the order they are asked (the side panel and the page numbers follow it)."""
    order = (
        "task",
        "basic",
        "diagnosis",
        "candidates",
        "costs",
        "decision",
        "ranking",
        "cues",
        "mkus",
        "route_facts",
        "route",
        "standard",
        "consultation",
        "schedule",
        "monitoring",
        "summary",
    )
    by_id = {s.id: s for s in steps}
    return [by_id[i] for i in order]


#: the MKUS step (resources/mkus/model.toml) each page belongs to; the summary belongs to none
MKUS_STEP_OF: dict[str, int] = {
    "task": 1,
    "basic": 1,
    "diagnosis": 1,
    "candidates": 1,
    "costs": 1,
    "decision": 1,
    "ranking": 1,
    "cues": 2,
    "mkus": 2,
    "route_facts": 2,
    "route": 2,
    "standard": 3,
    "consultation": 3,
    "schedule": 3,
    "monitoring": 3,
}

SUCCESS_PREFIX = "sf_"


def mkus_heading(step_id: str) -> str:
    """ "MKUS step 1 of 3: Choosing the task to commission" for a page, "" for a page outside the steps."""
    number = MKUS_STEP_OF.get(step_id)
    if number is None:
        return ""
    steps = mkus_model().steps
    for s in steps:
        if s.number == number:
            return _("MKUS step {number} of {total}: {name}").format(number=number, total=len(steps), name=s.name)
    return ""


def success_factor_fields() -> tuple[Field, ...]:
    """MKUS step 1's success factors as yes/no questions (the clerk ticks those the task has)."""
    return tuple(
        Field(SUCCESS_PREFIX + f.key, f.name, "bool", help=f"{f.question} ({f.tool})")
        for f in mkus_model().success_factors
    )


def success_factors(a: Answers) -> list[tuple[str, bool]]:
    """(factor, ticked) for each success factor of the model, in the model's order."""
    return [(f.name, flag(a, SUCCESS_PREFIX + f.key)) for f in mkus_model().success_factors]


def type_choices(ctx: WizardContext | None = None, a: Answers | None = None) -> list[tuple[str, str]]:
    """The four types under the source's name, with the later name where it changed."""
    model = mkus_model()
    return [(t.value, model.type_names(t).label) for t in MkusType]


def subform_choices(ctx: WizardContext | None = None, a: Answers | None = None) -> list[tuple[str, str]]:
    return [(f.key, f.name) for f in mkus_model().type_names(MkusType.BON_REGRANTING).subforms]


def _subform(a: Answers) -> str:
    """The chosen Bon sub-form's name, "" when none (or the type is not Bon)."""
    if _mkus(a) is not MkusType.BON_REGRANTING:
        return ""
    return dict(subform_choices()).get(str(a.get("bon_subform") or ""), "")


def _with_catalogue_fields(step: Step) -> Step:
    """W-03 and W-04 ask the questions of the catalogue in use; MKUS step 1 adds its success factors;
    each page names the MKUS step it belongs to."""
    import dataclasses

    step = dataclasses.replace(step, heading=mkus_heading(step.id))
    if step.id == "decision":
        return dataclasses.replace(step, fields=w03w04.criteria_fields() + success_factor_fields() + step.fields)
    if step.id == "cues":
        return dataclasses.replace(step, fields=w03w04.cue_fields())
    if step.id == "candidates":
        return dataclasses.replace(
            step,
            fields=(Field("candidates", N_("Other candidate tasks"), "table", columns=w03w04.candidate_columns()),),
        )
    return step


EVALUATION_TOOLS: tuple[tuple[str, str], ...] = (
    ("E-04", N_("Unit cost per recipient")),
    ("E-11", N_("Cost per result")),
    ("J-04", N_("Results matrix")),
    ("J-05", N_("Recipient satisfaction survey")),
    ("J-07", N_("Control card (art. 17)")),
    ("J-10", N_("Timeliness of reports")),
    ("W-10", N_("Self-assessment of cooperation")),
)


# ---- finish -----------------------------------------------------------------------------------------


def _text(value: Decimal | int | None) -> str | None:
    return str(value) if value is not None else None


def signpost_answers(a: Answers, today: dt.date) -> dict[str, Any]:
    """The drogowskaz in the format of app.core.documents.signpost.answers_from_dict: the figures exactly
    as the wizard's tools computed them (nothing is recomputed by the document)."""
    e = efficiency(a)
    d = w03w04.decide(a)
    t, type_reasons = recommend_type(a)
    chosen = _mkus(a) if proceeds(a) else None
    route = _route(a) if proceeds(a) else None
    items = [
        (_("Problem or need"), str(a.get("problem") or "")),
        (_("Source of the data"), str(a.get("data_source") or "")),
        (_("Number of recipients per year"), str(a.get("recipients_count") or "")),
        (_("Estimated persons in need (W-02)"), str(a.get("in_need") or "")),
        (_("What is missing now"), str(a.get("gaps") or "")),
    ]
    diagnosis = "\n".join(f"{label}: {text}" for label, text in items if text.strip())
    route_reasons: list[str] = []
    if route is not None:
        verdict = assess(route, facts(a), today)
        route_reasons = verdict.reasons + verdict.warnings
    warnings = [w for w in (ee_warning(e),) if w]
    if not proceeds(a):
        warnings.append(
            _("Decision (W-03): commissioning is not recommended ({score} of 100 points).").format(
                score=format_decimal(d.score, 2)
            )
        )
    milestones_rows = table_rows(a, "milestones") if proceeds(a) else []
    return {
        "task": str(a.get("title") or ""),
        "diagnosis": diagnosis,
        "diagnosis_items": [[label, text] for label, text in items if text.strip()],
        "criteria": {
            "score": _text(d.score),
            "verdict": d.verdict,
            "met": list(d.met),
            "missing": [label for label, _w in d.missing],
            "rationale": str(a.get("proceed_reason") or "") if flag(a, "proceed_anyway") else "",
        },
        "mkus_type": chosen.value if chosen else None,
        "mkus_subform": _subform(a),
        "success_factors": [[name, met] for name, met in success_factors(a)],
        "candidates": [[rank, name, str(s)] for rank, name, s in ranking(a)],
        "type_reasons": type_reasons
        if chosen is not None and chosen is t
        else ([_("Chosen by the clerk.")] + type_reasons if chosen else []),
        "route": route.value if route else None,
        "route_reasons": route_reasons,
        "years": _years(a) if proceeds(a) else None,
        "efficiency": {
            "current_cost": _text(e.in_house_cost),
            "contracted_cost": _text(e.contracted_cost),
            "current_unit": _text(e.in_house_unit),
            "contracted_unit": _text(e.contracted_unit),
            "units_now": e.units_now,
            "units_after": e.units_after,
            "ratio": _text(e.ratio),
            "saving_share": _text(e.saving_share),
            "multi_year_saving": _text(e.multi_year_saving) if _years(a) > 1 else None,
            "social_value": _text(e.social_value),
            "social_ratio": _text(e.social_ratio),
        },
        "social_valuation": [[effect, str(value), proxy] for effect, value, proxy in e.valuation],
        "warnings": warnings,
        "social_effects": str(a.get("social_effects") or ""),
        "standard": [[r.get("requirement", ""), r.get("basis", "")] for r in table_rows(a, "standard")]
        if proceeds(a)
        else [],
        "results": [
            [r.get("name", ""), r.get("unit", ""), r.get("target", ""), r.get("source", "")]
            for r in table_rows(a, "results")
        ]
        if proceeds(a)
        else [],
        "schedule": [[r.get("what", ""), r.get("date", ""), r.get("who", "")] for r in milestones_rows],
        "next_steps": next_steps(a, today),
        "passed": passed_milestones(a, today) if proceeds(a) else [],
        "prepared_by": str(a.get("prepared_by") or ""),
        "date": today.isoformat(),
    }


def finish(ctx: WizardContext, state: WizardState) -> FinishResult:
    a = state.answers
    sign = signpost_answers(a, ctx.today)
    if not proceeds(a):
        return FinishResult({}, [_("Commissioning is not recommended; no records were created.")], sign)
    if ctx.db is None:
        raise UserFacingError(_("No database is open."))
    from app.core.domain.records import (
        ContractInput,
        PartyInput,
        PlannedResultInput,
        ProcedureInput,
        TaskInput,
        TrancheInput,
    )
    from app.core.services import contracts, procedures, tasks

    route, mkus, start, end = _route(a), _mkus(a), _start(a), end_date(a)
    assert route is not None and start is not None and end is not None  # the steps' checks guarantee them
    amount = money(a, "annual_amount") or Decimal("0.00")
    messages: list[str] = []
    created: dict[str, int] = {}
    stored: list[tuple[str, str, int]] = []  # tool entries saved (undone with the records)
    task_input = TaskInput(
        title=str(a["title"]),
        description=str(a.get("problem") or ""),
        area=a.get("area"),
        spheres=tuple(a.get("spheres") or ()),
        mkus_type=mkus,
        delivery_mode=a.get("delivery_mode"),
        recipients=str(a.get("recipients") or ""),
        notes=_("Created by the wizard \u201cCommissioning a task\u201d."),
    )
    party = int(a["contract_party"]) if a.get("contract_party") and route in GRANT_ROUTES else None
    results = [
        PlannedResultInput(name=r["name"], unit=r.get("unit", ""), source=r.get("source", ""), target_value=r["target"])
        for r in table_rows(a, "results")
    ]
    try:
        if a.get("task_id") in (None, "", "new"):
            created["task"] = tasks.create_task(ctx.db, task_input).id
            task_id = created["task"]
        else:
            task_id = int(a["task_id"])
        reasons = assess(route, facts(a), ctx.today).reasons
        proc = procedures.create_procedure(
            ctx.db,
            ProcedureInput(
                route=route,
                title=_("{route}: {task}").format(route=route.label, task=a["title"])[:400],
                task_id=task_id,
                budget_year=start.year,
                planned_amount=amount,
                applicant_id=party
                if route in (ProcedureRoute.SMALL_GRANT_19A, ProcedureRoute.NGO_INITIATIVE_12)
                else None,
                task_start=start,
                task_end=end,
                notes="\n".join([_("Planned by the wizard.")] + reasons),
            ),
        )
        created["procedure"] = proc.id
        if route not in GRANT_ROUTES:
            messages.append(
                _("No draft contract: the route \u201c{route}\u201d does not end in a grant contract.").format(
                    route=route.label
                )
            )
        elif party is None:
            messages.append(
                _(
                    "No draft contract: choose the expected party in the step \u201cConsultation and "
                    "partners\u201d, or add the contract after the competition."
                )
            )
        else:
            k = contracts.create_contract(
                ctx.db,
                ContractInput(
                    number=_("DRAFT/{id}").format(id=proc.id),
                    title=str(a["title"])[:400],
                    task_id=task_id,
                    procedure_id=proc.id,
                    form=_form(a) or ContractForm.WSPARCIE,
                    start_date=start,
                    end_date=end,
                    parties=[PartyInput(party)],
                    tranches=[TrancheInput(budget_year=y, amount=amount) for y in range(start.year, end.year + 1)],
                    planned_results=results,
                    notes=_("Draft prepared by the wizard; complete it after the procedure."),
                ),
            )
            created["contract"] = k.id
        store_tools(ctx, a, task_id, created.get("contract"), start.year, messages, stored)
    except Exception:
        _undo(ctx, created, stored, start.year)
        raise
    if stored:
        messages.append(
            _("Saved as the tools of the task and contract for {year}: {tools}.").format(
                year=start.year, tools=", ".join(t for t, _k, _i in stored)
            )
        )
    return FinishResult(created, messages, sign)


def tool_entries(a: Answers, contract: bool) -> list[tuple[str, str, dict[str, Any]]]:
    """(tool id, scope kind, inputs) of each tool the wizard filled, in the tools' own input keys."""
    e = efficiency(a)
    out: list[tuple[str, str, dict[str, Any]]] = []
    for tool_id in ("E-01", "E-02", "E-03", "E-13"):
        if tool_id in (e.inputs or {}):
            out.append((tool_id, "task", (e.inputs or {})[tool_id]))
    # the diagnosis (W-02), the type's questions (W-04) and the route's facts (W-05) as the clerk answered them
    out.append(
        (
            "W-02",
            "task",
            {
                "problem": str(a.get("problem") or ""),
                "data_sources": str(a.get("data_source") or ""),
                "recipients": str(a.get("recipients") or ""),
                "gaps": str(a.get("gaps") or ""),
                "in_need": integer(a, "in_need"),
            },
        )
    )
    out.append(("W-03", "task", w03w04.w03_inputs(a)))
    if all(v is not None for v in w03w04.w04_inputs(a).values()):
        out.append(("W-04", "task", w03w04.w04_inputs(a)))
    start, end = _start(a), end_date(a)
    days = integer(a, "task_days") or ((end - start).days + 1 if start and end else None)
    out.append(
        ("W-05", "task", w03w04.w05_inputs(money(a, "annual_amount"), days, a, _mkus(a) is MkusType.BON_REGRANTING))
    )
    rows = table_rows(a, "milestones")
    if rows:
        out.append(
            (
                "W-14",
                "task",
                {
                    "milestones": [
                        {
                            "milestone": r.get("what", ""),
                            "owner": r.get("who", ""),
                            "planned": r.get("date", ""),
                            "done": None,
                        }
                        for r in rows
                    ]
                },
            )
        )
    if contract:
        standard = table_rows(a, "standard")
        if standard:
            # whether the provider meets each requirement is checked later (J-01 says what is still missing)
            out.append(
                (
                    "J-01",
                    "contract",
                    {
                        "requirements": [
                            {
                                "requirement": r.get("requirement", ""),
                                "category": None,
                                "legal_ref": r.get("basis", ""),
                                "met": None,
                            }
                            for r in standard
                        ]
                    },
                )
            )
        if "E-08" in (e.inputs or {}) and _years(a) > 1:
            out.append(("E-08", "contract", (e.inputs or {})["E-08"]))
    return out


def store_tools(
    ctx: WizardContext,
    a: Answers,
    task_id: int,
    contract_id: int | None,
    year: int,
    messages: list[str],
    saved: list[tuple[str, str, int]],
) -> None:
    """Save the wizard's tools as tool entries of the task and the draft contract through the tools'
    service (which also computes and stores their results). An entry the clerk already made for the
    same tool and year is never written over."""
    from app.core.tools import service

    for tool_id, kind, inputs in tool_entries(a, contract_id is not None):
        scope_id = task_id if kind == "task" else contract_id
        assert scope_id is not None
        if service.entry_exists(ctx.db, tool_id, kind, scope_id, year):
            messages.append(
                _(
                    "{tool} of {year} already has an entry; the wizard did not write over it (its figures "
                    "are in the drogowskaz)."
                ).format(tool=tool_id, year=year)
            )
            continue
        service.save_entry(
            ctx.db,
            tool_id,
            kind,
            scope_id,
            year,
            inputs,
            entered_by=str(a.get("prepared_by") or "") or None,
            as_of=ctx.today,
        )
        saved.append((tool_id, kind, scope_id))
    if contract_id is None and table_rows(a, "standard"):
        messages.append(
            _(
                "The minimum standard (J-01) and the multi-year account (E-08) belong to a contract: "
                "they are in the drogowskaz and can be entered in the contract's tools once it exists."
            )
        )


def _undo(
    ctx: WizardContext,
    created: dict[str, int],
    stored: list[tuple[str, str, int]] | None = None,
    year: int | None = None,
) -> None:
    """Remove what this finish() created before a later record failed, so nothing is left half-made."""
    from app.core.services import contracts, procedures, tasks
    from app.core.tools import service

    for tool_id, kind, scope_id in stored or []:
        try:
            service.delete_entry(ctx.db, tool_id, kind, scope_id, year or 0)
        except Exception:  # best effort, as below
            import logging

            logging.getLogger(__name__).exception("undo of tool entry %s failed", tool_id)

    for entity, delete in (
        ("contract", contracts.delete_contract),
        ("procedure", procedures.delete_procedure),
        ("task", tasks.delete_task),
    ):
        if entity in created:
            try:
                delete(ctx.db, created[entity])
            except Exception:  # best effort; the original error is what the clerk must see
                import logging

                logging.getLogger(__name__).exception("undo of %s %s failed", entity, created[entity])


WIZARD = WizardDef(
    kind=KIND,
    title=N_("Commissioning a task"),
    description=N_(
        "From the task's basic data and a local diagnosis to the commissioning type, the legal route, "
        "costs, standard, schedule and the drogowskaz; creates the task, the procedure and a draft "
        "contract."
    ),
    first="task",
    steps={s.id: s for s in _ordered(STEPS)},
    finish=finish,
    title_of=lambda a: str(a.get("title") or ""),
    chapter="mkus",
    refresh=_with_catalogue_fields,
)
