"""Kreator "Ocena roczna umowy": what the tools need for one contract year, then the model indices.

Each step shows the values the app already knows (the tools' own database sources: planned and
achieved results, tranches, reports, controls) and lets the clerk correct them; finish() saves
the achieved results in the contract's ResultValue rows (the source of truth the contract card and
the annual report read), the rest as the entries of the tools J-04, J-05, J-07, J-10, E-09, E-10,
E-11 (app/core/tools), and reports the composite indices of the three models.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from app.core.errors import FieldError, UserFacingError, ValidationFailed
from app.core.i18n import N_, _, format_decimal, ngettext
from app.core.services.fields import plain
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
    table_rows,
    typed_date,
)

KIND = "evaluation"

#: tool → the wizard's answer keys that are its inputs (same key unless mapped)
TOOL_INPUTS: dict[str, dict[str, str]] = {
    "J-04": {"results": "results"},
    "E-11": {"results": "results", "total": "total_cost"},
    "E-09": {"grant": "grant", "used": "grant_used"},
    "E-10": {"admin": "cost_admin", "total": "total_cost"},
    "J-05": {"answers": "survey"},
    "J-07": {
        "control_date": "control_date",
        "progress": "progress",
        "efficiency": "efficiency_rating",
        "funds": "funds",
        "documentation": "documentation",
        "recommendations": "recommendations",
    },
    "J-10": {"due": "report_due", "received": "report_received"},
}
#: answer keys holding money: shown as the clerk types amounts ("86 106,98"), not as "86106.98"
MONEY_KEYS = {"grant", "grant_used", "total_cost", "cost_admin"}
DATE_KEYS = {"control_date", "report_due", "report_received"}


def _contract_id(a: Answers) -> int | None:
    try:
        return int(a["contract_id"]) if a.get("contract_id") else None
    except (TypeError, ValueError):
        return None


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def number_order(number: str) -> tuple[tuple[int, int | str], ...]:
    """Contract numbers in the order a clerk reads them: OR.526.2.2022 before OR.526.10.2022."""
    import re

    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.casefold()) for part in re.split(r"(\d+)", number) if part
    )


def _contract_choices(ctx: WizardContext, a: Answers) -> list[tuple[str, str]]:
    if ctx.db is None:
        return []
    from app.core.services.contracts import list_contracts

    rows = list_contracts(ctx.db, today=ctx.today)
    rows.sort(key=lambda r: number_order(r.number))
    return [(str(r.id), f"{r.number} – {r.title} ({r.years_label}; {r.organisation_names})") for r in rows]


def _year_choices(ctx: WizardContext, a: Answers) -> list[tuple[str, str]]:
    cid = _contract_id(a)
    if ctx.db is None or cid is None:
        return []
    from app.core.services.contracts import get_contract

    return [(str(y), str(y)) for y in get_contract(ctx.db, cid).years]


def _prefill_year(ctx: WizardContext, a: Answers) -> Answers:
    years = [int(code) for code, _l in _year_choices(ctx, a)]
    past = [y for y in years if y < ctx.today.year]
    labels = dict(_contract_choices(ctx, a))
    return {
        "year": str(max(past) if past else (years[0] if years else "")),
        "contract_label": labels.get(str(a.get("contract_id")), "").split(" (")[0],
    }


def _known(ctx: WizardContext, a: Answers, tool_id: str) -> dict[str, Any]:
    """The tool's inputs as the app knows them for the contract year (JSON form)."""
    cid, year = _contract_id(a), integer(a, "year")
    if ctx.db is None or cid is None or year is None:
        return {}
    from app.core.tools.service import open_tool

    form = open_tool(ctx.db, tool_id, "contract", cid, year, as_of=ctx.today)
    return {i.key: i.value for i in form.inputs if i.value is not None}


def _as_answer(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [{k: "" if v is None else _cell(v) for k, v in dict(r).items()} for r in value]
    return _cell(value)


def _cell(v: Any) -> Any:
    """A tool value (JSON form) as the clerk would type it: dates as DD.MM.YYYY, numbers as text."""
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, str) and len(v) == 10 and v[4] == "-" and v[7] == "-":
        try:
            return typed_date(dt.date.fromisoformat(v))
        except ValueError:
            return v
    try:
        number = Decimal(str(v))
    except ArithmeticError:
        return str(v)
    # "2E+1" (a normalised Decimal) would not pass as typed text
    return format(plain(number), "f") if number.is_finite() else str(v)


