"""Issue 15, item 10: optional fields do not block the calculation (W-10 opinions, E-13 results)."""

from __future__ import annotations

from app.core.i18n import _


def test_w10_one_opinion_answered_does_not_require_the_others(qtbot, tools_view) -> None:  # type: ignore[no-untyped-def]
    page = tools_view.open_tool("W-10", None, 2026)
    for key, value in {"contact_person": "yes", "nonfinancial_forms": "4", "knowledge": 3}.items():
        page.form.fields[key].editor.set_value(value)
    assert page.calculate() is True
    assert page.form.error_text("conditions") == "" and page.form.error_text("satisfaction") == ""


def test_e13_result_without_an_achieved_value_does_not_stop_the_matrix(qtbot, tools_view) -> None:  # type: ignore[no-untyped-def]
    page = tools_view.open_tool("E-13", None, 2026)
    table = page.form.fields["results"].editor
    rows = [r[:] for r in table.cells()]
    achieved = [c.key for c in table.columns].index("achieved")
    table.set_cells(rows + [["Nowy rezultat", "osoby", "10", ""] + [""] * (len(table.columns) - 4)])
    page.form.fields["grant"].editor.set_value(page.form.fields["grant"].editor.value() or "40000")
    page.form.fields["products"].editor.set_value(page.form.fields["products"].editor.value() or "50")
    assert page.calculate() is True, page.results.findChildren(object)
    assert table.cells()[-1][achieved] == ""
    # the short table fits the form: the "Osiągnięto" column is not cut off
    header = table.view.horizontalHeader()
    assert header.sectionViewportPosition(achieved) + header.sectionSize(achieved) <= table.view.viewport().width()


def test_formula_symbols_are_not_in_the_labels() -> None:
    """Issue 15, also found: "(C_k)", "(D)", "(W-08)" are internal codes; words stay, codes go to a tooltip."""
    from app.ui.tools.labels import words_and_code

    assert words_and_code("Koszt jednego konkursu (C_k)") == ("Koszt jednego konkursu", "C_k")
    assert words_and_code("Dotacja (D)") == ("Dotacja", "D")
    assert words_and_code("Koszt jednostkowy (k₀)") == ("Koszt jednostkowy", "k₀")
    assert words_and_code("Liczba form współpracy (W-08)") == ("Liczba form współpracy", "W-08")
    for plain in ("Czas (dni)", "Ocena (1–5)", "Dostępność (WCAG)", "Nazwa"):
        assert words_and_code(plain) == (plain, "")


def test_tool_form_shows_words_with_the_symbol_in_the_tooltip(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    from app.core.tools.catalogue import get_catalogue
    from app.ui.tools.form_renderer import ToolForm

    form = ToolForm(get_catalogue().tool("E-13"))
    qtbot.addWidget(form)
    # "Dotacja (D)" is the catalogue's label_pl (data, not a msgid): the words are what is tested
    label = next(w for w in form.findChildren(QLabel) if w.text().startswith("Dotacja"))
    assert label.text() == "Dotacja" and "D" in label.toolTip()


def test_wizard_basis_names_tools_not_numbers() -> None:
    from app.core.tools.catalogue import get_catalogue
    from app.ui.tools.labels import localized_text, tool_names_for_ids

    name = localized_text(get_catalogue().tool("W-02"), "name")
    assert tool_names_for_ids("art. 4, art. 16 ust. 2 u.d.p.p.w.; W-02") == "art. 4, art. 16 ust. 2 u.d.p.p.w.; " + _(
        "tool \u201c{name}\u201d"
    ).format(name=name)
    assert tool_names_for_ids("X-99 i art. 5") == "X-99 i art. 5"
