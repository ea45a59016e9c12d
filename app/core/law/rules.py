"""Compliance checks of domain.md §7: one small pure function per rule id.

Every rule function takes ORM objects (saved or not yet saved) plus `today` and the law tables
and returns `Finding`s; nothing here writes to the database. Entry points:

* `check_all(db, today)` – every rule over the whole database (the "Zgodność z ustawą" view);
* `check_programme`, `check_procedure`, `check_contract`, `check_rdpp_request` – one record,
  meant to be called by the services before saving: refuse on any `Severity.ERROR` finding that
  is not `missing_data`, ask for confirmation on warnings.

Severity comes from `resources/law/rules.toml`; a rule whose article was not verified against
the act's text ([KNOW] in domain.md) is always a warning (see `RuleSpec.severity`).
Rules that lack the data to be evaluated return a finding with `missing_data=True` saying which
data is missing, instead of guessing.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.calendar import add_months, add_working_days, add_years, deadline_on_working_day
from app.core.db.engine import Database
from app.core.db.models import (
    Contract,
    CooperationProgramme,
    Procedure,
    PublicTask,
    RdppRequest,
    Setting,
    Tranche,
)
from app.core.domain.enums import ContractForm, ContractStatus, ProcedureRoute, ProgrammeKind, ReportKind
from app.core.errors import UserFacingError
from app.core.figures import money
from app.core.i18n import N_, _, format_date, format_money, format_percent, ngettext
from app.core.law.amendments import allows_note, unchecked_note
from app.core.law.data import LawData, law
from app.core.law.deadlines import (
    LOCAL_REPORT_DATE_KEY,
    annual_adoption_due,
    expected_reports,
    grant_return_last_day,
    parse_local_report_date,
    programme_report_due,
    remarks_window_end,
    report_year,
    statutory_report_due,
)
from app.core.law.interest import LateReturnInterest, late_return_interest
from app.core.law.planned_grants import planned_by_year
from app.core.law.refs import contract_ref, procedure_ref, programme_ref, rdpp_ref, report_ref
from app.core.law.resolutions import (
    CONSULTATION_KEY,
    LOCAL_INITIATIVE_KEY,
    SOCIAL_WORK_KEY,
    CouncilResolution,
    parse_resolution,
    parse_yes_no,
)
from app.core.law.types import Finding, RecordRef, Severity


class _Ctx:
    """What every rule needs: today, the law tables, and a finding factory."""

    def __init__(self, today: dt.date, data: LawData | None, local_report_date: tuple[int, int] | None = None) -> None:
        self.today = today
        self.law = data or law()
        #: (month, day) the council's own resolution sets for the programme report, if earlier
        self.local_report_date = local_report_date

    def basis(self, rule_id: str) -> str:
        return self.law.rule_citation(rule_id, self.today)

    def params(self, rule_id: str, on: dt.date | None = None) -> dict:
        """The rule's parameters in the wording in force on `on` (the date the check judges)."""
        return self.law.rule(rule_id).params_on(on or self.today)

    def finding(
        self, rule_id: str, message: str, record: RecordRef, *, warning: bool = False, missing: bool = False
    ) -> Finding:
        """`message` may contain {basis}; it is filled with the article so every message cites it."""
        spec = self.law.rule(rule_id)
        severity = Severity.WARNING if (warning or missing) else Severity(spec.severity)
        basis = self.basis(rule_id)
        # replace, not format: the message may already hold user text with braces
        return Finding(rule_id, severity, message.replace("{basis}", basis), basis, record, missing_data=missing)

    def judge(
        self, rule_id: str, on: dt.date | None, check: Callable[[dict[str, Any]], str | None], record: RecordRef
    ) -> list[Finding]:
        """`check` under the wording in force on `on`; it returns the message of a breach, or None.

        When that wording is an amendment not checked against the act's text, `check` also runs under
        the wording before it: a breach both give stays the rule's severity, a breach only one gives is a
        warning naming the amendment and what to check, never an error (an unread text may relax a
        limit, and it may not silently make a lawful grant unlawful either).
        """
        day = on or self.today
        spec = self.law.rule(rule_id)
        now = check(spec.params_on(day))
        amendment = spec.unverified_amendment_on(day)
        if amendment is None:
            return [self.finding(rule_id, now, record)] if now else []
        before = check(spec.params_before(amendment))
        if now is None and before is None:
            return []

        if now is None:
            assert before is not None
            return [self.finding(rule_id, before + allows_note(spec, amendment), record, warning=True)]
        return [self.finding(rule_id, now + unchecked_note(spec, amendment), record, warning=before is None)]

    def missing(self, rule_id: str, what: str, record: RecordRef) -> Finding:
        return self.finding(
            rule_id,
            _("Cannot check {basis}: {what} is missing.").replace("{what}", what),
            record,
            missing=True,
        )


# ---- programmes ------------------------------------------------------------------------------


def rule_prg_1(p: CooperationProgramme, ctx: _Ctx) -> list[Finding]:
    """Annual programme adopted by 30 November of the year before it applies.

    "Roczny program współpracy jest uchwalany do dnia 30 listopada roku poprzedzającego okres
    obowiązywania programu" names the annual programme only; a multi-year one is adopted "w sposób
    określony w ust. 1", so its late adoption is reported as a warning, not as a breach.
    """
    due = annual_adoption_due(p.year_from, ctx.law)
    ref = programme_ref(p)
    multi = p.kind is ProgrammeKind.MULTI_YEAR
    if p.resolution_date is None:
        if ctx.today > due:
            return [ctx.missing("PRG-1", _("the date of the council's resolution"), ref)]
        return []
    if p.resolution_date > due:
        return [
            ctx.finding(
                "PRG-1",
                _("The programme was adopted on {date}, after the statutory deadline {due} ({{basis}}).").format(
                    date=format_date(p.resolution_date), due=format_date(due)
                ),
                ref,
                warning=multi,
            )
        ]
    return []


def rule_prg_1_annual(programmes: Sequence[CooperationProgramme], ctx: _Ctx) -> list[Finding]:
    """Every year a multi-year programme covers still needs its annual programme (art. 5a ust. 1–2).

    Only years whose adoption deadline has passed are reported; nothing is said about years no
    programme covers at all (the app cannot know whether the gmina used it then).
    """
    annual = {y for p in programmes if p.kind is ProgrammeKind.ANNUAL for y in range(p.year_from, p.year_to + 1)}
    out = []
    seen: set[int] = set()
    for p in programmes:
        if p.kind is not ProgrammeKind.MULTI_YEAR:
            continue
        for year in range(p.year_from, p.year_to + 1):
            if year in annual or year in seen:
                continue
            seen.add(year)
            try:
                due = annual_adoption_due(year, ctx.law)
            except ValueError:  # a year no date can have (a typo the form refuses): nothing to say
                continue
            if ctx.today > due:
                out.append(
                    ctx.finding(
                        "PRG-1",
                        _(
                            "There is no annual cooperation programme for {year} (due by {due}); the multi-year programme "
                            "does not replace it ({{basis}})."
                        ).format(year=year, due=format_date(due)),
                        programme_ref(p),
                    )
                )
    return out


def rule_prg_2(p: CooperationProgramme, ctx: _Ctx) -> list[Finding]:
    """Consultations held before adoption; an RDPP opinion, if given, attached to the draft."""
    ref = programme_ref(p)
    out = []
    if p.resolution_date is not None:
        if p.consultation_start is None or p.consultation_end is None:
            out.append(
                ctx.finding(
                    "PRG-2",
                    _("No consultation with organisations is recorded before the programme was adopted ({basis})."),
                    ref,
                )
            )
        elif p.consultation_end > p.resolution_date:
            out.append(
                ctx.finding(
                    "PRG-2",
                    _("The consultation ended on {end}, after the programme was adopted on {date} ({{basis}}).").format(
                        end=format_date(p.consultation_end), date=format_date(p.resolution_date)
                    ),
                    ref,
                )
            )
    if p.rdpp_opinion_date is not None and not p.rdpp_opinion.strip():
        out.append(
            ctx.finding(
                "PRG-2",
                _("The RDPP gave an opinion on {date} but its text is not attached to the draft ({{basis}}).").format(
                    date=format_date(p.rdpp_opinion_date)
                ),
                ref,
                warning=True,
            )
        )
    return out


