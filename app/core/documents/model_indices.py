"""The WKUS model section (Jakość / Efektywność / Współpraca) shared by several documents.

Every figure here comes from app.core.tools (the one owner of indicators: stored results when current,
computed otherwise); this module only lays them out. A test fails if it computes an indicator itself.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.core.db.engine import Database
from app.core.documents import data
from app.core.documents.pdf import Column, PdfDocument
from app.core.i18n import _, format_decimal, format_money, format_percent, ngettext


def contract_measures(db: Database, contract_ids: list[int], year: int | None) -> dict[int, Any]:
    """app.core.tools' measures (attainment, persons served, grant per person) of each contract."""
    from app.core.tools import contract_measures as measures

    with db.session() as s:
        return measures(s, contract_ids, year)


def _engine_indices(db: Database, contract_ids: list[int], year: int | None) -> list[Any]:
    from app.core.tools import model_indices

    with db.session() as s:
        return list(model_indices(s, contract_ids, year))


def add_model_section(
    doc: PdfDocument,
    db: Database,
    contract_ids: list[int],
    year: int | None,
    charts: bool = True,
    trend_contract: int | None = None,
    records: list[data.ContractInfo] | None = None,
    measures: dict[int, Any] | None = None,
) -> list[str]:
    """Append the model tables (and charts); returns the list of 'missing' remarks printed.

    `trend_contract`: also chart that contract's indices over its years (the contract card).
    `records`: the contracts' records when the caller has already read them, as `data.contracts`
    returns them for `contract_ids` (same order); reading them again costs ~0.6 s on a large gmina.
    `measures`: `contract_measures(db, contract_ids, year)` when the caller has already asked for them."""
    missing: list[str] = []
    missing += _index_table(doc, _engine_indices(db, contract_ids, year), charts, year)
    if trend_contract is not None:
        _index_trend(doc, db, trend_contract)
    if records is None:
        with db.session() as s:
            records = data.contracts(s, contract_ids)
    by_id = measures if measures is not None else contract_measures(db, contract_ids, year)
    rows = [(c, by_id[c.id]) for c in records if c.id in by_id]
    doc.para(
        _("Measures read directly from the contract records:")
        if year is not None
        else _("Measures read directly from the contract records, over the whole contract:"),
        "lead",
    )
    doc.table(
        [
            Column(_("Contract"), 3),
            Column(_("Results attained (Quality)"), 1.4, "RIGHT"),
            Column(_("Persons served"), 1, "RIGHT"),
            Column(_("Grant per person (Efficiency)"), 1.6, "RIGHT"),
        ],
        [
            [
                f"{c.number} {c.title}".strip(),
                format_percent(m.attainment)
                if m.attainment is not None
                else _("no results")
                if not m.results
                else _("achieved values missing"),
                format_decimal(m.persons) if m.persons is not None else "—",
                format_money(m.grant_per_person) if m.grant_per_person is not None else "—",
            ]
            for c, m in rows
        ],
        empty_text=_("No contracts in this scope."),
    )
    with_att = [(c, m) for c, m in rows if m.attainment is not None]
    # one bar repeats the table's one figure (and stood alone on a page): a chart only compares
    if charts and len(with_att) > 1:
        _attainment_charts(doc, with_att)
    if not with_att:
        msg = _("No planned results with achieved values are recorded for this scope.")
        doc.note(msg)
        missing.append(msg)
    return missing


#: bars per chart: more get too thin to label on A4
CHART_BARS = 16
#: beyond this many contracts the chart keeps the weakest (a council asks about those) and says so
CHART_MAX = 64


