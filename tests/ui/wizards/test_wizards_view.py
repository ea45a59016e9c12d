"""Kreator in Qt: click through "Zlecenie zadania" on the demo gmina; close half-way and resume."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from app.core.db.models import Contract, Procedure, PublicTask, WizardSession
from app.core.domain.enums import MkusType, ProcedureRoute
from app.core.i18n import _, ngettext
from tests.core.wizards.test_wizards import TODAY, answers_for

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def view(qtbot, db):
    from app.core.demo import load_demo
    from app.ui.views.wizards import WizardsView

    load_demo(db, today=TODAY)
    v = WizardsView(db, today=TODAY)
    qtbot.addWidget(v)
    v.ask = lambda q: True  # type: ignore[method-assign]
    return v


def fill(dialog, typed: dict) -> str:
    page = dialog.currentPage()
    for key, value in typed.get(page.step.id, {}).items():
        if key in page.editors:
            page.editors[key].set_value(value)
    return page.step.id


def click_next(qtbot, dialog) -> None:
    button = dialog.button(
        QWizard.WizardButton.FinishButton if dialog.currentPage().isFinalPage() else QWizard.WizardButton.NextButton
    )
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def typed_answers(db) -> dict:
    from app.core.services.organisations import list_organisations

    typed = answers_for(MkusType.ZLECANIE_USLUG)
    typed["consultation"]["contract_party"] = str(list_organisations(db, active_only=True)[0].id)
    return typed


def test_click_through_creates_the_records(qtbot, view, db, tmp_path):
    typed = typed_answers(db)
    dialog = view.start_wizard("commission")
    seen = []
    with qtbot.waitSignal(view.finished, timeout=10000) as done:
        for _i in range(20):
            if not dialog.isVisible():
                break
            seen.append(fill(dialog, typed))
            click_next(qtbot, dialog)
    # no other candidate named: the ranking page is not shown
    assert seen == [
        "task",
        "basic",
        "diagnosis",
        "candidates",
        "costs",
        "decision",
        "cues",
        "mkus",
        "route_facts",
        "route",
        "standard",
        "consultation",
        "schedule",
        "monitoring",
        "summary",
    ]
    result = done.args[0]
    with db.session() as s:
        task = s.get(PublicTask, result.created["task"])
        assert task.title == "Usługi opiekuńcze dla seniorów" and task.mkus_type is MkusType.ZLECANIE_USLUG
        assert s.get(Procedure, result.created["procedure"]).route is ProcedureRoute.OPEN_COMPETITION
        k = s.get(Contract, result.created["contract"])
        assert (k.start_date, k.end_date) == (dt.date(2027, 7, 1), dt.date(2030, 6, 30))
        assert s.query(WizardSession).one().finished
    # the finished wizard is listed and offers the drogowskaz
    assert view.model.rows()[0].finished
    pdf = view.build_signpost_pdf(result.signpost, tmp_path / "drogowskaz.pdf")
    assert pdf.exists() and pdf.stat().st_size > 1000


def test_errors_are_shown_per_field_and_refusal_names_the_article(qtbot, view, db):
    dialog = view.start_wizard("commission")
    fill(dialog, {"task": {"task_id": "new"}})
    click_next(qtbot, dialog)
    click_next(qtbot, dialog)  # basic data: title left empty
    page = dialog.currentPage()
    assert page.step.id == "basic"
    assert page.editors["title"].error.text() == _("This field is required.")
    assert not page.editors["title"].error.isHidden()


def test_close_half_way_and_resume(qtbot, view, db):
    typed = typed_answers(db)
    dialog = view.start_wizard("commission")
    for _i in range(7):  # task, basic, diagnosis, costs, decision, candidates, cues → now on "mkus"
        fill(dialog, typed)
        click_next(qtbot, dialog)
    assert dialog.currentPage().step.id == "mkus"
    dialog.reject()
    with db.session() as s:
        row = s.query(WizardSession).one()
        assert (row.current_step, row.finished) == ("mkus", False)
        assert s.query(PublicTask).filter(PublicTask.title == "Usługi opiekuńcze dla seniorów").count() == 0
    view.refresh()
    assert [r.step_title for r in view.model.rows()] == [_("Commissioning type")]
    resumed = view.resume(row.id)
    qtbot.waitUntil(lambda: resumed.currentPage() is not None and resumed.currentPage().step.id == "mkus")
    # Back works after the restart and keeps the answers
    qtbot.mouseClick(resumed.button(QWizard.WizardButton.BackButton), Qt.MouseButton.LeftButton)
    assert resumed.currentPage().step.id == "cues"
    assert resumed.currentPage().editors["cue_defined_service"].value() == "yes"
    with qtbot.waitSignal(view.finished, timeout=10000) as done:
        for _i in range(20):
            if not resumed.isVisible():
                break
            fill(resumed, typed)
            click_next(qtbot, resumed)
    assert set(done.args[0].created) == {"task", "procedure", "contract"}


def test_handbook_view_opens_chapter_searches_and_scores(qtbot):
    from app.ui.views.handbook import HandbookView

    v = HandbookView(None)
    qtbot.addWidget(v)
    v.open_chapter("routes")
    assert "19a" in v.text.toPlainText()
    v.choose(0, 1)
    v.choose(1, 1)
    assert not v.check_quiz().passed  # 2 of the chapter's 4 questions answered
    v.choose(2, 1)
    v.choose(3, 2)
    assert v.check_quiz().passed
    v.search.setText("swietlica")
    assert v.list.count() == 1 and v.current_id == "mkus"


def test_programme_and_evaluation_wizards_through_the_view(qtbot, view, db, tmp_path):
    from app.core.db.models import CooperationProgramme

    with db.session() as s:
        before = s.query(CooperationProgramme).count()
    dialog = view.start_wizard("programme")
    with qtbot.waitSignal(view.finished, timeout=10000) as done:
        for _i in range(12):
            if not dialog.isVisible():
                break
            click_next(qtbot, dialog)
    with db.session() as s:
        assert s.query(CooperationProgramme).count() == before + 1
    pdf = view.build_resolution_pdf(done.args[0].created["programme"], tmp_path / "uchwala.pdf")
    assert pdf.exists()
    dialog = view.start_wizard("evaluation")
    page = dialog.currentPage()
    page.editors["contract_id"].set_value(page.editors["contract_id"].input.itemData(1))
    with qtbot.waitSignal(view.finished, timeout=20000) as done:
        for _i in range(12):
            if not dialog.isVisible():
                break
            click_next(qtbot, dialog)
    assert [m.split(" (")[0].rsplit(" ", 1)[0] for m in done.args[0].messages[:3]] == [
        "Indeks Efektywności",
        "Indeks Jakości",
        "Indeks Współpracy",
    ]
    # then what was written back to the contract's results (the achieved values of the year)
    saved = ngettext(
        "{n} achieved value of {year} saved in the contract's results.",
        "{n} achieved values of {year} saved in the contract's results.",
        2,
    )
    assert saved.split("{year}")[1] in done.args[0].messages[3]


def test_why_panel_links_to_the_handbook(qtbot, view):
    dialog = view.start_wizard("commission")
    assert (
        _("Handbook: {chapter}").split("{")[0] in dialog.side.link.text() and 'href="mkus"' in dialog.side.link.text()
    )
    dialog.side.link.linkActivated.emit("routes")
    assert view.handbook_dialog.isVisible()
    dialog.reject()


def test_finish_offers_to_open_the_created_contract(qtbot, view):
    """QA: the views never asked the main window to open what a wizard created."""
    from PySide6.QtWidgets import QMessageBox

    from app.core.wizards.base import FinishResult

    view.offer_result(FinishResult({"task": 16, "procedure": 23, "contract": 26}, [], None))
    box = view.result_box
    button = next(b for b in box.buttons() if b.text() == _("Open the created contract"))
    with qtbot.waitSignal(view.record_requested, timeout=2000) as opened:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert opened.args == ["contract", 26]
    view.offer_result(FinishResult({"programme": 4}, [], None))
    texts = [b.text() for b in view.result_box.buttons()]
    assert _("Open the created programme") in texts and _("Open the draft resolution (PDF)") in texts
    assert isinstance(view.result_box, QMessageBox)


def test_side_panel_lists_only_the_stages_of_the_wizard(qtbot, view):
    """QA: "Ocena roczna umowy" (all Monitoring) showed Analiza, Przygotowanie, Wdrożenie ticked as done."""
    dialog = view.start_wizard("evaluation")
    labels = dialog.side.stage_labels
    assert list(labels) == ["M"]
    assert labels["M"].text() == "1. ▶ " + _("Monitoring and evaluation")
    dialog.reject()
    commission = view.start_wizard("commission")
    assert [label.text() for label in commission.side.stage_labels.values()] == [
        "1. ▶ " + _("Analysis"),
        "2. " + _("Preparation"),
        "3. " + _("Implementation"),
        "4. " + _("Monitoring and evaluation"),
    ]
    commission.reject()


def test_priority_area_is_picked_from_a_list(qtbot):
    """QA: the programme wizard's priority areas were typed as free text (code or name)."""
    from PySide6.QtWidgets import QComboBox, QWidget

    from app.core.domain.enums import WkusArea
    from app.core.wizards.programme import WIZARD as PROGRAMME
    from app.ui.widgets.editable_table import CellDelegate
    from app.ui.wizards.fields import FieldEditor

    host = QWidget()
    qtbot.addWidget(host)
    editor = FieldEditor(PROGRAMME.step("priorities").field("priorities"), host)
    editor.set_value([{"year": "2027", "title": "Klub seniora", "area": "", "amount": "10 000"}])
    table = editor.input
    delegate = table.itemDelegate()
    assert isinstance(delegate, CellDelegate)
    # the title (column 1) is typed, the area (column 2) picked from a drop-down
    assert not isinstance(delegate.createEditor(table.viewport(), None, table.model().index(0, 1)), QComboBox)
    index = table.model().index(0, 2)
    combo = delegate.createEditor(table.viewport(), None, index)
    assert isinstance(combo, QComboBox)
    items = [combo.itemText(i) for i in range(combo.count())]
    assert items[0] == "" and len(items) == len(WkusArea) + 1
    social = _("Social assistance, family support and pro-family policy")
    assert social in items
    delegate.setEditorData(combo, index)
    combo.setCurrentText(social)
    delegate.setModelData(combo, table.model(), index)
    assert editor.value()[0]["area"] == social