def _money_answer(value: Any) -> Any:
    try:
        return format_decimal(Decimal(str(value)), 2)
    except ArithmeticError:
        return _as_answer(value)


def _survey_columns() -> tuple[Column, ...]:
    """The J-05 questions of the catalogue in use, worded as the recipients read them."""
    from app.core.tools.catalogue import get_catalogue

    answers = get_catalogue().tool("J-05").input("answers")
    return tuple(Column(c.key, str(c.label), "text" if c.key == "respondent" else "number") for c in answers.columns)


def _with_catalogue_fields(step: Step) -> Step:
    if step.id != "survey":
        return step
    import dataclasses

    return dataclasses.replace(
        step,
        fields=tuple(
            dataclasses.replace(f, columns=_survey_columns()) if f.key == "survey" else f for f in step.fields
        ),
    )


def _prefill_from(*tool_ids: str) -> Any:
    def prefill(ctx: WizardContext, a: Answers) -> Answers:
        out: Answers = {}
        for tool_id in tool_ids:
            known = _known(ctx, a, tool_id)
            for tool_key, answer_key in TOOL_INPUTS[tool_id].items():
                if tool_key in known and answer_key not in out:
                    out[answer_key] = (
                        _money_answer(known[tool_key]) if answer_key in MONEY_KEYS else _as_answer(known[tool_key])
                    )
        if "J-04" in tool_ids and not out.get("results"):
            out["results"] = _planned_results(ctx, a)
        return out

    return prefill


def _planned_results(ctx: WizardContext, a: Answers) -> list[dict[str, Any]]:
    """The contract's planned results for the year (and those for the whole contract), achieved left
    empty: a year without a report yet has no tool data, but the clerk should not retype the plan."""
    cid, year = _contract_id(a), integer(a, "year")
    if ctx.db is None or cid is None or year is None:
        return []
    from app.core.services.contracts import get_contract
    from app.core.tools.results import figures

    c = get_contract(ctx.db, cid)
    rows = []
    # the year's target as J-04 reads it from the records (a flow's whole-contract target spread over
    # the months), so the entry saved from here does not replace it with the whole contract's target
    for f in figures(c.planned_results, year, c.start_date, c.end_date):
        rows.append(
            {
                "name": f.name,
                "unit": f.unit,
                "planned": _cell(f.target) if f.target is not None else "",
                "achieved": "" if f.achieved is None else _cell(f.achieved),
            }
        )
    return rows


def _rating_options(tool_key: str) -> Any:
    def options(ctx: WizardContext, a: Answers) -> list[tuple[str, str]]:
        from app.core.tools.catalogue import get_catalogue

        inp = get_catalogue().tool("J-07").input(tool_key)
        return [(o.value, str(o.label)) for o in inp.options]

    return options


