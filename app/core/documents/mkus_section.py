"""The annual report's short table of the MKUS indicators (app.core.figures.mkus_indicators)."""

from __future__ import annotations

from typing import Any

from app.core.db.engine import Database
from app.core.documents.pdf import Column
from app.core.figures.mkus_indicators import mkus_indicators
from app.core.i18n import _, format_money, format_percent


def add_mkus_section(doc: Any, db: Database, year: int) -> None:
    with db.session() as s:
        m = mkus_indicators(s, year)

    pct = format_percent  # None (no grants) prints "—", never 0 %
    doc.para(_("Indicators of the problems the MKUS model answers: fragmented grants, few large tasks, rare "
               "entrustment and multi-year contracts."), "lead")
    doc.table([Column(_("Indicator"), 3.5), Column(_("Value"), 1.5, "RIGHT")], [
        [_("Grants of the year (contracts committing money)"), m.grants],
        [_("Grants up to {limit}").format(limit=format_money(m.thresholds.small_grant_limit)),
         f"{m.small_grants} ({pct(m.small_share)})"],
        [_("Median grant"), format_money(m.median_grant) if m.median_grant is not None else "—"],
        [_("Share of entrustment (powierzenie) in the committed funds"), pct(m.entrustment_share)],
        [_("Multi-year contracts and their share of the committed funds"),
         f"{m.multi_year} ({pct(m.multi_year_share)})"],
        [_("Large tasks (from {limit} in the year)").format(limit=format_money(m.thresholds.large_task_from)),
         f"{m.large_tasks} ({format_money(m.large_tasks_committed)})"],
    ])
