"""The model multi-year programme (Sopot, product 4): a gmina with no earlier programme gets every
statutory chapter drafted from its own data; nothing of the model's {placeholders} remains."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from app.core import i18n
from app.core.errors import UserFacingError
from app.core.wizards import base
from app.core.wizards.base import WizardContext
from app.core.wizards.model_programme import (
    PriorityFact,
    ProgrammeFacts,
    draft_elements,
    model_programme,
)
from app.core.wizards.programme import WIZARD as PROGRAMME

# runs on SQLite and on the tests' PostgreSQL server (tests/conftest.py, issue 19)
pytestmark = pytest.mark.pg

TODAY = dt.date(2026, 10, 20)
PLACEHOLDER = re.compile(r"[{}]")


@pytest.fixture
def no_programme_db(db):
    """The demo gmina (profile, tasks, contracts) without any cooperation programme."""
    from app.core.demo import load_demo
    from app.core.services.programmes import delete_programme, list_programmes

    load_demo(db, today=TODAY)
    for p in list_programmes(db):
        delete_programme(db, p.id)
    assert list_programmes(db) == []
    return db


def test_every_chapter_of_the_model_has_its_text():
    for lang in ("pl", "en"):
        assert sorted(model_programme(lang).texts) == list(range(1, 12))


def test_wizard_drafts_each_chapter_from_the_gminas_data(no_programme_db):
    ctx = WizardContext(no_programme_db, TODAY)
    state = base.start(PROGRAMME, ctx)
    assert base.go_next(PROGRAMME, ctx, state, {"kind": "MULTI_YEAR", "year_from": "2027", "year_to": "2028"}) == []
    a = state.answers
    # chapters 1–3 drafted from the model with the gmina's name, areas and art. 4 spheres
    assert "Gmina Przykładowa (DEMO)" in a["element_1"] and "na lata 2027\u20132028" in a["element_1"]
    assert "Pomoc społeczna" in a["element_1"]  # an area of the registered tasks
    assert "art. 4 ust. 1 pkt 17" in a["element_3"]  # sport: the sphere of "Szkolenie sportowe …"
    info = PROGRAMME.step("objectives").info(ctx, a)
    assert info and "modelowego wieloletniego programu współpracy" in info[0]
    assert base.go_next(PROGRAMME, ctx, state, {}) == []  # objectives
    # forms: the number of active organisations in the register (41 in the demo, one suspended)
    assert "40 organizacji" in a["element_4"]
    assert base.go_next(PROGRAMME, ctx, state, {}) == []  # forms → priorities
    rows = a["priorities"]
    by = {(r["year"], r["title"]): r["amount"] for r in rows}
    # committed tranches of 2027: szkolenie sportowe 66 000 (2024–2027), profilaktyka 38 000 (2025–2027)
    assert Decimal(
        by[("2027", "Szkolenie sportowe dzieci i młodzieży")].replace("\xa0", "").replace(" ", "").replace(",", ".")
    ) == Decimal("66000.00")
    assert Decimal(
        by[("2027", "Profilaktyka uzależnień dzieci i młodzieży")]
        .replace("\xa0", "")
        .replace(" ", "")
        .replace(",", ".")
    ) == Decimal("38000.00")
    # nothing is committed for the day-care centres after 2026: left for the clerk, never guessed
    assert by[("2027", "Świetlice środowiskowe dla dzieci i młodzieży")] == ""
    assert ("2027", "Udział mieszkańców w planowaniu przestrzennym") not in by  # delivered in-house
    assert "Świetlice środowiskowe dla dzieci i młodzieży (2027, 2028)" in a["element_5"]
    assert "W formie umów wieloletnich" in a["element_5"] and "Usługi opiekuńcze" in a["element_5"]
    # the clerk enters the missing amounts: 1 000 zł for each empty row
    empty = sum(1 for r in rows if not r["amount"])
    for r in rows:
        r["amount"] = r["amount"] or "1000"
    assert base.go_next(PROGRAMME, ctx, state, {}) == []  # priorities → funds
    from app.core.wizards.programme import priorities_total

    total = priorities_total(a)
    # 66 000 + 38 000 + 10 000 (the draft 2027 tournament contract) are committed; every other row 1 000
    assert total == Decimal("114000.00") + empty * Decimal("1000.00")
    assert i18n.format_money(total) in a["element_8"] and "2027 \u2013 " in a["element_8"]
    assert a["element_6"] == "Program obowiązuje od 1 stycznia 2027 r. do 31 grudnia 2028 r."
    assert "Wójt" in a["element_7"] and "Rada Gminy Przykładowa" in a["element_9"]
    assert base.go_next(PROGRAMME, ctx, state, {}) == []  # funds → consultation
    assert base.go_next(PROGRAMME, ctx, state, {"remarks_received": "3", "remarks_accepted": "2"}) == []
    assert (
        i18n.format_date(dt.date(2026, 10, 1)) in a["element_10"]
        and "zgłoszonych uwag: 3, w tym przyjętych: 2" in a["element_10"]
    )
    for n in range(1, 12):
        assert a[f"element_{n}"].strip() and not PLACEHOLDER.search(a[f"element_{n}"]), n


def test_with_an_earlier_programme_its_texts_win(db):
    from app.core.demo import load_demo

    load_demo(db, today=TODAY)
    ctx = WizardContext(db, TODAY)
    state = base.start(PROGRAMME, ctx)
    base.go_next(PROGRAMME, ctx, state, {})
    # the demo's own 2027 text (demo.ELEMENT_TEXTS[1]), not the model's
    assert PROGRAMME.step("objectives").info(ctx, state.answers) == []
    assert state.answers["element_1"].startswith("Celem głównym programu na rok 2027 jest budowanie partnerstwa między")


def test_unknown_facts_leave_the_chapter_to_the_clerk():
    facts = ProgrammeFacts(
        first=2027,
        last=2027,
        gmina="Gmina Testowa",
        executive="Wójt",
        priorities=(PriorityFact(2027, "Świetlica", None),),
        organisations=3,
    )
    out = draft_elements(facts, language="pl")
    # no amount → no chapter 8; no consultation dates → no chapter 10
    assert 8 not in out and 10 not in out
    assert "Świetlica (2027)" in out[5] and "na rok 2027" in out[5]
    facts = ProgrammeFacts(
        first=2027,
        last=2027,
        gmina="Gmina Testowa",
        executive="Wójt",
        priorities=(
            PriorityFact(2027, "Świetlica", Decimal("12500.00")),
            PriorityFact(2027, "Sport", Decimal("7500.00")),
        ),
        organisations=3,
        cons_from=dt.date(2026, 10, 1),
        cons_to=dt.date(2026, 10, 15),
        remarks_received=0,
        remarks_accepted=0,
    )
    out = draft_elements(facts, language="pl")
    assert sorted(out) == list(range(1, 12))
    # 12 500 + 7 500 = 20 000
    assert i18n.format_money(Decimal("20000.00")) in out[8]
    assert all(not PLACEHOLDER.search(text) for text in out.values())
    # no gmina profile: the chapter naming the gmina is left to the clerk; no tasks: a neutral phrase
    bare = draft_elements(ProgrammeFacts(first=2027, last=2027, executive="Wójt"), (1, 3), language="pl")
    assert 1 not in bare
    assert bare[3].endswith("w szczególności w sferach: odpowiadających zadaniom priorytetowym z rozdziału 5.")


def test_english_model():
    out = draft_elements(
        ProgrammeFacts(first=2027, last=2029, gmina="Gmina Testowa", executive="Wójt"), (1, 6), language="en"
    )
    assert "for 2027\u20132029" in out[1] and out[6] == "The programme applies from 1 January 2027 to 31 December 2029."


def test_a_damaged_model_is_a_clear_error(tmp_path):
    path = tmp_path / "model.toml"
    path.write_text(
        "".join(f'[[element]]\nnumber = {n}\ntext_pl = "x {{nieznane}}"\n' for n in range(1, 12)), encoding="utf-8"
    )
    with pytest.raises(UserFacingError, match="nieznane"):
        draft_elements(ProgrammeFacts(first=2027, last=2027), (1,), language="pl", path=path)
    short = tmp_path / "short.toml"
    short.write_text('[[element]]\nnumber = 1\ntext_pl = "x"\n', encoding="utf-8")
    with pytest.raises(UserFacingError, match="short.toml"):
        model_programme("pl", short)
