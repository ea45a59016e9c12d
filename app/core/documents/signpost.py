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
            doc.para(_("Planned contract length (budget years): {years}.").format(years=answers.years))
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
    doc.spacer(8)
    doc.para(_("Prepared by: {name}, {date}").format(name=answers.prepared_by or "…………",
                                                     date=format_date(answers.date) if answers.date else "…………"))  # type: ignore[arg-type]
    pages = doc.save(out_path)
    return DocumentResult(Path(out_path), title, pages, missing)


def _esc(text: str) -> str:
    from app.core.documents.pdf import esc

    return esc(text)
