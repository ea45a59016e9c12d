"""Engine, sources, composite indices, the UI service and the CLI on a small hand-made gmina whose
figures are known, and on the demo gmina."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from app.core.db.models import (
    Contract,
    ContractParty,
    ContractReport,
    Control,
    Gmina,
    Organisation,
    OwnContribution,
    PlannedResult,
    PublicTask,
    ResultValue,
    ToolEntry,
    ToolResult,
    Tranche,
)
from app.core.domain.enums import (
    ContractForm,
    ContractStatus,
    ContributionKind,
    ControlKind,
    DeliveryMode,
    ExecutiveTitle,
    JstType,
    LegalForm,
    RegistryType,
    ReportKind,
    WkusArea,
)
from app.core.errors import ValidationFailed
from app.core.tools import composite_indices, service
from app.core.tools.catalogue import reload_catalogue
from app.core.tools.figures import index_bases
from app.core.tools.sources import Scope, read_source

TODAY = dt.date(2026, 6, 30)
Y = 2025


@pytest.fixture(autouse=True)
def _bundled():
    reload_catalogue()
    yield


@pytest.fixture
def gmina(db):  # type: ignore[no-untyped-def]
    """One task, two contracts in 2025 with known money, results, reports and a control."""
    with db.session() as s:
        s.add(Gmina(name="Gmina Testowa", jst_type=JstType.GMINA_WIEJSKA, executive_title=ExecutiveTitle.WOJT))
        org = Organisation(
            name="Stowarzyszenie Test", legal_form=LegalForm.STOWARZYSZENIE, registry_type=RegistryType.KRS
        )
        task = PublicTask(title="Klub seniora", area=WkusArea.SOC, delivery_mode=DeliveryMode.MULTI_YEAR_CONTRACT)
        s.add_all([org, task])
        s.flush()
        a = Contract(
            title="Klub seniora A",
            number="A/1",
            task_id=task.id,
            form=ContractForm.POWIERZENIE,
            status=ContractStatus.ACTIVE,
            start_date=dt.date(2025, 1, 1),
            end_date=dt.date(2026, 12, 31),
        )
        b = Contract(
            title="Klub seniora B",
            number="B/1",
            task_id=task.id,
            form=ContractForm.WSPARCIE,
            status=ContractStatus.SETTLED,
            start_date=dt.date(2025, 3, 1),
            end_date=dt.date(2025, 11, 30),
        )
        s.add_all([a, b])
        s.flush()
        for c in (a, b):
            s.add(ContractParty(contract_id=c.id, organisation_id=org.id))
        s.add_all(
            [
                Tranche(contract_id=a.id, budget_year=2025, amount=D("10000"), used_amount=D("9000")),
                Tranche(contract_id=a.id, budget_year=2025, amount=D("5000"), used_amount=D("5000")),
                Tranche(contract_id=a.id, budget_year=2026, amount=D("16000")),
                Tranche(contract_id=b.id, budget_year=2025, amount=D("5000"), used_amount=D("5000")),
                OwnContribution(
                    contract_id=a.id,
                    budget_year=2025,
                    kind=ContributionKind.PERSONAL,
                    planned_amount=D("2000"),
                    actual_amount=D("2500"),
                ),
                OwnContribution(
                    contract_id=a.id, budget_year=2025, kind=ContributionKind.FINANCIAL, planned_amount=D("500")
                ),
                ContractReport(
                    contract_id=a.id,
                    kind=ReportKind.ANNUAL,
                    budget_year=2025,
                    due_date=dt.date(2026, 1, 30),
                    received_date=dt.date(2026, 2, 4),
                    cost_total=D("18000"),
                    cost_admin=D("900"),
                    recipients=30,
                ),
                ContractReport(
                    contract_id=b.id,
                    kind=ReportKind.FINAL,
                    budget_year=2025,
                    due_date=dt.date(2025, 12, 30),
                    received_date=dt.date(2025, 12, 10),
                    cost_total=D("6000"),
                    cost_admin=D("600"),
                    recipients=10,
                ),
                Control(
                    contract_id=a.id,
                    kind=ControlKind.DURING,
                    control_date=dt.date(2025, 9, 10),
                    recommendations="Uzupełnić listy obecności",
                ),
            ]
        )
        r1 = PlannedResult(contract_id=a.id, name="Uczestnicy", unit="osoby", target_value=D("40"), budget_year=2025)
        r2 = PlannedResult(contract_id=a.id, name="Spotkania", unit="spotkania", target_value=D("20"), budget_year=None)
        s.add_all([r1, r2])
        s.flush()
        s.add_all(
            [
                ResultValue(planned_result_id=r1.id, budget_year=2025, value=D("30")),
                ResultValue(planned_result_id=r2.id, budget_year=2025, value=D("25")),
            ]
        )
        return {"task": task.id, "a": a.id, "b": b.id}


def test_sources_read_the_records(db, gmina) -> None:  # type: ignore[no-untyped-def]
    with db.session() as s:
        a = Scope(s, "contract", gmina["a"], Y)
        assert read_source(a, "grant") == D("15000")  # 10000 + 5000 (2026 tranche not counted)
        assert read_source(a, "grant_used") == D("14000")  # 9000 + 5000
        assert read_source(a, "contrib.PERSONAL") == D("2500")  # the reported amount wins over the planned 2000
        assert read_source(a, "contrib.FINANCIAL") == D("500")
        assert read_source(a, "contrib.IN_KIND") is None  # nothing known: None, never 0
        assert read_source(a, "recipients") == D(30) and read_source(a, "total_cost") == D("18000")
        assert read_source(a, "report_due") == dt.date(2026, 1, 30)
        assert read_source(a, "report_received") == dt.date(2026, 2, 4)
        assert read_source(a, "control_date") == dt.date(2025, 9, 10)
        assert read_source(a, "contract_years") == D(2)
        assert read_source(a, "own_share") == D("0.1429")  # 2500 planned / (15000 + 2500) = 0.142857…
        assert [(r["name"], r["planned"], r["achieved"]) for r in read_source(a, "results")] == [
            # "spotkania" is a flow: its whole-contract target of 20 is spread over the contract's months,
            # 12 of 24 in 2025 → 20 × 12 / 24 = 10 for the year (issue 13 item 3)
            ("Uczestnicy", D(40), D(30)),
            ("Spotkania", D(10), D(25)),
        ]
        task = Scope(s, "task", gmina["task"], Y)
        assert read_source(task, "grant") == D("20000")  # both contracts of the task
        assert read_source(task, "recipients") == D(40)
        assert read_source(Scope(s, "contract", gmina["b"], Y), "settlement") == "ok"
        g = Scope(s, "gmina", 0, Y)
        # shares of the year's grants: A (powierzenie, multi-year) 15000 of 20000 = 0.75
        assert read_source(g, "w10.share_powierzenie") == D("0.7500")
        assert read_source(g, "w10.share_multi_year") == D("0.7500")
        assert read_source(g, "w10.share_19a_ok") == "yes"  # no art. 19a grant at all
        assert read_source(g, "ngo_count") == D(1)


def test_engine_computes_from_records_and_other_tools(db, gmina) -> None:  # type: ignore[no-untyped-def]
    a = gmina["a"]
    view = service.compute_tool(db, "E-05", "contract", a, Y, as_of=TODAY)
    # L = (500 + 2500) / 15000 = 0.2
    assert view.ok and view.output("L").value == D("0.2000") and view.inputs_used["grant"]["origin"] == "database"
    view = service.compute_tool(db, "J-04", "contract", a, Y, as_of=TODAY)
    # mean(30/40, min(25/20, 1)) = (0.75 + 1) / 2 = 0.875
    assert view.output("attainment").value == D("0.8750")
    view = service.compute_tool(db, "J-10", "contract", a, Y, as_of=TODAY)
    # 5 days late (30.01 → 4.02): 1 − 5/30 = 0.8333
    assert view.output("timeliness").value == D("0.8333") and view.output("days_late").value == 5
    # E-03 needs E-01 and E-02 of the task: missing → named, no number
    view = service.compute_tool(db, "E-03", "task", gmina["task"], Y, as_of=TODAY)
    assert not view.ok and view.output("EE").text == "—" and {p.field for p in view.problems} >= {"k0", "k1"}
    service.save_entry(db, "E-02", "task", gmina["task"], Y, {"handling_hours": "40", "handling_rate": "50"})
    service.save_entry(
        db,
        "E-01",
        "task",
        gmina["task"],
        Y,
        {
            "staff": [{"role": "opiekun", "hours": "400", "rate": "50"}],
            "materials": "2000",
            "upkeep": "0",
            "overhead_rate": "0",
            "units": "40",
        },
    )
    # k1 = (20000 + 40 × 50) / 40 recipients = 22000 / 40 = 550; k0 = (400 × 50 + 2000) / 40 = 550 → EE = 1
    view = service.stored_result(db, "E-03", "task", gmina["task"], Y)
    assert view is not None and view.output("EE").value == D("1.0000")  # stored by the dependants refresh
    assert view.output("EE").level == "fair"


def test_save_entry_refuses_bad_values_and_keeps_only_what_was_typed(db, gmina) -> None:  # type: ignore[no-untyped-def]
    a = gmina["a"]
    with pytest.raises(ValidationFailed) as exc:
        service.save_entry(db, "J-05", "contract", a, Y, {"answers": [{"q1": "4"}, {"q1": "7"}]})
    assert exc.value.errors[0].field == "answers.2.q1" and "1 do 5" in exc.value.errors[0].message
    with pytest.raises(ValidationFailed) as exc:
        service.save_entry(db, "E-06", "contract", a, Y, {"work": [{"role": "v", "hours": "-3", "rate": "30"}]})
    assert exc.value.errors[0].field == "work.1.hours"
    # the grant typed equal to the records is not copied; an overwritten contribution is
    view = service.save_entry(db, "E-05", "contract", a, Y, {"grant": "15 000,00", "w_fin": "1500"})
    assert view.output("L").value == D("0.2667")  # (1500 + 2500) / 15000 = 0.26666…
    with db.session() as s:
        entry = s.scalars(select(ToolEntry).where(ToolEntry.tool_id == "E-05")).one()
        assert entry.inputs == {"w_fin": "1500"} and entry.entered_by
    form = service.open_tool(db, "E-05", "contract", a, Y)
    assert form.input("w_fin").origin == "entered" and form.input("w_fin").suggested == "500.00"
    assert form.input("grant").origin == "database" and form.input("grant").value == "15000.00"
    service.delete_entry(db, "E-05", "contract", a, Y)
    assert service.open_tool(db, "E-05", "contract", a, Y).result.output("L").value == D("0.2000")


def test_missing_inputs_may_be_saved_and_are_named(db, gmina) -> None:  # type: ignore[no-untyped-def]
    view = service.save_entry(db, "E-08", "contract", gmina["a"], Y, {"competition_cost": "5000"})
    assert not view.ok and [p.field for p in view.problems] == ["multi_year_cost"]
    assert view.problems[0].message == "brak wartości"


def test_composite_indices_default_and_custom_weights(db, gmina) -> None:  # type: ignore[no-untyped-def]
    a, task = gmina["a"], gmina["task"]
    service.save_entry(db, "E-02", "task", task, Y, {"handling_hours": "40", "handling_rate": "50"})
    service.save_entry(
        db,
        "E-01",
        "task",
        task,
        Y,
        {
            "staff": [{"role": "opiekun", "hours": "500", "rate": "50"}],
            "materials": "2000",
            "upkeep": "0",
            "overhead_rate": "0",
            "units": "40",
        },
    )
    # EE = k0 / k1 = (27000 / 40) / (22000 / 40) = 675 / 550 = 1.2272…→ 1.2273; norm (1.2273 − 0.5) / (1.5 − 0.5) = 0.7273
    # L (contract A) = 0.2; norm 0.2 / 0.5 = 0.4; attainment 0.875, norm 0.875
    with db.session() as s:
        idx = {i.model_code: i for i in composite_indices(s, contract_ids=[a], year=Y, as_of=TODAY)}
    # default: 100 × (0.4 × 0.7273 + 0.3 × 0.4 + 0.3 × 0.875) = 100 × (0.29092 + 0.12 + 0.2625) = 67.342 → 67.34
    assert idx["E"].value == D("67.34") and idx["E"].weights_source == "catalogue" and idx["E"].missing == ()
    assert idx["E"].model == "Efektywność" and idx["E"].name == "Indeks Efektywności"
    custom = {"E": {"E-03.EE": "0.2", "E-05.L": "0.6", "J-04.attainment": "0.2"}}
    with db.session() as s:
        e = next(i for i in composite_indices(s, [a], Y, weights=custom, as_of=TODAY) if i.model_code == "E")
    # 100 × (0.2 × 0.7273 + 0.6 × 0.4 + 0.2 × 0.875) / 1.0 = 100 × (0.14546 + 0.24 + 0.175) = 56.046 → 56.05
    assert e.value == D("56.05") and e.weights_source == "custom"
    # Quality: only J-04 (0.875, weight 0.2) and J-10 (0.8333, weight 0.15) known; J-05, J-06, J-07, J-13
    # missing and named, not counted as 0
    # 100 × (0.2 × 0.875 + 0.15 × 0.8333) / 0.35 = 100 × (0.175 + 0.124995) / 0.35 = 85.7128… → 85.71
    assert idx["J"].value == D("85.71") and set(idx["J"].missing) == {
        "satysfakcja odbiorców",
        "ocena z kontroli",
        "uczestnicy z poprawą (pretest–posttest)",
        "wydźwięk wywiadów (wzmianki pozytywne)",
    }
    assert idx["J"].weight_covered == D("0.3500")
    assert idx["W"].value is None  # no self-assessment and no W-08 entry: no index at all
    # a RADAR meeting agrees other weights: they apply from now on and are named as the source
    meeting = service.save_radar_meeting(db, dt.date(2026, 3, 1), "wójt, 3 organizacje", custom)
    res = {i.model_code: i for i in service.indices(db, [a], Y, as_of=TODAY)}
    assert res["E"].value == D("56.05") and res["E"].weights_source == f"radar:{meeting.id}"
    with pytest.raises(ValidationFailed) as exc:
        service.save_radar_meeting(db, dt.date(2026, 3, 1), "x", {"E": {"E-03.EE": "-1", "E-99.x": "1"}})
    assert {e.field for e in exc.value.errors} == {"weights.E.E-03.EE", "weights.E.E-99.x"}


def test_pretest_posttest_and_interviews_count_in_the_quality_index(db, gmina) -> None:  # type: ignore[no-untyped-def]
    """Issue 21 item 6: J-06 (share improved) and J-13 (positive mentions) are components of the Quality
    Index, read from the contract's entries like the other four."""
    a = gmina["a"]
    # J-06: A 10→12 (+2), B 8→7 (−1), C 5→9 (+4), D 6→6 (0): improved A and C = 2 of 4 = 0.5
    service.save_entry(
        db,
        "J-06",
        "contract",
        a,
        Y,
        {
            "scores": [
                {"participant": "A", "pre": "10", "post": "12"},
                {"participant": "B", "pre": "8", "post": "7"},
                {"participant": "C", "pre": "5", "post": "9"},
                {"participant": "D", "pre": "6", "post": "6"},
            ]
        },
    )
    # J-13: positive 3 mentions, negative 1: (3 × 1 + 1 × 0) / 4 = 0.75
    service.save_entry(
        db,
        "J-13",
        "contract",
        a,
        Y,
        {
            "themes": [
                {"theme": "kadra", "tone": "positive", "mentions": "3"},
                {"theme": "godziny", "tone": "negative", "mentions": "1"},
            ]
        },
    )
    with db.session() as s:
        j = next(i for i in composite_indices(s, [a], Y, as_of=TODAY) if i.model_code == "J")
    raw = {c.key: c.raw for c in j.components}
    assert raw["J-06.share_improved"] == D("0.5000") and raw["J-13.positive_share"] == D("0.7500")
    # J-04 0.875 (w 0.2), J-06 0.5 (0.2), J-13 0.75 (0.15), J-10 0.8333 (0.15); J-05, J-07 unknown
    # 100 × (0.175 + 0.1 + 0.1125 + 0.124995) / 0.7 = 100 × 0.512495 / 0.7 = 73.2135… → 73.21
    assert j.value == D("73.21") and j.weight_covered == D("0.7000")
    # 70 % of the weight ≥ 50 %: graded; 50 ≤ 73.21 < 75 → "średni"
    assert j.band == "średni" and (j.components_with_data, j.components_total) == (4, 6)


