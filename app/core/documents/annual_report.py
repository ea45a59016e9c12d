"""Sprawozdanie z realizacji programu współpracy za rok X (art. 5a ust. 3; domain.md §9.2).

The figures are computed once in `annual_figures()` and used by both the PDF and the DOCX, so
the editable version can never disagree with the printed one.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.core.db.engine import Database
from app.core.documents import data, report_text
from app.core.documents.common import (
    DocumentResult,
    area_label,
    cycles_collected_after,
    new_document,
)
from app.core.documents.model_indices import add_model_section, contract_measures
from app.core.documents.pdf import Column
from app.core.documents.programme_text import consultation_sentences, write_team
from app.core.domain.cooperation import CooperationRecord
from app.core.domain.enums import ContractForm, ProcedureRoute, WkusArea
from app.core.figures import money, programme_indicators
from app.core.i18n import (
    _,
    format_date,
    format_decimal,
    format_money,
    format_percent,
    ngettext,
)
from app.core.money import ZERO


@dataclass(frozen=True)
class AreaRow:
    area: str
    competitions: int
    offers: int
    rejected: int
    support: int
    entrustment: int
    #: the programme's plan for the area (None = the programme's plan is not divided by area / unknown)
    planned: Decimal | None
    committed: Decimal
    transferred: Decimal
    #: the area's code, or SEVERAL (procedures over several areas), NOT_DIVIDED (plan not divided by
    #: area), NONE (no area known)
    key: str = ""


@dataclass(frozen=True)
class RouteRow:
    route: str
    contracts: int
    committed: Decimal


@dataclass(frozen=True)
class AnnualFigures:
    year: int
    gmina: data.GminaInfo
    programme: data.ProgrammeInfo | None
    procedures: list[data.ProcedureInfo]
    #: the year's contracts (figures.money.contracts_of_year: no drafts)
    contracts: list[data.ContractInfo]
    areas: list[AreaRow]
    routes: list[RouteRow]
    plan: money.PlannedMoney
    totals: money.MoneyTotals
    #: per contract id: the contract's money of the year
    per_contract: dict[int, money.MoneyTotals]
    small_grants: money.MoneyTotals
    organisations: int
    cooperation: list[CooperationRecord]  # non-financial cooperation of the year (art. 5 ust. 2)
    #: the forms the act names besides the competition: local initiative (art. 19b–19h), regranting (art. 16a)
    non_competitive: tuple[money.RouteYear, ...] = ()
    #: the programme's monitoring indicators, planned against achieved (figures.programme_indicators)
    indicators: tuple[programme_indicators.IndicatorRow, ...] = ()
    #: the year's tranches (money.tranche_money of the year) the figures were counted from; None: not read
    tranches: tuple[money.TrancheMoney, ...] | None = None

    @property
    def total(self) -> Decimal:
        """Committed in the year (signed contracts' tranches; a terminated one's transferred part)."""
        return self.totals.committed

    @property
    def financed(self) -> int:
        """Contracts committing money in the year."""
        return len(self.totals.contract_ids)

    @property
    def small_grants_share(self) -> Decimal | None:
        return self.small_grants.committed / self.total if self.total else None

    @property
    def multi_year(self) -> list[data.ContractInfo]:
        return [c for c in self.contracts if c.is_multi_year]

    @property
    def competitions(self) -> list[data.ProcedureInfo]:
        return [p for p in self.procedures if p.route == ProcedureRoute.OPEN_COMPETITION]

    def committed(self, contract_id: int) -> Decimal:
        return self.per_contract.get(contract_id, money.MoneyTotals()).committed

    def transferred(self, contract_id: int) -> Decimal:
        return self.per_contract.get(contract_id, money.MoneyTotals()).transferred

    def is_empty(self) -> bool:
        return not self.contracts and not self.procedures


#: what the report prints of its contracts' own lists (organisations, budget years): their results,
#: reports, controls and contributions are not read (the results and persons come from app.core.tools;
#: ~45 ms of L's report), and looking at them raises (data.NotRead)
PRINTED_CHILDREN = frozenset({"parties", "tranches"})

#: the forms of art. 5 ust. 2 the report shows beside the competitions, in this order
NON_COMPETITIVE = (ProcedureRoute.LOCAL_INITIATIVE, ProcedureRoute.REGRANTING_16A)

#: row key of procedures whose contracts lie in several areas and which have no parts
_SEVERAL_AREAS = "several"


def _area_rows(
    procs: list[data.ProcedureInfo],
    cons: list[data.ContractInfo],
    plan: money.PlannedMoney,
    area_money: dict[object, money.MoneyTotals],
) -> list[AreaRow]:
    counts: dict[object, dict[str, int]] = {}

    def slot(key: object) -> dict[str, int]:
        return counts.setdefault(key, {"competitions": 0, "offers": 0, "rejected": 0, "support": 0, "entrustment": 0})

    for p in procs:
        competition = p.route == ProcedureRoute.OPEN_COMPETITION
        if p.parts:  # one competition over several areas: counted in each of its areas, once in the total
            for area in {x.area for x in p.parts}:
                slot(area)["competitions"] += int(competition)
            for x in p.parts:
                slot(x.area)["offers"] += x.offers_received
                slot(x.area)["rejected"] += x.offers_rejected
            continue
        row = slot(p.report_area if p.report_area is not None or len(p.contract_areas) < 2 else _SEVERAL_AREAS)
        row["competitions"] += int(competition)
        row["offers"] += p.offers_received
        row["rejected"] += p.offers_rejected
    for c in cons:
        slot(c.area)["support" if c.form == ContractForm.WSPARCIE else "entrustment"] += 1
    keys: set[object] = set(counts) | set(plan.by_area) | {a for a, m in area_money.items() if m.committed}
    rows = []
    for key in keys:
        n = counts.get(key) or slot(key)
        m = area_money.get(key, money.MoneyTotals())
        planned: Decimal | None = None
        if key == _SEVERAL_AREAS:
            label, code = _("(competitions over several areas, offers not divided by area)"), "SEVERAL"
        else:
            row_area = WkusArea(str(key)) if key is not None else None
            label, code = area_label(row_area), row_area.value if row_area is not None else "NONE"
            # an area the programme gives no priority money is planned at 0 when the plan is divided by area
            if plan.area_plan_known:
                planned = plan.by_area.get(row_area, ZERO)
        rows.append(
            AreaRow(
                label,
                n["competitions"],
                n["offers"],
                n["rejected"],
                n["support"],
                n["entrustment"],
                planned,
                m.committed,
                m.transferred,
                code,
            )
        )
    rows.sort(key=lambda r: (-r.committed, -(r.planned or ZERO), r.area))
    if plan.not_divided:
        rows.append(
            AreaRow(
                _("(planned funds not divided by area)"), 0, 0, 0, 0, 0, plan.not_divided, ZERO, ZERO, "NOT_DIVIDED"
            )
        )
    return rows


def annual_figures(db: Database, year: int) -> AnnualFigures:
    with db.session() as s:
        gmina = data.gmina_info(s)
        prog = data.programme_for_year(s, year)
        plan = money.planned(s, year, prog.id if prog else None)
        procs = data.procedures_in_year(s, year)
        # the year's tranches read once: every figure below counts from them
        rows = money.tranche_money(s, year=year)
        cons = data.contracts_of_year(s, year, rows, PRINTED_CHILDREN)
        ids = sorted(c.id for c in cons)  # money.contracts_of_year's, handed to the figures that count them
        from app.core.services.cooperation import records as cooperation_records

        coop = cooperation_records(s, year)
        non_competitive = tuple(money.route_year(s, year, r, rows, ids) for r in NON_COMPETITIVE)
        indicators = tuple(programme_indicators.indicator_rows(s, year, prog.id if prog else None, rows, ids))
    year_money = money.totals_of(rows)
    area_money = money.group_by(rows, lambda t: t.area)
    route_money = money.group_by(rows, lambda t: t.route)
    routes = [
        RouteRow(r.label if r is not None else _("(procedure not recorded)"), len(m.contract_ids), m.committed)
        for r, m in route_money.items()
        if m.committed
    ]
    routes.sort(key=lambda r: (-r.committed, r.route))
    return AnnualFigures(
        year=year,
        gmina=gmina,
        programme=prog,
        procedures=procs,
        contracts=cons,
        areas=_area_rows(procs, cons, plan, area_money),
        routes=routes,
        plan=plan,
        totals=year_money,
        per_contract=money.group_by(rows, lambda t: t.contract_id),
        small_grants=route_money.get(ProcedureRoute.SMALL_GRANT_19A, money.MoneyTotals()),
        organisations=len({p.name for c in cons for p in c.parties}),
        cooperation=coop,
        non_competitive=non_competitive,
        indicators=indicators,
        tranches=tuple(rows),
    )


def _competition_rows(p: data.ProcedureInfo) -> list[list[object]]:
    """A competition's row, then one row per area of a competition over several areas."""
    rows: list[list[object]] = [
        [
            p.title + (" " + _("(annulled)") if p.annulled else ""),
            format_date(p.announced),
            format_date(p.deadline),
            p.offers_received,
            format_money(p.planned) if p.planned is not None else "—",
        ]
    ]
    for x in p.parts:
        label = area_label(x.area) + (f": {x.title}" if x.title else "")
        if x.winners:
            label = _("{part} (chosen: {organisations})").format(part=label, organisations="; ".join(x.winners))
        rows.append(
            [f"   – {label}", "", "", x.offers_received, format_money(x.planned) if x.planned is not None else "—"]
        )
    return rows


