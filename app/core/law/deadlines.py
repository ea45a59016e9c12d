"""Statutory deadlines generated from the gmina's records (domain.md §7).

Each generator is a pure function of one record (ORM object, possibly unsaved, or a plain row with
the same attributes) and `today`; `collect_deadlines` reads the rows with portable SQL text through
one plain row reader (app.core.db.plain_reads: sqlite3 at start-up, else the SQLAlchemy connection)
and returns plain `Deadline`s, overdue first. Which dates move to the next working day (KC art. 115) is decided per kind below:
terms counted from an event (reports, answers, the RDPP) move; fixed calendar dates the council
must meet (30 November, 31 May) are shown as they are, which is the safe side for the clerk.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from app.core.calendar import add_months, add_working_days, add_years, deadline_on_working_day
from app.core.db.plain_reads import Convert, Reader, as_bool, as_date, as_int, as_money, as_text, enum_of, reading
from app.core.domain.enums import (
    ContractStatus,
    ProcedureRoute,
    ProgrammeKind,
    ReportKind,
)
from app.core.errors import UserFacingError
from app.core.i18n import _, format_date
from app.core.law.data import LawData, law
from app.core.law.refs import (
    contract_ref,
    gmina_ref,
    procedure_ref,
    programme_ref,
    rdpp_ref,
    report_ref,
    tranche_ref,
)
from app.core.law.types import Deadline, DeadlineState, RecordRef, deadline_state

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.core.db.engine import Database
    from app.core.db.models import Contract, ContractReport, CooperationProgramme, Procedure, RdppRequest

log = logging.getLogger(__name__)

#: Contracts whose deadlines still matter (a draft is not signed; a terminated one is over).
_LIVE = {ContractStatus.ACTIVE, ContractStatus.COMPLETED, ContractStatus.SETTLED}


class _Maker:
    """Builds Deadlines with state and citation for one `today`.

    With `horizon` / `include_met=False` it also answers `wants(due, done)`: whether
    `collect_deadlines` would keep such a deadline, so that the generators need not build (title,
    citation, record label) the many a windowed list drops anyway: on a large gmina nearly all of a
    contract's deadlines are met years ago, and the Pulpit shows 60 days.
    """

    def __init__(self, today: dt.date, data: LawData, horizon: dt.date | None = None, include_met: bool = True) -> None:
        self.today = today
        self.law = data
        self.horizon = horizon
        self.include_met = include_met
        self._citations: dict[tuple[str, str], str] = {}  # the same few citations for every record

    def wants(self, due: dt.date, done: bool) -> bool:
        # an overdue deadline is due before today, so before any horizon: `due <= horizon` keeps it
        if done and not self.include_met:
            return False
        return self.horizon is None or due <= self.horizon

    def __call__(
        self,
        kind: str,
        title: str,
        due: dt.date,
        basis: str,
        record: RecordRef,
        done_on: dt.date | None = None,
        done: bool | None = None,
    ) -> Deadline:
        is_done = done if done is not None else done_on is not None
        state = deadline_state(due, is_done, self.today, self.law.due_soon_days)
        return Deadline(kind, title, due, basis, record, state, done_on)

    def rule(self, rule_id: str) -> str:
        key = ("rule", rule_id)
        if key not in self._citations:
            self._citations[key] = self.law.rule_citation(rule_id, self.today)
        return self._citations[key]

    def cite(self, key: str) -> str:
        if ("cite", key) not in self._citations:
            spec = self.law.deadlines[key]
            self._citations[("cite", key)] = self.law.citation(spec["article"], spec["act"], self.today)
        return self._citations[("cite", key)]


#: Setting key (table `setting`) holding the local programme-report date as MM-DD, e.g. "04-30".
LOCAL_REPORT_DATE_KEY = "law.programme_report_local_date"


def parse_local_report_date(text: str | None) -> tuple[int, int] | None:
    """ "04-30" -> (4, 30); empty or invalid -> None (the statutory 31 May applies)."""
    try:
        month, day = (int(x) for x in (text or "").strip().split("-"))
        dt.date(2001, month, day)  # validates; 2001 is not a leap year, so 02-29 is refused
    except ValueError:
        return None
    return month, day


def local_report_date(source: Database | Reader | Session) -> tuple[int, int] | None:
    with reading(source) as reader:
        rows = reader.rows("SELECT value FROM setting WHERE key = :key", {"key": LOCAL_REPORT_DATE_KEY}, (as_text,))
    return parse_local_report_date(rows[0][0] if rows else None)


def programme_report_due(year: int, data: LawData, local: tuple[int, int] | None = None) -> dt.date:
    """The report on programme year `year`: 31 May of the next year (art. 5a ust. 3), or the
    gmina's own earlier date when its council set one (e.g. 30 April, domain.md [S94])."""
    spec = data.rule("RPT-1").params_on(dt.date(year + 1, 1, 1))
    due = dt.date(year + 1, spec["month"], spec["day"])
    if local is not None:
        due = min(due, dt.date(year + 1, *local))
    return due


