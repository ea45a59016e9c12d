"""Drogowskaz: the decision report closing the "Zlecenie zadania" wizard.

The wizard fills `SignpostAnswers` (plain data, no database); this module only lays it out, so the
report can be printed from any step and tested without the wizard.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from app.core.db.engine import Database
from app.core.documents import data
from app.core.documents.common import DocumentResult, new_document
from app.core.documents.pdf import Column
from app.core.domain.enums import MkusType, ProcedureRoute
from app.core.i18n import _, format_date, format_money, format_percent


@dataclass(frozen=True)
class EfficiencyFigures:
    """Cost of delivering the task now vs. by contracting (E-01..E-04); None = not estimated."""

    current_cost: Decimal | None = None
    contracted_cost: Decimal | None = None
    recipients: int | None = None

    @property
    def saving(self) -> Decimal | None:
        if self.current_cost is None or self.contracted_cost is None:
            return None
        return self.current_cost - self.contracted_cost

    @property
    def saving_share(self) -> Decimal | None:
        s = self.saving
        return s / self.current_cost if s is not None and self.current_cost else None

    def per_recipient(self, cost: Decimal | None) -> Decimal | None:
        return (cost / self.recipients).quantize(Decimal("0.01")) if cost is not None and self.recipients else None


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
    date: object = None  # dt.date | None


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
    doc.heading(_("1. Diagnosis"))
    if answers.diagnosis.strip():
        doc.para(answers.diagnosis)
    else:
        msg = _("The diagnosis has not been filled in.")
        doc.note(msg)
        missing.append(msg)
    doc.heading(_("2. Chosen commissioning type"))
    if answers.mkus_type is None:
        msg = _("No commissioning type has been chosen yet.")
        doc.note(msg)
        missing.append(msg)
    else:
        doc.para(f"<b>{_esc(answers.mkus_type.label)}</b>", markup=True)
        for reason in answers.type_reasons:
            doc.para("• " + reason)
    doc.heading(_("3. Legal route"))
    if answers.route is None:
        msg = _("No legal route has been chosen yet.")
        doc.note(msg)
        missing.append(msg)
    else:
        doc.para(f"<b>{_esc(answers.route.label)}</b>", markup=True)
        for reason in answers.route_reasons:
            doc.para("• " + reason)
        if answers.years:
            doc.para(_("Planned contract length in years: {years}.").format(years=answers.years))
    doc.heading(_("4. Efficiency"))
    e = answers.efficiency
    if e.current_cost is None and e.contracted_cost is None:
        msg = _("Costs have not been estimated; the efficiency comparison cannot be made.")
        doc.note(msg)
        missing.append(msg)
    else:
        doc.table([Column(_("Figure"), 3), Column(_("Now"), 1.5, "RIGHT"), Column(_("Contracted"), 1.5, "RIGHT")], [
            [_("Annual cost"), format_money(e.current_cost), format_money(e.contracted_cost)],
            [_("Cost per recipient"), format_money(e.per_recipient(e.current_cost)),
             format_money(e.per_recipient(e.contracted_cost))],
        ])
        if e.saving is not None:
            doc.para(_("Difference: {amount} ({share}).").format(
                amount=format_money(e.saving), share=format_percent(e.saving_share) if e.saving_share is not None else "—"))
        if e.current_cost is not None and e.contracted_cost is not None:
            from app.core.documents.charts import bar_chart

            doc.figure(bar_chart([_("Now"), _("Contracted")], {_("Annual cost"): [e.current_cost, e.contracted_cost]},
                                 _("Annual cost (PLN)")), 0.7)
    if answers.next_steps:
        doc.heading(_("5. Next steps"))
        for i, step in enumerate(answers.next_steps, 1):
            doc.para(f"{i}. {step}")
    if answers.passed:
        doc.heading(_("{n}. Deadlines already passed").format(n=6 if answers.next_steps else 5))
        for line in answers.passed:
            doc.para("• " + line)
    doc.spacer(8)
    doc.para(_("Prepared by: {name}, {date}").format(name=answers.prepared_by or "…………",
                                                     date=format_date(answers.date) if answers.date else "…………"))  # type: ignore[arg-type]
    pages = doc.save(out_path)
    return DocumentResult(Path(out_path), title, pages, missing)


def _esc(text: str) -> str:
    from app.core.documents.pdf import esc

    return esc(text)


def answers_from_dict(raw: dict) -> SignpostAnswers:  # type: ignore[type-arg]
    """Answers from plain JSON (CLI `--answers FILE`); bad values raise ValidationFailed."""
    import datetime as dt

    from app.core.errors import FieldError, ValidationFailed
    from app.core.money import MoneyFormatError, parse_money

    errors: list[FieldError] = []

    def enum(cls, key: str, label: str):  # type: ignore[no-untyped-def]
        value = raw.get(key)
        if value in (None, ""):
            return None
        try:
            return cls(value)
        except ValueError:
            errors.append(FieldError(key, label, _("Unknown value {value}; use one of: {codes}.").format(
                value=value, codes=", ".join(m.value for m in cls))))
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
    current = money("current_cost", _("Annual cost now"))
    contracted = money("contracted_cost", _("Annual cost after contracting"))
    recipients = (raw.get("efficiency") or {}).get("recipients")
    if recipients is not None and (not isinstance(recipients, int) or recipients < 0):
        errors.append(FieldError("recipients", _("Recipients"), _("Give a whole number of 0 or more.")))
        recipients = None
    date = None
    if raw.get("date"):
        try:
            date = dt.date.fromisoformat(str(raw["date"]))
        except ValueError:
            errors.append(FieldError("date", _("Date"), _("Use the form YYYY-MM-DD.")))
    if errors:
        raise ValidationFailed(errors)
    return SignpostAnswers(
        task=task, diagnosis=str(raw.get("diagnosis") or ""), mkus_type=mkus,
        type_reasons=[str(r) for r in raw.get("type_reasons") or []], route=route,
        route_reasons=[str(r) for r in raw.get("route_reasons") or []],
        years=raw.get("years") if isinstance(raw.get("years"), int) else None,
        efficiency=EfficiencyFigures(current, contracted, recipients),
        next_steps=[str(s) for s in raw.get("next_steps") or []], passed=[str(s) for s in raw.get("passed") or []],
        prepared_by=str(raw.get("prepared_by") or ""),
        date=date,
    )