def tool_inputs(a: Answers, tool_id: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for tool_key, answer_key in TOOL_INPUTS[tool_id].items():
        value = a.get(answer_key)
        if answer_key in ("results", "survey"):
            value = table_rows(a, answer_key)
        elif answer_key in DATE_KEYS:
            d = date(a, answer_key)
            value = d.isoformat() if d else None
        if value not in (None, "", []):
            out[tool_key] = value
    return out


def _check_tools(*tool_ids: str) -> Any:
    """The tools' own checks of the values (not a number, Likert outside 1–5...), named by field."""

    def check(ctx: WizardContext, a: Answers) -> list[FieldError]:
        from app.core.tools.service import validate_inputs

        errors = []
        for tool_id in tool_ids:
            reverse = TOOL_INPUTS[tool_id]
            for e in validate_inputs(tool_id, tool_inputs(a, tool_id)):
                head = e.field.split(".")[0]
                errors.append(FieldError(reverse.get(head, head), e.label, e.message))
        return errors

    return check


def _info_preview(ctx: WizardContext, a: Answers) -> list[str]:
    cid, year = _contract_id(a), integer(a, "year")
    if ctx.db is None or cid is None or year is None:
        return []
    from app.core.tools.service import preview

    lines = []
    for tool_id in TOOL_INPUTS:
        view = preview(ctx.db, tool_id, "contract", cid, year, tool_inputs(a, tool_id), as_of=ctx.today)
        if view.ok and view.primary is not None:
            lines.append(
                f"{tool_id} {view.tool_name}: {view.primary.text}"
                + (f" ({view.primary.band})" if view.primary.band else "")
            )
        else:
            lines.append(
                _("{tool} {name}: not computed ({why}).").format(
                    tool=tool_id,
                    name=view.tool_name,
                    why="; ".join(f"{p.label} – {p.message.rstrip('.')}" for p in view.problems[:2])
                    or _("data missing"),
                )
            )
    return lines


def _check_year(ctx: WizardContext, a: Answers) -> list[FieldError]:
    contract_id = _contract_id(a)
    if ctx.db is not None and contract_id is not None:
        from app.core.errors import NotFound
        from app.core.services.contracts import get_contract

        try:
            get_contract(ctx.db, contract_id)
        except NotFound as exc:
            return [error("contract_id", N_("Contract"), exc.message)]
    return []


# ---- quality studies (J-06, J-13) and the corrective-action plan (J-14) --------------------------------

#: the studies of the Sopot evaluation the wizard shows for the year (entered in Narzędzia)
STUDIES = ("J-06", "J-13")


def _stored(ctx: WizardContext, a: Answers, tool_id: str) -> Any:
    """The tool's stored result for the contract year (the tools' service owns it; never recomputed here)."""
    cid, year = _contract_id(a), integer(a, "year")
    if ctx.db is None or cid is None or year is None:
        return None
    from app.core.tools.service import stored_result

    return stored_result(ctx.db, tool_id, "contract", cid, year)


#: the figures "Zlecenie zadania" stored in the task's tools, shown next to the year's costs (issue 21)
PLAN: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("W-03", ("score",)),
    ("E-01", ("k0",)),
    ("E-02", ("k1",)),
    ("E-03", ("EE",)),
    ("E-13", ("social_value", "SE")),
)


def plan_lines(ctx: WizardContext, a: Answers) -> list[str]:
    """What the task's commissioning planned, from the task's tool results of the latest year up to the one
    evaluated (the Kreator stores them for the start year): the decision score, the unit costs before and
    after commissioning, EE and the social value. Nothing when the task has no such result."""
    cid, year = _contract_id(a), integer(a, "year")
    if ctx.db is None or cid is None or year is None:
        return []
    from app.core.errors import NotFound
    from app.core.services.contracts import get_contract
    from app.core.tools.service import stored_result

    try:
        task_id = get_contract(ctx.db, cid).task_id
    except NotFound:
        return []
    if task_id is None:
        return []
    lines: list[str] = []
    for tool_id, keys in PLAN:
        for y in range(year, year - 6, -1):
            view = stored_result(ctx.db, tool_id, "task", task_id, y)
            if view is None or not view.ok:
                continue
            for key in keys:
                o = next((o for o in view.outputs if o.key == key), None)
                if o is not None and o.value is not None:
                    lines.append(
                        _("Planned ({tool}, {year}): {label} {value}").format(
                            tool=tool_id, year=y, label=o.label, value=o.text
                        )
                        + (f" ({o.band})" if o.band else "")
                    )
            break
    return lines


def study_lines(ctx: WizardContext, a: Answers) -> list[str]:
    """J-06 and J-13 of the contract year as the tools computed them; a study not made is named."""
    lines: list[str] = []
    for tool_id in STUDIES:
        view = _stored(ctx, a, tool_id)
        if view is None or not view.ok:
            from app.core.tools.catalogue import get_catalogue

            lines.append(
                _("{tool} {name}: no study entered for {year} — enter it in Narzędzia to see it here.").format(
                    tool=tool_id, name=get_catalogue().tool(tool_id).name, year=a.get("year") or "…"
                )
            )
            continue
        for o in view.outputs:
            if o.type == "table":
                continue
            lines.append(f"{tool_id} {o.label}: {o.text}" + (f" ({o.band})" if o.band else ""))
    return lines


def findings(ctx: WizardContext, a: Answers) -> list[str]:
    """What the year's evaluation found that needs an action: the control's recommendations (J-07), the
    negative themes of the interviews or observation (J-13) and a pretest–posttest without improvement (J-06)."""
    return list(finding_sources(ctx, a))


