"""Issue 13 item 3 and issue 15 item 6 in the contract dialog: the kind of each planned result is
chosen in the results table (empty = the unit's default, shown in grey), and the contract's unit rate
and unit are typed in the header; both are saved and shown again on reopening."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from app.core.domain.enums import ResultKind
from app.core.services.contracts import get_contract, list_contracts
from tests.ui.date_typing import type_text
from tests.ui.dialogs.test_contracts_ui import TODAY, editor, fill_header, org, set_cell  # noqa: F401 - fixture


def _column(e, key: str) -> int:  # type: ignore[no-untyped-def]
    return [c.key for c in e.result_model.columns()].index(key)


def test_kind_and_unit_rate_typed_saved_and_reopened(qtbot, db, org) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    e = editor(qtbot, db)
    fill_header(e, org.id, end=dt.date(2026, 12, 31))
    for row, amount in enumerate(["10 000", "12 000"]):
        set_cell(e.tranche_model, row, "amount", amount)
    e.unit_rate.input.setFocus()
    qtbot.keyClicks(e.unit_rate.input, "42,50")
    type_text(qtbot, e.unit_name.input, "godzina usług")
    e.result_editor.add_row()
    for key, value in (("name", "Miejsca w klubie"), ("unit", "miejsca"), ("target_value", "12")):
        set_cell(e.result_model, 0, key, value)
    kind_index = e.result_model.index(0, _column(e, "kind"))
    # empty: the unit's default, in grey
    assert e.result_model.data(kind_index) == ResultKind.STATE.label
    e.result_editor.add_row()
    for key, value in (("name", "Liczba godzin zajęć"), ("unit", "godz."), ("target_value", "800")):
        set_cell(e.result_model, 1, key, value)
    # the clerk picks "osoby" for the second row in the combo box of the cell, with the keyboard
    view = e.result_editor.view
    index = e.result_model.index(1, _column(e, "kind"))
    view.setCurrentIndex(index)
    view.edit(index)
    combo = view.indexWidget(index)
    assert isinstance(combo, QComboBox)
    assert combo.currentData() == ResultKind.FLOW.value  # starts from the grey default
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == ResultKind.PERSONS.value
    qtbot.keyClick(combo, Qt.Key.Key_Tab)  # leaving the cell commits the choice
    assert e.result_model.rows()[1]["kind"] == ResultKind.PERSONS.value
    e.ask_confirmation = lambda message: True  # type: ignore[method-assign]  # the clerk confirms the act's warnings
    assert e.try_save(), e.messages
    [row] = list_contracts(db, today=TODAY)
    rec = get_contract(db, row.id)
    assert (rec.unit_rate, rec.unit_name) == (D("42.50"), "godzina usług")
    assert [r.kind for r in rec.planned_results] == [ResultKind.STATE, ResultKind.PERSONS]
    again = editor(qtbot, db, row.id)
    assert again.unit_rate.raw() == "42,50" and again.unit_name.raw() == "godzina usług"
    assert again.result_model.rows()[0]["kind"] is None  # the unit's default stays the grey default
    assert again.result_model.rows()[1]["kind"] == ResultKind.PERSONS.value


def test_unit_rate_without_a_unit_is_refused(qtbot, db, org) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    e = editor(qtbot, db)
    fill_header(e, org.id, end=dt.date(2025, 12, 31))
    set_cell(e.tranche_model, 0, "amount", "5 000")
    qtbot.keyClicks(e.unit_rate.input, "42")
    e.ask_confirmation = lambda message: True  # type: ignore[method-assign]
    assert not e.try_save()
    assert "unit_name" in {err.field for err in e.validate(e.collect())}
    assert list_contracts(db, today=TODAY) == []
