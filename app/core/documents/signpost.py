"""Drogowskaz: the decision report closing the "Zlecenie zadania" wizard.

The wizard fills `SignpostAnswers` (plain data, no database); this module only lays it out, so the
report can be printed from any step and tested without the wizard.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from app.core.db.engine import Database
from app.core.documents import data
from app.core.documents.common import DocumentResult, new_document
from app.core.documents.pdf import Column
from app.core.domain.enums import LabeledEnum, MkusType, ProcedureRoute
from app.core.i18n import _, format_date, format_decimal, format_money, format_percent


@dataclass(frozen=True)
class EfficiencyFigures:
    """The wizard's E-01, E-02, E-03 and E-08 results, printed as computed (None = not estimated).

    `recipients` is the older single head count (CLI answer files): when the unit costs are not
    given, it is taken as the recipients both now and after commissioning, and the unit costs are
    computed by the tools themselves (never by this document)."""

    current_cost: Decimal | None = None
    contracted_cost: Decimal | None = None
    recipients: int | None = None
    current_unit: Decimal | None = None
    contracted_unit: Decimal | None = None
    units_now: int | None = None
    units_after: int | None = None
    #: E-03: EE = k0 / k1 and the saving per recipient Δ = (k0 − k1) / k0
    ratio: Decimal | None = None
    saving_share: Decimal | None = None
    #: E-08: saving of one multi-year contract instead of annual competitions
    multi_year_saving: Decimal | None = None
    #: E-13: social value of the valued effects and SE = social value / inputs
    social_value: Decimal | None = None
    social_ratio: Decimal | None = None

    @property
    def difference(self) -> Decimal | None:
        """Annual cost now minus after commissioning (both printed in the table above it)."""
        if self.current_cost is None or self.contracted_cost is None:
            return None
        return self.current_cost - self.contracted_cost


@dataclass(frozen=True)
class Criteria:
    """The wizard's W-03 result: the tool's score, its band and the conditions met / not met."""

    score: Decimal | None = None
    verdict: str = ""
    met: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    rationale: str = ""


@dataclass(frozen=True)
class SignpostAnswers:
    task: str
    diagnosis: str
    mkus_type: MkusType | None
    type_reasons: list[str] = field(default_factory=list)
    route: ProcedureRoute | None = None
    route_reasons: list[str] = field(default_factory=list)
    years: int | None = None
    efficiency: EfficiencyFigures = field(default_factory=EfficiencyFigures)
    next_steps: list[str] = field(default_factory=list)
    #: statutory dates of the schedule already behind the drogowskaz's date, with what to do instead
    passed: list[str] = field(default_factory=list)
    prepared_by: str = ""
    date: dt.date | None = None
    #: the diagnosis as labelled answers (label, text); printed instead of `diagnosis` when given
    diagnosis_items: list[tuple[str, str]] = field(default_factory=list)
    criteria: Criteria | None = None
    #: warnings the wizard raised (e.g. commissioning costs more per recipient, EE < 1)
    warnings: list[str] = field(default_factory=list)
    #: J-01 requirements (requirement, basis) and J-04 results (name, unit, target, source)
    standard: list[tuple[str, str]] = field(default_factory=list)
    results: list[tuple[str, str, str, str]] = field(default_factory=list)
    #: W-14 milestones (what, date as typed, who)
    schedule: list[tuple[str, str, str]] = field(default_factory=list)
    #: what commissioning changes for recipients, residents and the organisation, as the clerk described it
    social_effects: str = ""
    #: MKUS step 1's success factors (name, whether the clerk confirmed the task has it)
    success_factors: list[tuple[str, bool]] = field(default_factory=list)
    #: the Bon type's sub-form (e.g. "uproszczona procedura"), "" when none
    mkus_subform: str = ""
    #: E-13's valuation of the social effects: (effect, value as given, basis of the value)
    social_valuation: list[tuple[str, str, str]] = field(default_factory=list)
    #: MKUS step 1's comparison of candidate tasks: W-03's ranking (rank, task, score as given)
    candidates: list[tuple[str, str, str]] = field(default_factory=list)


def _completed(e: EfficiencyFigures) -> EfficiencyFigures:
    """Unit costs of an answer file that gives only totals and one head count, from the tools."""
    if e.recipients is None or (e.current_unit is not None or e.contracted_unit is not None):
        return e
    from dataclasses import replace

    from app.core.tools.service import run_on_inputs

    n = Decimal(e.recipients)
    k0 = k1 = ee = delta = None
    if e.current_cost is not None:
        out = run_on_inputs(
            "E-01",
            {
                "staff": [{"role": "-", "hours": 1, "rate": e.current_cost}],
                "materials": 0,
                "upkeep": 0,
                "overhead_rate": 0,
                "units": n,
            },
        )
        k0 = out.get("k0") if out else None
    if e.contracted_cost is not None:
        out = run_on_inputs("E-02", {"grant": e.contracted_cost, "handling_hours": 0, "handling_rate": 0, "units": n})
        k1 = out.get("k1") if out else None
    if k0 is not None and k1 is not None:
        out = run_on_inputs("E-03", {"k0": k0, "k1": k1})
        ee, delta = (out.get("EE"), out.get("saving")) if out else (None, None)
    return replace(
        e,
        current_unit=k0,
        contracted_unit=k1,
        units_now=e.recipients,
        units_after=e.recipients,
        ratio=e.ratio if e.ratio is not None else ee,
        saving_share=e.saving_share if e.saving_share is not None else delta,
    )


def _money_text(value: str) -> str:
    """An amount as the wizard gave it ("36000.00"), printed as money; other text as it is."""
    try:
        return format_money(Decimal(value))
    except ArithmeticError:
        return value


def _score_text(value: str) -> str:
    """A W-03 score as the wizard gave it ("85.00"), printed in Polish form; other text as it is."""
    try:
        return format_decimal(Decimal(value), 2)
    except ArithmeticError:
        return value


def _count(value: int | None) -> str:
    return format_decimal(value, 0) if value is not None else "—"


def build_signpost(db: Database | None, answers: SignpostAnswers, out_path: Path, fmt: str = "pdf") -> DocumentResult:
    if db is not None:
        with db.session() as s:
            gmina = data.gmina_info(s)
    else:
        gmina = data.GminaInfo(name="", executive=_("Wójt"), council="", city="", jst_type="", logo=None)
    missing: list[str] = []
    title = _("Signpost: how to commission the task")
    doc = new_document(gmina, title, answers.task, fmt=fmt)
    doc.title(title.upper(), answers.task)
    n = iter(range(1, 100))

    def heading(text: str) -> None:
        doc.heading(_("{n}. {title}").format(n=next(n), title=text))

    def lack(msg: str) -> None:
        doc.note(msg)
        missing.append(msg)

    heading(_("Diagnosis"))
    items = [(label, text) for label, text in answers.diagnosis_items if str(text).strip()]
    if items:
        doc.facts(items)
    elif answers.diagnosis.strip():
        doc.para(answers.diagnosis)
    else:
        lack(_("The diagnosis has not been filled in."))
    heading(_("Decision criteria (W-03)"))
    c = answers.criteria
    if c is None or c.score is None:
        lack(_("The decision test (W-03) has not been filled in."))
    else:
        doc.para(
            _("Score: {score} of 100 points – <b>{verdict}</b>.").format(
                score=format_decimal(c.score, 2), verdict=_esc(c.verdict)
            ),
            markup=True,
        )
        doc.table(
            [Column(_("Condition"), 4), Column(_("Met"), 1)],
            [[m, _("yes")] for m in c.met] + [[m, _("no")] for m in c.missing],
        )
        if c.rationale.strip():
            doc.facts([(_("Why go on anyway"), c.rationale)])
    if answers.candidates:
        heading(_("Candidate tasks compared (MKUS step 1)"))
        doc.table(
            [Column(_("Rank"), 0.7), Column(_("Task"), 3.3), Column(_("Score (W-03)"), 1, "RIGHT")],
            [[rank, name, _score_text(score)] for rank, name, score in answers.candidates],
        )
    if answers.success_factors:
        heading(_("Success factors (MKUS step 1)"))
        doc.table(
            [Column(_("Success factor"), 4), Column(_("Confirmed"), 1)],
            [[name, _("yes") if met else _("no")] for name, met in answers.success_factors],
        )
    heading(_("Chosen commissioning type"))
    if answers.mkus_type is None:
        lack(_("No commissioning type has been chosen yet."))
    else:
        from app.core.mkus import mkus_model

        # the source's name and the later one, as the Kreator showed them (one owner: the MKUS data)
        doc.para(f"<b>{_esc(mkus_model().type_names(answers.mkus_type).label)}</b>", markup=True)
        if answers.mkus_subform:
            doc.facts([(_("Form of the activity voucher"), answers.mkus_subform)])
        for reason in answers.type_reasons:
            doc.para("• " + reason)
    heading(_("Legal route"))
    if answers.route is None:
        lack(_("No legal route has been chosen yet."))
    else:
        doc.para(f"<b>{_esc(answers.route.label)}</b>", markup=True)
        for reason in answers.route_reasons:
            doc.para("• " + reason)
        if answers.years:
            doc.para(_("Planned contract length in years: {years}.").format(years=answers.years))
    heading(_("Efficiency (E-01, E-02, E-03, E-08)"))
    e = _completed(answers.efficiency)
    if e.current_cost is None and e.contracted_cost is None:
        lack(_("Costs have not been estimated; the efficiency comparison cannot be made."))
    else:
        doc.table(
            [
                Column(_("Figure"), 3),
                Column(_("Now (E-01)"), 1.5, "RIGHT"),
                Column(_("After commissioning (E-02)"), 1.5, "RIGHT"),
            ],
            [
                [_("Annual cost"), format_money(e.current_cost), format_money(e.contracted_cost)],
                [_("Recipients per year"), _count(e.units_now), _count(e.units_after)],
                [_("Cost per recipient"), format_money(e.current_unit), format_money(e.contracted_unit)],
            ],
        )
        if e.difference is not None:
            doc.para(_("Difference in annual cost: {amount}.").format(amount=format_money(e.difference)))
        if e.ratio is not None:
            doc.para(
                _("Economic efficiency (E-03): EE = {ee}; saving per recipient {share}.").format(
                    ee=format_decimal(e.ratio, 2), share=format_percent(e.saving_share, 2)
                )
            )
        else:
            doc.note(_("E-03 needs the cost per recipient now and after commissioning."))
        if e.multi_year_saving is not None:
            doc.para(
                _(
                    "One multi-year contract instead of annual competitions (E-08) saves {amount} of transaction costs."
                ).format(amount=format_money(e.multi_year_saving))
            )
        if e.current_cost is not None and e.contracted_cost is not None:
            from app.core.documents.charts import bar_chart

            doc.figure(
                bar_chart(
                    [_("Now"), _("After commissioning")],
                    {_("Annual cost"): [e.current_cost, e.contracted_cost]},
                    _("Annual cost (PLN)"),
                ),
                0.7,
            )
    if answers.social_effects.strip():
        doc.facts([(_("Social effects of commissioning"), answers.social_effects)])
    if answers.social_valuation:
        # the method and its assumptions next to the figure (issue 21 item 2): each value with its basis
        doc.para(
            _(
                "Social efficiency (E-13): each effect = quantity × value per unit × (1 − share that would "
                "happen anyway); social efficiency = social value / (grant + office handling)."
            )
        )
        doc.table(
            [Column(_("Effect"), 2.2), Column(_("Value"), 1.2, "RIGHT"), Column(_("Basis of the value"), 2.6)],
            [[effect, _money_text(value), proxy] for effect, value, proxy in answers.social_valuation],
        )
        if e.social_value is not None:
            doc.facts(
                [
                    (_("Social value"), format_money(e.social_value)),
                    (
                        _("Social efficiency (social value per 1 zł)"),
                        format_decimal(e.social_ratio, 2) if e.social_ratio is not None else "—",
                    ),
                ]
            )
    for warning in answers.warnings:
        doc.para(f"<b>{_esc(warning)}</b>", markup=True)
    if answers.mkus_type is not None or answers.standard or answers.results:
        heading(_("Minimum standard (J-01) and results (J-04)"))
        if answers.standard:
            doc.table([Column(_("Requirement"), 3), Column(_("Basis"), 2)], [list(r) for r in answers.standard])
        elif answers.mkus_type in (MkusType.ZLECANIE_USLUG, MkusType.ZLECANIE_INSTYTUCJI):
            lack(_("No minimum standard (J-01) has been set."))
        else:
            doc.note(_("No minimum standard was set (the type does not require one)."))
        if answers.results:
            doc.table(
                [
                    Column(_("Result"), 3),
                    Column(_("Unit"), 1),
                    Column(_("Planned value"), 1, "RIGHT"),
                    Column(_("Source of information"), 2),
                ],
                [list(r) for r in answers.results],
            )
    heading(_("Schedule of the change (W-14)"))
    if answers.schedule:
        doc.table(
            [Column(_("Milestone"), 4), Column(_("Date"), 1.2), Column(_("Responsible"), 2)],
            [list(r) for r in answers.schedule],
        )
    else:
        lack(_("The schedule of the change (W-14) has not been made."))
    if answers.next_steps:
        heading(_("Next steps"))
        for i, step in enumerate(answers.next_steps, 1):
            doc.para(f"{i}. {step}")
    if answers.passed:
        heading(_("Deadlines already passed"))
        for line in answers.passed:
            doc.para("• " + line)
    doc.spacer(8)
    doc.para(
        _("Prepared by: {name}, {date}").format(
            name=answers.prepared_by or "…………", date=format_date(answers.date) if answers.date else "…………"
        )
    )
    pages = doc.save(out_path)
    return DocumentResult(Path(out_path), title, pages, missing)


def _esc(text: str) -> str:
    from app.core.documents.pdf import esc

    return esc(text)


_Choice = TypeVar("_Choice", bound=LabeledEnum)


def answers_from_dict(raw: dict[str, Any]) -> SignpostAnswers:
    """Answers from plain JSON (CLI `--answers FILE`); bad values raise ValidationFailed."""
    from app.core.errors import FieldError, ValidationFailed
    from app.core.money import MoneyFormatError, parse_money

    errors: list[FieldError] = []

    def enum(cls: type[_Choice], key: str, label: str) -> _Choice | None:
        value = raw.get(key)
        if value in (None, ""):
            return None
        try:
            return cls(value)
        except ValueError:
            errors.append(
                FieldError(
                    key,
                    label,
                    _("Unknown value {value}; use one of: {codes}.").format(
                        value=value, codes=", ".join(m.value for m in cls)
                    ),
                )
            )
            return None

    def money(key: str, label: str) -> Decimal | None:
        value = (raw.get("efficiency") or {}).get(key)
        if value in (None, ""):
            return None
        try:
            return parse_money(str(value))
        except MoneyFormatError:
            errors.append(FieldError(key, label, _("Give an amount in złoty, e.g. 1 234,50.")))
            return None

    task = str(raw.get("task") or "").strip()
    if not task:
        errors.append(FieldError("task", _("Task"), _("Give the name of the task.")))
    mkus = enum(MkusType, "mkus_type", _("Commissioning type"))
    route = enum(ProcedureRoute, "route", _("Legal route"))

    def number(key: str, label: str) -> Decimal | None:
        value = (raw.get("efficiency") or {}).get(key)
        if value in (None, ""):
            return None
        try:
            return Decimal(str(value).replace(",", ".").replace(" ", ""))
        except ArithmeticError:
            errors.append(FieldError(key, label, _("Give a number, e.g. 1,25.")))
            return None

    def count(key: str, label: str) -> int | None:
        value = (raw.get("efficiency") or {}).get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            errors.append(FieldError(key, label, _("Give a whole number of 0 or more.")))
            return None
        return value

    def pairs(key: str, width: int) -> list[tuple[str, ...]]:
        out = []
        for row in raw.get(key) or []:
            cells = [str(c) if c is not None else "" for c in (row if isinstance(row, (list, tuple)) else [row])]
            out.append(tuple((cells + [""] * width)[:width]))
        return out

    current = money("current_cost", _("Annual cost now"))
    contracted = money("contracted_cost", _("Annual cost after contracting"))
    recipients = count("recipients", _("Recipients"))
    eff = EfficiencyFigures(
        current,
        contracted,
        recipients,
        money("current_unit", _("Cost per recipient now")),
        money("contracted_unit", _("Cost per recipient after commissioning")),
        count("units_now", _("Recipients served now")),
        count("units_after", _("Recipients served after contracting")),
        number("ratio", _("Economic efficiency (EE)")),
        number("saving_share", _("Saving per recipient")),
        money("multi_year_saving", _("Saving of the multi-year contract")),
        money("social_value", _("Social value")),
        number("social_ratio", _("Social efficiency")),
    )
    crit = raw.get("criteria") if isinstance(raw.get("criteria"), dict) else None
    criteria = None
    if crit is not None:
        try:
            score = Decimal(str(crit["score"])) if crit.get("score") not in (None, "") else None
        except ArithmeticError:
            errors.append(FieldError("criteria", _("Decision criteria (W-03)"), _("Give the score as a number.")))
            score = None
        criteria = Criteria(
            score,
            str(crit.get("verdict") or ""),
            [str(m) for m in crit.get("met") or []],
            [str(m) for m in crit.get("missing") or []],
            str(crit.get("rationale") or ""),
        )
    date = None
    if raw.get("date"):
        try:
            date = dt.date.fromisoformat(str(raw["date"]))
        except ValueError:
            errors.append(FieldError("date", _("Date"), _("Use the form YYYY-MM-DD.")))
    if errors:
        raise ValidationFailed(errors)
    return SignpostAnswers(
        task=task,
        diagnosis=str(raw.get("diagnosis") or ""),
        mkus_type=mkus,
        type_reasons=[str(r) for r in raw.get("type_reasons") or []],
        route=route,
        route_reasons=[str(r) for r in raw.get("route_reasons") or []],
        years=raw.get("years") if isinstance(raw.get("years"), int) else None,
        efficiency=eff,
        next_steps=[str(s) for s in raw.get("next_steps") or []],
        passed=[str(s) for s in raw.get("passed") or []],
        prepared_by=str(raw.get("prepared_by") or ""),
        date=date,
        diagnosis_items=[(r[0], r[1]) for r in pairs("diagnosis_items", 2)],
        criteria=criteria,
        warnings=[str(w) for w in raw.get("warnings") or []],
        social_effects=str(raw.get("social_effects") or ""),
        standard=[(r[0], r[1]) for r in pairs("standard", 2)],
        results=[(r[0], r[1], r[2], r[3]) for r in pairs("results", 4)],
        schedule=[(r[0], r[1], r[2]) for r in pairs("schedule", 3)],
        success_factors=[
            (r[0], r[1] is True)
            for r in (raw.get("success_factors") or [])
            if isinstance(r, (list, tuple)) and len(r) == 2
        ],
        mkus_subform=str(raw.get("mkus_subform") or ""),
        candidates=[(r[0], r[1], r[2]) for r in pairs("candidates", 3)],
        social_valuation=[(r[0], r[1], r[2]) for r in pairs("social_valuation", 3)],
    )
