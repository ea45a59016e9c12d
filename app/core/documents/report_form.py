"""Formularz sprawozdania: a pre-filled paper form the organisation fills in and returns (market.md §5.8).

It carries what the office already knows (contract, parties, year, tranche, planned results and
costs by source, the report's due date with its legal basis) and leaves boxes for the achieved
values and the actual costs. The form ID with its check digits (app.core.form_id) is printed at the
top and at the foot of every page: typed into the search box of "Umowy" it finds the contract.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from app.core.db.engine import Database
from app.core.documents import data
from app.core.documents.common import DocumentResult, new_document
from app.core.documents.data import ContractInfo
from app.core.documents.pdf import FONT, Blank, Column, PdfDocument, esc
from app.core.domain.enums import ContributionKind, ReportKind
from app.core.form_id import form_id
from app.core.i18n import _, format_date, format_decimal, format_money
from app.core.money import ZERO

#: Cost sources always printed (the brief's four), then the others only when planned in the year.
_ALWAYS = (ContributionKind.FINANCIAL, ContributionKind.PERSONAL, ContributionKind.IN_KIND)
_IF_PLANNED = (ContributionKind.RECIPIENT_FEES, ContributionKind.OTHER_PUBLIC)


@dataclass(frozen=True)
class ReportDue:
    kind: ReportKind
    period_start: dt.date
    period_end: dt.date
    due: dt.date
    basis: str  # citation of art. 18 ust. 1 with the journal
    recorded: bool  # the due date comes from the contract's report record, not from the statute


def report_due(c: ContractInfo, year: int, today: dt.date | None = None) -> ReportDue:
    """The annual (or, in the last year, final) report of the year: its period and due date.

    A report recorded for the year gives its due date (the contract may set one); otherwise 30 days
    after the period's end, moved to a working day (the law engine's statutory_report_due). The
    basis cites the act's text in force at the period's end; `today` is kept for the callers."""
    from app.core.law.data import law
    from app.core.law.deadlines import statutory_report_due

    kind = ReportKind.FINAL if year >= c.end.year else ReportKind.ANNUAL
    start = max(c.start, dt.date(year, 1, 1))
    end = min(c.end, dt.date(year, 12, 31))
    if end < start:  # the year is outside the contract: show the calendar year
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    # the text in force in the report's year (at the period's end), not today's: a 2021 form cites
    # the 2021 consolidated text even when it is printed again years later
    basis = law().rule_citation("SPR-1", end)
    partial = ReportKind.PARTIAL.label
    for r in c.reports:
        if r.year == year and r.kind != partial:
            return ReportDue(kind, start, end, r.due, basis, True)
    return ReportDue(kind, start, end, statutory_report_due(end), basis, False)


def planned_costs(c: ContractInfo, year: int) -> list[tuple[str, Decimal]]:
    """(source, planned amount) rows of the year: the grant, then own contribution by type."""

    def planned(kind: ContributionKind) -> Decimal:
        return sum((k.planned for k in c.contributions if k.year == year and k.kind_code == kind.value), ZERO)

    rows = [(_("Grant from the gmina budget"), c.amount_in(year))]
    rows += [(_capital(k.label), planned(k)) for k in _ALWAYS]
    rows += [(_capital(k.label), planned(k)) for k in _IF_PLANNED if planned(k)]
    return rows


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def build_report_form(
    db: Database, contract_id: int, year: int, out_path: Path, today: dt.date | None = None
) -> DocumentResult:
    with db.session() as s:
        gmina = data.gmina_info(s)
        c = data.contract(s, contract_id)
    fid = form_id(c.id, year)
    missing: list[str] = []
    due = report_due(c, year, today)
    title = _("Report form {number}, {year}").format(number=c.number or c.title, year=year)
    doc: PdfDocument = new_document(gmina, title, c.title, footer_text=_("Form ID: {id}").format(id=fid))
    doc.title(_("REPORT FORM"), _("on the delivery of the public task in {year}").format(year=year))
    doc.para(_("Form ID: <b>{id}</b> — also at the foot of every page.").format(id=esc(fid)), "center", markup=True)
    doc.spacer(2)
    if not c.start.year <= year <= c.end.year:
        msg = _("The contract does not run in {year} (it runs {start} – {end}); check the year of the form.").format(
            year=year, start=format_date(c.start), end=format_date(c.end)
        )
        doc.note(msg)
        missing.append(msg)
    tranche_dates = [t.payment_date for t in c.tranches if t.year == year and t.payment_date]
    tranche = format_money(c.amount_in(year))
    if tranche_dates:
        tranche += " " + _("(payment {date})").format(date=", ".join(format_date(d) for d in tranche_dates))
    due_text = format_date(due.due)
    basis = (
        due.basis
        if due.recorded
        else _("{basis} — 30 days after the end of the period, on a working day").format(basis=due.basis)
    )
    doc.facts(
        [
            (_("Contract number"), c.number or "—"),
            (_("Contract title"), c.title),
            (_("Commissioning party"), gmina.name),
            (_("Organisation"), "; ".join(p.name for p in c.parties) or "—"),
            (_("Public task"), c.task_title or "—"),
            (_("Form of commissioning"), c.form.label),
            (_("Contract period"), f"{format_date(c.start)} – {format_date(c.end)}"),
            (
                _("Report"),
                _("{kind} for {period}").format(
                    kind=_capital(due.kind.label),
                    period=(f"{format_date(due.period_start)} – {format_date(due.period_end)}"),
                ),
            ),
            (_("Grant tranche for the year"), tranche),
            (_("Report due"), due_text),
            (_("Legal basis"), basis),
        ]
    )
    if not c.parties:
        missing.append(_("No organisation is recorded as a party of this contract."))

    doc.heading(_("1. Results achieved"))
    doc.para(
        _(
            "Enter the value achieved in the year next to each planned value; explain a difference under "
            "remarks and name the source of the figure (attendance lists, records, photographs)."
        ),
        "lead",
    )
    results = [r for r in c.results if r.year == year or r.year is None]
    if not results:
        msg = _(
            "The contract has no planned results for {year}; the organisation describes its results in the rows below."
        ).format(year=year)
        doc.note(msg)
        missing.append(msg)
    rows: list[list[object]] = [
        [
            str(i),
            r.name,
            r.unit,
            format_decimal(r.target) + ("" if r.year is not None else " " + _("(whole contract)")),
            Blank(),
            Blank(),
        ]
        for i, r in enumerate(results, start=1)
    ]
    rows += [[str(len(results) + i), Blank(), Blank(), "", Blank(), Blank()] for i in range(1, 3)]
    doc.table(
        [
            Column(_("No."), 0.4, "RIGHT"),
            Column(_("Result"), 3),
            Column(_("Unit"), 0.9),
            Column(_("Planned"), 1.1, "RIGHT"),
            Column(_("Achieved"), 1.1),
            Column(_("Source / remarks"), 2),
        ],
        rows,
    )

    costs = planned_costs(c, year)
    # the costs table (heading, lead, header, a box per source, total) stays on one page
    doc._keep_room(38 + 9.5 * len(costs))
    doc.heading(_("2. Costs by source of financing"))
    doc.para(
        _("Planned amounts of the year from the contract; enter the amounts actually spent in złoty and grosze."),
        "lead",
    )
    if not any(k.year == year for k in c.contributions):
        msg = _("No own contribution is planned for {year}.").format(year=year)
        doc.note(msg)
        missing.append(msg)
    doc.table(
        [Column(_("Source"), 3.2), Column(_("Planned (PLN)"), 1.3, "RIGHT"), Column(_("Actual (PLN)"), 1.6)],
        [[name, format_money(amount), Blank()] for name, amount in costs],
        total=[_("Total"), format_money(sum((a for _n, a in costs), ZERO)), ""],
    )

    doc.heading(_("3. Other information"))
    doc.table(
        [Column(_("Item"), 3.2), Column(_("Value"), 2.9)],
        [
            [_("Number of recipients of the task"), Blank()],
            [_("Unused part of the grant returned (PLN) and the date of return"), Blank()],
            [_("Changes in the delivery of the task and their reasons"), Blank(16)],
        ],
        header=False,
    )

    _signatures(doc)
    doc.note(
        _(
            "This form collects the figures of the year; it does not replace the report on the template of "
            "the {act}. Return it together with the report."
        ).format(act=_template_citation(due.period_end))
    )
    pages = doc.save(out_path)
    return DocumentResult(Path(out_path), title, pages, missing)


def _template_citation(on: dt.date) -> str:
    """The templates regulation as in force on `on` (the end of the reported period)."""
    from app.core.law.data import law

    act = law().acts["WZORY_2057"]
    return f"{act.short} ({act.version_on(on).journal})"


def _signatures(doc: PdfDocument) -> None:
    """Signature lines of the organisation and the office's receipt box, kept on one page."""
    from reportlab.lib import colors
    from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

    mm = doc._mm
    cell = doc.styles["cell"]
    statement = Paragraph(
        esc(
            _(
                "I (we) declare that the information given in this form is true and agrees with "
                "the accounting records of the organisation."
            )
        ),
        doc.styles["body"],
    )
    sign = Table(
        [
            [Spacer(1, 16 * mm), "", Spacer(1, 16 * mm)],
            [
                Paragraph(esc(_("Place and date")), cell),
                "",
                Paragraph(esc(_("Signature(s) of the person(s) authorised to represent the organisation")), cell),
            ],
        ],
        colWidths=[doc.width * 0.35, doc.width * 0.1, doc.width * 0.55],
        hAlign="LEFT",
    )
    sign.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),  # else the empty cells select Helvetica, not embedded
                ("LINEABOVE", (0, 1), (0, 1), 0.6, colors.black),
                ("LINEABOVE", (2, 1), (2, 1), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    office = Table(
        [
            [Paragraph("<b>" + esc(_("Filled in by the office")) + "</b>", cell), "", ""],
            [
                Paragraph(esc(_("Date received")), cell),
                Paragraph(esc(_("Checked by (signature)")), cell),
                Paragraph(esc(_("Remarks")), cell),
            ],
            [Spacer(1, 12 * mm), "", ""],
        ],
        colWidths=[doc.width * 0.25, doc.width * 0.3, doc.width * 0.45],
        hAlign="LEFT",
    )
    office.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("SPAN", (0, 0), (-1, 0)),
                ("BOX", (0, 0), (-1, -1), 0.6, colors.black),
                ("INNERGRID", (0, 1), (-1, -1), 0.4, colors.Color(0.55, 0.55, 0.55)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    doc.story.append(KeepTogether([statement, Spacer(1, 4 * mm), sign, Spacer(1, 8 * mm), office]))
    doc.spacer(4)