def report_title(year: int) -> str:
    return _("Report on the implementation of the cooperation programme for {year}").format(year=year)


def build_annual_report(db: Database, year: int, out_path: Path, fmt: str = "pdf") -> DocumentResult:
    with cycles_collected_after():
        return _build_annual_report(db, year, out_path, fmt)


def _build_annual_report(db: Database, year: int, out_path: Path, fmt: str) -> DocumentResult:
    f = annual_figures(db, year)
    missing: list[str] = []
    title = report_title(year)
    doc = new_document(
        f.gmina, title, _("Art. 5a(3) of the Act on public benefit activity and volunteering"), fmt=fmt, council=True
    )
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
        write_team(doc, prog)
    else:
        doc.note(_("No data on consultations."))

    # 3. Financial cooperation
    doc.heading(_("3. Financial cooperation"))
    committed, transferred = money.MoneyWord.COMMITTED.label, money.MoneyWord.TRANSFERRED.label
    doc.para(
        ngettext(
            "In {year} the gmina financed {count} contract with a total of {amount} committed, of which {paid} "
            "transferred.",
            "In {year} the gmina financed {count} contracts with a total of {amount} committed, of which {paid} "
            "transferred.",
            f.financed,
        ).format(year=year, count=f.financed, amount=format_money(f.total), paid=format_money(f.totals.transferred))
    )
    doc.para(
        _(
            "Committed: the tranches of signed contracts for the budget year (drafts are not counted; a terminated "
            "contract counts what was transferred). Transferred: the tranches paid."
        )
    )
    doc.heading(_("3.1 By area of public tasks"), 2)
    plan_label = money.MoneyWord.PLANNED.label
    cols = [
        Column(_("Area"), 2.6),
        Column(_("Competitions / offers (rejected)"), 1.3, "RIGHT"),
        Column(_("Support / entrustment"), 1.1, "RIGHT"),
        Column(plan_label, 1.5, "RIGHT"),
        Column(committed, 1.5, "RIGHT"),
        Column(transferred, 1.5, "RIGHT"),
    ]
    rows = [
        [
            r.area,
            f"{r.competitions} / {r.offers} ({r.rejected})",
            f"{r.support} / {r.entrustment}",
            format_money(r.planned) if r.planned is not None else "—",
            format_money(r.committed),
            format_money(r.transferred),
        ]
        for r in f.areas
    ]
    # a competition is counted once however many rows it touches; the plan total is §6's
    offers = sum(p.offers_received for p in f.procedures)
    rejected = sum(p.offers_rejected for p in f.procedures)
    total_row = [
        _("Total"),
        f"{len(f.competitions)} / {offers} ({rejected})",
        f"{sum(r.support for r in f.areas)} / {sum(r.entrustment for r in f.areas)}",
        format_money(f.plan.total) if f.plan.total is not None else "—",
        format_money(f.total),
        format_money(f.totals.transferred),
    ]
    doc.table(cols, rows, total=total_row if rows else None, empty_text=_("No data for this year."))
    if any(p.parts for p in f.competitions):
        doc.note(
            _(
                "A competition announced over several areas is counted in each of its areas and once in the "
                "total; its offers are those of each area."
            )
        )
    if f.plan.missing:
        doc.note(f.plan.missing)
        missing.append(f.plan.missing)
    if any(r.committed for r in f.areas):
        from app.core.documents.charts import bar_chart

        shown = [r for r in f.areas if r.committed]
        doc.figure(
            bar_chart(
                [r.area for r in shown],
                {committed: [r.committed for r in shown]},
                _("Funds committed by area in {year} (PLN)").format(year=year),
                horizontal=True,
            ),
            width_fraction=0.95,
        )
    doc.heading(_("3.2 By procedure"), 2)
    doc.table(
        [Column(_("Procedure"), 3), Column(_("Contracts"), 1, "RIGHT"), Column(committed, 1.5, "RIGHT")],
        [[r.route, r.contracts, format_money(r.committed)] for r in f.routes],
        total=[_("Total"), f.financed, format_money(f.total)] if f.routes else None,
        empty_text=_("No contracts in this year."),
    )
    doc.heading(_("3.3 Settlement of the grants"), 2)
    doc.table(
        [Column(_("Item"), 3), Column(_("Amount"), 1.5, "RIGHT")],
        [
            [_("Committed in the year"), format_money(f.total)],
            [_("Transferred in the year"), format_money(f.totals.transferred)],
            [money.MoneyWord.USED.label, format_money(f.totals.used)],
            [money.MoneyWord.RETURNED.label, format_money(f.totals.returned)],
        ],
    )
    if f.totals.unsettled:
        doc.note(
            ngettext(
                "{count} tranche of this year has not been settled yet.",
                "{count} tranches of this year have not been settled yet.",
                f.totals.unsettled,
            ).format(count=f.totals.unsettled)
        )
    share = f.small_grants_share
    doc.para(
        _(
            "Small grants without competition (art. 19a): {count}, {amount} committed, that is {share} of the "
            "funds committed to organisations."
        ).format(
            count=len(f.small_grants.contract_ids),
            amount=format_money(f.small_grants.committed),
            share=format_percent(share) if share is not None else "—",
        )
    )
    doc.heading(_("3.4 Competitions announced"), 2)
    doc.table(
        [
            Column(_("Competition"), 3.5),
            Column(_("Announced"), 1.2),
            Column(_("Deadline"), 1.2),
            Column(_("Offers"), 0.8, "RIGHT"),
            Column(_("In the announcement"), 1.5, "RIGHT"),
        ],
        [row for p in f.competitions for row in _competition_rows(p)],
        empty_text=_("No open competitions were announced in this year."),
    )
    doc.heading(_("3.5 Local initiative and regranting"), 2)
    missing += add_non_competitive_section(doc, f)

    # 4. Multi-year contracts
    doc.heading(_("4. Multi-year contracts"))
    # app.core.tools owns these figures; asked once for all the year's contracts (section 7 prints them all)
    measured = contract_measures(db, [c.id for c in f.contracts], year)
    doc.table(
        [
            Column(_("Contract"), 2.6),
            Column(_("Organisation"), 2.2),
            Column(_("Period"), 1.5),
            Column(_("Year"), 0.7, "RIGHT"),
            Column(committed, 1.5, "RIGHT"),
            Column(_("Grant per person"), 1.3, "RIGHT"),
        ],
        [
            [
                f"{c.number} {c.title}".strip(),
                c.organisations,
                f"{format_date(c.start)} – {format_date(c.end)}",
                f"{c.year_index(year)}/{len(c.years)}",
                format_money(f.committed(c.id)),
                format_money(measured[c.id].grant_per_person),
            ]
            for c in f.multi_year
        ],
        empty_text=_("No multi-year contracts ran in this year."),
    )
    for c in f.multi_year:
        res = measured[c.id].results
        if not res:
            continue
        doc.para(_("Results of {contract} in {year}").format(contract=c.number or c.title, year=year), "lead")
        doc.table(
            [
                Column(_("Result"), 3.5),
                Column(_("Unit"), 1.2),
                Column(_("Target"), 1, "RIGHT"),
                Column(_("Achieved"), 1, "RIGHT"),
            ],
            [
                [
                    r.name,
                    r.unit,
                    format_decimal(r.target) if r.target is not None else "—",
                    format_decimal(r.achieved) if r.achieved is not None else _("not reported"),
                ]
                for r in res
            ],
        )

    # 5. Non-financial cooperation
    doc.heading(_("5. Non-financial cooperation"))
    missing += add_cooperation_section(doc, f)

    # 6. Programme indicators
    doc.heading(_("6. Indicators of the programme"))
    if prog is not None and prog.elements.get(9):
        doc.para(_("Evaluation method set in the programme: {text}").format(text=prog.elements[9]))
    cols, indicator_rows, notes, unknown = indicator_table(f)
    doc.table(cols, indicator_rows)
    for n in notes:
        doc.note(n)
    missing += unknown
    from app.core.documents.mkus_section import add_mkus_section

    add_mkus_section(doc, db, year, list(f.tranches) if f.tranches is not None else None)

    # 7. WKUS models
    doc.heading(_("7. WKUS models: Quality, Efficiency, Cooperation"))
    # the year's contracts were read by annual_figures in data.contracts' order: not read again
    missing += add_model_section(
        doc, db, contract_ids=[c.id for c in f.contracts], year=year, records=list(f.contracts), measures=measured
    )

    # 8. Conclusions
    doc.heading(_("8. Conclusions and recommendations"))
    missing += report_text.conclusions(doc, f, prog.report_conclusions.get(year, "") if prog else "")

    # 9. Annex: list of contracts
    doc.heading(_("Annex: list of contracts in {year}").format(year=year))
    doc.table(
        [
            Column(_("No."), 0.5, "RIGHT"),
            Column(_("Organisation"), 3),
            Column(_("NIP / register"), 1.6),
            Column(_("Task"), 2.2),
            Column(committed, 1.4, "RIGHT"),
            Column(transferred, 1.4, "RIGHT"),
        ],
        [
            [
                i,
                c.organisations,
                "; ".join(filter(None, [p.nip and f"NIP {p.nip}" for p in c.parties] + [p.registry for p in c.parties]))
                or "—",
                c.title,
                format_money(f.committed(c.id)),
                format_money(f.transferred(c.id)),
            ]
            for i, c in enumerate(f.contracts, 1)
        ],
        total=["", _("Total"), "", "", format_money(f.total), format_money(f.totals.transferred)]
        if f.contracts
        else None,
        empty_text=_("No contracts in this year."),
    )
    report_text.ending(doc, f, db)
    pages = doc.save(out_path)
    return DocumentResult(Path(out_path), title, pages, missing)