def annual_adoption_due(year: int, data: LawData) -> dt.date:
    """30 November of the year before `year` (art. 5a ust. 1 zdanie 2)."""
    spec = data.rule("PRG-1").params_on(dt.date(year - 1, 1, 1))
    return dt.date(year - 1, spec["adoption_month"], spec["adoption_day"])


def remarks_window_end(published: dt.date, data: LawData) -> dt.date:
    """Last day for remarks on an art. 19a offer: "w terminie 7 dni od dnia zamieszczenia".

    The publication day is not counted (k.c. art. 111 § 2), so 7 days end with publication + 7;
    an end on a Saturday or a day free of work moves to the next working day (k.c. art. 115).
    Published Mon 2.03.2026 -> Mon 9.03.2026; published Fri 24.04.2026 -> Fri 1.05 (holiday),
    Sat 2.05, Sun 3.05 (holiday) -> Mon 4.05.2026.
    """
    days = data.rule("19A-2").params_on(published)["remarks_days"]
    return deadline_on_working_day(published + dt.timedelta(days=days))


def programme_deadlines(
    p: CooperationProgramme, today: dt.date, data: LawData | None = None, local_report: tuple[int, int] | None = None
) -> list[Deadline]:
    data = data or law()
    make = _Maker(today, data)
    ref = programme_ref(p)
    out = [
        make(
            "PROGRAMME_ADOPTION",
            _("Adopt the cooperation programme for {year}").format(year=p.year_from),
            annual_adoption_due(p.year_from, data),
            make.rule("PRG-1"),
            ref,
            done_on=p.resolution_date,
        )
    ]
    reports = {r.year: r for r in p.reports}
    for year in range(p.year_from, p.year_to + 1):
        report = reports.get(year)
        done_on = None
        if report and report.submitted_to_council and report.published_in_bip:
            done_on = max(report.submitted_to_council, report.published_in_bip)
        out.append(
            make(
                "PROGRAMME_REPORT",
                _("Report on the cooperation programme for {year}: to the council and in BIP").format(year=year),
                programme_report_due(year, data, local_report),
                make.rule("RPT-1"),
                ref,
                done_on=done_on,
            )
        )
    return out


def next_programme_deadline(
    programmes: Iterable[CooperationProgramme], today: dt.date, data: LawData | None = None
) -> Deadline | None:
    """The annual programme for next year must be adopted by 30 November; None when one exists.

    A multi-year programme covering next year does not count: the annual one is mandatory
    (art. 5a ust. 1), the multi-year one optional (ust. 2).
    """
    data = data or law()
    make = _Maker(today, data)
    year = today.year + 1
    if any(p.kind is ProgrammeKind.ANNUAL and p.year_from <= year <= p.year_to for p in programmes):
        return None
    return make(
        "PROGRAMME_ADOPTION",
        _("Adopt the annual cooperation programme for {year}").format(year=year),
        annual_adoption_due(year, data),
        make.rule("PRG-1"),
        gmina_ref(),
    )


