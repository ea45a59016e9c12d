"""Podręcznik: chapters in both languages, diacritic-insensitive search, quiz scoring."""

from __future__ import annotations

import pytest

from app.core import handbook
from app.core.errors import UserFacingError
from app.core.wizards.commission import WIZARD


def test_chapters_in_both_languages_with_quizzes():
    pl = handbook.chapters("pl")
    en = handbook.chapters("en")
    assert [c.id for c in pl] == [c.id for c in en] == ["models", "mkus", "routes", "tools", "calendar", "programme"]
    assert pl[1].title == "Cztery typy zlecania zadań (MKUS)"
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
    assert (score.correct, score.total) == (0, 2)
    assert score.mistakes[0] == (1, "Art. 19a ust. 1: dotacja do 10 000 zł, zadanie do 90 dni.")
    assert score.mistakes[1][0] == 2


def test_damaged_handbook_is_a_clear_error(tmp_path):
    (tmp_path / "chapters.toml").write_text('[[chapter]]\nid = "x"\ntitle_pl = "X"\n', encoding="utf-8")
    with pytest.raises(UserFacingError, match="x.md"):
        handbook.chapters("pl", tmp_path)
    with pytest.raises(UserFacingError):
        handbook.chapter("nope", "pl")


def test_tools_link_to_chapters():
    ids = {c.id for c in handbook.chapters("pl")}
    assert handbook.chapter_for_tool("E-01") == "tools"
    assert handbook.chapter_for_tool("w-05") == "routes"
    assert {handbook.chapter_for_tool(t) for t in ("W-04", "W-06", "W-07", "J-04")} <= ids
