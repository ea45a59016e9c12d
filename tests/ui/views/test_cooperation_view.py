"""The register of non-financial cooperation: demo rows, year filter, adding an entry through the
dialog (errors named in Polish, nothing saved half-way), editing and deleting."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from app.core.demo import load_demo
from app.core.domain.cooperation import CooperationForm
from app.core.i18n import ngettext
from app.core.services import cooperation as service

TODAY = dt.date(2026, 3, 15)


@pytest.fixture(autouse=True)
def no_boxes(monkeypatch):
    from app.ui.widgets.form import RecordDialog
    from app.ui.widgets.list_view import RecordListView

    asked: list[str] = []
    monkeypatch.setattr(RecordDialog, "ask_confirmation", lambda self, m: asked.append(m) or True)
    monkeypatch.setattr(RecordDialog, "show_message", lambda self, m: asked.append("!" + m))
    monkeypatch.setattr(RecordListView, "ask", lambda self, q: asked.append(q) or True)
    return asked


def test_register_lists_filters_adds_edits_and_deletes(qtbot, db):
    load_demo(db, today=TODAY)
    from app.ui.views.cooperation import CooperationView

    view = CooperationView(db)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    assert view.model.rowCount() == 9
    assert view.count_label.text() == ngettext("{count} activity", "{count} activities", 9).format(count=9)
    view.year_filter.setCurrentIndex(view.year_filter.findData(2024))
    assert view.proxy.rowCount() == 2
    view.year_filter.setCurrentIndex(view.year_filter.findData(2025))
    assert view.proxy.rowCount() == 7
    # the newest first
    first = view.proxy.index(0, 3).data()
    assert first == "Szkolenie: rozliczanie dotacji i sprawozdania z realizacji zadań"

    view.add_record()
    dialog = view.current_dialog
    assert dialog is not None and dialog.year.value() == 2025  # the year chosen in the filter
    assert not dialog.try_save()  # nothing filled in
    # the Polish wording is what is tested: each error names its field as the clerk sees it
    assert dialog.error_text("form").startswith("Forma współpracy: ")
    assert dialog.error_text("title").startswith("Przedmiot: ")
    assert len(service.list_cooperation(db)) == 9
    dialog.form_combo.set_value(CooperationForm.PREMISES)
    dialog.title_edit.set_value("Użyczenie boiska na turniej")
    dialog.date.set_value(dt.date(2025, 7, 5))
    assert not dialog.try_save()  # no organisation named
    assert "organizację" in dialog.error_text("organisation_ids")
    dialog.org_filter.setText("orzeł")
    visible = [
        dialog.org_list.item(i) for i in range(dialog.org_list.count()) if not dialog.org_list.item(i).isHidden()
    ]
    assert [i.text() for i in visible] == ["Klub Sportowy „Orzeł” Wólka"]
    dialog.org_list.set_checked(visible[0].data(Qt.ItemDataRole.UserRole))
    dialog.others.set_value("Koło Wędkarzy „Szczupak”")
    assert dialog.try_save()
    rows = service.list_cooperation(db, 2025)
    assert len(rows) == 8
    added = next(r for r in rows if r.title == "Użyczenie boiska na turniej")
    assert added.organisations == ("Klub Sportowy „Orzeł” Wólka", "Koło Wędkarzy „Szczupak”")
    assert view.proxy.rowCount() == 8 and view.selected_id() == added.id

    view.open_record(added.id)
    editor = view.current_dialog
    assert editor.title_edit.raw() == "Użyczenie boiska na turniej"
    editor.date.set_value(dt.date(2024, 7, 5))  # outside the budget year
    assert not editor.try_save()
    assert (
        editor.error_text("event_date") == "Data: Musi przypadać w roku budżetowym 2025."
    )  # the field is named once (issue 15)
    editor.reject()

    assert view.select_id(added.id)
    view.delete_selected()
    assert len(service.list_cooperation(db, 2025)) == 7
