"""Issue 15, item 8: a field's message does not repeat the field's name ("Data zakończenia: Data
zakończenia nie może…"): the label is put in front once, by FieldError."""

from __future__ import annotations

import datetime as dt

from app.core.domain.cooperation import CooperationInput
from app.core.domain.records import ContractInput, GminaInput, OrganisationInput, ProgrammeInput
from app.core.errors import FieldError
from app.core.services.contracts import validate_contract
from app.core.services.cooperation import validate_cooperation
from app.core.services.gmina import validate_gmina
from app.core.services.organisations import validate_organisation
from app.core.services.programmes import validate_programme


def _on(errors: list[FieldError], field: str) -> FieldError:
    return next(e for e in errors if e.field == field)


def test_messages_name_the_field_once() -> None:
    cases = [
        (
            _on(
                validate_contract(ContractInput(start_date=dt.date(2026, 1, 1), end_date=dt.date(2025, 1, 1))),
                "end_date",
            ),
            "Data zakończenia: Nie może być wcześniejsza niż data rozpoczęcia.",
        ),
        (
            _on(
                validate_cooperation(CooperationInput(budget_year=2025, event_date=dt.date(2024, 12, 31))), "event_date"
            ),
            "Data: Musi przypadać w roku budżetowym 2025.",
        ),
        (_on(validate_organisation(OrganisationInput(nip="123")), "nip"), "NIP: Musi mieć 10 cyfr, np. 856-734-62-15."),
        (_on(validate_organisation(OrganisationInput(regon="123")), "regon"), "REGON: Musi mieć 9 lub 14 cyfr."),
        (_on(validate_gmina(GminaInput(teryt="12")), "teryt"), "Kod TERYT: Musi mieć 7 cyfr, np. 2010022."),
        (
            _on(validate_programme(ProgrammeInput(year_from=2026, year_to=2025)), "year_to"),
            "Ostatni rok: Nie może być wcześniejszy niż pierwszy rok.",
        ),
    ]
    for error, shown in cases:
        assert str(error) == shown
        assert not error.message.lower().startswith(error.label.lower())


def test_a_document_without_the_gmina_profile_says_so(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Issue 15: after "Zacznij od pustej bazy" the documents printed "(nie wprowadzono danych gminy)" and
    the list of gaps did not mention the profile."""
    from app.core.documents.catalogue import DocumentRequest, build

    result = build(db, DocumentRequest(kind="schedule", out_path=tmp_path / "harmonogram.pdf", year=2026))
    assert result.missing[0] == (
        "Nie wprowadzono profilu gminy, więc dokument nie podaje nazwy gminy (Plik → Profil gminy…)."
    )


def test_with_the_profile_nothing_is_said_about_it(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.core.documents.catalogue import DocumentRequest, build
    from app.core.domain.records import GminaInput
    from app.core.services.gmina import save_gmina

    save_gmina(db, GminaInput(name="Gmina Turek"))
    result = build(db, DocumentRequest(kind="schedule", out_path=tmp_path / "harmonogram.pdf", year=2026))
    assert not any("profil" in m for m in result.missing)
