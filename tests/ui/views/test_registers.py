"""Register screens: table model (qtmodeltester), Polish sorting, adding / editing / deleting an
organisation through the dialog, and the other registers on the demo gmina."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.core.demo import load_demo
from app.core.domain.enums import LegalForm, RegistryType, WkusArea
from app.core.domain.records import OrganisationInput
from app.core.services import organisations, procedures, programmes, tasks
from app.ui.widgets.table_model import Column, ColumnKind, IdRole, PolishSortProxy, RowTableModel, SortRole

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def confirmations(monkeypatch):
    """No modal question box may block a test: record the questions and answer "yes"."""
    from app.ui.widgets.form import RecordDialog

    asked: list[str] = []
    monkeypatch.setattr(RecordDialog, "ask_confirmation", lambda self, message: asked.append(message) or True)
    monkeypatch.setattr(RecordDialog, "show_message", lambda self, message: asked.append("!" + message))
    return asked


@pytest.fixture
def demo(db):
    summary = load_demo(db, today=TODAY)
    return db, summary


@dataclass(frozen=True)
class Row:
    id: int
    name: str
    amount: Decimal | None
    day: dt.date | None


def _model(rows: list[Row]) -> tuple[RowTableModel[Row], PolishSortProxy]:
    model: RowTableModel[Row] = RowTableModel(
        [
            Column("Name", lambda r: r.name),
            Column("Amount", lambda r: r.amount, kind=ColumnKind.MONEY),
            Column("Date", lambda r: r.day, kind=ColumnKind.DATE),
        ]
    )
    model.set_rows(rows)
    proxy = PolishSortProxy()
    proxy.setSourceModel(model)
    return model, proxy


def _column(proxy: PolishSortProxy, col: int) -> list[str]:
    return [proxy.index(r, col).data() for r in range(proxy.rowCount())]


# ---- model and proxy ---------------------------------------------------------------------------


def test_row_table_model_passes_qtmodeltester_with_demo_rows(qtbot, qtmodeltester, demo) -> None:
    from app.ui.views.organisations import OrganisationsView

    db, summary = demo
    view = OrganisationsView(db)
    rows = organisations.list_organisations(db)
    assert len(rows) == summary.organisations == 41
    model = RowTableModel(view.columns())
    model.set_rows(rows)
    qtmodeltester.check(model, force_py=True)
    proxy = PolishSortProxy()
    proxy.setSourceModel(model)
    proxy.sort(0)
    qtmodeltester.check(proxy, force_py=True)
    view.deleteLater()


def test_polish_collation_in_proxy(qapp) -> None:
    names = ["Żabka", "Zebra", "Lis", "Sowa", "Łoś", "Źródło", "Śliwa", "Mysz", "ćma", "Cis", "Ala", "Ąkla"]
    _m, proxy = _model([Row(i, n, None, None) for i, n in enumerate(names)])
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert _column(proxy, 0) == [
        "Ala",
        "Ąkla",
        "Cis",
        "ćma",
        "Lis",
        "Łoś",
        "Mysz",
        "Sowa",
        "Śliwa",
        "Zebra",
        "Źródło",
        "Żabka",
    ]
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert _column(proxy, 0)[0] == "Żabka"


def test_money_and_dates_are_formatted_but_sorted_by_value(qapp) -> None:
    rows = [
        Row(1, "a", Decimal("1234.50"), dt.date(2025, 12, 31)),
        Row(2, "b", Decimal("9.00"), dt.date(2026, 1, 2)),
        Row(3, "c", Decimal("10.00"), dt.date(2024, 5, 1)),
        Row(4, "d", None, None),
    ]
    model, proxy = _model(rows)
    assert model.index(0, 1).data() == "1\u00a0234,50\u00a0zł"
    assert model.index(0, 2).data() == "31.12.2025"
    assert model.index(3, 1).data() == "—"
    assert model.index(0, 1).data(SortRole) == 1234.5
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 0).data(IdRole) for r in range(4)] == [2, 3, 1, 4]  # empty last
    proxy.sort(2, Qt.SortOrder.AscendingOrder)
    assert _column(proxy, 2) == ["1.05.2024", "31.12.2025", "2.01.2026", "—"]
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Kwota"
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight


def test_row_styles_tick_boxes_and_header_tooltips(qapp) -> None:
    """The read-only tables that were QTableWidgets need bold rows, a background per row, a tick box
    to choose rows and a header tooltip; the cells stay read-only."""
    from PySide6.QtGui import QColor

    from app.ui.widgets.table_model import read_only_view

    pink = QColor(253, 226, 226)
    columns = [
        Column(
            "Name",
            lambda r: r.name,
            bold=lambda r: r.id == 1,
            background=lambda r: pink if r.id == 2 else None,
            foreground=lambda r: QColor("#000000") if r.id == 2 else None,
        ),
        Column("Amount", lambda r: r.amount, kind=ColumnKind.MONEY, header_tooltip="kwota brutto"),
    ]
    model: RowTableModel[Row] = RowTableModel(columns, checkable=True)
    rows = [Row(1, "a", Decimal("1.00"), None), Row(2, "b", None, None), Row(3, "c", None, None)]
    model.set_rows(rows)
    font = model.index(0, 0).data(Qt.ItemDataRole.FontRole)
    assert font.bold() and model.index(1, 0).data(Qt.ItemDataRole.FontRole) is None
    assert model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole).color() == pink
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) == QColor("#000000")
    assert model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "kwota brutto"
    # every row starts ticked; unticking one leaves the other two, and text cannot be changed
    assert model.checked_rows() == rows
    assert model.setData(model.index(1, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.index(1, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.checked_rows() == [rows[0], rows[2]]
    assert not model.setData(model.index(0, 0), "x", Qt.ItemDataRole.EditRole)
    assert not model.flags(model.index(0, 1)) & Qt.ItemFlag.ItemIsUserCheckable
    model.set_rows(rows)  # new rows: all ticked again
    assert model.checked_rows() == rows
    view = read_only_view(model, "Wiersze")
    assert view.accessibleName() == "Wiersze" and view.verticalHeader().isHidden()
    view.deleteLater()


def test_search_is_case_insensitive_over_all_columns(qapp) -> None:
    _m, proxy = _model([Row(1, "Fundacja Łąka", Decimal("5"), None), Row(2, "Klub Sportowy", Decimal("7"), None)])
    proxy.set_search_text("łĄKA")
    assert proxy.rowCount() == 1 and proxy.index(0, 0).data(IdRole) == 1
    proxy.set_search_text("7,00")  # matches the formatted amount
    assert proxy.rowCount() == 1 and proxy.index(0, 0).data(IdRole) == 2
    proxy.set_search_text("klub sport")  # every word somewhere in the row
    assert proxy.rowCount() == 1
    proxy.set_search_text("")
    assert proxy.rowCount() == 2


# ---- organisations through the GUI --------------------------------------------------------------


def _activate(qtbot, window) -> None:
    """Make `window` the active window (offscreen Qt does not do it on show); shortcuts and focus
    changes only work in the active window."""
    window.activateWindow()
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)


def _type(qtbot, widget, text: str) -> None:
    """Replace the field's text key by key, as a clerk types (QTest cannot type Polish letters)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