def add_cooperation_section(doc: Any, f: AnnualFigures) -> list[str]:
    """Section 5 (domain.md §9.2): activities per art. 5 ust. 2 form with the partners, then the list."""
    from app.core.services.cooperation import distinct_organisations, summary_by_form

    rows = f.cooperation
    if not rows:
        msg = _("No non-financial cooperation is recorded for {year} (register “Non-financial cooperation”).").format(
            year=f.year
        )
        doc.note(msg)
        return [msg]
    partners = distinct_organisations(rows)
    doc.para(
        ngettext(
            "In {year} the gmina recorded {count} activity of non-financial cooperation (art. 5(2)) with "
            "{partners} organisations.",
            "In {year} the gmina recorded {count} activities of non-financial cooperation (art. 5(2)) with "
            "{partners} organisations.",
            len(rows),
        ).format(year=f.year, count=len(rows), partners=partners)
    )
    summary = summary_by_form(rows)
    doc.table(
        [
            Column(_("Form of cooperation"), 4),
            Column(_("Activities"), 1, "RIGHT"),
            Column(_("Organisations taking part"), 1.4, "RIGHT"),
        ],
        [[x.form.label[:1].upper() + x.form.label[1:], x.activities, x.organisations] for x in summary],
        total=[_("Total (organisations counted once)"), len(rows), partners],
    )
    doc.para(_("Activities in {year}").format(year=f.year), "lead")
    doc.table(
        [Column(_("Date"), 1.1), Column(_("Form"), 1.8), Column(_("Subject"), 2.8), Column(_("Organisations"), 2.8)],
        [
            [format_date(r.event_date) if r.event_date else "—", r.form.label, r.title, "; ".join(r.organisations)]
            for r in rows
        ],
    )
    return []