def missing_annual_programme_deadlines(
    programmes: Iterable[CooperationProgramme], today: dt.date, data: LawData | None = None
) -> list[Deadline]:
    """Years up to this one that a multi-year programme covers but no annual programme does
    (next year is `next_programme_deadline`'s); each is an open deadline until one is adopted."""
    data = data or law()
    make = _Maker(today, data)
    programmes = list(programmes)
    annual = {y for p in programmes if p.kind is ProgrammeKind.ANNUAL for y in range(p.year_from, p.year_to + 1)}
    out = []
    years = sorted(
        {y for p in programmes if p.kind is ProgrammeKind.MULTI_YEAR for y in range(p.year_from, p.year_to + 1)}
    )
    for year in years:
        if year in annual or year > today.year or year <= 1:
            continue
        out.append(
            make(
                "PROGRAMME_ADOPTION",
                _("Adopt the annual cooperation programme for {year}").format(year=year),
                annual_adoption_due(year, data),
                make.rule("PRG-1"),
                gmina_ref(),
            )
        )
    return out


def procedure_deadlines(p: Procedure, today: dt.date, data: LawData | None = None) -> list[Deadline]:
    data = data or law()
    make = _Maker(today, data)
    ref = procedure_ref(p)
    out: list[Deadline] = []
    if p.route is ProcedureRoute.OPEN_COMPETITION and p.offer_deadline and not p.annulled:
        out.append(
            make(
                "COMPETITION_OFFERS",
                _("Deadline for offers in the open competition"),
                p.offer_deadline,
                make.cite("COMPETITION_OFFERS"),
                ref,
                # an event, not a duty: it is "met" once it has passed
                done=p.offer_deadline < today,
                done_on=p.offer_deadline if p.offer_deadline < today else None,
            )
        )
    elif p.route is ProcedureRoute.SMALL_GRANT_19A and p.received_date:
        spec = data.rule("19A-2").params
        out.append(
            make(
                "19A_PUBLICATION",
                _("Publish the art. 19a offer (BIP, notice board, website)"),
                add_working_days(p.received_date, spec["publish_within_working_days"]),
                make.rule("19A-2"),
                ref,
                done_on=p.publication_start,
            )
        )
        if p.publication_start:
            last_day = remarks_window_end(p.publication_start, data)
            out.append(
                make(
                    "19A_REMARKS",
                    _("End of the 7-day window for remarks on the art. 19a offer"),
                    last_day,
                    make.rule("19A-2"),
                    ref,
                    done=last_day < today,
                    done_on=last_day if last_day < today else None,
                )
            )
    elif p.route is ProcedureRoute.NGO_INITIATIVE_12 and p.received_date:
        months = data.rule("A12-1").params["answer_months"]
        out.append(
            make(
                "A12_ANSWER",
                _("Answer the organisation's own initiative (art. 12)"),
                deadline_on_working_day(add_months(p.received_date, months)),
                make.rule("A12-1"),
                ref,
                done_on=p.answer_date,
            )
        )
    return out


def statutory_report_due(period_end: dt.date, data: LawData | None = None) -> dt.date:
    """30 days after the end of the task or budget year, moved to a working day (art. 18, KC 115)."""
    data = data or law()
    days = data.rule("SPR-1").params_on(period_end)["report_days"]
    return deadline_on_working_day(period_end + dt.timedelta(days=days))


def expected_reports(c: Contract) -> list[tuple[int, ReportKind, dt.date]]:
    """(budget year, kind, period end) of the reports a contract owes: one per budget year."""
    out = []
    for year in range(c.start_date.year, c.end_date.year + 1):
        last = year == c.end_date.year
        period_end = c.end_date if last else dt.date(year, 12, 31)
        out.append((year, ReportKind.FINAL if last else ReportKind.ANNUAL, period_end))
    return out


def report_year(r: ContractReport, c: Contract) -> int | None:
    """The budget year an annual/final report covers, inferred when the clerk left it empty."""
    if r.kind is ReportKind.PARTIAL:
        return None
    if r.budget_year is not None:
        return r.budget_year
    if r.period_end is not None:
        return r.period_end.year
    if r.kind is ReportKind.FINAL and c.end_date is not None:
        return c.end_date.year
    return None


