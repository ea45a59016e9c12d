"""The WKUS model section (Jakość / Efektywność / Współpraca) shared by several documents.

Composite indices belong to the tools engine (`app.core.tools`, another area). When it is present
and offers `composite_indices(session, contract_ids=..., year=...)` we print its figures; otherwise
we print only measures read straight from the records (result attainment, grant per recipient)
and say plainly that the indices are not available yet. We never estimate the indices here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app.core.db.engine import Database
from app.core.documents import data
from app.core.documents.common import not_yet_available, optional_module
from app.core.documents.pdf import Column, PdfDocument
from app.core.i18n import _, format_decimal, format_money, format_percent


@dataclass(frozen=True)
class ContractMeasures:
    """Measures taken directly from the records of one contract in one year."""

    contract: data.ContractInfo
    attainment: Decimal | None  # achieved / target over results with a target for the year (J-04)
    recipients: int | None
    grant_per_recipient: Decimal | None  # E-04 unit cost: grant spent / recipients (from reports)


def measures(c: data.ContractInfo, year: int | None) -> ContractMeasures:
    """Attainment is the mean of achieved/target over the results measured in the scope (each
    result counts once, whatever its unit: persons and hours must not be added together)."""
    ratios = []
    for r in c.results:
        if not r.target:
            continue
        if year is None:
            if r.achieved:
                ratios.append(r.achieved_total / r.target)
        elif year in r.achieved and r.year in (None, year):
            ratios.append(r.achieved[year] / r.target)
    reports = [r for r in c.reports if (year is None or r.year == year) and r.recipients]
    recipients = sum(r.recipients or 0 for r in reports) or None
    grant = sum((r.cost_grant or Decimal(0) for r in reports), Decimal(0))
    per = (grant / recipients).quantize(Decimal("0.01")) if recipients and grant else None
    attainment = sum(ratios, Decimal(0)) / len(ratios) if ratios else None
    return ContractMeasures(c, attainment, recipients, per)


def _engine_indices(db: Database, contract_ids: list[int], year: int | None) -> list[Any] | None:
    tools = optional_module("app.core.tools")
    func = getattr(tools, "composite_indices", None) if tools else None
    if func is None:
        return None
    with db.session() as s:
        if year is not None:
            # the results of the last recompute, when they are current: recomputing every contract's
            # tools for a report takes seconds per thousand contracts
            from app.core.documents.stored_indices import stored_composite_indices

            stored = stored_composite_indices(s, contract_ids, year)
            if stored is not None:
                return stored
        return list(func(s, contract_ids=contract_ids, year=year))


def add_model_section(doc: PdfDocument, db: Database, contract_ids: list[int], year: int | None,
                      charts: bool = True, trend_contract: int | None = None,
                      records: list[data.ContractInfo] | None = None) -> list[str]:
    """Append the model tables (and charts); returns the list of 'missing' remarks printed.

    `trend_contract`: also chart that contract's indices over its years (the contract card).
    `records`: the contracts' records when the caller has already read them, as `data.contracts`
    returns them for `contract_ids` (same order); reading them again costs ~0.6 s on a large gmina."""
    missing: list[str] = []
    indices = _engine_indices(db, contract_ids, year)
    if indices is None:
        msg = not_yet_available(_("Composite indices of the Quality, Efficiency and Cooperation models"))
        doc.note(msg)
        missing.append(msg)
    else:
        missing += _index_table(doc, indices, charts)
    if trend_contract is not None:
        _index_trend(doc, db, trend_contract)
    if records is None:
        with db.session() as s:
            records = data.contracts(s, contract_ids)
    rows = [measures(c, year) for c in records]
    doc.para(_("Measures read directly from the contract records:"), "lead")
    doc.table(
        [Column(_("Contract"), 3), Column(_("Results attained (Quality)"), 1.4, "RIGHT"),
         Column(_("Recipients"), 1, "RIGHT"), Column(_("Grant per recipient (Efficiency)"), 1.6, "RIGHT")],
        [[f"{m.contract.number} {m.contract.title}".strip(),
          format_percent(m.attainment) if m.attainment is not None else _("no results"),
          m.recipients if m.recipients is not None else "—",
          format_money(m.grant_per_recipient) if m.grant_per_recipient is not None else "—"] for m in rows],
        empty_text=_("No contracts in this scope."),
    )
    with_att = [m for m in rows if m.attainment is not None]
    if charts and with_att:
        from app.core.documents.charts import bar_chart

        with_att = with_att[:15]
        doc.figure(bar_chart([m.contract.number or m.contract.title for m in with_att],
                             {_("attained"): [m.attainment * 100 for m in with_att]},  # type: ignore[operator]
                             _("Results attained against targets (%)"), horizontal=True), 0.95)
    if not with_att:
        msg = _("No planned results with achieved values are recorded for this scope.")
        doc.note(msg)
        missing.append(msg)
    return missing


def _index_table(doc: PdfDocument, indices: list[Any], charts: bool) -> list[str]:
    """The three composite indices (0–100) with their band, how many contracts they average and
    which share of the weights had data; a chart on the fixed 0–100 scale; the gaps named."""
    doc.para(_("Composite indices (0–100): the weighted mean of the tools' normalised indicators (weights from "
               "the tool catalogue or agreed at a RADAR meeting); a model's value is the mean over the contracts "
               "with data."), "lead")
    doc.table([Column(_("Model"), 1.4), Column(_("Index"), 2), Column(_("Value"), 0.9, "RIGHT"),
               Column(_("Assessment"), 1.1), Column(_("Contracts"), 0.9, "RIGHT"),
               Column(_("Weight with data"), 1.1, "RIGHT")],
              [[i.model, i.name, format_decimal(i.value, 1) if i.value is not None else _("no data"),
                i.band or "—", i.contracts, format_percent(i.weight_covered)] for i in indices],
              empty_text=_("The tools engine returned no indices for this scope."))
    shown = [i for i in indices if i.value is not None]
    if charts and shown:
        from app.core.documents.charts import bar_chart

        fig = bar_chart([i.model for i in shown], {_("index"): [i.value for i in shown]},
                        _("Composite indices of the WKUS models (0–100)"), horizontal=True)
        fig.axes[0].set_xlim(0, 100)  # the scale is fixed: 60 must look like 60 in every document
        doc.figure(fig, 0.8)
    missing = []
    for i in indices:
        if i.missing:
            msg = _("{model}: no data for {components}.").format(model=i.model, components="; ".join(i.missing))
            doc.note(msg)
            missing.append(msg)
    return missing


def _index_trend(doc: PdfDocument, db: Database, contract_id: int) -> None:
    """A contract's three indices per year, as stored by the last recompute of the tools."""
    tools = optional_module("app.core.tools.service")
    trend = getattr(tools, "index_trend", None) if tools else None
    if trend is None:
        return
    series: dict[str, dict[int, Decimal | None]] = {}
    for code, name in (("J", _("Quality")), ("E", _("Efficiency")), ("W", _("Cooperation"))):
        points = trend(db, code, contract_id)
        if any(p.value is not None for p in points):
            series[name] = {p.year: p.value for p in points}
    years = sorted({y for v in series.values() for y in v})
    if len(years) < 2:
        return
    from app.core.documents.charts import line_chart

    fig = line_chart(years, {k: [v.get(y) for y in years] for k, v in series.items()},
                     _("Composite indices of the contract by year (0–100)"))
    fig.axes[0].set_ylim(0, 100)
    doc.figure(fig, 0.85)