def finding_sources(ctx: WizardContext, a: Answers) -> dict[str, str]:
    """Each finding with its source as J-14's `source` column names it (an external body's study:
    "external", the Sopot text's external evaluation)."""
    out: dict[str, str] = {}
    recommendations = str(a.get("recommendations") or "").strip()
    if recommendations:
        out[_("Control (J-07): {text}").format(text=recommendations)] = "control"
    j13 = _known(ctx, a, "J-13")
    external = j13.get("conducted_by") == "external"
    if external:
        what = _("External evaluation (J-13)")
    elif j13.get("method") == "observation":
        what = _("Observation (J-13)")
    else:
        what = _("Interviews (J-13)")
    for row in j13.get("themes") or []:
        if isinstance(row, dict) and row.get("tone") == "negative":
            out[
                _("{study}: {theme} – negative (mentions: {mentions})").format(
                    study=what, theme=row.get("theme") or "—", mentions=row.get("mentions") or "—"
                )
            ] = "external" if external else "qualitative"
    view = _stored(ctx, a, "J-06")
    if view is not None and view.ok:
        for o in view.outputs:
            if o.level == "poor":
                out[
                    _("Pretest–posttest (J-06): {label} {value} – {band}").format(
                        label=o.label, value=o.text, band=o.band
                    )
                ] = "pretest"
    return out


def _prefill_actions(ctx: WizardContext, a: Answers) -> Answers:
    return {"actions": [{"finding": f, "action": "", "owner": "", "due": ""} for f in findings(ctx, a)]}


def corrective_inputs(ctx: WizardContext, a: Answers) -> dict[str, Any]:
    """J-14's inputs: the plan already entered for the year, then each finding the clerk gave an action
    (status "planned"); empty when no action was written."""
    new = []
    sources = finding_sources(ctx, a)
    for r in table_rows(a, "actions"):
        if not str(r.get("action") or "").strip():
            continue  # a finding left without an action is not a plan
        due = date({"due": r.get("due")}, "due") if r.get("due") else None
        new.append(
            {
                "finding": str(r.get("finding") or ""),
                "source": sources.get(str(r.get("finding") or "")),
                "action": str(r["action"]),
                "owner": str(r.get("owner") or ""),
                "due": due.isoformat() if due else None,
                "status": "planned",
            }
        )
    if not new:
        return {}
    old = [dict(r) for r in _known(ctx, a, "J-14").get("actions") or [] if isinstance(r, dict)]
    seen = {(r.get("finding"), r.get("action")) for r in old}
    return {"actions": old + [r for r in new if (r["finding"], r["action"]) not in seen]}


def _check_actions(ctx: WizardContext, a: Answers) -> list[FieldError]:
    from app.core.tools.service import validate_inputs

    errors = []
    for i, r in enumerate(table_rows(a, "actions"), 1):
        # the tools accept a half-filled plan; an action the wizard files must say who and by when
        if str(r.get("action") or "").strip() and not (str(r.get("owner") or "").strip() and r.get("due")):
            errors.append(
                error(
                    "actions",
                    N_("Corrective actions (J-14)"),
                    _("Row {row}: an action needs the person responsible and the due date.").format(row=i),
                )
            )
    if errors:
        return errors
    inputs = corrective_inputs(ctx, a)
    return [FieldError("actions", e.label, e.message) for e in validate_inputs("J-14", inputs)] if inputs else []


