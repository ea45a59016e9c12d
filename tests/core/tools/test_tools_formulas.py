"""Every tool formula against a hand-computed value (the arithmetic is written next to each assert),
plus the bad inputs the issue names: division by zero, no respondents, zero planned value, Likert
outside 1–5, negative costs, missing values. A bad input names the field and gives no number."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

import pytest

from app.core.tools.catalogue import get_catalogue, reload_catalogue
from app.core.tools.engine import evaluate
from app.core.tools.formulas import FORMULAS

AS_OF = dt.date(2026, 6, 30)


@pytest.fixture(autouse=True)
def _bundled_catalogue():
    reload_catalogue()
    yield
    reload_catalogue()


def run(tool_id: str, year: int | None = 2025, **raw: Any) -> dict[str, Any]:
    outputs, problems, ran = evaluate(get_catalogue().tool(tool_id), raw, year=year, as_of=AS_OF)
    assert ran, [str(p) for p in problems]
    return outputs


def fails(tool_id: str, field: str, **raw: Any) -> str:
    """The formula does not run, names `field`, and gives no output at all."""
    outputs, problems, ran = evaluate(get_catalogue().tool(tool_id), raw, year=2025, as_of=AS_OF)
    assert not ran and outputs == {}
    fields = [p.field for p in problems]
    assert any(f == field or f.startswith(field + ".") for f in fields), fields
    return next(p.message for p in problems if p.field == field or p.field.startswith(field + "."))


def test_every_catalogue_tool_has_a_formula() -> None:
    cat = get_catalogue()
    assert len(cat.tools) == 42 and set(FORMULAS) == {t.id for t in cat.tools}
    assert [len(cat.by_model(m)) for m in "EJW"] == [14, 14, 14]


# ---- Efektywność ---------------------------------------------------------------------------------


def test_e01_baseline_cost() -> None:
    out = run(
        "E-01",
        staff=[{"role": "a", "hours": "100", "rate": "50"}, {"role": "b", "hours": "10", "rate": "80"}],
        materials="1 000,00",
        upkeep="500",
        overhead_rate="10 %",
        units="20",
    )
    # staff 100×50 + 10×80 = 5800; direct = 5800 + 1000 + 500 = 7300; K = 7300 × 1.10 = 8030; k0 = 8030 / 20 = 401.50
    assert out == {"K_JST": D("8030.00"), "k0": D("401.50")}
    fails(
        "E-01",
        "units",
        staff=[{"role": "x", "hours": "1", "rate": "1"}],
        materials="0",
        upkeep="0",
        overhead_rate="0",
        units="0",
    )
    assert "ujemn" in fails(
        "E-01",
        "materials",
        staff=[{"role": "x", "hours": "1", "rate": "1"}],
        materials="-5",
        upkeep="0",
        overhead_rate="0",
        units="1",
    )  # negative cost: refused, named


def test_e02_commissioning_cost() -> None:
    out = run("E-02", grant="50000", handling_hours="40", handling_rate="60", units="25")
    # C_obs = 40 × 60 = 2400; K_ZL = 50000 + 2400 + 0 (infrastructure default) = 52400; k1 = 52400 / 25 = 2096
    assert out == {"C_obs": D("2400.00"), "K_ZL": D("52400.00"), "k1": D("2096.00")}
    fails("E-02", "units", grant="1", handling_hours="1", handling_rate="1", units="0")


def test_e03_economic_efficiency() -> None:
    out = run("E-03", k0="120", k1="100")
    # EE = 120 / 100 = 1.2; saving = (120 − 100) / 120 = 0.16666… → 0.1667
    assert out == {"EE": D("1.2000"), "saving": D("0.1667")}
    fails("E-03", "k1", k0="120", k1="0")
    fails("E-03", "k0", k1="100")  # missing


def test_e04_unit_cost_series() -> None:
    out = run(
        "E-04",
        series=[{"year": "2024", "cost": "11000", "units": "10"}, {"year": "2023", "cost": "10000", "units": "10"}],
        k0="1250",
    )
    # sorted: 2023 k = 1000, 2024 k = 1100; change = (1100 − 1000) / 1000 = 0.1; vs k0 1000/1250 = 0.8, 1100/1250 = 0.88
    assert out["k_t"] == D("1100.00") and out["change"] == D("0.1000")
    assert [(r["year"], r["k"], r["vs_k0"]) for r in out["series"]] == [
        (2023, D("1000.00"), D("0.8000")),
        (2024, D("1100.00"), D("0.8800")),
    ]
    fails("E-04", "series", series=[{"year": "2023", "cost": "100", "units": "0"}])


def test_e05_leverage() -> None:
    out = run("E-05", grant="20000", w_fin="1000", w_os="2000", w_rz="500", fees="300", other="200")
    # (1000 + 2000 + 500 + 300 + 200) / 20000 = 4000 / 20000 = 0.2
    assert out == {"L": D("0.2000"), "contributions": D("4000.00")}
    fails("E-05", "grant", grant="0", w_fin="1000")


def test_e06_personal_contribution() -> None:
    out = run(
        "E-06",
        work=[{"role": "v", "hours": "100", "rate": "35"}, {"role": "z", "hours": "20", "rate": "50"}],
        total_cost="26000",
        declared="4000",
    )
    # V = 100×35 + 20×50 = 4500; share = 4500 / 26000 = 0.173076… → 0.1731; difference = 4500 − 4000 = 500
    assert out == {"V_os": D("4500.00"), "share": D("0.1731"), "difference": D("500.00")}
    fails("E-06", "total_cost", work=[{"role": "x", "hours": "1", "rate": "1"}], total_cost="0")


def test_e07_in_kind_contribution() -> None:
    out = run(
        "E-07",
        items=[
            {"item": "sala", "quantity": "12", "value": "1000", "time_share": "25 %"},
            {"item": "rzutnik", "quantity": "1", "value": "300", "time_share": "1"},
        ],
        declared="3500",
    )
    # 12 × 1000 × 0.25 = 3000 (the guidance example) + 1 × 300 × 1 = 3300; difference 3300 − 3500 = −200
    assert out == {"V_rz": D("3300.00"), "difference": D("-200.00")}


def test_e08_multi_year_account() -> None:
    out = run("E-08", years="3", competition_cost="5000", multi_year_cost="6000")
    # (3 − 1) × 5000 − (6000 − 5000) = 10000 − 1000 = 9000; per year 9000 / 3 = 3000
    assert out == {"saving": D("9000.00"), "per_year": D("3000.00")}
    fails("E-08", "years", years="6", competition_cost="1", multi_year_cost="1")  # art. 16: at most 5 years


def test_e09_budget_execution() -> None:
    out = run("E-09", grant="10000", used="9500", lines=[{"line": "a", "planned": "4000", "actual": "3000"}])
    # 9500 / 10000 = 0.95; return 10000 − 9500 = 500; line 3000 / 4000 = 0.75
    assert out["execution"] == D("0.9500") and out["return"] == D("500.00")
    assert out["lines"] == ({"line": "a", "execution": D("0.7500")},)
    fails("E-09", "lines", grant="1", used="1", lines=[{"line": "a", "planned": "0", "actual": "1"}])


def test_e10_admin_share() -> None:
    # 1500 / 20000 = 0.075
    assert run("E-10", admin="1500", total="20000") == {"admin_share": D("0.0750")}
    fails("E-10", "total", admin="0", total="0")
    fails("E-10", "admin", admin="30000", total="20000")


def test_e11_cost_per_result() -> None:
    out = run(
        "E-11", total="12000", results=[{"name": "osoby", "achieved": "40"}, {"name": "godziny", "achieved": "0"}]
    )
    # 12000 / 40 = 300; the second result achieved nothing: no cost (not a made-up infinity or zero)
    assert out["per_result"] == (
        {"name": "osoby", "unit": "", "cost": D("300.00")},
        {"name": "godziny", "unit": "", "cost": None},
    )
    fails("E-11", "results", total="1", results=[{"name": "x", "achieved": "0"}])


def test_e12_cost_of_inaction() -> None:
    out = run(
        "E-12",
        horizon="3",
        programme_cost="20000",
        interventions=[
            {"name": "placówka", "unit_cost": "48000", "without": "3", "with": "2"},
            {"name": "interwencja", "unit_cost": "2600", "without": "14", "with": "9"},
        ],
    )
    # yearly = 48000 × 1 + 2600 × 5 = 61000; C_zan = 3 × 61000 = 183000; net = 183000 − 3 × 20000 = 123000
    assert out == {"C_zan": D("183000.00"), "net_benefit": D("123000.00")}


def test_e13_inputs_effects_matrix() -> None:
    out = run(
        "E-13",
        grant="40000",
        w_fin="2000",
        w_os="3000",
        w_rz="1000",
        handling="4000",
        products="50",
        results=[{"name": "r1", "planned": "100", "achieved": "80"}, {"name": "r2", "planned": "10", "achieved": "12"}],
        EE="1.15",
    )
    # inputs = 40000 + 2000 + 3000 + 1000 + 4000 = 50000; products per 1000 zł = 50 / 50000 × 1000 = 1
    # results = mean(80/100, min(12/10, 1)) = (0.8 + 1.0) / 2 = 0.9 (capped as J-04 caps, issue 13);
    # L = (2000 + 3000 + 1000) / 40000 = 0.15
    assert out["inputs_total"] == D("50000.00") and out["products_per_1000"] == D("1.0000")
    assert out["results_achieved"] == D("0.9000") and out["L"] == D("0.1500") and out["EE"] == D("1.1500")
    r1 = next(r for r in out["matrix"] if r["row"] == "r1")
    assert r1["per_1000"] == D("1.6000")  # 80 / 50000 × 1000
    fails("E-13", "grant", grant="0", products="1")


def test_e13_optional_results_do_not_block() -> None:
    # issue 15: the results section is optional; "Osiągnięto" empty stopped the whole matrix
    outputs, problems, ran = evaluate(
        get_catalogue().tool("E-13"),
        {
            "grant": "40000",
            "products": "50",
            "results": [{"name": "r1", "planned": "100", "achieved": "80"}, {"name": "r2", "planned": "10"}],
        },
        year=2025,
        as_of=AS_OF,
    )
    assert ran
    # only r1 counts: 80 / 100 = 0.8; r2 is named, not taken as 0
    assert outputs["results_achieved"] == D("0.8000")
    assert "results.2.achieved" in [p.field for p in problems]
    assert [r["row"] for r in outputs["matrix"]][-1] == "r1"


def test_e13_social_efficiency_values_effects_with_stated_proxies() -> None:
    """Issue 21 item 2: social value against the same inputs as the economic matrix."""
    social = [
        # 1 200 h × 30,00 zł = 36 000,00 (nothing would happen anyway)
        {"effect": "godziny wolontariuszy", "quantity": "1200", "unit_value": "30", "proxy": "stawka minimalna 2026"},
        # 2 × 48 000,00 × (1 − 0,25) = 72 000,00
        {
            "effect": "seniorzy, którzy nie trafili do DPS",
            "quantity": "2",
            "unit_value": "48000",
            "proxy": "roczna dopłata gminy do DPS",
            "deadweight": "0.25",
        },
        # 3 × 10 000,00 × (1 − 0,5) = 15 000,00
        {
            "effect": "miejsca pracy w gminie",
            "quantity": "3",
            "unit_value": "10000",
            "proxy": "zasiłek i składki",
            "deadweight": "0.5",
        },
    ]
    out = run(
        "E-13",
        grant="40000",
        w_fin="2000",
        w_os="3000",
        w_rz="1000",
        handling="4000",
        products="50",
        social_value=social,
    )
    # V = 36 000 + 72 000 + 15 000 = 123 000; inputs 50 000 (as above); SE = 123 000 / 50 000 = 2,46
    assert out["social_value"] == D("123000.00") and out["SE"] == D("2.4600")
    assert [(r["effect"], r["value"], r["proxy"]) for r in out["valuation"]] == [
        ("godziny wolontariuszy", D("36000.00"), "stawka minimalna 2026"),
        ("seniorzy, którzy nie trafili do DPS", D("72000.00"), "roczna dopłata gminy do DPS"),
        ("miejsca pracy w gminie", D("15000.00"), "zasiłek i składki"),
    ]
    band = get_catalogue().tool("E-13").output("SE").band_for(out["SE"])
    assert band is not None and band.level == "good"
    # no valued effect: social value unknown, not 0
    plain = run("E-13", grant="40000", products="50")
    assert "social_value" not in plain and "SE" not in plain
    # a value without its basis is refused, naming the cell
    outputs, problems, ran = evaluate(
        get_catalogue().tool("E-13"),
        {
            "grant": "40000",
            "products": "50",
            "social_value": [{"effect": "x", "quantity": "1", "unit_value": "10", "proxy": ""}],
        },
        year=2025,
        as_of=AS_OF,
    )
    assert not ran and any(p.field.startswith("social_value") for p in problems)


def test_e14_report_coverage() -> None:
    out = run(
        "E-14",
        summary=[
            {"tool": "E-01", "output": "k0", "value": "401,50 zł"},
            {"tool": "E-02", "output": "k1", "value": ""},
            {"tool": "E-03", "output": "EE"},
            {"tool": "E-05", "output": "L", "value": "0,2"},
        ],
    )
    # 2 of 4 rows have a value → 0.5
    assert out["covered"] == D("0.5000")


# ---- Jakość --------------------------------------------------------------------------------------


def test_j01_minimum_standard() -> None:
    rows = [{"requirement": f"w{i}", "category": "staff", "met": m} for i, m in enumerate(["yes", "yes", "no", "yes"])]
    out = run("J-01", requirements=rows)
    # 3 met of 4 = 0.75; the unmet one is listed
    assert out["compliance"] == D("0.7500") and out["unmet"] == ({"requirement": "w2"},)


def test_j02_formal_assessment() -> None:
    ok = dict(deadline="ok", form="ok", signatures="ok", declarations="ok", period="ok")
    assert run("J-02", **ok)["status"] == "admitted"
    assert run("J-02", **{**ok, "signatures": "fix"})["status"] == "to be completed"
    assert run("J-02", **{**ok, "deadline": "fail"})["status"] == "rejected"
    # own contribution 4 % below the required 5 % → rejected
    out = run("J-02", **ok, required_share="5 %", declared_share="0.04")
    assert out["status"] == "rejected" and out["failed"] == ({"criterion": "declared_share", "state": "fail"},)
    fails("J-02", "declared_share", **ok, required_share="0.05")


def test_j03_merit_assessment() -> None:
    a = {
        "evaluator": "A",
        "feasibility": "18",
        "costs": "16",
        "quality": "20",
        "contribution": "12",
        "volunteers": "8",
        "history": "6",
    }  # 80
    b = {
        "evaluator": "B",
        "feasibility": "15",
        "costs": "14",
        "quality": "21",
        "contribution": "10",
        "volunteers": "6",
        "history": "4",
    }  # 70
    out = run("J-03", scores=[a, b])
    # mean (80 + 70) / 2 = 75 of a maximum 20+20+25+15+10+10 = 100 → 75.00
    assert out["score"] == D("75.00") and [e["total"] for e in out["evaluators"]] == [D(80), D(70)]
    fails("J-03", "scores", scores=[{**a, "quality": "26"}])  # above the criterion's maximum


def test_j04_results_matrix() -> None:
    rows = [{"name": "a", "planned": "100", "achieved": "80"}, {"name": "b", "planned": "10", "achieved": "15"}]
    # capped: mean(0.8, 1.0) = 0.9; allowed: mean(0.8, 1.5) = 1.15
    assert run("J-04", results=rows)["attainment"] == D("0.9000")
    assert run("J-04", results=rows, cap="allow")["attainment"] == D("1.1500")
    # zero planned value: that result is left out and noted, not divided by zero
    _out, problems, ran = evaluate(
        get_catalogue().tool("J-04"), {"results": [*rows, {"name": "c", "planned": "0", "achieved": "3"}]}
    )
    assert ran and any(p.field == "results.3.planned" for p in problems)
    fails("J-04", "results", results=[{"name": "c", "planned": "0", "achieved": "3"}])


def test_j05_satisfaction_survey() -> None:
    answers = [
        {"respondent": "1", "q1": "5", "q2": "4", "q3": "4", "q4": "5", "q5": "4"},
        {"respondent": "2", "q1": "3", "q2": "3", "q3": "4", "q4": "", "q5": "2"},
        {"respondent": "3", "q1": "4", "q2": "5", "q3": "5", "q4": "4", "q5": "5"},
    ]
    out = run("J-05", answers=answers)
    # 14 answers: 22 + 12 + 23 = 57; mean = 57 / 14 = 4.071428…; index = (4.071428 − 1) / 4 × 100 = 76.785… → 76.79
    assert out["respondents"] == 3 and out["mean"] == D("4.0714") and out["index"] == D("76.79")
    q4 = next(i for i in out["items"] if i["item"] == "q4")
    assert q4 == {"item": "q4", "mean": D("4.5000"), "n": 2}  # (5 + 4) / 2, blank skipped
    assert "1 do 5" in fails("J-05", "answers", answers=[{"q1": "6"}])  # Likert outside 1–5
    fails("J-05", "answers", answers=[{"q1": "0"}])
    fails("J-05", "answers", answers=[{"respondent": "nobody answered"}])  # no respondents


def test_j06_pretest_posttest() -> None:
    scores = [
        {"participant": "a", "pre": "10", "post": "14"},
        {"participant": "b", "pre": "12", "post": "13"},
        {"participant": "c", "pre": "9", "post": "8"},
        {"participant": "d", "pre": "11", "post": "15"},
        {"participant": "e", "pre": "10", "post": ""},
    ]  # e has no posttest: left out
    out = run("J-06", scores=scores)
    # Δ = 4, 1, −1, 4; n = 4; mean = 8 / 4 = 2; improved 3 of 4 = 0.75
    # s² = ((2)² + (−1)² + (−3)² + (2)²) / 3 = (4 + 1 + 9 + 4) / 3 = 6; s = 2.449489…; d = 2 / 2.449489 = 0.816496… → 0.8165
    assert out["n"] == 4 and out["mean_change"] == D("2.0000") and out["share_improved"] == D("0.7500")
    assert out["effect_size"] == D("0.8165")
    assert [m["mean"] for m in out["means"]] == [D("10.5000"), D("12.5000")]  # (10+12+9+11)/4, (14+13+8+15)/4
    lower = run("J-06", scores=scores, direction="lower")
    assert lower["share_improved"] == D("0.2500") and lower["effect_size"] == D("-0.8165")
    one = evaluate(get_catalogue().tool("J-06"), {"scores": scores[:1]})
    assert one[2] and "effect_size" not in one[0] and one[0]["mean_change"] == D("4.0000")  # d needs n ≥ 2
    fails("J-06", "scores", scores=[{"participant": "x", "pre": "3"}])


def test_j07_control_sheet() -> None:
    out = run("J-07", progress="3", efficiency="2", funds="1", documentation="3")
    # (3 + 2 + 1 + 3) / (4 × 3) × 100 = 9 / 12 × 100 = 75; 'funds' rated 1 is flagged
    assert out["score"] == D("75.00") and out["flags"] == ({"area": "funds", "rating": D(1)},)
    fails("J-07", "funds", progress="3", efficiency="2", documentation="3")


def test_j08_complaints() -> None:
    out = run(
        "J-08",
        entries=[
            {
                "received": "2025-03-01",
                "channel": "phone",
                "subject": "a",
                "resolved": "2025-03-11",
                "justified": "yes",
            },
            {"received": "2025-04-01", "channel": "email", "subject": "b", "resolved": "2025-04-21"},
            {"received": "2025-05-01", "channel": "letter", "subject": "c"},
        ],
    )
    # 3 entries, 1 open, 1 justified; mean days (10 + 20) / 2 = 15
    assert out == {"count": 3, "open": 1, "justified": 1, "mean_days": D("15.0000")}
    fails(
        "J-08",
        "entries",
        entries=[{"received": "2025-03-10", "channel": "phone", "subject": "a", "resolved": "2025-03-01"}],
    )


def test_j09_qualifications() -> None:
    out = run(
        "J-09",
        staff=[
            {"position": "a", "required": "x", "confirmed": "yes"},
            {"position": "b", "required": "x", "confirmed": "partly"},
            {"position": "c", "required": "x", "confirmed": "no"},
        ],
    )
    # (1 + 0.5 + 0) / 3 = 0.5
    assert out == {"match": D("0.5000")}


def test_j10_report_timeliness() -> None:
    # 6 days late of a 30-day tolerance: 1 − 6/30 = 0.8
    assert run("J-10", due="2025-01-30", received="2025-02-05") == {
        "timeliness": D("0.8000"),
        "days_late": 6,
        "on_time": False,
    }
    assert run("J-10", due="30.01.2025", received="2025-01-20")["timeliness"] == D("1.0000")
    assert run("J-10", due="2025-01-30", received="2025-04-30")["timeliness"] == D("0.0000")  # 90 days: floor 0
    fails("J-10", "received", due="2025-01-30")


def test_j11_provider_rating() -> None:
    out = run("J-11", control="75", timeliness="0.8", results="1.2", settlement="corrections")
    # 0.3 × 75 + 0.2 × 80 + 0.3 × 100 (capped) + 0.2 × 70 = 22.5 + 16 + 30 + 14 = 82.5
    assert out == {"score": D("82.50")}
    # without a control: (0.2 × 80 + 0.3 × 100 + 0.2 × 70) / 0.7 = 60 / 0.7 = 85.714… → 85.71
    assert run("J-11", timeliness="0.8", results="1.2", settlement="corrections") == {"score": D("85.71")}


def test_j12_accessibility() -> None:
    out = run("J-12", hours="24", target_hours="30", features=["step_free", "toilet", "info"])
    # cover = 24 / 30 = 0.8; features 3 of 6 = 0.5; score = 50 × 0.8 + 50 × 0.5 = 65
    assert out == {"score": D("65.00"), "hours_cover": D("0.8000")}
    fails("J-12", "target_hours", hours="10", target_hours="0")
    fails("J-12", "hours", hours="200", target_hours="30")  # more than 168 hours a week


def test_j13_focus_group() -> None:
    out = run(
        "J-13",
        themes=[
            {"theme": "kadra", "tone": "positive", "mentions": "6"},
            {"theme": "godziny", "tone": "negative", "mentions": "2"},
            {"theme": "dojazd", "tone": "neutral", "mentions": "2"},
        ],
    )
    # (6 × 1 + 2 × 0 + 2 × 0.5) / 10 = 7 / 10 = 0.7
    assert out["positive_share"] == D("0.7000")


def test_j14_corrective_actions() -> None:
    out = run(
        "J-14",
        actions=[
            {"finding": "f", "action": "a1", "owner": "o", "due": "2026-05-01", "status": "done"},
            {"finding": "f", "action": "a2", "owner": "o", "due": "2026-05-01", "status": "progress"},
            {"finding": "f", "action": "a3", "owner": "o", "due": "2026-09-01", "status": "planned"},
        ],
    )
    # done 1 of 3 = 0.3333; overdue: a2 (due 1.05.2026 before 30.06.2026, not done)
    assert out["done_share"] == D("0.3333") and out["overdue"] == 1
    assert out["overdue_list"][0]["action"] == "a2"
    assert out["external_actions"] == 0


def test_observation_and_external_evaluation_are_qualitative_studies_with_a_source() -> None:
    """Issue 21 item 6: observation and external evaluation (seed 001) are recorded in J-13 (method, who made
    the study) and their recommendations in J-14 with their source."""
    out = run(
        "J-13",
        method="observation",
        conducted_by="external",
        evaluator="Uniwersytet Gdański",
        themes=[
            {"theme": "zajęcia zaczynają się punktualnie", "tone": "positive", "mentions": "3"},
            {"theme": "lokal bez podjazdu", "tone": "negative", "mentions": "1"},
        ],
    )
    # (3 × 1 + 1 × 0) / 4 = 0,75; made by an external body
    assert out["positive_share"] == D("0.7500") and out["external"] is True
    internal = run("J-13", themes=[{"theme": "kadra", "tone": "positive", "mentions": "1"}])
    assert internal["external"] is False  # the default: gmina staff, an interview
    plan = run(
        "J-14",
        actions=[
            {
                "finding": "lokal bez podjazdu",
                "source": "external",
                "action": "podjazd",
                "owner": "o",
                "due": "2026-09-01",
                "status": "planned",
            },
            {
                "finding": "skarga",
                "source": "complaints",
                "action": "a",
                "owner": "o",
                "due": "2026-09-01",
                "status": "done",
            },
            {"finding": "f", "action": "b", "owner": "o", "due": "2026-09-01", "status": "planned"},
        ],
    )
    # one of the three actions comes from the external evaluation; done 1 of 3
    assert plan["external_actions"] == 1 and plan["done_share"] == D("0.3333")
    fails(
        "J-14",
        "actions.1.source",
        actions=[
            {"finding": "f", "source": "rumour", "action": "a", "owner": "o", "due": "2026-09-01", "status": "planned"}
        ],
    )


# ---- Współpraca ----------------------------------------------------------------------------------


def test_w01_ngo_map() -> None:
    out = run(
        "W-01",
        total="12",
        areas=[
            {"area": "EDU", "organisations": "5", "with_contracts": "2"},
            {"area": "ENV", "organisations": "0", "with_contracts": "0"},
        ],
    )
    assert out["organisations"] == 12 and out["empty_areas"] == 1


def test_w02_needs() -> None:
    # 45 of 60 = 0.75; unserved 15
    assert run("W-02", problem="p", data_sources="d", recipients="r", in_need="60", served="45") == {
        "coverage": D("0.7500"),
        "unserved": 15,
    }
    fails("W-02", "in_need", problem="p", data_sources="d", recipients="r", in_need="0", served="5")
    fails("W-02", "served", problem="p", data_sources="d", recipients="r", in_need="60")  # no made-up zero coverage


def test_w03_decision_test() -> None:
    out = run("W-03", criteria=["priority", "capacity", "funds"])
    # weights 20 + 20 + 15 = 55 of 100
    assert out["score"] == D("55.00") and {m["criterion"] for m in out["missing"]} == {
        "standard",
        "benefits",
        "continuity",
    }


def test_w04_mkus_type() -> None:
    base = dict(small_grants="no", multi_actor="no", institution="no", defined_service="yes")
    assert run("W-04", **base)["type"] == "Commissioning a service"
    assert run("W-04", **{**base, "institution": "yes"})["type"] == "Commissioning an institution"
    assert run("W-04", **{**base, "multi_actor": "yes", "institution": "yes"})["type"] == "Cooperative problem solving"
    assert run("W-04", **{**base, "small_grants": "yes"})["type"] == "Activity voucher (regranting)"


def test_w05_legal_route() -> None:
    assert run("W-05", amount="8000", days="60", circumstances=["local"])["basis"] == "art. 19a u.d.p.p.w."
    # 10 000,01 zł is over the art. 19a limit → open competition
    assert run("W-05", amount="10000.01", days="60", circumstances=["local"])["route"] == "open competition"
    assert run("W-05", amount="8000", days="91", circumstances=["local"])["route"] == "open competition"
    assert run("W-05", amount="500000", days="365", circumstances=["emergency"])["basis"] == "art. 11a u.d.p.p.w."


def test_w06_programme_calendar() -> None:
    out = run(
        "W-06",
        year_from="2025",
        consultation_start="2024-10-01",
        consultation_end="2024-10-05",
        min_days="7",
        rdpp_opinion="2024-10-20",
        adopted="2024-12-10",
    )
    # deadline 30.11.2024; consultation 5 days < 7 ✗; ended before adoption ✓; RDPP before ✓; adopted late ✗ → 2/4
    assert out["deadline"] == dt.date(2024, 11, 30) and out["ok_share"] == D("0.5000")
    fails("W-06", "consultation_end", year_from="2025", consultation_start="2024-10-10", consultation_end="2024-10-01")


def test_w07_resolution_elements() -> None:
    # 9 of the 11 statutory elements → 0.8182
    out = run("W-07", elements=[str(i) for i in range(1, 10)])
    assert out["completeness"] == D("0.8182") and out["missing"] == ({"element": "10"}, {"element": "11"})


def test_w08_nonfinancial() -> None:
    out = run(
        "W-08", meetings="4", consultations="2", teams="0", information="10", premises="3", patronage="0", trainings="1"
    )
    # total 20; 5 of 7 forms used = 0.714285… → 0.7143
    assert out["total"] == 20 and out["forms_used"] == 5 and out["forms_share"] == D("0.7143")


def test_w09_rdpp() -> None:
    out = run("W-09", request_date="2025-12-31", organisations="6", created_date="2026-03-05")
    # create by 31.12 + 2 months = 28.02.2026 (end of February); created 5.03 → late
    assert out["create_by"] == dt.date(2026, 2, 28) and out["status"] == "created late"
    assert run("W-09", request_date="2026-01-10", organisations="4")["status"].startswith("request not binding")
    assert run("W-09", request_date="2026-01-10", organisations="5")["status"] == "overdue: council not created"


def test_w10_lijw_self_assessment() -> None:
    out = run(
        "W-10",
        programme_on_time="yes",
        contact_person="yes",
        rdpp="na",
        consultation_resolution="yes",
        report_on_time="no",
        competitions="2",
        share_powierzenie="0.4",
        share_multi_year="0.6",
        share_19a_ok="yes",
        nonfinancial_forms="5",
        knowledge="4",
        conditions="3",
        satisfaction="5",
    )
    # area 1: (1 + 1 + 1) / 3 = 1 → 100; area 2: (1 + 0) / 2 → 50; area 3: (2/5 + 0.4 + 0.6 + 1) / 4 = 2.4 / 4 → 60
    # area 4: 5/7 = 0.714285… → 71.43; area 5: ((4−1)/4 + (3−1)/4) / 2 = (0.75 + 0.5) / 2 → 62.5; area 6: (5−1)/4 → 100
    # overall = (100 + 50 + 60 + 71.428571 + 62.5 + 100) / 6 = 443.928571 / 6 = 73.988… → 73.99
    areas = {a["area"]: a["score"] for a in out["areas"]}
    assert areas == {
        "1": D("100.00"),
        "2": D("50.00"),
        "3": D("60.00"),
        "4": D("71.43"),
        "5": D("62.50"),
        "6": D("100.00"),
    }
    assert out["overall"] == D("73.99")
    assert "1 do 5" in fails("W-10", "satisfaction", satisfaction="9")


def test_w10_ngo_survey_per_respondent_feeds_the_likert_indicators() -> None:
    base = dict(
        programme_on_time="yes",
        contact_person="yes",
        rdpp="na",
        consultation_resolution="yes",
        report_on_time="no",
        competitions="2",
        share_powierzenie="0.4",
        share_multi_year="0.6",
        share_19a_ok="yes",
        nonfinancial_forms="5",
    )
    opinions = [
        {"respondent": "Fundacja A", "knowledge": "4", "conditions": "3", "satisfaction": "5"},
        {"respondent": "Stowarzyszenie B", "knowledge": "5", "conditions": "", "satisfaction": "4"},
        {"respondent": "Klub C", "knowledge": "3", "conditions": "2"},
        {"respondent": "Koło D"},  # no answer at all: not a respondent
    ]
    out = run("W-10", **base, opinions=opinions)
    # knowledge x̄ = (4 + 5 + 3) / 3 = 4 → (4 − 1) / 4 = 0.75; conditions x̄ = (3 + 2) / 2 = 2.5 → 0.375
    # area 5 = (0.75 + 0.375) / 2 = 0.5625 → 56.25; satisfaction x̄ = (5 + 4) / 2 = 4.5 → 0.875 → area 6 = 87.50
    # overall = (100 + 50 + 60 + 71.428571 + 56.25 + 87.5) / 6 = 425.178571 / 6 = 70.863… → 70.86
    areas = {a["area"]: a["score"] for a in out["areas"]}
    assert areas["5"] == D("56.25") and areas["6"] == D("87.50") and areas["4"] == D("71.43")
    assert out["overall"] == D("70.86") and out["respondents"] == 3
    # a single rating typed as well: the survey mean wins and the clerk is told so
    outputs, problems, ran = evaluate(
        get_catalogue().tool("W-10"), {**base, "opinions": opinions, "knowledge": "1"}, year=2025, as_of=AS_OF
    )
    assert ran and outputs["overall"] == D("70.86") and [p.field for p in problems] == ["knowledge"]
    # single ratings alone still work (no survey: no respondents output)
    assert "respondents" not in run("W-10", **base, knowledge="4", conditions="3", satisfaction="5")
    # one opinion answered, two not (issue 15): the others are optional, left out and named, not required
    outputs, problems, ran = evaluate(get_catalogue().tool("W-10"), {**base, "knowledge": "4"}, year=2025, as_of=AS_OF)
    assert ran and [p.field for p in problems][:2] == ["conditions", "satisfaction"]
    # area 5 = (4 − 1) / 4 = 0.75 → 75.00; area 6 has no answer: unknown, not 0
    # overall = (100 + 50 + 60 + 71.428571 + 75) / 5 = 356.428571 / 5 = 71.2857… → 71.29
    areas = {a["area"]: a["score"] for a in outputs["areas"]}
    assert areas["5"] == D("75.00") and areas["6"] is None and outputs["overall"] == D("71.29")
    # an answer outside 1–5 in the survey: no result, the cell is named
    assert "1 do 5" in fails(
        "W-10", "opinions.2.conditions", **base, opinions=[{"knowledge": "4"}, {"knowledge": "3", "conditions": "6"}]
    )


def test_w11_programme_report() -> None:
    out = run(
        "W-11",
        year=2024,
        contracts="4",
        competitions="2",
        grants="100000",
        submitted="2025-05-20",
        published="2025-06-02",
    )
    # due 31.05.2025; published 2.06 → late; grant per contract 100000 / 4 = 25000
    assert out == {"due": dt.date(2025, 5, 31), "on_time": False, "grant_per_contract": D("25000.00")}
    # not submitted yet and the deadline (31.05.2026) has not passed on 30.06.2026? it has → late
    assert run("W-11", year=2025, contracts="1", competitions="0", grants="1")["on_time"] is False
    pending = evaluate(
        get_catalogue().tool("W-11"), {"contracts": "1", "competitions": "0", "grants": "1"}, year=2026, as_of=AS_OF
    )
    assert pending[2] and "on_time" not in pending[0]  # due 31.05.2027: not judged yet


def test_w12_partnerships() -> None:
    out = run(
        "W-12",
        partners=[
            {"partner": "PUP", "role": "staże", "contribution": "12000"},
            {"partner": "szkoła", "role": "sala", "contribution": "4800,50"},
        ],
    )
    assert out == {"partners": 2, "contributions": D("16800.50")}


def test_w13_local_initiative() -> None:
    out = run(
        "W-13",
        applications=[
            {"title": "a", "social_work": "34", "purpose": "25", "contribution": "15", "durability": "8"},  # 82
            {"title": "b", "social_work": "20", "purpose": "20", "contribution": "10", "durability": "9"},  # 59 < 60
            {"title": "c", "social_work": "30", "purpose": "20", "contribution": "5", "durability": "5"},
        ],
    )  # 60 = threshold
    assert out["accepted"] == 2 and [r["score"] for r in out["scores"]] == [D(82), D(59), D(60)]


def test_w14_schedule() -> None:
    out = run(
        "W-14",
        milestones=[
            {"milestone": "a", "owner": "o", "planned": "2026-01-10", "done": "2026-01-05"},
            {"milestone": "b", "owner": "o", "planned": "2026-02-10", "done": "2026-03-01"},
            {"milestone": "c", "owner": "o", "planned": "2026-05-10"},
            {"milestone": "d", "owner": "o", "planned": "2026-12-10"},
        ],
    )
    # done 2 of 4 = 0.5; b done late; c overdue on 30.06.2026; d planned
    assert out["done_share"] == D("0.5000") and out["late_done"] == 1 and out["overdue"] == 1


# ---- input checking ------------------------------------------------------------------------------


def test_missing_required_inputs_are_named_in_polish() -> None:
    _out, problems, ran = evaluate(get_catalogue().tool("E-03"), {})
    assert not ran and {p.field for p in problems} == {"k0", "k1"}
    assert all(p.message == "brak wartości" for p in problems)


def test_text_is_not_a_number() -> None:
    assert "liczbą" in fails("E-05", "grant", grant="dużo")


def test_typed_text_as_a_clerk_types_it() -> None:
    from app.core.tools.values import coerce_inputs

    values, errors = coerce_inputs(get_catalogue().tool("E-05"), {"grant": "12 345,67 zł", "w_fin": "1\u00a0000"})
    assert errors == [] and values["grant"] == D("12345.67") and values["w_fin"] == D("1000")
    values, errors = coerce_inputs(get_catalogue().tool("E-01"), {"overhead_rate": "12,5 %"})
    assert values["overhead_rate"] == D("0.125")  # per cent typed → fraction
    values, errors = coerce_inputs(get_catalogue().tool("E-01"), {"overhead_rate": "150 %"})
    assert values["overhead_rate"] is None and "overhead_rate" in {e.field for e in errors}  # above 100 %
    values, errors = coerce_inputs(get_catalogue().tool("J-10"), {"due": "31.01.2025", "received": "2025-02-01"})
    assert values["due"] == dt.date(2025, 1, 31) and values["received"] == dt.date(2025, 2, 1)
    _v, errors = coerce_inputs(get_catalogue().tool("J-10"), {"due": "31.02.2025"})
    assert errors[0].field == "due" and "datą" in errors[0].message


def test_a_failing_formula_is_reported_not_raised(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.core.tools.formulas import Formula

    def broken(_ctx):  # type: ignore[no-untyped-def]
        raise ZeroDivisionError

    monkeypatch.setitem(FORMULAS, "E-10", Formula("E-10", broken, ("admin", "total"), ("admin_share",)))
    outputs, problems, ran = evaluate(get_catalogue().tool("E-10"), {"admin": "1", "total": "2"})
    assert not ran and outputs == {} and "dzienniku" in problems[0].message