def rule_prg_3(p: CooperationProgramme, ctx: _Ctx) -> list[Finding]:
    """The programme contains all 11 elements of art. 5a ust. 4."""
    count = ctx.params("PRG-3")["elements"]
    present = {e.number for e in p.elements if e.text and e.text.strip()}
    missing = [n for n in range(1, count + 1) if n not in present]
    if not missing:
        return []
    return [
        ctx.finding(
            "PRG-3",
            _("The programme lacks the mandatory elements no. {numbers} ({{basis}}).").format(
                numbers=", ".join(str(n) for n in missing)
            ),
            programme_ref(p),
        )
    ]


def rule_prg_4(p: CooperationProgramme, ctx: _Ctx) -> list[Finding]:
    """A multi-year programme spans more than one year (it still needs a report each year: RPT-1)."""
    if p.kind is ProgrammeKind.MULTI_YEAR and p.year_to <= p.year_from:
        return [
            ctx.finding(
                "PRG-4",
                _(
                    "A multi-year programme must end in a later year than it starts ({year_from}–{year_to}) ({{basis}})."
                ).format(year_from=p.year_from, year_to=p.year_to),
                programme_ref(p),
            )
        ]
    if p.year_to < p.year_from:
        return [
            ctx.finding(
                "PRG-4",
                _("The programme ends ({year_to}) before it starts ({year_from}) ({{basis}}).").format(
                    year_from=p.year_from, year_to=p.year_to
                ),
                programme_ref(p),
            )
        ]
    return []


def rule_rpt_1(p: CooperationProgramme, ctx: _Ctx) -> list[Finding]:
    """The report on each programme year is submitted to the council and published in BIP by 31 May."""
    reports = {r.year: r for r in p.reports}
    out = []
    for year in range(p.year_from, p.year_to + 1):
        due = programme_report_due(year, ctx.law, ctx.local_report_date)
        r = reports.get(year)
        dates = [] if r is None else [r.submitted_to_council, r.published_in_bip]
        if ctx.today <= due and (r is None or None in dates):
            continue  # not due yet
        if r is None or None in dates:
            out.append(
                ctx.finding(
                    "RPT-1",
                    _(
                        "The report on the programme for {year} was not submitted to the council and published in BIP "
                        "by {due} ({{basis}})."
                    ).format(year=year, due=format_date(due)),
                    programme_ref(p),
                )
            )
        elif max(d for d in dates if d) > due:
            out.append(
                ctx.finding(
                    "RPT-1",
                    _(
                        "The report on the programme for {year} was submitted or published after {due} ({{basis}})."
                    ).format(year=year, due=format_date(due)),
                    programme_ref(p),
                )
            )
    return out


# ---- procedures ------------------------------------------------------------------------------


def rule_kon_1(p: Procedure, ctx: _Ctx) -> list[Finding]:
    """Offer deadline at least 21 days after the last of the three publications."""
    if p.route is not ProcedureRoute.OPEN_COMPETITION:
        return []
    ref = procedure_ref(p)
    channels = {
        _("publication date in BIP"): p.published_bip,
        _("publication date on the notice board"): p.published_board,
        _("publication date on the website"): p.published_website,
    }
    lacking = [name for name, value in channels.items() if value is None]
    if lacking:
        return [ctx.missing("KON-1", ", ".join(lacking), ref)]
    if p.offer_deadline is None:
        return [ctx.missing("KON-1", _("the offer deadline"), ref)]
    min_days = ctx.params("KON-1")["min_days"]
    last = max(d for d in channels.values() if d is not None)
    earliest = last + dt.timedelta(days=min_days)
    if p.offer_deadline < earliest:
        return [
            ctx.finding(
                "KON-1",
                _(
                    "The offer deadline {deadline} is {days} days after the last publication ({last}); the act requires "
                    "at least {min_days} days, i.e. not earlier than {earliest} ({{basis}})."
                ).format(
                    deadline=format_date(p.offer_deadline),
                    days=(p.offer_deadline - last).days,
                    last=format_date(last),
                    min_days=min_days,
                    earliest=format_date(earliest),
                ),
                ref,
            )
        ]
    return []


def rule_kon_2(p: Procedure, ctx: _Ctx) -> list[Finding]:
    """The announcement lists same-type tasks of this and the previous year with their costs."""
    if p.route is not ProcedureRoute.OPEN_COMPETITION or p.lists_previous_years:
        return []
    if p.published_bip is None and p.published_board is None and p.published_website is None:
        return []  # a planned competition has no announcement yet: nothing it could be missing
    if p.lists_previous_years is None:
        # not recorded (an import without the fact): unknown, never a breach
        return [
            ctx.missing(
                "KON-2",
                _(
                    "whether the announcement lists the tasks of the same type carried out "
                    "this year and last year with their costs"
                ),
                procedure_ref(p),
            )
        ]
    return [
        ctx.finding(
            "KON-2",
            _(
                "The announcement does not list the tasks of the same type carried out this year and last year with "
                "their costs ({basis})."
            ),
            procedure_ref(p),
        )
    ]


def rule_kon_3(p: Procedure, ctx: _Ctx) -> list[Finding]:
    """No offer, or no offer meeting the requirements: the competition must be annulled and that published."""
    if p.route is not ProcedureRoute.OPEN_COMPETITION or p.offer_deadline is None or ctx.today <= p.offer_deadline:
        return []
    none_valid = p.offers_received == 0 or p.offers_rejected >= p.offers_received
    if not none_valid:
        return []
    if not p.annulled:
        return [
            ctx.finding(
                "KON-3",
                _(
                    "The competition received {received} offers and {rejected} were rejected, but it was not annulled "
                    "({{basis}})."
                ).format(received=p.offers_received, rejected=p.offers_rejected),
                procedure_ref(p),
            )
        ]
    if p.annulment_date is None:
        return [ctx.missing("KON-3", _("the date the annulment was published"), procedure_ref(p))]
    return []


#: Art. 13 ust. 2 points 1–6, as the act names them (English msgids, shown translated)
ANNOUNCEMENT_POINTS = {
    1: N_("the kind of task"),
    2: N_("the public funds for the task"),
    3: N_("the rules for granting the grants"),
    4: N_("the dates and conditions of carrying out the task"),
    5: N_("the deadline for offers"),
    6: N_("the procedure and criteria for choosing offers and the date of the choice"),
}


def parse_points(text: str | None) -> set[int] | None:
    """ "1,2,4" -> {1, 2, 4}; None (not recorded) stays None; anything that is not a point is ignored."""
    if text is None:
        return None
    return {int(x) for x in text.replace(";", ",").split(",") if x.strip().isdigit()}


def _announced(p: Procedure) -> bool:
    return any(d is not None for d in (p.published_bip, p.published_board, p.published_website))


def rule_kon_4(p: Procedure, ctx: _Ctx) -> list[Finding]:
    """The announcement contains the information of art. 13 ust. 2 points 1–6."""
    if p.route is not ProcedureRoute.OPEN_COMPETITION or not _announced(p):
        return []
    present = parse_points(p.announcement_points)
    ref = procedure_ref(p)
    if present is None:
        return [ctx.missing("KON-4", _("which information of points 1–6 the announcement contains"), ref)]
    count = ctx.params("KON-4", p.published_bip or p.published_board or p.published_website)["points"]
    missing = [n for n in range(1, count + 1) if n not in present]
    if not missing:
        return []
    named = "; ".join(
        _("point {n}: {what}").format(n=n, what=_(ANNOUNCEMENT_POINTS[n]))
        if n in ANNOUNCEMENT_POINTS
        else _("point {n}").format(n=n)
        for n in missing
    )
    return [
        ctx.finding(
            "KON-4", _("The announcement lacks the information of {points} ({{basis}}).").format(points=named), ref
        )
    ]


