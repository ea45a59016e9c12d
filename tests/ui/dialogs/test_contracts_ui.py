"""Contracts screens: the editable table models (qtmodeltester), adding a 3-year contract through
the editor, the 5-year and tranche-total errors, row errors on the right row, the law guard in the
dialog, unsaved-changes on Esc, and the list with its filters and overdue dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt

from app.core.domain.enums import ContractForm, ContractStatus, ContributionKind, LegalForm, RegistryType
from app.core.domain.records import ContractInput, OrganisationInput, PartyInput, ReportInput, TrancheInput
from app.core.services.contracts import create_contract, get_contract, list_contracts, save_report
from app.core.services.organisations import create_organisation
from app.ui.dialogs.contract_editor import TRANCHE_COLUMNS, ContractEditor, result_columns
from app.ui.widgets.editable_table import EditableRowsModel, row_errors

TODAY = dt.date(2025, 3, 1)


@pytest.fixture
def org(db):  # type: ignore[no-untyped-def]
    return create_organisation(
        db,
        OrganisationInput(
            name="Fundacja Przystań", legal_form=LegalForm.FUNDACJA, registry_type=RegistryType.KRS, registry_number="5"
        ),
    )


def editor(qtbot, db, contract_id=None) -> ContractEditor:  # type: ignore[no-untyped-def]
    e = ContractEditor(db, contract_id, today=TODAY)
    qtbot.addWidget(e)
    e.messages = []  # type: ignore[attr-defined]
    e.show_message = lambda m: e.messages.append(m) if m else None  # type: ignore[method-assign]
    return e


def fill_header(e: ContractEditor, org_id: int, end: dt.date = dt.date(2027, 12, 31)) -> None:
    e.number.input.setText("OR.526.9.2025")
    e.title_edit.input.setText("Usługi opiekuńcze dla seniorów")
    e.form_combo.set_value(ContractForm.WSPARCIE)
    e.status.set_value(ContractStatus.ACTIVE)
    e.start.set_value(dt.date(2025, 1, 1))
    e.end.set_value(end)
    e.orgs.set_checked(org_id)  # type: ignore[arg-type]


def set_cell(model: EditableRowsModel, row: int, key: str, value) -> None:  # type: ignore[no-untyped-def]
    col = [c.key for c in model.columns()].index(key)
    assert model.setData(model.index(row, col), value, Qt.ItemDataRole.EditRole)


# ---- models ----------------------------------------------------------------------------------


def test_tranche_model_passes_qtmodeltester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = EditableRowsModel(TRANCHE_COLUMNS, totals=True)
    model.set_rows(
        [
            {"budget_year": 2025, "amount": "100 000,00", "payment_date": dt.date(2025, 1, 20)},
            {"budget_year": 2026, "amount": "120000.50"},
        ]
    )
    qtmodeltester.check(model)
    assert model.rowCount() == 3  # two tranches and the totals row
    assert model.data(model.index(2, 1)) == "220\u00a0000,50\u00a0zł"
    assert not model.flags(model.index(2, 1)) & Qt.ItemFlag.ItemIsEditable
    # the empty use deadline shows its default: 31 December of the budget year
    assert model.data(model.index(1, 4)) == "31.12.2026"


def test_results_model_passes_qtmodeltester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = EditableRowsModel(result_columns([2025, 2026, 2027]))
    model.set_rows(
        [{"name": "Liczba seniorów", "unit": "osoby", "budget_year": 2025, "target_value": "40", "ach_2025": "36"}]
    )
    qtmodeltester.check(model)
    assert model.columnCount() == 9  # name, unit, kind, year, target, source + three achieved columns
    set_cell(model, 0, "ach_2026", "12,5")
    assert model.rows()[0]["ach_2026"] == "12,5"


def test_money_cell_is_normalised() -> None:
    model = EditableRowsModel(TRANCHE_COLUMNS, totals=True)
    model.set_rows([{"budget_year": 2025}])
    set_cell(model, 0, "amount", "1234.5")
    assert model.rows()[0]["amount"] == "1 234,50"
    set_cell(model, 0, "amount", "abc")  # kept as typed; the service names the problem
    assert model.rows()[0]["amount"] == "abc"


def test_row_errors_are_split_by_row() -> None:
    from app.core.errors import FieldError

    errs = [
        FieldError("tranches", "Transze", "Wiersz 2: Kwota musi być większa od zera."),
        FieldError("tranches", "Transze", "Brak transzy na rok: 2026."),
    ]
    rows, general = row_errors(errs, "tranches")
    assert rows == {1: "Kwota musi być większa od zera."} and general == ["Brak transzy na rok: 2026."]


# ---- the editor ------------------------------------------------------------------------------


def test_add_three_year_contract_through_the_dialog(qtbot, db, org) -> None:  # type: ignore[no-untyped-def]
    e = editor(qtbot, db)
    fill_header(e, org.id)
    # the period creates one tranche row per budget year
    assert [r["budget_year"] for r in e.tranche_model.rows()] == [2025, 2026, 2027]
    assert "3 lata budżetowe" in e.period_label.text()
    for row, amount in enumerate(["100 000", "120000,50", "130 000"]):
        set_cell(e.tranche_model, row, "amount", amount)
    set_cell(e.tranche_model, 0, "payment_date", dt.date(2025, 1, 20))
    set_cell(e.contrib_model, 0, ContributionKind.PERSONAL.value, "8 000")
    e.result_editor.add_row()
    for key, value in (
        ("name", "Liczba seniorów"),
        ("unit", "osoby"),
        ("budget_year", "2025"),
        ("target_value", "40"),
        ("source", "listy obecności"),
        ("ach_2025", "36"),
    ):
        set_cell(e.result_model, 0, key, value)
    assert "350\u00a0000,50" in e.tranche_sum.text()
    assert e.try_save(), e.messages
    [row] = list_contracts(db, today=TODAY)
    rec = get_contract(db, row.id)
    assert rec.years == (2025, 2026, 2027) and rec.organisation_names == "Fundacja Przystań"
    assert [t.amount for t in rec.tranches] == [D("100000.00"), D("120000.50"), D("130000.00")]
    assert rec.total_grant == D("350000.50")
    assert rec.tranches[0].payment_date == dt.date(2025, 1, 20)
    assert rec.tranches[2].use_deadline == dt.date(2027, 12, 31)  # the grey default was applied
    assert rec.own_contribution_by_kind == {ContributionKind.PERSONAL: D("8000.00")}
    [result] = rec.planned_results
    assert (result.name, result.budget_year, result.target_value, result.achieved) == (
        "Liczba seniorów",
        2025,
        D("40"),
        {2025: D("36")},
    )


def test_more_than_five_years_shows_the_message_and_does_not_save(qtbot, db, org) -> None:  # type: ignore[no-untyped-def]
    e = editor(qtbot, db)
    fill_header(e, org.id, end=dt.date(2030, 6, 30))
    assert "więcej niż 5 lat" in e.period_label.text()
    assert not e.try_save()
    msg = e.error_text("end_date")
    assert "5 lat" in msg and "31.12.2029" in msg
    assert e.is_invalid("end_date")
    assert list_contracts(db) == []


def test_tranches_not_adding_up(qtbot, db, org) -> None:  # type: ignore[no-untyped-def]
    e = editor(qtbot, db)
    fill_header(e, org.id)
    e.planned_total.input.setText("400 000")
    for row in range(3):
        set_cell(e.tranche_model, row, "amount", "100 000")
    assert "różni się" in e.tranche_sum.text()
    assert not e.try_save()
    msg = e.error_text("tranches")
    assert "300\u00a0000,00" in msg and "400\u00a0000,00" in msg and "100\u00a0000,00" in msg
    assert list_contracts(db) == []
    # "Rozłóż równo na lata": 400 000 / 3 → 133 333,34 + 2 × 133 333,33
    e.split_button.click()
    assert [r["amount"] for r in e.tranche_model.rows()] == ["133 333,34", "133 333,33", "133 333,33"]
    set_cell(e.contrib_model, 0, ContributionKind.FINANCIAL.value, "1 000")
    assert e.try_save(), e.messages
    assert list_contracts(db, today=TODAY)[0].total_amount == D("400000.00")


def test_a_bad_row_is_marked_on_its_row(qtbot, db, org) -> None:  # type: ignore[no-untyped-def]
    e = editor(qtbot, db)
    fill_header(e, org.id)
    for row, amount in enumerate(["100 000", "-5", "100 000"]):
        set_cell(e.tranche_model, row, "amount", amount)
    assert not e.try_save()
    assert e.tranche_model.row_error(1) and not e.tranche_model.row_error(0)
    assert e.tranche_model.data(e.tranche_model.index(1, 1), Qt.ItemDataRole.BackgroundRole) is not None


def test_law_error_refuses_and_warning_asks(qtbot, db, org) -> None:  # type: ignore[no-untyped-def]
    e = editor(qtbot, db)
    fill_header(e, org.id, end=dt.date(2026, 12, 31))
    set_cell(e.tranche_model, 0, "amount", "10 000")
    set_cell(e.tranche_model, 1, "amount", "10 000")
    # UMW-3: the 2025 grant used until January 2026 (art. 221 ust. 3 u.f.p.)
    set_cell(e.tranche_model, 0, "use_deadline", dt.date(2026, 1, 15))
    assert not e.try_save()
    assert "UMW-3" in e.messages[-1] and "art. 221 ust. 3" in e.messages[-1]
    assert list_contracts(db) == []
    set_cell(e.tranche_model, 0, "use_deadline", None)
    # UMW-2: wsparcie without own contribution is a warning: the clerk is asked
    questions: list[str] = []
    e.ask_confirmation = lambda text: questions.append(text) or False  # type: ignore[method-assign]
    assert not e.try_save() and "Zapisać mimo to?" in questions[-1]
    assert list_contracts(db) == []
    e.ask_confirmation = lambda text: True  # type: ignore[method-assign]
    assert e.try_save()
    assert len(list_contracts(db)) == 1


def test_esc_with_changes_asks(qtbot, db, org, unsaved_answers) -> None:  # type: ignore[no-untyped-def]
    from app.ui.widgets.unsaved import Leave

    e = editor(qtbot, db)
    e.show()
    e.title_edit.input.setText("Coś")
    unsaved_answers.answers.append(Leave.CANCEL)  # "Anuluj": back to the form, nothing lost
    qtbot.keyClick(e, Qt.Key.Key_Escape)
    assert len(unsaved_answers) == 1 and e.isVisible() and e.title_edit.input.text() == "Coś"
    qtbot.keyClick(e, Qt.Key.Key_Escape)  # "Odrzuć"
    assert not e.isVisible()


def test_editing_keeps_the_stored_contract(qtbot, db, org) -> None:  # type: ignore[no-untyped-def]
    rec = create_contract(
        db,
        ContractInput(
            number="OR.1",
            title="Świetlica",
            start_date=dt.date(2025, 1, 1),
            end_date=dt.date(2026, 12, 31),
            parties=[PartyInput(org.id)],
            tranches=[
                TrancheInput(2025, "10 000", paid_date=dt.date(2025, 2, 1), used_amount="9 000"),
                TrancheInput(2026, "12 000"),
            ],
        ),
    )
    save_report(db, rec.id, ReportInput(budget_year=2025, due_date=dt.date(2026, 1, 30)))
    e = editor(qtbot, db, rec.id)
    assert not e.is_dirty()
    assert e.report_model.rowCount() == 1 and e.summary_model.rowCount() == 2
    e.title_edit.input.setText("Świetlica środowiskowa")
    e.ask_confirmation = lambda text: True  # type: ignore[method-assign]
    assert e.try_save(), e.messages
    after = get_contract(db, rec.id)
    assert after.title == "Świetlica środowiskowa"
    assert after.tranches[0].used_amount == D("9000.00")  # a field the grid does not show survived
    assert len(after.reports) == 1


# ---- the list --------------------------------------------------------------------------------


def test_list_filters_and_overdue(qtbot, db, org) -> None:  # type: ignore[no-untyped-def]
    from app.ui.views.contracts import ContractsView

    late = create_contract(
        db,
        ContractInput(
            number="A/1",
            title="Opieka",
            status=ContractStatus.ACTIVE,
            start_date=dt.date(2024, 1, 1),
            end_date=dt.date(2025, 12, 31),
            parties=[PartyInput(org.id)],
            tranches=[TrancheInput(2024, "1 000"), TrancheInput(2025, "1 000")],
        ),
    )
    save_report(db, late.id, ReportInput(budget_year=2024, due_date=dt.date(2025, 1, 30)))  # not received
    create_contract(
        db,
        ContractInput(
            number="B/2",
            title="Sport",
            start_date=dt.date(2026, 1, 1),
            end_date=dt.date(2026, 12, 31),
            parties=[PartyInput(org.id)],
            tranches=[TrancheInput(2026, "500")],
        ),
    )
    view = ContractsView(db, today=TODAY)
    qtbot.addWidget(view)
    assert view.proxy.rowCount() == 2
    row = view.model.row_of_id(late.id)
    due = view.model.data(view.model.index(row, 6))
    assert due == "30.01.2025"
    assert view.model.data(view.model.index(row, 6), Qt.ItemDataRole.ForegroundRole) is not None
    view.set_filters(year=2026)
    assert view.visible_ids() == [view.model.rows()[view.model.row_of_id(late.id) ^ 1].id]
    view.set_filters(year=None, status=ContractStatus.ACTIVE)
    assert view.visible_ids() == [late.id]
    view.set_filters()
    view.open_record(late.id)
    assert isinstance(view.current_dialog, ContractEditor)
    view.current_dialog.reject()


def test_print_contract_card(qtbot, db, org, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QDesktopServices

    rec = create_contract(
        db,
        ContractInput(
            number="OR.7",
            title="Klub seniora",
            start_date=dt.date(2025, 1, 1),
            end_date=dt.date(2026, 12, 31),
            parties=[PartyInput(org.id)],
            tranches=[TrancheInput(2025, "10 000"), TrancheInput(2026, "12 000")],
        ),
    )
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    e = editor(qtbot, db, rec.id)
    e.print_button.click()
    assert e.messages == [] and len(opened) == 1
    with open(opened[0], "rb") as fh:
        assert fh.read(5) == b"%PDF-"


def test_report_dialog_says_where_achieved_results_go(qtbot, db, org) -> None:  # type: ignore[no-untyped-def]
    """QA: the report dialog has no field for achieved result values; it now names where they are entered."""
    from app.ui.dialogs.contract_children import ReportDialog

    e = editor(qtbot, db)
    fill_header(e, org.id)
    for row in range(3):
        set_cell(e.tranche_model, row, "amount", "10 000")
    e.ask_confirmation = lambda _m: True  # type: ignore[method-assign]
    assert e.try_save(), e.messages
    dialog = ReportDialog(db, e.saved_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.results_note.isVisible()
    # the wrapped art. 18 hint under "Data doręczenia wezwania" is not cut off (it was, by a few pixels)
    from PySide6.QtWidgets import QLabel

    [hint] = [label for label in dialog.findChildren(QLabel) if label.text().startswith("Sprawozdanie częściowe:")]
    assert hint.height() >= hint.heightForWidth(hint.width())
    assert dialog.results_note.text() == (
        "Osiągniętych wartości rezultatów nie wpisuje się tutaj: wpisz je dla każdego roku budżetowego w edytorze "
        "umowy, karta „Zakładane rezultaty”, kolumna „Osiągnięto (rok)”."
    )


def test_next_date_is_the_earliest_date_still_coming(qtbot, db, org) -> None:  # type: ignore[no-untyped-def]
    """ "Najbliższy termin" is the Pulpit's next date, not the end of the contract: the unpaid tranche
    when it comes first, the report when that comes first; a draft's tranches are no payment dates yet,
    so a draft shows its end (the list used its own rule before and showed the draft's tranche)."""
    from app.ui.views.contracts import ContractsView

    today = dt.date(2025, 3, 1)
    signed = create_contract(
        db,
        ContractInput(
            number="C/1",
            title="Opieka",
            status=ContractStatus.ACTIVE,
            start_date=dt.date(2025, 1, 1),
            end_date=dt.date(2027, 12, 31),
            parties=[PartyInput(org.id)],
            tranches=[
                TrancheInput(2025, "1 000", payment_date=dt.date(2025, 1, 20), paid_date=dt.date(2025, 1, 20)),
                TrancheInput(2026, "1 000", payment_date=dt.date(2026, 1, 20)),
                TrancheInput(2027, "1 000", payment_date=dt.date(2027, 1, 20)),
            ],
        ),
    )
    save_report(db, signed.id, ReportInput(budget_year=2025, due_date=dt.date(2026, 1, 30)))
    draft = create_contract(
        db,
        ContractInput(
            number="D/2",
            title="Sport",
            status=ContractStatus.DRAFT,
            start_date=dt.date(2026, 1, 1),
            end_date=dt.date(2026, 12, 31),
            parties=[PartyInput(org.id)],
            tranches=[TrancheInput(2026, "500", payment_date=dt.date(2026, 4, 15))],
        ),
    )
    view = ContractsView(db, today=today)
    qtbot.addWidget(view)
    view.resize(1366, 700)

    def cell(contract_id: int, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        return view.model.data(view.model.index(view.model.row_of_id(contract_id), 6), role)

    # 20.01.2025 paid; next: tranche 20.01.2026 < report 30.01.2026 < end 31.12.2027
    assert cell(signed.id) == "20.01.2026"
    assert cell(signed.id, Qt.ItemDataRole.ToolTipRole) == "wypłata transzy (2026)"
    assert cell(draft.id) == "31.12.2026"
    assert cell(draft.id, Qt.ItemDataRole.ToolTipRole) == "zakończenie umowy"
    view.grab().save("/tmp/screens2-contracts.png")
    # the 2026 tranche paid: the report (30.01.2026) comes before the 2027 tranche (20.01.2027)
    from sqlalchemy import update

    from app.core.db.models import Tranche

    with db.session() as s:
        s.execute(
            update(Tranche)
            .where(Tranche.contract_id == signed.id, Tranche.budget_year == 2026)
            .values(paid_date=dt.date(2026, 1, 10))
        )
    view.refresh()
    assert cell(signed.id) == "30.01.2026"
    assert cell(signed.id, Qt.ItemDataRole.ToolTipRole) == "sprawozdanie roczne – termin"


def test_budget_classification_typed_in_the_editor(qtbot, db, org) -> None:  # type: ignore[no-untyped-def]
    """Issue 14: dział and rozdział are typed key by key, a rozdział of another dział is refused naming the
    field, and the corrected pair is stored as typed."""
    e = editor(qtbot, db)
    asked: list[str] = []
    e.ask_confirmation = lambda m: asked.append(m) or True  # type: ignore[method-assign]  # law warnings: yes
    fill_header(e, org.id, end=dt.date(2025, 12, 31))
    set_cell(e.tranche_model, 0, "amount", "10 000")
    qtbot.keyClicks(e.division.input, "852")
    qtbot.keyClicks(e.chapter.input, "92109")
    assert not e.try_save()
    assert "852" in e.error_text("budget_chapter") and e.is_invalid("budget_chapter")
    assert list_contracts(db) == []
    e.chapter.input.clear()
    qtbot.keyClicks(e.chapter.input, "85228")
    assert e.try_save(), e.messages
    [row] = list_contracts(db, today=TODAY)
    rec = get_contract(db, row.id)
    assert (rec.budget_division, rec.budget_chapter) == ("852", "85228")
    again = editor(qtbot, db, row.id)
    assert (again.division.raw(), again.chapter.raw()) == ("852", "85228")