def test_add_organisation_through_dialog(qtbot, db) -> None:
    from app.ui.views.organisations import OrganisationsView

    view = OrganisationsView(db)
    qtbot.addWidget(view)
    view.show()
    assert view.count_label.text() == "0 organizacji"
    assert view.empty_label.isVisibleTo(view)

    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    dialog = view.current_dialog
    assert dialog is not None and dialog.isVisible()
    _activate(qtbot, dialog)
    _type(qtbot, dialog.name.input, "Stowarzyszenie „Łąka”")
    dialog.legal_form.set_value(LegalForm.STOWARZYSZENIE)
    dialog.registry_type.set_value(RegistryType.KRS)
    _type(qtbot, dialog.registry_number.input, "123456")
    qtbot.keyClick(dialog.registry_number.input, Qt.Key.Key_Tab)  # leaving the field normalises KRS
    assert dialog.registry_number.raw() == "0000123456"
    _type(qtbot, dialog.nip.input, "856-734-62-16")  # wrong check digit (domain.md §8.1)
    # validated as you type: red field and a message naming the field
    qtbot.waitUntil(lambda: dialog.error_text("nip") != "", timeout=2000)
    assert dialog.error_text("nip").startswith("NIP: ")
    assert "cyfrę kontrolną" in dialog.error_text("nip")
    assert dialog.is_invalid("nip")
    assert not dialog.is_invalid("name")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # not closed, nothing saved
    assert organisations.list_organisations(db) == []

    _type(qtbot, dialog.nip.input, "PL 856-734-62-15")
    dialog.areas.list.set_checked(WkusArea.SOC.value)
    dialog.areas.list.set_checked(WkusArea.EDU.value)
    dialog.spheres.list.set_checked("1a")
    qtbot.waitUntil(lambda: dialog.error_text("nip") == "", timeout=2000)
    assert not dialog.is_invalid("nip")
    _type(qtbot, dialog.city.input, "Kraśnik")
    qtbot.keyClick(dialog.city.input, Qt.Key.Key_Return)  # Enter saves
    assert not dialog.isVisible()
    assert view.current_dialog is None

    rows = organisations.list_organisations(db)
    assert len(rows) == 1
    stored = organisations.get_organisation(db, rows[0].id)
    assert stored.name == "Stowarzyszenie „Łąka”"
    assert stored.nip == "8567346215"
    assert stored.registry_number == "0000123456"
    assert stored.legal_form is LegalForm.STOWARZYSZENIE
    assert stored.areas == (WkusArea.EDU, WkusArea.SOC)
    assert stored.spheres == ("1a",)
    assert stored.city == "Kraśnik"
    assert view.count_label.text() == "1 organizacja"
    assert view.selected_id() == stored.id
    assert view.table.isVisible() and not view.empty_label.isVisibleTo(view)


