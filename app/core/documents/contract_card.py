"""Karta umowy wieloletniej: everything about one contract on a few pages, with trend charts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.core.db.engine import Database
from app.core.documents import data
from app.core.documents.common import DocumentResult, area_label, new_document
from app.core.documents.model_indices import add_model_section, contract_measures
from app.core.documents.pdf import Column
from app.core.domain.enums import ContractStatus
from app.core.figures import money
from app.core.i18n import _, format_date, format_decimal, format_money, format_percent, ngettext
from app.core.money import ZERO

# the contract form's own rules: its statutory default terms and what counts as an overdue report
from app.core.services.contracts import default_return_deadline, default_use_deadline, report_overdue


def build_contract_card(
    db: Database, contract_id: int, out_path: Path, fmt: str = "pdf", today: dt.date | None = None
) -> DocumentResult:
    today = today or dt.date.today()
    with db.session() as s:
        gmina = data.gmina_info(s)
        c = data.contract(s, contract_id)
        by_year = money.contract_years(s, contract_id)
    whole = contract_measures(db, [c.id], None)[c.id]
    yearly = {y: contract_measures(db, [c.id], y)[c.id] for y in c.years}
    missing: list[str] = []
    title = _("Contract card: {number}").format(number=c.number or c.title)
    doc = new_document(gmina, title, c.title, fmt=fmt)
    doc.title(_("CONTRACT CARD"), f"{c.number} — {c.title}" if c.number else c.title)
    doc.facts(
        [
            (_("Contract number"), c.number or "—"),
            (_("Public task"), c.task_title or "—"),
            (_("Area"), area_label(c.area)),
            (_("Form of commissioning"), c.form.label),
            (_("Procedure"), c.route.label if c.route else _("(procedure not recorded)")),
            (_("Status"), c.status),
            (_("Signed on"), format_date(c.signed) if c.signed else "—"),
            (_("Budget division / chapter"), f"{c.budget_division or '—'} / {c.budget_chapter or '—'}"),
            (_("Budget paragraph"), c.budget_paragraph or "—"),
            (_("Period"), f"{format_date(c.start)} – {format_date(c.end)}"),
            (_("Budget years"), ", ".join(str(y) for y in c.years)),
            (_("Total grant"), format_money(c.total)),
            (_("Unit rate"), f"{format_money(c.unit_rate)} / {c.unit_name}" if c.unit_rate else "—"),
        ]
    )

    doc.heading(_("Parties"))
    doc.table(
        [Column(_("Organisation"), 3.5), Column(_("NIP"), 1.2), Column(_("Register"), 1.8), Column(_("Role"), 1.2)],
        [[p.name, p.nip or "—", p.registry or "—", p.role or "—"] for p in c.parties],
        empty_text=_("No organisation is recorded as a party of this contract."),
    )

    doc.heading(_("Tranches by budget year"))
    statutory = False
    tranche_rows = []
    for t in c.tranches:
        # an empty term is the act's, as the contract form shows it (art. 221 ust. 3, art. 251 ufp): marked *
        use, ret = t.use_deadline, t.return_deadline
        use_text = format_date(use) if use else format_date(default_use_deadline(t.year)) + " *"
        ret_text = (
            format_date(ret)
            if ret
            else format_date(default_return_deadline(use or default_use_deadline(t.year))) + " *"
        )
        statutory = statutory or not (use and ret)
        tranche_rows.append(
            [
                t.year,
                format_money(t.amount),
                format_date(t.payment_date),
                use_text,
                ret_text,
                format_money(t.used),
                format_money(t.returned),
            ]
        )
    doc.table(
        [
            Column(_("Year"), 0.6, "RIGHT"),
            Column(_("Amount"), 1.4, "RIGHT"),
            Column(_("Payment date"), 1.1),
            Column(_("Use by"), 1.2),
            Column(_("Return unused by"), 1.2),
            Column(_("Used"), 1.35, "RIGHT"),
            Column(_("Returned"), 1.25, "RIGHT"),
        ],
        tranche_rows,
        total=[_("Total"), format_money(c.total), "", "", "", "", ""] if c.tranches else None,
        empty_text=_("No tranches are recorded."),
    )
    if statutory:
        doc.note(
            _(
                "* Not set in the contract: the statutory term applies (use by 31 December of the budget "
                "year, art. 221 ust. 3 u.f.p.; return under art. 251 u.f.p.)."
            )
        )
    for t in c.tranches:
        interest = t.late_interest
        if interest is None:
            continue
        if interest.total is None:
            doc.note(
                _(
                    "The unused grant of {year} was returned on {returned}, after the term ended on {end}; the "
                    "interest of art. 251 ust. 5 u.f.p. cannot be computed: {missing} is missing."
                ).format(
                    year=t.year,
                    returned=format_date(interest.returned_on),
                    end=format_date(interest.term_end),
                    missing=interest.missing,
                )
            )
        else:
            doc.note(
                ngettext(
                    "The unused grant of {year} ({amount}) was returned on {returned}, {days} day after the term ended "
                    "on {end}: interest as for tax arrears {interest}, rounded {rounded} (art. 251 ust. 5 u.f.p.).",
                    "The unused grant of {year} ({amount}) was returned on {returned}, {days} days after the term ended "
                    "on {end}: interest as for tax arrears {interest}, rounded {rounded} (art. 251 ust. 5 u.f.p.).",
                    interest.days,
                ).format(
                    year=t.year,
                    amount=format_money(interest.principal),
                    returned=format_date(interest.returned_on),
                    days=interest.days,
                    end=format_date(interest.term_end),
                    interest=format_money(interest.total),
                    rounded=format_money(interest.total_zloty),
                )
            )
    if by_year:
        # the money words of issue 13: a draft commits nothing, a terminated contract only what was paid
        doc.table(
            [
                Column(_("Year"), 0.7, "RIGHT"),
                Column(_("In the contract"), 1.5, "RIGHT"),
                Column(money.MoneyWord.COMMITTED.label, 1.5, "RIGHT"),
                Column(money.MoneyWord.TRANSFERRED.label, 1.5, "RIGHT"),
            ],
            [
                [y.year, format_money(y.in_contract), format_money(y.committed), format_money(y.transferred)]
                for y in by_year
            ],
            total=[
                _("Total"),
                format_money(money.add(y.in_contract for y in by_year)),
                format_money(money.add(y.committed for y in by_year)),
                format_money(money.add(y.transferred for y in by_year)),
            ],
        )
    if len(c.years) > 1 and c.tranches:
        from app.core.documents.charts import line_chart

        doc.figure(
            line_chart(c.years, {_("Tranche"): [c.amount_in(y) for y in c.years]}, _("Grant by budget year (PLN)")),
            0.85,
        )

    doc.heading(_("Own contribution by type"))
    doc.table(
        [
            Column(_("Year"), 0.7, "RIGHT"),
            Column(_("Type"), 3),
            Column(_("Planned"), 1.5, "RIGHT"),
            Column(_("Actual"), 1.5, "RIGHT"),
        ],
        [[k.year, k.kind, format_money(k.planned), format_money(k.actual)] for k in c.contributions],
        total=[
            _("Total"),
            "",
            format_money(sum((k.planned for k in c.contributions), ZERO)),
            format_money(sum((k.actual or ZERO for k in c.contributions), ZERO)),
        ]
        if c.contributions
        else None,
        empty_text=_("No own contribution is recorded."),
    )

    doc.heading(_("Planned and achieved results"))
    if not c.results:
        msg = _("The contract has no planned results; enter the result table of the offer.")
        doc.note(msg)
        missing.append(msg)
    else:
        # over the whole contract each result's years add up by its kind (a level is not multiplied)
        rows = []
        for r in whole.results:
            rows.append(
                [
                    r.name,
                    r.unit,
                    r.kind.label,
                    str(r.year) if r.year else _("whole contract"),
                    format_decimal(r.target) if r.target is not None else "—",
                    format_decimal(r.achieved) if r.achieved is not None else _("not reported"),
                    format_percent(r.attainment) if r.attainment is not None else "—",
                ]
            )
        doc.table(
            [
                Column(_("Result"), 2.6),
                Column(_("Unit"), 0.9),
                Column(_("Kind"), 1.3),
                Column(_("Year"), 1),
                Column(_("Target"), 0.9, "RIGHT"),
                Column(_("Achieved"), 1, "RIGHT"),
                Column(_("Attained"), 0.9, "RIGHT"),
            ],
            rows,
        )
        if not any(r.achieved for r in c.results):
            msg = _("No achieved values have been reported yet.")
            doc.note(msg)
            missing.append(msg)

    doc.heading(_("Reports"))
    doc.table(
        [
            Column(_("Report"), 1.6),
            Column(_("Year"), 0.6, "RIGHT"),
            Column(_("Due"), 1),
            Column(_("Received"), 1),
            Column(_("Accepted"), 1),
            Column(_("Grant spent"), 1.3, "RIGHT"),
            Column(_("Recipients"), 0.9, "RIGHT"),
        ],
        [
            [
                r.kind,
                r.year or "—",
                format_date(r.due),
                _received(r, c.status_code, today),
                format_date(r.accepted),
                format_money(r.cost_grant),
                r.recipients if r.recipients is not None else "—",
            ]
            for r in c.reports
        ],
        empty_text=_("No reports are recorded."),
    )
    # a part year is put on a 12-month footing, or a one-month first year would look like a cost jump
    per_year = {y: m.grant_per_person_12m for y, m in yearly.items() if m.grant_per_person_12m is not None}
    if len(per_year) > 1:
        from app.core.documents.charts import line_chart

        ys = sorted(per_year)
        doc.figure(
            line_chart(
                ys,
                {_("Grant per person"): [per_year[y] for y in ys]},
                _("Unit cost trend: grant per person served, per 12 months (PLN)"),
            ),
            0.85,
        )

    doc.heading(_("Controls"))
    doc.table(
        [
            Column(_("Date"), 1),
            Column(_("Kind"), 1.3),
            Column(_("Controllers"), 1.5),
            Column(_("Findings"), 2.5),
            Column(_("Recommendations"), 2.2),
        ],
        [
            [
                format_date(k.date),
                k.kind,
                k.controllers or "—",
                k.findings or "—",
                (k.recommendations or "—") + (" " + _("(done)") if k.recommendations and k.done else ""),
            ]
            for k in c.controls
        ],
        empty_text=_("No controls are recorded."),
    )

    doc.heading(_("Tool indicators"))
    missing += add_model_section(doc, db, [c.id], None, charts=False, trend_contract=c.id, records=[c])
    pages = doc.save(out_path)
    return DocumentResult(Path(out_path), title, pages, missing)


def _received(r: data.ReportInfo, status: ContractStatus | None, today: dt.date) -> str:
    """The received date, or for a report still owed "overdue since <due>": an empty cell would hide it."""
    if r.received is not None:
        return format_date(r.received)
    if report_overdue(status, r.due, None, today):
        return _("overdue since {date}").format(date=format_date(r.due))
    return "—"
