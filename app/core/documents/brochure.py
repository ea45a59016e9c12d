"""Broszura for residents and NGOs: what the gmina contracts, to whom, for how much, with what
results. A5 pages, large type, greyscale charts."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from app.core.db.engine import Database
from app.core.documents import data
from app.core.documents.common import DocumentResult, area_label, new_document
from app.core.documents.model_indices import contract_measures
from app.core.documents.pdf import Column
from app.core.domain.units import unit_for
from app.core.figures import money
from app.core.i18n import _, format_decimal, format_money, format_percent, ngettext
from app.core.tools.figures import mean_attainment


def build_brochure(db: Database, year: int, out_path: Path, fmt: str = "pdf") -> DocumentResult:
    with db.session() as s:
        gmina = data.gmina_info(s)
        cons = data.contracts_of_year(s, year)
        per_contract = money.by_contract(s, year=year)
        year_money = money.totals(s, year=year)
        area_money = money.by_area(s, year)
    missing: list[str] = []
    title = _("Social services commissioned to organisations in {year}").format(year=year)
    doc = new_document(gmina, title, _("Information for residents and organisations"), size="A5", large=True, fmt=fmt)
    doc.title(title, gmina.name)
    total = year_money.committed

    def committed(contract_id: int) -> Decimal:
        return per_contract.get(contract_id, money.MoneyTotals()).committed

    orgs = {p.name for c in cons for p in c.parties}
    if not cons:
        msg = _("No contracts are recorded for {year}.").format(year=year)
        doc.note(msg)
        missing.append(msg)
    else:
        doc.para(
            ngettext(
                "In {year} {gmina} commissioned {count} task to local organisations",
                "In {year} {gmina} commissioned {count} tasks to local organisations",
                len(cons),
            ).format(year=year, gmina=gmina.name, count=len(cons))
            + " "
            + ngettext(
                "({orgs} organisation) for a total of {amount}.",
                "({orgs} organisations) for a total of {amount}.",
                len(orgs),
            ).format(orgs=len(orgs), amount=format_money(total))
        )
        items = sorted(
            ((area_label(a), m.committed) for a, m in area_money.items() if m.committed), key=lambda kv: -kv[1]
        )
        doc.heading(_("Where the money goes"))
        from app.core.documents.charts import bar_chart

        doc.figure(
            bar_chart(
                [k for k, _v in items],
                {_("PLN"): [v for _k, v in items]},
                _("Funds by area (PLN)"),
                large=True,
                horizontal=True,
            )
        )
        doc.heading(_("Who does the work"))
        # two columns on A5 in large type: three cut long Polish words in the middle
        doc.table(
            [Column(_("Task and organisation"), 3), Column(money.MoneyWord.COMMITTED.label, 1.3, "RIGHT")],
            [[f"{c.title}\n{c.organisations}", format_money(committed(c.id))] for c in cons],
            total=[_("Total"), format_money(total)],
        )
        doc.heading(_("What was achieved"))
        measures = contract_measures(db, [c.id for c in cons], year)
        rows = []
        for c in cons:
            for r in measures[c.id].results if c.id in measures else ():
                if r.achieved is not None:
                    rows.append(_result_row(r.name, r.achieved, r.unit, r.attainment))
        doc.table(
            [Column(_("Result"), 3), Column(_("Achieved"), 1.4, "RIGHT"), Column(_("Plan attained"), 1.1, "RIGHT")],
            rows,
            empty_text=_("Results for this year have not been reported yet."),
        )
        if not rows:
            missing.append(_("Results for this year have not been reported yet."))
        share = mean_attainment(measures.values())
        if share is not None:
            doc.para(
                _("On average the organisations attained {share} of their planned results.").format(
                    share=format_percent(share)
                )
            )
    doc.heading(_("How to apply"))
    doc.para(
        _(
            "Organisations may apply in open competitions announced in the Public Information Bulletin and, "
            "for small tasks, with an offer without a competition (art. 19a)."
        )
    )
    contact = ", ".join(p for p in (gmina.head, gmina.address, gmina.contacts) if p)
    doc.para(_("Contact: {contact}.").format(contact=contact))
    if gmina.bip_url:
        doc.para(_("Public Information Bulletin: {url}").format(url=gmina.bip_url))
    if not (gmina.address and (gmina.phone or gmina.email)):
        missing.append(
            _(
                "The office's address, phone or e-mail is not entered in the gmina profile; the brochure's "
                "contact line is incomplete (File → Gmina profile)."
            )
        )
    pages = doc.save(out_path)
    return DocumentResult(Path(out_path), title, pages, missing)


def _result_row(name: str, achieved: Decimal, unit: str, attainment: Decimal | None) -> list[object]:
    """ "10 występów", "28 osób": the unit agrees with the number; a unit the app cannot decline goes
    to the result's name in parentheses instead of after the number in a wrong form."""
    form = unit_for(achieved, unit)
    if form is None:
        label, value = f"{name} ({unit.strip()})", format_decimal(achieved)
    else:
        label, value = name, f"{format_decimal(achieved)} {form}".strip()
    # attainment comes from app.core.tools (result kinds decide how years add up), never computed here
    return [label, value, format_percent(attainment) if attainment is not None else "—"]
