"""The regional comparison: one gmina's indicators placed among the gminas whose exchange files a regional
office (ROPS) or a powiat collected. Built from the files alone (app.core.comparison), no database."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from app.core.comparison.exchange import INDICATORS, GminaFigures, IndicatorDef, read_exchange
from app.core.comparison.placing import check_set, place
from app.core.documents.common import DocumentResult, new_document
from app.core.documents.data import GminaInfo
from app.core.documents.pdf import Column
from app.core.i18n import _, format_decimal, format_money, format_percent, ngettext


def shown(ind: IndicatorDef, value: Decimal | None) -> str:
    if value is None:
        return "—"
    if ind.unit == "share":
        return format_percent(value)
    if ind.unit == "money":
        return format_money(value)
    return format_decimal(value, 0 if ind.unit == "count" else 1)


def build_comparison(files: list[Path], focus: str, out_path: Path, fmt: str = "pdf") -> DocumentResult:
    items: list[GminaFigures] = [read_exchange(p) for p in files]
    year = check_set(items)
    placings = place(items, focus)
    title = _("Comparison of gminas' indicators")
    subject = _("{gmina} among {count} gminas, {year}").format(gmina=focus, count=len(items), year=year)
    who = GminaInfo(name=focus, executive="", council="", city="", jst_type="", logo=None)
    doc = new_document(who, title, subject, fmt=fmt, letterhead=False)
    doc.title(title.upper(), subject)
    doc.para(ngettext("Compared: {count} gmina's exchange file for {year}.",
                      "Compared: {count} gminas' exchange files for {year}.", len(items)).format(
        count=len(items), year=year), "center")
    doc.para(_("Each indicator comes from the gmina's own records, computed by the same program. A dash means "
               "the gmina's records do not allow the figure; such gminas are counted but not ranked. Quartiles "
               "by the inclusive method (as QUARTILE.INC in a spreadsheet). Place 1 is the best; a profile (the number "
               "of contracts, the forms of financing, the size of grants) describes a gmina and gets no place."))
    missing: list[str] = []
    rows = []
    for p in placings:
        if p.rank is not None:
            rank = _("{rank} of {count}").format(rank=p.rank, count=p.known)
        elif p.focus is not None and p.indicator.higher_is_better is None:
            rank = _("profile")
        else:
            rank = "—"
        rows.append([_(p.indicator.label), shown(p.indicator, p.focus), shown(p.indicator, p.median),
                     shown(p.indicator, p.q1), shown(p.indicator, p.q3), rank, f"{p.known}/{p.known + p.unknown}"])
        if p.focus is None:
            missing.append(_("{gmina}: {indicator} unknown").format(gmina=focus, indicator=_(p.indicator.label)))
    doc.heading(_("{gmina} among the others").format(gmina=focus))
    doc.table([Column(_("Indicator"), 4), Column(focus, 1.3, "RIGHT"), Column(_("Median"), 1.3, "RIGHT"),
               Column(_("Lower quartile"), 1.3, "RIGHT"), Column(_("Upper quartile"), 1.3, "RIGHT"),
               Column(_("Place"), 0.9, "RIGHT"), Column(_("With data"), 0.9, "RIGHT")], rows)
    doc.heading(_("The gminas compared"))
    codes = [i for i in INDICATORS if i.unit in ("index", "share")]
    doc.table([Column(_("Gmina"), 2.4)] + [Column(_(i.label), 1.2, "RIGHT") for i in codes],
              [[f.gmina + (f" ({f.teryt})" if f.teryt else "")] + [shown(i, f.values.get(i.code)) for i in codes]
               for f in sorted(items, key=lambda f: f.gmina)])
    pages = doc.save(out_path)
    return DocumentResult(Path(out_path), title, pages, missing)
