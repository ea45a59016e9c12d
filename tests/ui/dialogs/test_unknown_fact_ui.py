"""A yes/no fact an import left unknown (issue 13 item 11) is shown half-checked in the procedure dialog and
saved unknown unless the clerk answers it; a click gives an answer."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt


@pytest.fixture(autouse=True)
def confirmations(monkeypatch):  # type: ignore[no-untyped-def]
    from app.ui.widgets.form import RecordDialog

    monkeypatch.setattr(RecordDialog, "ask_confirmation", lambda self, message: True)
    monkeypatch.setattr(RecordDialog, "show_message", lambda self, message: None)


def test_unknown_previous_years_stays_unknown_until_answered(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    from app.core.domain.enums import ProcedureRoute
    from app.core.domain.records import ProcedureInput
    from app.core.services import procedures
    from app.ui.dialogs.procedure import ProcedureDialog

    rec = procedures.create_procedure(
        db,
        ProcedureInput(
            route=ProcedureRoute.OPEN_COMPETITION,
            title="Konkurs z importu",
            budget_year=2026,
            published_bip=dt.date(2026, 1, 5),
            offer_deadline=dt.date(2026, 1, 30),
            lists_previous_years=None,
        ),
    )
    assert rec.lists_previous_years is None
    dialog = ProcedureDialog(db, rec.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.lists_previous_years.input.checkState() == Qt.CheckState.PartiallyChecked
    assert dialog.try_save()
    assert procedures.get_procedure(db, rec.id).lists_previous_years is None
    again = ProcedureDialog(db, rec.id)
    qtbot.addWidget(again)
    again.show()
    again.tabs.setCurrentIndex(1)
    qtbot.mouseClick(again.lists_previous_years.input, Qt.MouseButton.LeftButton)  # partial -> checked
    assert again.try_save()
    assert procedures.get_procedure(db, rec.id).lists_previous_years is True
