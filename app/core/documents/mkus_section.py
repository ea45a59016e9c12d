"""The annual report's short table of the MKUS indicators (app.core.figures.mkus_indicators)."""

from __future__ import annotations

from typing import Any

from app.core.db.engine import Database
from app.core.documents.pdf import Column
from app.core.figures.mkus_indicators import MkusIndicators, mkus_indicators
from app.core.i18n import _, format_date, format_money, format_percent
from app.core.law.small_grants import earlier_in_year


def add_mkus_section(doc: Any, db: Database, year: int, rows: list[Any] | None = None) -> None:
    """`rows`: the year's tranches (`money.tranche_money(session, year=year)`) when the caller has read them."""
    with db.session() as s:
        m = mkus_indicators(s, year, rows=rows)

    pct = format_percent  # None (no grants) prints "—", never 0 %
    doc.para(
        _(
            "Indicators of the problems the MKUS model answers: fragmented grants, few large tasks, rare "
            "entrustment and multi-year contracts."
        ),
        "lead",
    )
    doc.table(
        [Column(_("Indicator"), 3.5), Column(_("Value"), 1.5, "RIGHT")],
        [
            [_("Grants of the year (contracts committing money)"), m.grants],
            [_small_label(m), f"{m.small_grants} ({pct(m.small_share)})"],
            [_("Median grant"), format_money(m.median_grant) if m.median_grant is not None else "—"],
            [_("Share of entrustment (powierzenie) in the committed funds"), pct(m.entrustment_share)],
            [
                _("Multi-year contracts and their share of the committed funds"),
                f"{m.multi_year} ({pct(m.multi_year_share)})",
            ],
            [
                _("Large tasks (from {limit} in the year)").format(limit=format_money(m.thresholds.large_task_from)),
                f"{m.large_tasks} ({format_money(m.large_tasks_committed)})",
            ],
        ],
    )


def _small_label(m: MkusIndicators) -> str:
    """ "Grants up to 10 000,00 zł", saying when the limit is an unchecked amendment's or changed in the year."""
    text = _("Grants up to {limit}").format(limit=format_money(m.small_grant_limit))
    law = m.small_grant_law
    if law is None:
        return text
    notes = []
    if not law.task_checked:
        notes.append(_("the art. 19a limit of {amendment}").format(amendment=law.unchecked()))
    start = earlier_in_year(law)
    if start is not None and start.max_amount != law.max_amount:
        notes.append(
            _("{limit} for offers received before {date}").format(
                limit=format_money(start.max_amount), date=format_date(law.in_force_from)
            )
        )
    return text + (" (" + "; ".join(notes) + ")" if notes else "")