def test_output_tables_show_labels_and_plain_years(db, gmina) -> None:  # type: ignore[no-untyped-def]
    a = gmina["a"]
    view = service.preview(
        db, "J-05", "contract", a, Y, {"answers": [{"q1": "4", "q2": "5"}, {"q1": "2"}]}, as_of=TODAY
    )
    items = view.output("items")
    # the question's label, not its key q1; mean of q1 = (4 + 2) / 2 = 3 → "3"
    assert items.rows[0] == ("Usługa odpowiada moim potrzebom", "3", "2")
    assert items.value[0]["item"] == "q1"  # the stored value keeps the key
    # E-04: contract A's 2025 report, 18000 / 30 recipients = 600 per recipient; the year prints as 2025
    series = service.preview(db, "E-04", "contract", a, Y, {}, as_of=TODAY).output("series")
    assert series.rows[0][0] == "2025" and series.rows[0][1].replace("\u00a0", " ") == "600,00 zł"
    answers = {
        "contact_person": "yes",
        "knowledge": "4",
        "conditions": "3",
        "satisfaction": "5",
        "nonfinancial_forms": "3",
    }
    w10 = service.preview(db, "W-10", "gmina", 0, Y, answers, as_of=TODAY)
    assert w10.ok, w10.problems
    areas = w10.output("areas")
    assert [r[0] for r in areas.rows][:2] == ["Infrastruktura współpracy", "Publiczna dostępność infrastruktury"]
    j02 = {"deadline": "ok", "form": "fix", "signatures": "ok", "declarations": "ok", "period": "ok"}
    failed = service.preview(db, "J-02", "contract", a, Y, j02, as_of=TODAY).output("failed")
    assert failed.rows == (("Oferta na właściwym wzorze", "do uzupełnienia"),)


