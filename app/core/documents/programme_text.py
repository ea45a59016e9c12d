"""The annex of the resolution: the cooperation programme, chapter by chapter.

Chapter 1 holds the general provisions (glossary), chapters 2–12 the eleven statutory elements of
art. 5a ust. 4 u.d.p.p.w. in the act's order, chapter 13 the final provisions (the chapter pattern of
published programmes, domain.md §9.1). Each element prints what the clerk entered and, after it, what
the programme's data say (priorities, amounts, consultation dates, the report deadline); where the
clerk entered nothing the chapter gets the standard wording of the act and the builder reports that it
was drafted, so no chapter is a placeholder and nothing typed is changed.

Legal sources of the standard wording: art. 5 ust. 2 and 3 (forms and principles of cooperation),
art. 11 (wspieranie/powierzanie), art. 13 and 15 ust. 2a–2f (competitions and their commissions; the
commission paragraphs are [KNOW] – the article text was not retrieved, see domain.md §6.6), art. 16
ust. 2 (contracts up to 5 years), art. 19a (small grants), art. 19b–19h (local initiative), art. 5a
ust. 2a (the RDPP opinion) and ust. 3 (the report by 31 May).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.core.documents import data
from app.core.documents.common import area_label
from app.core.documents.legal_text import act_journal, long_date, report_deadline
from app.core.documents.pdf import Column, esc
from app.core.domain.programme_elements import ELEMENT_TITLES
from app.core.figures import money
from app.core.i18n import _, format_decimal, format_money, ngettext

#: the glossary chapter comes first, the statutory elements follow
FIRST_ELEMENT_CHAPTER = 2
#: elements whose empty chapter gets the act's standard wording (the others print the programme's data)
STANDARD_WORDING = {1, 2, 4, 7, 9, 11}


def chapter_number(element: int) -> int:
    """The annex chapter holding statutory element `element` (1–11)."""
    return element + FIRST_ELEMENT_CHAPTER - 1


def chapter_heading(element: int) -> str:
    return _("Chapter {n}. {label}").format(n=chapter_number(element), label=_(ELEMENT_TITLES[element]))


def write_programme(doc: Any, prog: data.ProgrammeInfo, gmina: data.GminaInfo) -> list[str]:
    """Write the 13 chapters; returns the remarks for the clerk (what was drafted or is missing)."""
    notes: list[str] = []
    forms = gmina.forms
    doc.heading(_("Chapter {n}. {label}").format(n=1, label=_("General provisions")), 2)
    lead, *items = glossary(prog, gmina)
    doc.para(lead)
    for item in items:
        doc.para(item, "item")
    for n in ELEMENT_TITLES:
        doc.heading(chapter_heading(n), 2)
        typed = prog.elements.get(n, "").strip()
        for part in typed.split("\n"):
            if part.strip():
                doc.para(part.strip(), "item" if _is_item(part) else "body")
        # the clerk may have kept (and edited) the app's draft: a drafted line already in the text is not
        # printed a second time
        drafted = _DRAFTS[n](_Unrepeated(doc, typed), prog, gmina, bool(typed))
        if not typed and drafted and n in STANDARD_WORDING:
            notes.append(
                _(
                    "Chapter {n} ({label}) was drafted from the standard wording of the act; read it before "
                    "the draft goes to the council."
                ).format(n=chapter_number(n), label=_(ELEMENT_TITLES[n]))
            )
        if not typed and not drafted:
            msg = _(
                "Element {n} ({label}) has not been entered; complete it before the draft goes to the council."
            ).format(n=n, label=_(ELEMENT_TITLES[n]))
            doc.note(msg)
            notes.append(msg)
        if n == 7:
            # the way the programme is carried out: who carries it (the WKUS Grupa Robocza, Sopot's coordinator)
            write_team(doc, prog)
    doc.heading(_("Chapter {n}. {label}").format(n=chapter_number(11) + 1, label=_("Final provisions")), 2)
    doc.para(_("1. Changes to the programme are made in the manner proper to its adoption."), "item")
    doc.para(
        _(
            "2. In matters not governed by the programme the provisions of the Act and of the Act on public "
            "finance apply."
        ),
        "item",
    )
    doc.para(
        _("3. The implementation of the programme is coordinated by the {head}.").format(
            head=forms.head if forms else gmina.executive
        ),
        "item",
    )
    return notes


def team_sentences(prog: data.ProgrammeInfo) -> list[str]:
    """The coordinator of the working group in words; nothing when no member is recorded."""
    if not prog.team:
        return []
    coordinators = [m for m in prog.team if m.coordinator]
    if not coordinators:
        return [
            _(
                "The programme is carried out with the working group listed below; no coordinator of the group is "
                "recorded."
            )
        ]
    c = coordinators[0]
    who = _("{name} ({institution})").format(name=c.name, institution=c.institution) if c.institution else c.name
    return [
        _("The programme is carried out with the working group listed below; coordinator of the group: {who}.").format(
            who=who
        )
    ]


def write_team(doc: Any, prog: data.ProgrammeInfo) -> None:
    """The working group (name, institution, role; the coordinator marked), in the clerk's order."""
    for sentence in team_sentences(prog):
        doc.para(sentence)
    if not prog.team:
        return
    doc.table(
        [Column(_("Member"), 2.2), Column(_("Institution"), 2.6), Column(_("Role"), 2.4)],
        [
            [
                m.name,
                m.institution or "—",
                _("{role}; coordinator").format(role=m.role)
                if m.coordinator and m.role
                else (_("coordinator") if m.coordinator else m.role or "—"),
            ]
            for m in prog.team
        ],
    )