def test_wizard_placeholders_follow_the_language(qtbot):
    """QA: money and date placeholders were Polish literals in the English UI."""
    from PySide6.QtWidgets import QWidget

    from app.core import i18n
    from app.core.wizards.base import Field
    from app.ui.wizards.fields import FieldEditor

    host = QWidget()
    qtbot.addWidget(host)
    # the Polish wording is what is tested: the placeholder is in the language of the UI
    assert FieldEditor(Field("x", "X", "money"), host).input.placeholderText() == "np. 1 234,50"
    i18n.set_language("en")
    assert FieldEditor(Field("y", "Y", "date"), host).input.placeholderText() == "DD.MM.YYYY"
    assert FieldEditor(Field("z", "Z", "money"), host).input.placeholderText() == "e.g. 1 234,50"


def test_evaluation_finish_offers_the_contract_tools(qtbot, view):
    """QA: after "Ocena roczna umowy" the clerk had to find the contract in the tools view by hand."""
    from app.core.wizards.base import FinishResult, WizardState

    state = WizardState(kind="evaluation", current="summary", answers={"contract_id": "7", "year": "2025"})
    view.offer_result(FinishResult({}, ["Indeks Jakości: 74,7"], None), state)
    button = next(b for b in view.result_box.buttons() if b.text() == _("Show the contract's tools and indices"))
    with qtbot.waitSignal(view.link_requested, timeout=2000) as link:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert link.args == ["contract_tools", 7]