def test_radar_weights_must_add_up_to_100_percent_per_model() -> None:
    # E defaults 0.4 / 0.3 / 0.3; E-03.EE given as 0.5 → 0.5 + 0.3 + 0.3 = 1.1 = 110 % → refused, naming E
    _clean, errors = service.validate_weights(
        {
            "E": {"E-03.EE": "0,5"},
            "J": {
                "J-04.attainment": "0.4",
                "J-05.index": "0.3",
                "J-07.score": "0.2",
                "J-10.timeliness": "0.1",
                "J-06.share_improved": "0",
                "J-13.positive_share": "0",
            },
        }
    )
    assert [(e.field, e.label) for e in errors] == [("weights.E", "Indeks Efektywności")]
    assert "100" in errors[0].message and "110" in errors[0].message
    # J: 0.4 + 0.3 + 0.2 + 0.1 = 1.0 passes; three thirds typed as 0.3333 sum to 0.9999 (within 0.0005)
    _clean, errors = service.validate_weights({"W": {"W-10.overall": "0.6667", "W-08.forms_share": "0.3333"}})
    assert errors == []
    _clean, errors = service.validate_weights(
        {
            "J": {
                "J-04.attainment": "0",
                "J-05.index": "0",
                "J-07.score": "0",
                "J-10.timeliness": "0",
                "J-06.share_improved": "0",
                "J-13.positive_share": "0",
            }
        }
    )
    assert [e.field for e in errors] == ["weights.J"]  # 0 % in all: not 100 %
    with pytest.raises(ValidationFailed) as exc:
        service.save_radar_meeting(None, dt.date(2026, 3, 1), "wójt", {"W": {"W-10.overall": "0.5"}})  # 0.5 + 0.3
    assert [e.field for e in exc.value.errors] == ["weights.W"]