STEPS: tuple[Step, ...] = (
    Step(
        "contract",
        "M",
        N_("Contract"),
        N_("Choose the contract to evaluate; the list is in the order of the contract numbers."),
        N_("A multi-year contract is evaluated for each budget year, after the annual report (art. 18)."),
        "art. 17, 18 u.d.p.p.w.",
        (),
        "tools",
        (Field("contract_id", N_("Contract"), "choice", required=True, options=_contract_choices),),
        next="year",
        check=_check_year,
    ),
    Step(
        "year",
        "M",
        N_("Budget year"),
        N_("Choose the budget year of the contract; the last finished year is suggested."),
        N_("Reports, tranches and tool results are kept per budget year."),
        "art. 18 ust. 1 u.d.p.p.w.",
        (),
        "calendar",
        (Field("year", N_("Budget year"), "choice", required=True, options=_year_choices),),
        next="results",
        prefill=_prefill_year,
    ),
    Step(
        "results",
        "M",
        N_("Achieved results"),
        N_(
            "The planned results and the values achieved in the year are taken from the contract; correct them "
            "after the report."
        ),
        N_("The results matrix (J-04) compares achieved with planned values; E-11 divides the cost by each result."),
        "J-04, E-11",
        ("J-04", "E-11"),
        "tools",
        (
            Field(
                "results",
                N_("Results"),
                "table",
                columns=(
                    Column("name", N_("Result"), required=True),
                    Column("unit", N_("Unit")),
                    Column("planned", N_("Planned value"), "number"),
                    Column("achieved", N_("Achieved value"), "number"),
                ),
            ),
        ),
        next="costs",
        prefill=_prefill_from("J-04"),
        check=_check_tools("J-04"),
    ),
    Step(
        "costs",
        "M",
        N_("Costs"),
        N_("Grant, the part used, total and administrative costs of the year, as in the report."),
        N_(
            "E-09 shows the execution of the grant and the amount to return (art. 221 u.f.p.); E-10 the share of "
            "administrative costs."
        ),
        "E-09, E-10; art. 221 u.f.p.",
        ("E-09", "E-10"),
        "tools",
        (
            Field("grant", N_("Grant for the year"), "money"),
            Field("grant_used", N_("Grant used"), "money"),
            Field("total_cost", N_("Total costs of the task"), "money"),
            Field("cost_admin", N_("Administrative costs"), "money"),
        ),
        next="survey",
        prefill=_prefill_from("E-09", "E-10", "E-11"),
        check=_check_tools("E-09", "E-10"),
        info=plan_lines,
    ),
    Step(
        "survey",
        "M",
        N_("Recipients' survey"),
        N_(
            "Enter the answers of the satisfaction survey (scale 1–5), one respondent a row. Leave it empty if no "
            "survey was made this year."
        ),
        N_("The recipients' voice (J-05) is part of the Quality index."),
        "J-05",
        ("J-05",),
        "tools",
        (
            Field("survey", N_("Answers (1–5)"), "table", columns=(Column("respondent", N_("Respondent")),)),
        ),  # + the J-05 questions, when shown
        next="control",
        prefill=_prefill_from("J-05"),
        check=_check_tools("J-05"),
    ),
    Step(
        "control",
        "M",
        N_("Control and reporting"),
        N_("Rate the control visit of the year (0–3 in each dimension of art. 17) and check the report dates."),
        N_("The control card (J-07) and the timeliness of the report (J-10) feed the Quality index."),
        "art. 17, 18 u.d.p.p.w.; J-07, J-10",
        ("J-07", "J-10"),
        "tools",
        (
            Field("control_date", N_("Control date"), "date"),
            Field("progress", N_("Progress of the task"), "choice", options=_rating_options("progress")),
            Field(
                "efficiency_rating",
                N_("Efficiency, reliability and quality"),
                "choice",
                options=_rating_options("efficiency"),
            ),
            Field("funds", N_("Correct use of the funds"), "choice", options=_rating_options("funds")),
            Field("documentation", N_("Documentation"), "choice", options=_rating_options("documentation")),
            Field("recommendations", N_("Recommendations"), "textarea"),
            Field("report_due", N_("Report due"), "date"),
            Field("report_received", N_("Report received"), "date"),
        ),
        next="studies",
        prefill=_prefill_from("J-07", "J-10"),
        check=_check_tools("J-07", "J-10"),
    ),
    Step(
        "studies",
        "M",
        N_("Quality studies"),
        N_(
            "The pretest–posttest study (J-06) and the interviews (J-13) of the year, as entered in Narzędzia. "
            "Their findings are offered on the next page as the corrective-action plan."
        ),
        N_(
            "The Sopot evaluation measured the change in participants before and after the service and listened "
            "to them in interviews; both belong to the evaluation of the year."
        ),
        "J-06, J-13",
        STUDIES,
        "quality",
        (),
        next="actions",
        info=study_lines,
    ),
    Step(
        "actions",
        "M",
        N_("Corrective actions"),
        N_(
            "Each finding of the evaluation is listed. Write an action, who does it and by when; findings left "
            "without an action are not saved. Finishing adds the actions to the plan J-14 of the year."
        ),
        N_("Evaluation closes the loop only when its findings lead to actions (test → correct, J-14)."),
        "J-14",
        ("J-14",),
        "quality",
        (
            Field(
                "actions",
                N_("Corrective actions (J-14)"),
                "table",
                columns=(
                    Column("finding", N_("Finding"), required=True),
                    Column("action", N_("Action")),
                    Column("owner", N_("Owner")),
                    Column("due", N_("Due"), "date"),
                ),
            ),
        ),
        next="summary",
        prefill=_prefill_actions,
        check=_check_actions,
    ),
    Step(
        "summary",
        "M",
        N_("Evaluation"),
        N_(
            "The tools' results for the year are below. Finishing saves the achieved values in the contract's "
            "results, the other values as the tools' entries, and shows the indices of the three models."
        ),
        N_("The indices combine the tools with weights the gmina may agree with its partners (RADAR meeting)."),
        "",
        (),
        "models",
        (),
        next=None,
        info=_info_preview,
    ),
)


