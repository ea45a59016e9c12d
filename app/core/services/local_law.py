"""What the gmina itself decided that the law checks need, entered by the clerk in one form (Plik →
Uchwały rady i budżet): the council's resolution on consultations (art. 5 ust. 5, rule PRG-5), its
resolution on local-initiative criteria (art. 19c, INI-2), an earlier day for the programme report
set by the council (art. 5a ust. 3, RPT-1) and the grants planned in a year's budget for tasks of
organisations (art. 19a ust. 7's base, 19A-3 and W-10). Each is a setting; the keys and their text
formats belong to the modules that read them (resolutions.py, deadlines.py, rules.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.calendar import MAX_YEAR, MIN_YEAR
from app.core.db.engine import Database
from app.core.db.models import Setting
from app.core.errors import FieldError
from app.core.i18n import N_, _
from app.core.law.deadlines import LOCAL_REPORT_DATE_KEY, parse_local_report_date
from app.core.law.planned_grants import NGO_GRANTS_PLANNED_KEY, planned_by_year
from app.core.law.resolutions import (
    CONSULTATION_KEY,
    LOCAL_INITIATIVE_KEY,
    SOCIAL_WORK_KEY,
    parse_resolution,
    parse_yes_no,
)
from app.core.services.fields import Checker

LABELS = {
    "consultation_adopted": N_("Consultations resolution of"),
    "consultation_title": N_("Its number and title"),
    "initiative_adopted": N_("Local-initiative resolution of"),
    "initiative_title": N_("Its number and title"),
    "social_work": N_("The criteria weigh"),
    "report_day": N_("Programme report due (day.month)"),
    "budget_year": N_("Budget year"),
    "ngo_grants_planned": N_("Grants planned for tasks of organisations"),
}

#: art. 5a ust. 3: the report on the programme is due "nie później niż do dnia 31 maja"; a council may
#: set an earlier day, never a later one
STATUTORY_REPORT_DAY = (5, 31)


@dataclass(frozen=True)
class LocalLawInput:
    #: a date, or the text typed that is not one (the check names the field)
    consultation_adopted: dt.date | str | None = None
    consultation_title: str = ""
    initiative_adopted: dt.date | str | None = None
    initiative_title: str = ""
    #: None: not recorded
    social_work: bool | None = None
    #: "30.04": the council's day for the programme report; "" = the act's 31 May
    report_day: str = ""
    budget_year: int | str = 0
    #: złote, or the text typed; None or "" = not entered (19A-3 then says it cannot check the year)
    ngo_grants_planned: Decimal | str | None = None


@dataclass(frozen=True)
class LocalLawRecord(LocalLawInput):
    #: every year with its planned grants, oldest first
    planned_years: tuple[tuple[int, Decimal], ...] = ()


def parse_report_day(text: str) -> tuple[int, int] | None:
    """ "30.04" / "30.4" / "30-04" -> (4, 30); "" -> None; anything else raises ValueError."""
    value = text.strip().replace("-", ".").replace("/", ".")
    if not value:
        return None
    day, _sep, month = value.partition(".")
    month = month.rstrip(".")
    if not (day.isdigit() and month.isdigit()):
        raise ValueError(text)
    dt.date(2001, int(month), int(day))  # a real day of a year without 29 February
    return int(month), int(day)


def format_report_day(month_day: tuple[int, int] | None) -> str:
    return "" if month_day is None else f"{month_day[1]:02d}.{month_day[0]:02d}"


def _check(data: LocalLawInput) -> tuple[Checker, dict[str, Any]]:
    c = Checker(data, LABELS)
    out: dict[str, Any] = {
        "consultation_adopted": c.date(
            "consultation_adopted", LABELS["consultation_adopted"], data.consultation_adopted
        ),
        "consultation_title": c.text(
            "consultation_title", LABELS["consultation_title"], data.consultation_title, max_length=400
        ),
        "initiative_adopted": c.date("initiative_adopted", LABELS["initiative_adopted"], data.initiative_adopted),
        "initiative_title": c.text(
            "initiative_title", LABELS["initiative_title"], data.initiative_title, max_length=400
        ),
        "social_work": data.social_work,
        "budget_year": c.year("budget_year", LABELS["budget_year"], data.budget_year),
        "ngo_grants_planned": c.money(
            "ngo_grants_planned", LABELS["ngo_grants_planned"], data.ngo_grants_planned, positive=True
        ),
        "report_day": None,
    }
    for date_field, title, answer in (
        ("consultation_adopted", out["consultation_title"], None),
        ("initiative_adopted", out["initiative_title"], data.social_work),
    ):
        day = out[date_field]
        if day is None and not c.has(date_field) and (title or answer is not None):
            c.error(
                date_field,
                LABELS[date_field],
                _("Enter the day the council adopted the resolution (the rest belongs to it)."),
            )
        elif day is not None and not MIN_YEAR <= day.year <= MAX_YEAR:
            c.error(
                date_field,
                LABELS[date_field],
                _("Enter a date between {first} and {last}.").format(first=MIN_YEAR, last=MAX_YEAR),
            )
    try:
        out["report_day"] = parse_report_day(data.report_day)
    except ValueError:
        c.error("report_day", LABELS["report_day"], _("Enter a day and month, e.g. 30.04."))
    else:
        if out["report_day"] is not None and out["report_day"] > STATUTORY_REPORT_DAY:
            c.error(
                "report_day",
                LABELS["report_day"],
                _("The act's deadline is 31 May (art. 5a ust. 3); the council may only set an earlier day."),
            )
    return c, out


def validate_local_law(data: LocalLawInput) -> list[FieldError]:
    return _check(data)[0].errors


def _values(session: Session) -> dict[str, str]:
    keys = (CONSULTATION_KEY, LOCAL_INITIATIVE_KEY, SOCIAL_WORK_KEY, LOCAL_REPORT_DATE_KEY)
    return {r.key: r.value or "" for r in session.scalars(select(Setting).where(Setting.key.in_(keys)))}


def get_local_law(db: Database, year: int) -> LocalLawRecord:
    """What is recorded, with the planned grants of `year` in the form's amount."""
    with db.session() as s:
        values = _values(s)
        planned = planned_by_year(s)  # the reading 19A-3 itself uses
    consultation = parse_resolution(values.get(CONSULTATION_KEY))
    initiative = parse_resolution(values.get(LOCAL_INITIATIVE_KEY))
    return LocalLawRecord(
        consultation_adopted=consultation.adopted if consultation else None,
        consultation_title=consultation.title if consultation else "",
        initiative_adopted=initiative.adopted if initiative else None,
        initiative_title=initiative.title if initiative else "",
        social_work=parse_yes_no(values.get(SOCIAL_WORK_KEY)),
        report_day=format_report_day(parse_local_report_date(values.get(LOCAL_REPORT_DATE_KEY))),
        budget_year=year,
        ngo_grants_planned=planned.get(year),
        planned_years=tuple(sorted(planned.items())),
    )


