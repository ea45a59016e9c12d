"""Polish public holidays and KC art. 115 deadline shifting, with hand-checked dates."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core.calendar import (
    add_months,
    add_working_days,
    deadline_on_working_day,
    easter_sunday,
    is_working_day,
    public_holidays,
)
from app.core.errors import UserFacingError

D = dt.date


@pytest.mark.parametrize(
    "year, easter",
    [
        (2000, D(2000, 4, 23)),
        (2008, D(2008, 3, 23)),  # very early Easter
        (2010, D(2010, 4, 4)),
        (2011, D(2011, 4, 24)),
        (2024, D(2024, 3, 31)),
        (2026, D(2026, 4, 5)),
        (2038, D(2038, 4, 25)),  # the latest possible date
        (2050, D(2050, 4, 10)),
    ],
)
def test_easter_known_dates(year: int, easter: dt.date) -> None:
    assert easter_sunday(year) == easter


def test_easter_matches_dateutil_for_every_supported_year() -> None:
    dateutil_easter = pytest.importorskip("dateutil.easter")
    for year in range(2000, 2101):
        assert easter_sunday(year) == dateutil_easter.easter(year), year


def test_holidays_2010_before_epiphany_and_christmas_eve() -> None:
    days = public_holidays(2010)
    # 12 holidays: 1.01, Easter Sun+Mon, 1.05, 3.05, Pentecost, Corpus Christi, 15.08, 1.11, 11.11, 25–26.12
    assert len(days) == 12
    assert D(2010, 1, 6) not in days
    assert D(2010, 12, 24) not in days
    assert D(2010, 4, 5) in days  # Easter Monday = 4 Apr + 1
    assert D(2010, 5, 23) in days  # Pentecost = 4 Apr + 49 days
    assert D(2010, 6, 3) in days  # Corpus Christi = 4 Apr + 60 days
    assert days[D(2010, 6, 3)] == "Boże Ciało"
    assert is_working_day(D(2010, 1, 6))  # a Wednesday, not yet a holiday


def test_holidays_2011_to_2024_have_epiphany_but_not_christmas_eve() -> None:
    for year in (2011, 2017, 2024):
        days = public_holidays(year)
        assert len(days) == 13, year
        assert D(year, 1, 6) in days
        assert D(year, 12, 24) not in days
    assert not is_working_day(D(2011, 1, 6))  # Thursday, first Trzech Króli holiday
    assert is_working_day(D(2024, 12, 24))  # Tuesday, still a working day in 2024


def test_holidays_2026_include_christmas_eve() -> None:
    days = public_holidays(2026)
    assert len(days) == 14
    assert days[D(2026, 12, 24)] == "Wigilia Bożego Narodzenia"
    assert days[D(2026, 1, 6)] == "Święto Trzech Króli"
    assert D(2026, 4, 6) in days  # Easter Monday = 5 Apr + 1
    assert D(2026, 5, 24) in days  # Pentecost = 5 Apr + 49
    assert D(2026, 6, 4) in days  # Corpus Christi = 5 Apr + 60 (a Thursday)
    assert D(2026, 6, 4).weekday() == 3
    assert list(days) == sorted(days)


def test_every_year_2000_2050_has_the_right_count_and_corpus_christi_on_thursday() -> None:
    for year in range(2000, 2051):
        expected = 12 if year <= 2010 else 13 if year <= 2024 else 14
        expected += year == 2018  # the one-off 12 November 2018
        days = public_holidays(year)
        assert len(days) == expected, year
        corpus = easter_sunday(year) + dt.timedelta(days=60)
        assert corpus in days and corpus.weekday() == 3, year


def test_weekends_are_not_working_days() -> None:
    assert not is_working_day(D(2026, 11, 21))  # Saturday
    assert not is_working_day(D(2026, 11, 22))  # Sunday
    assert is_working_day(D(2026, 11, 23))  # Monday


@pytest.mark.parametrize(
    "due, moved",
    [
        # 1–3 May 2026: Fri holiday, Sat, Sun holiday -> Monday 4 May
        (D(2026, 5, 1), D(2026, 5, 4)),
        (D(2026, 5, 3), D(2026, 5, 4)),
        # 2025: 1 May Thu holiday -> Fri 2 May is a working day
        (D(2025, 5, 1), D(2025, 5, 2)),
        # 3 May 2025 is a Saturday, 4 May Sunday -> Monday 5 May
        (D(2025, 5, 3), D(2025, 5, 5)),
        # Easter 2026: Sat 4 Apr, Sun 5 Apr, Easter Monday 6 Apr -> Tue 7 Apr
        (D(2026, 4, 4), D(2026, 4, 7)),
        # Christmas 2026: Thu 24 (holiday since 2025), Fri 25, Sat 26, Sun 27 -> Mon 28 Dec
        (D(2026, 12, 24), D(2026, 12, 28)),
        # Christmas 2024: Tue 24 Dec was still a working day
        (D(2024, 12, 24), D(2024, 12, 24)),
        # Christmas 2010: Sat 25, Sun 26 -> Mon 27 Dec
        (D(2010, 12, 25), D(2010, 12, 27)),
        # domain.md §6.8: task ended 31.12.2021, 30 days -> Sun 30.01.2022 -> Mon 31.01.2022
        (D(2021, 12, 31) + dt.timedelta(days=30), D(2022, 1, 31)),
        # a working day stays
        (D(2026, 11, 23), D(2026, 11, 23)),
        # New Year 2027 is a Friday -> Monday 4 Jan
        (D(2027, 1, 1), D(2027, 1, 4)),
    ],
)
def test_deadline_moves_to_next_working_day(due: dt.date, moved: dt.date) -> None:
    assert deadline_on_working_day(due) == moved


def test_add_working_days_across_easter_and_christmas() -> None:
    # Thu 2 Apr 2026 + 1 = Fri 3 Apr; + 2 skips Sat, Sun, Easter Monday -> Tue 7 Apr
    assert add_working_days(D(2026, 4, 2), 1) == D(2026, 4, 3)
    assert add_working_days(D(2026, 4, 2), 2) == D(2026, 4, 7)
    # Mon 21 Dec 2026 + 7: 22(1) 23(2) [24,25,26,27 off] 28(3) 29(4) 30(5) 31(6) [1,2,3 Jan off] 4 Jan(7)
    assert add_working_days(D(2026, 12, 21), 7) == D(2027, 1, 4)
    assert add_working_days(D(2026, 12, 21), 0) == D(2026, 12, 21)


def test_add_months_end_of_month() -> None:
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert add_months(D(2026, 11, 15), 2) == D(2027, 1, 15)


@pytest.mark.parametrize("year", [1999, 2101])
def test_years_outside_the_range_give_a_clear_message(year: int) -> None:
    with pytest.raises(UserFacingError) as info:
        public_holidays(year)
    assert str(year) in info.value.message
    with pytest.raises(UserFacingError):
        is_working_day(D(year, 6, 1))


def test_12_november_2018_was_a_day_off() -> None:
    # "Dzień 12 listopada 2018 r. jest dniem wolnym od pracy" (art. 2, Dz.U. 2018 poz. 2117)
    assert not is_working_day(D(2018, 11, 12))  # a Monday
    assert len(public_holidays(2018)) == 14  # 13 of that era + the one-off day
    # Sat 10 Nov, Sun 11 Nov (holiday), Mon 12 Nov (one-off) -> Tue 13 Nov (was Mon 12 before the fix)
    for due in (D(2018, 11, 10), D(2018, 11, 11), D(2018, 11, 12)):
        assert deadline_on_working_day(due) == D(2018, 11, 13)
    assert is_working_day(D(2019, 11, 12))  # only once


def test_calendar_2000_2050_agrees_with_the_holidays_package_on_every_day() -> None:
    """An independent source: the `holidays` package (test dependency only), Poland.

    It also lists 24 December from 2025 and 12 November 2018 (checked with holidays 0.108).
    """
    holidays = pytest.importorskip("holidays")
    theirs = holidays.country_holidays("PL", years=range(2000, 2051))
    assert D(2025, 12, 24) in theirs and D(2024, 12, 24) not in theirs
    assert D(2018, 11, 12) in theirs
    day = D(2000, 1, 1)
    disagreements = []
    while day <= D(2050, 12, 31):
        ours = day in public_holidays(day.year)
        if ours != (day in theirs):
            disagreements.append(day)
        day += dt.timedelta(days=1)
    assert disagreements == []