def finish(ctx: WizardContext, state: WizardState) -> FinishResult:
    a = state.answers
    cid, year = _contract_id(a), integer(a, "year")
    if ctx.db is None or cid is None or year is None:
        raise UserFacingError(_("No database is open."))
    from app.core.services.contracts import AchievedRow, record_achieved, restore_achieved
    from app.core.tools.service import indices, save_entry, validate_inputs

    entries = {t: tool_inputs(a, t) for t in TOOL_INPUTS}
    entries = {t: v for t, v in entries.items() if v or t != "J-05"}  # J-05: no survey this year
    plan = corrective_inputs(ctx, a)
    if plan:
        entries["J-14"] = plan
    errors = [e for t, v in entries.items() for e in validate_inputs(t, v)]
    if errors:  # checked before anything is written (the steps check the same)
        raise ValidationFailed(errors)
    # The contract's ResultValue rows are the source of truth (contract card, annual report): the
    # achieved values go there first, so the J-04/E-11 entries find them in the records and keep
    # reading them from there. save_entry opens its own transaction, so a failure puts the old
    # values back instead of sharing one transaction with it.
    outcome = record_achieved(
        ctx.db,
        cid,
        year,
        [
            AchievedRow(str(r.get("name") or ""), str(r.get("unit") or ""), _text(r.get("achieved")))
            for r in table_rows(a, "results")
        ],
    )
    try:
        for tool_id, inputs in entries.items():
            save_entry(ctx.db, tool_id, "contract", cid, year, inputs, as_of=ctx.today)
    except BaseException:
        restore_achieved(ctx.db, year, outcome.previous)
        raise
    notes = []
    if outcome.previous:
        notes.append(
            ngettext(
                "{n} achieved value of {year} saved in the contract's results.",
                "{n} achieved values of {year} saved in the contract's results.",
                len(outcome.previous),
            ).format(n=len(outcome.previous), year=year)
        )
    for name in outcome.unmatched:
        notes.append(
            _(
                "\u201c{name}\u201d is not among the contract's planned results: saved only in the tools "
                "(add it in the contract to show it on the contract card)."
            ).format(name=name)
        )
    messages = []
    from app.core.tools.present import index_label

    for v in indices(ctx.db, [cid], year, as_of=ctx.today):
        messages.append(index_label(v))  # with its coverage; no grade on thin data
    if plan:
        n = len(plan["actions"])
        notes.append(
            ngettext(
                "The corrective-action plan (J-14) of {year} now has {n} action.",
                "The corrective-action plan (J-14) of {year} now has {n} actions.",
                n,
            ).format(year=year, n=n)
        )
    return FinishResult({}, messages + notes, None)


WIZARD = WizardDef(
    kind=KIND,
    title=N_("Annual contract evaluation"),
    description=N_(
        "For one contract year: results, costs, survey and control, as the tools need them; shows the "
        "indices of the Quality, Efficiency and Cooperation models."
    ),
    first="contract",
    steps={s.id: s for s in STEPS},
    finish=finish,
    title_of=lambda a: "{label}, {year}".format(
        label=a.get("contract_label") or a.get("contract_id") or "…", year=a.get("year") or "…"
    ),
    chapter="tools",
    refresh=_with_catalogue_fields,
)
