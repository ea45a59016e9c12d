"""Terminarz: statutory and contract deadlines in a chosen period.

Uses the law engine (`app.core.law.deadlines.collect_deadlines`) when present; otherwise it lists
only the dates recorded on contracts (tranches, report due dates) and says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from app.core.db.engine import Database
from app.core.documents import data
from app.core.documents.common import DocumentResult, new_document, not_yet_available, optional_module
from app.core.documents.pdf import Column
from app.core.i18n import _, format_date


@dataclass(frozen=True)
class ScheduleItem:
    due: dt.date
    title: str
    record: str
    basis: str
    state: str


def schedule_items(db: Database, start: dt.date, end: dt.date, today: dt.date) -> tuple[list[ScheduleItem], bool]:
    """Items due in [start, end], sorted; the flag says whether the law engine supplied them."""
    law = optional_module("app.core.law.deadlines")
    if law is not None and hasattr(law, "collect_deadlines"):
        items = [ScheduleItem(d.due, d.title, d.record.label, d.basis, d.state.label)
                 for d in law.collect_deadlines(db, today, include_met=True) if start <= d.due <= end]
        return sorted(items, key=lambda i: (i.due, i.title)), True
    items = []
    with db.session() as s:
        for c in data.contracts(s):
            label = c.number or c.title
            for t in c.tranches:
                if t.payment_date and start <= t.payment_date <= end:
                    items.append(ScheduleItem(t.payment_date, _("Payment of the tranche for {year}").format(year=t.year),
                                              label, "", ""))
            for r in c.reports:
                if start <= r.due <= end:
                    items.append(ScheduleItem(r.due, _("Report due: {kind}").format(kind=r.kind), label, "",
                                              _("received") if r.received else ""))
    return sorted(items, key=lambda i: (i.due, i.title)), False


def build_schedule(db: Database, start: dt.date, end: dt.date, out_path: Path, today: dt.date | None = None,
                   fmt: str = "pdf") -> DocumentResult:
    today = today or dt.date.today()
    with db.session() as s:
        gmina = data.gmina_info(s)
    items, from_law = schedule_items(db, start, end, today)
    missing: list[str] = []
    title = _("Schedule of deadlines")
    period = _("{start} – {end}").format(start=format_date(start), end=format_date(end))
    doc = new_document(gmina, title, period, fmt=fmt)
    doc.title(title.upper(), period)
    doc.para(_("State as of {date}.").format(date=format_date(today)), "center")
    if not from_law:
        msg = not_yet_available(_("Statutory deadlines"))
        doc.note(msg + " " + _("Only dates recorded on contracts are listed."))
        missing.append(msg)
    doc.table([Column(_("Date"), 1), Column(_("Deadline"), 3), Column(_("Record"), 2), Column(_("Legal basis"), 2.2),
               Column(_("State"), 1)],
              [[format_date(i.due), i.title, i.record, i.basis or "—", i.state or "—"] for i in items],
              empty_text=_("No deadlines fall in this period."))
    pages = doc.save(out_path)
    return DocumentResult(Path(out_path), title, pages, missing)
