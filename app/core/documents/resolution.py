"""Projekt uchwały adopting a cooperation programme, the programme as its annex, and the justification
(domain.md §9.1, the Piątnica resolution walked through part by part). Same content in PDF and DOCX.

The act is the council's: no letterhead of the wójt, the heading "UCHWAŁA NR … / RADY GMINY X / z dnia
…", the subject "w sprawie przyjęcia …", the legal basis with the current Dz.U. references, §§ ending
with the entry into force and the publication in the voivodeship's official journal, and the
signature of the chair of the council.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from app.core.db.engine import Database
from app.core.documents import data
from app.core.documents.common import DocumentResult, new_document
from app.core.documents.legal_text import act_journal, long_date, report_deadline
from app.core.documents.pdf import esc
from app.core.documents.programme_text import consultation_sentences, write_programme
from app.core.errors import NotFound
from app.core.figures import money
from app.core.i18n import N_, _, format_money, pgettext

#: what the profile field of each missing name form is called (the clerk fixes it there)
_FORM_FIELDS = {
    "genitive": N_("Name in the genitive"),
    "dative": N_("Name in the dative"),
    "locative": N_("Name in the locative"),
    "voivodeship": N_("Voivodeship"),
}


def _programme(db: Database, programme_id: int | None, year: int | None) -> data.ProgrammeInfo:
    with db.session() as s:
        if programme_id is not None:
            return data.programme(s, programme_id)
        progs = data.programmes(s)
        if year is not None:
            prog = data.programme_for_year(s, year)
            if prog is not None:
                return prog
            # never print another year's programme under the year asked for
            if progs:
                raise NotFound(
                    _(
                        "No cooperation programme covers {year}; the latest recorded one is for {period}. "
                        "Enter the programme for {year} in Programmes first."
                    ).format(year=year, period=progs[-1].period)
                )
    if not progs:
        raise NotFound(_("No cooperation programme is recorded; enter one in Programmes first."))
    return progs[-1]


def programme_name(prog: data.ProgrammeInfo, gmina: data.GminaInfo, genitive: bool = False) -> str:
    """ "Program współpracy Gminy X z organizacjami … na rok 2027" (the name the act adopts); `genitive`
    for the subject line "w sprawie przyjęcia Programu …"."""
    name = gmina.forms.genitive if gmina.forms else gmina.name
    if prog.year_from == prog.year_to:
        text = (
            pgettext(
                "genitive",
                "Programme of cooperation of {gmina} with non-governmental organisations and "
                "entities listed in art. 3(3) of the Act on public benefit activity and volunteering for "
                "{year}",
            )
            if genitive
            else _(
                "Programme of cooperation of {gmina} with non-governmental organisations and entities listed in "
                "art. 3(3) of the Act on public benefit activity and volunteering for {year}"
            )
        )
        return text.format(gmina=name, year=prog.year_from)
    text = (
        pgettext(
            "genitive",
            "Multi-year programme of cooperation of {gmina} with non-governmental organisations "
            "and entities listed in art. 3(3) of the Act on public benefit activity and volunteering for "
            "{start}–{end}",
        )
        if genitive
        else _(
            "Multi-year programme of cooperation of {gmina} with non-governmental organisations and entities "
            "listed in art. 3(3) of the Act on public benefit activity and volunteering for {start}–{end}"
        )
    )
    return text.format(gmina=name, start=prog.year_from, end=prog.year_to)


def resolution_title(prog: data.ProgrammeInfo, gmina: data.GminaInfo) -> str:
    """The subject line: "w sprawie przyjęcia Programu współpracy …"."""
    return _("on adopting the {programme}").format(programme=programme_name(prog, gmina, genitive=True))


def build_resolution(
    db: Database, out_path: Path, programme_id: int | None = None, year: int | None = None, fmt: str = "pdf"
) -> DocumentResult:
    prog = _programme(db, programme_id, year)
    with db.session() as s:
        gmina = data.gmina_info(s)
    forms = gmina.forms
    missing: list[str] = []
    subject = resolution_title(prog, gmina)
    doc = new_document(gmina, _("Draft resolution"), subject, fmt=fmt, council=True, letterhead=False)
    if gmina.council_missing:
        missing.append(_("The council's name is not entered in the gmina profile (File → Gmina profile)."))
    for key in forms.missing if forms else ():
        missing.append(
            _(
                "The gmina profile has no “{field}”; the document prints the name as it stands (File → Gmina profile)."
            ).format(field=_(_FORM_FIELDS[key]))
        )
    # a town's council needs a declined name the profile does not give: a blank to fill in by hand
    council_gen = forms.council_genitive if forms and forms.council_genitive else pgettext("genitive", "Council ……………")
    council = forms.council if forms and forms.council else _("Council ……………")
    head = forms.head if forms else gmina.executive
    head_dative = forms.head_dative if forms else gmina.executive
    session_year = prog.year_from - 1
    adopted = bool(prog.resolution_number and prog.resolution_date)
    number = prog.resolution_number or _("…/…/{year}").format(year=session_year)
    date = long_date(prog.resolution_date) if prog.resolution_date else _("…………… {year}").format(year=session_year)

    if not adopted:
        doc.para(_("DRAFT"), "right")
    doc.para(_("RESOLUTION No {number}").format(number=number), "act")
    doc.para(council_gen.upper(), "act")
    doc.para(_("of {date}").format(date=date), "center")
    doc.spacer(5)
    doc.para("<b>" + esc(subject) + "</b>", "center", markup=True)
    doc.spacer(5)
    doc.para(_legal_basis(prog, gmina, council))
    paragraphs = [
        _("The {programme}, forming the annex to this resolution, is adopted.").format(
            programme=programme_name(prog, gmina)
        ),
        _report_paragraph(prog, head, forms.council_dative if forms and forms.council_dative else ""),
        _("The execution of the resolution is entrusted to the {head}.").format(head=head_dative),
        _("The resolution enters into force on {start} and is subject to publication {journal}.").format(
            start=long_date(dt.date(prog.year_from, 1, 1)),
            journal=forms.journal_locative if forms else _("in the Official Journal of the Voivodeship"),
        ),
    ]
    for i, text in enumerate(paragraphs, 1):
        doc.para(f"<b>§ {i}.</b> " + esc(text), markup=True)
    _signature(doc, council_gen)

    # Annex: the programme.
    doc.page_break()
    doc.para(
        _("Annex to Resolution No {number} of the {council} of {date}").format(
            number=number, council=council_gen, date=date
        ),
        "right",
    )
    doc.para(programme_name(prog, gmina).upper(), "act")
    doc.spacer(4)
    missing += write_programme(doc, prog, gmina)
    _signature(doc, council_gen)

    # Justification.
    doc.page_break()
    doc.para(_("JUSTIFICATION"), "act")
    doc.spacer(4)
    doc.para(
        _(
            "Under art. 5a(1) of the Act on public benefit activity and volunteering the council adopts, after "
            "consultations with non-governmental organisations and entities listed in art. 3(3) of that Act, an "
            "annual programme of cooperation by 30 November of the year preceding its implementation."
        )
    )
    for sentence in consultation_sentences(prog):
        doc.para(sentence)
    if not (prog.consultation_start and prog.consultation_end):
        missing.append(
            _(
                "The consultation has not ended or its dates are not entered; complete them in Programmes "
                "before the draft goes to the council."
            )
        )
    if prog.consultation_summary:
        doc.para(prog.consultation_summary)
    planned = money.programme_plan(prog.planned_total, [(p.year, p.planned) for p in prog.priorities]).total
    if planned is not None:
        doc.para(
            _("The programme plans {amount} for the commissioning of public tasks.").format(
                amount=format_money(planned)
            )
        )
    else:
        msg = _("The amount of planned funds has not been entered.")
        doc.note(msg)
        missing.append(msg)
    if prog.wkus_model_adopted:
        doc.para(_("The programme provides for multi-year contracting of social services under the WKUS model."))
    doc.para(_("In view of the above, adopting the resolution is justified."))
    pages = doc.save(out_path)
    return DocumentResult(Path(out_path), subject, pages, missing)


def _legal_basis(prog: data.ProgrammeInfo, gmina: data.GminaInfo, council: str) -> str:
    if gmina.is_powiat:
        basis = _("art. 12 point 11 of the Act of 5 June 1998 on powiat self-government ({journal})").format(
            journal=act_journal("USP")
        )
    else:
        basis = _("art. 18(2)(15) of the Act of 8 March 1990 on gmina self-government ({journal})").format(
            journal=act_journal("USG")
        )
    # annual programme: art. 5a ust. 1; multi-year: ust. 2; the content required by ust. 4 in both
    ust = _("{a} and {b}").format(a=1 if prog.year_from == prog.year_to else 2, b=4)
    return _(
        "Under {basis} and art. 5a({ust}) of the Act of 24 April 2003 on public benefit activity and "
        "volunteering ({journal}), after consultations with non-governmental organisations and entities listed "
        "in art. 3(3) of that Act, the {council} resolves as follows:"
    ).format(basis=basis, ust=ust, journal=act_journal("UDPPW"), council=council)


def _report_paragraph(prog: data.ProgrammeInfo, head: str, council_dative: str) -> str:
    council_dative = council_dative or _("the council")
    if prog.year_from == prog.year_to:
        return _(
            "The {head} shall submit to {council} the report on the implementation of the programme and publish "
            "it in the Public Information Bulletin by {date}."
        ).format(head=head, council=council_dative, date=long_date(report_deadline(prog.year_to)))
    return _(
        "The {head} shall submit to {council} the report on the implementation of the programme for each year "
        "and publish it in the Public Information Bulletin by 31 May of the following year."
    ).format(head=head, council=council_dative)


def _signature(doc: Any, council_genitive: str) -> None:
    """The chair's signature, on the right: "Przewodniczący Rady Gminy X" over a dotted line."""
    doc.spacer(12)
    doc.para(_("Chair of {council}").format(council=council_genitive), "signature")
    doc.spacer(10)
    doc.para("……………………………………", "signature")
