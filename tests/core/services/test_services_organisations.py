"""Organisation register: validation of every field rule, round trips, refused delete, audit."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core.audit import history
from app.core.domain.enums import AuditAction, LegalForm, RegistryType, WkusArea
from app.core.domain.records import ContractInput, OrganisationInput, PartyInput, TrancheInput
from app.core.errors import NotFound, UserFacingError, ValidationFailed
from app.core.services.contracts import create_contract
from app.core.services.organisations import (
    create_organisation,
    delete_organisation,
    get_organisation,
    list_organisations,
    organisation_input,
    update_organisation,
    validate_organisation,
)

# runs on SQLite and on the tests' PostgreSQL server (tests/conftest.py, issue 19)
pytestmark = pytest.mark.pg


def valid(**changes) -> OrganisationInput:  # type: ignore[no-untyped-def]
    data = OrganisationInput(
        name="Stowarzyszenie Razem",
        legal_form=LegalForm.STOWARZYSZENIE,
        registry_type=RegistryType.KRS,
        registry_number="0000123456",
        nip="856-734-62-15",
        regon="123456785",
    )
    for k, v in changes.items():
        setattr(data, k, v)
    return data


def fields(errors) -> set[str]:  # type: ignore[no-untyped-def]
    return {e.field for e in errors}


def test_valid_input_has_no_errors() -> None:
    assert validate_organisation(valid()) == []


@pytest.mark.parametrize(
    "change, field",
    [
        ({"name": "  "}, "name"),
        ({"legal_form": None}, "legal_form"),
        ({"legal_form": "NO_SUCH_FORM"}, "legal_form"),
        ({"registry_type": None}, "registry_type"),
        ({"registry_number": ""}, "registry_number"),  # KRS chosen: number required
        ({"registry_number": "12345678901"}, "registry_number"),  # 11 digits
        ({"registry_number": "0000000000"}, "registry_number"),
        ({"nip": "8567346216"}, "nip"),  # wrong check digit
        ({"nip": "12345"}, "nip"),
        ({"regon": "192598183"}, "regon"),  # wrong check digit
        ({"regon": "12345678612342"}, "regon"),  # embedded 9-digit prefix invalid
        ({"regon": "1234"}, "regon"),
        ({"postal_code": "16070"}, "postal_code"),
        ({"email": "biuro.example.pl"}, "email"),
        ({"spheres": ("1", "99")}, "spheres"),
        ({"areas": ("EDU", "XYZ")}, "areas"),
    ],
)
def test_each_rule_fails(change, field) -> None:  # type: ignore[no-untyped-def]
    errors = validate_organisation(valid(**change))
    assert fields(errors) == {field}
    assert all(e.label and e.message for e in errors)


def test_messages_are_polish_and_name_the_field() -> None:
    [error] = validate_organisation(valid(nip="8567346216"))
    assert error.label == "NIP"
    assert "cyfr" in error.message.lower()  # "cyfra kontrolna"
    with pytest.raises(ValidationFailed) as exc:
        create_organisation(None, valid(name=""))  # type: ignore[arg-type]  # fails before the database
    assert str(exc.value).startswith("Nazwa:")


def test_other_registers_keep_free_text_numbers() -> None:
    data = valid(
        legal_form=LegalForm.UKS,
        registry_type=RegistryType.EWIDENCJA_STAROSTY,
        registry_number="UKS/12/2015",
        nip="",
        regon="",
    )
    assert validate_organisation(data) == []


def test_create_normalises_identifiers(db) -> None:  # type: ignore[no-untyped-def]
    rec = create_organisation(
        db,
        valid(
            nip="PL 856 734 62 15",
            registry_number="123456",
            regon="12345678512347",
            areas=("SOC", WkusArea.EDU, "SOC"),
            spheres=("10", "1", "1a"),
        ),
    )
    assert (rec.nip, rec.regon, rec.registry_number) == ("8567346215", "12345678512347", "0000123456")
    assert rec.areas == (WkusArea.EDU, WkusArea.SOC)  # declaration order of the nine areas, no duplicates
    assert rec.spheres == ("1", "1a", "10")
    assert get_organisation(db, rec.id) == rec


def test_update_round_trip_and_audit(db) -> None:  # type: ignore[no-untyped-def]
    rec = create_organisation(db, valid(areas=("SOC",)))
    data = organisation_input(rec)
    data.city = "Przykładowo"
    data.areas = ("SOC", "HEALTH")
    updated = update_organisation(db, rec.id, data)
    assert updated.city == "Przykładowo" and updated.areas == (WkusArea.SOC, WkusArea.HEALTH)
    with db.session() as s:
        org_log = history(s, "organisation", rec.id)
        area_log = history(s, "organisation_area")
    changes = {(e.action, e.field, e.old_value, e.new_value) for e in org_log}
    assert (AuditAction.UPDATE, "city", "", "Przykładowo") in changes
    assert (AuditAction.CREATE, "", None, org_log[-1].new_value) in changes
    # one area row created at first, one more by the update; the unchanged SOC row is not rewritten
    assert [e.action for e in area_log] == [AuditAction.CREATE, AuditAction.CREATE]
    data.areas = ("HEALTH",)
    data.expected_version = updated.version  # the form goes on from the record it just saved (issue 19)
    assert update_organisation(db, rec.id, data).areas == (WkusArea.HEALTH,)
    with db.session() as s:
        removed = [e for e in history(s, "organisation_area") if e.action is AuditAction.DELETE]
    assert len(removed) == 1 and '"area": "SOC"' in (removed[0].old_value or "")


def test_duplicate_nip_is_refused(db) -> None:  # type: ignore[no-untyped-def]
    create_organisation(db, valid())
    with pytest.raises(ValidationFailed) as exc:
        create_organisation(db, valid(name="Inna organizacja", registry_number="99"))
    assert exc.value.errors[0].field == "nip"
    assert "Stowarzyszenie Razem" in exc.value.errors[0].message


def test_delete_party_of_contract_is_refused(db) -> None:  # type: ignore[no-untyped-def]
    org = create_organisation(db, valid())
    create_contract(
        db,
        ContractInput(
            title="Opieka",
            start_date=dt.date(2025, 1, 1),
            end_date=dt.date(2025, 12, 31),
            parties=[PartyInput(org.id)],
            tranches=[TrancheInput(2025, "1000")],
        ),
    )
    with pytest.raises(UserFacingError) as exc:
        delete_organisation(db, org.id)
    assert not isinstance(exc.value, ValidationFailed)
    assert "Stowarzyszenie Razem" in exc.value.message and "1" in exc.value.message
    assert get_organisation(db, org.id).contracts_count == 1


def test_delete_and_not_found(db) -> None:  # type: ignore[no-untyped-def]
    org = create_organisation(db, valid())
    delete_organisation(db, org.id)
    with pytest.raises(NotFound):
        get_organisation(db, org.id)
    with db.session() as s:
        assert history(s, "organisation", org.id)[0].action is AuditAction.DELETE


def test_list_search_and_counts(db) -> None:  # type: ignore[no-untyped-def]
    create_organisation(db, valid(name="Żółwie z Olszanki", nip="", regon="", city="Olszanka"))
    create_organisation(db, valid(name="Ąbecadło", nip="", regon="", registry_number="7", active=False))
    assert [r.name for r in list_organisations(db, search="olszan")] == ["Żółwie z Olszanki"]
    assert [r.name for r in list_organisations(db, search="0000000007")] == ["Ąbecadło"]
    assert len(list_organisations(db)) == 2
    assert [r.name for r in list_organisations(db, active_only=True)] == ["Żółwie z Olszanki"]


def test_a_text_longer_than_its_column_is_named_not_stored(db) -> None:  # type: ignore[no-untyped-def]
    """Issue 15: SQLite kept a 101-character city (PostgreSQL refused the whole save, naming nothing);
    the column holds 100 characters (String(100)), so 101 is refused on the field and 100 is stored."""
    from app.core.services.organisations import list_organisations

    data = OrganisationInput(
        name="Fundacja",
        legal_form=LegalForm.FUNDACJA,
        registry_type=RegistryType.KRS,
        registry_number="5",
        city="K" * 101,
        phone="1" * 41,
    )
    errors = {e.field: str(e) for e in validate_organisation(data)}
    assert errors == {
        "city": "Miejscowość: Dozwolonych jest najwyżej 100 znaków.",
        "phone": "Telefon: Dozwolonych jest najwyżej 40 znaków.",
    }
    with pytest.raises(ValidationFailed):
        create_organisation(db, data)
    assert list_organisations(db) == []
    stored = create_organisation(
        db,
        OrganisationInput(
            name="Fundacja",
            legal_form=LegalForm.FUNDACJA,
            registry_type=RegistryType.KRS,
            registry_number="5",
            city="K" * 100,
            phone="1" * 40,
        ),
    )
    assert (len(stored.city), len(stored.phone)) == (100, 40)
