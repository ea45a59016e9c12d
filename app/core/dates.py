"""Dates as a Polish clerk types them: one parser for every date field of the app.

Accepted: 15.12.2025, 5.3.2026, 05-03-2026, 05/03/2026, "15.12.2025 r.", a two-digit year (1.2.26),
ISO 2026-03-05 (what exports and the CLI write) and eight or six digits without separators
(15122025, 151225). Empty text is "no date" (None); whether a date is required is the caller's
rule. Anything else raises DateFormatError with a message in the clerk's language that does not
name the field (the form shows it next to the field, the service prefixes the label).
A guess is never made: "15.12" without a year is an error, not the current year.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from app.core.i18n import _

MIN_YEAR = 1900
MAX_YEAR = 2100
#: two-digit years 00–69 are 2000–2069, 70–99 are 1970–1999 (contracts, reports and resolutions
#: of a gmina are recent; a founding date in the 1990s is still read right)
PIVOT = 70

_SEP = r"\s*[.\-/ ]\s*"
_PARTS = re.compile(rf"(\d{{1,4}}){_SEP}(\d{{1,4}}){_SEP}(\d{{1,4}})")
_SUFFIX = re.compile(r"\s*r\.?$", re.IGNORECASE)  # "15.12.2025 r."


class DateFormatError(ValueError):
    """Typed text that is not a date; `message` is translated and names no field."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _expected() -> str:
    return _("Type the date as DD.MM.YYYY, e.g. 15.12.2025.")


def _year(text: str) -> int:
    if len(text) == 4:
        return int(text)
    if len(text) == 2:
        short = int(text)
        return 2000 + short if short < PIVOT else 1900 + short
    raise DateFormatError(_("Type the year with four digits (or two), e.g. 15.12.2025."))


def _month_name(month: int) -> str:
    from babel.dates import get_month_names

    from app.core.i18n import current_locale

    return str(get_month_names("wide", context="stand-alone", locale=current_locale())[month])


def parse_date(text: str | None) -> dt.date | None:
    """The date typed in `text`; None when empty; DateFormatError when it is not a date."""
    cleaned = (text or "").strip()
    if not cleaned:
        return None
    cleaned = _SUFFIX.sub("", cleaned).rstrip(".").strip()
    if cleaned.isdigit():
        if len(cleaned) == 8:
            day, month, year = int(cleaned[:2]), int(cleaned[2:4]), int(cleaned[4:])
        elif len(cleaned) == 6:
            day, month, year = int(cleaned[:2]), int(cleaned[2:4]), _year(cleaned[4:])
        else:
            raise DateFormatError(_expected())
    else:
        match = _PARTS.fullmatch(cleaned)
        if match is None:
            if re.fullmatch(rf"\d{{1,2}}{_SEP}\d{{1,2}}", cleaned):
                raise DateFormatError(_("Add the year, e.g. 15.12.2025."))
            raise DateFormatError(_expected())
        first, second, third = match.groups()
        if len(first) == 4:  # ISO: year first
            if len(third) > 2 or len(second) > 2:
                raise DateFormatError(_expected())
            year, month, day = int(first), int(second), int(third)
        else:
            if len(first) > 2 or len(second) > 2:
                raise DateFormatError(_expected())
            day, month, year = int(first), int(second), _year(third)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateFormatError(_("The year must be between {low} and {high}.").format(low=MIN_YEAR, high=MAX_YEAR))
    if not 1 <= month <= 12:
        raise DateFormatError(_("There is no month {month}; months are numbered 1 to 12.").format(month=month))
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise DateFormatError(
            _("{month} {year} has only {days} days.").format(
                month=_month_name(month).capitalize(), year=year, days=days
            )
        )
    return dt.date(year, month, day)


def typed_text(day: dt.date | None) -> str:
    """A date as a field shows it after editing: DD.MM.YYYY whatever the interface language
    (the form in which it is typed; `parse_date` reads it back)."""
    return "" if day is None else f"{day.day:02d}.{day.month:02d}.{day.year:04d}"