def rule_kon_5(p: Procedure, ctx: _Ctx) -> list[Finding]:
    """Announced in BIP, on the office's notice board and on its website, each with its date."""
    if p.route is not ProcedureRoute.OPEN_COMPETITION or not _announced(p):
        return []
    channels = (
        (_("in BIP"), p.published_bip),
        (_("on the office's notice board"), p.published_board),
        (_("on the website"), p.published_website),
    )
    lacking = [name for name, day in channels if day is None]
    if not lacking:
        return []
    done = ", ".join(
        _("{where} on {date}").format(where=name, date=format_date(day)) for name, day in channels if day is not None
    )
    # an empty date is not recorded rather than "not published": named, but never a breach (unknown stays unknown)
    return [
        ctx.finding(
            "KON-5",
            _(
                "The competition is recorded as announced {done}, but not {lacking}; the act requires all three places "
                "({{basis}})."
            ).format(done=done, lacking=", ".join(lacking)),
            procedure_ref(p),
            missing=True,
        )
    ]


def rule_kon_6(p: Procedure, ctx: _Ctx) -> list[Finding]:
    """The results (or the annulment) made public in BIP, on the notice board and on the website, each dated.

    "Niezwłocznie" sets no number of days, so no date is judged late: only a place without a date is named,
    as missing data (it may be published and not entered), never as a breach.
    """
    if p.route is not ProcedureRoute.OPEN_COMPETITION:
        return []
    if not p.annulled and p.decision_date is None:
        return []  # nothing chosen yet: there are no results to publish
    channels = (
        (_("in BIP"), p.results_published),
        (_("on the office's notice board"), p.results_published_board),
        (_("on the website"), p.results_published_website),
    )
    lacking = [name for name, day in channels if day is None]
    if not lacking:
        return []
    what = _("the information on the annulment") if p.annulled else _("the results")
    return [
        ctx.missing(
            "KON-6",
            _("the date of making {what} public {where}").format(what=what, where=", ".join(lacking)),
            procedure_ref(p),
        )
    ]


def rule_kom_1(p: Procedure, ctx: _Ctx) -> list[Finding]:
    """The competition commission of art. 15 ust. 2a–2f, judged once offers were chosen.

    Before the choice (no decision date) nothing is said: the commission may still be appointed.
    """
    if p.route is not ProcedureRoute.OPEN_COMPETITION or p.decision_date is None or p.annulled:
        return []
    ref = procedure_ref(p)
    facts = (p.commission_appointed, p.commission_ngo_members, p.commission_offeror_members, p.commission_statements)
    if all(f is None for f in facts):
        return [ctx.missing("KOM-1", _("the competition commission (the date it was appointed and its members)"), ref)]
    out = []
    if p.commission_appointed is None:
        out.append(ctx.missing("KOM-1", _("the date the commission was appointed"), ref))
    elif p.commission_appointed > p.decision_date:
        out.append(
            ctx.finding(
                "KOM-1",
                _(
                    "The commission was appointed on {appointed}, after the offers were chosen on {decision}; it is "
                    "appointed to give its opinion on the offers ({{basis}})."
                ).format(appointed=format_date(p.commission_appointed), decision=format_date(p.decision_date)),
                ref,
            )
        )
    if p.commission_offeror_members:
        out.append(
            ctx.finding(
                "KOM-1",
                ngettext(
                    "{count} member of the commission represents an organisation taking part in the competition; such "
                    "persons are excluded ({{basis}}).",
                    "{count} members of the commission represent organisations taking part in the competition; such "
                    "persons are excluded ({{basis}}).",
                    p.commission_offeror_members,
                ).format(count=p.commission_offeror_members),
                ref,
            )
        )
    if p.commission_ngo_members == 0:
        out.append(
            ctx.finding(
                "KOM-1",
                _(
                    "The commission has no members from organisations; it may work without them only if no organisation "
                    "named anyone, the persons named did not take part, or all of them were excluded. Say which in the "
                    "notes ({basis})."
                ),
                ref,
                warning=True,
            )
        )
    if p.commission_statements is False:
        out.append(
            ctx.finding(
                "KOM-1",
                _(
                    "Not every member of the commission made a statement of impartiality towards the offerors ({basis})."
                ),
                ref,
                warning=True,
            )
        )
    return out


def rule_19a_1(p: Procedure, contracts: Sequence[Contract], ctx: _Ctx) -> list[Finding]:
    """Art. 19a ust. 1: the grant and the task's length within the limits of the wording in force.

    The wording is the one in force when the offer came in (an amendment applies to offers received
    from its date; without a receipt date, the publication date); Dz.U. 2026 poz. 1040 (unverified)
    raises 10 000 zł to 20 000 zł and repeals the 90 days. The "local or regional character"
    condition is not in the data model; the clerk assesses it.
    """
    if p.route is not ProcedureRoute.SMALL_GRANT_19A:
        return []
    judged = p.received_date or p.publication_start
    ref = procedure_ref(p)
    out = []
    granted = [sum((t.amount for t in c.tranches), Decimal("0")) for c in contracts]
    amount = max(granted) if granted and max(granted) > 0 else p.planned_amount
    if amount is None:
        out.append(ctx.missing("19A-1", _("the grant amount"), ref))
    else:

        def over_amount(spec: dict[str, Any]) -> str | None:
            limit = Decimal(str(spec["max_amount"]))
            if amount <= limit:
                return None
            return _(
                "The grant of {amount} exceeds the limit of {limit} for a grant without competition ({{basis}})."
            ).format(amount=format_money(amount), limit=format_money(limit))

        out += ctx.judge("19A-1", judged, over_amount, ref)
    start, end = p.task_start, p.task_end
    if contracts and (start is None or end is None):
        start, end = contracts[0].start_date, contracts[0].end_date
    spec = ctx.law.rule("19A-1")
    day = judged or ctx.today
    amendment = spec.unverified_amendment_on(day)
    limited = "max_days" in spec.params_on(day) or (
        amendment is not None and "max_days" in spec.params_before(amendment)
    )
    if start is None or end is None:
        if limited:  # a wording without a day limit needs no dates
            out.append(ctx.missing("19A-1", _("the start and end dates of the task"), ref))
    else:
        days = (end - start).days + 1  # both days count: 1–90 March is 90 days

        def too_long(spec: dict[str, Any]) -> str | None:
            if "max_days" not in spec or days <= spec["max_days"]:
                return None  # no "max_days": the wording sets no limit on the task's length
            return _(
                "The task lasts {days} days; without a competition it may last at most {max_days} days ({{basis}})."
            ).format(days=days, max_days=spec["max_days"])

        out += ctx.judge("19A-1", judged, too_long, ref)
    return out


def rule_19a_2(p: Procedure, contracts: Sequence[Contract], ctx: _Ctx) -> list[Finding]:
    """Offer published within 7 working days of receipt, for 7 days; contract only after the remarks window."""
    if p.route is not ProcedureRoute.SMALL_GRANT_19A:
        return []
    spec = ctx.params("19A-2", p.received_date)
    ref = procedure_ref(p)
    if p.received_date is None:
        return [ctx.missing("19A-2", _("the date the offer was received"), ref)]
    latest = add_working_days(p.received_date, spec["publish_within_working_days"])
    if p.publication_start is None:
        if ctx.today > latest:
            return [
                ctx.finding(
                    "19A-2",
                    _("The offer received on {received} was not published by {latest} ({{basis}}).").format(
                        received=format_date(p.received_date), latest=format_date(latest)
                    ),
                    ref,
                )
            ]
        return []
    out = []
    if p.publication_start > latest:
        out.append(
            ctx.finding(
                "19A-2",
                _(
                    "The offer received on {received} was published on {published}, later than 7 working days "
                    "(by {latest}) ({{basis}})."
                ).format(
                    received=format_date(p.received_date),
                    published=format_date(p.publication_start),
                    latest=format_date(latest),
                ),
                ref,
            )
        )
    # "na okres 7 dni" and "w terminie 7 dni od dnia zamieszczenia": the publication day is not
    # counted (k.c. art. 111 § 2), so both end with publication + 7; the remarks window, a term
    # for an act, moves off a day free of work (k.c. art. 115)
    shown_until = p.publication_start + dt.timedelta(days=spec["publication_days"])
    last_day = remarks_window_end(p.publication_start, ctx.law)
    if p.publication_end is not None and p.publication_end < shown_until:
        # one day short is the common count that includes the publication day: a warning, since only
        # k.c. art. 111 § 2 (not art. 19a itself) excludes that day; shorter is a breach in any count
        one_day_short = p.publication_end == shown_until - dt.timedelta(days=1)
        out.append(
            ctx.finding(
                "19A-2",
                _(
                    "The offer was published only until {end}; it must stay published for 7 days, until {last} ({{basis}})."
                ).format(end=format_date(p.publication_end), last=format_date(shown_until)),
                ref,
                warning=one_day_short,
            )
        )
    for c in contracts:
        if c.signed_date is not None and c.signed_date <= last_day:
            out.append(
                ctx.finding(
                    "19A-2",
                    _(
                        "The contract was signed on {signed}, before the 7-day window for remarks closed on {last} ({{basis}})."
                    ).format(signed=format_date(c.signed_date), last=format_date(last_day)),
                    contract_ref(c),
                )
            )
    return out


