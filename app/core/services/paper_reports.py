"""Keyboard re-entry of a returned paper report form (market.md §5.8, document kind `report-form`).

The clerk types the form ID printed on the paper ("WKUS-<contract>-<year>-<check>"); `open_form`
checks it and loads what the form was printed with (planned results and costs of the year) next to
what is stored now. `save_form` writes the year's report (received date, costs), the actual own
contribution by source and the achieved result values in ONE transaction: everything is validated
first, and any error leaves the database as it was.

Received date before the end of the reported period: allowed. The law engine (rule SPR-1, art. 18
ust. 1 u.d.p.p.w.) only sets the latest day (30 days after the period, a working day); a task can end
early and be reported early. A date before the period starts or after today cannot be a real
receipt of this form and is refused as a typo.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy.orm import Session

from app.core.db.engine import Database
from app.core.db.models import Contract, ContractReport, OwnContribution, PlannedResult
from app.core.domain.enums import ContributionKind, ReportKind
from app.core.domain.records import DateInput, ReportInput
from app.core.errors import FieldError, ValidationFailed
from app.core.form_id import form_id as make_form_id
from app.core.form_id import looks_like_form_id, parse_form_id
from app.core.i18n import N_, _, format_date
from app.core.money import ZERO
from app.core.services.contracts import REPORT_LABELS, AchievedRow, _check_report, record_achieved
from app.core.services.fields import Checker, plain
from app.core.services.law_guard import contract_findings, guard

#: cost source keys: the grant, then own contribution by kind (the printed form's rows)
GRANT = "grant"
_ALWAYS = (ContributionKind.FINANCIAL, ContributionKind.PERSONAL, ContributionKind.IN_KIND)
_IF_PLANNED = (ContributionKind.RECIPIENT_FEES, ContributionKind.OTHER_PUBLIC)

FORM_ID_LABEL = N_("Form ID")


@dataclass(frozen=True)
class DraftResult:
    planned_result_id: int
    name: str
    unit: str
    planned: Decimal
    whole_contract: bool  # the target is for the whole contract, not for the year
    achieved: Decimal | None  # stored value for the year


@dataclass(frozen=True)
class DraftCost:
    key: str  # GRANT or a ContributionKind value
    label: str
    planned: Decimal
    actual: Decimal | None


@dataclass(frozen=True)
class PaperReportDraft:
    form_id: str
    contract_id: int
    year: int
    contract_number: str
    contract_title: str
    organisations: str
    report_kind: ReportKind
    period_start: dt.date
    period_end: dt.date
    due_date: dt.date
    report_id: int | None  # the year's annual/final report, None = created on save
    received_date: dt.date | None
    results: tuple[DraftResult, ...]
    costs: tuple[DraftCost, ...]


@dataclass
class PaperReportInput:
    """What the clerk typed. A result or cost left out of the dicts keeps its stored value; an empty
    string clears it (the dialog shows the stored values, so an emptied box means "none")."""

    received_date: DateInput = None
    achieved: dict[int, str | Decimal | None] = field(default_factory=dict)  # planned result id → value
    costs: dict[str, str | Decimal | None] = field(default_factory=dict)  # source key → actual amount


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _error(field_name: str, label: str, message: str) -> ValidationFailed:
    return ValidationFailed([FieldError(field_name, label, message)])


def form_id_of(text: str) -> str | None:
    """The canonical form of a typed ID ("wkus 3 2026 50" → "WKUS-3-2026-50"); None if invalid."""
    parsed = parse_form_id(text or "")
    return make_form_id(*parsed) if parsed else None


def _parse_id(text: str) -> tuple[int, int]:
    label = _(FORM_ID_LABEL)
    raw = (text or "").strip()
    if not raw:
        raise _error("form_id", label, _("Enter the form ID printed at the top of the form, e.g. WKUS-12-2025-47."))
    if not looks_like_form_id(raw):
        raise _error(
            "form_id",
            label,
            _(
                "\u201c{text}\u201d is not a form ID: it reads WKUS-<contract>-<year>-<two "
                "check digits>, e.g. WKUS-12-2025-47."
            ).format(text=raw),
        )
    parsed = parse_form_id(raw)
    if parsed is None:
        raise _error(
            "form_id",
            label,
            _(
                "The check digits of \u201c{text}\u201d do not match: a digit was probably "
                "mistyped. Compare the ID with the paper."
            ).format(text=raw),
        )
    return parsed


def _load(s: Session, text: str) -> tuple[Contract, int]:
    contract_id, year = _parse_id(text)
    label = _(FORM_ID_LABEL)
    k = s.get(Contract, contract_id)
    if k is None:
        raise _error(
            "form_id",
            label,
            _(
                "No contract with the number {id} is recorded (the ID is valid, but the "
                "contract was deleted or the form comes from another database)."
            ).format(id=contract_id),
        )
    if not k.start_date.year <= year <= k.end_date.year:
        raise _error(
            "form_id",
            label,
            _("The contract runs {start} – {end}; the form's year {year} is outside it.").format(
                start=format_date(k.start_date), end=format_date(k.end_date), year=year
            ),
        )
    return k, year


def _period(k: Contract, year: int) -> tuple[ReportKind, dt.date, dt.date]:
    kind = ReportKind.FINAL if year >= k.end_date.year else ReportKind.ANNUAL
    return kind, max(k.start_date, dt.date(year, 1, 1)), min(k.end_date, dt.date(year, 12, 31))


def _plain(value: Decimal | None) -> Decimal | None:
    return None if value is None else plain(value)


def _year_report(k: Contract, year: int) -> ContractReport | None:
    from app.core.law.deadlines import report_year

    return next((r for r in k.reports if r.kind is not ReportKind.PARTIAL and report_year(r, k) == year), None)


def _results(k: Contract, year: int) -> list[PlannedResult]:
    # the order record_achieved matches in: the year's own targets, then the whole contract's
    return sorted(
        (p for p in k.planned_results if p.budget_year in (None, year)),
        key=lambda p: (p.budget_year is None, p.position),
    )


def _contributions(k: Contract, year: int, kind: ContributionKind) -> list[OwnContribution]:
    return [o for o in k.contributions if o.budget_year == year and o.kind is kind]


def _cost_kinds(k: Contract, year: int) -> list[ContributionKind]:
    return [*_ALWAYS, *(kind for kind in _IF_PLANNED if _contributions(k, year, kind))]


def _draft(k: Contract, year: int) -> PaperReportDraft:
    from app.core.law.deadlines import statutory_report_due

    kind, start, end = _period(k, year)
    report = _year_report(k, year)
    results = tuple(
        DraftResult(
            p.id,
            p.name,
            p.unit,
            plain(p.target_value),
            p.budget_year is None,
            _plain(next((v.value for v in p.values if v.budget_year == year), None)),
        )
        for p in _results(k, year)
    )
    grant = sum((t.amount for t in k.tranches if t.budget_year == year), ZERO)
    costs = [DraftCost(GRANT, _("Grant from the gmina budget"), grant, report.cost_grant if report else None)]
    for ck in _cost_kinds(k, year):
        rows = _contributions(k, year, ck)
        actual = [o.actual_amount for o in rows if o.actual_amount is not None]
        costs.append(
            DraftCost(
                ck.value,
                _capital(ck.label),
                sum((o.planned_amount for o in rows), ZERO),
                sum(actual, ZERO) if actual else None,
            )
        )
    return PaperReportDraft(
        form_id=make_form_id(k.id, year),
        contract_id=k.id,
        year=year,
        contract_number=k.number,
        contract_title=k.title,
        organisations="",
        report_kind=report.kind if report else kind,
        period_start=start,
        period_end=end,
        due_date=report.due_date if report else statutory_report_due(end),
        report_id=report.id if report else None,
        received_date=report.received_date if report else None,
        results=results,
        costs=tuple(costs),
    )


def open_form(db: Database, form_id: str) -> PaperReportDraft:
    """The contract, year and stored figures a typed form ID stands for; a FieldError on `form_id`
    (in Polish) names what is wrong with the ID."""
    with db.session() as s:
        k, year = _load(s, form_id)
        return _organisations(s, _draft(k, year))


def _organisations(s: Session, d: PaperReportDraft) -> PaperReportDraft:
    from dataclasses import replace

    from sqlalchemy import select

    from app.core.db.models import ContractParty, Organisation

    names = (
        s.execute(
            select(Organisation.name)
            .join(ContractParty, ContractParty.organisation_id == Organisation.id)
            .where(ContractParty.contract_id == d.contract_id)
            .order_by(ContractParty.position, ContractParty.id)
        )
        .scalars()
        .all()
    )
    return replace(d, organisations="; ".join(names))


def validate_form(draft: PaperReportDraft, data: PaperReportInput, today: dt.date | None = None) -> list[FieldError]:
    """The typed values' problems against the loaded form (no database; for checking as you type)."""
    try:
        _checked(draft, data, today or dt.date.today())
    except ValidationFailed as exc:
        return exc.errors
    return []


