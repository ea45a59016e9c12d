"""The regional comparison: one gmina's indicators placed among the gminas whose exchange files a regional
office (ROPS) or a powiat collected. Built from the files alone (app.core.comparison), no database."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from app.core.comparison.exchange import INDICATORS, GminaFigures, IndicatorDef, read_exchange
from app.core.comparison.peers import choices_text, tools_text
from app.core.comparison.placing import Placing, SpherePlacing, check_set, place, place_spheres
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
    # a quartile of counts may fall between two (2.5 contracts): rounding it would misstate it
    return format_decimal(value, 0 if ind.unit == "count" and value == value.to_integral_value() else 1)


def _rank(p: Placing) -> str:
    if p.rank is not None:
        return _("{rank} of {count}").format(rank=p.rank, count=p.known)
    if p.focus is not None and p.indicator.higher_is_better is None:
        return _("profile")
    return "—"


def _placing_columns(focus: str) -> list[Column]:
    return [
        Column(_("Indicator"), 4),
        Column(focus, 1.3, "RIGHT"),
        Column(_("Median"), 1.3, "RIGHT"),
        Column(_("Lower quartile"), 1.3, "RIGHT"),
        Column(_("Upper quartile"), 1.3, "RIGHT"),
        Column(_("Place"), 0.9, "RIGHT"),
        Column(_("With data"), 0.9, "RIGHT"),
    ]


def _placing_row(p: Placing) -> list[object]:
    return [
        _(p.indicator.label),
        shown(p.indicator, p.focus),
        shown(p.indicator, p.median),
        shown(p.indicator, p.q1),
        shown(p.indicator, p.q3),
        _rank(p),
        f"{p.known}/{p.known + p.unknown}",
    ]


def _sphere_section(
    doc: Any, sp: SpherePlacing, items: list[GminaFigures], focus: str, year: int, missing: list[str]
) -> None:
    from app.core.domain.enums import WkusArea

    name = WkusArea(sp.sphere).label
    doc.heading(name, 2)
    doc.para(
        ngettext(
            "{count} of the {files} gminas compared has contracts in this sphere in {year}.",
            "{count} of the {files} gminas compared have contracts in this sphere in {year}.",
            sp.gminas,
        ).format(count=sp.gminas, files=sp.files, year=year)
    )
    if sp.focus_absent:
        doc.para(
            _("{gmina} has no contract with money committed in this sphere in {year}: it is not placed here.").format(
                gmina=focus, year=year
            )
        )
    else:
        doc.table(_placing_columns(focus), [_placing_row(p) for p in sp.placings])
        missing.extend(
            _("{gmina}, {sphere}: {indicator} unknown").format(gmina=focus, sphere=name, indicator=_(p.indicator.label))
            for p in sp.placings
            if p.focus is None
        )
    rows = []
    for f in sorted(items, key=lambda f: f.gmina):
        sf = f.spheres.get(sp.sphere)
        if sf is not None:
            routes, forms, multi = choices_text(sf)
            rows.append([f.gmina, str(sf.contracts), routes, forms, multi, tools_text(sf)])
    doc.table(
        [
            Column(_("Gmina"), 1.8),
            Column(_("Contracts"), 0.9, "RIGHT"),
            Column(_("Legal route"), 2.8),
            Column(_("Form"), 1.8),
            Column(_("Multi-year"), 1, "RIGHT"),
            Column(_("Tools"), 1.5),
        ],
        rows,
    )


def build_comparison(files: list[Path], focus: str, out_path: Path, fmt: str = "pdf") -> DocumentResult:
    items: list[GminaFigures] = [read_exchange(p) for p in files]
    year = check_set(items)
    placings = place(items, focus)
    title = _("Comparison of gminas' indicators")
    subject = _("{gmina} among {count} gminas, {year}").format(gmina=focus, count=len(items), year=year)
    who = GminaInfo(name=focus, executive="", council="", city="", jst_type="", logo=None)
    doc = new_document(who, title, subject, fmt=fmt, letterhead=False)
    doc.title(title.upper(), subject)
    doc.para(
        ngettext(
            "Compared: {count} gmina's exchange file for {year}.",
            "Compared: {count} gminas' exchange files for {year}.",
            len(items),
        ).format(count=len(items), year=year),
        "center",
    )
    doc.para(
        _(
            "Each indicator comes from the gmina's own records, computed by the same program. A dash means "
            "the gmina's records do not allow the figure; such gminas are counted but not ranked. Quartiles "
            "by the inclusive method (as QUARTILE.INC in a spreadsheet). Place 1 is the best; a profile (the number "
            "of contracts, the forms of financing, the size of grants) describes a gmina and gets no place."
        )
    )
    missing: list[str] = [
        _("{gmina}: {indicator} unknown").format(gmina=focus, indicator=_(p.indicator.label))
        for p in placings
        if p.focus is None
    ]
    doc.heading(_("{gmina} among the others").format(gmina=focus))
    doc.table(_placing_columns(focus), [_placing_row(p) for p in placings])
    doc.heading(_("The gminas compared"))
    codes = [i for i in INDICATORS if i.unit in ("index", "share")]
    doc.table(
        [Column(_("Gmina"), 2.4)] + [Column(_(i.label), 1.2, "RIGHT") for i in codes],
        [
            [f.gmina + (f" ({f.teryt})" if f.teryt else "")] + [shown(i, f.values.get(i.code)) for i in codes]
            for f in sorted(items, key=lambda f: f.gmina)
        ],
    )
    doc.heading(_("By sphere"))
    spheres = place_spheres(items, focus)
    old = sorted(f.gmina for f in items if f.version < 2)
    if old:
        doc.para(
            _(
                "The files of {gminas} are of an older version without spheres: these gminas are not in the "
                "sections below."
            ).format(gminas=", ".join(old))
        )
    if not spheres:
        doc.para(_("No file gives figures per sphere."))
    else:
        doc.para(
            _(
                "For each sphere (the WKUS area of the contracts' public tasks): the gmina's indices among the "
                "gminas with contracts in that sphere, then what each of them chose there: how many contracts "
                "by each legal route and form, how many last more than one budget year, and for how many "
                "contracts each tool of the catalogue was filled in."
            )
        )
    for sp in spheres:
        _sphere_section(doc, sp, items, focus, year, missing)
    pages = doc.save(out_path)
    return DocumentResult(Path(out_path), title, pages, missing)
