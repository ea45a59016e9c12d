"""Podręcznik: chapters in both languages, diacritic-insensitive search, quiz scoring."""

from __future__ import annotations

import pytest

from app.core import handbook
from app.core.errors import UserFacingError
from app.core.wizards.commission import WIZARD


def test_chapters_in_both_languages_with_quizzes():
    pl = handbook.chapters("pl")
    en = handbook.chapters("en")
    # the order of the educational programme: preparation, delivery, quality evaluation, reference
    assert (
        [c.id for c in pl]
        == [c.id for c in en]
        == [
            "models",
            "mkus_steps",
            "mkus",
            "preparation",
            "routes",
            "contract",
            "quality",
            "cooperation",
            "programme",
            "calendar",
            "tools",
        ]
    )
    assert pl[2].title == "Cztery typy zlecania zadań (MKUS)"
    assert all(c.quiz for c in pl) and all(len(a.quiz) == len(b.quiz) for a, b in zip(pl, en))


def test_every_wizard_step_links_to_an_existing_chapter():
    ids = {c.id for c in handbook.chapters("pl")}
    assert {s.chapter for s in WIZARD.steps.values()} <= ids


def test_search_ignores_case_and_polish_letters():
    hits = handbook.search("swietlica", "pl")
    assert [h.chapter_id for h in hits] == ["mkus"]
    assert "świetlica" in hits[0].snippet
    # every word must occur; the chapter with more matches comes first
    hits = handbook.search("19a 10 000", "pl")
    assert hits[0].chapter_id == "routes"
    assert handbook.search("   ") == []
    assert handbook.search("nieistniejącesłowo") == []


def test_quiz_scoring():
    c = handbook.chapter("routes", "pl")
    right = {i: q.answer for i, q in enumerate(c.quiz)}
    assert handbook.score_quiz("routes", right, "pl").passed
    score = handbook.score_quiz("routes", {0: 0}, "pl")
    assert (score.correct, score.total) == (0, 4)
    # the limits as of the text checked, and the unchecked 2026 amendment (25 000 zł is over both)
    assert score.mistakes[0] == (
        1,
        "Art. 19a ust. 1 (tekst Dz.U. 2024 poz. 1491): dotacja do 10 000 zł, zadanie do "
        "90 dni. Dla ofert, które wpłyną od 1.09.2026 r., nowelizacja Dz.U. 2026 poz. 1040 "
        "(tekstu nie sprawdzono) ma podnosić limit do 20 000 zł i znosić 90 dni – 25 000 zł "
        "przekracza i ten limit. Aplikacja bierze limity z tabel prawa.",
    )
    assert [m[0] for m in score.mistakes] == [1, 2, 3, 4]


def test_damaged_handbook_is_a_clear_error(tmp_path):
    (tmp_path / "chapters.toml").write_text('[[chapter]]\nid = "x"\ntitle_pl = "X"\n', encoding="utf-8")
    with pytest.raises(UserFacingError, match="x.md"):
        handbook.chapters("pl", tmp_path)
    with pytest.raises(UserFacingError):
        handbook.chapter("nope", "pl")


def test_tools_link_to_chapters():
    ids = {c.id for c in handbook.chapters("pl")}
    assert handbook.chapter_for_tool("E-01") == "preparation"
    assert handbook.chapter_for_tool("w-05") == "routes"
    assert handbook.chapter_for_tool("J-06") == handbook.chapter_for_tool("J-13") == "quality"
    assert handbook.chapter_for_tool("X-99") == "tools"
    assert set(handbook.TOOL_CHAPTERS.values()) <= ids
    # the chapter a tool links to names that tool (in bold, with its catalogue name)
    for tool_id, chapter_id in handbook.TOOL_CHAPTERS.items():
        assert f"**{tool_id}" in handbook.chapter(chapter_id, "pl").text, tool_id


# ---- the educational programme (issue 21, item 8) -------------------------------------------------


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_tool_names_agree_with_the_catalogue_and_all_42_are_named(lang):
    assert handbook.tool_name_problems(lang) == []


def test_tool_name_check_catches_drift(tmp_path):
    (tmp_path / "pl").mkdir()
    (tmp_path / "chapters.toml").write_text(
        '[[chapter]]\nid = "x"\ntitle_pl = "X"\n[[chapter.quiz]]\nquestion_pl = "?"\nanswer = 0\n'
        'options_pl = ["E-02 Kalkulator", "inne"]\n',
        encoding="utf-8",
    )
    (tmp_path / "pl" / "x.md").write_text(
        "**E-01 Karta kosztu bazowego** i **E-02 Kalkulator kosztu zlecenia**, zob. E-99 i **J-07**.", encoding="utf-8"
    )
    names = {
        "E-01": "Karta kosztu bazowego (realizacja własna JST)",
        "E-02": "Kalkulator kosztu zlecenia",
        "J-07": "Karta kontroli (art. 17)",
    }
    problems = handbook.tool_name_problems("pl", tmp_path, names)
    # E-01 drifted, E-99 does not exist, the quiz answer shortens E-02, J-07 only referenced ("**J-07**" is
    # not a naming) → 4 problems
    assert len(problems) == 4
    assert "E-01" in problems[0] and "Karta kosztu bazowego (realizacja własna JST)" in problems[0]
    assert "E-99" in problems[1]
    assert "E-02" in problems[2] and "„Kalkulator”" in problems[2]
    assert "J-07" in problems[3]


