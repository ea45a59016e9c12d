"""Two seats edit the same record (issue 19): the second save is refused with the reason, nothing is
lost, and the clerk can overwrite knowingly. On SQLite and on the PostgreSQL server."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.core.db.engine import open_database
from app.core.db.models import Contract
from app.core.domain.enums import LegalForm, RegistryType
from app.core.domain.records import OrganisationInput, TrancheInput
from app.core.errors import ConcurrentEditError
from app.core.services.contracts import contract_input, create_contract, get_contract, update_contract
from app.core.services.organisations import (
    create_organisation,
    get_organisation,
    organisation_input,
    update_organisation,
)
from tests.conftest import db_argument
from tests.core.services.test_services_contracts import three_years

pytestmark = pytest.mark.pg


@pytest.fixture
def contract(db):  # type: ignore[no-untyped-def]
    create_organisation(
        db,
        OrganisationInput(
            name="Fundacja Przystań", legal_form=LegalForm.FUNDACJA, registry_type=RegistryType.KRS, registry_number="5"
        ),
    )
    return create_contract(db, three_years())


def test_the_second_save_is_refused_not_lost(db, contract) -> None:  # type: ignore[no-untyped-def]
    assert contract.version == 1
    seat_a = contract_input(get_contract(db, contract.id))  # both clerks open the contract
    seat_b = contract_input(get_contract(db, contract.id))
    seat_b.title = "Usługi opiekuńcze – aneks nr 1"
    saved_b = update_contract(db, contract.id, seat_b)
    assert saved_b.version == 2  # 1 + one save
    seat_a.notes = "Uwagi skarbnika"
    with pytest.raises(ConcurrentEditError) as err:
        update_contract(db, contract.id, seat_a)
    message = err.value.message
    assert message.startswith(
        "Umowa OR.526.1.2025: ktoś zapisał ten rekord na innym komputerze lub w innym oknie po jego otwarciu tutaj ("
    )
    assert "Twoje zmiany nie zostały zapisane." in message
    assert err.value.current_version == 2
    stored = get_contract(db, contract.id)
    assert stored.title == "Usługi opiekuńcze – aneks nr 1" and stored.notes == ""  # B kept, A not written
    # the clerk saw the other changes and overwrites knowingly: A's form, at the version now stored
    seat_a.expected_version = err.value.current_version
    overwritten = update_contract(db, contract.id, seat_a)
    assert overwritten.version == 3
    assert overwritten.title == "Usługi opiekuńcze 2025–2027" and overwritten.notes == "Uwagi skarbnika"


def test_a_change_of_the_tranches_only_is_seen_too(db, contract) -> None:  # type: ignore[no-untyped-def]
    seat_a = contract_input(get_contract(db, contract.id))
    seat_b = contract_input(get_contract(db, contract.id))
    seat_b.tranches = [*seat_b.tranches[:2], TrancheInput(2027, "135 000")]
    assert update_contract(db, contract.id, seat_b).version == 2
    seat_a.notes = "x"
    with pytest.raises(ConcurrentEditError):
        update_contract(db, contract.id, seat_a)
    assert get_contract(db, contract.id).tranches[2].amount == Decimal("135000.00")


def test_two_app_instances_writing_at_the_same_moment(db, contract) -> None:  # type: ignore[no-untyped-def]
    """Two Database objects (two running copies of the app) on one database: the copy that read first
    and writes second gets ConcurrentEditError from the version column itself (no form involved)."""
    other = open_database(db_argument(db))
    try:
        with pytest.raises(ConcurrentEditError) as err, db.session() as first:
            mine = first.get(Contract, contract.id)
            assert mine is not None and mine.version == 1
            with other.session() as second:  # the second seat reads, changes and commits in between
                theirs = second.get(Contract, contract.id)
                assert theirs is not None
                theirs.title = "Zapisane przez drugie stanowisko"
            mine.title = "Zapisane przez pierwsze stanowisko"
        assert "Twoje zmiany nie zostały zapisane." in err.value.message
        with other.session() as s:
            stored = s.scalars(select(Contract).where(Contract.id == contract.id)).one()
            assert (stored.title, stored.version) == ("Zapisane przez drugie stanowisko", 2)
    finally:
        other.dispose()


def test_organisations_are_versioned_too(db) -> None:  # type: ignore[no-untyped-def]
    org = create_organisation(
        db,
        OrganisationInput(
            name="Stowarzyszenie Razem",
            legal_form=LegalForm.STOWARZYSZENIE,
            registry_type=RegistryType.KRS,
            registry_number="7",
        ),
    )
    seat_a = organisation_input(get_organisation(db, org.id))
    seat_b = dataclasses.replace(seat_a, city="Zawady")
    assert update_organisation(db, org.id, seat_b).version == 2
    seat_a.phone = "85 111 22 33"
    with pytest.raises(ConcurrentEditError) as err:
        update_organisation(db, org.id, seat_a)
    assert err.value.message.startswith("Organizacja Stowarzyszenie Razem: ktoś zapisał ten rekord")
    assert get_organisation(db, org.id).city == "Zawady"
    assert get_organisation(db, org.id).phone == ""


def test_procedures_and_programmes_are_versioned_too(db) -> None:  # type: ignore[no-untyped-def]
    from app.core.domain.records import ProcedureInput
    from app.core.services import procedures, programmes
    from tests.core.services.test_services_registry import programme

    proc = procedures.create_procedure(db, ProcedureInput(title="Konkurs 2026", budget_year=2026))
    seat_a, seat_b = procedures.procedure_input(proc), procedures.procedure_input(proc)
    seat_b.notes = "Ogłoszony w BIP"
    assert procedures.update_procedure(db, proc.id, seat_b).version == 2
    seat_a.reference = "OR.524.1.2026"
    with pytest.raises(ConcurrentEditError) as err:
        procedures.update_procedure(db, proc.id, seat_a)
    assert err.value.message.startswith("Tryb Konkurs 2026: ktoś zapisał ten rekord")
    assert procedures.get_procedure(db, proc.id).reference == ""

    prog = programmes.create_programme(db, programme(title="Program 2026"))
    seat_a, seat_b = programmes.programme_input(prog), programmes.programme_input(prog)
    seat_b.notes = "Po konsultacjach"
    assert programmes.update_programme(db, prog.id, seat_b).version == 2
    seat_a.remarks_accepted = 4
    with pytest.raises(ConcurrentEditError) as err:
        programmes.update_programme(db, prog.id, seat_a)
    assert err.value.message.startswith("Program współpracy Program 2026: ktoś zapisał ten rekord")
    assert programmes.get_programme(db, prog.id).remarks_accepted == 3