def grant_return_due(use_deadline: dt.date, data: LawData | None = None) -> dt.date:
    """The return term as art. 251 u.f.p. words it (rule ZWR-1): 31 January after a 31 December use
    deadline (ust. 1), else 15 days after an earlier one (ust. 3). This is the date a contract
    states; `grant_return_last_day` is the day the term really ends."""
    data = data or law()
    spec = data.rule("ZWR-1").params_on(use_deadline)
    if (use_deadline.month, use_deadline.day) == (12, 31):
        return dt.date(use_deadline.year + 1, spec["month"], spec["day"])
    return use_deadline + dt.timedelta(days=spec["days_after_earlier_use"])


def grant_return_last_day(use_deadline: dt.date, data: LawData | None = None) -> dt.date:
    """The last day of the art. 251 term: moved off a Saturday or a day free of work (rule ZWR-1).
    Used 31.12.2026 -> Sun 31.01.2027 -> Mon 1.02.2027."""
    return deadline_on_working_day(grant_return_due(use_deadline, data))


def return_deadline_on_working_day(contract_date: dt.date) -> dt.date:
    """A return date the contract sets ends, like the act's, on the next working day (rule ZWR-1)."""
    return deadline_on_working_day(contract_date)


def report_call(report: ContractReport, c: Contract, today: dt.date, make: _Maker) -> Deadline | None:
    """The reminder to call the organisation for an annual or final report not received by its due date
    (rule SPR-3). It is met once the call's delivery is entered on the report (`call_delivered`) or the
    report arrives; a partial report is itself the answer to a call (SPR-2), so it gets none."""
    if report.kind is ReportKind.PARTIAL or report.due_date >= today:
        return None
    done = report.received_date is not None or report.call_delivered is not None
    due = report.due_date + dt.timedelta(days=1)  # the day after the report was due: no later
    if not make.wants(due, done):
        return None
    return make(
        "REPORT_CALL",
        _("Call the organisation for the overdue report (due {due})").format(due=format_date(report.due_date)),
        due,
        make.rule("SPR-3"),
        report_ref(report, c),
        done_on=report.call_delivered,
        done=done,
    )


def contract_deadlines(
    c: Contract, today: dt.date, data: LawData | None = None, make: _Maker | None = None
) -> list[Deadline]:
    """A contract's deadlines; with a windowed `make` (see `_Maker.wants`) only those it wants."""
    data = data or law()
    if c.status not in _LIVE or c.start_date is None or c.end_date is None:
        return []
    make = make or _Maker(today, data)
    out: list[Deadline] = []
    covered: set[int] = set()
    for report in c.reports:
        year = report_year(report, c)
        if year is not None:
            covered.add(year)  # also from the reports not listed: they decide which are still expected
        if not make.wants(report.due_date, report.received_date is not None):
            continue
        basis = make.rule("SPR-2") if report.kind is ReportKind.PARTIAL else make.rule("SPR-1")
        out.append(
            make(
                "CONTRACT_REPORT",
                _("{kind} due from the organisation").format(kind=report.kind.label.capitalize()),
                report.due_date,
                basis,
                report_ref(report, c),
                done_on=report.received_date,
            )
        )
        call = report_call(report, c, today, make)
        if call is not None:
            out.append(call)
    # a row read for a windowed list may say in advance that every year has its report (see _contract_rows)
    if c.status is not ContractStatus.SETTLED and not getattr(c, "every_year_reported", False):
        for year, kind, period_end in expected_reports(c):
            if year in covered:
                continue
            due = statutory_report_due(period_end, data)
            if not make.wants(due, False):
                continue
            out.append(
                make(
                    "CONTRACT_REPORT",
                    _("{kind} for {year} due from the organisation").format(kind=kind.label.capitalize(), year=year),
                    due,
                    make.rule("SPR-1"),
                    contract_ref(c),
                )
            )
    umw3 = data.rule("UMW-3").params
    for t in c.tranches:
        if t.payment_date and make.wants(t.payment_date, t.paid_date is not None):
            out.append(
                make(
                    "TRANCHE_PAYMENT",
                    _("Pay the grant tranche"),
                    t.payment_date,
                    make.cite("TRANCHE_PAYMENT"),
                    tranche_ref(t, c),
                    done_on=t.paid_date,
                )
            )
        use_due = t.use_deadline or dt.date(t.budget_year, umw3["use_month"], umw3["use_day"])
        if make.wants(use_due, t.used_amount is not None):
            out.append(
                make(
                    "GRANT_USE",
                    _("Grant to be used by the organisation"),
                    use_due,
                    make.rule("UMW-3"),
                    tranche_ref(t, c),
                    done=t.used_amount is not None,
                )
            )
        fully_used = t.used_amount is not None and t.used_amount >= t.amount
        return_done = fully_used or t.returned_amount is not None
        # one rule for every return date, the contract's own or the act's: moved off a day off,
        # cited as art. 251 u.f.p.
        if t.return_deadline is not None:
            try:
                return_due = return_deadline_on_working_day(t.return_deadline)
            except UserFacingError:  # a year the calendar does not know: the contract's date as typed
                return_due = t.return_deadline
        else:
            return_due = grant_return_last_day(use_due, data)
        if make.wants(return_due, return_done):
            out.append(
                make(
                    "GRANT_RETURN",
                    _("Unused grant to be returned"),
                    return_due,
                    make.rule("ZWR-1"),
                    tranche_ref(t, c),
                    done=return_done,
                )
            )
    return out


