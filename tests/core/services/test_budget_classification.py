"""Dział and rozdział of the budget classification on a contract (issue 14): checked as typed (dział 3
digits, rozdział 5 digits beginning with its dział), stored as typed, never guessed."""

from __future__ import annotations

import pytest

from app.core.services.contracts import check_classification
from app.core.services.fields import Checker


@pytest.mark.parametrize(
    ("division", "chapter", "field", "words"),
    [
        ("85", "", "budget_division", "3"),
        ("8521", "", "budget_division", "3"),
        ("852", "8522", "budget_chapter", "5"),
        ("852", "85a28", "budget_chapter", "5"),
        ("852", "92109", "budget_chapter", "852"),  # rozdział of dział 921
        ("", "85228", "budget_division", "852"),  # a rozdział needs its dział; the message offers 852
    ],
)
def test_bad_classification_names_the_field(division, chapter, field, words) -> None:  # type: ignore[no-untyped-def]
    c = Checker()
    check_classification(c, division, chapter)
    assert [e.field for e in c.errors] == [field]
    assert words in c.errors[0].message


@pytest.mark.parametrize(("division", "chapter"), [("852", "85228"), (" 801 ", "80104"), ("", ""), ("921", "")])
def test_good_classification_is_kept_as_typed(division, chapter) -> None:  # type: ignore[no-untyped-def]
    c = Checker()
    assert check_classification(c, division, chapter) == (division.strip(), chapter.strip())
    assert c.errors == []


def test_the_contract_stores_and_returns_the_classification(db) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt
    from decimal import Decimal

    from app.core.db.models import Organisation
    from app.core.domain.enums import ContractForm, LegalForm, RegistryType
    from app.core.domain.records import ContractInput, PartyInput, TrancheInput
    from app.core.errors import ValidationFailed
    from app.core.services import contracts

    with db.session() as s:
        org = Organisation(name="Stowarzyszenie", legal_form=LegalForm.STOWARZYSZENIE, registry_type=RegistryType.KRS)
        s.add(org)
        s.flush()
        oid = org.id
    data = ContractInput(
        title="Usługi opiekuńcze",
        form=ContractForm.POWIERZENIE,
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 12, 31),
        budget_division="852",
        budget_chapter="85228",
        parties=[PartyInput(oid)],
        tranches=[TrancheInput(2026, Decimal("1000.00"))],
    )
    r = contracts.create_contract(db, data)
    assert (r.budget_division, r.budget_chapter, r.budget_paragraph) == ("852", "85228", "2360")
    again = contracts.contract_input(contracts.get_contract(db, r.id))
    assert (again.budget_division, again.budget_chapter) == ("852", "85228")
    again.budget_chapter = "85195"
    with pytest.raises(ValidationFailed) as exc:
        contracts.update_contract(db, r.id, again)
    assert [e.field for e in exc.value.errors] == ["budget_chapter"]
    assert contracts.get_contract(db, r.id).budget_chapter == "85228"  # nothing saved