def test_aggregation_levels(db, gmina) -> None:  # type: ignore[no-untyped-def]
    rows = service.indices_by(db, "contract", Y, as_of=TODAY)
    assert [r.label for r in rows] == ["A/1 Klub seniora A", "B/1 Klub seniora B"]
    # contract B: J-04 has no results, J-10 on time = 1 → Quality = 100; A = 85.71 (above) → task mean 92.86
    assert rows[1].values["J"] == D("100.00")
    task = service.indices_by(db, "task", Y, as_of=TODAY)
    assert len(task) == 1 and task[0].values["J"] == D("92.86")  # (85.71 + 100) / 2 = 92.855 → 92.86
    area = service.indices_by(db, "area", Y, as_of=TODAY)
    assert area[0].key == "SOC" and area[0].values["J"] == D("92.86")
    years = service.indices_by(db, "year", None, as_of=TODAY)
    assert [r.year for r in years] == [2025, 2026]
    whole = service.indices_by(db, "gmina", Y, as_of=TODAY)
    assert whole[0].values["J"] == D("92.86") and whole[0].contracts == 2


def test_recompute_usage_matrix_and_trend(db, gmina) -> None:  # type: ignore[no-untyped-def]
    summary = service.recompute_all(db, as_of=TODAY)
    assert summary.computed > 0 and summary.per_model["E"][1] > 0
    m = service.usage_matrix(db, "contract", Y)
    a = next(sc for sc in m.scopes if sc.id == gmina["a"])
    assert m.cell("J-10", a).status == "done" and m.cell("J-05", a).status == "missing"
    assert m.cell("J-04", a).text == "87,5%"
    service.save_entry(db, "J-05", "contract", gmina["a"], 2026, {"answers": [{"q1": "5"}]})
    service.save_entry(db, "J-05", "contract", gmina["a"], Y, {"answers": [{"q1": "3"}, {"q1": "4"}]})
    points = service.trend(db, "J-05", "contract", gmina["a"])
    # 2025: mean 3.5 → 62.5; 2026: 5 → 100
    assert [(p.year, p.value) for p in points] == [(2025, D("62.50")), (2026, D("100.00"))]
    # the composite indices are stored with the recompute, with the weights and bounds used
    e_trend = service.index_trend(db, "J", gmina["a"])
    assert [p.year for p in e_trend] == [2025] and e_trend[0].value == D("85.71")
    with db.session() as s:  # the weights basis of the contract's row, as its one reader gives it
        key = ("IDX-J", "contract", gmina["a"], 2025)
        basis = index_bases(s, [key])[key]
        assert basis is not None and basis["source"] == "catalogue"
        assert basis["components"][0] == {
            "key": "J-04.attainment",
            "scope": "contract",
            "weight": "0.2",
            "min": "0",
            "max": "1.0",
        }
    assert [p.value for p in service.index_trend(db, "J")] == [D("92.86")]  # the gmina: mean of A and B
    rows = {r.card.id: r for r in service.contract_tools(db, gmina["a"])}
    assert rows["J-05"].latest is not None and rows["J-05"].latest.year == 2026 and len(rows["J-05"].trend) == 2