def _is_item(line: str) -> bool:
    """ "1) …" or "2. …": a numbered point, printed with a hanging indent."""
    head = line.strip().split(" ", 1)[0]
    return head[:-1].isdigit() and head[-1:] in (")", ".")


class _Unrepeated:
    """The document, minus paragraphs whose text the clerk's element already contains."""

    def __init__(self, doc: Any, typed: str) -> None:
        self._doc, self._typed = doc, " ".join(typed.split())

    def para(self, text: str, style: str = "body", markup: bool = False) -> None:
        if self._typed and " ".join(text.split()) in self._typed:
            return
        self._doc.para(text, style, markup)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._doc, name)


class _TextCollector:
    """Collects the paragraphs a draft would print, as plain text for the clerk to edit."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def para(self, text: str, style: str = "body", markup: bool = False) -> None:
        self.lines.append(text)

    def note(self, text: str) -> None:
        pass

    def table(self, *args: Any, **kwargs: Any) -> None:
        pass

    def __getattr__(self, name: str) -> Any:
        return lambda *a, **k: None


def draft_elements(prog: data.ProgrammeInfo, gmina: data.GminaInfo) -> dict[int, str]:
    """The app's text for each element the programme leaves empty and the act's wording or the
    programme's dates can fill (the programme dialog offers it; the clerk edits and saves it)."""
    out: dict[int, str] = {}
    for n in sorted(STANDARD_WORDING | {3, 6}):
        if prog.elements.get(n, "").strip():
            continue
        collector = _TextCollector()
        _DRAFTS[n](collector, prog, gmina, False)
        if collector.lines:
            out[n] = "\n".join(collector.lines)
    return out


def draft_elements_for(db: Any, year_from: int, year_to: int, typed: dict[int, str]) -> dict[int, str]:
    """`draft_elements` for a programme being edited (its years and the elements typed so far)."""
    with db.session() as s:
        gmina = data.gmina_info(s)
    prog = data.ProgrammeInfo(
        id=0,
        kind="",
        kind_code="",
        title="",
        year_from=year_from,
        year_to=year_to,
        resolution_number="",
        resolution_date=None,
        journal_reference="",
        consultation_start=None,
        consultation_end=None,
        consultation_summary="",
        remarks_received=0,
        remarks_accepted=0,
        rdpp_opinion_date=None,
        rdpp_opinion="",
        wkus_model_adopted=False,
        planned_total=None,
        elements=dict(typed),
        priorities=[],
    )
    return draft_elements(prog, gmina)


def glossary(prog: data.ProgrammeInfo, gmina: data.GminaInfo) -> list[str]:
    """Chapter 1: "Użyte w programie określenia oznaczają: 1) ustawa – …" (every term in the nominative)."""
    forms = gmina.forms
    items = [
        _("Whenever the programme refers to:"),
        _(
            "1) the Act – it means the Act of 24 April 2003 on public benefit activity and volunteering ({journal});"
        ).format(journal=act_journal("UDPPW")),
        _("2) the programme – it means the programme referred to in § 1 of the resolution;"),
        _(
            "3) organisations – it means non-governmental organisations and the entities listed in art. 3(3) of the "
            "Act;"
        ),
        _("4) a grant – it means a grant within the meaning of art. 2 point 1 of the Act;"),
        _(
            "5) a competition – it means an open competition for offers referred to in art. 11(2) and art. 13 of the "
            "Act;"
        ),
    ]
    if forms:
        items += [
            _("6) the Gmina – it means {name};").format(name=forms.nominative),
            _("7) the Council – it means {council};").format(council=forms.council or _("the council of the gmina")),
            _("8) {title} – it means {head}.").format(title=forms.head.split()[0], head=forms.head),
        ]
    return items


