"""Issue 15 ("also found"): "Otwórz drogowskaz (PDF)" without a PDF viewer says where the file is."""

from __future__ import annotations

from pathlib import Path

from app.core.i18n import _


def test_no_viewer_names_the_file_and_opens_its_folder(qtbot, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.ui.widgets import open_file

    pdf = tmp_path / "drogowskaz.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    opened: list[str] = []
    shown: list[str] = []

    def system_open(url) -> bool:  # type: ignore[no-untyped-def]
        opened.append(url.toLocalFile())
        return url.toLocalFile() != str(pdf)  # no program for PDF files; folders open

    def clerk_clicks_open_folder(box) -> None:  # type: ignore[no-untyped-def]
        shown.append(box.text())
        box.defaultButton().click()

    monkeypatch.setattr(open_file, "_open_url", system_open)
    monkeypatch.setattr(open_file, "show_box", clerk_clicks_open_folder)
    assert open_file.open_document(None, pdf) is False
    assert shown == [
        _(
            "The document was saved, but this computer has no program to open it (for a PDF: a PDF "
            "viewer, e.g. the web browser).\n\nThe file is here:\n{path}"
        ).format(path=pdf)
    ]
    assert opened == [str(pdf), str(tmp_path)]


def test_a_viewer_opens_it_without_a_message(qtbot, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.ui.widgets import open_file

    monkeypatch.setattr(open_file, "_open_url", lambda url: True)
    monkeypatch.setattr(open_file, "show_box", lambda box: (_ for _ in ()).throw(AssertionError(box.text())))
    assert open_file.open_document(None, tmp_path / "x.pdf") is True
