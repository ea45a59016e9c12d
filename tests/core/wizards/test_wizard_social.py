"""Issue 21 item 2: social efficiency in "Zlecenie zadania": the effects valued with stated proxies are
E-13's social value, set against the grant and the office's handling; the figures reach the drogowskaz
(with their assumptions) and the task's E-13 entry."""

from __future__ import annotations

from decimal import Decimal as D

from app.core.domain.enums import MkusType
from app.core.wizards import base
from app.core.wizards.base import WizardContext
from app.core.wizards.commission import WIZARD, efficiency
from tests.core.wizards.test_wizards import TODAY, _party, answers_for, demo_db, walk  # noqa: F401 (demo_db: the fixture)

SOCIAL = [
    # 1 200 h × 30,00 zł = 36 000,00
    {
        "effect": "godziny wolontariuszy",
        "quantity": "1200",
        "unit_value": "30,00",
        "proxy": "minimalna stawka godzinowa 2026",
        "deadweight": "",
    },
    # 2 × 48 000,00 × (1 − 25 %) = 72 000,00
    {
        "effect": "seniorzy, którzy nie trafili do DPS",
        "quantity": "2",
        "unit_value": "48 000",
        "proxy": "roczna dopłata gminy do DPS",
        "deadweight": "25",
    },
    # 3 × 10 000,00 × (1 − 50 %) = 15 000,00
    {
        "effect": "miejsca pracy w gminie",
        "quantity": "3",
        "unit_value": "10 000",
        "proxy": "zasiłek i składki",
        "deadweight": "50",
    },
]


def test_social_value_is_computed_shown_printed_and_stored(demo_db) -> None:
    from app.core.tools import service

    ctx = WizardContext(demo_db, TODAY)
    typed = answers_for(MkusType.ZLECANIE_USLUG)
    typed["costs"]["social_value"] = SOCIAL
    typed["consultation"]["contract_party"] = str(_party(demo_db))
    state = walk(ctx, typed, until="decision")
    e = efficiency(state.answers)
    # V = 36 000 + 72 000 + 15 000 = 123 000; inputs = grant 120 000 + handling 6 000 = 126 000;
    # SE = 123 000 / 126 000 = 0,976190… → 0,9762
    assert e.social_value == D("123000.00") and e.social_ratio == D("0.9762")
    info = WIZARD.step("costs").info(ctx, state.answers)
    assert (
        "E-13: wartość społeczna 123\u00a0000,00\u00a0zł rocznie: 0,98 zł wartości społecznej na 1 zł dotacji "
        "i kosztów obsługi w urzędzie."
    ) in info
    state = walk(ctx, typed)
    result = base.finish(WIZARD, ctx, state)
    sign = result.signpost
    assert sign["efficiency"]["social_value"] == "123000.00" and sign["efficiency"]["social_ratio"] == "0.9762"
    assert sign["social_valuation"] == [
        ["godziny wolontariuszy", "36000.00", "minimalna stawka godzinowa 2026"],
        ["seniorzy, którzy nie trafili do DPS", "72000.00", "roczna dopłata gminy do DPS"],
        ["miejsca pracy w gminie", "15000.00", "zasiłek i składki"],
    ]
    # the task's E-13 entry for the start year holds the valuation and gives the same figures
    view = service.open_tool(demo_db, "E-13", "task", result.created["task"], 2027)
    assert view.result.output("social_value").value == D("123000.00")
    assert view.result.output("SE").value == D("0.9762")
    assert view.result.output("inputs_total").value == D("126000.00")


def test_without_valued_effects_nothing_is_made_up(demo_db) -> None:
    ctx = WizardContext(demo_db, TODAY)
    state = walk(ctx, answers_for(MkusType.ZLECANIE_USLUG), until="decision")
    e = efficiency(state.answers)
    assert e.social_value is None and e.social_ratio is None and "E-13" not in (e.inputs or {})


def test_the_signpost_prints_the_method_and_the_assumptions(tmp_path) -> None:
    from app.core.documents.signpost import answers_from_dict, build_signpost
    from tests.core.documents.test_documents import norm, pdf_text

    answers = answers_from_dict(
        {
            "task": "Usługi opiekuńcze dla seniorów",
            "efficiency": {"social_value": "123000.00", "social_ratio": "0.9762"},
            "social_valuation": [["godziny wolontariuszy", "36000.00", "minimalna stawka godzinowa 2026"]],
        }
    )
    out = tmp_path / "s.pdf"
    build_signpost(None, answers, out)
    text = norm(pdf_text(out))
    assert norm("godziny wolontariuszy 36 000,00 zł minimalna stawka godzinowa 2026") in text
    assert norm("Wartość społeczna 123 000,00 zł") in text
    assert "0,98" in text


def test_the_annual_evaluation_shows_what_the_kreator_planned(demo_db) -> None:
    """ "Done when" of issue 21: the figures of "Zlecenie zadania" reach the later "Ocena roczna umowy" (its
    costs step) from the task's tools, without typing them again."""
    from app.core.wizards.evaluation import WIZARD as EVALUATION

    ctx = WizardContext(demo_db, TODAY)
    typed = answers_for(MkusType.ZLECANIE_USLUG)
    typed["costs"]["social_value"] = SOCIAL
    typed["consultation"]["contract_party"] = str(_party(demo_db))
    result = base.finish(WIZARD, ctx, walk(ctx, typed))
    lines = EVALUATION.step("costs").info(ctx, {"contract_id": str(result.created["contract"]), "year": "2028"})
    got = [line.replace("\u00a0", " ") for line in lines]
    # W-03: 20 + 20 + 15 + 15 = 70 of 100; E-01 k0 = 132 000 / 40 = 3 300; E-02 k1 = 126 000 / 48 = 2 625;
    # E-03 EE = 3 300 / 2 625 = 1,2571… (printed to 2 places: 1,26); E-13 V = 123 000, SE = 123 000 / 126 000
    # = 0,976… (0,98); all of 2027, the start year, shown when evaluating 2028
    assert got == [
        "Zaplanowano w kreatorze (W-03, 2027): Wynik testu 70,0 (rekomendujemy zlecenie)",
        "Zaplanowano w kreatorze (E-01, 2027): Koszt jednostkowy realizacji własnej (k₀) 3 300,00 zł",
        "Zaplanowano w kreatorze (E-02, 2027): Koszt jednostkowy zlecenia (k₁) 2 625,00 zł",
        "Zaplanowano w kreatorze (E-03, 2027): Efektywność ekonomiczna (EE = k₀ / k₁) 1,26 (zlecenie jest tańsze na "
        "jednostkę usługi)",
        "Zaplanowano w kreatorze (E-13, 2027): Wartość społeczna 123 000,00 zł",
        "Zaplanowano w kreatorze (E-13, 2027): Efektywność społeczna (wartość społeczna na 1 zł nakładów) 0,98 "
        "(wartość społeczna niższa niż nakłady)",
    ]
