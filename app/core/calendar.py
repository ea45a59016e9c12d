"""Polish public holidays, working days and the civil-code rule that moves deadlines.

Sources (checked 2026-11, cited so a reviewer can re-check them):
* Ustawa z 18 stycznia 1951 r. o dniach wolnych od pracy (list of public holidays, art. 1).
* 6 January (Trzech Króli) added by the act of 24 September 2010 (Dz.U. 2010 nr 224 poz. 1459);
  the first such holiday was 6 January 2011.
* 24 December (Wigilia Bożego Narodzenia) added by the act of 6 December 2024 (Dz.U. 2024
  poz. 1965), in force 1 February 2025; the first such holiday was 24 December 2025 (news reports
  of Nov–Dec 2025, e.g. rp.pl and kadry.infor.pl, list 14 holidays from 2025).
* 12 November 2018, a one-off public holiday: "Dzień 12 listopada 2018 r. jest dniem wolnym od
  pracy" (art. 2 of the act of 7 November 2018 on the National Holiday of the 100th Anniversary
  of Regaining Independence, Dz.U. 2018 poz. 2117, in force 8 November 2018; quoted by expressbydgoski.pl
  and zspborzecin.pl, 2018). The issue cites it as "9 Nov 2018, poz. 2177"; the sources we read
  say 7 November, poz. 2117.
* Kodeks cywilny art. 115: a deadline that ends on a day the law makes free of work or on a
  Saturday ends on the next day that is neither. Sundays are free of work by the 1951 act.
  We apply the current wording (Saturdays included) to every year; the app handles current
  deadlines, not litigation about the 2000s.

The list is data (`_FIXED`, `_MOVABLE`, `_ONE_OFF`), each entry with the years it is in force, so a date in
2010 and one in 2026 each get the holidays valid that year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from app.core.errors import UserFacingError
from app.core.i18n import N_, _

#: Years the calendar is defined for (the Gregorian Easter formula works far beyond, but the
#: holiday list cannot be known for the distant future; the issue asks for 2000–2100).
MIN_YEAR = 2000
MAX_YEAR = 2100


@dataclass(frozen=True)
class _Holiday:
    name: str  # English msgid; shown through _()
    first_year: int = MIN_YEAR
    last_year: int = MAX_YEAR


#: Fixed-date holidays: (month, day) -> rule.
_FIXED: dict[tuple[int, int], _Holiday] = {
    (1, 1): _Holiday(N_("New Year's Day")),
    (1, 6): _Holiday(N_("Epiphany"), first_year=2011),
    (5, 1): _Holiday(N_("Labour Day")),
    (5, 3): _Holiday(N_("Constitution Day (3 May)")),
    (8, 15): _Holiday(N_("Assumption of Mary")),
    (11, 1): _Holiday(N_("All Saints' Day")),
    (11, 11): _Holiday(N_("National Independence Day")),
    (12, 24): _Holiday(N_("Christmas Eve"), first_year=2025),
    (12, 25): _Holiday(N_("Christmas Day")),
    (12, 26): _Holiday(N_("Second Day of Christmas")),
}

#: Days made free of work once by their own act (not a yearly holiday).
_ONE_OFF: dict[dt.date, _Holiday] = {
    dt.date(2018, 11, 12): _Holiday(N_("National holiday of the 100th anniversary of independence")),
}

#: Movable feasts: days after Easter Sunday -> rule.
_MOVABLE: dict[int, _Holiday] = {
    0: _Holiday(N_("Easter Sunday")),
    1: _Holiday(N_("Easter Monday")),
    49: _Holiday(N_("Pentecost Sunday")),
    60: _Holiday(N_("Corpus Christi")),
}


def check_year(year: int) -> None:
    """Refuse years the holiday list is not defined for, with a message the clerk understands."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise UserFacingError(
            _("The year {year} is outside the supported range {first}–{last}.").format(
                year=year, first=MIN_YEAR, last=MAX_YEAR
            )
        )


def easter_sunday(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


@lru_cache(maxsize=256)
def _holiday_msgids(year: int) -> dict[dt.date, str]:
    check_year(year)
    days: dict[dt.date, str] = {}
    for (month, day), rule in _FIXED.items():
        if rule.first_year <= year <= rule.last_year:
            days[dt.date(year, month, day)] = rule.name
    easter = easter_sunday(year)
    for offset, rule in _MOVABLE.items():
        if rule.first_year <= year <= rule.last_year:
            days[easter + dt.timedelta(days=offset)] = rule.name
    for one_off, rule in _ONE_OFF.items():
        if one_off.year == year:
            days[one_off] = rule.name
    return dict(sorted(days.items()))


def public_holidays(year: int) -> dict[dt.date, str]:
    """Public holidays in force in `year`, date -> translated name, in date order."""
    return {day: _(name) for day, name in _holiday_msgids(year).items()}


def is_holiday(d: dt.date) -> bool:
    return d in _holiday_msgids(d.year)


def is_working_day(d: dt.date) -> bool:
    """Monday–Friday that is not a public holiday."""
    return d.weekday() < 5 and not is_holiday(d)


def deadline_on_working_day(d: dt.date) -> dt.date:
    """KC art. 115: a deadline on a Saturday, Sunday or holiday moves to the next working day."""
    while not is_working_day(d):
        d += dt.timedelta(days=1)
    return d


def add_working_days(d: dt.date, n: int) -> dt.date:
    """The n-th working day after `d` (d itself not counted); n = 0 returns `d` unchanged.

    Used for "within 7 working days of receipt" (art. 19a ust. 3): receipt on a Friday before
    a normal weekend gives the following Tuesday week as the last day.
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    while n:
        d += dt.timedelta(days=1)
        if is_working_day(d):
            n -= 1
    return d


def add_months(d: dt.date, months: int) -> dt.date:
    """Same day `months` later; a missing day (31 → 30 Apr) becomes the month's last day.

    This is how KC art. 112 ends a term counted in months.
    """
    index = d.month - 1 + months
    year, month = d.year + index // 12, index % 12 + 1
    for day in (d.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(d.day, day))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def add_years(d: dt.date, years: int) -> dt.date:
    return add_months(d, 12 * years)
