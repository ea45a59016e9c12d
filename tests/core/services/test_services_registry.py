"""Gmina profile, public tasks, cooperation programmes and procedures: validation and round trips."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from app.core.audit import history
from app.core.domain.enums import AuditAction, DeliveryMode, ExecutiveTitle, ProcedureRoute, ProgrammeKind, WkusArea
from app.core.domain.records import (
    GminaInput,
    PriorityInput,
    ProcedureInput,
    ProgrammeInput,
    ProgrammeReportInput,
    TaskInput,
)
from app.core.errors import ValidationFailed
from app.core.services import gmina, procedures, programmes, tasks

# runs on SQLite and on the tests' PostgreSQL server (tests/conftest.py, issue 19)
pytestmark = pytest.mark.pg


def fields(errors) -> set[str]:  # type: ignore[no-untyped-def]
    return {e.field for e in errors}


# ---- gmina -----------------------------------------------------------------------------------


def test_gmina_validation() -> None:
    ok = GminaInput(name="Gmina Turek", nip="668-185-79-56", regon="311019556", teryt="3018022")
    assert gmina.validate_gmina(ok) == []
    bad = GminaInput(
        name="",
        jst_type="X",
        executive_title=None,
        nip="6681857957",
        regon="311019555",
        teryt="12",
        postal_code="1",
        email="x",
    )
    assert fields(gmina.validate_gmina(bad)) == {
        "name",
        "jst_type",
        "executive_title",
        "nip",
        "regon",
        "teryt",
        "postal_code",
        "email",
    }


def test_gmina_is_a_single_row(db) -> None:  # type: ignore[no-untyped-def]
    assert gmina.get_gmina(db) is None
    first = gmina.save_gmina(db, GminaInput(name="Gmina A", nip="PL6681857956", logo=b"PNG", logo_filename="h.png"))
    second = gmina.save_gmina(db, GminaInput(name="Gmina B", executive_title=ExecutiveTitle.BURMISTRZ))
    assert first.id == second.id and first.nip == "6681857956"
    assert second.has_logo and gmina.get_gmina_logo(db) == b"PNG"  # logo=None keeps the stored image
    data = gmina.gmina_input(second)
    data.logo = b""
    gmina.save_gmina(db, data)
    assert gmina.get_gmina(db).has_logo is False  # b"" removes it


# ---- tasks -----------------------------------------------------------------------------------


def test_task_validation() -> None:
    assert tasks.validate_task(TaskInput(title="Świetlice", area="SOC", spheres=("1a", "15"))) == []
    errors = tasks.validate_task(TaskInput(title="", area=None, spheres=("77",), mkus_type="?", delivery_mode=None))
    assert fields(errors) == {"title", "area", "spheres", "mkus_type", "delivery_mode"}


def test_task_round_trip(db) -> None:  # type: ignore[no-untyped-def]
    rec = tasks.create_task(
        db,
        TaskInput(
            title="Świetlice", area=WkusArea.SOC, spheres=("15", "1a"), delivery_mode=DeliveryMode.MULTI_YEAR_CONTRACT
        ),
    )
    assert rec.spheres == ("1a", "15")
    data = tasks.task_input(rec)
    data.title = "Świetlice środowiskowe"
    assert tasks.update_task(db, rec.id, data).title == "Świetlice środowiskowe"
    tasks.create_task(db, TaskInput(title="Biegi", area=WkusArea.SPORT))
    tasks.create_task(db, TaskInput(title="Alfabet", area=WkusArea.EDU))
    # EDU comes before SOC and SPORT in the list of nine areas
    assert [t.title for t in tasks.list_tasks(db)] == ["Alfabet", "Świetlice środowiskowe", "Biegi"]
    tasks.delete_task(db, rec.id)
    assert len(tasks.list_tasks(db)) == 2


# ---- programmes ------------------------------------------------------------------------------


def programme(**changes) -> ProgrammeInput:  # type: ignore[no-untyped-def]
    data = ProgrammeInput(
        kind=ProgrammeKind.ANNUAL,
        year_from=2026,
        resolution_number="XII/85/2025",
        resolution_date=dt.date(2025, 11, 27),
        consultation_start="1.10.2025",
        consultation_end="2025-10-15",
        remarks_received=4,
        remarks_accepted=3,
        planned_total="200 000",
        elements={n: f"Element {n}" for n in range(1, 12)},
        priorities=[
            PriorityInput(2026, "Pomoc społeczna", "SOC", "150 000"),
            PriorityInput(2026, "Sport", "SPORT", "50000,00"),
        ],
        reports=[ProgrammeReportInput(2026, None, None)],
    )
    for k, v in changes.items():
        setattr(data, k, v)
    return data


def test_programme_validation() -> None:
    assert programmes.validate_programme(programme()) == []
    assert fields(programmes.validate_programme(programme(year_to=2027))) == {"year_to"}  # annual = one year
    assert programmes.validate_programme(programme(kind=ProgrammeKind.MULTI_YEAR, year_to=2028)) == []
    assert fields(programmes.validate_programme(programme(kind=ProgrammeKind.MULTI_YEAR, year_to=2025))) == {"year_to"}
    assert fields(programmes.validate_programme(programme(year_from="20x6"))) == {"year_from"}
    assert fields(programmes.validate_programme(programme(remarks_accepted=5))) == {"remarks_accepted"}
    assert fields(programmes.validate_programme(programme(consultation_end=dt.date(2025, 9, 1)))) == {
        "consultation_end"
    }
    assert fields(programmes.validate_programme(programme(planned_total="-1"))) == {"planned_total"}
    assert fields(programmes.validate_programme(programme(elements={12: "x"}))) == {"elements"}
    bad_rows = programme(priorities=[PriorityInput(2027, "", None, "abc")])
    assert len([e for e in programmes.validate_programme(bad_rows) if e.field == "priorities"]) == 3


def test_programme_round_trip(db) -> None:  # type: ignore[no-untyped-def]
    rec = programmes.create_programme(db, programme())
    assert "2026" in rec.title  # an empty title is filled in from the years
    assert rec.filled_elements == tuple(range(1, 12))
    assert rec.priorities_total == D("200000.00")  # 150 000 + 50 000
    assert rec.resolution_date == dt.date(2025, 11, 27) and rec.consultation_start == dt.date(2025, 10, 1)
    data = programmes.programme_input(rec)
    del data.elements[7]
    data.priorities[1].planned_amount = "60 000"
    updated = programmes.update_programme(db, rec.id, data)
    assert updated.filled_elements == (1, 2, 3, 4, 5, 6, 8, 9, 10, 11)
    assert updated.priorities_total == D("210000.00")
    assert [p.id for p in updated.priorities] == [p.id for p in rec.priorities]
    [row] = programmes.list_programmes(db)
    assert (row.years_label, row.elements_filled) == ("2026", 10)
    with db.session() as s:
        assert any(e.action is AuditAction.DELETE for e in history(s, "programme_element"))
    programmes.delete_programme(db, rec.id)
    assert programmes.list_programmes(db) == []


# ---- procedures ------------------------------------------------------------------------------


def test_procedure_validation() -> None:
    ok = ProcedureInput(
        title="Konkurs 2026",
        budget_year=2026,
        planned_amount="120 000",
        published_bip=dt.date(2026, 1, 5),
        offer_deadline=dt.date(2026, 1, 27),
    )
    assert procedures.validate_procedure(ok) == []
    # the act's 21 days are a law finding, not a refusal: 14 days can be recorded
    assert (
        procedures.validate_procedure(
            ProcedureInput(title="K", budget_year=2026, published_bip="5.01.2026", offer_deadline="19.01.2026")
        )
        == []
    )
    bad = ProcedureInput(
        route=None,
        title="",
        budget_year=None,
        planned_amount="-5",
        offers_received=1,
        offers_rejected=2,
        published_bip=dt.date(2026, 2, 1),
        offer_deadline=dt.date(2026, 1, 1),
        publication_start="31.02.2026",
        annulled=True,
    )
    assert fields(procedures.validate_procedure(bad)) == {
        "route",
        "title",
        "budget_year",
        "planned_amount",
        "offers_rejected",
        "offer_deadline",
        "publication_start",
        "annulment_date",
    }


def test_procedure_round_trip(db) -> None:  # type: ignore[no-untyped-def]
    task = tasks.create_task(db, TaskInput(title="Festyn", area=WkusArea.CULT))
    rec = procedures.create_procedure(
        db,
        ProcedureInput(
            route=ProcedureRoute.SMALL_GRANT_19A,
            title="Oferta 19a: festyn",
            budget_year="2025",
            task_id=task.id,
            planned_amount="9 500,50",
            received_date=dt.date(2025, 5, 5),
            publication_start=dt.date(2025, 5, 8),
            publication_end=dt.date(2025, 5, 14),
        ),
    )
    assert (rec.task_title, rec.planned_amount, rec.budget_year) == ("Festyn", D("9500.50"), 2025)
    data = procedures.procedure_input(rec)
    data.answer_date = dt.date(2025, 5, 20)
    assert procedures.update_procedure(db, rec.id, data).answer_date == dt.date(2025, 5, 20)
    with pytest.raises(ValidationFailed):
        procedures.create_procedure(db, ProcedureInput(title="X", budget_year=2025, applicant_id=42))
    assert [p.title for p in procedures.list_procedures(db, year=2025)] == ["Oferta 19a: festyn"]
    procedures.delete_procedure(db, rec.id)
    assert procedures.list_procedures(db) == []
