"""Issue 15, items 3 and 4: "315.450" is 315 450 zł as a Polish clerk means it and is shown so,
"1,500" is asked about, and the contract's planned total is stored and shown on reopening."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.core.domain.enums import LegalForm, RegistryType
from app.core.domain.records import OrganisationInput
from app.core.i18n import _, format_money
from app.core.services.contracts import get_contract, list_contracts
from app.core.services.organisations import create_organisation
from tests.ui.date_typing import type_date, type_in_cell

TODAY = dt.date(2025, 3, 1)


@pytest.fixture
def org(db):  # type: ignore[no-untyped-def]
    return create_organisation(
        db,
        OrganisationInput(
            name="Fundacja Przystań", legal_form=LegalForm.FUNDACJA, registry_type=RegistryType.KRS, registry_number="5"
        ),
    )


def _editor(qtbot, db, contract_id=None):  # type: ignore[no-untyped-def]
    from app.ui.dialogs.contract_editor import ContractEditor

    e = ContractEditor(db, contract_id, today=TODAY)
    qtbot.addWidget(e)
    e.messages = []  # type: ignore[attr-defined]
    e.show_message = lambda m: e.messages.append(m) if m else None  # type: ignore[method-assign]
    e.ask_confirmation = lambda m: True  # type: ignore[method-assign]
    e.show()
    qtbot.waitExposed(e)
    e.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is e, timeout=3000)
    return e


def _type(qtbot, edit, text: str) -> None:  # type: ignore[no-untyped-def]
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)


def test_planned_total_typed_with_a_thousands_dot_is_stored_and_shown_again(qtbot, db, org) -> None:  # type: ignore[no-untyped-def]
    e = _editor(qtbot, db)
    qtbot.keyClicks(e.title_edit.input, "Klub seniora")
    e.orgs.set_checked(org.id)
    type_date(qtbot, e.start.input, "01.01.2025")
    type_date(qtbot, e.end.input, "31.12.2026")
    e.tabs.setCurrentIndex(1)
    _type(qtbot, e.planned_total.input, "315.450")
    # understood as 315 450 zł and shown so at once (it was read as 315,45 zł)
    assert e.planned_total.input.text() == "315 450,00"
    view = e.tranche_editor.view
    view.setFocus()
    view.setCurrentIndex(e.tranche_model.index(0, 1))
    type_in_cell(qtbot, view, "150.000")
    view.setCurrentIndex(e.tranche_model.index(1, 1))
    type_in_cell(qtbot, view, "165.450")
    assert [r["amount"] for r in e.tranche_model.rows()] == ["150 000,00", "165 450,00"]
    assert e.try_save(), (e.messages, e.general_error.text())
    [row] = list_contracts(db, today=TODAY)
    rec = get_contract(db, row.id)
    assert rec.planned_total == D("315450.00")  # 150 000 + 165 450
    # reopened: the planned total is there (it showed 0,00) and still checks the tranches
    again = _editor(qtbot, db, row.id)
    assert again.planned_total.raw() == "315 450,00"
    # no "differs" warning: the tranches add up to the planned total
    assert again.tranche_sum.text() == _("Sum of the tranches: {sum}").format(sum=format_money(D("315450.00")))
    again.tabs.setCurrentIndex(1)
    view = again.tranche_editor.view
    view.setFocus()
    view.setCurrentIndex(again.tranche_model.index(1, 1))
    type_in_cell(qtbot, view, "165 000")
    # 150 000,00 + 165 000,00 = 315 000,00; 315 450,00 − 315 000,00 = 450,00
    assert again.tranche_sum.text() == (
        _("Sum of the tranches: {sum}").format(sum=format_money(D("315000.00")))
        + " – "
        + _("differs from the planned total by {diff}").format(diff=format_money(D("450.00")))
    )
    assert not again.try_save()
    assert get_contract(db, row.id).tranches[1].amount == D("165450.00")


def test_an_ambiguous_amount_is_asked_about(qtbot, db, org) -> None:  # type: ignore[no-untyped-def]
    e = _editor(qtbot, db)
    e.tabs.setCurrentIndex(1)
    _type(qtbot, e.planned_total.input, "1,500")
    assert e.planned_total.input.text() == "1,500"  # kept as typed, not turned into 1,50
    assert not e.try_save()
    # the Polish wording is what is tested: the field, what was typed and both readings
    assert e.error_text("planned_total") == (
        "Planowana łączna kwota dotacji: „1,500” można odczytać na dwa "
        "sposoby: wpisz 1\u00a0500,00 (tysiące) albo 1,50 (złote i grosze)."
    )


def test_negative_difference_is_written_with_a_minus_sign(qtbot, db, org) -> None:  # type: ignore[no-untyped-def]
    e = _editor(qtbot, db)
    type_date(qtbot, e.start.input, "01.01.2025")
    type_date(qtbot, e.end.input, "31.12.2025")
    e.tabs.setCurrentIndex(1)
    _type(qtbot, e.planned_total.input, "1000")
    view = e.tranche_editor.view
    view.setFocus()
    view.setCurrentIndex(e.tranche_model.index(0, 1))
    type_in_cell(qtbot, view, "1200")
    # 1 000,00 − 1 200,00 = −200,00: a real minus sign (U+2212), as babel writes it, not a hyphen
    assert "\u2212200,00" in e.tranche_sum.text()