def _checked(
    draft: PaperReportDraft, data: PaperReportInput, today: dt.date
) -> tuple[dt.date | None, dict[int, Decimal | None], dict[str, Decimal | None]]:
    checker = Checker()
    L = REPORT_LABELS

    received = checker.date("received_date", L["received_date"], data.received_date)
    if received is not None and received > today:
        checker.error(
            "received_date",
            L["received_date"],
            _("The date is after today ({today}); enter the day the paper came in.").format(today=format_date(today)),
        )
    elif received is not None and received < draft.period_start:
        checker.error(
            "received_date",
            L["received_date"],
            _("The date is before the reported period begins ({start}); check the year.").format(
                start=format_date(draft.period_start)
            ),
        )

    achieved: dict[int, Decimal | None] = {}
    for r in draft.results:
        value = data.achieved.get(r.planned_result_id, r.achieved)
        rc = Checker()
        number = rc.quantity(f"achieved.{r.planned_result_id}", r.name, value)
        for e in rc.errors:
            checker.errors.append(FieldError(e.field, r.name, e.message))
        achieved[r.planned_result_id] = number

    costs: dict[str, Decimal | None] = {}
    for cost in draft.costs:
        value = data.costs.get(cost.key, cost.actual)
        cc = Checker()
        amount = cc.money(f"cost.{cost.key}", cost.label, value)
        for e in cc.errors:
            checker.errors.append(FieldError(e.field, cost.label, e.message))
        costs[cost.key] = amount
    unknown = set(data.achieved) - set(achieved)
    if unknown:
        checker.errors.append(
            FieldError("results", _("Planned results"), _("A result of another contract or year was given."))
        )
    checker.raise_if_any()
    return received, achieved, costs


