"""Issue 21 item 3 (MKUS KROK 1): the clerk compares the task with other candidate tasks on W-03's
criteria; the wizard ranks them with the catalogue's weights, stores the ranking in the task's W-03 entry
and prints it in the drogowskaz."""

from __future__ import annotations

from decimal import Decimal as D

from app.core.domain.enums import MkusType
from app.core.wizards import base
from app.core.wizards.base import WizardContext
from app.core.wizards.commission import WIZARD, ranking, signpost_answers
from tests.core.wizards.test_wizards import TODAY, _party, answers_for, demo_db, walk  # noqa: F401 (demo_db: the fixture)

# W-03 weights (catalogue): priority 20, capacity 20, standard 15, funds 15, benefits 20, continuity 10 = 100.
# answers_for ticks priority, capacity, standard, funds for the task itself: 20 + 20 + 15 + 15 = 70.
CANDIDATES = [
    # 20 + 20 + 15 + 15 + 20 = 90
    {
        "task": "Dowóz dzieci na zajęcia",
        "priority": "tak",
        "capacity": "tak",
        "standard": "tak",
        "funds": "tak",
        "benefits": "tak",
        "continuity": "nie",
    },
    # capacity 20 + funds 15 = 35 (unanswered criteria are not met)
    {
        "task": "Festyn gminny",
        "priority": "nie",
        "capacity": "tak",
        "standard": "nie",
        "funds": "tak",
        "benefits": "",
        "continuity": "",
    },
    # 20 + 20 + 15 + 15 = 70, the same as the task: they share rank 2
    {
        "task": "Klub seniora",
        "priority": "tak",
        "capacity": "tak",
        "standard": "tak",
        "funds": "tak",
        "benefits": "nie",
        "continuity": "nie",
    },
]
EXPECTED = [
    (1, "Dowóz dzieci na zajęcia", D("90.00")),
    (2, "Usługi opiekuńcze dla seniorów", D("70.00")),
    (2, "Klub seniora", D("70.00")),
    (4, "Festyn gminny", D("35.00")),
]


def test_the_page_asks_the_catalogues_criteria_per_candidate() -> None:
    step = WIZARD.step("candidates")
    assert step.heading == "Krok MKUS 1 z 3: Wybranie zadania do zlecenia"
    columns = [c.key for c in step.field("candidates").columns]
    assert columns == ["task", "priority", "capacity", "standard", "funds", "benefits", "continuity"]


def test_candidates_are_ranked_and_stored_in_the_tasks_tools(demo_db) -> None:
    from app.core.tools import service

    ctx = WizardContext(demo_db, TODAY)
    typed = answers_for(MkusType.ZLECANIE_USLUG)
    typed["candidates"] = {"candidates": CANDIDATES}
    typed["consultation"]["contract_party"] = str(_party(demo_db))
    state = walk(ctx, typed, until="cues")
    # issue 21 item 2: diagnosis → candidate tasks → costs → criteria, then the ranking computed (nothing asked)
    assert state.history == ["task", "basic", "diagnosis", "candidates", "costs", "decision", "ranking"]
    assert WIZARD.step("ranking").fields == ()
    assert ranking(state.answers) == EXPECTED
    info = WIZARD.step("ranking").info(ctx, state.answers)
    assert info[0] == "Ranking według testu decyzji (W-03):"
    assert info[1:5] == [
        "1. Dowóz dzieci na zajęcia – 90,00 ze 100 pkt",
        "2. Usługi opiekuńcze dla seniorów – 70,00 ze 100 pkt",
        "2. Klub seniora – 70,00 ze 100 pkt",
        "4. Festyn gminny – 35,00 ze 100 pkt",
    ]
    # only the first candidate scores above the task's 70
    assert info[-1].startswith("Wyżej niż przygotowywane zadanie ocenione są: \u201eDowóz dzieci na zajęcia\u201d.")
    state = walk(ctx, typed)
    result = base.finish(WIZARD, ctx, state)
    task = result.created["task"]
    # the W-03 entry of the task keeps the candidates (as the tool's yes/no) and its ranking output
    view = service.open_tool(demo_db, "W-03", "task", task, 2027)
    stored = view.input("candidates").value
    assert [r["task"] for r in stored] == ["Dowóz dzieci na zajęcia", "Festyn gminny", "Klub seniora"]
    assert stored[1]["priority"] == "no" and stored[1]["capacity"] == "yes" and stored[1]["benefits"] is None
    rows = view.result.output("ranking").value
    assert [(r["rank"], r["task"], D(str(r["score"]))) for r in rows] == [
        (1, "Dowóz dzieci na zajęcia", D("90.00")),
        (2, "this task", D("70.00")),
        (2, "Klub seniora", D("70.00")),
        (4, "Festyn gminny", D("35.00")),
    ]
    assert view.result.output("score").value == D("70.00")
    # the drogowskaz prints the same ranking, the task under its name
    assert result.signpost["candidates"] == [[r, name, str(s)] for r, name, s in EXPECTED]


def test_the_candidates_page_scores_the_candidates_before_this_tasks_criteria(demo_db) -> None:
    """The candidates are named before the costs: their own scores are shown, this task is not yet scored."""
    ctx = WizardContext(demo_db, TODAY)
    state = walk(ctx, answers_for(MkusType.ZLECANIE_USLUG), until="candidates")
    assert state.history == ["task", "basic", "diagnosis"]
    info = WIZARD.step("candidates").info(ctx, {**state.answers, "candidates": CANDIDATES})
    assert info[0].startswith("Kolumny: priorytet – zadanie jest priorytetem programu współpracy; wykonawcy – ")
    assert info[2:5] == [
        "Dowóz dzieci na zajęcia – 90,00 ze 100 pkt",
        "Klub seniora – 70,00 ze 100 pkt",
        "Festyn gminny – 35,00 ze 100 pkt",
    ]
    assert not any("Usługi opiekuńcze" in line for line in info)


def test_no_candidate_no_ranking(demo_db) -> None:
    ctx = WizardContext(demo_db, TODAY)
    state = walk(ctx, answers_for(MkusType.ZLECANIE_USLUG), until="cues")
    # without another candidate the ranking page is not shown
    assert state.history == ["task", "basic", "diagnosis", "candidates", "costs", "decision"]
    assert ranking(state.answers) == []
    assert signpost_answers(state.answers, TODAY)["candidates"] == []


def test_a_candidate_without_a_name_or_with_another_answer_is_refused(demo_db) -> None:
    ctx = WizardContext(demo_db, TODAY)
    typed = answers_for(MkusType.ZLECANIE_USLUG)
    state = walk(ctx, typed, until="candidates")
    errors = base.go_next(WIZARD, ctx, state, {"candidates": [{"task": "Klub", "priority": "może"}]})
    assert [e.field for e in errors] == ["candidates"] and "tak" in errors[0].message
    assert state.current == "candidates"


def test_the_signpost_prints_the_ranking(tmp_path) -> None:
    from app.core.documents.signpost import answers_from_dict, build_signpost
    from tests.core.documents.test_documents import pdf_text

    answers = answers_from_dict(
        {"task": "Usługi opiekuńcze dla seniorów", "candidates": [[r, name, str(s)] for r, name, s in EXPECTED]}
    )
    out = tmp_path / "s.pdf"
    build_signpost(None, answers, out)
    text = pdf_text(out)
    assert "Porównanie zadań kandydujących" in text or "Zadania kandydujące" in text
    assert "Dowóz dzieci na zajęcia 90,00" in text and "Festyn gminny 35,00" in text