def rule_19a_5(p: Procedure, ctx: _Ctx) -> list[Finding]:
    """The small-grant offer published in BIP, on the notice board and on the website (art. 19a ust. 3).

    "W terminie nie dłuższym niż 7 dni roboczych od dnia wpłynięcia oferty, organ [...] zamieszcza ofertę na
    okres 7 dni: 1) w Biuletynie Informacji Publicznej; 2) w siedzibie organu [...]; 3) na stronie
    internetowej organu": one term for the three places. BIP is publication_start, whose timing 19A-2
    judges; the board and the website are judged here against the same limit. A place without a date is
    named as missing data, never a breach: it may be published there and not entered.
    """
    if p.route is not ProcedureRoute.SMALL_GRANT_19A or p.publication_start is None:
        return []
    ref = procedure_ref(p)
    channels = (
        (_("on the office's notice board"), p.offer_published_board),
        (_("on the website"), p.offer_published_website),
    )
    out = []
    if p.received_date is not None:
        spec = ctx.params("19A-5", p.received_date)
        latest = add_working_days(p.received_date, spec["publish_within_working_days"])
        for where, day in channels:
            if day is not None and day > latest:
                out.append(
                    ctx.finding(
                        "19A-5",
                        _(
                            "The offer received on {received} was published {where} on {published}, later than 7 working "
                            "days (by {latest}) ({{basis}})."
                        ).format(
                            received=format_date(p.received_date),
                            where=where,
                            published=format_date(day),
                            latest=format_date(latest),
                        ),
                        ref,
                    )
                )
    lacking = [name for name, day in channels if day is None]
    if lacking:
        out.append(
            ctx.missing("19A-5", _("the date the offer was published {where}").format(where=", ".join(lacking)), ref)
        )
    return out


def rule_19a_6(p: Procedure, contracts: Sequence[Contract], ctx: _Ctx) -> list[Finding]:
    """The contract concluded only after the remarks on the offer were considered (art. 19a ust. 5)."""
    if p.route is not ProcedureRoute.SMALL_GRANT_19A:
        return []
    signed = [c for c in contracts if c.signed_date is not None]
    if not signed:
        return []  # nothing signed yet: the remarks may still be considered
    if p.remarks_considered is None:
        return [ctx.missing("19A-6", _("the date the remarks on the offer were considered"), procedure_ref(p))]
    # "po rozpatrzeniu uwag [...] zawiera umowę" orders the steps, not the hours: remarks considered on the
    # signing day are accepted, a signature on an earlier day than the consideration is a breach
    return [
        ctx.finding(
            "19A-6",
            _(
                "The contract was signed on {signed}, before the remarks on the offer were considered on {considered} "
                "({{basis}})."
            ).format(signed=format_date(c.signed_date), considered=format_date(p.remarks_considered)),
            contract_ref(c),
        )
        for c in signed
        if c.signed_date is not None and c.signed_date < p.remarks_considered
    ]


class Offer19a(Protocol):
    """What 19A-3 reads of an art. 19a procedure: a Procedure, or the columns of one (_Offer19a)."""

    @property
    def id(self) -> int: ...
    @property
    def route(self) -> ProcedureRoute: ...
    @property
    def budget_year(self) -> int: ...
    @property
    def received_date(self) -> dt.date | None: ...
    @property
    def publication_start(self) -> dt.date | None: ...
    @property
    def planned_amount(self) -> Decimal | None: ...


class Grant19a(Protocol):
    @property
    def amount(self) -> Decimal: ...
    @property
    def paid_date(self) -> dt.date | None: ...


class Contract19a(Protocol):
    """What 19A-3 reads of a contract concluded in an art. 19a procedure: its status and tranches."""

    @property
    def status(self) -> ContractStatus: ...
    @property
    def tranches(self) -> Sequence[Grant19a]: ...


def rule_19a_3(
    procedures: Iterable[Offer19a],
    contracts_by_procedure: Mapping[int, Sequence[Contract19a]],
    planned_by_year: dict[int, Decimal],
    ctx: _Ctx,
    ref: Callable[[Any], RecordRef] = procedure_ref,
) -> list[Finding]:
    """Per budget year: art. 19a grants at most 20% of the grants planned in the budget for NGO tasks.

    The base is the budget's figure (`planned_by_year`, from the settings); the programme's
    priorities are not the budget, so without that figure the rule says it cannot be checked. The
    share is that of the wording in force when each offer came in (Dz.U. 2026 poz. 1040,
    unverified, 30% from 1.09.2026): the year's grants are added up in the order of receipt and
    each running total is measured against the share in force for that offer; the first one over
    it is reported. `ref`: the record a finding names (a caller that reads the verdict only names none).
    """
    by_year: dict[int, list[tuple[dt.date, Decimal, Offer19a]]] = defaultdict(list)
    for p in procedures:
        if p.route is not ProcedureRoute.SMALL_GRANT_19A:
            continue
        # the money vocabulary's committed money: a draft grants nothing yet (the procedure's planned
        # amount then stands for it), a terminated contract what was transferred
        granted = sum(
            (
                money.committed_amount(c.status, t.amount, t.paid_date)
                for c in contracts_by_procedure.get(p.id, [])
                for t in c.tranches
            ),
            Decimal("0"),
        )
        # without a receipt date the offer is judged as received on 1 January of its budget year
        received = p.received_date or p.publication_start or dt.date(p.budget_year, 1, 1)
        by_year[p.budget_year].append((received, granted or (p.planned_amount or Decimal("0")), p))
    out = []
    for year, grants in sorted(by_year.items()):
        grants.sort(key=lambda g: (g[0], g[2].id or 0))
        base = planned_by_year.get(year)
        if base is None:
            out.append(
                ctx.missing(
                    "19A-3",
                    _("the grants planned in the {year} budget for public tasks of organisations").format(year=year),
                    ref(grants[0][2]),
                )
            )
            continue
        total, warned = Decimal("0"), False
        for received, amount, p in grants:
            total += amount

            # called at once by ctx.judge, inside this iteration: the defaults pin this year's values
            def over_share(
                spec: dict[str, Any], total: Decimal = total, base: Decimal = base, year: int = year
            ) -> str | None:
                share = Decimal(str(spec["max_share"]))
                if total <= base * share:
                    return None
                return _(
                    "Grants without competition in {year} total {total}, that is {ratio} of the {planned} planned in "
                    "the budget for tasks of organisations; the limit is {limit} ({{basis}})."
                ).format(
                    year=year,
                    total=format_money(total),
                    ratio=format_percent(total / base),
                    planned=format_money(base),
                    limit=format_percent(share, 0),
                )

            found = ctx.judge("19A-3", received, over_share, ref(p))
            if any(f.severity is Severity.ERROR for f in found):
                out += found
                break  # the year is over its share: later grants only repeat it
            if found and not warned:
                out += found  # one warning a year; a later grant may still breach both wordings
                warned = True
    return out