def save_form(
    db: Database,
    form_id: str,
    data: PaperReportInput,
    *,
    law_check: bool = True,
    acknowledge_warnings: bool = False,
    today: dt.date | None = None,
) -> PaperReportDraft:
    """Write the paper's figures in one transaction (see the module doc); returns the stored state.

    With `law_check` (as the contract dialog saves reports) a new law error refuses the save and new
    warnings (e.g. SPR-1: received late) raise NeedsConfirmation unless acknowledged."""
    today = today or dt.date.today()
    with db.session() as s:
        k, year = _load(s, form_id)
        draft = _draft(k, year)
        report = _year_report(k, year)
        received, achieved, costs = _checked(draft, data, today)

        # the report as save_report would store it, through the same validation
        kind, _start, end = _period(k, year)
        typed = [a for a in costs.values() if a is not None]
        grant = costs[GRANT]
        report_input = ReportInput(
            kind=report.kind if report else kind,
            budget_year=report.budget_year if report else year,
            period_end=report.period_end if report else end,
            call_delivered=report.call_delivered if report else None,
            due_date=draft.due_date,
            received_date=received,
            accepted_date=report.accepted_date if report else None,
            cost_total=sum(typed, ZERO) if typed else "",
            cost_grant=grant if grant is not None else "",
            cost_admin=report.cost_admin if report and report.cost_admin is not None else "",
            recipients=report.recipients if report else None,
        )
        rcheck, clean = _check_report(report_input, k)
        rcheck.raise_if_any()

        before = contract_findings(s, k, today) if law_check else []
        if report is None:
            report = ContractReport()
            k.reports.append(report)
        for name, value in clean.items():
            setattr(report, name, value)
        for ck in _cost_kinds(k, year):
            _set_actual(k, year, ck, costs[ck.value])
        s.flush()
        outcome = record_achieved(
            db,
            k.id,
            year,
            [AchievedRow(r.name, r.unit, achieved[r.planned_result_id]) for r in draft.results],
            session=s,
        )
        if outcome.unmatched:  # cannot happen: the rows are the contract's own
            raise RuntimeError(f"unmatched results {outcome.unmatched}")
        s.flush()
        if law_check:
            guard(before, contract_findings(s, k, today), acknowledge_warnings)
        s.expire_all()
        reread = s.get(Contract, k.id)
        assert reread is not None
        return _organisations(s, _draft(reread, year))


def _set_actual(k: Contract, year: int, kind: ContributionKind, amount: Decimal | None) -> None:
    rows = _contributions(k, year, kind)
    if not rows:
        if amount is None:
            return
        # spent without a plan: recorded as planned 0 so the plan's figures stay true
        k.contributions.append(OwnContribution(budget_year=year, kind=kind, planned_amount=ZERO, actual_amount=amount))
        return
    # several planned rows of one kind: the paper has one box, so its amount goes to the first
    # row and the others get 0 (the sum stays what the organisation declared)
    rows[0].actual_amount = amount
    for other in rows[1:]:
        other.actual_amount = None if amount is None else ZERO