def rdpp_deadlines(r: RdppRequest, today: dt.date, data: LawData | None = None) -> list[Deadline]:
    data = data or law()
    spec = data.rule("RDPP-1").params
    make = _Maker(today, data)
    if r.organisations_count < spec["min_organisations"]:
        return []
    out = [
        make(
            "RDPP_CREATION",
            _("Create the Public Benefit Council (RDPP) requested by organisations"),
            deadline_on_working_day(add_months(r.request_date, spec["create_months"])),
            make.rule("RDPP-1"),
            rdpp_ref(r),
            done_on=r.created_date,
        )
    ]
    if r.created_date:
        end = r.term_end or add_years(r.created_date, spec["term_years"])
        out.append(
            make(
                "RDPP_TERM_END",
                _("End of the RDPP's term: appoint the next council"),
                end,
                make.rule("RDPP-1"),
                rdpp_ref(r),
                done=end < today,
            )
        )
    return out


_ORDER = {DeadlineState.OVERDUE: 0, DeadlineState.DUE_SOON: 1, DeadlineState.UPCOMING: 2, DeadlineState.MET: 3}


def sort_deadlines(items: Iterable[Deadline]) -> list[Deadline]:
    """Overdue first (oldest first), then by due date."""
    return sorted(items, key=lambda d: (_ORDER[d.state] if d.state is DeadlineState.OVERDUE else 1, d.due, d.title))


class _Row:
    """A read-only record with just the attributes the generators above read.

    Loading whole ORM objects would also load every eagerly related child (results, values,
    contributions…): on a large gmina that is >100,000 objects for a list of a few thousand
    deadlines. The generators only read attributes, so plain rows serve them the same way.
    """

    def __init__(self, **values: object) -> None:
        self.__dict__.update(values)

    def __getattr__(self, name: str) -> Any:
        # only reached for an attribute the row lacks (an error as usual); it tells the type checker that
        # the attributes are dynamic
        raise AttributeError(name)

    def __repr__(self) -> str:
        return f"<row {self.__dict__.get('id')}>"


# The records' columns as portable SQL text, each with the conversions to the models' types
# (app.core.db.plain_reads): the same rows whether read by sqlite3 at start-up or through SQLAlchemy.
_PROCEDURE_SQL = """
SELECT id, route, title, reference, offer_deadline, annulled, received_date, publication_start, answer_date
FROM procedure {where} ORDER BY id
"""
_PROCEDURE_COLUMNS = (
    ("id", as_int),
    ("route", enum_of(ProcedureRoute)),
    ("title", as_text),
    ("reference", as_text),
    ("offer_deadline", as_date),
    ("annulled", as_bool),
    ("received_date", as_date),
    ("publication_start", as_date),
    ("answer_date", as_date),
)
#: the procedures that can still give an open deadline (see _procedure_rows)
_PROCEDURE_OPEN = """WHERE (route = :competition AND offer_deadline >= :today)
   OR (route = :small_grant AND (publication_start IS NULL OR publication_start >= :published_since))
   OR (route = :initiative AND answer_date IS NULL)"""
