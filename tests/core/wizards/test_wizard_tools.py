"""Issue 13 item 7: the Kreator's W-03 and W-04 steps ARE the catalogue tools: the same answers give the
same verdict in the wizard and in the tool, and weights edited in the catalogue reach the wizard."""

from __future__ import annotations

import copy
import tomllib
from decimal import Decimal

import pytest

from app.core.domain.enums import MkusType
from app.core.tools.catalogue import (
    bundled_path,
    get_catalogue,
    parse_catalogue,
    set_catalogue,
)
from app.core.tools.engine import evaluate
from app.core.wizards import base
from app.core.wizards.base import WizardContext
from app.core.wizards.commission import WIZARD, decision_score, proceeds, recommend_type
from app.core.wizards.decision import decide


@pytest.fixture
def edited_catalogue():
    """Install a catalogue edited by `edit(raw)`; the bundled one is back after the test."""
    raw = tomllib.loads(bundled_path().read_text(encoding="utf-8"))

    def install(edit) -> None:  # type: ignore[no-untyped-def]
        changed = copy.deepcopy(raw)
        edit(changed)
        set_catalogue(parse_catalogue(changed, bundled_path()))

    yield install
    set_catalogue(None)


def _w03(raw: dict) -> dict:
    return next(t for t in raw["tools"] if t["id"] == "W-03")


def test_decision_step_and_tool_give_the_same_verdict():
    """The issue's case: before, the wizard scored priority + capacity + funds 2 + 3 + 3 = 8 of 13 ≥ 8 and said
    "recommended", while the tool said "possible after closing gaps"."""
    answers = {"crit_priority": True, "crit_capacity": True, "crit_funds": True}
    d = decide(answers)
    # catalogue weights: priority 20 + capacity 20 + funds 15 = 55 of 100 (all six: 20+20+15+15+20+10)
    assert d.score == Decimal("55.00") == decision_score(answers)
    assert (d.level, d.verdict) == ("fair", "zlecenie możliwe po usunięciu braków")
    tool = get_catalogue().tool("W-03")
    outputs, _problems, ran = evaluate(tool, {"criteria": ["priority", "capacity", "funds"]})
    assert ran and outputs["score"] == d.score
    assert str(tool.output("score").band_for(outputs["score"]).label) == d.verdict
    # "possible" goes on without a reason; the gaps are named with their weights
    assert proceeds(answers) and not d.recommended
    assert [w for _label, w in d.missing] == [Decimal(15), Decimal(20), Decimal(10)]


def test_decision_below_the_tools_lowest_band_stops_the_wizard():
    answers = {"crit_priority": True, "crit_continuity": True}
    d = decide(answers)
    assert d.score == Decimal("30.00")  # (20 + 10) / 100
    assert d.level == "poor" and not proceeds(answers)
    assert proceeds({**answers, "proceed_anyway": True})


def test_the_decision_step_asks_the_catalogues_criteria():
    step = WIZARD.step("decision")
    items = get_catalogue().tool("W-03").input("criteria").items
    crit = [f for f in step.fields if f.key.startswith("crit_")]
    assert [(f.key, f.label) for f in crit] == [("crit_" + i.key, str(i.label)) for i in items]
    assert crit[0].label == "zadanie jest priorytetem programu współpracy"


def test_a_weight_changed_in_the_catalogue_changes_the_wizards_verdict(edited_catalogue):
    answers = {"crit_priority": True, "crit_capacity": True, "crit_funds": True}
    assert decide(answers).level == "fair"

    def heavier_priority(raw: dict) -> None:
        _w03(raw)["inputs"][0]["items"][0]["weight"] = 80

    edited_catalogue(heavier_priority)
    d = decide(answers)
    # priority 80 + capacity 20 + funds 15 = 115 of 80+20+15+15+20+10 = 160 → 71.875 → 71.88 ≥ 70
    assert d.score == Decimal("71.88") and d.level == "good" and d.verdict == "rekomendujemy zlecenie"


def test_a_criterion_added_to_the_catalogue_is_asked_by_the_wizard(edited_catalogue):
    def add(raw: dict) -> None:
        _w03(raw)["inputs"][0]["items"].append(
            {
                "key": "consulted",
                "label_pl": "zadanie skonsultowano z NGO",
                "label_en": "consulted with NGOs",
                "weight": 100,
            }
        )

    edited_catalogue(add)
    assert "crit_consulted" in [f.key for f in WIZARD.step("decision").fields]
    # the six old criteria all met (100) + the new one not met: 100 of 200 = 50 → the middle band
    answers = {f"crit_{k}": True for k in ("priority", "capacity", "standard", "funds", "benefits", "continuity")}
    assert decide(answers).score == Decimal("50.00")


@pytest.mark.parametrize(
    "yes,expected",
    [
        ({"small_grants", "multi_actor"}, MkusType.BON_REGRANTING),  # the wizard used to say Kooperacyjne
        ({"multi_actor", "institution"}, MkusType.KOOPERACYJNE),
        ({"institution", "defined_service"}, MkusType.ZLECANIE_INSTYTUCJI),
        ({"defined_service"}, MkusType.ZLECANIE_USLUG),
        (set(), MkusType.ZLECANIE_USLUG),
    ],
)
def test_type_step_and_tool_give_the_same_type(yes, expected):
    keys = ("small_grants", "multi_actor", "institution", "defined_service")
    raw = {k: "yes" if k in yes else "no" for k in keys}
    outputs, _p, ran = evaluate(get_catalogue().tool("W-04"), raw)
    suggested, reasons = recommend_type({f"cue_{k}": v for k, v in raw.items()})
    assert ran and suggested is expected and outputs["type"] == expected._label
    assert reasons  # the tool's explanation


def test_type_step_asks_the_tools_questions_and_waits_for_every_answer():
    fields = WIZARD.step("cues").fields
    tool = get_catalogue().tool("W-04")
    assert [(f.key, f.label, f.kind) for f in fields] == [("cue_" + i.key, str(i.label), "choice") for i in tool.inputs]
    assert recommend_type({"cue_small_grants": "yes"}) == (None, [])
    ctx = WizardContext(None)
    state = base.start(WIZARD, ctx)
    state.current = "cues"
    errors = base.go_next(WIZARD, ctx, state, {"cue_small_grants": "yes"})
    assert {e.field for e in errors} == {"cue_multi_actor", "cue_institution", "cue_defined_service"}


def test_a_resumed_older_session_keeps_its_ticks():
    from app.core.wizards.decision import upgrade

    a = upgrade({"crit_quality": True, "cue_partnership": True, "cue_defined_service": False})
    assert (a["crit_standard"], a["cue_multi_actor"], a["cue_defined_service"]) == (True, "yes", "no")