def test_required_fields_and_escape_cancels(qtbot, db) -> None:
    from app.ui.views.organisations import OrganisationsView

    view = OrganisationsView(db)
    qtbot.addWidget(view)
    view.show()
    view.add_record()
    dialog = view.current_dialog
    qtbot.keyClick(dialog.name.input, Qt.Key.Key_Return)  # empty form: every required field is named
    assert dialog.isVisible()
    assert dialog.error_text("name") == "Nazwa: To pole jest wymagane."
    assert dialog.error_text("legal_form").startswith("Forma prawna: ")
    assert dialog.focusWidget() is dialog.name.input
    _type(qtbot, dialog.name.input, "Fundacja")
    qtbot.keyClick(dialog.name.input, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert organisations.list_organisations(db) == []


def test_duplicate_nip_from_the_service_is_shown_on_the_field(qtbot, db) -> None:
    from app.ui.dialogs.organisation import OrganisationDialog

    organisations.create_organisation(
        db,
        OrganisationInput(
            name="Pierwsza",
            legal_form=LegalForm.FUNDACJA,
            registry_type=RegistryType.KRS,
            registry_number="1",
            nip="5260250274",
        ),
    )
    dialog = OrganisationDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    _type(qtbot, dialog.name.input, "Druga")
    dialog.legal_form.set_value(LegalForm.FUNDACJA)
    dialog.registry_type.set_value(RegistryType.INNY)
    _type(qtbot, dialog.nip.input, "526-025-02-74")
    assert dialog.try_save() is False
    assert dialog.error_text("nip") == "NIP: Ten NIP ma już inna organizacja: Pierwsza."
    assert len(organisations.list_organisations(db)) == 1


def test_edit_and_delete_organisation(qtbot, demo, monkeypatch) -> None:
    from app.ui.views.organisations import OrganisationsView

    db, _summary = demo
    view = OrganisationsView(db)
    qtbot.addWidget(view)
    view.show()
    assert view.count_label.text() == "41 organizacji"
    rows = organisations.list_organisations(db)
    free = next(r for r in rows if r.contracts_count == 0)
    busy = next(r for r in rows if r.contracts_count > 0)

    # edit: Enter on the selected row opens the editor; change the city; Enter saves
    changed = []
    view.data_changed.connect(lambda: changed.append(True))
    assert view.select_id(free.id)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    dialog = view.current_dialog
    assert dialog is not None and dialog.name.raw() == free.name
    dialog.tabs.setCurrentIndex(1)
    _type(qtbot, dialog.city.input, "Nowe Miasto")
    qtbot.keyClick(dialog.city.input, Qt.Key.Key_Enter)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert organisations.get_organisation(db, free.id).city == "Nowe Miasto"
    assert changed == [True]
    assert view.selected_id() == free.id

    # delete with the Delete key after confirming
    asked: list[str] = []
    monkeypatch.setattr(view, "ask", lambda q: asked.append(q) or True)
    errors: list[str] = []
    monkeypatch.setattr(view, "show_error", errors.append)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert asked and free.name in asked[0]
    assert free.id not in [r.id for r in organisations.list_organisations(db)]
    assert view.count_label.text() == "40 organizacji"

    # an organisation that is a party to contracts is refused with a message, not deleted
    view.select_id(busy.id)
    view.delete_selected()
    assert len(errors) == 1 and busy.name in errors[0]
    assert organisations.get_organisation(db, busy.id).id == busy.id


def test_search_box_and_ctrl_f(qtbot, demo) -> None:
    from app.ui.views.organisations import OrganisationsView

    db, _summary = demo
    view = OrganisationsView(db)
    qtbot.addWidget(view)
    view.show()
    _activate(qtbot, view)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search.hasFocus()
    _type(qtbot, view.search, "ochotnicza straż")
    osp = [r for r in organisations.list_organisations(db) if r.name.startswith("Ochotnicza Straż Pożarna")]
    assert view.proxy.rowCount() == len(osp) > 0
    assert view.count_label.text() == f"{len(osp)} z 41 organizacji"
    qtbot.keyClick(view.search, Qt.Key.Key_Down)
    assert view.table.hasFocus() and view.selected_id() == view.visible_ids()[0]
    view.search.setText("nie ma takiej")
    assert view.proxy.rowCount() == 0 and "nie ma takiej" in view.empty_label.text()


def test_organisation_names_sorted_polish(qtbot, demo) -> None:
    from app.ui.views.organisations import OrganisationsView

    db, _summary = demo
    view = OrganisationsView(db)
    qtbot.addWidget(view)
    names = [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())]
    assert names[:2] == ["Cech Rzemiosł Różnych w Przykładowie", "Fundacja „Dobry Start”"]
    # "Ludowy…" (L) before "Ochotnicza…" (O); Polish order, not code points
    from PySide6.QtCore import QCollator, QLocale

    collator = QCollator(QLocale("pl_PL"))
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    collator.setNumericMode(True)
    assert names == sorted(names, key=collator.sortKey)


