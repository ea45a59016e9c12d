"""Issue 21 items 3–4 on screen: each Kreator page names its MKUS step; the criteria page asks the
success factors; the type list shows the source's names."""

from __future__ import annotations

import os

from app.core.i18n import _
from tests.ui.wizards.test_wizards_view import click_next, fill, typed_answers, view  # noqa: F401  (fixture)


def test_pages_show_the_mkus_step_and_the_success_factors(qtbot, view, db, tmp_path):  # noqa: F811
    typed = typed_answers(db)
    dialog = view.start_wizard("commission")
    dialog.resize(900, 900)
    seen = []
    for _i in range(8):
        seen.append(dialog.currentPage().step.id)
        if seen[-1] == "decision":
            break
        fill(dialog, typed)
        click_next(qtbot, dialog)
    # issue 21 item 2: diagnosis → candidate tasks → costs and social effects → criteria
    assert seen == ["task", "basic", "diagnosis", "candidates", "costs", "decision"]
    page = dialog.currentPage()
    # the step's name is the source's (data); the frame around it is the app's msgid
    assert page.subTitle() == _("MKUS step {number} of {total}: {name}").format(
        number=1, total=3, name="Wybranie zadania do zlecenia"
    )
    assert "sf_need" in page.editors and "sf_owner" in page.editors
    if os.environ.get("KREATOR2_SHOT"):
        dialog.grab().save(os.environ["KREATOR2_SHOT"])
    fill(dialog, typed)
    click_next(qtbot, dialog)  # no other candidate: no ranking page, on to the type's questions
    assert dialog.currentPage().step.id == "cues"
    fill(dialog, typed)
    click_next(qtbot, dialog)  # mkus
    page = dialog.currentPage()
    assert page.step.id == "mkus" and page.subTitle() == _("MKUS step {number} of {total}: {name}").format(
        number=2, total=3, name="Wybór typu zlecenia zadania"
    )


def test_candidates_named_first_are_ranked_after_the_criteria(qtbot, view, db, tmp_path):  # noqa: F811
    """Issue 21 items 2–3 on screen: a candidate typed into the table before the costs (its name key by key,
    the criteria from the yes/no lists) is scored at once; after this task's criteria page the ranking of
    both is shown, computed from the criteria already ticked."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLineEdit, QPushButton

    typed = typed_answers(db)
    dialog = view.start_wizard("commission")
    dialog.resize(1000, 900)
    for _i in range(5):
        if dialog.currentPage().step.id == "candidates":
            break
        fill(dialog, typed)
        click_next(qtbot, dialog)
    page = dialog.currentPage()
    assert page.step.id == "candidates" and page.subTitle() == _("MKUS step {number} of {total}: {name}").format(
        number=1, total=3, name="Wybranie zadania do zlecenia"
    )
    editor = page.editors["candidates"]
    add = next(b for b in editor.input_container.findChildren(QPushButton) if b.text() == _("Add row"))
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    table = editor.input
    model = table.model()
    table.setCurrentIndex(model.index(0, 0))
    table.edit(model.index(0, 0))
    cell = next(w for w in table.viewport().findChildren(QLineEdit) if w.isVisible())  # the cell's editor
    qtbot.keyClicks(cell, "Klub sportowy")  # ASCII: QTest types ASCII keys only
    qtbot.keyClick(cell, Qt.Key.Key_Tab)  # leaving the cell commits it
    for col in range(1, 6):  # priority, capacity, standard, funds, benefits: yes; continuity left empty
        model.setData(model.index(0, col), "tak")
    assert model.index(0, 0).data(Qt.ItemDataRole.EditRole) == "Klub sportowy"
    # the candidate: 20 + 20 + 15 + 15 + 20 = 90; this task is not scored yet
    scored = _("{task} – {score} of 100 points").format(task="Klub sportowy", score="90,00")
    qtbot.waitUntil(lambda: scored in page.info.text())
    assert "Usługi opiekuńcze" not in page.info.text()
    click_next(qtbot, dialog)
    assert dialog.currentPage().step.id == "costs"
    fill(dialog, typed)
    click_next(qtbot, dialog)
    assert dialog.currentPage().step.id == "decision"
    fill(dialog, typed)
    click_next(qtbot, dialog)
    page = dialog.currentPage()
    assert page.step.id == "ranking" and not page.editors
    # the task: 20 + 20 + 15 + 15 = 70 (its criteria ticked on the page before)
    ranked = _("{rank}. {task} – {score} of 100 points")
    first = ranked.format(rank=1, task="Klub sportowy", score="90,00")
    qtbot.waitUntil(lambda: first in page.info.text())
    assert ranked.format(rank=2, task="Usługi opiekuńcze dla seniorów", score="70,00") in page.info.text()
    if os.environ.get("CANDIDATES_SHOT"):
        from PySide6.QtWidgets import QApplication

        QApplication.processEvents()  # lay the longer info out before the picture
        dialog.grab().save(os.environ["CANDIDATES_SHOT"])
    click_next(qtbot, dialog)
    assert dialog.currentPage().step.id == "cues"


def test_the_costs_page_values_social_effects(qtbot, view, db, tmp_path):  # noqa: F811
    """Issue 21 item 2 on screen: a social effect typed in the costs page's table gives E-13's social value."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton

    typed = typed_answers(db)
    dialog = view.start_wizard("commission")
    dialog.resize(1000, 1000)
    for _i in range(6):
        if dialog.currentPage().step.id == "costs":
            break
        fill(dialog, typed)
        click_next(qtbot, dialog)
    page = dialog.currentPage()
    assert page.step.id == "costs"
    fill(dialog, typed)
    editor = page.editors["social_value"]
    add = next(b for b in editor.input_container.findChildren(QPushButton) if b.text() == _("Add row"))
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    table = editor.input
    for col, text in enumerate(["godziny wolontariuszy", "1200", "30,00", "stawka minimalna 2026", ""]):
        if not text:
            continue
        table.setCurrentIndex(table.model().index(0, col))
        table.edit(table.model().index(0, col))
        cell = next(w for w in table.viewport().findChildren(QLineEdit) if w.isVisible())
        qtbot.keyClicks(cell, text)
        qtbot.keyClick(cell, Qt.Key.Key_Tab)
    # 1 200 × 30,00 = 36 000,00; inputs = grant 120 000 + handling 6 000 = 126 000; 36 000 / 126 000 = 0,2857… → 0,29
    social = _(
        "E-13 social value {value} a year: {ratio} zł of social value per 1 zł of the grant and the office's handling."
    ).format(value="36\u00a0000,00\u00a0zł", ratio="0,29")
    qtbot.waitUntil(lambda: social in page.info.text())
    if os.environ.get("SOCIAL_SHOT"):
        QApplication.processEvents()
        dialog.grab().save(os.environ["SOCIAL_SHOT"])
