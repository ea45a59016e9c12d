"""The words of the annual report (art. 5a ust. 3 u.d.p.p.w.; domain.md §9.2), apart from its tables.

Kept out of annual_report.py, whose figures are built elsewhere: the heading ("Przedkłada Wójt Gminy X
Radzie Gminy X"), the introduction (the programme by its name and resolution, the deadline as a date,
the number of organisations in the register), the warning on an unfinished year, the conclusions
drafted from the figures when the clerk has written none, and the formal ending (place, date,
signature of the head, note of publication in BIP).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select

from app.core.db.engine import Database
from app.core.db.models import Organisation, ProgrammeReport
from app.core.documents.legal_text import long_date, report_deadline
from app.core.i18n import _, format_money, format_percent, ngettext


def heading(doc: Any, f: Any, title: str, today: dt.date | None = None) -> list[str]:
    """Title, who submits it to whom, and a warning when the year has not ended yet."""
    missing: list[str] = []
    forms = f.gmina.forms
    doc.title(title.upper(), forms.nominative if forms else f.gmina.name)
    head = forms.head if forms else f.gmina.executive
    if forms and forms.council_dative:
        doc.para(
            _("Submitted by the {head} to the {council}").format(head=head, council=forms.council_dative), "center"
        )
    else:  # a town's council cannot be named from the profile's data: leave it out, ask for it
        doc.para(_("Submitted by the {head}").format(head=head), "center")
    today = today or dt.date.today()
    if f.year >= today.year:
        msg = _(
            "The year {year} has not ended: the figures are as recorded on {date} and this is not yet the report "
            "referred to in art. 5a(3) of the Act."
        ).format(year=f.year, date=long_date(today))
        doc.para("<b>" + _escape(msg) + "</b>", "center", markup=True)
        missing.append(msg)
    doc.spacer(6)
    return missing


def introduction(doc: Any, f: Any, db: Database) -> None:
    """What the report is about, its deadline, and the organisations active in the gmina."""
    prog = f.programme
    forms = f.gmina.forms
    council_gen = forms.council_genitive if forms and forms.council_genitive else _("the council")
    from app.core.documents.resolution import programme_name

    resolution = (
        _("resolution No {number} of the {council} of {date}").format(
            number=prog.resolution_number, council=council_gen, date=long_date(prog.resolution_date)
        )
        if prog.resolution_number and prog.resolution_date
        else _("a resolution whose number and date are not recorded")
    )
    doc.para(
        _(
            "This report is submitted under art. 5a(3) of the Act of 24 April 2003 on public benefit activity and "
            "volunteering. It concerns the {programme}, adopted by {resolution}."
        ).format(programme=programme_name(prog, f.gmina, genitive=True), resolution=resolution)
    )
    council_dat = forms.council_dative if forms and forms.council_dative else _("the council")
    doc.para(
        _("The report is submitted to {council} and published in the Public Information Bulletin by {date}.").format(
            council=council_dat, date=long_date(report_deadline(f.year))
        )
    )
    registered = organisations_registered(db)
    doc.para(
        ngettext(
            "The gmina's register lists {count} active organisation; {active} of them carried out public "
            "tasks under contracts in {year}.",
            "The gmina's register lists {count} active organisations; {active} of them carried out public "
            "tasks under contracts in {year}.",
            registered,
        ).format(count=registered, active=f.organisations, year=f.year)
    )


def organisations_registered(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count(Organisation.id)).where(Organisation.active.is_(True))) or 0)


def conclusions(doc: Any, f: Any, stored: str) -> list[str]:
    """The clerk's conclusions when written (stored per year with the programme's report); otherwise
    a draft from the figures, never a placeholder, and a remark asking the clerk to read it."""
    if stored.strip():
        for part in stored.strip().split("\n\n"):
            doc.para(part)
        return []
    for sentence in drafted_conclusions(f):
        doc.para(sentence)
    return [
        _(
            "The conclusions were drafted from the figures; complete them in Programmes → report for {year} "
            "before the report goes to the council."
        ).format(year=f.year)
    ]


def draft_conclusions_text(db: Database, year: int) -> str:
    """The draft as text for the clerk to edit and store with the year's report (paragraphs apart)."""
    from app.core.documents.annual_report import annual_figures

    return " ".join(drafted_conclusions(annual_figures(db, year)))