_CONTRACT_SQL = """
SELECT id, number, title, status, start_date, end_date FROM contract
WHERE status IN (:live) AND start_date IS NOT NULL AND end_date IS NOT NULL ORDER BY id
"""
_CONTRACT_COLUMNS = (
    ("id", as_int),
    ("number", as_text),
    ("title", as_text),
    ("status", enum_of(ContractStatus)),
    ("start_date", as_date),
    ("end_date", as_date),
)
_REPORT_SQL = """
SELECT contract_id, id, kind, budget_year, period_end, due_date, received_date, call_delivered
FROM contract_report {where} ORDER BY contract_id, due_date, id
"""
_REPORT_COLUMNS = (
    ("id", as_int),
    ("kind", enum_of(ReportKind)),
    ("budget_year", as_int),
    ("period_end", as_date),
    ("due_date", as_date),
    ("received_date", as_date),
    ("call_delivered", as_date),
)
_TRANCHE_SQL = """
SELECT contract_id, id, budget_year, amount, payment_date, paid_date, use_deadline, return_deadline, used_amount,
       returned_amount
FROM tranche {where} ORDER BY contract_id, budget_year, payment_date, id
"""
_TRANCHE_COLUMNS = (
    ("id", as_int),
    ("budget_year", as_int),
    ("amount", as_money),
    ("payment_date", as_date),
    ("paid_date", as_date),
    ("use_deadline", as_date),
    ("return_deadline", as_date),
    ("used_amount", as_money),
    ("returned_amount", as_money),
)
_PROGRAMME_SQL = "SELECT id, kind, title, year_from, year_to, resolution_date FROM cooperation_programme ORDER BY id"
_PROGRAMME_COLUMNS = (
    ("id", as_int),
    ("kind", enum_of(ProgrammeKind)),
    ("title", as_text),
    ("year_from", as_int),
    ("year_to", as_int),
    ("resolution_date", as_date),
)
_PROGRAMME_REPORT_SQL = """
SELECT programme_id, year, submitted_to_council, published_in_bip FROM programme_report
ORDER BY programme_id, year, id
"""
_PROGRAMME_REPORT_COLUMNS = (("year", as_int), ("submitted_to_council", as_date), ("published_in_bip", as_date))
_RDPP_SQL = "SELECT id, request_date, organisations_count, created_date, term_end FROM rdpp_request ORDER BY id"
_RDPP_COLUMNS = (
    ("id", as_int),
    ("request_date", as_date),
    ("organisations_count", as_int),
    ("created_date", as_date),
    ("term_end", as_date),
)
#: longest span from an art. 19a publication to the end of its remarks window (7 days, moved past days
#: off: at most a long holiday weekend); a windowed read skips publications older than this
_REMARKS_SPAN = dt.timedelta(days=31)

_Columns = tuple[tuple[str, Convert], ...]


def _types(columns: _Columns) -> tuple[Convert, ...]:
    return tuple(convert for _name, convert in columns)


def _record(columns: _Columns, values: tuple[Any, ...], **more: object) -> _Row:
    return _Row(**{name: v for (name, _convert), v in zip(columns, values)}, **more)


def _procedure_rows(reader: Reader, today: dt.date | None = None) -> list[_Row]:
    """Procedures; with `today` (a list without met deadlines) only those that can still give an open
    one: an offer deadline not passed, an art. 19a offer not yet published or published recently, an
    art. 12 initiative not yet answered. `procedure_deadlines` decides exactly; this only spares
    reading (and building the met deadlines of) the thousands of procedures long closed."""
    params: dict[str, Any] = {}
    where = ""
    if today is not None:
        where = _PROCEDURE_OPEN
        params = {
            "competition": ProcedureRoute.OPEN_COMPETITION,
            "small_grant": ProcedureRoute.SMALL_GRANT_19A,
            "initiative": ProcedureRoute.NGO_INITIATIVE_12,
            "today": today,
            "published_since": today - _REMARKS_SPAN,
        }
    rows = reader.rows(_PROCEDURE_SQL.format(where=where), params, _types(_PROCEDURE_COLUMNS))
    return [_record(_PROCEDURE_COLUMNS, r) for r in rows]