def small_grant_share_within(session: Session, year: int, data: LawData | None = None) -> bool | None:
    """Whether the art. 19a grants of budget year `year` keep within art. 19a ust. 7's share: rule 19A-3's
    own verdict (the planned base, each offer under the wording in force when it came in), so a tool
    never measures the share a second way. None: the budget's planned grants are not entered for a year
    that has art. 19a grants. A breach only an unchecked amendment's wording gives is a warning of the
    rule, not a breach here."""
    # only the columns the verdict reads, as plain rows (tools.reads.READ): the tools recompute W-10 when one
    # of them changes, not when a procedure's or a contract's other columns (its notes, its parts, the
    # contract's parties and reports, which loading them as objects read) do
    procedures = [
        _Offer19a(*r)
        for r in session.execute(
            select(
                Procedure.id,
                Procedure.route,
                Procedure.budget_year,
                Procedure.received_date,
                Procedure.publication_start,
                Procedure.planned_amount,
            )
            .where(Procedure.route == ProcedureRoute.SMALL_GRANT_19A, Procedure.budget_year == year)
            .order_by(Procedure.id)
        )
    ]
    if not procedures:
        return True
    tranches: dict[int, list[_Grant19a]] = defaultdict(list)
    ids = [p.id for p in procedures]
    for cid, amount, paid in session.execute(
        select(Tranche.contract_id, Tranche.amount, Tranche.paid_date)
        .join(Contract, Contract.id == Tranche.contract_id)
        .where(Contract.procedure_id.in_(ids))
        .order_by(Tranche.contract_id, Tranche.budget_year, Tranche.id)
    ):
        tranches[cid].append(_Grant19a(amount, paid))
    contracts = [
        _Contract19a(cid, pid, status, tranches.get(cid, []))
        for cid, pid, status in session.execute(
            select(Contract.id, Contract.procedure_id, Contract.status)
            .where(Contract.procedure_id.in_(ids))
            .order_by(Contract.id)
        )
    ]
    by_procedure: dict[int, list[_Contract19a]] = defaultdict(list)
    for c in contracts:
        by_procedure[c.procedure_id or 0].append(c)
    planned = {y: v for y, v in planned_by_year(session).items() if y == year}
    # the verdict does not depend on today: 19A-3 judges each grant on its offer's receipt date
    # the findings' texts are not read: the record they would name (a procedure's title) is not loaded
    found = rule_19a_3(procedures, by_procedure, planned, _Ctx(dt.date(year, 12, 31), data), _unnamed)
    if any(f.missing_data for f in found):
        return None
    return not any(f.severity is Severity.ERROR for f in found)


@dataclass(frozen=True)
class _Offer19a:
    """What 19A-3 reads of an art. 19a procedure (small_grant_share_within)."""

    id: int
    route: ProcedureRoute
    budget_year: int
    received_date: dt.date | None
    publication_start: dt.date | None
    planned_amount: Decimal | None


@dataclass(frozen=True)
class _Grant19a:
    amount: Decimal
    paid_date: dt.date | None


@dataclass(frozen=True)
class _Contract19a:
    """What 19A-3 reads of a contract concluded in an art. 19a procedure: its status and tranches."""

    id: int
    procedure_id: int | None
    status: ContractStatus
    tranches: list[_Grant19a]


def _unnamed(p: Any) -> RecordRef:
    return RecordRef("procedure", p.id, "")


def _organisations(c: Contract) -> set[int]:
    return {p.organisation_id for p in c.parties if p.organisation_id is not None}


def rule_19a_4(
    c: Contract,
    others: Sequence[Contract],
    ctx: _Ctx,
    received: dt.date | None = None,
    received_of: dict[int, dt.date | None] | None = None,
) -> list[Finding]:
    """One organisation gets at most 20 000 zł of art. 19a grants per calendar year (art. 19a ust. 1a).

    `c` is a contract concluded in an art. 19a procedure, `others` the other such contracts of
    the gmina; the year is the tranche's budget year (the year the money is given), the limit the
    one in force when the offer of `c` was received (`received`; without it, when `c` was signed or
    starts): Dz.U. 2026 poz. 1040 (unverified) raises it to 40 000 zł for offers from 1.09.2026.
    `received_of` (contract id -> its offer's receipt) leaves out grants of offers received after
    `c`'s: the grant that crosses the limit is the one in breach, judged by its own wording, not an
    earlier one under an older limit (a grant without a known receipt date is always counted).
    """
    orgs = _organisations(c)
    if not orgs:
        return []
    judged = received or c.signed_date or c.start_date or ctx.today
    receipts = received_of or {}

    def earlier(k: Contract) -> bool:
        theirs = receipts.get(k.id) if k.id is not None else None
        return received is None or theirs is None or theirs <= received

    years = sorted({t.budget_year for t in c.tranches})
    out = []
    for org in sorted(orgs):
        for year in years:
            total = sum(
                (
                    t.amount
                    for k in (c, *[o for o in others if earlier(o)])
                    if org in _organisations(k)
                    for t in k.tranches
                    if t.budget_year == year
                ),
                Decimal("0"),
            )
            out += ctx.judge("19A-4", judged, _over_organisation_limit(year, total), contract_ref(c))
    return out


def _over_organisation_limit(year: int, total: Decimal) -> Callable[[dict[str, Any]], str | None]:
    def check(spec: dict[str, Any]) -> str | None:
        limit = Decimal(str(spec["max_per_organisation"]))
        if total <= limit:
            return None
        return _(
            "Grants without competition to one organisation in {year} would total {total}; the limit per "
            "organisation and calendar year is {limit} ({{basis}})."
        ).format(year=year, total=format_money(total), limit=format_money(limit))

    return check


def rule_ini_1(p: Procedure, task: PublicTask | None, ctx: _Ctx) -> list[Finding]:
    """A local initiative only in the closed list of fields of art. 19b ust. 1.

    The scoring part (council resolution giving weight to residents' social work) is not in the
    data model yet; only the field is checked.
    """
    if p.route is not ProcedureRoute.LOCAL_INITIATIVE:
        return []
    ref = procedure_ref(p)
    codes = [c.strip() for c in (task.spheres if task else "").split(",") if c.strip()]
    if not codes:
        return [ctx.missing("INI-1", _("the public task with its art. 4 spheres"), ref)]
    allowed = set(ctx.params("INI-1")["allowed_spheres"])
    outside = [c for c in codes if c not in allowed]
    if outside:
        return [
            ctx.finding(
                "INI-1",
                _(
                    "A local initiative may not concern the spheres {codes} (art. 4 ust. 1 points); only the fields listed "
                    "in {{basis}} are allowed."
                ).format(codes=", ".join(outside)),
                ref,
            )
        ]
    return []


def rule_a12_1(p: Procedure, ctx: _Ctx) -> list[Finding]:
    """An organisation's own initiative answered within 1 month."""
    if p.route is not ProcedureRoute.NGO_INITIATIVE_12:
        return []
    ref = procedure_ref(p)
    if p.received_date is None:
        return [ctx.missing("A12-1", _("the date the initiative was received"), ref)]
    due = deadline_on_working_day(add_months(p.received_date, ctx.params("A12-1")["answer_months"]))
    if p.answer_date is None and ctx.today > due:
        return [
            ctx.finding(
                "A12-1",
                _(
                    "The initiative received on {received} has not been answered; the answer was due by {due} ({{basis}})."
                ).format(received=format_date(p.received_date), due=format_date(due)),
                ref,
            )
        ]
    if p.answer_date is not None and p.answer_date > due:
        return [
            ctx.finding(
                "A12-1",
                _("The initiative received on {received} was answered on {answered}, after {due} ({{basis}}).").format(
                    received=format_date(p.received_date), answered=format_date(p.answer_date), due=format_date(due)
                ),
                ref,
            )
        ]
    return []