def drafted_conclusions(f: Any) -> list[str]:
    out: list[str] = []
    prog = f.programme
    planned = f.plan.total  # the programme's plan for the year, from the money owner (None when unknown)
    if planned:
        out.append(
            _(
                "The organisations were granted {granted}, that is {share} of the {planned} planned in the "
                "programme for {year}."
            ).format(
                granted=format_money(f.total),
                share=format_percent(f.total / planned),
                planned=format_money(planned),
                year=f.year,
            )
        )
    elif f.contracts:
        out.append(
            _("The organisations were granted {granted} in {year}.").format(granted=format_money(f.total), year=f.year)
        )
    if f.contracts:
        out.append(
            ngettext(
                "Public tasks were carried out under {count} contract, of which {multi} multi-year.",
                "Public tasks were carried out under {count} contracts, of which {multi} multi-year.",
                len(f.contracts),
            ).format(count=len(f.contracts), multi=len(f.multi_year))
        )
    else:
        out.append(_("No contract for public tasks is recorded for {year}.").format(year=f.year))
    if f.totals.unsettled:
        out.append(
            ngettext(
                "{count} tranche of the year is still to be settled; the report will be completed when it is.",
                "{count} tranches of the year are still to be settled; the report will be completed when they are.",
                f.totals.unsettled,
            ).format(count=f.totals.unsettled)
        )
    if f.cooperation:
        out.append(
            ngettext(
                "Non-financial cooperation comprised {count} recorded activity.",
                "Non-financial cooperation comprised {count} recorded activities.",
                len(f.cooperation),
            ).format(count=len(f.cooperation))
        )
    else:
        out.append(
            _("No non-financial cooperation was recorded; the next programme should plan its forms and record them.")
        )
    if prog is None:
        out.append(
            _(
                "Recommendation: the council adopts a programme of cooperation for each year by 30 November of "
                "the year before (art. 5a(1) of the Act); no programme covering {year} is recorded."
            ).format(year=f.year)
        )
    elif f.contracts:
        out.append(
            _(
                "Recommendation: keep the priority tasks of the programme for the next year, with the amounts "
                "adjusted to the settlement of the grants shown above."
            )
        )
    else:
        out.append(
            _(
                "Recommendation: announce the competitions for the priority tasks of the programme early in the "
                "year and record the contracts concluded."
            )
        )
    return out


def ending(doc: Any, f: Any, db: Database) -> None:
    """Place and date, the head's signature, the note of publication in BIP."""
    forms = f.gmina.forms
    doc.spacer(10)
    place = f.gmina.city or "……………"
    doc.para(_("{place}, {date}").format(place=place, date=_("…………… {year}").format(year=f.year + 1)), "body")
    doc.spacer(8)
    doc.para(forms.head if forms else f.gmina.executive, "signature")
    doc.spacer(10)
    doc.para("……………………………………", "signature")
    doc.spacer(8)
    published = _published_in_bip(db, f)
    where = f.gmina.bip_url or _("the Public Information Bulletin of the gmina")
    if published:
        doc.note(_("Published in {where} on {date}.").format(where=where, date=long_date(published)))
    else:
        doc.note(_("Published in {where} on …………… (art. 5a(3) of the Act).").format(where=where))


def _published_in_bip(db: Database, f: Any) -> dt.date | None:
    if f.programme is None:
        return None
    with db.session() as s:
        return s.scalar(
            select(ProgrammeReport.published_in_bip).where(
                ProgrammeReport.programme_id == f.programme.id, ProgrammeReport.year == f.year
            )
        )


def _escape(text: str) -> str:
    from app.core.documents.pdf import esc

    return esc(text)
