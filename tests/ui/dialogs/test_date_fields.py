"""Issue 15, item 1: every date field takes a date typed the Polish way, key by key, into an empty
field and over an existing date after a click anywhere in it, and keeps exactly that date.
Item 2: an empty date cell does not get today's date by passing through it. Item 5: typing the end
date does not leave tranche rows for the years passed on the way."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from app.core.domain.enums import ContractForm, ContractStatus, LegalForm, RegistryType
from app.core.domain.records import OrganisationInput
from app.core.services.contracts import get_contract, list_contracts
from app.core.services.organisations import create_organisation
from app.ui.widgets.date_edit import DateEdit
from tests.ui.date_typing import bring_forward, line_of, type_date, type_in_cell

TODAY = dt.date(2025, 3, 1)

#: what a clerk types -> the date meant (15.12.2025 was saved as 15.12.2026 by the old field)
TYPED = [
    ("15.12.2025", dt.date(2025, 12, 15)),
    ("01.01.2026", dt.date(2026, 1, 1)),
    ("31.12.2028", dt.date(2028, 12, 31)),
    ("1.2.26", dt.date(2026, 2, 1)),
    ("2026-03-05", dt.date(2026, 3, 5)),
    ("5/3/2026", dt.date(2026, 3, 5)),
]


@pytest.fixture
def field(qtbot) -> DateEdit:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    host = QWidget()
    layout = QVBoxLayout(host)
    edit = DateEdit(optional=True)
    layout.addWidget(edit)
    layout.addWidget(QLineEdit())  # where Tab goes on leaving the date
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    edit.host = host  # type: ignore[attr-defined]  # keeps the window alive with the field
    return edit


@pytest.mark.parametrize(("text", "expected"), TYPED)
def test_typed_into_an_empty_field(qtbot, field, text, expected) -> None:  # type: ignore[no-untyped-def]
    type_date(qtbot, field, text)
    assert field.value() == expected
    # shown as understood: DD.MM.YYYY after leaving, and in words next to the field
    assert field.text() == expected.strftime("%d.%m.%Y")
    assert str(expected.year) in field.feedback.text()


@pytest.mark.parametrize(("text", "expected"), TYPED)
def test_typed_over_an_existing_date_after_a_click_inside_it(qtbot, field, text, expected) -> None:  # type: ignore[no-untyped-def]
    field.set_value(dt.date(2024, 7, 9))
    type_date(qtbot, field, text)
    assert field.value() == expected


def test_feedback_names_the_day_in_polish(qtbot, field) -> None:  # type: ignore[no-untyped-def]
    type_date(qtbot, field, "15.12.2025", leave=False)
    # 15 December 2025 is a Monday
    assert field.feedback.text() == "poniedziałek, 15 grudnia 2025"


def test_clearing_an_optional_date(qtbot, field) -> None:  # type: ignore[no-untyped-def]
    field.set_value(dt.date(2025, 12, 15))
    type_date(qtbot, field, "")
    assert field.value() is None and field.text() == ""


def test_a_mistake_is_kept_and_explained(qtbot, field) -> None:  # type: ignore[no-untyped-def]
    type_date(qtbot, field, "31.02.2026")
    # never silently "no date" nor 28.02: the text stays, the service refuses it with this reason
    assert field.value() == "31.02.2026" and field.date() is None
    assert field.feedback.text() == "Luty 2026 ma tylko 28 dni."  # the Polish wording is what is tested


def test_arrow_keys_move_by_a_day(qtbot, field) -> None:  # type: ignore[no-untyped-def]
    field.set_value(dt.date(2025, 12, 31))
    line = line_of(field)
    line.setFocus()
    with qtbot.waitSignal(field.changed, timeout=1000):  # the form hears it as typed
        qtbot.keyClick(line, Qt.Key.Key_Up)
    assert field.value() == dt.date(2026, 1, 1)


def test_calendar_pick(qtbot, field) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QDate

    field.set_value(dt.date(2026, 3, 5))
    line = line_of(field)
    line.setFocus()
    qtbot.keyClick(line, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = line._popup
    assert popup is not None and popup.selectedDate() == QDate(2026, 3, 5)
    with qtbot.waitSignal(field.committed, timeout=1000):  # a pick is final: rows per year follow it
        popup.clicked.emit(QDate(2026, 3, 19))
    assert field.value() == dt.date(2026, 3, 19)


# ---- the contract dialog: save, reopen, the same dates ----------------------------------------


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
    return e


def _set_cell(model, row: int, key: str, value) -> None:  # type: ignore[no-untyped-def]
    col = [c.key for c in model.columns()].index(key)
    assert model.setData(model.index(row, col), value, Qt.ItemDataRole.EditRole)


def test_contract_dates_typed_key_by_key_are_saved_and_reopened(qtbot, db, org) -> None:  # type: ignore[no-untyped-def]
    e = _editor(qtbot, db)
    qtbot.keyClicks(e.title_edit.input, "Opieka nad seniorami")
    e.form_combo.set_value(ContractForm.WSPARCIE)
    e.status.set_value(ContractStatus.ACTIVE)
    e.orgs.set_checked(org.id)
    type_date(qtbot, e.signed.input, "15.12.2025")
    type_date(qtbot, e.start.input, "01.01.2026")
    type_date(qtbot, e.end.input, "31.12.2028")
    # item 5: rows for 2026–2028 only; "31.12.20" on the way (= 2020) left none
    assert [r["budget_year"] for r in e.tranche_model.rows()] == [2026, 2027, 2028]
    for row, amount in enumerate(["100 000", "120 000", "130 000"]):
        _set_cell(e.tranche_model, row, "amount", amount)
    assert e.try_save(), (e.messages, e.general_error.text())
    [row] = list_contracts(db, today=TODAY)
    rec = get_contract(db, row.id)
    assert (rec.signed_date, rec.start_date, rec.end_date) == (
        dt.date(2025, 12, 15),
        dt.date(2026, 1, 1),
        dt.date(2028, 12, 31),
    )

    again = _editor(qtbot, db, row.id)
    assert [again.signed.raw(), again.start.raw(), again.end.raw()] == ["15.12.2025", "01.01.2026", "31.12.2028"]
    # over the stored dates, after a click inside them: a two-digit year and ISO
    type_date(qtbot, again.signed.input, "1.2.26")
    type_date(qtbot, again.start.input, "2026-03-05")
    assert again.try_save(), (again.messages, again.general_error.text())
    rec = get_contract(db, row.id)
    assert (rec.signed_date, rec.start_date) == (dt.date(2026, 2, 1), dt.date(2026, 3, 5))


def test_a_wrong_date_is_refused_with_a_message_next_to_the_field(qtbot, db, org) -> None:  # type: ignore[no-untyped-def]
    e = _editor(qtbot, db)
    qtbot.keyClicks(e.title_edit.input, "Klub seniora")
    e.orgs.set_checked(org.id)
    type_date(qtbot, e.start.input, "01.01.2026")
    type_date(qtbot, e.end.input, "31.12.2026")
    type_date(qtbot, e.signed.input, "31.11.2025")  # November has 30 days
    _set_cell(e.tranche_model, 0, "amount", "10 000")
    assert not e.try_save()
    # the Polish wording is what is tested: the field named once, then the reason
    assert e.error_text("signed_date") == "Data podpisania: Listopad 2025 ma tylko 30 dni."
    assert list_contracts(db) == []


def test_typing_the_end_date_then_changing_it_leaves_no_empty_rows(qtbot, db, org) -> None:  # type: ignore[no-untyped-def]
    e = _editor(qtbot, db)
    type_date(qtbot, e.start.input, "01.01.2026")
    type_date(qtbot, e.end.input, "31.12.2029")
    assert [r["budget_year"] for r in e.tranche_model.rows()] == [2026, 2027, 2028, 2029]
    _set_cell(e.tranche_model, 3, "amount", "5 000")  # the clerk typed into 2029
    type_date(qtbot, e.end.input, "31.12.2027")
    # 2028 was added by the dialog and is empty: gone; 2029 holds an amount: kept for the clerk
    assert [r["budget_year"] for r in e.tranche_model.rows()] == [2026, 2027, 2029]
    assert [r["year"] for r in e.contrib_model.rows()] == [2026, 2027]


# ---- item 2: the tranches table ---------------------------------------------------------------


def test_passing_through_an_empty_date_cell_keeps_it_empty(qtbot, db, org) -> None:  # type: ignore[no-untyped-def]
    e = _editor(qtbot, db)
    type_date(qtbot, e.start.input, "01.01.2026")
    type_date(qtbot, e.end.input, "31.12.2026")
    e.tabs.setCurrentIndex(1)
    view = e.tranche_editor.view
    col = [c.key for c in e.tranche_model.columns()].index("payment_date")
    index = e.tranche_model.index(0, col)
    view.setFocus()
    view.setCurrentIndex(index)
    view.edit(index)  # the editor opens (F2, a double click)
    editor = view.indexWidget(index) or e.focusWidget()
    assert editor.text() == ""  # not today's date
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # and on to the next cell
    assert e.tranche_model.rows()[0].get("payment_date") is None
    # typed into the cell key by key: the date, in the Polish way
    view.setCurrentIndex(index)
    type_in_cell(qtbot, view, "15.1.26")
    assert e.tranche_model.rows()[0]["payment_date"] == dt.date(2026, 1, 15)
    # a mistake stays as typed, in red, and the save names it
    view.setCurrentIndex(index)
    type_in_cell(qtbot, view, "32.1.2026")
    assert e.tranche_model.rows()[0]["payment_date"] == "32.1.2026"
    # the Polish wording is what is tested
    assert e.tranche_model.data(index, Qt.ItemDataRole.ToolTipRole) == "Styczeń 2026 ma tylko 31 dni."
    assert not e.try_save()
    assert "Styczeń 2026 ma tylko 31 dni." in e.tranche_model.row_error(0)
    assert list_contracts(db) == []


# ---- every record dialog: each stored date retyped key by key in another Polish form ----------


def _typings(day: dt.date) -> list[str]:
    """The same day as clerks type it: 05.03.2026, 5.3.26, 2026-03-05, 5/3/2026."""
    return [
        day.strftime("%d.%m.%Y"),
        f"{day.day}.{day.month}.{day.year % 100:02d}",
        day.isoformat(),
        f"{day.day}/{day.month}/{day.year}",
    ]


def _record_dialogs(db):  # type: ignore[no-untyped-def]
    """(name, open(id or None) -> dialog, id of a demo record that has dates)."""
    from app.core.services import contracts, cooperation, procedures, programmes
    from app.ui.dialogs.contract_children import ControlDialog, ReportDialog
    from app.ui.dialogs.cooperation import CooperationDialog
    from app.ui.dialogs.procedure import ProcedureDialog
    from app.ui.dialogs.programme import ProgrammeDialog

    contract = next(
        c for c in (contracts.get_contract(db, r.id) for r in contracts.list_contracts(db)) if c.reports and c.controls
    )
    report = next(r for r in contract.reports if r.received_date is not None)
    control = contract.controls[0]
    procedure = max(
        procedures.list_procedures(db),
        key=lambda p: sum(getattr(p, f) is not None for f in ("published_bip", "offer_deadline", "decision_date")),
    )
    return [
        ("procedure", lambda i: ProcedureDialog(db, i), procedure.id),
        ("programme", lambda i: ProgrammeDialog(db, i), programmes.list_programmes(db)[0].id),
        (
            "report",
            lambda i: ReportDialog(
                db,
                contract.id,
                contracts.get_contract(db, contract.id).reports[
                    [r.id for r in contracts.get_contract(db, contract.id).reports].index(i)
                ],
            ),
            report.id,
        ),
        (
            "control",
            lambda i: ControlDialog(
                db, contract.id, next(c for c in contracts.get_contract(db, contract.id).controls if c.id == i)
            ),
            control.id,
        ),
        (
            "cooperation",
            lambda i: CooperationDialog(db, i),
            next(c.id for c in cooperation.list_cooperation(db) if c.event_date is not None),
        ),
    ]


def _date_fields(dialog) -> dict[str, DateEdit]:  # type: ignore[no-untyped-def]
    return {name: slot.widget for name, slot in dialog._fields.items() if isinstance(slot.widget, DateEdit)}


@pytest.mark.parametrize("which", ["procedure", "programme", "report", "control", "cooperation"])
def test_every_date_of_every_dialog_retyped_and_saved(qtbot, demo_db, monkeypatch, which) -> None:  # type: ignore[no-untyped-def]
    from app.ui.widgets.form import RecordDialog

    monkeypatch.setattr(RecordDialog, "ask_confirmation", lambda self, message: True)
    refused: list[str] = []
    monkeypatch.setattr(RecordDialog, "show_message", lambda self, message: refused.append(message))
    name, open_dialog, record_id = next(d for d in _record_dialogs(demo_db) if d[0] == which)
    dialog = open_dialog(record_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    stored = {n: f.date() for n, f in _date_fields(dialog).items()}
    typed: dict[str, dt.date | None] = {}
    for i, (field, edit) in enumerate(_date_fields(dialog).items()):
        if stored[field] is None or not bring_forward(dialog, edit):
            continue
        text = _typings(stored[field])[i % 4]
        # a day later first, so only the typing can bring the stored date back
        edit.set_value(stored[field] + dt.timedelta(days=1))
        type_date(qtbot, edit, text)
        typed[field] = stored[field]
        assert edit.date() == stored[field], (field, text, edit.text())
    assert typed, "the demo record has no dates to type"
    assert dialog.try_save(), (refused, {n: dialog.error_text(n) for n in dialog._fields if dialog.error_text(n)})
    again = open_dialog(record_id)
    qtbot.addWidget(again)
    assert {n: f.date() for n, f in _date_fields(again).items() if n in typed} == typed
