"""Comparing gminas inside the program (issue 19): Dokumenty builds the comparison from exchange files
chosen in the file dialog, and File → Export writes this gmina's exchange file."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from app.core.comparison.exchange import read_exchange
from app.core.i18n import _, ngettext
from tests.core.comparison.test_comparison import _file  # one writer of exchange files for the tests
from tests.core.reference_gmina import ref  # noqa: F401


def test_documents_view_builds_the_comparison_from_chosen_files(qtbot, db, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    from app.ui.views import documents

    files = [
        _file(tmp_path, "Gmina Alfa", **{"IDX-J": "60", "IDX-E": "40", "IDX-W": None}),
        _file(tmp_path, "Gmina Beta", **{"IDX-J": "80", "IDX-E": "70", "IDX-W": "55"}),
        _file(tmp_path, "Gmina Gamma", **{"IDX-J": "70", "IDX-E": None, "IDX-W": "45"}),
    ]
    wrong = tmp_path / "notatki.json"
    wrong.write_text("[1, 2]", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(documents, "output_folder", lambda: out)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(p) for p in [*files, wrong]], "JSON (*.json)")
    )
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: warned.append(text))
    widget = documents.DocumentsWidget(db)
    qtbot.addWidget(widget)
    widget.show()
    box = widget.comparison
    assert not box.build_button.isEnabled()  # nothing to compare yet

    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    assert box.files.count() == 3  # the wrong file is left out and named
    assert warned == [
        _("{file} is not a WKUS indicator exchange file: {what}.").format(
            file="notatki.json", what=_("the field {field} is missing").format(field="format")
        )
    ]
    assert [box.gmina.itemText(i) for i in range(box.gmina.count())] == ["Gmina Alfa", "Gmina Beta", "Gmina Gamma"]
    # each file read is kept in the database for the Kreator (schema 13)
    from app.core.comparison.stored import stored_exchanges

    assert [k.figures.gmina for k in stored_exchanges(db)] == ["Gmina Alfa", "Gmina Beta", "Gmina Gamma"]
    assert box.kept.text() == ngettext(
        "Kept for the Kreator \u201cCommissioning a task\u201d: {count} file ({gminas}).",
        "Kept for the Kreator \u201cCommissioning a task\u201d: {count} files ({gminas}).",
        3,
    ).format(count=3, gminas="Gmina Alfa, Gmina Beta, Gmina Gamma")

    box.gmina.setFocus()
    qtbot.keyClicks(box.gmina, "Gmina B")  # a closed combo selects by the typed text
    assert box.gmina.currentText() == "Gmina Beta"
    with qtbot.waitSignal(widget.built, timeout=60000) as blocker:
        qtbot.mouseClick(box.build_button, Qt.MouseButton.LeftButton)
    result = blocker.args[0]
    assert result.path == out / "comparison.pdf"
    assert widget.save_button.isEnabled() and box.build_button.isEnabled()
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(result.path)).pages)
    assert _("{gmina} among {count} gminas, {year}").format(gmina="Gmina Beta", count=3, year=2025) in text
    # IDX-J 60, 70, 80: median 70, inclusive quartiles 65 and 75; Beta's 80 is the best of three
    assert _("Quality index (Jakość)") + " 80,0 70,0 65,0 75,0 1 z 3 3/3" in text
    # IDX-E 40, 70 (Gamma unknown): median 55, quartiles 47,5 and 62,5; Beta's 70 first of two known
    assert _("Efficiency index (Efektywność)") + " 70,0 55,0 47,5 62,5 1 z 2 2/3" in text

    box.files.setCurrentRow(0)  # Gmina Alfa's file out: two gminas left
    qtbot.mouseClick(box.remove_button, Qt.MouseButton.LeftButton)
    assert box.chosen_files() == files[1:]
    assert box.gmina.currentText() == "Gmina Beta"


def test_export_writes_this_gminas_exchange_file(qtbot, ref, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from app.ui import data_actions

    db, _ids = ref

    class Window:
        def __init__(self) -> None:
            self.file_menu = QMenu()
            self.tools_menu = QMenu()
            self.db_path = tmp_path / "unused.sqlite"

        def status(self, message: str) -> None:
            pass

    window: Any = Window()
    window.db = db
    monkeypatch.setattr(data_actions, "exchange_year", lambda: 2025)  # the reference gmina's year
    handler = data_actions.add_data_actions(window)
    told: list[tuple[str, bool]] = []
    handler.inform = lambda text, error=False: told.append((text, error))  # type: ignore[method-assign]
    (export_menu,) = window.file_menu.findChildren(QMenu)  # QAction.menu() would hand over a wrapper that deletes it
    labels = [a.text() for a in export_menu.actions()]
    assert _("Indicators {year} for comparing gminas (JSON)\u2026").format(year=2025) in labels
    target = tmp_path / "wskazniki.json"
    with qtbot.waitSignal(handler.finished, timeout=60000) as blocker:
        handler.export("exchange", target)
    assert blocker.args == ["export", True]
    figures = read_exchange(target)
    assert (figures.gmina, figures.year) == ("Gmina Wzorcowa", 2025)
    # 2025: seven contracts commit money (C1–C6, C8; C7 is a draft) – see tests/core/comparison/test_comparison.py
    assert figures.values["grants"] == 7