def test_years_for_the_year_picker(db, gmina) -> None:  # type: ignore[no-untyped-def]
    assert service.years_for(db, "contract", gmina["a"]) == [2025, 2026]
    assert service.years_for(db, "contract", gmina["b"]) == [2025]
    assert service.years_for(db, "task", gmina["task"]) == [2025, 2026]
    service.save_entry(db, "W-08", "gmina", 0, 2024, {"meetings": "3"})
    assert service.years_for(db, "gmina") == [2024, 2025, 2026]


def test_csv_import_of_survey_answers() -> None:
    rows, errors = service.rows_from_csv("J-06", "scores", "uczestnik;pre;post\nA;10;12\nB;8;\n")
    assert rows == [{"participant": "A", "pre": "10", "post": "12"}, {"participant": "B", "pre": "8", "post": ""}]
    assert errors == []
    rows, errors = service.rows_from_csv("J-05", "answers", "respondent,q1,q2\nR1,5,9\n")
    assert errors and errors[0].field == "answers.1.q2"


def test_csv_import_with_one_column_leaves_the_standard_dialect_alone() -> None:
    # one column: the sniffer finds no separator and the import falls back to ";"; it used to set that on
    # the standard library's csv.excel class itself, so every later user of csv.excel wrote ";"
    import csv

    rows, _errors = service.rows_from_csv("J-06", "scores", "uczestnik\nA\n")
    assert rows == [{"participant": "A"}]
    assert csv.excel.delimiter == ","


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):  # type: ignore[no-untyped-def]
    from app.core.db.engine import open_database
    from app.core.demo import load_demo

    db = open_database(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    summary = load_demo(db, dt.date(2026, 11, 22))
    yield db, summary
    db.dispose()


def test_demo_gmina_uses_most_tools(demo_db) -> None:  # type: ignore[no-untyped-def]
    db, summary = demo_db
    assert summary.tool_entries > 200
    with db.session() as s:
        used = set(s.scalars(select(ToolResult.tool_id).where(ToolResult.outputs != {})))
        assert len({u for u in used if not u.startswith("IDX-")}) == 42 and {"IDX-E", "IDX-J", "IDX-W"} <= used
        w10_years = list(s.scalars(select(ToolEntry.year).where(ToolEntry.tool_id == "W-10")))
        assert len(w10_years) == 2
        j05 = s.scalars(select(ToolEntry).where(ToolEntry.tool_id == "J-05")).first()
        assert 28 <= len(j05.inputs["answers"]) <= 34
        assert s.scalar(select(func.count()).select_from(ToolEntry).where(ToolEntry.tool_id == "J-06")) == 2
    idx = {i.model_code: i.value for i in service.indices(db, as_of=dt.date(2026, 11, 22))}
    assert all(v is not None and D(0) <= v <= D(100) for v in idx.values())


def test_cli_list_and_compute(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from app.cli import main

    assert main(["tools", "list"]) == 0
    out = capsys.readouterr().out.splitlines()
    tool_lines = [line for line in out if line[:2] in ("E-", "J-", "W-")]
    assert len(tool_lines) == 42
    assert tool_lines[0].split("\t") == ["E-01", "Efektywność", "A", "Karta kosztu bazowego (realizacja własna JST)"]
    path = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(path), "--today", "2026-11-22"]) == 0
    capsys.readouterr()
    assert main(["tools", "compute", "--db", str(path), "--today", "2026-11-22"]) == 0
    out = capsys.readouterr().out
    assert "Efektywność:" in out and "Indeks Jakości" in out and "Współpraca:" in out


