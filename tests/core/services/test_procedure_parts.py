"""Parts of a procedure (issue 13 item 10): one open competition over several areas, each area with its
planned money and offers. The service keeps them and refuses parts that disagree with the competition."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from app.core.domain.enums import ProcedureRoute, WkusArea
from app.core.domain.records import ProcedureInput, ProcedurePartInput, TaskInput
from app.core.errors import ValidationFailed
from app.core.services.procedures import (
    create_procedure,
    get_procedure,
    procedure_input,
    update_procedure,
)
from app.core.services.tasks import create_task


def competition(**kw) -> ProcedureInput:  # type: ignore[no-untyped-def]
    base = {
        "route": ProcedureRoute.OPEN_COMPETITION,
        "title": "Konkurs 2025",
        "budget_year": 2025,
        "planned_amount": "60 000",
        "offers_received": 4,
        "offers_rejected": 1,
        "parts": [
            ProcedurePartInput(WkusArea.SPORT, None, "Piłka nożna", "40 000", 3, 1),
            ProcedurePartInput(WkusArea.CULT, None, "", "20 000", 1, 0),
        ],
    }
    base.update(kw)
    return ProcedureInput(**base)  # type: ignore[arg-type]


def test_parts_are_kept_and_edited_in_place(db) -> None:  # type: ignore[no-untyped-def]
    rec = create_procedure(db, competition())
    assert [(p.area, p.title, p.planned_amount, p.offers_received, p.offers_rejected) for p in rec.parts] == [
        (WkusArea.SPORT, "Piłka nożna", D("40000.00"), 3, 1),
        (WkusArea.CULT, "", D("20000.00"), 1, 0),
    ]
    data = procedure_input(get_procedure(db, rec.id))
    sport_id = data.parts[0].id
    data.parts[0].offers_received, data.offers_received = 4, 5
    updated = update_procedure(db, rec.id, data)
    assert updated.parts[0].id == sport_id and updated.parts[0].offers_received == 4


@pytest.mark.parametrize(
    ("change", "message"),
    [
        # 3 + 1 = 4 offers in the areas, 5 typed for the competition
        ({"offers_received": 5}, "4"),
        # 40 000 + 20 000 = 60 000 planned in the areas, 70 000 typed for the competition
        ({"planned_amount": "70 000"}, "60"),
        ({"route": ProcedureRoute.SMALL_GRANT_19A}, "konkurs"),
    ],
)
def test_parts_that_disagree_with_the_competition_are_refused(db, change, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationFailed) as err:
        create_procedure(db, competition(**change))
    texts = [e.message for e in err.value.errors if e.field == "parts"]
    assert texts and message in " ".join(texts)


def test_a_part_whose_task_is_in_another_area_is_refused(db) -> None:  # type: ignore[no-untyped-def]
    task = create_task(db, TaskInput(title="Festyn", area=WkusArea.CULT))
    data = competition()
    data.parts[0].task_id = task.id  # the SPORT part with a CULT task
    with pytest.raises(ValidationFailed) as err:
        create_procedure(db, data)
    assert any("Festyn" in e.message for e in err.value.errors)


def test_an_unreadable_count_of_offers_is_named_once_not_compared_as_zero(db) -> None:  # type: ignore[no-untyped-def]
    """Issue 15: "trzy" offers received and 1 rejected also said "more offers cannot be rejected than
    were received", as if none had been received."""
    data = competition(offers_received="trzy", parts=[])
    with pytest.raises(ValidationFailed) as err:
        create_procedure(db, data)
    assert [(e.field, e.message) for e in err.value.errors] == [("offers_received", "Wpisz liczbę całkowitą.")]
