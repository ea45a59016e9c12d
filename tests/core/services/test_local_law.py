"""The form of the council's resolutions and the budget's planned grants (Plik → Uchwały rady i budżet):
what it stores is what the law checks read, and clearing a field removes what was recorded."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from app.core.errors import ValidationFailed
from app.core.law.data import law
from app.core.law.deadlines import local_report_date, programme_report_due
from app.core.law.planned_grants import planned_by_year
from app.core.law.resolutions import CONSULTATION_KEY
from app.core.services.local_law import (
    LocalLawInput,
    get_local_law,
    parse_report_day,
    save_local_law,
    validate_local_law,
)


def test_what_the_form_saves_is_what_the_checks_read(db: Any) -> None:
    saved = save_local_law(
        db,
        LocalLawInput(
            consultation_adopted=dt.date(2010, 9, 23),
            consultation_title=" Uchwała nr XLII/254/2010 ",
            initiative_adopted="30.05.2019",  # as typed: the form's date editor hands over text it could not read
            social_work=False,
            report_day="30.4",
            budget_year="2026",
            ngo_grants_planned="250 000,50",
        ),
    )
    assert saved.consultation_title == "Uchwała nr XLII/254/2010"
    assert saved.initiative_adopted == dt.date(2019, 5, 30) and saved.social_work is False
    assert saved.report_day == "30.04" and saved.planned_years == ((2026, Decimal("250000.50")),)
    with db.session() as s:
        # the rules' own readers
        assert planned_by_year(s) == {2026: Decimal("250000.50")}
        assert local_report_date(s) == (4, 30)
    # RPT-1: the report on 2026 is due on the council's 30 April 2027, not the act's 31 May
    assert programme_report_due(2026, law(), (4, 30)) == dt.date(2027, 4, 30)


def test_clearing_a_field_removes_what_was_recorded(db: Any) -> None:
    save_local_law(
        db,
        LocalLawInput(
            consultation_adopted=dt.date(2010, 9, 23), report_day="30.04", budget_year=2025, ngo_grants_planned="1000"
        ),
    )
    save_local_law(db, LocalLawInput(budget_year=2025))
    r = get_local_law(db, 2025)
    assert (r.consultation_adopted, r.report_day, r.ngo_grants_planned, r.planned_years) == (None, "", None, ())
    with db.session() as s:
        from app.core.db.models import Setting

        assert s.get(Setting, CONSULTATION_KEY) is None


def test_another_years_planned_grants_are_kept(db: Any) -> None:
    save_local_law(db, LocalLawInput(budget_year=2025, ngo_grants_planned="100000"))
    save_local_law(db, LocalLawInput(budget_year=2026, ngo_grants_planned="120000"))
    assert get_local_law(db, 2025).planned_years == ((2025, Decimal("100000.00")), (2026, Decimal("120000.00")))
    assert get_local_law(db, 2025).ngo_grants_planned == Decimal("100000.00")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (LocalLawInput(consultation_title="Uchwała nr 1", budget_year=2026), "consultation_adopted"),
        (LocalLawInput(social_work=True, budget_year=2026), "initiative_adopted"),
        (LocalLawInput(report_day="1.06", budget_year=2026), "report_day"),  # later than the act's 31 May
        (LocalLawInput(report_day="29.02", budget_year=2026), "report_day"),  # not a day of every year
        (LocalLawInput(report_day="maj", budget_year=2026), "report_day"),
        (LocalLawInput(budget_year=1999), "budget_year"),
        (LocalLawInput(budget_year=2026, ngo_grants_planned="0"), "ngo_grants_planned"),
        (LocalLawInput(budget_year=2026, ngo_grants_planned="12a"), "ngo_grants_planned"),
        (LocalLawInput(consultation_adopted="31.02.2020", budget_year=2026), "consultation_adopted"),
    ],
)
def test_a_wrong_value_is_refused_naming_its_field_and_nothing_is_stored(
    db: Any, data: LocalLawInput, field: str
) -> None:
    assert [e.field for e in validate_local_law(data)] == [field]
    with pytest.raises(ValidationFailed):
        save_local_law(db, data)
    r = get_local_law(db, 2026)
    assert (r.consultation_adopted, r.initiative_adopted, r.social_work, r.report_day, r.planned_years) == (
        None,
        None,
        None,
        "",
        (),
    )


def test_the_report_day_is_read_as_a_clerk_writes_it() -> None:
    assert parse_report_day("30.04") == parse_report_day("30.4") == parse_report_day("30-04") == (4, 30)
    assert parse_report_day(" 31.05. ") == (5, 31)
    assert parse_report_day("") is None
