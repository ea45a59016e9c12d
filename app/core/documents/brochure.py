"""Broszura for residents and NGOs: what the gmina contracts, to whom, for how much, with what
results. A5 pages, large type, greyscale charts."""

from __future__ import annotations

from pathlib import Path

from app.core.db.engine import Database
from app.core.documents import data
from app.core.documents.common import DocumentResult, area_label, new_document
from app.core.documents.model_indices import measures
from app.core.documents.pdf import Column
from app.core.i18n import _, format_money, format_percent, ngettext
from app.core.money import ZERO
from app.core.units import count_with_unit


def build_brochure(db: Database, year: int, out_path: Path, fmt: str = "pdf") -> DocumentResult:
    with db.session() as s:
        gmina = data.gmina_info(s)
        cons = data.contracts_in_year(s, year)
    missing: list[str] = []
    title = _("Social services commissioned to organisations in {year}").format(year=year)
    doc = new_document(gmina, title, _("Information for residents and organisations"), size="A5", large=True, fmt=fmt)
    doc.title(title, gmina.name)
    total = sum((c.amount_in(year) for c in cons), ZERO)
    orgs = {p.name for c in cons for p in c.parties}
    if not cons:
        msg = _("No contracts are recorded for {year}.").format(year=year)
        doc.note(msg)
        missing.append(msg)
    else:
        doc.para(ngettext("In {year} {gmina} commissioned {count} task to local organisations",
                          "In {year} {gmina} commissioned {count} tasks to local organisations", len(cons)).format(
            year=year, gmina=gmina.name, count=len(cons)) + " " +
            ngettext("({orgs} organisation) for a total of {amount}.",
                     "({orgs} organisations) for a total of {amount}.", len(orgs)).format(
                orgs=len(orgs), amount=format_money(total)))
        by_area: dict[str, object] = {}
        for c in cons:
            key = area_label(c.area)
            by_area[key] = by_area.get(key, ZERO) + c.amount_in(year)  # type: ignore[operator]
        items = sorted(by_area.items(), key=lambda kv: -kv[1])  # type: ignore[operator]
        doc.heading(_("Where the money goes"))
        from app.core.documents.charts import bar_chart

        doc.figure(bar_chart([k for k, _v in items], {_("PLN"): [v for _k, v in items]},  # type: ignore[misc]
                             _("Funds by area (PLN)"), large=True, horizontal=True))
        doc.heading(_("Who does the work"))
        doc.table([Column(_("Task"), 2), Column(_("Organisation"), 2), Column(_("Amount"), 1.3, "RIGHT")],
                  [[c.title, c.organisations, format_money(c.amount_in(year))] for c in cons],
                  total=[_("Total"), "", format_money(total)])
        doc.heading(_("What was achieved"))
        rows = []
        for c in cons:
            for r in c.results:
                if r.year == year and year in r.achieved:
                    rows.append([r.name, count_with_unit(r.achieved[year], r.unit),
                                 format_percent(r.achieved[year] / r.target) if r.target else "—"])
        doc.table([Column(_("Result"), 3), Column(_("Achieved"), 1.4, "RIGHT"), Column(_("of target"), 1, "RIGHT")],
                  rows, empty_text=_("Results for this year have not been reported yet."))
        if not rows:
            missing.append(_("Results for this year have not been reported yet."))
        att = [m for m in (measures(c, year) for c in cons) if m.attainment is not None]
        if att:
            doc.para(_("On average the organisations attained {share} of their planned results.").format(
                share=format_percent(sum(m.attainment for m in att) / len(att))))  # type: ignore[misc]
    doc.heading(_("How to apply"))
    doc.para(_("Organisations may apply in open competitions announced in the Public Information Bulletin and, "
               "for small tasks, with an offer without a competition (art. 19a). Contact the office of {gmina}.").format(
        gmina=gmina.name))
    pages = doc.save(out_path)
    return DocumentResult(Path(out_path), title, pages, missing)
