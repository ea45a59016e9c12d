"""Issue 15, item 7: result units declined with their numbers in summaries."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from app.core.domain.units import count_with_unit, unit_form


@pytest.mark.parametrize(
    ("count", "unit", "expected"),
    [
        (D(15), "miejsce", "15 miejsc"),  # was "15 miejsce"
        (D(180), "miejsco-miesiąc", "180 miejsco-miesięcy"),  # was "180 miejsco-miesiąc"
        (D(1), "miejsce", "1 miejsce"),
        (D(3), "miejsce", "3 miejsca"),
        (D(22), "miejsca", "22 miejsca"),  # 22 takes the 2–4 form; 12 does not
        (D(12), "miejsca", "12 miejsc"),
        (D("2.5"), "miejsce", "2,5 miejsca"),  # a fraction: genitive singular
        (D(36), "osoby", "36 osób"),
        (D("40.0"), "osoby", "40 osób"),
        (D(1), "osoby", "1 osoba"),
        (D(5400), "godz.", "5\u00a0400 godz."),  # an abbreviation stays as typed
        (D(7), "kg paszy", "7 kg paszy"),  # an unknown unit stays as typed
        (D(7), "", "7"),
    ],
)
def test_count_with_unit(count: D, unit: str, expected: str) -> None:
    assert count_with_unit(count, unit) == expected


def test_capital_letter_is_kept() -> None:
    assert unit_form(5, "Miejsce") == "Miejsc"


def test_year_summary_declines_the_unit() -> None:
    import datetime as dt

    from app.core.domain.enums import ContractForm, ContractStatus
    from app.core.domain.records import ContractRecord, PlannedResultRecord
    from app.core.services.contract_summary import year_summaries

    record = ContractRecord(
        id=1,
        number="",
        title="Żłobek",
        task_id=None,
        task_title="",
        procedure_id=None,
        procedure_title="",
        form=ContractForm.WSPARCIE,
        status=ContractStatus.ACTIVE,
        signed_date=None,
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 12, 31),
        unit_rate=None,
        unit_name="",
        budget_paragraph="2360",
        notes="",
        parties=(),
        tranches=(),
        contributions=(),
        planned_results=(
            PlannedResultRecord(1, "Miejsca w żłobku", "miejsce", "", 2026, D(15), {2026: D(14)}),
            PlannedResultRecord(2, "Opieka", "miejsco-miesiąc", "", None, D(180), {2026: D(168)}),
        ),
        reports=(),
        controls=(),
    )
    [summary] = year_summaries(record, dt.date(2026, 12, 1))
    assert summary.results == (
        "Miejsca w żłobku: 14 z 15 miejsc",
        "Opieka: 168 miejsco-miesięcy (cała umowa dotąd 168 z 180 miejsco-miesięcy, przepływ (sumowany))",
    )