def rule_prg_5(
    programmes: Iterable[CooperationProgramme], resolution: CouncilResolution | None, ctx: _Ctx
) -> list[Finding]:
    """The programme's consultation is held in the manner the council set under art. 5 ust. 5."""
    out = []
    for p in programmes:
        if p.consultation_start is None:
            continue  # no consultation recorded: PRG-2 speaks of it
        ref = programme_ref(p)
        if resolution is None:
            out.append(
                ctx.missing(
                    "PRG-5", _("the council's resolution on the manner of consulting organisations (its date)"), ref
                )
            )
        elif resolution.adopted > p.consultation_start:
            out.append(
                ctx.finding(
                    "PRG-5",
                    _(
                        "The consultation on the programme began on {start}, before the council set the manner of "
                        "consultations on {adopted} ({{basis}})."
                    ).format(start=format_date(p.consultation_start), adopted=format_date(resolution.adopted)),
                    ref,
                )
            )
    return out


def rule_prg_6(programmes: Iterable[CooperationProgramme], rdpps: Iterable[RdppRequest], ctx: _Ctx) -> list[Finding]:
    """Where a public benefit council (RDPP) sits, the draft programme goes to it for an opinion
    (art. 41i ust. 1 pkt 2; it has 14 days from delivery, ust. 2, and may stay silent).

    Without the delivery date a programme adopted with no recorded opinion is named as data missing. With it,
    an adoption within the council's 14 days (delivery day not counted, k.c. art. 111 § 2) and no opinion is
    a finding; after them, silence is the council's waiver ("oznacza rezygnację") and nothing is said.
    """
    term_years = ctx.params("RDPP-1")["term_years"]
    councils = [
        (r.created_date, r.term_end or add_years(r.created_date, term_years))
        for r in rdpps
        if r.created_date is not None
    ]
    out = []
    for p in programmes:
        if p.consultation_start is None or p.resolution_date is None or p.rdpp_opinion_date is not None:
            continue
        sitting = [created for created, end in councils if created <= p.consultation_start <= end]
        if not sitting:
            continue
        if p.rdpp_draft_delivered is None:
            out.append(
                ctx.finding(
                    "PRG-6",
                    _(
                        "A public benefit council (RDPP, created {created}) was in office during the consultation, but no "
                        "opinion of it on the draft is recorded; enter its opinion, or the date the draft was delivered to "
                        "it (it has 14 days) ({{basis}})."
                    ).format(created=format_date(max(sitting))),
                    programme_ref(p),
                    missing=True,
                )
            )
            continue
        # the day ending the council's period is not moved off a day free of work (k.c. art. 115 is not
        # applied): an adoption is named only when it surely fell within the 14 days
        last = p.rdpp_draft_delivered + dt.timedelta(days=ctx.params("PRG-6", p.resolution_date)["opinion_days"])
        if p.resolution_date <= last:
            out.append(
                ctx.finding(
                    "PRG-6",
                    _(
                        "The programme was adopted on {adopted}, while the public benefit council (RDPP), which received "
                        "the draft on {delivered}, still had until {last} to give its opinion ({{basis}})."
                    ).format(
                        adopted=format_date(p.resolution_date),
                        delivered=format_date(p.rdpp_draft_delivered),
                        last=format_date(last),
                    ),
                    programme_ref(p),
                )
            )
    return out


def rule_ini_2(
    procedures: Iterable[Procedure], resolution: CouncilResolution | None, social_work: bool | None, ctx: _Ctx
) -> list[Finding]:
    """A local-initiative application is assessed by the criteria of the council's resolution (art. 19c)."""
    out = []
    for p in procedures:
        if p.route is not ProcedureRoute.LOCAL_INITIATIVE or p.received_date is None:
            continue
        ref = procedure_ref(p)
        if resolution is None:
            out.append(
                ctx.missing(
                    "INI-2", _("the council's resolution on the criteria for local initiatives (its date)"), ref
                )
            )
            continue
        if p.answer_date is not None and resolution.adopted > p.answer_date:
            out.append(
                ctx.finding(
                    "INI-2",
                    _(
                        "The application was assessed on {answered}, before the council set the criteria on {adopted} "
                        "({{basis}})."
                    ).format(answered=format_date(p.answer_date), adopted=format_date(resolution.adopted)),
                    ref,
                )
            )
        if social_work is False:
            out.append(
                ctx.finding(
                    "INI-2",
                    _(
                        "The council's criteria do not take into account first of all the residents' social work "
                        "({basis})."
                    ),
                    ref,
                    warning=True,
                )
            )
        elif social_work is None:
            out.append(
                ctx.missing("INI-2", _("whether the council's criteria weigh the residents' social work first"), ref)
            )
    return out


# ---- contracts -------------------------------------------------------------------------------


def _missing_years(c: Contract, ctx: _Ctx, rule_id: str) -> list[Finding] | None:
    if c.start_date is None or c.end_date is None:
        return [ctx.missing(rule_id, _("the start and end dates of the contract"), contract_ref(c))]
    return None


def rule_umw_1(c: Contract, ctx: _Ctx) -> list[Finding]:
    """A fixed-term contract lasts at most 5 years."""
    missing = _missing_years(c, ctx, "UMW-1")
    if missing:
        return missing
    years = ctx.params("UMW-1", c.signed_date or c.start_date)["max_years"]
    limit = add_years(c.start_date, years)  # 1.01.2026 + 5 years: the last allowed day is 31.12.2030
    if c.end_date >= limit:
        # the cap concerns a fixed-term contract; one "na czas realizacji zadania" is not capped, and
        # the record does not say which it is
        return [
            ctx.finding(
                "UMW-1",
                _(
                    "The contract runs from {start} to {end}, longer than {years} years; a fixed-term contract may not "
                    "(a contract for the time the task lasts is not limited) ({{basis}})."
                ).format(start=format_date(c.start_date), end=format_date(c.end_date), years=years),
                contract_ref(c),
            )
        ]
    if c.end_date < c.start_date:
        return [
            ctx.finding(
                "UMW-1",
                _("The contract ends ({end}) before it starts ({start}) ({{basis}}).").format(
                    start=format_date(c.start_date), end=format_date(c.end_date)
                ),
                contract_ref(c),
            )
        ]
    return []


def rule_umw_2(c: Contract, ctx: _Ctx) -> list[Finding]:
    """The contract states its form; in wsparcie (co-financing) the organisation contributes its own share."""
    if c.form is None:
        return [ctx.missing("UMW-2", _("the form of the contract (support or entrustment)"), contract_ref(c))]
    if c.form is ContractForm.WSPARCIE:
        own = sum((x.planned_amount or Decimal("0") for x in c.contributions), Decimal("0"))
        if own <= 0:
            return [
                ctx.finding(
                    "UMW-2",
                    _(
                        "A support (wsparcie) contract only co-finances the task, but no own contribution of the "
                        "organisation is planned ({basis})."
                    ),
                    contract_ref(c),
                )
            ]
    return []


def rule_umw_3(c: Contract, ctx: _Ctx) -> list[Finding]:
    """Each tranche has a use deadline by 31 December of its year and a return date within art. 251.

    A budget year of the contract without a tranche is only a warning: art. 221 ust. 3 asks what a
    grant contract states, not that money be given every year.
    """
    missing = _missing_years(c, ctx, "UMW-3")
    if missing:
        return missing
    ref = contract_ref(c)
    out = []
    years_with_tranche = {t.budget_year for t in c.tranches}
    for year in range(c.start_date.year, c.end_date.year + 1):
        if year not in years_with_tranche:
            out.append(
                ctx.finding(
                    "UMW-3",
                    _("The contract has no grant tranche for the budget year {year} ({{basis}}).").format(year=year),
                    ref,
                    warning=True,
                )
            )
    for t in c.tranches:
        try:
            spec = ctx.params("UMW-3", dt.date(t.budget_year, 1, 1))
            limit = dt.date(t.budget_year, spec["use_month"], spec["use_day"])
        except ValueError:  # a year no date can have (0, 10000): the form refuses it, here it is unknown
            out.append(ctx.missing("UMW-3", _("a valid budget year of the tranche"), ref))
            continue
        if t.use_deadline is not None and t.use_deadline > limit:
            out.append(
                ctx.finding(
                    "UMW-3",
                    _(
                        "The tranche for {year} may be used until {date}, after the end of the budget year ({{basis}})."
                    ).format(year=t.budget_year, date=format_date(t.use_deadline)),
                    ref,
                )
            )
        if t.use_deadline is None or t.return_deadline is None:
            out.append(
                ctx.finding(
                    "UMW-3",
                    _(
                        "The tranche for {year} has no deadline for using the grant or for returning the unused part "
                        "({{basis}})."
                    ).format(year=t.budget_year),
                    ref,
                )
            )
            continue
        try:
            latest = grant_return_last_day(t.use_deadline, ctx.law)
        except UserFacingError:  # outside the holiday calendar: the return limit cannot be known
            out.append(ctx.missing("ZWR-1", _("a use deadline within the supported years"), ref))
            continue
        if t.return_deadline > latest:
            out.append(
                ctx.finding(
                    "ZWR-1",
                    _(
                        "The tranche for {year} is to be returned by {date}, later than the act allows after a use deadline of "
                        "{use}: {latest} ({{basis}})."
                    ).format(
                        year=t.budget_year,
                        date=format_date(t.return_deadline),
                        use=format_date(t.use_deadline),
                        latest=format_date(latest),
                    ),
                    ref,
                )
            )
    return out


