"""Projekt uchwały adopting a cooperation programme, the programme as annex, and the justification
(domain.md §9.1; the 11 elements of art. 5a ust. 4). Same content in PDF and DOCX."""

from __future__ import annotations

from pathlib import Path

from app.core.db.engine import Database
from app.core.documents import data
from app.core.documents.common import DocumentResult, area_label, new_document
from app.core.documents.pdf import Column
from app.core.errors import NotFound
from app.core.figures import money
from app.core.i18n import N_, _, format_date, format_money

#: The 11 statutory elements of the programme (art. 5a ust. 4), in the order of the Act.
ELEMENTS: dict[int, str] = {
    1: N_("Main objective and specific objectives of the programme"),
    2: N_("Principles of cooperation"),
    3: N_("Subject scope"),
    4: N_("Forms of cooperation"),
    5: N_("Priority public tasks"),
    6: N_("Period of the programme"),
    7: N_("Way of implementing the programme"),
    8: N_("Amount of funds planned for the programme"),
    9: N_("Way of evaluating the implementation of the programme"),
    10: N_("How the programme was created and how the consultations went"),
    11: N_("Appointment and work of the competition commissions"),
}


def _programme(db: Database, programme_id: int | None, year: int | None) -> data.ProgrammeInfo:
    with db.session() as s:
        if programme_id is not None:
            return data.programme(s, programme_id)
        if year is not None:
            prog = data.programme_for_year(s, year)
            if prog is not None:
                return prog
        progs = data.programmes(s)
    if not progs:
        raise NotFound(_("No cooperation programme is recorded; enter one in Programmes first."))
    return progs[-1]


def resolution_title(prog: data.ProgrammeInfo, gmina: data.GminaInfo) -> str:
    if prog.year_from == prog.year_to:
        return _("on adopting the programme of cooperation of {gmina} with non-governmental organisations and "
                 "entities listed in art. 3(3) of the Act on public benefit activity and volunteering for {year}"
                 ).format(gmina=gmina.name, year=prog.year_from)
    return _("on adopting the multi-year programme of cooperation of {gmina} with non-governmental organisations and "
             "entities listed in art. 3(3) of the Act on public benefit activity and volunteering for {start}–{end}"
             ).format(gmina=gmina.name, start=prog.year_from, end=prog.year_to)


