"""The clerk writes the report's conclusions once: the programme dialog drafts them from the year's
figures into an empty cell, never over what was typed, and the draft is stored with the report."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from app.core.demo import load_demo
from app.core.services import programmes


@pytest.fixture
def demo(db):  # type: ignore[no-untyped-def]
    return db, load_demo(db, today=dt.date(2026, 10, 1))


def test_draft_fills_an_empty_cell_and_keeps_a_typed_one(qtbot, demo) -> None:
    from app.ui.dialogs.programme import ProgrammeDialog

    db, _summary = demo
    row = next(r for r in programmes.list_programmes(db) if r.year_from == 2025)
    dialog = ProgrammeDialog(db, row.id)
    qtbot.addWidget(dialog)
    reports = dialog.reports
    assert reports.rows() == 1 and reports.text(0, 0) == "2025" and reports.text(0, 3) == ""
    reports.table.setCurrentCell(0, 3)
    qtbot.mouseClick(reports.draft_button, Qt.MouseButton.LeftButton)
    drafted = reports.text(0, 3)
    assert "Zadania publiczne realizowano na podstawie" in drafted
    # typed text is never replaced
    reports.table.item(0, 3).setText("Wnioski sekretarza.")
    reports.draft_conclusions()
    assert reports.text(0, 3) == "Wnioski sekretarza."
    assert dialog.try_save()
    again = programmes.get_programme(db, row.id)
    assert again.reports[0].conclusions == "Wnioski sekretarza."