def _objectives(doc: Any, prog: data.ProgrammeInfo, gmina: data.GminaInfo, typed: bool) -> bool:
    if typed:
        return True
    name = gmina.forms.genitive if gmina.forms else gmina.name
    doc.para(
        _(
            "The main objective of the programme is to meet the needs of the residents of {name} through "
            "partnership between the gmina and the organisations. The specific objectives are:"
        ).format(name=name)
    )
    for line in (
        _("1) strengthening the civic activity of the residents and of the organisations;"),
        _("2) carrying out public tasks closer to the residents and at a lower cost;"),
        _("3) strengthening the capacity of the organisations to carry out public tasks;"),
        _("4) improving the quality of social services commissioned by the gmina."),
    ):
        doc.para(line, "item")
    return True


def _principles(doc: Any, prog: data.ProgrammeInfo, gmina: data.GminaInfo, typed: bool) -> bool:
    if not typed:
        doc.para(_("Cooperation is based on the principles named in art. 5(3) of the Act:"))
    for line in (
        _("1) subsidiarity – the gmina entrusts or supports tasks that organisations can carry out;"),
        _("2) sovereignty of the parties – the gmina and the organisations are independent of each other;"),
        _("3) partnership – the organisations take part in identifying needs and defining tasks;"),
        _("4) efficiency – tasks are commissioned so as to obtain the best results at a rational cost;"),
        _("5) fair competition – every organisation is informed of and assessed by the same criteria;"),
        _("6) openness – the gmina makes public its plans, the funds and the criteria of its decisions."),
    ):
        doc.para(line, "item")
    return True


def _scope(doc: Any, prog: data.ProgrammeInfo, gmina: data.GminaInfo, typed: bool) -> bool:
    # the labels are sentence-case names; inside a sentence they start in lower case
    areas = sorted({_lower_first(area_label(p.area)) for p in prog.priorities})
    if not typed:
        doc.para(
            _(
                "The subject of cooperation is the carrying out of the public tasks referred to in art. 4(1) of "
                "the Act that are own tasks of the gmina."
            )
        )
    if areas:
        doc.para(
            _("In the period of the programme cooperation covers in particular the areas: {areas}.").format(
                areas="; ".join(areas)
            )
        )
    return True


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _forms(doc: Any, prog: data.ProgrammeInfo, gmina: data.GminaInfo, typed: bool) -> bool:
    doc.para(_("Financial cooperation (art. 5(2) point 1 and art. 11 of the Act) takes the form of:"))
    for line in (
        _("1) entrusting public tasks together with a grant to finance them (powierzanie);"),
        _("2) supporting public tasks together with a grant to co-finance them (wspieranie);"),
        _("3) multi-year contracts for a period not longer than 5 years (art. 16(2) of the Act)."),
    ):
        doc.para(line, "item")
    doc.para(_("Non-financial cooperation (art. 5(2) points 2–7 of the Act) takes the form of:"))
    for line in (
        _("1) mutual information on planned directions of activity;"),
        _("2) consulting draft normative acts in the fields of the organisations' statutory activity;"),
        _("3) joint advisory and initiative teams;"),
        _("4) local initiative contracts (art. 19b–19h of the Act);"),
        _("5) partnership agreements."),
    ):
        doc.para(line, "item")
    return True


def _priorities(doc: Any, prog: data.ProgrammeInfo, gmina: data.GminaInfo, typed: bool) -> bool:
    if prog.priorities:
        doc.para(_("The priority public tasks and the funds planned for them are:"), "lead")
    doc.table(
        [
            Column(_("Year"), 0.6, "RIGHT"),
            Column(_("Priority task"), 3),
            Column(_("Area"), 2.2),
            Column(_("Planned funds"), 1.4, "RIGHT"),
        ],
        [[p.year, p.title, area_label(p.area), format_money(p.planned)] for p in prog.priorities],
        empty_text=_("No priority tasks are entered for this programme."),
    )
    return bool(prog.priorities)


def _period(doc: Any, prog: data.ProgrammeInfo, gmina: data.GminaInfo, typed: bool) -> bool:
    if typed:
        return True
    import datetime as dt

    doc.para(
        _("The programme is carried out from {start} to {end}.").format(
            start=long_date(dt.date(prog.year_from, 1, 1)), end=long_date(dt.date(prog.year_to, 12, 31))
        )
    )
    return True


