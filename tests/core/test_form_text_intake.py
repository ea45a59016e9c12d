"""Issue 16: text typed (or pasted) into a form is normalised on the way in exactly as an import's is
(intake.normalise_text): NFC, control characters removed (tab and line break kept), and a direction
override refused with a Polish message naming the field. One place does it for every service: the
forms' Checker (services.fields) and the ORM's text hook (db.text_intake) for the fields no validator
reads.

The inputs, written out by hand:
  DECOMPOSED "Zaz\\u0307ółć": z + COMBINING DOT ABOVE is stored as the one character "ż" -> "Zażółć"
  CONTROL    "a\\x07b\\tc": the bell (U+0007) is removed, the tab kept -> "ab\\tc"
  BIDI       "Fundacja\\u202eX": RIGHT-TO-LEFT OVERRIDE, refused
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.core.db.models import (
    Contract,
    ContractReport,
    Control,
    CooperationProgramme,
    Gmina,
    NonFinancialCooperation,
    Organisation,
    PlannedResult,
    Procedure,
    ProgrammePriority,
    PublicTask,
)
from app.core.domain.cooperation import CooperationForm, CooperationInput
from app.core.domain.enums import (
    DeliveryMode,
    LegalForm,
    ProgrammeKind,
    RegistryType,
    ReportKind,
    WkusArea,
)
from app.core.domain.records import (
    ContractInput,
    ControlInput,
    GminaInput,
    OrganisationInput,
    PartyInput,
    PlannedResultInput,
    PriorityInput,
    ProcedureInput,
    ProgrammeInput,
    ReportInput,
    TaskInput,
    TrancheInput,
)
from app.core.errors import FieldError, ValidationFailed
from app.core.services import contracts, cooperation, gmina, organisations, procedures, programmes, tasks

DECOMPOSED, NFC = "Zaz\u0307ółć", "Zażółć"
CONTROL, CLEANED = "a\x07b\tc", "ab\tc"
BIDI = "Fundacja\u202eX"
#: the refusal as the clerk reads it (translations/pl: "it contains an invisible character that
#: reverses the direction of the text (U+{code})" inside "The text cannot be saved: {reason}.")
REFUSAL = "Tekstu nie można zapisać: zawiera niewidoczny znak odwracający kierunek tekstu (U+202E)."


def _only(errors: list[FieldError], field: str, label: str, row: int = 0) -> None:
    message = f"Wiersz {row}: {REFUSAL}" if row else REFUSAL
    assert [(e.field, e.label, e.message) for e in errors] == [(field, label, message)]


def _stored(db, model, column: str):  # type: ignore[no-untyped-def]
    with db.session() as s:
        return s.scalars(select(getattr(model, column))).all()


def _org(db) -> int:  # type: ignore[no-untyped-def]
    return organisations.create_organisation(
        db,
        OrganisationInput(
            name="Fundacja Pomocy",
            legal_form=LegalForm.FUNDACJA,
            registry_type=RegistryType.KRS,
            registry_number="0000100001",
        ),
    ).id


def test_organisation(db) -> None:  # type: ignore[no-untyped-def]
    data = OrganisationInput(
        name=f"Fundacja {DECOMPOSED}",
        legal_form=LegalForm.FUNDACJA,
        registry_type=RegistryType.KRS,
        registry_number="0000100001",
        city=DECOMPOSED,
        notes=CONTROL,
    )
    organisations.create_organisation(db, data)
    assert _stored(db, Organisation, "name") == [f"Fundacja {NFC}"]
    assert _stored(db, Organisation, "city") == [NFC]  # no validator reads it: the ORM hook did
    assert _stored(db, Organisation, "notes") == [CLEANED]

    refused = OrganisationInput(
        name=BIDI, legal_form=LegalForm.FUNDACJA, registry_type=RegistryType.KRS, registry_number="0000100002"
    )
    _only(organisations.validate_organisation(refused), "name", "Nazwa")
    with pytest.raises(ValidationFailed):
        organisations.create_organisation(db, refused)
    assert len(_stored(db, Organisation, "name")) == 1  # nothing stored
    _only(
        organisations.validate_organisation(
            OrganisationInput(
                name="Fundacja",
                legal_form=LegalForm.FUNDACJA,
                registry_type=RegistryType.KRS,
                registry_number="0000100002",
                contact_person=BIDI,
            )
        ),
        "contact_person",
        "Osoba kontaktowa",
    )


def test_task(db) -> None:  # type: ignore[no-untyped-def]
    tasks.create_task(
        db,
        TaskInput(title=DECOMPOSED, area=WkusArea.SOC, delivery_mode=DeliveryMode.ANNUAL_GRANTS, description=CONTROL),
    )
    assert _stored(db, PublicTask, "title") == [NFC]
    assert _stored(db, PublicTask, "description") == [CLEANED]
    _only(
        tasks.validate_task(
            TaskInput(title="Zadanie", area=WkusArea.SOC, delivery_mode=DeliveryMode.ANNUAL_GRANTS, recipients=BIDI)
        ),
        "recipients",
        "Odbiorcy",
    )


def test_gmina(db) -> None:  # type: ignore[no-untyped-def]
    gmina.save_gmina(
        db, GminaInput(name=f"Gmina {DECOMPOSED}", council_name=f"Rada Gminy {DECOMPOSED}", street=CONTROL)
    )
    assert _stored(db, Gmina, "name") == [f"Gmina {NFC}"]
    assert _stored(db, Gmina, "council_name") == [f"Rada Gminy {NFC}"]
    assert _stored(db, Gmina, "street") == [CLEANED]
    _only(gmina.validate_gmina(GminaInput(name="Gmina", voivodeship=BIDI)), "voivodeship", "Województwo")


def _contract(org: int, **changes) -> ContractInput:  # type: ignore[no-untyped-def]
    values = dict(
        title="Umowa",
        start_date=dt.date(2025, 3, 1),
        end_date=dt.date(2025, 11, 30),
        parties=[PartyInput(org)],
        tranches=[TrancheInput(2025, "1 000,00")],
    )
    values.update(changes)
    return ContractInput(**values)


def test_contract_report_and_control(db) -> None:  # type: ignore[no-untyped-def]
    org = _org(db)
    k = contracts.create_contract(
        db,
        _contract(
            org,
            title=DECOMPOSED,
            notes=CONTROL,
            planned_results=[PlannedResultInput(f"Osoby {DECOMPOSED}", "osoby", target_value="10")],
        ),
    )
    assert _stored(db, Contract, "title") == [NFC]
    assert _stored(db, Contract, "notes") == [CLEANED]
    assert _stored(db, PlannedResult, "name") == [f"Osoby {NFC}"]
    # a cell of a table in the form is named by its table and row
    _only(
        contracts.validate_contract(
            _contract(
                org,
                planned_results=[
                    PlannedResultInput("Osoby", "osoby", target_value="1"),
                    PlannedResultInput(BIDI, "osoby", target_value="1"),
                ],
            )
        ),
        "planned_results",
        "Zakładane rezultaty",
        row=2,
    )

    contracts.save_report(
        db, k.id, ReportInput(kind=ReportKind.ANNUAL, budget_year=2025, due_date=dt.date(2026, 1, 31), notes=DECOMPOSED)
    )
    assert _stored(db, ContractReport, "notes") == [NFC]
    _only(
        contracts.validate_report(
            ReportInput(kind=ReportKind.ANNUAL, budget_year=2025, due_date=dt.date(2026, 1, 31), notes=BIDI)
        ),
        "notes",
        "Uwagi",
    )

    contracts.save_control(
        db, k.id, ControlInput(control_date=dt.date(2025, 6, 1), findings=CONTROL, controllers=DECOMPOSED)
    )
    assert _stored(db, Control, "findings") == [CLEANED]
    assert _stored(db, Control, "controllers") == [NFC]
    _only(
        contracts.validate_control(ControlInput(control_date=dt.date(2025, 6, 1), scope=BIDI)),
        "scope",
        "Zakres kontroli",
    )


def test_procedure(db) -> None:  # type: ignore[no-untyped-def]
    procedures.create_procedure(db, ProcedureInput(title=DECOMPOSED, budget_year=2025, notes=CONTROL))
    assert _stored(db, Procedure, "title") == [NFC]
    assert _stored(db, Procedure, "notes") == [CLEANED]
    _only(
        procedures.validate_procedure(ProcedureInput(title="Konkurs", budget_year=2025, reference=BIDI)),
        "reference",
        "Znak sprawy",
    )


def test_programme(db) -> None:  # type: ignore[no-untyped-def]
    programmes.create_programme(
        db,
        ProgrammeInput(
            kind=ProgrammeKind.ANNUAL,
            title=DECOMPOSED,
            year_from=2025,
            year_to=2025,
            notes=CONTROL,
            priorities=[PriorityInput(2025, DECOMPOSED, WkusArea.SOC, "1 000,00")],
        ),
    )
    assert _stored(db, CooperationProgramme, "title") == [NFC]
    assert _stored(db, CooperationProgramme, "notes") == [CLEANED]
    assert _stored(db, ProgrammePriority, "title") == [NFC]
    _only(
        programmes.validate_programme(
            ProgrammeInput(
                kind=ProgrammeKind.ANNUAL,
                year_from=2025,
                year_to=2025,
                priorities=[PriorityInput(2025, BIDI, WkusArea.SOC, "1 000,00")],
            )
        ),
        "priorities",
        "Zadania priorytetowe",
        row=1,
    )


def test_cooperation(db) -> None:  # type: ignore[no-untyped-def]
    cooperation.create_cooperation(
        db,
        CooperationInput(
            budget_year=2025,
            form=CooperationForm.CONSULTATION,
            title=DECOMPOSED,
            description=CONTROL,
            other_organisations="KGW Lipówka",
        ),
    )
    assert _stored(db, NonFinancialCooperation, "title") == [NFC]
    assert _stored(db, NonFinancialCooperation, "description") == [CLEANED]
    _only(
        cooperation.validate_cooperation(
            CooperationInput(
                budget_year=2025, form=CooperationForm.CONSULTATION, title="Spotkanie", other_organisations=BIDI
            )
        ),
        "other_organisations",
        "Inne organizacje",
    )


def test_the_orm_hook_catches_what_no_validator_read(db) -> None:  # type: ignore[no-untyped-def]
    """A write that passes no validator at all (a tool, a future code path) is normalised, or refused
    naming the column, and nothing is stored."""
    org = _org(db)
    with db.session() as s:
        s.get(Organisation, org).website = DECOMPOSED
    assert _stored(db, Organisation, "website") == [NFC]
    with pytest.raises(ValidationFailed) as refused, db.session() as s:
        s.get(Organisation, org).phone = BIDI
    assert [(e.field, e.label, e.message) for e in refused.value.errors] == [("phone", "Telefon", REFUSAL)]
    assert _stored(db, Organisation, "phone") == [""]