# ---- the other registers on the demo gmina --------------------------------------------------------


@pytest.mark.parametrize(
    "module, cls, entity, count_msg",
    [
        ("app.ui.views.tasks", "TasksView", "task", "{n} zadań publicznych"),
        ("app.ui.views.programmes", "ProgrammesView", "programme", "{n} programów"),
        ("app.ui.views.procedures", "ProceduresView", "procedure", "{n} postępowań"),
    ],
)
def test_other_registers_open_on_demo(qtbot, demo, module, cls, entity, count_msg) -> None:
    import importlib

    db, summary = demo
    view = getattr(importlib.import_module(module), cls)(db)
    qtbot.addWidget(view)
    view.show()
    expected = {"task": summary.tasks, "programme": summary.programmes, "procedure": summary.procedures}[entity]
    assert (summary.tasks, summary.programmes, summary.procedures) == (15, 7, 22)
    assert view.model.rowCount() == expected
    assert view.entity == entity
    view.table.selectRow(0)
    view.edit_selected()
    dialog = view.current_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reject()
    assert view.current_dialog is None
    if expected not in (15, 22) or count_msg.startswith("{n} prog"):
        pass
    text = view.count_label.text()
    assert text.startswith(str(expected)) and " " in text


def test_programme_dialog_shows_priorities_and_total(qtbot, demo) -> None:
    from app.ui.dialogs.programme import ProgrammeDialog

    db, _summary = demo
    row = programmes.list_programmes(db)[0]
    record = programmes.get_programme(db, row.id)
    dialog = ProgrammeDialog(db, row.id)
    qtbot.addWidget(dialog)
    assert dialog.priorities.model.row_count() == len(record.priorities) > 0
    assert dialog.priorities.total() == record.priorities_total
    # saving unchanged data keeps the priorities and amounts
    assert dialog.try_save()
    again = programmes.get_programme(db, row.id)
    assert [(p.year, p.title, p.area, p.planned_amount) for p in again.priorities] == [
        (p.year, p.title, p.area, p.planned_amount) for p in record.priorities
    ]
    assert again.filled_elements == record.filled_elements