def _small_grant_limits(year_from: int, year_to: int) -> str:
    """Art. 19a's limits in the wording in force when the programme starts, and each later wording that
    comes into force while it runs (for offers received from its date), with the journal that set it."""
    import datetime as dt

    from app.core.law.data import law

    spec = law().rule("19A-1")
    start, end = dt.date(year_from, 1, 1), dt.date(year_to, 12, 31)

    def limits(day: dt.date) -> str:
        params = spec.params_on(day)
        amount = format_money(Decimal(str(params["max_amount"])))
        if "max_days" in params:
            return _("a grant of up to {amount} for a task of up to {days} days").format(
                amount=amount, days=params["max_days"]
            )
        return _("a grant of up to {amount}, with no limit on the task's length").format(amount=amount)

    first = spec.version_on(start)
    parts = [limits(start)]
    if first is not None and first is not spec.versions[0]:
        parts[0] += _(", as amended by {journal}").format(journal=first.act_version)
    for version in spec.versions[1:]:
        if start < version.in_force_from <= end:
            parts.append(
                _("for offers received from {date}, as amended by {journal}: {limits}").format(
                    date=long_date(version.in_force_from),
                    journal=version.act_version,
                    limits=limits(version.in_force_from),
                )
            )
    return "; ".join(parts)


def _way(doc: Any, prog: data.ProgrammeInfo, gmina: data.GminaInfo, typed: bool) -> bool:
    head = gmina.forms.head if gmina.forms else gmina.executive
    doc.para(_("The programme is carried out by the {head}, in particular through:").format(head=head))
    for line in (
        _("1) open competitions for offers announced under art. 13 of the Act;"),
        _("2) commissioning tasks without a competition under art. 19a of the Act ({limits});").format(
            limits=_small_grant_limits(prog.year_from, prog.year_to)
        ),
        _("3) multi-year contracts, with the amount of each budget year stated separately;"),
        _("4) local initiative on the application of residents;"),
        _("5) consulting with the organisations draft acts concerning their statutory activity."),
    ):
        doc.para(line, "item")
    return True


def _funds(doc: Any, prog: data.ProgrammeInfo, gmina: data.GminaInfo, typed: bool) -> bool:
    # the programme's plan is a money figure: its one owner decides (own total, else the priorities)
    plan = money.programme_plan(prog.planned_total, [(p.year, p.planned) for p in prog.priorities])
    if plan.total is None:
        return False
    if not typed:  # the clerk's own sentence usually states the amount; it is not said twice
        doc.para(_("The funds planned for the programme amount to {amount}.").format(amount=format_money(plan.total)))
    if len(plan.by_year) > 1:
        doc.table(
            [Column(_("Year"), 1, "RIGHT"), Column(_("Planned funds"), 2, "RIGHT")],
            [[y, format_money(v)] for y, v in plan.by_year.items()],
        )
    doc.para(_("The final amount of the funds is set by the budget resolution of the gmina for each year."))
    return True


def _evaluation(doc: Any, prog: data.ProgrammeInfo, gmina: data.GminaInfo, typed: bool) -> bool:
    doc.para(_("The implementation of the programme is evaluated with the following indicators:"))
    for line in (
        _("1) the number of open competitions announced and of offers submitted;"),
        _("2) the number of contracts concluded, including multi-year contracts;"),
        _("3) the amount of grants awarded and settled;"),
        _("4) the number of organisations cooperating with the gmina;"),
        _("5) the number of recipients of the commissioned tasks;"),
        _("6) the number of draft acts consulted with the organisations."),
    ):
        doc.para(line, "item")
    _indicator_targets(doc, prog)
    head = gmina.forms.head if gmina.forms else gmina.executive
    council = gmina.forms.council_dative if gmina.forms and gmina.forms.council_dative else _("the council")
    if prog.year_from == prog.year_to:
        doc.para(
            _(
                "The {head} submits to {council} the report on the implementation of the programme and publishes "
                "it in the Public Information Bulletin by {date}."
            ).format(head=head, council=council, date=long_date(report_deadline(prog.year_to)))
        )
    else:
        doc.para(
            _(
                "The {head} submits to {council} the report on the implementation of the programme in each year "
                "and publishes it in the Public Information Bulletin by 31 May of the following year."
            ).format(head=head, council=council)
        )
    return True


