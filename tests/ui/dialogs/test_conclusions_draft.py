"""The clerk writes the report's conclusions once: the programme dialog drafts them from the year's
figures into an empty cell, never over what was typed, and the draft is stored with the report."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from app.core.demo import load_demo
from app.core.i18n import ngettext
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
    model = reports.model
    assert model.row_count() == 1 and model.cell_text(0, "year") == "2025" and model.cell_text(0, "conclusions") == ""
    reports.view.setCurrentIndex(model.index(0, 3))
    qtbot.mouseClick(reports.draft_button, Qt.MouseButton.LeftButton)
    drafted = model.cell_text(0, "conclusions")
    carried_out = ngettext(
        "Public tasks were carried out under {count} contract, of which {multi} multi-year.",
        "Public tasks were carried out under {count} contracts, of which {multi} multi-year.",
        2,
    )
    assert carried_out.split("{count}")[0] in drafted  # the report's standard sentence, whatever the count
    # typed text is never replaced
    model.setData(model.index(0, 3), "Wnioski sekretarza.")
    reports.draft_conclusions()
    assert model.cell_text(0, "conclusions") == "Wnioski sekretarza."
    assert dialog.try_save()
    again = programmes.get_programme(db, row.id)
    assert again.reports[0].conclusions == "Wnioski sekretarza."


def test_empty_elements_get_the_standard_wording_typed_ones_stay(qtbot, db) -> None:
    from app.core.domain.records import GminaInput
    from app.core.services.gmina import save_gmina
    from app.ui.dialogs.programme import ProgrammeDialog

    save_gmina(db, GminaInput(name="Gmina Zażółć", voivodeship="podlaskie"))
    dialog = ProgrammeDialog(db, default_year=2027)
    qtbot.addWidget(dialog)
    dialog.elements[1].input.setPlainText("")
    qtbot.keyClicks(dialog.elements[1].input, "Cel glowny wpisany przez sekretarza.")
    qtbot.mouseClick(dialog.draft_elements_button, Qt.MouseButton.LeftButton)
    assert dialog.elements[1].raw() == "Cel glowny wpisany przez sekretarza."
    # the Polish wording is what is tested: the statutory element's standard text with the gmina's head
    assert (
        dialog.elements[11]
        .raw()
        .startswith("1. Do opiniowania ofert złożonych w każdym otwartym konkursie ofert Wójt Gminy Zażółć powołuje")
    )
    assert "31 grudnia 2027 r" in dialog.elements[6].raw()
    assert dialog.elements[5].raw() == ""  # priorities come from the priorities tab, not from a draft