def test_programme_year_outside_range_names_the_row(qtbot, db, confirmations) -> None:
    from app.ui.dialogs.programme import ProgrammeDialog

    dialog = ProgrammeDialog(db, default_year=2027)
    qtbot.addWidget(dialog)
    dialog.priorities.model.add_row(
        {"year": 2026, "title": "Pomoc społeczna", "area": WkusArea.SOC.value, "planned_amount": "1 000,50"}
    )
    assert dialog.try_save() is False
    assert "Wiersz 1" in dialog.error_text("priorities")
    assert programmes.list_programmes(db) == []
    model = dialog.priorities.model
    model.setData(model.index(0, 0), "2027")
    # the act requires the eleven elements (art. 5a ust. 4): an error of the act refuses the save
    assert dialog.try_save() is False
    assert confirmations[-1].startswith("!PRG-3: ")
    assert programmes.list_programmes(db) == []
    for number, edit in dialog.elements.items():
        edit.input.setPlainText(f"Treść elementu {number}.")
    assert dialog.try_save()
    saved = programmes.get_programme(db, dialog.saved_id)
    assert saved.priorities[0].planned_amount == Decimal("1000.50")


def test_task_and_procedure_dialogs_save(qtbot, db, confirmations) -> None:
    from app.ui.dialogs.procedure import ProcedureDialog
    from app.ui.dialogs.task import TaskDialog

    task_dialog = TaskDialog(db)
    qtbot.addWidget(task_dialog)
    task_dialog.title_edit.set_value("Klub seniora")
    assert task_dialog.try_save() is False
    assert task_dialog.error_text("area").startswith("Obszar WKUS: ")
    task_dialog.area.set_value(WkusArea.SOC)
    assert task_dialog.try_save()
    task = tasks.get_task(db, task_dialog.saved_id)
    assert task.area is WkusArea.SOC

    dialog = ProcedureDialog(db)
    qtbot.addWidget(dialog)
    dialog.title_edit.input.setText("Konkurs na klub seniora")
    dialog.task.set_value(task.id)
    dialog.budget_year.input.setValue(2026)
    dialog.planned_amount.input.setText("12 500,00")
    dialog.published_bip.set_value(dt.date(2026, 3, 2))
    dialog.offer_deadline.set_value(dt.date(2026, 3, 1))  # before the announcement
    assert dialog.try_save() is False
    assert dialog.error_text("offer_deadline").startswith("Termin składania ofert: ")
    assert dialog.tabs.currentIndex() == 1  # the tab with the wrong field is brought forward
    dialog.offer_deadline.set_value(dt.date(2026, 3, 23))
    # a past competition with no offers that was not annulled breaks the act: refused, nothing saved
    assert dialog.try_save() is False
    assert confirmations[-1].startswith("!KON-2: ") and "KON-3: " in confirmations[-1]
    assert procedures.list_procedures(db) == []
    dialog.lists_previous_years.input.setChecked(True)
    dialog.offers_received.input.setValue(2)
    assert dialog.try_save()
    stored = procedures.get_procedure(db, dialog.saved_id)
    assert stored.planned_amount == Decimal("12500.00")
    assert stored.task_title == "Klub seniora"
    assert stored.offer_deadline == dt.date(2026, 3, 23)


