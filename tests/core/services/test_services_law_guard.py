"""Services with `law_check=True`: an error rule of the act refuses the save (nothing stored),
a warning needs confirmation, an old breach does not lock the record, and the default stays
as before (facts can be recorded)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core.domain.enums import (
    ContractForm,
    ContributionKind,
    LegalForm,
    ProcedureRoute,
    ProgrammeKind,
    RegistryType,
    ReportKind,
)
from app.core.domain.records import (
    ContractInput,
    ContributionInput,
    OrganisationInput,
    PartyInput,
    PriorityInput,
    ProcedureInput,
    ProgrammeInput,
    ReportInput,
    TrancheInput,
)
from app.core.errors import UserFacingError
from app.core.law.guard import RuleViolation
from app.core.services import procedures, programmes
from app.core.services.contracts import (
    contract_input,
    create_contract,
    get_contract,
    list_contracts,
    preview_contract_findings,
    save_report,
    update_contract,
)
from app.core.services.law_guard import NeedsConfirmation
from app.core.services.organisations import create_organisation

# runs on SQLite and on the tests' PostgreSQL server (tests/conftest.py, issue 19)
pytestmark = pytest.mark.pg

TODAY = dt.date(2025, 3, 1)


@pytest.fixture
def org(db):  # type: ignore[no-untyped-def]
    return create_organisation(
        db,
        OrganisationInput(
            name="Stowarzyszenie Razem",
            legal_form=LegalForm.STOWARZYSZENIE,
            registry_type=RegistryType.KRS,
            registry_number="123",
        ),
    )


def contract(org_id: int, **changes) -> ContractInput:  # type: ignore[no-untyped-def]
    data = ContractInput(
        number="OR.526.7.2025",
        title="Asystent seniora",
        form=ContractForm.WSPARCIE,
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2026, 12, 31),
        parties=[PartyInput(org_id)],
        tranches=[TrancheInput(2025, "40 000"), TrancheInput(2026, "42 000")],
        contributions=[ContributionInput(2025, ContributionKind.PERSONAL, "3 000")],
    )
    for k, v in changes.items():
        setattr(data, k, v)
    return data


def test_error_rule_refuses_the_save_and_names_the_article(db, org) -> None:  # type: ignore[no-untyped-def]
    # UMW-3: the 2025 tranche may be used only until 31.12.2025 (art. 221 ust. 3 ufp)
    bad = contract(
        org.id, tranches=[TrancheInput(2025, "40 000", use_deadline=dt.date(2026, 1, 15)), TrancheInput(2026, "42 000")]
    )
    with pytest.raises(RuleViolation) as info:
        create_contract(db, bad, law_check=True, today=TODAY)
    assert isinstance(info.value, UserFacingError)
    assert [f.rule_id for f in info.value.findings] == ["UMW-3"]
    assert "art. 221 ust. 3" in info.value.message and "15.01.2026" in info.value.message
    assert list_contracts(db) == []  # nothing saved half-way
    # the default (imports, demo, CLI) still records the fact
    assert create_contract(db, bad).total_grant == 82000


def test_warning_needs_confirmation(db, org) -> None:  # type: ignore[no-untyped-def]
    # UMW-2: wsparcie without any own contribution (a warning in the law tables)
    data = contract(org.id, contributions=[])
    [finding] = preview_contract_findings(db, None, data, today=TODAY)
    assert finding.rule_id == "UMW-2" and "art. 11 ust. 1" in finding.basis
    assert list_contracts(db) == []  # the preview saves nothing
    with pytest.raises(NeedsConfirmation) as info:
        create_contract(db, data, law_check=True, acknowledge_warnings=False, today=TODAY)
    assert "Zapisać mimo to?" in info.value.message
    assert list_contracts(db) == []
    rec = create_contract(db, data, law_check=True, acknowledge_warnings=True, today=TODAY)
    assert get_contract(db, rec.id).contributions == ()
    # a compliant contract saves without asking
    create_contract(
        db, contract(org.id, number="OR.526.8.2025"), law_check=True, acknowledge_warnings=False, today=TODAY
    )


def test_an_old_breach_does_not_lock_the_record(db, org) -> None:  # type: ignore[no-untyped-def]
    bad = contract(
        org.id, tranches=[TrancheInput(2025, "40 000", use_deadline=dt.date(2026, 1, 15)), TrancheInput(2026, "42 000")]
    )
    rec = create_contract(db, bad)  # recorded before the guard existed
    data = contract_input(rec)
    data.title = "Asystent seniora – zmiana"
    saved = update_contract(db, rec.id, data, law_check=True, today=TODAY)
    assert saved.title == "Asystent seniora – zmiana"
    data.expected_version = saved.version  # the form goes on from the record it just saved (issue 19)
    # but a new breach is refused: the 2026 tranche used until 2027
    data.tranches[1].use_deadline = dt.date(2027, 2, 1)
    with pytest.raises(RuleViolation):
        update_contract(db, rec.id, data, law_check=True, today=TODAY)
    assert get_contract(db, rec.id).tranches[1].use_deadline == dt.date(2026, 12, 31)


def test_partial_report_call_with_less_than_30_days(db, org) -> None:  # type: ignore[no-untyped-def]
    rec = create_contract(db, contract(org.id))
    # SPR-2 (art. 18 ust. 3): call delivered 1.06, report due 20.06 = 19 days
    short = ReportInput(
        kind=ReportKind.PARTIAL, budget_year=2025, call_delivered=dt.date(2025, 6, 1), due_date=dt.date(2025, 6, 20)
    )
    with pytest.raises(RuleViolation) as info:
        save_report(db, rec.id, short, law_check=True, today=TODAY)
    assert "19" in info.value.message and "art. 18 ust. 3" in info.value.message
    assert get_contract(db, rec.id).reports == ()
    short.due_date = dt.date(2025, 7, 1)  # 30 days
    save_report(db, rec.id, short, law_check=True, today=TODAY)
    assert len(get_contract(db, rec.id).reports) == 1


def test_contract_over_the_19a_limit(db, org) -> None:  # type: ignore[no-untyped-def]
    proc = procedures.create_procedure(
        db,
        ProcedureInput(
            route=ProcedureRoute.SMALL_GRANT_19A,
            title="Oferta 19a: piknik",
            budget_year=2025,
            planned_amount="9 000",
            # shown "na okres 7 dni" from 8.05: the publication day is not counted (k.c. art. 111 § 2) -> until 15.05
            received_date=dt.date(2025, 5, 5),
            publication_start=dt.date(2025, 5, 8),
            publication_end=dt.date(2025, 5, 15),
            task_start=dt.date(2025, 6, 1),
            task_end=dt.date(2025, 6, 30),
        ),
    )
    data = contract(
        org.id,
        procedure_id=proc.id,
        start_date=dt.date(2025, 6, 1),
        end_date=dt.date(2025, 6, 30),
        tranches=[TrancheInput(2025, "12 500")],
        signed_date=dt.date(2025, 5, 20),
    )
    with pytest.raises(RuleViolation) as info:
        create_contract(db, data, law_check=True, today=TODAY)
    assert [f.rule_id for f in info.value.findings] == ["19A-1"]
    assert "12\u00a0500,00" in info.value.message and "art. 19a ust. 1" in info.value.message
    data.tranches = [TrancheInput(2025, "9 500")]
    assert create_contract(db, data, law_check=True, today=TODAY).total_grant == 9500


def test_procedure_offer_deadline_under_21_days(db) -> None:  # type: ignore[no-untyped-def]
    data = ProcedureInput(
        title="Konkurs 2026",
        budget_year=2026,
        lists_previous_years=True,
        published_bip=dt.date(2026, 1, 5),
        published_board=dt.date(2026, 1, 5),
        published_website=dt.date(2026, 1, 6),
        offer_deadline=dt.date(2026, 1, 20),
    )
    with pytest.raises(RuleViolation) as info:
        procedures.create_procedure(db, data, law_check=True, today=TODAY)
    # last publication 6.01 + 21 days = 27.01; 20.01 is only 14 days after it
    assert "KON-1" in info.value.message and "27.01.2026" in info.value.message
    assert procedures.list_procedures(db) == []
    data.offer_deadline = dt.date(2026, 1, 27)
    assert procedures.create_procedure(db, data, law_check=True, today=TODAY).offer_deadline == dt.date(2026, 1, 27)


def test_programme_without_all_elements(db) -> None:  # type: ignore[no-untyped-def]
    data = ProgrammeInput(
        kind=ProgrammeKind.ANNUAL,
        year_from=2026,
        resolution_number="XII/85/2025",
        resolution_date=dt.date(2025, 11, 27),
        consultation_start="1.10.2025",
        consultation_end="15.10.2025",
        elements={n: f"Element {n}" for n in range(1, 11)},
        priorities=[PriorityInput(2026, "Pomoc społeczna", "SOC", "150 000")],
    )
    with pytest.raises(RuleViolation) as info:
        programmes.create_programme(db, data, law_check=True, today=TODAY)
    assert "PRG-3" in info.value.message and "11" in info.value.message and "art. 5a ust. 4" in info.value.message
    assert programmes.list_programmes(db) == []
    data.elements[11] = "Sposób oceny realizacji programu"
    rec = programmes.create_programme(db, data, law_check=True, today=TODAY)
    assert rec.filled_elements == tuple(range(1, 12))


def test_small_grants_to_one_organisation_over_20000_a_year_are_refused(db, org) -> None:  # type: ignore[no-untyped-def]
    # art. 19a ust. 1a: "Łączna kwota środków finansowych przekazanych [...] tej samej organizacji pozarządowej
    # [...] w danym roku kalendarzowym, nie może przekroczyć 20 000 zł."
    def offer(title: str, received: dt.date) -> int:
        return procedures.create_procedure(
            db,
            ProcedureInput(
                route=ProcedureRoute.SMALL_GRANT_19A,
                title=title,
                budget_year=2025,
                planned_amount="9 000",
                received_date=received,
                publication_start=received + dt.timedelta(days=1),
                publication_end=received + dt.timedelta(days=8),
                task_start=dt.date(2025, 6, 1),
                task_end=dt.date(2025, 6, 30),
            ),
        ).id

    def grant(number: str, proc_id: int, amount: str):  # type: ignore[no-untyped-def]
        return contract(
            org.id,
            number=number,
            procedure_id=proc_id,
            start_date=dt.date(2025, 6, 1),
            end_date=dt.date(2025, 6, 30),
            tranches=[TrancheInput(2025, amount)],
            signed_date=dt.date(2025, 5, 20),
            form=ContractForm.POWIERZENIE,
            contributions=[],
        )

    first, second, third = (
        offer("Piknik", dt.date(2025, 5, 5)),
        offer("Rajd", dt.date(2025, 5, 6)),
        offer("Koncert", dt.date(2025, 5, 7)),
    )
    create_contract(db, grant("1/19a", first, "10 000"), law_check=True, today=TODAY)
    create_contract(db, grant("2/19a", second, "9 500"), law_check=True, today=TODAY)  # 19 500 in 2025
    with pytest.raises(RuleViolation) as info:  # 19 500 + 1 000 = 20 500 > 20 000
        create_contract(db, grant("3/19a", third, "1 000"), law_check=True, today=TODAY)
    assert [f.rule_id for f in info.value.findings] == ["19A-4"]
    assert "20\u00a0500,00" in info.value.message and "art. 19a ust. 1a" in info.value.message
    assert create_contract(db, grant("3/19a", third, "500"), law_check=True, today=TODAY).total_grant == 500


def test_a_small_grant_offer_over_the_organisation_limit_is_refused(db, org) -> None:  # type: ignore[no-untyped-def]
    # art. 19a ust. 1a checked already when the offer is recorded: 19 500 zł of contracts in 2025 + 1 000 zł asked
    proc = procedures.create_procedure(
        db,
        ProcedureInput(
            route=ProcedureRoute.SMALL_GRANT_19A,
            title="Piknik",
            budget_year=2025,
            planned_amount="9 500",
            received_date=dt.date(2025, 5, 5),
            publication_start=dt.date(2025, 5, 6),
            publication_end=dt.date(2025, 5, 13),
            task_start=dt.date(2025, 6, 1),
            task_end=dt.date(2025, 6, 30),
            applicant_id=org.id,
        ),
    )
    create_contract(
        db,
        contract(
            org.id,
            procedure_id=proc.id,
            start_date=dt.date(2025, 6, 1),
            end_date=dt.date(2025, 6, 30),
            tranches=[TrancheInput(2025, "9 500")],
            signed_date=dt.date(2025, 5, 20),
            contributions=[],
        ),
    )
    create_contract(
        db,
        contract(
            org.id,
            number="2/19a",
            procedure_id=proc.id,
            start_date=dt.date(2025, 6, 1),
            end_date=dt.date(2025, 6, 30),
            tranches=[TrancheInput(2025, "10 000")],
            signed_date=dt.date(2025, 5, 20),
            contributions=[],
        ),
    )
    offer = ProcedureInput(
        route=ProcedureRoute.SMALL_GRANT_19A,
        title="Koncert",
        budget_year=2025,
        planned_amount="1 000",
        received_date=dt.date(2025, 9, 1),
        applicant_id=org.id,
    )
    with pytest.raises(RuleViolation) as info:  # 9 500 + 10 000 + 1 000 = 20 500 > 20 000
        procedures.create_procedure(db, offer, law_check=True, today=TODAY)
    assert "19A-4" in info.value.message and "20\u00a0500,00" in info.value.message
    offer.planned_amount = "500"  # 20 000: "nie może przekroczyć" allows exactly the limit
    assert procedures.create_procedure(db, offer, law_check=True, today=TODAY).planned_amount == 500