def build_resolution(db: Database, out_path: Path, programme_id: int | None = None, year: int | None = None,
                     fmt: str = "pdf") -> DocumentResult:
    prog = _programme(db, programme_id, year)
    with db.session() as s:
        gmina = data.gmina_info(s)
    missing: list[str] = []
    title = _("Draft resolution")
    subject = resolution_title(prog, gmina)
    doc = new_document(gmina, title, subject, fmt=fmt)
    # a town's council needs a declined name the profile does not give: a blank to fill in by hand
    council = gmina.council or _("Council ……………")
    if gmina.council_missing:
        missing.append(_("The council's name is not entered in the gmina profile (File → Gmina profile)."))
    doc.para(_("DRAFT"), "center")
    doc.title(_("RESOLUTION No …/…/{year}").format(year=prog.year_from - 1),
              _("of the {council} of …………… {year}").format(council=council, year=prog.year_from - 1))
    doc.para(subject, "center")
    doc.spacer(4)
    basis_gmina = (_("art. 12 point 11 of the Act of 5 June 1998 on powiat self-government") if gmina.is_powiat else
                   _("art. 18(2)(15) of the Act of 8 March 1990 on gmina self-government"))
    ust = "2" if prog.year_from != prog.year_to else "1"
    doc.para(_("Under {basis} and art. 5a({ust}) of the Act of 24 April 2003 on public benefit activity and "
               "volunteering, after consultations with non-governmental organisations and entities listed in art. "
               "3(3) of that Act, the {council} resolves as follows:").format(basis=basis_gmina, ust=ust,
                                                                            council=council))
    paragraphs = [
        _("The programme of cooperation for {period}, forming the annex to this resolution, is adopted.").format(
            period=prog.period),
        _("The {executive} shall submit to the council and publish in the Public Information Bulletin the report on "
          "the implementation of the programme by 31 May of the following year.").format(executive=gmina.executive),
        _("The {executive} is entrusted with the execution of this resolution.").format(executive=gmina.executive),
        _("The resolution enters into force 14 days after its publication in the Official Journal of the "
          "Voivodeship, with effect from 1 January {year}.").format(year=prog.year_from),
    ]
    for i, text in enumerate(paragraphs, 1):
        doc.para(f"<b>§ {i}.</b> " + _escape(text), markup=True)
    doc.spacer(10)
    doc.para(_("Chair of the council"), "center")
    doc.para("……………………………………", "center")

    # Annex: the programme with all 11 statutory elements.
    doc.page_break()
    doc.para(_("Annex to resolution No …/…/{year} of the {council}").format(year=prog.year_from - 1, council=council),
             "note")
    doc.title(_("Programme of cooperation for {period}").format(period=prog.period), prog.title or gmina.name)
    for n, label in ELEMENTS.items():
        doc.heading(_("Chapter {n}. {label}").format(n=n, label=_(label)), 2)
        text = prog.elements.get(n, "").strip()
        if n == 6 and not text:
            text = _("The programme covers the period from 1 January {start} to 31 December {end}.").format(
                start=prog.year_from, end=prog.year_to)
        if text:
            doc.para(text)
        elif n not in (5, 8):
            msg = _("Element {n} ({label}) has not been entered; complete it before the draft goes to the council."
                    ).format(n=n, label=_(label))
            doc.note(msg)
            missing.append(msg)
        if n == 5:
            doc.table([Column(_("Year"), 0.6, "RIGHT"), Column(_("Priority task"), 3), Column(_("Area"), 2.2),
                       Column(_("Planned funds"), 1.4, "RIGHT")],
                      [[p.year, p.title, area_label(p.area), format_money(p.planned)] for p in prog.priorities],
                      empty_text=_("No priority tasks are entered for this programme."))
        if n == 8:
            plan = money.programme_plan(prog.planned_total, [(p.year, p.planned) for p in prog.priorities])
            if plan.total is not None:
                doc.para(_("The funds planned for the programme amount to {amount}.").format(
                    amount=format_money(plan.total)))
                if len(plan.by_year) > 1:
                    doc.table([Column(_("Year"), 1, "RIGHT"), Column(_("Planned funds"), 2, "RIGHT")],
                              [[y, format_money(v)] for y, v in plan.by_year.items()])
            else:
                msg = _("The amount of planned funds has not been entered.")
                doc.note(msg)
                missing.append(msg)

    # Justification.
    doc.page_break()
    doc.heading(_("Justification"))
    doc.para(_("Under art. 5a(1) of the Act on public benefit activity and volunteering, the council adopts, after "
               "consultations with non-governmental organisations, an annual programme of cooperation by 30 November "
               "of the year preceding its implementation."))
    if prog.consultation_start or prog.consultation_end:
        doc.para(_("The draft programme was consulted from {start} to {end}. {received} remarks were submitted, of "
                   "which {accepted} were accepted.").format(start=format_date(prog.consultation_start),
                                                            end=format_date(prog.consultation_end),
                                                            received=prog.remarks_received,
                                                            accepted=prog.remarks_accepted))
    else:
        msg = _("The dates of the consultations have not been entered.")
        doc.note(msg)
        missing.append(msg)
    if prog.consultation_summary:
        doc.para(prog.consultation_summary)
    if prog.rdpp_opinion_date:
        doc.para(_("The public benefit council issued its opinion on {date}; the opinion is attached.").format(
            date=format_date(prog.rdpp_opinion_date)))
    if prog.wkus_model_adopted:
        doc.para(_("The programme provides for multi-year contracting of social services under the WKUS model."))
    doc.para(_("In view of the above, adopting the resolution is justified."))
    pages = doc.save(out_path)
    return DocumentResult(Path(out_path), subject, pages, missing)


def _escape(text: str) -> str:
    from app.core.documents.pdf import esc

    return esc(text)
