"""The one date parser of the app (app/core/dates.py): what a Polish clerk types."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core import i18n
from app.core.dates import DateFormatError, parse_date, typed_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the dates of issue 15 that the old date edit turned into the current year / December
        ("15.12.2025", dt.date(2025, 12, 15)),
        ("01.01.2026", dt.date(2026, 1, 1)),
        ("31.12.2028", dt.date(2028, 12, 31)),
        # d.m with a two-digit year: 26 -> 2026
        ("1.2.26", dt.date(2026, 2, 1)),
        # ISO, year first: 5 March, not 3 May
        ("2026-03-05", dt.date(2026, 3, 5)),
        ("5-3-2026", dt.date(2026, 3, 5)),
        ("05/03/2026", dt.date(2026, 3, 5)),
        ("5. 3. 2026", dt.date(2026, 3, 5)),
        ("15.12.2025 r.", dt.date(2025, 12, 15)),
        ("  15.12.2025  ", dt.date(2025, 12, 15)),
        ("15122025", dt.date(2025, 12, 15)),
        ("151225", dt.date(2025, 12, 15)),
        ("29.02.2028", dt.date(2028, 2, 29)),  # 2028 is a leap year
        ("1.1.99", dt.date(1999, 1, 1)),  # 99 >= pivot 70 -> 1999
        ("1.1.69", dt.date(2069, 1, 1)),
    ],
)
def test_parses_polish_forms(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["", "   ", None])
def test_empty_is_no_date(text: str | None) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("31.02.2026", "February 2026 has only 28 days"),
        ("29.02.2026", "28"),
        ("31.04.2026", "April 2026 has only 30 days"),
        ("15.13.2026", "13"),  # no month 13
        ("15.12.1", "year"),  # what the old field showed while typing: no silent year
        ("15.12.202", "year"),
        ("15.12", "year"),  # no year is not "this year"
        ("jutro", "DD.MM.YYYY"),
        ("15.12.2025.1", "DD.MM.YYYY"),
        ("1234", "DD.MM.YYYY"),
        ("15.12.3025", "2100"),
    ],
)
def test_mistakes_are_refused_with_a_message(text: str, fragment: str) -> None:
    i18n.set_language("en")  # the fragments are the English msgids; Polish is checked below
    with pytest.raises(DateFormatError) as err:
        parse_date(text)
    assert fragment in err.value.message


def test_typed_text_round_trip() -> None:
    assert typed_text(dt.date(2026, 3, 5)) == "05.03.2026"
    assert typed_text(None) == ""
    assert parse_date(typed_text(dt.date(2028, 12, 31))) == dt.date(2028, 12, 31)


def test_messages_are_polish_and_name_no_field() -> None:
    with pytest.raises(DateFormatError) as err:
        parse_date("31.02.2026")
    assert err.value.message == "Luty 2026 ma tylko 28 dni."
    with pytest.raises(DateFormatError) as err:
        parse_date("15.12.1")
    assert err.value.message == "Wpisz rok czterema cyframi (lub dwiema), np. 15.12.2025."