def _indicator_targets(doc: Any, prog: data.ProgrammeInfo) -> None:
    """The planned values the programme sets for its indicators, one column per year; an indicator or a
    year the programme plans nothing for is left out or "—" (the annual report compares with these)."""
    from app.core.figures.programme_indicators import INDICATORS

    if not prog.indicators:
        return
    years = list(range(prog.year_from, prog.year_to + 1))
    rows = [
        [i.name]
        + [format_decimal(prog.indicators[(y, i.code)]) if (y, i.code) in prog.indicators else "—" for y in years]
        for i in INDICATORS
        if any((y, i.code) in prog.indicators for y in years)
    ]
    if not rows:
        return
    doc.para(_("The planned values of the indicators:"))
    doc.table([Column(_("Indicator"), 3.6)] + [Column(str(y), 1, "RIGHT") for y in years], rows)


def _consultation(doc: Any, prog: data.ProgrammeInfo, gmina: data.GminaInfo, typed: bool) -> bool:
    for sentence in consultation_sentences(prog):
        doc.para(sentence)
    return True


def consultation_sentences(prog: data.ProgrammeInfo) -> list[str]:
    """What the record says of the consultation and of the RDPP opinion, and what it does not."""
    out: list[str] = []
    if prog.consultation_start and prog.consultation_end:
        out.append(
            _("The draft programme was consulted with the organisations from {start} to {end}.").format(
                start=long_date(prog.consultation_start), end=long_date(prog.consultation_end)
            )
        )
        received = ngettext("{n} remark was submitted", "{n} remarks were submitted", prog.remarks_received).format(
            n=prog.remarks_received
        )
        accepted = ngettext("{n} of them was accepted", "{n} of them were accepted", prog.remarks_accepted).format(
            n=prog.remarks_accepted
        )
        out.append(
            _("In the consultation {received}; {accepted}.").format(received=received, accepted=accepted)
            if prog.remarks_received
            else _("No remarks were submitted in the consultation.")
        )
    elif prog.consultation_start:
        out.append(
            _(
                "The consultation with the organisations began on {start}; its results will be given here once it ends."
            ).format(start=long_date(prog.consultation_start))
        )
    else:
        out.append(_("The dates of the consultation are not recorded."))
    if prog.rdpp_opinion_date:
        out.append(
            _(
                "The public benefit council gave its opinion on the draft on {date}; the opinion is attached to "
                "the draft (art. 5a(2a) of the Act)."
            ).format(date=long_date(prog.rdpp_opinion_date))
        )
    else:
        out.append(_("No opinion of a public benefit council on the draft is recorded."))
    return out


def _commissions(doc: Any, prog: data.ProgrammeInfo, gmina: data.GminaInfo, typed: bool) -> bool:
    head = gmina.forms.head if gmina.forms else gmina.executive
    lines = [
        _(
            "1. For each open competition the {head} appoints, by an order, a competition commission to give "
            "opinions on the offers (art. 15(2a) of the Act)."
        ).format(head=head),
        _(
            "2. The commission consists of at least two representatives of the {head} and of persons indicated by "
            "the organisations, excluding persons indicated by organisations taking part in the competition "
            "(art. 15(2b) of the Act). Persons with specialist knowledge of the tasks concerned may take part with an "
            "advisory vote (art. 15(2d) of the Act)."
        ).format(head=head),
        _(
            "3. The commission may work without persons indicated by the organisations when none is indicated, when "
            "the persons indicated do not take part, or when all of them are excluded (art. 15(2da) of the Act)."
        ),
        _(
            "4. The chair is designated by the {head}. The commission meets in closed session when at least half of "
            "its members are present, assesses the offers with the criteria of art. 15(1) of the Act on an "
            "evaluation card, and takes its opinion by a majority of votes."
        ).format(head=head),
        _(
            "5. Before the offers are assessed, each member signs a statement that no circumstance excluding him or "
            "her exists; the provisions of the Code of Administrative Procedure on the exclusion of an employee apply "
            "to the members (art. 15(2f) of the Act). A member who is excluded does not take part in the assessment."
        ),
        _(
            "6. The commission draws up minutes containing the proposed decision; the decision on the grants is taken "
            "by the {head}. Work in the commission is unpaid."
        ).format(head=head),
    ]
    for line in lines:
        doc.para(line, "item")
    return True


_DRAFTS = {
    1: _objectives,
    2: _principles,
    3: _scope,
    4: _forms,
    5: _priorities,
    6: _period,
    7: _way,
    8: _funds,
    9: _evaluation,
    10: _consultation,
    11: _commissions,
}

__all__ = [
    "chapter_heading",
    "chapter_number",
    "consultation_sentences",
    "esc",
    "team_sentences",
    "write_programme",
    "write_team",
]
