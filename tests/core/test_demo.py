"""The demo gmina: counts, valid identifiers, deliberate breaches, determinism, and `wkus demo`."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.core.db.models import Contract, ContractReport, Gmina, Organisation, Tranche
from app.core.demo import database_is_empty, load_demo
from app.core.domain.enums import ContractForm, LegalForm, ProcedureRoute
from app.core.errors import UserFacingError
from app.core.identifiers import is_valid_nip, is_valid_regon, normalize_krs
from app.core.services import contracts as contract_service
from app.core.services import organisations as org_service
from app.core.services import procedures as procedure_service
from app.core.services import programmes as programme_service

# runs on SQLite and on the tests' PostgreSQL server (tests/conftest.py, issue 19)
pytestmark = pytest.mark.pg

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def demo(db):  # type: ignore[no-untyped-def]
    assert database_is_empty(db)
    summary = load_demo(db, TODAY)
    assert not database_is_empty(db)
    return summary


def test_counts(db, demo) -> None:  # type: ignore[no-untyped-def]
    assert 38 <= demo.organisations <= 42 and 23 <= demo.contracts <= 27
    assert demo.multi_year_contracts >= 5 and demo.late_reports == 1
    with db.session() as s:
        g = s.scalars(select(Gmina)).one()
        assert g.is_demo and "DEMO" in g.name and g.voivodeship == "podlaskie"
        years = {y for (y,) in s.execute(select(Tranche.budget_year).distinct())}
        assert years == set(range(2021, 2028))
        forms = {f for (f,) in s.execute(select(Organisation.legal_form).distinct())}
        assert len(forms) >= 9 and LegalForm.OSP in forms and LegalForm.KGW in forms
        assert s.scalar(select(func.count()).select_from(Contract)) == demo.contracts


def test_identifiers_are_valid(db, demo) -> None:  # type: ignore[no-untyped-def]
    with db.session() as s:
        orgs = list(s.scalars(select(Organisation)))
        assert all(is_valid_nip(o.nip) and is_valid_regon(o.regon) for o in orgs)
        assert len({o.nip for o in orgs}) == len(orgs)
        assert all(normalize_krs(o.registry_number) == o.registry_number for o in orgs if o.registry_type == "KRS")
        g = s.scalars(select(Gmina)).one()
        assert is_valid_nip(g.nip) and is_valid_regon(g.regon)


def test_every_record_passes_the_services_validation(db, demo) -> None:  # type: ignore[no-untyped-def]
    """The demo must be editable: opening and saving any record in a form raises nothing."""
    for row in contract_service.list_contracts(db, today=TODAY):
        data = contract_service.contract_input(contract_service.get_contract(db, row.id))
        assert contract_service.validate_contract(data) == [], row.title
    for org_row in org_service.list_organisations(db):
        assert (
            org_service.validate_organisation(
                org_service.organisation_input(org_service.get_organisation(db, org_row.id))
            )
            == []
        )
    for prog in programme_service.list_programmes(db):
        assert (
            programme_service.validate_programme(
                programme_service.programme_input(programme_service.get_programme(db, prog.id))
            )
            == []
        )
    for proc in procedure_service.list_procedures(db):
        assert procedure_service.validate_procedure(procedure_service.procedure_input(proc)) == []


def test_the_late_report_and_other_deliberate_cases(db, demo) -> None:  # type: ignore[no-untyped-def]
    with db.session() as s:
        late = list(
            s.scalars(
                select(ContractReport).where(ContractReport.received_date.is_(None), ContractReport.due_date < TODAY)
            )
        )
        assert len(late) == 1 and late[0].budget_year == 2025
        wsparcie_without_own = [
            k for k in s.scalars(select(Contract)) if k.form is ContractForm.WSPARCIE and not k.contributions
        ]
        assert len(wsparcie_without_own) == 1
    from app.core.law.rules import check_all

    found = {f.rule_id for f in check_all(db, TODAY)}
    assert {"PRG-1", "RPT-1", "KON-1", "19A-1", "UMW-2", "SPR-1"} <= found
    assert "UMW-1" not in found and "UMW-3" not in found  # contracts themselves are well-formed
    # results, annulment and small-grant offers are dated in all three places, remarks considered before signing
    assert not {"KON-6", "19A-5", "19A-6"} & found
    routes = {p.route for p in procedure_service.list_procedures(db)}
    assert {ProcedureRoute.OPEN_COMPETITION, ProcedureRoute.SMALL_GRANT_19A, ProcedureRoute.LOCAL_INITIATIVE} <= routes


def test_deterministic(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.core.db.engine import open_database

    load_demo(db, TODAY)
    other = open_database(tmp_path / "other.sqlite")
    try:
        load_demo(other, TODAY)
        rows = [contract_service.list_contracts(x, today=TODAY) for x in (db, other)]
        orgs = [[(o.name, o.nip, o.regon) for o in org_service.list_organisations(x)] for x in (db, other)]
    finally:
        other.dispose()
    assert rows[0] == rows[1] and orgs[0] == orgs[1]


def test_refuses_a_database_with_data_unless_replaced(db, demo) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserFacingError):
        load_demo(db, TODAY)
    again = load_demo(db, TODAY, replace=True)
    assert again.contracts == demo.contracts
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Organisation)) == demo.organisations


def test_wkus_demo_command(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from app.cli import main

    path = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(path), "--today", "2026-11-22"]) == 0
    out = capsys.readouterr().out
    assert "organizacji" in out and "25 umów" in out and "1 575 300,00" in out.replace("\u00a0", " ")
    assert main(["demo", "--db", str(path)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["demo", "--db", str(path), "--force", "--today", "2026-11-22"]) == 0
