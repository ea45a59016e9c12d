"""Issue 21 items 3 and 4 in the Kreator: the three MKUS steps as steps, the success factors of step 1
asked on the criteria page and printed in the drogowskaz, the types under the source's names and the
Bon type's sub-forms."""

from __future__ import annotations

from app.core.domain.enums import MkusType
from app.core.wizards import base
from app.core.wizards.base import WizardContext
from app.core.wizards.commission import WIZARD, signpost_answers
from tests.core.wizards.test_wizards import TODAY, answers_for, demo_db, walk  # noqa: F401  (fixture)


def test_every_page_names_its_mkus_step():
    # the model's three steps (resources/mkus/model.toml, seed 003 "3 KROKI")
    assert WIZARD.step("diagnosis").heading == "Krok MKUS 1 z 3: Wybranie zadania do zlecenia"
    assert WIZARD.step("decision").heading == "Krok MKUS 1 z 3: Wybranie zadania do zlecenia"
    assert WIZARD.step("mkus").heading == "Krok MKUS 2 z 3: Wybór typu zlecenia zadania"
    assert WIZARD.step("route").heading == "Krok MKUS 2 z 3: Wybór typu zlecenia zadania"
    assert WIZARD.step("schedule").heading == "Krok MKUS 3 z 3: Przeprowadzenie zmiany"
    assert WIZARD.step("summary").heading == ""
    # in the order asked the step number never goes back: 1 … 1, 2 … 2, 3 … 3
    numbers = [int(WIZARD.step(i).heading.split()[2]) for i in WIZARD.steps if WIZARD.step(i).heading]
    assert numbers == sorted(numbers) and set(numbers) == {1, 2, 3}


def test_pages_link_the_new_handbook_chapters():
    from app.core.handbook import chapter_title

    assert WIZARD.step("decision").chapter == "mkus_steps"
    assert WIZARD.step("costs").chapter == "preparation"
    assert WIZARD.step("standard").chapter == "preparation"
    assert WIZARD.step("monitoring").chapter == "quality"
    for step_id in WIZARD.steps:
        assert chapter_title(WIZARD.step(step_id).chapter)  # every link opens a chapter that exists


def test_success_factors_are_asked_on_the_criteria_page_and_printed(demo_db, tmp_path):
    from app.core.documents.signpost import answers_from_dict, build_signpost
    from tests.core.documents.test_documents import norm, pdf_text

    keys = [f.key for f in WIZARD.step("decision").fields]
    # eight factors in the model: need, scale, partner, results, standard, money, trust, owner
    assert [k for k in keys if k.startswith("sf_")] == [
        "sf_need",
        "sf_scale",
        "sf_partner",
        "sf_results",
        "sf_standard",
        "sf_money",
        "sf_trust",
        "sf_owner",
    ]
    ctx = WizardContext(demo_db, TODAY)
    typed = answers_for(MkusType.ZLECANIE_USLUG)
    typed["decision"].update({"sf_need": True, "sf_owner": True})
    state = walk(ctx, typed)
    result = base.finish(WIZARD, ctx, state)
    factors = dict(result.signpost["success_factors"])
    assert factors["Udokumentowana potrzeba"] is True and factors["Osoba odpowiedzialna po stronie gminy"] is True
    assert factors["Zadanie w skali, która się opłaca"] is False and len(factors) == 8
    doc = build_signpost(demo_db, answers_from_dict(result.signpost), tmp_path / "d.pdf")
    text = pdf_text(doc.path)
    assert norm("Czynniki sukcesu (krok MKUS 1)") in text
    assert norm("Udokumentowana potrzeba tak") in text and norm("Zadanie w skali, która się opłaca nie") in text
    # the type under the source's name with the later name (seed 003: "TYP 2. Zakup usług")
    assert norm("Zakup usług (później: Zlecanie usług)") in text


def test_types_show_the_source_and_later_names_and_bon_sub_forms(demo_db):
    field = WIZARD.step("mkus").field("mkus_type")
    labels = dict(field.options(None, {}))
    assert labels["ZLECANIE_USLUG"] == "Zakup usług (później: Zlecanie usług)"
    assert labels["ZLECANIE_INSTYTUCJI"] == "Zlecenie prowadzenia instytucji (później: Zlecanie instytucji)"
    assert labels["KOOPERACYJNE"] == "Kooperacyjne rozwiązywanie problemów"
    sub = WIZARD.step("mkus").field("bon_subform")
    assert not sub.shown({"mkus_type": "ZLECANIE_USLUG"}) and sub.shown({"mkus_type": "BON_REGRANTING"})
    assert [n for _k, n in sub.options(None, {})] == ["regranting", "uproszczona procedura", "współrealizacja działań"]
    info = WIZARD.step("mkus").info(WizardContext(demo_db, TODAY), {"mkus_type": "BON_REGRANTING"})
    assert any(line.startswith("uproszczona procedura: Mała dotacja bez konkursu") for line in info)
    a = {"mkus_type": "BON_REGRANTING", "bon_subform": "co_delivery", "title": "x"}
    assert signpost_answers(a, TODAY)["mkus_subform"] == "współrealizacja działań"
    assert signpost_answers({**a, "mkus_type": "ZLECANIE_USLUG"}, TODAY)["mkus_subform"] == ""
