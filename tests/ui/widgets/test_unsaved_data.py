"""Issue 15, item 9: typed tool data never vanishes. Three J-06 participants typed, "Oblicz"
pressed, another tool opened: the clerk is asked "Zapisz / Odrzuć / Anuluj" and gets what they chose.
The record dialogs ask the same on Esc."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.core.i18n import _
from app.ui.tools.labels import localized_text
from app.ui.widgets.unsaved import Leave
from tests.ui.date_typing import type_in_cell

SCORES = [("Ala", "3", "5"), ("Olek", "2", "4"), ("Ewa", "4", "4")]


def _type_scores(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    table = page.form.fields["scores"].editor
    for row, cells in enumerate(SCORES):
        qtbot.mouseClick(table.add_button, Qt.MouseButton.LeftButton)
        for col, text in enumerate(cells):
            table.view.setFocus()
            table.view.setCurrentIndex(table.model.index(row, col))
            type_in_cell(qtbot, table.view, text)


def _rows(page) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [r[:3] for r in page.form.fields["scores"].editor.cells()]


def test_leaving_a_tool_with_typed_rows_asks_and_keeps_them(qtbot, tools_view, unsaved_answers) -> None:  # type: ignore[no-untyped-def]
    page = tools_view.open_tool("J-06", None, 2026)
    _type_scores(qtbot, page)
    page.calculate()  # "Oblicz", not "Zapisz"
    assert page.dirty
    unsaved_answers.answers.append(Leave.CANCEL)
    assert tools_view.open_tool("E-08") is page  # "Anuluj": the same form, the rows still there
    assert unsaved_answers == [
        _("The data typed in \u201c{tool}\u201d have not been saved.").format(tool=localized_text(page.tool, "name"))
    ]
    assert tools_view.page is page and _rows(page) == [list(r) for r in SCORES]
    # another record: asked again; "Anuluj" puts the record picker back
    scope = page.scope
    unsaved_answers.answers.append(Leave.CANCEL)
    tools_view.scope_combo.setCurrentIndex((tools_view.scope_combo.currentIndex() + 1) % tools_view.scope_combo.count())
    assert (
        len(unsaved_answers) == 2 and tools_view.current_scope() == scope and _rows(page) == [list(r) for r in SCORES]
    )
    # "Zapisz": saved, then the other tool opens; back in J-06 the rows are there
    unsaved_answers.answers.append(Leave.SAVE)
    other = tools_view.open_tool("E-08")
    assert other is not page and other.tool.id == "E-08"
    again = tools_view.open_tool("J-06", scope.id, 2026)
    assert _rows(again) == [list(r) for r in SCORES]


def test_discarding_is_a_choice_not_an_accident(qtbot, tools_view, unsaved_answers) -> None:  # type: ignore[no-untyped-def]
    page = tools_view.open_tool("J-06", None, 2026)
    scope = page.scope
    _type_scores(qtbot, page)
    unsaved_answers.answers.append(Leave.DISCARD)
    tools_view.open_tool("E-08")
    assert len(unsaved_answers) == 1
    assert _rows(tools_view.open_tool("J-06", scope.id, 2026)) == []


def test_a_record_dialog_asks_on_esc(qtbot, demo_db, unsaved_answers) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from app.core.services import procedures
    from app.ui.dialogs.procedure import ProcedureDialog

    record = procedures.list_procedures(demo_db)[0]
    dialog = ProcedureDialog(demo_db, record.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing typed: closes without a question
    assert not dialog.isVisible() and unsaved_answers == []
    dialog = ProcedureDialog(demo_db, record.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.title_edit.input.setFocus()
    qtbot.keyClicks(dialog.title_edit.input, " nowy")
    unsaved_answers.answers.append(Leave.CANCEL)
    qtbot.keyClick(dialog.title_edit.input, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.title_edit.input.text().endswith(" nowy")
    unsaved_answers.answers.append(Leave.SAVE)  # "Zapisz": saved and closed
    dialog.reject()
    assert not dialog.isVisible()
    assert procedures.get_procedure(demo_db, record.id).title == record.title + " nowy"