def _programme_rows(reader: Reader) -> list[_Row]:
    """Programmes with the reports `programme_deadlines` reads, ordered as the relationship orders them
    (loading the ORM objects would also load their elements, priorities, indicators and team)."""
    reports: dict[int, list[_Row]] = {}
    for r in reader.rows(_PROGRAMME_REPORT_SQL, types=(as_int, *_types(_PROGRAMME_REPORT_COLUMNS))):
        reports.setdefault(r[0], []).append(_record(_PROGRAMME_REPORT_COLUMNS, r[1:]))
    return [
        _record(_PROGRAMME_COLUMNS, p, reports=reports.get(p[0], []))
        for p in reader.rows(_PROGRAMME_SQL, types=_types(_PROGRAMME_COLUMNS))
    ]


def _rdpp_rows(reader: Reader) -> list[_Row]:
    return [_record(_RDPP_COLUMNS, r) for r in reader.rows(_RDPP_SQL, types=_types(_RDPP_COLUMNS))]


#: at most this many ids in an IN list (a few thousand would exceed some databases' limits on parameters)
_IDS_IN_QUERY = 500

#: open_only: a report not received, or an annual/final one deciding which years are covered
_REPORT_OPEN = "WHERE received_date IS NULL OR (kind <> :partial AND contract_id IN ({deciding}))"
_UNSETTLED = "SELECT id FROM contract WHERE status IN (:unsettled)"
#: open_only: not paid (payment), not accounted for (use), neither fully used nor returned (return); the
#: dates are left to contract_deadlines
_TRANCHE_OPEN = "WHERE paid_date IS NULL OR used_amount IS NULL OR (returned_amount IS NULL AND used_amount < amount)"


def _contract_rows(reader: Reader, open_only: bool = False) -> list[_Row]:
    """Contracts with their reports and tranches, ordered as the ORM relationships order them.

    Only the contracts `contract_deadlines` looks at (live, with both dates). With `open_only` (a
    list without met deadlines) also only the report and tranche rows that can give an open
    deadline, or that decide which reports are still expected (the annual/final reports of a
    contract not yet settled, unless the database finds every year of the contract reported: such a
    row says so with `every_year_reported`): on a large gmina nearly all rows are of met deadlines,
    and reading them was most of the Pulpit's wait.
    """
    contracts = reader.rows(_CONTRACT_SQL, {"live": sorted(_LIVE)}, _types(_CONTRACT_COLUMNS))
    complete: set[int] = set()
    incomplete: set[int] = set()
    report_where = tranche_where = ""
    report_params: dict[str, Any] = {}
    if open_only:
        complete = _every_year_reported(reader, contracts)
        # the reports deciding which years are covered, of the contracts not settled and not complete:
        # named by id when few (on a large gmina nearly every contract is complete), else those of every
        # unsettled contract, the others' received ones dropped below
        incomplete = {c[0] for c in contracts if c[3] is not ContractStatus.SETTLED and c[0] not in complete}
        report_params = {"partial": ReportKind.PARTIAL}
        if len(incomplete) <= _IDS_IN_QUERY:
            report_where = _REPORT_OPEN.format(deciding=":incomplete")
            report_params["incomplete"] = sorted(incomplete)
        else:
            report_where = _REPORT_OPEN.format(deciding=_UNSETTLED)
            report_params["unsettled"] = sorted(_LIVE - {ContractStatus.SETTLED})
        tranche_where = _TRANCHE_OPEN
    reports: dict[int, list[_Row]] = {}
    report_types = (as_int, *_types(_REPORT_COLUMNS))
    for r in reader.rows(_REPORT_SQL.format(where=report_where), report_params, report_types):
        if open_only and r[6] is not None and r[0] not in incomplete:
            continue  # a received report of a contract found complete: it decides nothing
        reports.setdefault(r[0], []).append(_record(_REPORT_COLUMNS, r[1:]))
    tranches: dict[int, list[_Row]] = {}
    for t in reader.rows(_TRANCHE_SQL.format(where=tranche_where), types=(as_int, *_types(_TRANCHE_COLUMNS))):
        tranches.setdefault(t[0], []).append(_record(_TRANCHE_COLUMNS, t[1:]))
    out = []
    for c in contracts:
        cid = c[0]
        if open_only and cid in complete and cid not in reports and cid not in tranches:
            continue  # every year reported, no report or tranche open: no deadline to give
        out.append(
            _record(
                _CONTRACT_COLUMNS,
                c,
                reports=reports.get(cid, []),
                tranches=tranches.get(cid, []),
                every_year_reported=cid in complete,
            )
        )
    return out


