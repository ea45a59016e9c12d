"""The tool screens: one generic form for all 42 tools, results with bands, messages instead of
numbers, CSV import of survey scores, and the Narzędzia view on the demo gmina."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QRadioButton, QTableView

from app.core.i18n import _, format_money, ngettext
from app.core.tools.catalogue import get_catalogue
from app.ui.tools.form_renderer import ParseError, ToolForm, parse_text

TODAY = dt.date(2026, 6, 1)


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _wait(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    """The use matrix, the contract card and the index table load in a worker thread."""
    qtbot.waitUntil(lambda: not panel.loader.busy, timeout=60000)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory):
    from app.core.db.engine import open_database
    from app.core.demo import load_demo

    database = open_database(tmp_path_factory.mktemp("tools-ui") / "demo.sqlite")
    load_demo(database, TODAY)
    yield database
    database.dispose()


@pytest.fixture
def view(qtbot, demo_db):
    from app.ui.views.tools import ToolsView

    v = ToolsView(demo_db, today=TODAY)
    qtbot.addWidget(v)
    v.resize(1366, 740)
    yield v
    _finish_background_work()


def _finish_background_work() -> None:
    """Panels load in the thread pool: let every job end before the next test (or the database) goes."""
    from PySide6.QtCore import QThreadPool

    assert QThreadPool.globalInstance().waitForDone(120000)


# ---- the renderer -----------------------------------------------------------------------------------


def test_renderer_builds_a_form_for_every_tool(qtbot) -> None:
    catalogue = get_catalogue()
    assert len(catalogue.tools) == 42
    for tool in catalogue.tools:
        form = ToolForm(tool)
        qtbot.addWidget(form)
        assert list(form.fields) == [i.key for i in tool.inputs], tool.id
        for inp in tool.inputs:
            widget = form.fields[inp.key].editor.widget
            if inp.type == "table":
                table = widget.findChild(QTableView)
                assert table.model().columnCount() == len(inp.columns), (tool.id, inp.key)
            elif inp.type == "choice":
                assert widget.count() == len(inp.options) + 1  # + "— choose —"
            elif inp.type == "likert":
                assert len(widget.findChildren(QRadioButton)) == 6  # 1–5 and "no answer"
            elif inp.type == "checklist":
                assert len(widget.findChildren(QCheckBox)) == len(inp.items)
        # an empty form reads without errors: nothing typed is not a typing error
        values, errors = form.values()
        assert errors == [], tool.id
        assert set(values) == {i.key for i in tool.inputs}


def test_typed_text_polish_style() -> None:
    assert parse_text("money", "1 234,50") == Decimal("1234.50")
    assert parse_text("money", "1\u00a0234,5 zł") == Decimal("1234.50")
    # percent: shown and typed in per cent, stored as a fraction
    assert parse_text("percent", "12,5") == Decimal("0.125")
    assert parse_text("percent", "25 %") == Decimal("0.25")
    assert parse_text("date", "31.12.2025") == dt.date(2025, 12, 31)
    assert parse_text("number", "") is None
    with pytest.raises(ParseError):
        parse_text("money", "dwa tysiące")
    with pytest.raises(ParseError):
        parse_text("money", "12,345")  # three decimals is not an amount


def test_percent_field_shows_per_cent_and_money_field_the_unit(qtbot) -> None:
    tool = get_catalogue().tool("E-01")
    form = ToolForm(tool)
    qtbot.addWidget(form)
    form.set_values({"overhead_rate": "0.15", "materials": "2500.5"})
    assert form.fields["overhead_rate"].editor.edit.text() == "15"
    assert _plain(form.fields["materials"].editor.edit.text()) == "2 500,50"
    values, errors = form.values()
    assert errors == []
    assert values["overhead_rate"] == Decimal("0.15")
    assert values["materials"] == Decimal("2500.50")


def test_unreadable_text_is_named_and_marks_the_field(qtbot) -> None:
    tool = get_catalogue().tool("E-08")
    form = ToolForm(tool)
    qtbot.addWidget(form)
    form.fields["competition_cost"].editor.edit.setText("dużo")
    _values, errors = form.values()
    assert [e.field for e in errors] == ["competition_cost"]
    form.show_errors(errors)
    assert form.error_text("competition_cost") != "" and not form.error_text("competition_cost").startswith(
        "Koszt jednego konkursu"
    )  # under the field its name is not repeated (issue 15)


# ---- the view on the demo gmina -----------------------------------------------------------------------


def test_view_lists_the_42_tools_by_model_and_stage(view) -> None:
    assert [view.model_tabs.tabText(i) for i in range(view.model_tabs.count())] == [
        "Jakość",
        "Efektywność",
        "Współpraca",
    ]
    assert view.model_tabs.tabToolTip(0) == ngettext("{n} tool", "{n} tools", 14).format(n=14)
    tools = []
    for tree in view.trees.values():
        for i in range(tree.topLevelItemCount()):
            stage = tree.topLevelItem(i)
            tools += [stage.child(j).text(0).split()[0] for j in range(stage.childCount())]
    assert sorted(tools) == sorted(t.id for t in get_catalogue().tools)
    e_stages = [view.trees["E"].topLevelItem(i).text(0) for i in range(view.trees["E"].topLevelItemCount())]
    assert e_stages == ["Analiza", "Przygotowanie", "Monitoring i ewaluacja"]
    view.search.setText("pretest")
    shown = [view.trees["J"].topLevelItem(i) for i in range(view.trees["J"].topLevelItemCount())]
    visible = [
        s.child(j).text(0)
        for s in shown
        if not s.isHidden()
        for j in range(s.childCount())
        if not s.child(j).isHidden()
    ]
    assert visible == ["J-06  Badanie pretest–posttest"]


def test_calculate_shows_the_hand_computed_result(qtbot, view) -> None:
    page = view.open_tool("E-08")
    assert page.scope is not None and page.scope.kind == "contract"
    # the number of contract years comes from the database and is marked so
    years = page.form.fields["years"]
    assert not years.badge.isHidden() and years.badge.text() == _("from the database")
    years.editor.edit.clear()
    qtbot.keyClicks(years.editor.edit, "3")
    assert years.badge.text().startswith(_("changed by hand (in the database: {value})").split("{")[0])
    page.form.fields["competition_cost"].editor.edit.setText("12 000")
    page.form.fields["multi_year_cost"].editor.edit.setText("15 000,00")
    qtbot.mouseClick(page.calculate_button, Qt.MouseButton.LeftButton)
    # saving = (n − 1) × C_k − (C_w − C_k) = 2 × 12 000 − (15 000 − 12 000) = 21 000 zł
    assert _plain(page.results.value_text("saving")) == "21 000,00 zł"
    assert page.results.value_text("saving") == format_money(Decimal("21000.00"))
    # per year = 21 000 / 3 = 7 000 zł
    assert _plain(page.results.value_text("per_year")) == "7 000,00 zł"
    assert "umowa wieloletnia się opłaca" in page.results.band_text("saving")
    assert page.results.canvas is not None  # the value on its bands, drawn with matplotlib


def test_likert_six_gives_a_message_naming_the_field_and_no_number(qtbot, view) -> None:
    page = view.open_tool("J-05")
    table = page.form.fields["answers"].editor
    table.set_cells([["R1", "6", "4", "4", "5", "4"], ["R2", "5", "5", "4", "4", "5"]])
    assert page.calculate() is False
    assert page.results.value_text("index") == ""
    assert page.results.canvas is None
    message = page.form.error_text("answers")
    # the Polish wording is what is tested: the message names the input and the question (catalogue labels)
    assert "Odpowiedzi respondentów" in message
    assert "Usługa odpowiada moim potrzebom" in message
    assert (0, 1) in table.bad_cells()  # the cell itself is marked
    # corrected: index = (mean − 1) / 4 × 100; mean of the 10 answers = 45 / 10 = 4,5 → 87,5
    table.set_cells([["R1", "5", "4", "4", "5", "4"], ["R2", "5", "5", "4", "4", "5"]])
    assert page.calculate() is True
    assert page.results.value_text("index") == "87,5"
    assert page.results.band_text("index").endswith("wysoka satysfakcja")


def test_pretest_posttest_scores_imported_from_polish_excel_csv(qtbot, view, tmp_path: Path) -> None:
    page = view.open_tool("J-06")
    csv_file = tmp_path / "wyniki.csv"
    csv_file.write_bytes(
        "Uczestnik;Przed;Po\r\nŁucja Żak;10;14\r\nJerzy Ślęzak;12;11\r\nAnna;8;12\r\n".encode("cp1250")
    )
    errors = page.form.fields["scores"].editor.import_file(str(csv_file))
    assert errors == []
    table = page.form.fields["scores"].editor
    assert table.cells()[0] == ["Łucja Żak", "10", "14"]
    assert table.model.rowCount() == 3
    assert page.calculate() is True
    # Δ = 4, −1, 4 → mean change = 7 / 3 = 2,3333; improved 2 of 3 = 66,7 %
    assert page.results.value_text("mean_change") == "2,33"
    assert page.results.value_text("share_improved").replace("\u00a0", " ") == "66,7%"
    # s_Δ = √(((4 − 7/3)² · 2 + (−1 − 7/3)²) / 2) = √(50/6) = 2,8868; d = 2,3333 / 2,8868 = 0,81
    assert page.results.value_text("effect_size") == "0,81"


def test_saving_an_entry_then_reopening_shows_it(qtbot, view) -> None:
    page = view.open_tool("E-10")
    scope = page.scope
    page.form.fields["admin"].editor.edit.setText("1 500")
    page.form.fields["total"].editor.edit.setText("10 000")
    with qtbot.waitSignal(view.data_changed, timeout=5000):
        assert page.save() is True
    # admin share = 1 500 / 10 000 = 15 %
    assert page.results.value_text("admin_share").replace("\u00a0", " ") == "15,0%"
    again = view.open_tool("E-10", scope.id, scope.year)
    assert _plain(again.form.fields["admin"].editor.edit.text()) == "1 500,00"


def test_use_matrix_indices_and_contract_card(qtbot, view) -> None:
    view.tabs.setCurrentIndex(1)
    _wait(qtbot, view.usage)
    assert view.usage.model.rowCount() > 0
    assert view.usage.model.columnCount() == 1 + len([t for t in get_catalogue().tools if t.scope == "contract"])
    possible = len(view.usage.rows) * len(view.usage.tool_ids)
    summary = ngettext(
        "{done} of {possible} tool use calculated in {year}",
        "{done} of {possible} tool uses calculated in {year}",
        possible,
    )
    assert view.usage.summary.text().endswith(
        summary.split("{done}")[1].format(possible=possible, year=view.usage.year)
    )
    view.tabs.setCurrentIndex(2)
    # the contract's indices are computed in a worker thread (issue 13: no index work on the GUI thread)
    qtbot.waitUntil(lambda: not view.indices.contract_loader.busy and bool(view.indices.views), timeout=60000)
    assert [v.model_code for v in view.indices.views] == ["J", "E", "W"]
    from PySide6.QtWidgets import QLabel

    for v in view.indices.views:  # each box says how many components had data; no grade on thin data
        coverage = view.indices.findChild(QLabel, f"index_coverage_{v.model_code}")
        assert coverage is not None and coverage.text() == ngettext(
            "{count} of {total} component", "{count} of {total} components", v.components_total
        ).format(count=v.components_with_data, total=v.components_total)
        band = view.indices.findChild(QLabel, f"index_band_{v.model_code}")
        if v.weight_covered < v.min_coverage:
            no_grade = _("no grade (data for {share} of the weight, {needed} needed)").split("{")[0]
            assert band.text().startswith(no_grade) or band.text() == _("no data")
    contract_id = view.scope_combo.currentData()
    view.open_record(contract_id)
    assert view.tabs.currentWidget() is view.card
    _wait(qtbot, view.card)
    assert view.card.model.rowCount() == len([t for t in get_catalogue().tools if t.scope in ("contract", "task")])
    assert view.card.years  # results in at least one year


def test_radar_dialog_shows_sums_and_refuses_bad_weights(qtbot, view) -> None:
    from app.ui.tools.indices_panel import RadarDialog

    dialog = RadarDialog(view.backend)
    qtbot.addWidget(dialog)
    assert dialog.sum_labels["E"].text().replace("\u00a0", " ") == "100,0 %"
    dialog.weight_edits["E"]["E-03.EE"].setText("-10")
    errors = dialog._validate()
    assert errors and errors[0].field == "weights.E.E-03.EE"
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Save).isEnabled()
    # QA: letters in a weight were reported as "J-04.attainment: nie jest liczbą"
    dialog.weight_edits["E"]["E-03.EE"].setText("50")
    dialog.weight_edits["J"]["J-04.attainment"].setText("abc")
    dialog._validate()
    # the Polish wording is what is tested: the weight is named in words, not "J-04.attainment"
    assert dialog.messages.text() == "Indeks Jakości – osiągnięcie rezultatów: nie jest liczbą"


def test_w10_radar_compares_with_the_year_before(qtbot, view, demo_db) -> None:
    from app.core.tools import service as ts
    from app.ui.tools.result_panel import chart_data

    answers = {"contact_person": "yes", "nonfinancial_forms": "4", "knowledge": 3, "conditions": 3, "satisfaction": 4}
    ts.save_entry(demo_db, "W-10", "gmina", 0, 2025, {**answers, "knowledge": 2, "satisfaction": 3})
    page = view.open_tool("W-10", None, 2026)
    for key, value in answers.items():
        page.form.fields[key].editor.set_value(value)
    assert page.calculate() is True
    previous = view.backend.previous_result(page.tool, page.scope)
    spec = chart_data(page.tool, ts.preview(demo_db, "W-10", "gmina", 0, 2026, page.form.values()[0]), previous)
    assert spec["kind"] == "radar"
    assert [name for name, _values in spec["series"]] == ["2026", "2025"]
    # area 5 (knowledge, conditions): 2026 → ((3 − 1)/4 + (3 − 1)/4) / 2 = 0,5 → 50; 2025 → (0,25 + 0,5) / 2 → 37,5
    assert len(spec["labels"]) == 6  # the six IJW areas, in their order
    area5 = 4
    assert spec["series"][0][1][area5] == 50.0
    assert spec["series"][1][1][area5] == 37.5
    assert page.results.canvas is not None


def test_refresh_keeps_what_the_clerk_typed(qtbot, view) -> None:
    page = view.open_tool("E-08")
    page.form.fields["competition_cost"].editor.edit.setText("7 000")
    page.form.fields["competition_cost"].editor.edit.textEdited.emit("7 000")
    assert page.dirty
    view.refresh()
    assert view.page is page
    assert _plain(page.form.fields["competition_cost"].editor.edit.text()) == "7 000"


def test_wrong_values_are_marked_while_typing(qtbot, view) -> None:
    page = view.open_tool("E-08")
    edit = page.form.fields["competition_cost"].editor.edit
    edit.clear()
    qtbot.keyClicks(edit, "-5")
    qtbot.waitUntil(lambda: page.form.error_text("competition_cost") != "", timeout=3000)
    assert page.form.error_text("competition_cost") == _("cannot be negative")
    edit.clear()
    qtbot.keyClicks(edit, "500")
    qtbot.waitUntil(lambda: page.form.error_text("competition_cost") == "", timeout=3000)


def test_use_matrix_opens_the_tool_or_the_record(qtbot, view) -> None:
    view.tabs.setCurrentIndex(1)
    _wait(qtbot, view.usage)
    column = view.usage.tool_ids.index("E-05") + 1
    scope = view.usage.rows[0]
    view.usage.table.activated.emit(view.usage.model.index(0, column))
    assert view.tabs.currentIndex() == 0
    assert view.page.tool.id == "E-05" and view.page.scope.id == scope.id
    view.tabs.setCurrentIndex(1)
    with qtbot.waitSignal(view.record_requested) as blocker:
        view.usage.table.activated.emit(view.usage.model.index(0, 0))
    assert blocker.args == ["contract", scope.id]


def test_every_tool_opens_and_calculates_on_the_demo_gmina(qtbot, view) -> None:
    """Each of the 42 tools loads its saved and database values into the form and the form's values
    go back to the core: either numbers are shown, or messages saying what is missing — never both."""
    computed = []
    for tool in get_catalogue().tools:
        page = view.open_tool(tool.id)
        assert list(page.form.fields) == [i.key for i in tool.inputs]
        _values, errors = page.form.values()
        assert errors == [], (tool.id, errors)  # what the app filled in reads back without errors
        ok = page.calculate()
        if ok:
            computed.append(tool.id)
            assert not page.results.missing
            primary = tool.primary_output
            if primary.type != "table" and page.results.value_text(primary.key) == "—":
                # an output some inputs do not allow is left out, and a note says why
                assert _("Note: {note}").split("{")[0] in page.results.state.text(), tool.id
        else:
            assert page.results.missing, tool.id
            assert page.results.grid.count() == 0, tool.id  # no number beside the messages
    # the demo has data for many tools of a running contract without typing anything
    assert {"E-04", "E-05", "W-01"} <= set(computed)


def test_indices_aggregated_per_year_and_gmina(qtbot, view) -> None:
    view.tabs.setCurrentIndex(2)
    panel = view.indices
    panel.level.setCurrentIndex([panel.level.itemData(i) for i in range(panel.level.count())].index("year"))
    _wait(qtbot, panel)
    years = [panel.model.index(r, 1).data() for r in range(panel.model.rowCount())]
    assert years == sorted(years) and "2024" in years
    headers = [panel.model.headerData(c, Qt.Orientation.Horizontal) for c in range(panel.model.columnCount())]
    assert headers[2:5] == ["Indeks Jakości", "Indeks Efektywności", "Indeks Współpracy"]


def test_view_on_an_empty_database(qtbot, db) -> None:
    from app.ui.views.tools import ToolsView

    v = ToolsView(db)
    qtbot.addWidget(v)
    page = v.open_tool("J-05")
    assert page.scope is None and not page.save_button.isEnabled()
    assert v.scope_combo.currentText() == _("— no records for this year —")
    assert page.calculate() is False  # nothing to calculate for, and no crash
    v.tabs.setCurrentIndex(1)
    _wait(qtbot, v.usage)
    assert v.usage.summary.text() == _("No records of this kind.")
    v.open_record(12345)  # a contract that does not exist: a message, not a crash
    _wait(qtbot, v.card)
    assert "12345" in v.card.heading.text()
    _finish_background_work()


def test_switching_tabs_keeps_the_form_and_follows_the_year(qtbot, view) -> None:
    page = view.open_tool("W-08")
    assert page.scope.kind == "gmina"
    field = next(f for f in page.form.fields.values() if f.defn.type in ("number", "money"))
    field.editor.edit.setText("3")
    view.tabs.setCurrentIndex(2)  # indices: the picker switches to contracts
    assert view._scope_kind == "contract"
    view.tabs.setCurrentIndex(0)
    assert view.page is page and page.scope.kind == "gmina"
    assert field.editor.edit.text() == "3"
    view.tabs.setCurrentIndex(2)
    view.year.setValue(2025)
    view.tabs.setCurrentIndex(0)
    assert page.scope.year == 2025


def test_radar_meeting_saved_from_the_dialog_changes_the_weights(qtbot, view) -> None:
    from app.ui.tools.indices_panel import RadarDialog

    dialog = RadarDialog(view.backend)
    qtbot.addWidget(dialog)
    dialog.date.set_value(dt.date(2026, 5, 20))
    dialog.participants.setPlainText("Anna Nowak – skarbnik\nJan Kowalski – radny\nFundacja Razem")
    # 40 + 30 + 20 + 10 + 0 + 0 = 100 % over the six Quality components
    for key, text in zip(
        [
            "J-04.attainment",
            "J-05.index",
            "J-07.score",
            "J-10.timeliness",
            "J-06.share_improved",
            "J-13.positive_share",
        ],
        ["40", "30", "20", "10", "0", "0"],
    ):
        dialog.weight_edits["J"][key].setText(text)
    assert dialog._validate() == []
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    meeting = view.backend.latest_meeting()
    assert meeting.meeting_date == dt.date(2026, 5, 20)
    assert meeting.weights["J"]["J-04.attainment"] == Decimal("0.4")
    assert view.backend.weights_note() == _("Weights agreed at the RADAR meeting of {date}.").format(date="20.05.2026")


def test_radar_meeting_without_participants_is_refused(qtbot, view) -> None:
    from app.ui.tools.indices_panel import RadarDialog

    dialog = RadarDialog(view.backend)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert _("Participants") in dialog.messages.text()


def test_contract_card_opens_a_tool_for_the_contract(qtbot, view) -> None:
    contract_id = view.scope_combo.currentData()
    view.open_record(contract_id)
    _wait(qtbot, view.card)
    row = next(r for r, item in enumerate(view.card.rows) if item.card.id == "E-05")
    view.card.table.doubleClicked.emit(view.card.model.index(row, 0))
    assert view.tabs.currentIndex() == 0
    assert view.page.tool.id == "E-05" and view.page.scope.id == contract_id


def test_colours_stay_readable_on_the_high_contrast_palette(qtbot) -> None:
    from PySide6.QtWidgets import QApplication

    from app.ui.theme import apply_palette, contrast_ratio
    from app.ui.tools.colours import colour

    app = QApplication.instance()
    try:
        apply_palette(app, True)
        for role in ("good", "fair", "poor", "error", "source"):
            assert contrast_ratio(colour(role), "#000000") >= 7, role
    finally:
        apply_palette(app, False)
    assert contrast_ratio(colour("error"), "#ffffff") >= 4.5


def test_loader_shows_only_the_latest_answer_and_none_after_closing(qtbot) -> None:
    import threading

    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QWidget

    from app.ui.tools.loader import Loader

    owner = QWidget()
    loader = Loader(owner)
    got: list[object] = []
    release = threading.Event()
    loader.run(lambda: (release.wait(5), "old year")[1], got.append, got.append)
    loader.run(lambda: "new year", got.append, got.append)
    release.set()
    qtbot.waitUntil(lambda: not loader.busy, timeout=5000)
    assert got == ["new year"]  # the slower answer to the older request is dropped

    closing = QWidget()
    late = Loader(closing)
    release.clear()
    late.run(lambda: (release.wait(5), "late")[1], got.append, got.append)
    closing.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    release.set()
    qtbot.wait(300)
    assert got == ["new year"]  # nothing delivered to a closed panel
    owner.deleteLater()


def test_contract_card_shows_the_indices_over_the_years(qtbot, view) -> None:
    view.open_record(view.scope_combo.currentData())
    _wait(qtbot, view.card)
    names = [name for name, _points in view.card.index_trends]
    assert names == ["Indeks Jakości", "Indeks Efektywności", "Indeks Współpracy"]
    assert any(p.value is not None for _name, points in view.card.index_trends for p in points)
    assert view.card.chart_box.count() == 1


def test_tool_page_opens_its_handbook_chapter(qtbot, view) -> None:
    page = view.open_tool("W-05")
    qtbot.mouseClick(page.handbook_button, Qt.MouseButton.LeftButton)
    from app.ui.views.handbook import HandbookView

    handbook = page.handbook_dialog.findChild(HandbookView)
    assert handbook.current_id == "routes"  # W-05 is explained with the legal routes
    page.handbook_dialog.close()


def test_radar_weight_fields_line_up_across_the_models(qtbot, db) -> None:
    """QA: each model's group sized its own label column, so the weight fields of Jakość, Efektywność and
    Współpraca started at three different x positions."""
    from app.ui.tools.backend import ToolBackend
    from app.ui.tools.indices_panel import RadarDialog

    dialog = RadarDialog(ToolBackend(db, TODAY))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    xs = {
        model: {edit.mapTo(dialog, edit.rect().topLeft()).x() for edit in edits.values()}
        for model, edits in dialog.weight_edits.items()
    }
    assert set(xs) == {"J", "E", "W"}
    assert len(set().union(*xs.values())) == 1, xs
    sums = {label.mapTo(dialog, label.rect().topLeft()).x() for label in dialog.sum_labels.values()}
    assert sums == set().union(*xs.values())


def test_j04_offers_the_plan_of_a_year_without_a_report_and_saves_to_the_contract(qtbot, view, demo_db) -> None:
    """QA: the J-04 form of a contract year without a report opened empty; the values typed in it
    never reached the contract's results (contract card, annual report)."""
    from sqlalchemy import select

    from app.core.db.models import Contract, PlannedResult

    with demo_db.session() as s:
        cid = s.scalars(select(Contract.id).where(Contract.number == "OR.526.2.2022")).one()
    page = view.open_tool("J-04", cid, 2025)
    editor = page.form.fields["results"].editor
    model = editor.model
    # the three results planned for 2025 (two of the year, one for the whole contract), achieved empty
    assert [
        (editor.cell_text(r, 0), editor.cell_text(r, 2), editor.cell_text(r, 3)) for r in range(model.rowCount())
    ] == [
        ("Liczba dzieci regularnie uczestniczących w zajęciach", "40", ""),
        ("Liczba dni otwarcia świetlic", "240", ""),
        ("Liczba rodziców objętych poradnictwem", "120", ""),
    ]
    for row, text in enumerate(("38", "250", "30,5")):
        model.setData(model.index(row, 3), text)
    with qtbot.waitSignal(view.data_changed, timeout=5000):
        assert page.save() is True
    # mean(38/40, min(250/240, 1), 30.5/120) = mean(0.95, 1, 0.2542) = 0.7347
    assert _plain(page.results.value_text("attainment")) == "73,5%"
    with demo_db.session() as s:
        saved = {
            p.name: v.value
            for p in s.scalars(select(PlannedResult).where(PlannedResult.contract_id == cid))
            for v in p.values
            if v.budget_year == 2025
        }
    assert saved == {
        "Liczba dzieci regularnie uczestniczących w zajęciach": Decimal("38"),
        "Liczba dni otwarcia świetlic": Decimal("250"),
        "Liczba rodziców objętych poradnictwem": Decimal("30.5"),
    }
