"""Issue 15: the tools' result panel names inputs in words. Formula symbols ("(C_k)", "(D)", "(k₀)"),
tool numbers ("(J-10)", "(EE z E-03)") and keys the catalogue has no input for ("adopted") were shown
to the clerk; the symbol is kept out of the text, a tool number becomes the tool's name."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from app.core.errors import FieldError


def _panel(qtbot):  # type: ignore[no-untyped-def]
    from app.ui.tools.result_panel import ResultPanel

    panel = ResultPanel()
    qtbot.addWidget(panel)
    return panel


def _tool(tool_id: str):  # type: ignore[no-untyped-def]
    from app.core.tools.service import catalogue

    return catalogue().tool(tool_id)


def _label(tool_id: str, key: str) -> str:
    return str(next(i.label for i in _tool(tool_id).inputs if i.key == key))


@pytest.mark.parametrize(
    ("tool_id", "key", "shown"),
    [
        ("E-08", "competition_cost", "Koszt jednego konkursu: nie jest liczbą"),  # was "… (C_k): …"
        ("E-02", "grant", "Dotacja: nie jest liczbą"),  # was "Dotacja (D)"
        ("E-03", "k0", "Koszt jednostkowy realizacji własnej: nie jest liczbą"),  # was "(k₀)"
        ("J-11", "timeliness", "Terminowość sprawozdań: nie jest liczbą"),  # was "(J-10)"
        ("J-11", "control", "Ocena z kontroli (0–100): nie jest liczbą"),  # was "(J-07, 0–100)"
        ("E-13", "EE", "Efektywność ekonomiczna: nie jest liczbą"),  # was "(EE z E-03)"
    ],
)
def test_a_problem_names_the_input_in_words(qtbot, tool_id, key, shown) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot)
    tool = _tool(tool_id)
    view = SimpleNamespace(ok=False, problems=(FieldError(key, _label(tool_id, key), "nie jest liczbą"),))
    panel.set_result(tool, view)
    assert panel.missing_label.text() == "• " + shown


def test_a_note_on_a_key_without_an_input_is_not_shown_raw(qtbot) -> None:  # type: ignore[no-untyped-def]
    # the engine labels a note on a key the tool has no input for with the key itself
    panel = _panel(qtbot)
    view = SimpleNamespace(
        ok=True,
        outputs=(),
        primary=None,
        problems=(
            FieldError("adopted", "adopted", "jeszcze nie uchwalono"),
            FieldError("EE", "EE", "brak wyniku E-03 dla tego zadania i roku"),
        ),
    )
    panel.set_result(_tool("E-13"), view)
    # the Polish wording is what is tested: the note names the input and the tool in words (issue 15)
    assert panel.state.text() == (
        "Uwaga: Jeszcze nie uchwalono\n"
        "Uwaga: Efektywność ekonomiczna: brak wyniku narzędzie „Wskaźnik efektywności "
        "ekonomicznej zmiany” dla tego zadania i roku"
    )


def test_the_engine_s_problems_reach_the_clerk_without_codes(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    """J-11 on a demo contract with nothing entered: the real problems, shown by the panel."""
    import re

    from app.core.services.contracts import list_contracts
    from app.core.tools import service as ts

    contract = list_contracts(demo_db)[0]
    view = ts.preview(demo_db, "J-11", "contract", contract.id, 2026, {}, as_of=dt.date(2026, 12, 1))
    panel = _panel(qtbot)
    panel.set_result(_tool("J-11"), view)
    text = panel.missing_label.text() + panel.state.text()
    assert text.strip()
    assert not re.search(r"\([A-Za-z]_?\w?\)|\b[EJW]-\d{2}\b|\b[a-z]+_[a-z_]+\b", text), text


def test_a_table_cell_shows_the_tool_s_name_not_its_number(qtbot) -> None:  # type: ignore[no-untyped-def]
    """E-14 listed "E-01 Karta kosztu bazowego …": the name is shown, the number is the tooltip."""
    panel = _panel(qtbot)
    table_out = SimpleNamespace(
        key="tools",
        label="Narzędzia",
        type="table",
        columns=(("tool", "Narzędzie", "text"), ("n", "Użycia", "count")),
        rows=(("E-01 Karta kosztu bazowego", "3"),),
        value=(),
        primary=False,
        text="",
        level=None,
        band=None,
        chart=None,
    )
    view = SimpleNamespace(ok=True, outputs=(table_out,), primary=None, problems=())
    panel.set_result(_tool("E-14"), view)
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTableView

    model = panel.findChild(QTableView, "table_tools").model()
    assert (
        model.index(0, 0).data(),
        model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole),
        model.index(0, 1).data(),
    ) == ("Karta kosztu bazowego", "E-01", "3")