def _count(n: int, known: bool = True) -> object:
    return n if known else "—"


def _money_or_dash(amount: Decimal | None) -> str:
    return format_money(amount) if amount is not None else "—"


def non_competitive_rows(f: AnnualFigures) -> tuple[list[Column], list[list[object]], list[str]]:
    """The table of the forms without a competition (one column per form) and the notes naming what is
    not recorded. An unrecorded figure is "—", never 0."""
    cols = [Column(_("Item"), 3.2)] + [
        Column(
            _("Local initiative (art. 19b–19h)")
            if r.route is ProcedureRoute.LOCAL_INITIATIVE
            else _("Regranting (art. 16a)"),
            1.6,
            "RIGHT",
        )
        for r in f.non_competitive
    ]
    committed, transferred = money.MoneyWord.COMMITTED.label, money.MoneyWord.TRANSFERRED.label

    def contribution(r: money.RouteYear, actual: bool) -> str:
        c = r.contributions
        if not c.rows:
            return "—"
        if actual:
            return format_money(c.actual) if not c.actual_unknown else "—"
        return format_money(c.planned)

    rows: list[list[object]] = [
        list(r)
        for r in (
            [_("Applications or procedures in the year")] + [r.procedures for r in f.non_competitive],
            [_("of which answered or decided")] + [_count(r.answered, bool(r.procedures)) for r in f.non_competitive],
            [_("Planned in the procedures")] + [_money_or_dash(r.planned) for r in f.non_competitive],
            [_("Contracts concluded or continued")] + [len(r.contracts) for r in f.non_competitive],
            [committed] + [format_money(r.money.committed) for r in f.non_competitive],
            [transferred] + [format_money(r.money.transferred) for r in f.non_competitive],
            [_("Own contribution of the other party, planned")] + [contribution(r, False) for r in f.non_competitive],
            [_("Own contribution of the other party, settled")] + [contribution(r, True) for r in f.non_competitive],
        )
    ]
    notes: list[str] = []
    for r in f.non_competitive:
        local = r.route is ProcedureRoute.LOCAL_INITIATIVE
        if r.procedures and not r.contracts:
            notes.append(
                (
                    ngettext(
                        "{count} local initiative application of {year} has no contract recorded: if a contract was "
                        "concluded (art. 19e), enter it in the register of contracts.",
                        "{count} local initiative applications of {year} have no contract recorded: if contracts were "
                        "concluded (art. 19e), enter them in the register of contracts.",
                        r.procedures,
                    )
                    if local
                    else ngettext(
                        "{count} regranting procedure of {year} has no contract with an operator recorded.",
                        "{count} regranting procedures of {year} have no contract with an operator recorded.",
                        r.procedures,
                    )
                ).format(count=r.procedures, year=f.year)
            )
        if r.planned_unknown and r.procedures:
            notes.append(
                (
                    ngettext(
                        "{count} local initiative application has no planned amount recorded.",
                        "{count} local initiative applications have no planned amount recorded.",
                        r.planned_unknown,
                    )
                    if local
                    else ngettext(
                        "{count} regranting procedure has no planned amount recorded.",
                        "{count} regranting procedures have no planned amount recorded.",
                        r.planned_unknown,
                    )
                ).format(count=r.planned_unknown)
            )
        if r.contracts and not r.contributions.rows:
            notes.append(
                (
                    _(
                        "The residents' contribution (social work, goods, money) to the local initiatives of "
                        "{year} is not recorded (contract, own contribution)."
                    )
                    if local
                    else _("The operators' own contribution for {year} is not recorded (contract, own contribution).")
                ).format(year=f.year)
            )
        elif r.contributions.actual_unknown:
            notes.append(
                (
                    _("The settled residents' contribution to the local initiatives of {year} is not recorded yet.")
                    if local
                    else _("The operators' settled own contribution for {year} is not recorded yet.")
                ).format(year=f.year)
            )
        if not local and r.contracts:
            notes.append(
                _(
                    "The grants the operator awarded to other organisations and groups (number and "
                    "amount) are not recorded in the program; they are in the operator's report."
                )
            )
    return cols, rows, notes


