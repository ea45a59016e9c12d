"""Planned values of a programme's monitoring indicators (issue 14): stored per programme and year through
the programme service, checked like every typed field, and printed in the annual report against the values
achieved, which `app.core.figures.programme_indicators` counts from the records."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from app.core.domain.enums import (
    ContractForm,
    ContractStatus,
    LegalForm,
    ProcedureRoute,
    ProgrammeKind,
    RegistryType,
)
from app.core.domain.records import ProgrammeInput
from app.core.errors import ValidationFailed
from app.core.services import programmes

d = dt.date


def _programme(db, **indicators) -> int:  # type: ignore[no-untyped-def]
    r = programmes.create_programme(
        db,
        ProgrammeInput(
            kind=ProgrammeKind.MULTI_YEAR, year_from=2025, year_to=2026, indicators=dict(indicators.get("values", {}))
        ),
    )
    return r.id


def test_planned_values_are_stored_per_year_and_a_cleared_one_is_removed(db) -> None:  # type: ignore[no-untyped-def]
    pid = _programme(db, values={(2025, "CONTRACTS"): "10", (2026, "CONTRACTS"): "12", (2025, "OFFERS"): " 20 "})
    r = programmes.get_programme(db, pid)
    assert {(x.year, x.code): x.planned for x in r.indicators} == {
        (2025, "CONTRACTS"): D(10),
        (2026, "CONTRACTS"): D(12),
        (2025, "OFFERS"): D(20),
    }
    data = programmes.programme_input(r)
    assert data.indicators[(2026, "CONTRACTS")] == D(12)
    del data.indicators[(2025, "OFFERS")]  # the clerk empties the cell: not planned any more
    programmes.update_programme(db, pid, data)
    again = programmes.get_programme(db, pid)
    assert {(x.year, x.code) for x in again.indicators} == {(2025, "CONTRACTS"), (2026, "CONTRACTS")}


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ((2025, "CONTRACTS"), "dziesięć", "Liczba umów zawartych lub kontynuowanych, 2025"),
        ((2025, "CONTRACTS"), "-3", "ujemna"),
        ((2027, "CONTRACTS"), "3", "2027"),  # outside the programme's years 2025–2026
        ((2025, "NO_SUCH"), "3", "NO_SUCH"),
    ],
)
def test_bad_planned_values_are_refused_naming_the_indicator(db, key, value, expected) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationFailed) as exc:
        _programme(db, values={key: value})
    messages = [e.message for e in exc.value.errors if e.field == "indicators"]
    assert messages and expected in messages[0], messages
    assert programmes.list_programmes(db) == []  # nothing saved


def _records(db) -> int:  # type: ignore[no-untyped-def]
    """2025: 2 competitions (4 + 3 offers) and one art. 19a offer (1); contracts: A one-year 2025 with two
    organisations, B 2024–2026 with one of them again, C a draft (not counted), D local initiative with
    a third organisation; one consultation and one other activity of non-financial cooperation."""
    from app.core.db.models import Contract, ContractParty, Organisation, Procedure, Tranche
    from app.core.db.models.cooperation import NonFinancialCooperation
    from app.core.domain.cooperation import CooperationForm

    pid = _programme(db, values={(2025, "CONTRACTS"): "4", (2025, "ORGANISATIONS"): "2", (2025, "MULTI_YEAR"): "0"})
    with db.session() as s:
        orgs = [
            Organisation(name=f"Org {n}", legal_form=LegalForm.STOWARZYSZENIE, registry_type=RegistryType.KRS)
            for n in range(3)
        ]
        comp1 = Procedure(route=ProcedureRoute.OPEN_COMPETITION, title="K1", budget_year=2025, offers_received=4)
        comp2 = Procedure(route=ProcedureRoute.OPEN_COMPETITION, title="K2", budget_year=2025, offers_received=3)
        small = Procedure(route=ProcedureRoute.SMALL_GRANT_19A, title="19a", budget_year=2025, offers_received=1)
        old = Procedure(route=ProcedureRoute.OPEN_COMPETITION, title="K2024", budget_year=2024, offers_received=9)
        local = Procedure(route=ProcedureRoute.LOCAL_INITIATIVE, title="IL", budget_year=2025)
        s.add_all(orgs + [comp1, comp2, small, old, local])
        s.flush()

        def contract(title, proc, status, start, end, years, parties):  # type: ignore[no-untyped-def]
            k = Contract(
                title=title,
                procedure_id=proc.id,
                form=ContractForm.WSPARCIE,
                status=status,
                start_date=start,
                end_date=end,
            )
            k.tranches = [Tranche(budget_year=y, amount=D("1000.00")) for y in years]
            k.parties = [ContractParty(organisation_id=o.id, position=i) for i, o in enumerate(parties)]
            return k

        s.add_all(
            [
                contract("A", comp1, ContractStatus.ACTIVE, d(2025, 3, 1), d(2025, 11, 30), [2025], orgs[:2]),
                contract("B", old, ContractStatus.ACTIVE, d(2024, 3, 1), d(2026, 11, 30), [2024, 2025, 2026], orgs[:1]),
                contract("C", comp2, ContractStatus.DRAFT, d(2025, 3, 1), d(2025, 11, 30), [2025], orgs[2:]),
                contract("D", local, ContractStatus.ACTIVE, d(2025, 5, 1), d(2025, 8, 31), [2025], orgs[2:]),
            ]
        )
        s.add_all(
            [
                NonFinancialCooperation(budget_year=2025, form=CooperationForm.CONSULTATION, title="Program"),
                NonFinancialCooperation(budget_year=2025, form=CooperationForm.INFORMATION, title="Spotkanie"),
            ]
        )
    return pid


def test_achieved_values_by_hand(db) -> None:  # type: ignore[no-untyped-def]
    from app.core.figures.programme_indicators import achieved

    _records(db)
    with db.session() as s:
        got = achieved(s, 2025)
    assert got == {
        "ORGANISATIONS": 3,  # Org 0, Org 1 (A), Org 0 again (B), Org 2 (D); the draft C not counted
        "COMPETITIONS": 2,  # K1, K2 (K2024 is of 2024)
        "OFFERS": 8,  # 4 + 3 + 1
        "CONTRACTS": 3,  # A, B, D (C is a draft)
        "MULTI_YEAR": 1,  # B: 2024–2026
        "LOCAL_INITIATIVES": 1,  # D
        "CONSULTATIONS": 1,
        "COOPERATION": 2,
    }


def test_the_report_prints_planned_against_achieved_and_dashes_the_unplanned(db) -> None:  # type: ignore[no-untyped-def]
    from app.core.documents.annual_report import annual_figures, indicator_table

    _records(db)
    f = annual_figures(db, 2025)
    _cols, rows, notes, unknown = indicator_table(f)
    by_name = {str(r[0]): r[1:] for r in rows}
    assert by_name["Liczba umów zawartych lub kontynuowanych"] == ["4", 3, "75,0%"]  # 3 / 4
    assert by_name["Liczba organizacji realizujących zadania publiczne"] == ["2", 3, "150,0%"]  # 3 / 2
    assert by_name["Liczba umów wieloletnich"] == ["0", 1, "—"]  # planned 0: no ratio, not a score
    assert by_name["Liczba złożonych ofert"] == ["—", 8, "—"]  # not planned: unknown
    assert any("Liczba złożonych ofert" in n for n in unknown) and any("Liczba złożonych ofert" in n for n in notes)


def test_the_programme_text_prints_its_planned_values_per_year(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.core.documents.resolution import build_resolution
    from tests.core.documents.test_documents import norm, pdf_text

    pid = _programme(db, values={(2025, "CONTRACTS"): "4", (2026, "CONTRACTS"): "5", (2026, "OFFERS"): "12"})
    out = tmp_path / "uchwala.pdf"
    build_resolution(db, out, programme_id=pid)
    text = pdf_text(out)
    assert "Wartości docelowe wskaźników:" in text
    assert norm("Liczba umów zawartych lub kontynuowanych 4 5") in text
    assert norm("Liczba złożonych ofert — 12") in text  # not planned for 2025: "—", not 0
    assert "Liczba umów wieloletnich" not in text.split("Wartości docelowe wskaźników:")[1].split("Rozdział")[0]