def _put(session: Session, key: str, value: str | None) -> None:
    """Store `value` under `key`; None removes what was recorded."""
    if value is not None:
        session.merge(Setting(key=key, value=value))
    elif (row := session.get(Setting, key)) is not None:
        session.delete(row)


def _resolution_text(day: dt.date | None, title: str) -> str | None:
    return None if day is None else f"{day.isoformat()}|{title.strip()}"


def save_local_law(db: Database, data: LocalLawInput) -> LocalLawRecord:
    """Store everything in one transaction; invalid input is refused with every field's error."""
    c, v = _check(data)
    c.raise_if_any()
    report = v["report_day"]
    with db.session() as s:
        _put(s, CONSULTATION_KEY, _resolution_text(v["consultation_adopted"], v["consultation_title"]))
        _put(s, LOCAL_INITIATIVE_KEY, _resolution_text(v["initiative_adopted"], v["initiative_title"]))
        _put(s, SOCIAL_WORK_KEY, None if v["social_work"] is None else ("yes" if v["social_work"] else "no"))
        _put(s, LOCAL_REPORT_DATE_KEY, None if report is None else f"{report[0]:02d}-{report[1]:02d}")
        planned = v["ngo_grants_planned"]
        _put(s, f"{NGO_GRANTS_PLANNED_KEY}{v['budget_year']}", None if planned is None else str(planned))
    return get_local_law(db, v["budget_year"])


def update_local_law(db: Database, year: int, **changes: Any) -> LocalLawRecord:
    """Change some of what is recorded (the command line sets one item at a time); the rest is kept, and
    the whole is checked and stored as the form stores it."""
    current = get_local_law(db, year)
    kept = {f.name: getattr(current, f.name) for f in fields(LocalLawInput)}
    return save_local_law(db, LocalLawInput(**{**kept, **changes}))