def add_non_competitive_section(doc: object, f: AnnualFigures) -> list[str]:
    """Section 3.5: local initiative and regranting, the forms of art. 5 ust. 2 pkt 1 and 6 besides the
    competition. Returns what is missing."""
    cols, rows, notes = non_competitive_rows(f)
    if not any(r.procedures or r.contracts for r in f.non_competitive):
        msg = _("No local initiative (art. 19b–19h) and no regranting (art. 16a) is recorded for {year}.").format(
            year=f.year
        )
        doc.para(msg)  # type: ignore[attr-defined]
        return []
    doc.table(cols, rows)  # type: ignore[attr-defined]
    for n in notes:
        doc.note(n)  # type: ignore[attr-defined]
    return notes


def indicator_table(f: AnnualFigures) -> tuple[list[Column], list[list[object]], list[str], list[str]]:
    """§6: each monitoring indicator planned against achieved, then the funds (planned in the programme
    against committed). A planned value the programme does not give is "—" and named in a note. Returns the
    columns, rows, the notes under the table and those of them that name missing data."""
    cols = [
        Column(_("Indicator"), 3.4),
        Column(_("Planned"), 1.4, "RIGHT"),
        Column(_("Achieved"), 1.4, "RIGHT"),
        Column(_("Achieved of planned"), 1.2, "RIGHT"),
    ]
    rows: list[list[object]] = []
    for r in f.indicators:
        share = r.attainment
        rows.append(
            [
                r.name,
                format_decimal(r.planned) if r.planned is not None else "—",
                r.achieved,
                format_percent(share) if share is not None else "—",
            ]
        )
    # unknown, not 0: the note below the table names what is missing
    planned_funds = format_money(f.plan.total) if f.plan.total is not None else "—"
    funds_share = money.share(f.total, f.plan.total)
    rows.append(
        [
            _("Funds committed to organisations"),
            planned_funds,
            format_money(f.total),
            format_percent(funds_share) if funds_share is not None else "—",
        ]
    )
    rows.append([_("Funds transferred to organisations"), "x", format_money(f.totals.transferred), "x"])
    unknown: list[str] = []
    unplanned = [r.name for r in f.indicators if r.planned is None]
    if f.programme is None:
        pass  # section 1 already says that no programme covers the year
    elif len(unplanned) == len(f.indicators):
        unknown.append(
            _(
                "The programme gives no planned values of its indicators for {year} (Programmes, tab “Indicators”)."
            ).format(year=f.year)
        )
    elif unplanned:
        unknown.append(
            _("The programme gives no planned value for {year} of: {indicators}.").format(
                year=f.year, indicators="; ".join(unplanned)
            )
        )
    notes = list(unknown)
    if f.plan.total is None:  # already among the missing data of section 3.1
        notes.append(f.plan.missing)
    else:
        notes.append(_("Funds planned: {source}.").format(source=f.plan.source_text))
    notes.append(_("x – not planned as a figure of its own."))
    return cols, rows, notes, unknown
