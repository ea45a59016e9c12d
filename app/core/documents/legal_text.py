"""Small pieces of legal Polish shared by the council documents: the long date, the act citations
with their current Dz.U. reference, the report deadline."""

from __future__ import annotations

import datetime as dt

from app.core.i18n import format_date, pgettext


def long_date(day: dt.date | None) -> str:
    """ "1 października 2026 r." – the one date style of a council document (babel's long form)."""
    if day is None:
        return "……………"
    return pgettext("date in a council document", "{date}").format(date=format_date(day, "long"))


def act_journal(code: str, on: dt.date | None = None) -> str:
    """ "Dz.U. z 2024 r. poz. 1491" – the consolidated text to cite on `on` (resources/law/acts.toml)."""
    from app.core.law.data import law

    acts = law().acts
    if code not in acts:
        return ""
    return acts[code].version_on(on or dt.date.today()).journal


def report_deadline(year: int) -> dt.date:
    """art. 5a ust. 3 u.d.p.p.w.: the report on the programme for `year` is submitted to the council
    and published in BIP "w terminie do dnia 31 maja każdego roku" following it."""
    return dt.date(year + 1, 5, 31)