def test_finish_box_puts_the_action_first_and_close_last(qtbot, view):
    """QA: "Otwórz utworzony …" came after "Zamknij". The record to go on with is the default (AcceptRole,
    Enter), the PDF an ActionRole, "Zamknij" the RejectRole (Esc), laid out and focused in that order."""
    from PySide6.QtWidgets import QMessageBox, QPushButton

    from app.core.wizards.base import FinishResult

    Role = QMessageBox.ButtonRole
    close = _("Close")
    for result, first, pdf in (
        (
            FinishResult({"task": 3, "contract": 5}, [], {"task": "X"}),
            _("Open the created contract"),
            _("Open the drogowskaz (PDF)"),
        ),
        (
            FinishResult({"programme": 4}, [], None),
            _("Open the created programme"),
            _("Open the draft resolution (PDF)"),
        ),
    ):
        view.offer_result(result)
        box = view.result_box
        box.show()
        qtbot.waitExposed(box)
        by_x = sorted(box.buttons(), key=lambda b: b.mapTo(box, b.rect().topLeft()).x())
        assert [(b.text(), box.buttonRole(b)) for b in by_x] == [
            (first, Role.AcceptRole),
            (pdf, Role.ActionRole),
            (close, Role.RejectRole),
        ]
        assert box.defaultButton().text() == first and box.escapeButton().text() == close
        chain, w = [], by_x[0]
        while len(chain) < 3:
            if isinstance(w, QPushButton) and w.text() not in chain:
                chain.append(w.text())
            w = w.nextInFocusChain()
        assert chain == [first, pdf, close]
        box.close()


def test_programme_title_follows_the_year_typed_key_by_key(qtbot, view):
    """Issue 15 item 11: the proposed title kept "na rok 2027" after the year was changed to 2028."""
    dialog = view.start_wizard("programme")
    page = dialog.currentPage()
    year = page.editors["year_from"].input
    year.selectAll()
    qtbot.keyClicks(year, "2028")
    annual = _("Annual programme of cooperation of {gmina} with non-governmental organisations for {year}")
    assert page.editors["title"].value().endswith(annual.split("{gmina}")[1].format(year=2028))
    # a title the clerk typed is left alone
    title = page.editors["title"].input
    title.selectAll()
    qtbot.keyClicks(title, "Program 2028+")
    year.selectAll()
    qtbot.keyClicks(year, "2029")
    assert page.editors["title"].value() == "Program 2028+"