def _attainment_charts(doc: PdfDocument, with_att: list[tuple[data.ContractInfo, Any]]) -> None:
    """Every contract's attainment, in charts of at most CHART_BARS bars split evenly (21 -> 11 + 10,
    never a lone bar); a chart once kept the first 15 and silently dropped the rest."""
    import math

    from app.core.documents.charts import bar_chart

    shown = with_att
    if len(with_att) > CHART_MAX:
        ranked = sorted(with_att, key=lambda cm: cm[1].attainment)
        ids = {c.id for c, _m in ranked[:CHART_MAX]}
        shown = [(c, m) for c, m in with_att if c.id in ids]  # back in the table's order
        left = len(with_att) - len(shown)
        above = ranked[CHART_MAX][1].attainment  # the lowest attainment left out (ranked by the owner's figure)
        doc.note(
            ngettext(
                "The charts show the {shown} contracts with the lowest attainment; {n} contract, each with "
                "attainment of at least {pct}, is left out of them and is listed in the table above.",
                "The charts show the {shown} contracts with the lowest attainment; {n} contracts, each with "
                "attainment of at least {pct}, are left out of them and are listed in the table above.",
                left,
            ).format(shown=len(shown), n=left, pct=format_percent(above))
        )
    parts = math.ceil(len(shown) / CHART_BARS)
    size = math.ceil(len(shown) / parts)
    fig = None
    for k in range(parts):
        chunk = shown[k * size : (k + 1) * size]
        title = _("Results attained against targets (%)")
        if parts > 1:
            title = _("Results attained against targets (%), part {part} of {parts}").format(part=k + 1, parts=parts)
        # the document has taken the previous part's picture: a part of the same shape reuses its figure
        fig = bar_chart(
            [c.number or c.title for c, _m in chunk],
            {_("attained"): [m.attainment * 100 for _c, m in chunk]},
            title,
            horizontal=True,
            reuse=fig,
        )
        doc.figure(fig, 0.95)


def _index_table(doc: PdfDocument, indices: list[Any], charts: bool, year: int | None) -> list[str]:
    """The three composite indices (0–100) with their band, how many contracts they average and
    which share of the weights had data; a chart on the fixed 0–100 scale; the gaps named."""
    doc.para(
        _(
            "Composite indices (0–100): the weighted mean of the tools' normalised indicators (weights from "
            "the tool catalogue or agreed at a RADAR meeting); a model's value is the mean over the contracts "
            "with data."
        ),
        "lead",
    )
    from app.core.tools.present import index_coverage, index_grade_text, index_value_text

    doc.table(
        [
            Column(_("Model"), 1.3),
            Column(_("Index"), 1.8),
            Column(_("Value"), 0.8, "RIGHT"),
            Column(_("Assessment"), 1.6),
            Column(_("Components with data"), 1.3, "RIGHT"),
            Column(_("Contracts"), 0.9, "RIGHT"),
            Column(_("Weight with data"), 1.0, "RIGHT"),
        ],
        [
            [
                i.model,
                i.name,
                index_value_text(i),
                index_grade_text(i),
                index_coverage(i),
                i.contracts,
                format_percent(i.weight_covered),
            ]
            for i in indices
        ],
        empty_text=_("The tools engine returned no indices for this scope."),
    )
    shown = [i for i in indices if i.value is not None]
    if charts and shown:
        from app.core.documents.charts import bar_chart

        fig = bar_chart(
            [i.model for i in shown],
            {_("index"): [i.value for i in shown]},
            _("Composite indices of the WKUS models (0–100)"),
            horizontal=True,
        )
        fig.axes[0].set_xlim(0, 100)  # the scale is fixed: 60 must look like 60 in every document
        doc.figure(fig, 0.8)
    missing = []
    for i in indices:
        if i.missing:
            # without a year an index reads each contract's latest year with data (app.core.tools): saying
            # just "no data for results attained" contradicted the whole-contract attainment printed below
            text = (
                _("{model}: no data for {components}.")
                if year is not None
                else _(
                    "{model}: no data for {components} in the year the index reads (each contract's latest "
                    "year with index data)."
                )
            )
            msg = text.format(model=i.model, components="; ".join(i.missing))
            doc.note(msg)
            missing.append(msg)
    return missing


def _index_trend(doc: PdfDocument, db: Database, contract_id: int) -> None:
    """A contract's three indices per year, as stored by the last recompute of the tools."""
    from app.core.tools.service import index_trend as trend

    series: dict[str, dict[int, Decimal | None]] = {}
    for code, name in (("J", _("Quality")), ("E", _("Efficiency")), ("W", _("Cooperation"))):
        points = trend(db, code, contract_id)
        if any(p.value is not None for p in points):
            series[name] = {p.year: p.value for p in points}
    years = sorted({y for v in series.values() for y in v})
    if len(years) < 2:
        return
    from app.core.documents.charts import line_chart

    fig = line_chart(
        years,
        {k: [v.get(y) for y in years] for k, v in series.items()},
        _("Composite indices of the contract by year (0–100)"),
    )
    fig.axes[0].set_ylim(0, 100)
    doc.figure(fig, 0.85)
