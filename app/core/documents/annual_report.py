"""Sprawozdanie z realizacji programu współpracy za rok X (art. 5a ust. 3; domain.md §9.2).

The figures are computed once in `annual_figures()` and used by both the PDF and the DOCX, so
the editable version can never disagree with the printed one.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from app.core.db.engine import Database
from app.core.documents import data
from app.core.documents.common import DocumentResult, area_label, new_document, not_yet_available
from app.core.documents import report_text
from app.core.documents.model_indices import add_model_section, measures
from app.core.documents.programme_text import consultation_sentences
from app.core.documents.pdf import Column
from app.core.domain.cooperation import CooperationForm, CooperationRecord
from app.core.domain.enums import ContractForm, ProcedureRoute
from app.core.i18n import _, format_date, format_decimal, format_money, format_percent, ngettext
from app.core.money import ZERO


@dataclass(frozen=True)
class AreaRow:
    area: str
    competitions: int
    offers: int
    rejected: int
    support: int
    entrustment: int
    planned: Decimal
    granted: Decimal


@dataclass(frozen=True)
class RouteRow:
    route: str
    contracts: int
    amount: Decimal


@dataclass(frozen=True)
class AnnualFigures:
    year: int
    gmina: data.GminaInfo
    programme: data.ProgrammeInfo | None
    procedures: list[data.ProcedureInfo]
    contracts: list[data.ContractInfo]
    areas: list[AreaRow]
    routes: list[RouteRow]
    total: Decimal
    small_grants_total: Decimal
    small_grants_count: int
    organisations: int
    used: Decimal  # settled (used) part of the year's tranches, where recorded
    returned: Decimal
    unsettled: int  # tranches of the year without a recorded used amount
    cooperation: list[CooperationRecord]  # non-financial cooperation of the year (art. 5 ust. 2)

    @property
    def small_grants_share(self) -> Decimal | None:
        return self.small_grants_total / self.total if self.total else None

    @property
    def multi_year(self) -> list[data.ContractInfo]:
        return [c for c in self.contracts if c.is_multi_year]

    @property
    def competitions(self) -> list[data.ProcedureInfo]:
        return [p for p in self.procedures if p.route == ProcedureRoute.OPEN_COMPETITION]

    def is_empty(self) -> bool:
        return not self.contracts and not self.procedures


def annual_figures(db: Database, year: int) -> AnnualFigures:
    with db.session() as s:
        gmina = data.gmina_info(s)
        prog = data.programme_for_year(s, year)
        procs = data.procedures_in_year(s, year)
        cons = data.contracts_in_year(s, year)
        from app.core.services.cooperation import records as cooperation_records

        coop = cooperation_records(s, year)
    areas: dict[object, dict[str, object]] = {}

    def slot(area: object) -> dict[str, object]:
        return areas.setdefault(area, {"competitions": 0, "offers": 0, "rejected": 0, "support": 0,
                                       "entrustment": 0, "planned": ZERO, "granted": ZERO})

    for p in procs:
        row = slot(p.area)
        if p.route == ProcedureRoute.OPEN_COMPETITION:
            row["competitions"] += 1  # type: ignore[operator]
        row["offers"] += p.offers_received  # type: ignore[operator]
        row["rejected"] += p.offers_rejected  # type: ignore[operator]
        row["planned"] += p.planned or ZERO  # type: ignore[operator]
    for c in cons:
        row = slot(c.area)
        row["support" if c.form == ContractForm.WSPARCIE else "entrustment"] += 1  # type: ignore[operator]
        row["granted"] += c.amount_in(year)  # type: ignore[operator]
    area_rows = sorted(
        (AreaRow(area_label(a), **v) for a, v in areas.items()),  # type: ignore[arg-type]
        key=lambda r: (-r.granted, r.area),
    )
    by_route: dict[str, list[Decimal]] = {}
    for c in cons:
        label = c.route.label if c.route else _("(procedure not recorded)")
        by_route.setdefault(label, []).append(c.amount_in(year))
    routes = [RouteRow(k, len(v), sum(v, ZERO)) for k, v in sorted(by_route.items(), key=lambda kv: -sum(kv[1], ZERO))]
    small = [c for c in cons if c.route == ProcedureRoute.SMALL_GRANT_19A]
    orgs = {p.name for c in cons for p in c.parties}
    return AnnualFigures(
        year=year, gmina=gmina, programme=prog, procedures=procs, contracts=cons, areas=area_rows, routes=routes,
        total=sum((c.amount_in(year) for c in cons), ZERO),
        small_grants_total=sum((c.amount_in(year) for c in small), ZERO), small_grants_count=len(small),
        organisations=len(orgs),
        used=sum((t.used for c in cons for t in c.tranches if t.year == year and t.used is not None), ZERO),
        returned=sum((t.returned for c in cons for t in c.tranches if t.year == year and t.returned is not None),
                     ZERO),
        unsettled=sum(1 for c in cons for t in c.tranches if t.year == year and t.used is None),
        cooperation=coop,
    )


def report_title(year: int) -> str:
    return _("Report on the implementation of the cooperation programme for {year}").format(year=year)


def build_annual_report(db: Database, year: int, out_path: Path, fmt: str = "pdf") -> DocumentResult:
    f = annual_figures(db, year)
    missing: list[str] = []
    title = report_title(year)
    doc = new_document(f.gmina, title, _("Art. 5a(3) of the Act on public benefit activity and volunteering"),
                       fmt=fmt, council=True)
    missing += report_text.heading(doc, f, title)
    if f.gmina.council_missing:
        missing.append(_("The council's name is not entered in the gmina profile (File → Gmina profile)."))

    # 1. Introduction
    doc.heading(_("1. Introduction"))
    prog = f.programme
    if prog is None:
        msg = _("No cooperation programme covering {year} is recorded in the database.").format(year=year)
        doc.note(msg)
        missing.append(msg)
    else:
        report_text.introduction(doc, f, db)
    if f.is_empty():
        msg = _("No procedures or contracts are recorded for {year}; the tables below are empty.").format(year=year)
        doc.note(msg)
        missing.append(msg)

    # 2. Creation and consultation
    doc.heading(_("2. Creation of the programme and consultations"))
    if prog is not None:
        for sentence in consultation_sentences(prog):
            doc.para(sentence)
        if prog.consultation_summary:
            doc.para(prog.consultation_summary)
    else:
        doc.note(_("No data on consultations."))

    # 3. Financial cooperation
    doc.heading(_("3. Financial cooperation"))
    doc.para(ngettext(
        "In {year} the gmina financed {count} contract with a total of {amount}.",
        "In {year} the gmina financed {count} contracts with a total of {amount}.", len(f.contracts),
    ).format(year=year, count=len(f.contracts), amount=format_money(f.total)))
    doc.heading(_("3.1 By area of public tasks"), 2)
    cols = [Column(_("Area"), 3.2), Column(_("Competitions"), 1.1, "RIGHT"),
            Column(_("Offers (rejected)"), 1.1, "RIGHT"), Column(_("Support / entrustment"), 1.2, "RIGHT"),
            Column(_("Planned"), 1.6, "RIGHT"), Column(_("Granted"), 1.6, "RIGHT")]
    rows = [[r.area, r.competitions, f"{r.offers} ({r.rejected})", f"{r.support} / {r.entrustment}",
             format_money(r.planned), format_money(r.granted)] for r in f.areas]
    total_row = [_("Total"), sum(r.competitions for r in f.areas),
                 f"{sum(r.offers for r in f.areas)} ({sum(r.rejected for r in f.areas)})",
                 f"{sum(r.support for r in f.areas)} / {sum(r.entrustment for r in f.areas)}",
                 format_money(sum((r.planned for r in f.areas), ZERO)), format_money(f.total)]
    doc.table(cols, rows, total=total_row if rows else None, empty_text=_("No data for this year."))
    if any(r.granted for r in f.areas):
        from app.core.documents.charts import bar_chart

        shown = [r for r in f.areas if r.granted]
        doc.figure(bar_chart([r.area for r in shown], {_("Granted"): [r.granted for r in shown]},
                             _("Funds granted by area in {year} (PLN)").format(year=year), horizontal=True),
                   width_fraction=0.95)
    doc.heading(_("3.2 By procedure"), 2)
    doc.table([Column(_("Procedure"), 3), Column(_("Contracts"), 1, "RIGHT"), Column(_("Amount"), 1.5, "RIGHT")],
              [[r.route, r.contracts, format_money(r.amount)] for r in f.routes],
              total=[_("Total"), len(f.contracts), format_money(f.total)] if f.routes else None,
              empty_text=_("No contracts in this year."))
    doc.heading(_("3.3 Settlement of the grants"), 2)
    doc.table([Column(_("Item"), 3), Column(_("Amount"), 1.5, "RIGHT")], [
        [_("Granted in the year"), format_money(f.total)],
        [_("Used (settled)"), format_money(f.used)],
        [_("Returned"), format_money(f.returned)],
    ])
    if f.unsettled:
        doc.note(ngettext("{count} tranche of this year has not been settled yet.",
                          "{count} tranches of this year have not been settled yet.", f.unsettled).format(
            count=f.unsettled))
    share = f.small_grants_share
    doc.para(_("Small grants without competition (art. 19a): {count}, {amount}, that is {share} of the funds "
               "granted to organisations.").format(count=f.small_grants_count, amount=format_money(f.small_grants_total),
                                                    share=format_percent(share) if share is not None else "—"))
    doc.heading(_("3.4 Competitions announced"), 2)
    doc.table([Column(_("Competition"), 3.5), Column(_("Announced"), 1.2), Column(_("Deadline"), 1.2),
               Column(_("Offers"), 0.8, "RIGHT"), Column(_("Planned"), 1.5, "RIGHT")],
              [[p.title + (" " + _("(annulled)") if p.annulled else ""), format_date(p.announced),
                format_date(p.deadline), p.offers_received, format_money(p.planned)] for p in f.competitions],
              empty_text=_("No open competitions were announced in this year."))

    # 4. Multi-year contracts
    doc.heading(_("4. Multi-year contracts"))
    doc.table([Column(_("Contract"), 2.6), Column(_("Organisation"), 2.2), Column(_("Period"), 1.5),
               Column(_("Year"), 0.7, "RIGHT"), Column(_("Tranche"), 1.5, "RIGHT"),
               Column(_("Grant per recipient"), 1.3, "RIGHT")],
              [[f"{c.number} {c.title}".strip(), c.organisations,
                f"{format_date(c.start)} – {format_date(c.end)}",
                f"{c.year_index(year)}/{len(c.years)}", format_money(c.amount_in(year)),
                format_money(measures(c, year).grant_per_recipient)] for c in f.multi_year],
              empty_text=_("No multi-year contracts ran in this year."))
    for c in f.multi_year:
        res = [r for r in c.results if r.year in (None, year)]
        if not res:
            continue
        doc.para(_("Results of {contract} in {year}").format(contract=c.number or c.title, year=year), "lead")
        doc.table([Column(_("Result"), 3.5), Column(_("Unit"), 1.2), Column(_("Target"), 1, "RIGHT"),
                   Column(_("Achieved"), 1, "RIGHT")],
                  [[r.name, r.unit, format_decimal(r.target),
                    format_decimal(r.achieved.get(year)) if year in r.achieved else _("not reported")] for r in res])

    # 5. Non-financial cooperation
    doc.heading(_("5. Non-financial cooperation"))
    missing += add_cooperation_section(doc, f)

    # 6. Programme indicators
    doc.heading(_("6. Indicators of the programme"))
    if prog is not None and prog.elements.get(9):
        doc.para(_("Evaluation method set in the programme: {text}").format(text=prog.elements[9]))
    planned_year = sum((p.planned for p in prog.priorities if p.year == year), ZERO) if prog else ZERO
    doc.table([Column(_("Indicator"), 3.5), Column(_("Value"), 1.5, "RIGHT")], [
        [_("Organisations that carried out public tasks"), f.organisations],
        [_("Open competitions announced"), len(f.competitions)],
        [_("Offers received"), sum(p.offers_received for p in f.procedures)],
        [_("Contracts concluded or continued"), len(f.contracts)],
        [_("Multi-year contracts"), len(f.multi_year)],
        [_("Draft acts consulted with organisations"),
         sum(1 for r in f.cooperation if r.form == CooperationForm.CONSULTATION)],
        [_("Non-financial cooperation activities"), len(f.cooperation)],
        [_("Funds planned in the programme for the year"), format_money(planned_year) if prog else "—"],
        [_("Funds granted to organisations"), format_money(f.total)],
    ])

    # 7. WKUS models
    doc.heading(_("7. WKUS models: Quality, Efficiency, Cooperation"))
    # the year's contracts were read by annual_figures in data.contracts' order: not read again
    missing += add_model_section(doc, db, contract_ids=[c.id for c in f.contracts], year=year,
                                 records=list(f.contracts))

    # 8. Conclusions
    doc.heading(_("8. Conclusions and recommendations"))
    missing += report_text.conclusions(doc, f, prog.report_conclusions.get(year, "") if prog else "")

    # 9. Annex: list of contracts
    doc.heading(_("Annex: list of contracts in {year}").format(year=year))
    doc.table([Column(_("No."), 0.5, "RIGHT"), Column(_("Organisation"), 3), Column(_("NIP / register"), 1.6),
               Column(_("Task"), 2.6), Column(_("Amount"), 1.5, "RIGHT")],
              [[i, c.organisations, "; ".join(filter(None, [p.nip and f"NIP {p.nip}" for p in c.parties]
                                                 + [p.registry for p in c.parties])) or "—", c.title, format_money(c.amount_in(year))] for i, c in enumerate(f.contracts, 1)],
              total=["", _("Total"), "", "", format_money(f.total)] if f.contracts else None,
              empty_text=_("No contracts in this year."))
    report_text.ending(doc, f, db)
    pages = doc.save(out_path)
    return DocumentResult(Path(out_path), title, pages, missing)


def add_cooperation_section(doc: object, f: AnnualFigures) -> list[str]:
    """Section 5 (domain.md §9.2): activities per art. 5 ust. 2 form with the partners, then the list."""
    from app.core.services.cooperation import distinct_organisations, summary_by_form

    rows = f.cooperation
    if not rows:
        msg = _("No non-financial cooperation is recorded for {year} (register “Non-financial cooperation”)."
                ).format(year=f.year)
        doc.note(msg)  # type: ignore[attr-defined]
        return [msg]
    partners = distinct_organisations(rows)
    doc.para(ngettext(  # type: ignore[attr-defined]
        "In {year} the gmina recorded {count} activity of non-financial cooperation (art. 5(2)) with "
        "{partners} organisations.",
        "In {year} the gmina recorded {count} activities of non-financial cooperation (art. 5(2)) with "
        "{partners} organisations.", len(rows)).format(year=f.year, count=len(rows), partners=partners))
    summary = summary_by_form(rows)
    doc.table(  # type: ignore[attr-defined]
        [Column(_("Form of cooperation"), 4), Column(_("Activities"), 1, "RIGHT"),
         Column(_("Organisations taking part"), 1.4, "RIGHT")],
        [[x.form.label[:1].upper() + x.form.label[1:], x.activities, x.organisations] for x in summary],
        total=[_("Total (organisations counted once)"), len(rows), partners])
    doc.para(_("Activities in {year}").format(year=f.year), "lead")  # type: ignore[attr-defined]
    doc.table(  # type: ignore[attr-defined]
        [Column(_("Date"), 1.1), Column(_("Form"), 1.8), Column(_("Subject"), 2.8),
         Column(_("Organisations"), 2.8)],
        [[format_date(r.event_date) if r.event_date else "—", r.form.label, r.title,
          "; ".join(r.organisations)] for r in rows])
    return []
