"""J-04 / E-11 and the contract's results: planned rows offered before the year's report, achieved
values typed in a tool written back to the contract's ResultValue rows (the source of truth)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from app.core.db.models import Contract, ContractReport, PlannedResult, ResultValue, ToolEntry
from app.core.domain.enums import ContractForm, ContractStatus, ReportKind
from app.core.errors import ValidationFailed
from app.core.tools import service
from app.core.tools.catalogue import reload_catalogue

# runs on SQLite and on the tests' PostgreSQL server (tests/conftest.py, issue 19)
pytestmark = pytest.mark.pg

TODAY = dt.date(2026, 6, 30)


@pytest.fixture(autouse=True)
def _bundled():  # type: ignore[no-untyped-def]
    reload_catalogue()
    yield


@pytest.fixture
def contract(db):  # type: ignore[no-untyped-def]
    """A 2024–2026 contract: 2024 reported (30 of 40 children), 2025 planned but not reported yet."""
    with db.session() as s:
        k = Contract(
            title="Świetlica",
            number="S/1",
            form=ContractForm.WSPARCIE,
            status=ContractStatus.ACTIVE,
            start_date=dt.date(2024, 1, 1),
            end_date=dt.date(2026, 12, 31),
        )
        s.add(k)
        s.flush()
        kids24 = PlannedResult(contract_id=k.id, name="Dzieci", unit="osoby", target_value=D("40"), budget_year=2024)
        kids25 = PlannedResult(contract_id=k.id, name="Dzieci", unit="osoby", target_value=D("40"), budget_year=2025)
        days = PlannedResult(contract_id=k.id, name="Dni otwarcia", unit="dni", target_value=D("240"), budget_year=2025)
        parents = PlannedResult(contract_id=k.id, name="Rodzice", unit="osoby", target_value=D("120"), budget_year=None)
        s.add_all([kids24, kids25, days, parents])
        s.flush()
        s.add_all(
            [
                ResultValue(planned_result_id=kids24.id, budget_year=2024, value=D("30")),
                ResultValue(planned_result_id=parents.id, budget_year=2024, value=D("24")),
                ContractReport(
                    contract_id=k.id,
                    kind=ReportKind.ANNUAL,
                    budget_year=2025,
                    due_date=dt.date(2026, 1, 30),
                    cost_total=D("12000"),
                ),
            ]
        )
        return k.id


def _achieved(db, cid: int, year: int) -> dict[tuple[str, int | None], D]:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return {
            (p.name, p.budget_year): v.value
            for p in s.scalars(select(PlannedResult).where(PlannedResult.contract_id == cid))
            for v in p.values
            if v.budget_year == year
        }


def test_a_year_without_a_report_offers_the_plan_with_achieved_empty(db, contract) -> None:  # type: ignore[no-untyped-def]
    form = service.open_tool(db, "J-04", "contract", contract, 2025, as_of=TODAY)
    results = form.input("results")
    assert results.origin == "database"
    # the year's own targets and the whole-contract one; the 2024 target is not offered
    assert [(r["name"], D(r["planned"]), r["achieved"]) for r in results.value] == [
        ("Dzieci", D(40), None),
        ("Dni otwarcia", D(240), None),
        ("Rodzice", D(120), None),
    ]
    # the formula names each missing achieved value, not "enter at least one row"
    assert not form.result.ok
    assert [p.field for p in form.result.problems] == ["results.1.achieved", "results.2.achieved", "results.3.achieved"]
    assert {p.message for p in form.result.problems} == {"brak wartości"}
    assert form.result.problems[0].label == "Rezultaty, wiersz 1, Osiągnięto"
    e11 = service.open_tool(db, "E-11", "contract", contract, 2025, as_of=TODAY)
    assert [r["name"] for r in e11.input("results").value] == ["Dzieci", "Dni otwarcia", "Rodzice"]
    assert "results.1.achieved" in [p.field for p in e11.result.problems]
    # a reported year still gives its values: 2024 has the children and the parents (the 2025 targets not)
    y24 = service.open_tool(db, "J-04", "contract", contract, 2024, as_of=TODAY)
    assert [(r["name"], D(r["achieved"])) for r in y24.input("results").value] == [
        ("Dzieci", D(30)),
        ("Rodzice", D(24)),
    ]
    # attainment 2024 = mean(30/40, 24/120) = mean(0.75, 0.2) = 0.475
    assert y24.result.output("attainment").value == D("0.4750")


def test_saving_j04_writes_the_achieved_values_to_the_contract(db, contract) -> None:  # type: ignore[no-untyped-def]
    rows = [
        dict(r) for r in service.open_tool(db, "J-04", "contract", contract, 2025, as_of=TODAY).input("results").value
    ]
    rows[0]["achieved"], rows[1]["achieved"], rows[2]["achieved"] = "38", "250", "30,5"
    view = service.save_entry(db, "J-04", "contract", contract, 2025, {"results": rows}, as_of=TODAY)
    # mean(min(38/40, 1), min(250/240, 1), 30.5/120) = mean(0.95, 1, 0.254166…) = 0.734722… → 0.7347
    assert view.ok and view.output("attainment").value == D("0.7347")
    assert view.output("attainment").text == "73,5%"
    assert _achieved(db, contract, 2025) == {
        ("Dzieci", 2025): D("38"),
        ("Dni otwarcia", 2025): D("250"),
        ("Rodzice", None): D("30.5"),
    }
    assert _achieved(db, contract, 2024) == {("Dzieci", 2024): D("30"), ("Rodzice", None): D("24")}  # untouched
    # the entry keeps no copy: the table is read from the records (a later correction flows in)
    with db.session() as s:
        entry = s.scalars(select(ToolEntry).where(ToolEntry.tool_id == "J-04")).one()
        assert "results" not in entry.inputs
    assert view.inputs_used["results"]["origin"] == "database"
    # E-11 reads the same values: 12000 / 38 = 315.79, / 250 = 48.00, / 30.5 = 393.44
    e11 = service.compute_tool(db, "E-11", "contract", contract, 2025, as_of=TODAY)
    assert [r["cost"] for r in e11.output("per_result").value] == [D("315.79"), D("48.00"), D("393.44")]


def test_e11_save_clears_a_blanked_value_and_names_an_unplanned_row(db, contract) -> None:  # type: ignore[no-untyped-def]
    rows = [
        {"name": "Dzieci", "unit": "osoby", "achieved": "40"},
        {"name": "dni  OTWARCIA", "unit": "dni", "achieved": ""},
        {"name": "Wycieczki", "unit": "szt.", "achieved": "3"},
    ]
    view = service.save_entry(db, "E-11", "contract", contract, 2025, {"total": "12000", "results": rows}, as_of=TODAY)
    # matched by name regardless of case and spacing; the blank value stays blank; "Wycieczki" is not planned
    assert _achieved(db, contract, 2025) == {("Dzieci", 2025): D("40")}
    assert [(p.field, p.message) for p in view.problems] == [
        ("results.2.achieved", "brak wartości"),  # the blank value is named: no cost per result without it
        (
            "results",
            "„Wycieczki” nie jest wśród zakładanych rezultatów umowy: zapisano tylko w narzędziach "
            "(dodaj go w umowie, aby był na karcie umowy).",
        ),
    ]
    # the typed table differs from the records (an extra row), so the entry keeps it
    with db.session() as s:
        entry = s.scalars(select(ToolEntry).where(ToolEntry.tool_id == "E-11")).one()
        assert [r["name"] for r in entry.inputs["results"]] == ["Dzieci", "dni  OTWARCIA", "Wycieczki"]
    # once the days are typed, the costs: 12000 / 40 = 300.00, / 200 = 60.00, / 3 = 4000.00
    rows[1]["achieved"] = "200"
    view = service.save_entry(db, "E-11", "contract", contract, 2025, {"total": "12000", "results": rows}, as_of=TODAY)
    assert [r["cost"] for r in view.output("per_result").value] == [D("300.00"), D("60.00"), D("4000.00")]
    assert _achieved(db, contract, 2025) == {("Dzieci", 2025): D("40"), ("Dni otwarcia", 2025): D("200")}


def test_a_bad_value_writes_nothing(db, contract) -> None:  # type: ignore[no-untyped-def]
    rows = [{"name": "Dzieci", "unit": "osoby", "planned": "40", "achieved": "-1"}]
    with pytest.raises(ValidationFailed):
        service.save_entry(db, "J-04", "contract", contract, 2025, {"results": rows}, as_of=TODAY)
    assert _achieved(db, contract, 2025) == {}
    with db.session() as s:
        assert s.scalars(select(ToolEntry)).first() is None


def test_entry_and_write_back_share_one_transaction(db, contract, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.core.tools import engine

    def boom(self, comp):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    monkeypatch.setattr(engine.Engine, "store", boom)
    rows = [{"name": "Dzieci", "unit": "osoby", "planned": "40", "achieved": "38"}]
    with pytest.raises(RuntimeError):
        service.save_entry(db, "J-04", "contract", contract, 2025, {"results": rows}, as_of=TODAY)
    assert _achieved(db, contract, 2025) == {}  # rolled back with the entry


# ---- E-14: the summary is stored raw and worded in the reader's language --------------------------------


def test_e14_summary_is_stored_raw_and_shown_in_the_current_language(db, contract) -> None:  # type: ignore[no-untyped-def]
    from app.core import i18n
    from app.core.db.models import ToolResult

    # E-10: administrative share = 900 / 12 000 = 0.075
    service.save_entry(db, "E-10", "contract", contract, 2025, {"admin": "900", "total": "12000"}, as_of=TODAY)
    i18n.set_language("en")  # computed (and stored) in English …
    service.compute_tool(db, "E-14", "contract", contract, 2025, as_of=TODAY)
    with db.session() as s:
        stored = s.scalars(select(ToolResult).where(ToolResult.tool_id == "E-14")).one().outputs
    by_tool = {r["tool"]: r for r in stored["report"]}
    assert by_tool["E-10"] == {"tool": "E-10", "output": "admin_share", "value": "0.0750"}  # raw, no language
    assert by_tool["E-01"] == {"tool": "E-01", "output": "k0", "value": None}
    assert by_tool["IDX-E"]["output"] == "index"
    english = service.stored_result(db, "E-14", "contract", contract, 2025).output("report").rows
    assert ("E-10 Share of administrative costs", "Administrative share", "7.5%") in english
    i18n.set_language("pl")  # … read in Polish
    view = service.stored_result(db, "E-14", "contract", contract, 2025)
    rows = view.output("report").rows
    e10 = next(r for r in rows if r[0].startswith("E-10"))
    assert e10 == ("E-10 Udział kosztów administracyjnych", "Udział kosztów administracyjnych", "7,5%")
    assert next(r for r in rows if r[0].startswith("E-01"))[2] == "—"
    assert rows[-1][0] == "Indeks Efektywności" and rows[-1][1] == "0–100"
    # the form shows the summary worded; saving it unchanged keeps no copy (it is read anew each time)
    form = service.open_tool(db, "E-14", "contract", contract, 2025, as_of=TODAY)
    shown = form.input("summary").value
    assert shown[[r["tool"] for r in shown].index(e10[0])] == dict(zip(("tool", "output", "value"), e10))
    service.save_entry(db, "E-14", "contract", contract, 2025, {"summary": shown}, as_of=TODAY)
    with db.session() as s:
        assert s.scalars(select(ToolEntry).where(ToolEntry.tool_id == "E-14")).one().inputs == {}
        # a row stored formatted by an older version is shown as it is
        r = s.scalars(select(ToolResult).where(ToolResult.tool_id == "E-14")).one()
        r.outputs = {
            "covered": "0.5",
            "report": [
                {"tool": "E-01 Baseline cost sheet", "output": "Unit cost (k0)", "value": "PLN4,393.89"},
                {"tool": "E-02 Commissioning cost calculator", "output": "Unit cost (k1)", "value": None},
            ],
        }
    old = service.stored_result(db, "E-14", "contract", contract, 2025).output("report").rows
    assert old == (
        ("E-01 Baseline cost sheet", "Unit cost (k0)", "PLN4,393.89"),
        ("E-02 Commissioning cost calculator", "Unit cost (k1)", "—"),
    )
