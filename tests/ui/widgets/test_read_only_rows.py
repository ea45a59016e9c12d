"""A read-only table whose rows wrap (the deadlines, the compliance findings) measures its rows again
when its columns widen: rows measured in a narrow window stayed many lines tall in a wide one (the
Pulpit's statutory deadlines showed one deadline per screen after the window was maximised)."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView

from app.ui.widgets.table_model import Column, RowTableModel, read_only_view

TEXT = "Transza 2025, umowa OR.526.2.2022 – Prowadzenie świetlic środowiskowych dla dzieci i młodzieży 2022–2026"


def test_rows_follow_the_width_of_their_columns(qtbot) -> None:  # type: ignore[no-untyped-def]
    model: RowTableModel[str] = RowTableModel([Column("Termin", lambda r: "31.12.2025"), Column("Dotyczy", str)])
    view = read_only_view(model, "terminy", wrap_rows=True)
    view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    qtbot.addWidget(view)
    model.set_rows([TEXT, TEXT])
    line = view.fontMetrics().lineSpacing()
    view.resize(260, 400)
    view.show()
    qtbot.waitUntil(lambda: view.rowHeight(0) > 4 * line)  # ~150 px for the text: many lines
    view.resize(1400, 400)
    # the whole text fits on one line at this width: the row is one line tall again (plus margins)
    qtbot.waitUntil(lambda: view.rowHeight(0) < 2 * line)
    assert view.rowHeight(1) == view.rowHeight(0)