def rule_umw_4(c: Contract, ctx: _Ctx) -> list[Finding]:
    """What art. 221 ust. 3 asks a grant contract to state, as far as the record holds it: the grant's
    amount (pkt 2) and, per tranche, when it is paid (its "tryb płatności"). Points 3 and 6 are UMW-3 and
    ZWR-1; point 1 is the contract's title and period (UMW-1 names missing dates); points 4 and 5 (control,
    settlement) are clauses of the contract's text that the record does not hold."""
    if c.status not in (ContractStatus.ACTIVE, ContractStatus.COMPLETED, ContractStatus.SETTLED):
        return []  # a draft is still being written
    ref = contract_ref(c)
    if not c.tranches or sum((t.amount for t in c.tranches), Decimal("0")) <= 0:
        return [
            ctx.finding(
                "UMW-4", _("The signed contract states no grant amount: it has no tranche ({{basis}}).").format(), ref
            )
        ]
    years = [t.budget_year for t in c.tranches if t.payment_date is None and t.paid_date is None]
    if years:
        return [
            ctx.missing(
                "UMW-4",
                _("the payment date of the tranche for {years}").format(years=", ".join(str(y) for y in sorted(years))),
                ref,
            )
        ]
    return []


def tranche_interest(t: Tranche, data: LawData | None = None) -> LateReturnInterest | None:
    """Interest of art. 251 ust. 5 on a tranche's recorded late return; None when in time or not recorded.

    The term is the act's (ust. 1 or 3, counted from the tranche's use deadline, or 31 December when
    the contract sets none), moved off a day free of work (rule ZWR-1): ust. 5 runs from the day
    after "terminów zwrotu określonych w ust. 1-3", not from an earlier date a contract may set.
    """
    if t.returned_date is None or not t.returned_amount or t.returned_amount <= 0:
        return None
    data = data or law()
    spec = data.rule("UMW-3").params_on(dt.date(t.budget_year, 1, 1))
    use = t.use_deadline or dt.date(t.budget_year, spec["use_month"], spec["use_day"])
    return late_return_interest(t.returned_amount, grant_return_last_day(use, data), t.returned_date, data)


def rule_zwr_2(c: Contract, ctx: _Ctx) -> list[Finding]:
    """A late return of the unused grant bears interest as for tax arrears (art. 251 ust. 5)."""
    out = []
    ref = contract_ref(c)
    for t in c.tranches:
        try:
            interest = tranche_interest(t, ctx.law)
        except (UserFacingError, ValueError):  # a year outside the calendar: rule UMW-3 reports it
            continue
        if interest is None:
            continue
        if interest.total is None:
            out.append(ctx.missing("ZWR-2", interest.missing, ref))
            continue
        out.append(
            ctx.finding(
                "ZWR-2",
                ngettext(
                    "The unused grant of {year} ({amount}) was returned on {returned}, {days} day after the term ended on "
                    "{end}; interest of {interest} is due (rounded: {rounded}) ({{basis}}).",
                    "The unused grant of {year} ({amount}) was returned on {returned}, {days} days after the term ended on "
                    "{end}; interest of {interest} is due (rounded: {rounded}) ({{basis}}).",
                    interest.days,
                ).format(
                    year=t.budget_year,
                    amount=format_money(interest.principal),
                    returned=format_date(t.returned_date),
                    days=interest.days,
                    end=format_date(interest.term_end),
                    interest=format_money(interest.total),
                    rounded=format_money(interest.total_zloty),
                ),
                ref,
            )
        )
    return out


def rule_spr_1(c: Contract, ctx: _Ctx) -> list[Finding]:
    """Task/annual reports due 30 days after the task or budget year ends (moved to a working day)."""
    missing = _missing_years(c, ctx, "SPR-1")
    if missing:
        return missing
    if c.status not in (ContractStatus.ACTIVE, ContractStatus.COMPLETED, ContractStatus.SETTLED):
        return []
    out = []
    statutory = {year: statutory_report_due(end, ctx.law) for year, _kind, end in expected_reports(c)}
    for r in c.reports:
        if r.kind is ReportKind.PARTIAL:
            continue
        ref = report_ref(r, c)
        year = report_year(r, c)
        legal_due = statutory.get(year) if year is not None else None
        if legal_due is not None and r.due_date > legal_due:
            out.append(
                ctx.finding(
                    "SPR-1",
                    _(
                        "The report is due on {due}, later than 30 days after the period ends ({legal}) ({{basis}})."
                    ).format(due=format_date(r.due_date), legal=format_date(legal_due)),
                    ref,
                )
            )
        if r.received_date is None and ctx.today > r.due_date:
            out.append(
                ctx.finding(
                    "SPR-1",
                    _("The report due on {due} has not been received ({{basis}}).").format(due=format_date(r.due_date)),
                    ref,
                )
            )
        elif r.received_date is not None and r.received_date > r.due_date:
            out.append(
                ctx.finding(
                    "SPR-1",
                    _("The report due on {due} was received late, on {received} ({{basis}}).").format(
                        due=format_date(r.due_date), received=format_date(r.received_date)
                    ),
                    ref,
                )
            )
    return out


def rule_spr_2(c: Contract, ctx: _Ctx) -> list[Finding]:
    """A call for a partial report gives at least 30 days from its delivery."""
    min_days = ctx.params("SPR-2")["min_days"]
    out = []
    for r in c.reports:
        if r.kind is not ReportKind.PARTIAL:
            continue
        ref = report_ref(r, c)
        if r.call_delivered is None:
            out.append(ctx.missing("SPR-2", _("the date the call for the partial report was delivered"), ref))
            continue
        days = (r.due_date - r.call_delivered).days
        if days < min_days:
            out.append(
                ctx.finding(
                    "SPR-2",
                    _(
                        "The partial report was requested with {days} days from delivery of the call; at least "
                        "{min_days} days are required ({{basis}})."
                    ).format(days=days, min_days=min_days),
                    ref,
                )
            )
    return out


# ---- RDPP ------------------------------------------------------------------------------------


def rule_rdpp_1(r: RdppRequest, ctx: _Ctx) -> list[Finding]:
    """With at least 5 requesting organisations, the RDPP is created within 2 months, for 3 years."""
    spec = ctx.params("RDPP-1", r.request_date)
    if r.organisations_count < spec["min_organisations"]:
        return []
    ref = rdpp_ref(r)
    due = deadline_on_working_day(add_months(r.request_date, spec["create_months"]))
    if r.created_date is None:
        if ctx.today > due:
            return [
                ctx.finding(
                    "RDPP-1",
                    _(
                        "{count} organisations requested the RDPP on {date}; it had to be created by {due} ({{basis}})."
                    ).format(count=r.organisations_count, date=format_date(r.request_date), due=format_date(due)),
                    ref,
                )
            ]
        return []
    out = []
    if r.created_date > due:
        out.append(
            ctx.finding(
                "RDPP-1",
                _("The RDPP was created on {created}, after the deadline {due} ({{basis}}).").format(
                    created=format_date(r.created_date), due=format_date(due)
                ),
                ref,
            )
        )
    expected_end = add_years(r.created_date, spec["term_years"])
    if r.term_end is not None and abs((r.term_end - expected_end).days) > 1:
        out.append(
            ctx.finding(
                "RDPP-1",
                _(
                    "The RDPP's term ends on {end}; the act sets a term of {years} years (until {expected}) ({{basis}})."
                ).format(end=format_date(r.term_end), years=spec["term_years"], expected=format_date(expected_end)),
                ref,
            )
        )
    return out