#: per contract, the annual/final reports' budget years: how many distinct, the first and the last
_REPORT_YEARS_SQL = """
SELECT contract_id, count(DISTINCT budget_year), min(budget_year), max(budget_year)
FROM contract_report WHERE kind <> :partial AND budget_year IS NOT NULL GROUP BY contract_id
"""


def _every_year_reported(reader: Reader, contracts: list[tuple[Any, ...]]) -> set[int]:
    """Ids of the `contracts` (rows of _CONTRACT_SQL) with an annual or final report naming each budget
    year they run: `contract_deadlines` expects no further report of them.

    The database gives, per contract, the number of distinct budget years its reports name and the
    first and last; a contract whose years all lie within its own is complete when there are as many as
    it runs years. Any other contract is not listed, and its reports are then read and counted by
    `contract_deadlines` itself: one whose reports name a year outside its own, or whose years are
    complete only with a report that names none (`report_year` infers it from the period's end or the
    contract's end, which needs a year extracted from a date: written differently on each database)."""
    years = {
        cid: (n, first, last)
        for cid, n, first, last in reader.rows(_REPORT_YEARS_SQL, {"partial": ReportKind.PARTIAL}, (as_int,) * 4)
    }
    out = set()
    for c in contracts:
        n, first, last = years.get(c[0], (0, None, None))
        start, end = c[4].year, c[5].year
        if n and first >= start and last <= end and n == end - start + 1:
            out.add(c[0])
    return out


def deadlines_from_session(
    source: Database | Reader | Session,
    today: dt.date,
    data: LawData | None = None,
    horizon: dt.date | None = None,
    include_met: bool = True,
) -> list[Deadline]:
    """Every deadline, sorted; `horizon` / `include_met=False` let the contracts' generator skip
    building those `collect_deadlines` drops (the others are filtered there as before)."""
    data = data or law()
    contract_maker = _Maker(today, data, horizon, include_met)
    with reading(source) as reader:
        programmes: list[Any] = _programme_rows(reader)  # rows with the attributes the generators read
        local = local_report_date(reader)
        procedures = _procedure_rows(reader, None if include_met else today)
        contracts = _contract_rows(reader, open_only=not include_met)
        rdpp = _rdpp_rows(reader)
    out: list[Deadline] = []
    for p in programmes:
        out += programme_deadlines(p, today, data, local)
    nxt = next_programme_deadline(programmes, today, data)
    if nxt:
        out.append(nxt)
    out += missing_annual_programme_deadlines(programmes, today, data)
    records: list[tuple[object, Callable[..., list[Deadline]]]] = []
    records += [(x, procedure_deadlines) for x in procedures]
    records += [(x, lambda c, today, data: contract_deadlines(c, today, data, contract_maker)) for x in contracts]
    records += [(x, rdpp_deadlines) for x in rdpp]
    for record, generate in records:
        try:
            out += generate(record, today, data)
        except UserFacingError:
            # a date outside the calendar's range; `check_all` reports it as a finding
            log.warning("deadlines skipped for %r: date out of range", record)
    return sort_deadlines(out)


def collect_deadlines(
    db: Database | Reader, today: dt.date, days: int | None = None, include_met: bool = False
) -> list[Deadline]:
    """All statutory deadlines; with `days`, only open ones due within `days` plus every overdue one.
    `db` may be the plain reader of the SQLite file the Pulpit reads at start-up (plain_reads)."""
    horizon = today + dt.timedelta(days=days) if days is not None else None
    items = deadlines_from_session(db, today, horizon=horizon, include_met=include_met)
    result = []
    for d in items:
        if d.state is DeadlineState.MET and not include_met:
            continue
        if horizon is not None and d.state is not DeadlineState.OVERDUE and d.due > horizon:
            continue
        result.append(d)
    return result
