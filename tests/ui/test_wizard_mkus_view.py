"""Issue 21 items 3–4 on screen: each Kreator page names its MKUS step; the criteria page asks the
success factors; the type list shows the source's names."""

from __future__ import annotations

import os

from tests.ui.test_wizards_view import click_next, fill, typed_answers, view  # noqa: F401  (fixture)


def test_pages_show_the_mkus_step_and_the_success_factors(qtbot, view, db, tmp_path):  # noqa: F811
    typed = typed_answers(db)
    dialog = view.start_wizard("commission")
    dialog.resize(900, 900)
    for _i in range(6):
        if dialog.currentPage().step.id == "decision":
            break
        fill(dialog, typed)
        click_next(qtbot, dialog)
    page = dialog.currentPage()
    assert page.step.id == "decision"
    assert page.subTitle() == "Krok MKUS 1 z 3: Wybranie zadania do zlecenia"
    assert "sf_need" in page.editors and "sf_owner" in page.editors
    if os.environ.get("KREATOR2_SHOT"):
        dialog.grab().save(os.environ["KREATOR2_SHOT"])
    fill(dialog, typed)
    click_next(qtbot, dialog)  # cues
    fill(dialog, typed)
    click_next(qtbot, dialog)  # mkus
    page = dialog.currentPage()
    assert page.step.id == "mkus" and page.subTitle() == "Krok MKUS 2 z 3: Wybór typu zlecenia zadania"