def test_gmina_profile_dialog(qtbot, db, tmp_path) -> None:
    from PySide6.QtGui import QColor, QImage

    from app.core.domain.enums import ExecutiveTitle, JstType
    from app.core.services import gmina
    from app.ui.dialogs.gmina_profile import GminaProfileDialog

    dialog = GminaProfileDialog(db)
    qtbot.addWidget(dialog)
    dialog.name.set_value("Gmina Turek")
    dialog.jst_type.set_value(JstType.GMINA_MIEJSKO_WIEJSKA)
    assert dialog.executive_title.value() is ExecutiveTitle.BURMISTRZ
    dialog.jst_type.set_value(JstType.GMINA_WIEJSKA)
    assert dialog.executive_title.value() is ExecutiveTitle.WOJT
    dialog.nip.set_value("668-185-79-57")  # Gmina Turek's NIP with the last digit changed
    dialog.regon.set_value("311019556")
    dialog.teryt.set_value("30 19 03 2")
    assert dialog.try_save() is False
    assert dialog.error_text("nip").startswith("NIP: ")
    dialog.nip.set_value("6681857956")
    image = QImage(20, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    path = tmp_path / "herb.png"
    image.save(str(path))
    assert dialog.logo.load_file(tmp_path / "missing.png") is not None
    (tmp_path / "bad.png").write_bytes(b"not an image")
    assert "obraz" in (dialog.logo.load_file(tmp_path / "bad.png") or "")
    assert dialog.logo.load_file(path) is None
    assert dialog.try_save()
    record = gmina.get_gmina(db)
    assert record is not None
    assert (record.name, record.nip, record.regon, record.teryt) == (
        "Gmina Turek",
        "6681857956",
        "311019556",
        "3019032",
    )
    assert record.has_logo and record.logo_filename == "herb.png"
    assert gmina.get_gmina_logo(db) == path.read_bytes()
    reopened = GminaProfileDialog(db)
    qtbot.addWidget(reopened)
    assert reopened.nip.raw() == "668-185-79-56"
    assert reopened.logo.remove_button.isEnabled()


def test_law_warnings_ask_and_a_refusal_saves_nothing(qtbot, monkeypatch) -> None:
    from PySide6.QtWidgets import QLineEdit

    from app.core.services.law_guard import NeedsConfirmation
    from app.ui.widgets.form import RecordDialog

    calls: list[bool] = []

    class Probe(RecordDialog):
        def __init__(self) -> None:
            super().__init__("probe")
            self.add_field("name", "Nazwa", QLineEdit())

        def collect(self) -> str:
            return "x"

        def save(self, data: str):
            def call(ack: bool):
                calls.append(ack)
                if not ack:
                    raise NeedsConfirmation([])
                return Row(7, "x", None, None)

            return self.save_checked(call)

    answers = [False, True]
    asked: list[str] = []
    monkeypatch.setattr(Probe, "ask_confirmation", lambda self, m: asked.append(m) or answers.pop(0))
    shown: list[str] = []
    monkeypatch.setattr(RecordDialog, "show_message", lambda self, m: shown.append(m))
    dialog = Probe()
    qtbot.addWidget(dialog)
    assert dialog.try_save() is False  # the clerk said no: back to the form, no error box
    assert calls == [False] and shown == [""] and dialog.saved_id is None
    assert dialog.try_save() is True  # yes: the service is called again with the warnings acknowledged
    assert calls == [False, False, True] and dialog.saved_id == 7
    assert len(asked) == 2


def test_open_record_selects_and_opens_the_editor(qtbot, demo) -> None:
    from app.ui.views.tasks import TasksView

    db, _summary = demo
    view = TasksView(db)
    qtbot.addWidget(view)
    view.show()
    target = tasks.list_tasks(db)[5]
    view.open_record(target.id)
    assert view.selected_id() == target.id
    assert view.current_dialog is not None and view.current_dialog.title_edit.raw() == target.title
    view.current_dialog.reject()
    # the area filter hides other areas; the count says how many are shown
    view.area_filter.setCurrentIndex(view.area_filter.findData(WkusArea.SPORT.value))
    sport = [t for t in tasks.list_tasks(db) if t.area is WkusArea.SPORT]
    assert view.proxy.rowCount() == len(sport) == 2
    assert view.count_label.text() == "2 z 15 zadań publicznych"