# ---- per record ------------------------------------------------------------------------------


def check_programme(
    p: CooperationProgramme,
    today: dt.date,
    data: LawData | None = None,
    local_report_date: tuple[int, int] | None = None,
) -> list[Finding]:
    ctx = _Ctx(today, data, local_report_date)
    return rule_prg_1(p, ctx) + rule_prg_2(p, ctx) + rule_prg_3(p, ctx) + rule_prg_4(p, ctx) + rule_rpt_1(p, ctx)


def check_procedure(
    p: Procedure,
    today: dt.date,
    *,
    contracts: Sequence[Contract] = (),
    task: PublicTask | None = None,
    data: LawData | None = None,
) -> list[Finding]:
    """Rules about one procedure; `contracts` are those concluded in it, `task` its public task."""
    ctx = _Ctx(today, data)
    contracts = list(contracts)
    return (
        rule_kon_1(p, ctx)
        + rule_kon_2(p, ctx)
        + rule_kon_3(p, ctx)
        + rule_19a_1(p, contracts, ctx)
        + rule_19a_2(p, contracts, ctx)
        + rule_19a_5(p, ctx)
        + rule_19a_6(p, contracts, ctx)
        + rule_ini_1(p, task, ctx)
        + rule_a12_1(p, ctx)
        + rule_kon_4(p, ctx)
        + rule_kon_5(p, ctx)
        + rule_kon_6(p, ctx)
        + rule_kom_1(p, ctx)
    )


def check_contract(c: Contract, today: dt.date, data: LawData | None = None) -> list[Finding]:
    """Rules about one contract (a DRAFT is checked too, so it can be fixed before signing)."""
    ctx = _Ctx(today, data)
    return (
        rule_umw_1(c, ctx)
        + rule_umw_2(c, ctx)
        + rule_umw_3(c, ctx)
        + rule_umw_4(c, ctx)
        + rule_zwr_2(c, ctx)
        + rule_spr_1(c, ctx)
        + rule_spr_2(c, ctx)
    )


def rule_19a_4_offer(p: Procedure, grants: Sequence[Contract], ctx: _Ctx) -> list[Finding]:
    """Art. 19a ust. 1a when an offer is recorded before its contract: the applicant's small grants of the
    budget year (`grants`: contracts of art. 19a procedures) plus the amount this offer asks for, against
    the limit in force when the offer was received."""
    if (
        p.route is not ProcedureRoute.SMALL_GRANT_19A
        or p.applicant_id is None
        or not p.planned_amount
        or any(k.procedure_id == p.id and p.id is not None for k in grants)
    ):
        return []  # once the offer has a contract, rule_19a_4 judges the contract's tranches
    total = p.planned_amount + sum(
        (
            t.amount
            for k in grants
            if p.applicant_id in _organisations(k)
            for t in k.tranches
            if t.budget_year == p.budget_year
        ),
        Decimal("0"),
    )
    return ctx.judge("19A-4", p.received_date, _over_organisation_limit(p.budget_year, total), procedure_ref(p))


def check_small_grant_offer(
    p: Procedure, grants: Sequence[Contract], today: dt.date, data: LawData | None = None
) -> list[Finding]:
    return rule_19a_4_offer(p, grants, _Ctx(today, data))


def check_small_grant_limit(
    c: Contract,
    others: Sequence[Contract],
    today: dt.date,
    data: LawData | None = None,
    received: dt.date | None = None,
    received_of: dict[int, dt.date | None] | None = None,
) -> list[Finding]:
    """Art. 19a ust. 1a for a contract concluded in an art. 19a procedure whose offer was `received`
    (see `rule_19a_4`)."""
    return rule_19a_4(c, others, _Ctx(today, data), received, received_of)


def check_rdpp_request(r: RdppRequest, today: dt.date, data: LawData | None = None) -> list[Finding]:
    return rule_rdpp_1(r, _Ctx(today, data))


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    """Findings that must refuse a save: errors that were actually evaluated."""
    return [f for f in findings if f.severity is Severity.ERROR and not f.missing_data]


def check_session(session: Session, today: dt.date, data: LawData | None = None) -> list[Finding]:
    data = data or law()
    programmes = list(session.scalars(select(CooperationProgramme)))
    procedures = list(session.scalars(select(Procedure)))
    contracts = list(session.scalars(select(Contract)))
    tasks = {t.id: t for t in session.scalars(select(PublicTask))}
    by_procedure: dict[int, list[Contract]] = defaultdict(list)
    for c in contracts:
        if c.procedure_id is not None:
            by_procedure[c.procedure_id].append(c)
    out: list[Finding] = []

    def guarded(ref: RecordRef, run: Callable[[], list[Finding]]) -> None:
        # one record with an impossible date (e.g. year 2150) must not hide every other finding
        try:
            out.extend(run())
        except UserFacingError as exc:
            out.append(Finding("DATA", Severity.WARNING, exc.message, "", ref, missing_data=True))

    setting = session.get(Setting, LOCAL_REPORT_DATE_KEY)
    local = parse_local_report_date(setting.value if setting else None)
    for p in programmes:
        guarded(programme_ref(p), functools.partial(check_programme, p, today, data, local))
    out += rule_prg_1_annual(programmes, _Ctx(today, data))
    for proc in procedures:
        guarded(
            procedure_ref(proc),
            functools.partial(
                check_procedure,
                proc,
                today,
                contracts=by_procedure.get(proc.id, []),
                task=tasks.get(proc.task_id) if proc.task_id else None,
                data=data,
            ),
        )
    out += rule_19a_3(procedures, by_procedure, planned_by_year(session), _Ctx(today, data))
    resolutions = {k: session.get(Setting, k) for k in (CONSULTATION_KEY, LOCAL_INITIATIVE_KEY, SOCIAL_WORK_KEY)}
    text = {k: (row.value if row else None) for k, row in resolutions.items()}
    out += rule_prg_5(programmes, parse_resolution(text[CONSULTATION_KEY]), _Ctx(today, data))
    out += rule_prg_6(programmes, list(session.scalars(select(RdppRequest))), _Ctx(today, data))
    out += rule_ini_2(
        procedures, parse_resolution(text[LOCAL_INITIATIVE_KEY]), parse_yes_no(text[SOCIAL_WORK_KEY]), _Ctx(today, data)
    )
    small_grant_procedures = {p.id: p for p in procedures if p.route is ProcedureRoute.SMALL_GRANT_19A}
    small_grant = [c for c in contracts if c.procedure_id in small_grant_procedures]
    receipts = {
        c.id: small_grant_procedures[c.procedure_id].received_date
        for c in small_grant
        if c.id is not None and c.procedure_id is not None
    }
    for c in small_grant:
        others = [k for k in small_grant if k is not c]
        offer = small_grant_procedures.get(c.procedure_id or 0)
        guarded(
            contract_ref(c),
            functools.partial(
                check_small_grant_limit, c, others, today, data, offer.received_date if offer else None, receipts
            ),
        )
    for proc in procedures:
        guarded(procedure_ref(proc), functools.partial(check_small_grant_offer, proc, small_grant, today, data))
    for c in contracts:
        guarded(contract_ref(c), functools.partial(check_contract, c, today, data))
    for r in session.scalars(select(RdppRequest)):
        guarded(rdpp_ref(r), functools.partial(check_rdpp_request, r, today, data))
    # errors first, then warnings, then what could not be checked
    return sorted(out, key=lambda f: (f.missing_data, f.severity is not Severity.ERROR, f.rule_id))


def check_all(db: Database, today: dt.date) -> list[Finding]:
    """Every rule over the whole database."""
    with db.session() as session:
        return check_session(session, today)
