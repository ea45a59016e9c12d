"""Issue 15, item 1 in the tool forms and the Kreator: the same date field, typed key by key,
saved and found again."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from app.core.db.models import Contract
from tests.ui.date_typing import line_of, type_date, type_in_cell

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_tool_date_typed_saved_and_reopened(qtbot, tools_view) -> None:  # type: ignore[no-untyped-def]
    page = tools_view.open_tool("J-07", None, 2026)
    assert page.scope is not None and page.save_button.isEnabled()
    edit = page.form.fields["control_date"].editor.edit
    edit.set_value(dt.date(2026, 1, 2))  # a date already there: typing replaces it after a click
    type_date(qtbot, edit, "15.12.2025")
    values, errors = page.form.values()
    assert errors == [] and values["control_date"] == dt.date(2025, 12, 15)
    assert page.save(), page.status.text()
    again = tools_view.open_tool("J-07", page.scope.id, 2026)
    assert again.form.fields["control_date"].editor.edit.date() == dt.date(2025, 12, 15)
    # a mistake is named next to the field, nothing read as a date; the Polish wording is what is tested
    type_date(qtbot, again.form.fields["control_date"].editor.edit, "31.06.2026")
    _values, errors = again.form.values()
    assert [e.message for e in errors] == ["Czerwiec 2026 ma tylko 30 dni."]
    assert again.form.fields["control_date"].editor.edit.feedback.text() == "Czerwiec 2026 ma tylko 30 dni."


def test_tool_table_date_cell_typed_key_by_key(qtbot, tools_view) -> None:  # type: ignore[no-untyped-def]
    page = tools_view.open_tool("J-08", None, 2026)
    table = page.form.fields["entries"].editor
    qtbot.mouseClick(table.add_button, Qt.MouseButton.LeftButton)
    col = [c.key for c in table.columns].index("received")
    table.view.setFocus()
    table.view.setCurrentIndex(table.model.index(table.model.rowCount() - 1, col))
    type_in_cell(qtbot, table.view, "1.2.26")
    # stored as understood: 1 February 2026
    assert table.cells()[-1][col] == "01.02.2026"


def test_wizard_date_typed_key_by_key(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    from app.core.demo import load_demo
    from app.ui.views.wizards import WizardsView
    from tests.core.wizards.test_wizards import TODAY
    from tests.ui.wizards.test_wizards_view import click_next, fill, typed_answers

    load_demo(db, today=TODAY)
    view = WizardsView(db, today=TODAY)
    qtbot.addWidget(view)
    view.ask = lambda q: True  # type: ignore[method-assign]
    typed = typed_answers(db)
    dialog = view.start_wizard("commission")
    dialog.show()
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(view.finished, timeout=10000) as done:
        for _i in range(20):
            if not dialog.isVisible():
                break
            step = fill(dialog, typed)
            if step == "basic":
                page = dialog.currentPage()
                # typed over the date already there, after a click inside it, with a two-digit year
                type_date(qtbot, line_of(page.editors["start_date"].input), "1.7.27")
                assert page.editors["start_date"].input.text() == "01.07.2027"
            click_next(qtbot, dialog)
    with db.session() as s:
        k = s.get(Contract, done.args[0].created["contract"])
        assert k.start_date == dt.date(2027, 7, 1)