def test_an_edited_catalogue_weight_changes_the_index(db, gmina) -> None:  # type: ignore[no-untyped-def]
    from app.core.tools.catalogue import bundled_path, override_path

    task, a = gmina["task"], gmina["a"]
    service.save_entry(db, "E-02", "task", task, Y, {"handling_hours": "40", "handling_rate": "50"})
    service.save_entry(
        db,
        "E-01",
        "task",
        task,
        Y,
        {
            "staff": [{"role": "opiekun", "hours": "500", "rate": "50"}],
            "materials": "2000",
            "upkeep": "0",
            "overhead_rate": "0",
            "units": "40",
        },
    )
    text = bundled_path().read_text(encoding="utf-8")
    text = text.replace(
        'key = "E-05.L"\nscope = "contract"\nweight = 0.3', 'key = "E-05.L"\nscope = "contract"\nweight = 0'
    )
    text = text.replace(
        'key = "J-04.attainment"\nscope = "contract"\nweight = 0.3\n',
        'key = "J-04.attainment"\nscope = "contract"\nweight = 0\n',
        1,
    )
    text = text.replace('name_pl = "Indeks Efektywności"', 'name_pl = "Indeks Opłacalności"')
    path = override_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    try:
        reload_catalogue()
        e = next(i for i in service.indices(db, [a], Y, as_of=TODAY) if i.model_code == "E")
        # only EE counts now: norm(1.2273) = 0.7273 → 72.73 (67.34 with the bundled weights)
        assert e.value == D("72.73") and e.name == "Indeks Opłacalności"
    finally:
        path.unlink()
        reload_catalogue()
