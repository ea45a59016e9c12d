"""Terminarz: statutory and contract deadlines in a chosen period.

The deadlines come from the law engine (`app.core.law.deadlines.collect_deadlines`), the same list the
Terminy view shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from app.core.db.engine import Database
from app.core.documents import data
from app.core.documents.common import DocumentResult, new_document
from app.core.documents.pdf import Column
from app.core.i18n import _, format_date


@dataclass(frozen=True)
class ScheduleItem:
    due: dt.date
    title: str
    record: str
    basis: str
    state: str


def schedule_items(db: Database, start: dt.date, end: dt.date, today: dt.date) -> list[ScheduleItem]:
    """Items due in [start, end], sorted by date and title."""
    from app.core.law.deadlines import collect_deadlines

    items = [
        ScheduleItem(d.due, d.title, d.record.label, d.basis, d.state.label)
        for d in collect_deadlines(db, today, include_met=True)
        if start <= d.due <= end
    ]
    return sorted(items, key=lambda i: (i.due, i.title))


def build_schedule(
    db: Database, start: dt.date, end: dt.date, out_path: Path, today: dt.date | None = None, fmt: str = "pdf"
) -> DocumentResult:
    today = today or dt.date.today()
    with db.session() as s:
        gmina = data.gmina_info(s)
    items = schedule_items(db, start, end, today)
    missing: list[str] = []
    title = _("Schedule of deadlines")
    period = _("{start} – {end}").format(start=format_date(start), end=format_date(end))
    doc = new_document(gmina, title, period, fmt=fmt)
    doc.title(title.upper(), period)
    doc.para(_("State as of {date}.").format(date=format_date(today)), "center")
    doc.table(
        [
            Column(_("Date"), 1),
            Column(_("Deadline"), 3),
            Column(_("Record"), 2),
            Column(_("Legal basis"), 2.2),
            Column(_("State"), 1),
        ],
        [[format_date(i.due), i.title, i.record, i.basis or "—", i.state or "—"] for i in items],
        empty_text=_("No deadlines fall in this period."),
    )
    pages = doc.save(out_path)
    return DocumentResult(Path(out_path), title, pages, missing)