def test_at_least_40_questions_several_on_quality():
    pl = handbook.chapters("pl")
    assert sum(len(c.quiz) for c in pl) >= 40
    quality = handbook.chapter("quality", "pl")
    assert len(quality.quiz) >= 6
    text = " ".join(q.text for q in quality.quiz)
    for method in ("pretest", "J-05", "J-13", "zewnętrzn", "jakościow"):
        assert method in text, method


def test_quiz_answers_are_the_hand_computed_values():
    # preparation: EE = 2 879,60 / 2 504,00 = 1,15; E-08: (3 − 1) × 4 800 − (6 500 − 4 800) = 7 900
    def right(chapter_id: str, start: str) -> str:
        q = next(q for q in handbook.chapter(chapter_id, "pl").quiz if q.text.startswith(start))
        return q.options[q.answer]

    assert right("preparation", "Demo, świetlice 2022") == "1,15"
    assert right("preparation", "E-08") == "7 900 zł"
    # J-07: (3 + 2 + 1 + 2) / 12 × 100 = 66,67; E-05: 20 800 / 95 000 = 0,219
    assert right("contract", "Karta kontroli") == "66,67"
    assert right("contract", "Świetlice 2022") == "0,22"
    # J-05: (4,2 − 1) / 4 × 100 = 80; J-13: (9 + 0,5 × 3) / 16 = 0,656
    assert right("quality", "J-05") == "80"
    assert right("quality", "J-13") == "0,66"
    # W-10: (4 + 5 + 4 + 4 + 3 + 5 + 4 + 4) / 8 = 33 / 8
    assert right("cooperation", "Demo W-10") == "4,125"


def test_the_three_stages_and_the_sources_methods_are_taught():
    text = " ".join(c.text for c in handbook.chapters("pl"))
    for phrase in (
        "pretest–posttest",
        "Kwestionariusze",
        "Wywiady",
        "Obserwacja",
        "Ewaluacja zewnętrzna",
        "KROK 1",
        "KROK 2",
        "KROK 3",
        "Czynniki sukcesu",
        "Grupa Robocza",
        "deklaracji współpracy",
        "Koordynator",
        "umowy wieloletniej",
        "Modelowy wieloletni program współpracy",
    ):
        assert phrase.casefold() in text.casefold(), phrase


def test_every_chapter_but_the_overview_has_a_demo_example():
    for lang, heading in (
        ("pl", "## Przykład: Gmina Przykładowa (DEMO)"),
        ("en", "## Example: Gmina Przykładowa (DEMO)"),
    ):
        for c in handbook.chapters(lang):
            assert heading in c.text, (lang, c.id)


def test_the_examples_quote_the_demo_gminas_real_data():
    from app.core import demo, demo_tools  # noqa: F401  (demo_tools: the E-08 inputs below)

    text = " ".join(c.text for c in handbook.chapters("pl"))
    orgs = {name for _k, name, *_rest in demo.ORGANISATIONS}
    for name in (
        "Fundacja \u201eDobry Start\u201d",
        "Fundacja Pomocy Rodzinie \u201ePrzystań\u201d",
        "Stowarzyszenie Przyjaciół Ziemi Przykładowskiej",
    ):
        assert name in orgs and name in text
    contracts = {c.key: c for c in demo.CONTRACTS}
    # świetlice: 95 000 + 98 000 + 104 000 + 108 000 + 112 000 = 517 000
    assert contracts["m_swietlice"].amounts == ("95000", "98000", "104000", "108000", "112000")
    assert contracts["m_swietlice"].title in text and "517 000 zł" in text
    # usługi opiekuńcze: 68 000 + 84 000 + 88 000 = 240 000
    assert contracts["m_opieka"].amounts == ("68000", "84000", "88000") and "240 000 zł" in text
    # programme 2021: 180 000 + 25 000 + 70 000 + 30 000 + 45 000 + 20 000 + 12 000 + 12 000 = 394 000
    assert [str(int(base)) for _t, _a, base in demo.PRIORITIES] == [
        "180000",
        "25000",
        "70000",
        "30000",
        "45000",
        "20000",
        "12000",
        "12000",
    ]
    assert "394 000 zł" in handbook.chapter("programme", "pl").text
    # the 2025 art. 19a grant: 12 500 − 10 000 = 2 500 over the limit
    assert contracts["s_dozynki25"].amounts == ("12500",) and "2 500 zł" in handbook.chapter("routes", "pl").text


def test_mkus_chapter_shows_the_sources_names_and_the_later_ones():
    from app.core.mkus import mkus_model

    model = mkus_model("pl")
    text = handbook.chapter("mkus", "pl").text
    for t in model.types:
        assert t.source_name in text and (not t.later_name or t.later_name in text)
    bon = model.type_names("BON_REGRANTING")
    assert [f.name for f in bon.subforms] == ["regranting", "uproszczona procedura", "współrealizacja działań"]
    steps = handbook.chapter("mkus_steps", "pl").text
    assert all(f.name in steps for f in model.success_factors)
