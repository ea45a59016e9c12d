"""The Dokumenty view builds a document in the background and lists what it reports as missing."""

from __future__ import annotations

from app.core.i18n import _
from tests.core.documents_fixture import build_fixture


def test_documents_view_builds_annual_report(qtbot, db, monkeypatch, tmp_path):
    build_fixture(db)
    from app.ui.views import documents

    monkeypatch.setattr(documents, "output_folder", lambda: tmp_path)
    widget = documents.DocumentsWidget(db)
    qtbot.addWidget(widget)
    assert widget.contract.count() == 3  # three contracts in the fixture
    widget.year.setValue(2025)
    with qtbot.waitSignal(widget.built, timeout=60000) as blocker:
        widget.build()
    result = blocker.args[0]
    assert result.path.exists() and result.path.parent == tmp_path
    assert widget.open_button.isEnabled()
    items = [widget.missing.item(i).text() for i in range(widget.missing.count())]
    # the fixture records no non-financial cooperation: the report says so for the year
    assert any(
        _("No non-financial cooperation is recorded for {year} (register “Non-financial cooperation”).").format(
            year=2025
        )
        in t
        for t in items
    )


def test_documents_view_brochure_is_pdf_only(qtbot, db, monkeypatch, tmp_path):
    build_fixture(db)
    from app.ui.views import documents

    monkeypatch.setattr(documents, "output_folder", lambda: tmp_path)
    widget = documents.DocumentsWidget(db)
    qtbot.addWidget(widget)
    widget.kind.setCurrentIndex(widget.kind.findData("brochure"))
    widget.fmt.setCurrentIndex(1)
    assert not widget.fmt.isEnabled()
    req = widget.request()
    assert req.fmt == "pdf" and req.out_path.suffix == ".pdf"
    widget.kind.setCurrentIndex(widget.kind.findData("contract-card"))
    assert widget.request().contract_id is not None


def test_preview_shows_pages_and_printing_to_pdf_keeps_the_page_count(qtbot, db, monkeypatch, tmp_path):
    """The built annual report is previewed page by page, and printed through a PDF-file QPrinter
    it yields the same number of pages (all) or the chosen range."""
    build_fixture(db)
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    from app.core.documents.render import PdfPages
    from app.ui.views import documents
    from app.ui.widgets.pdf_print import page_range, prepare_printer, print_pages

    monkeypatch.setattr(documents, "output_folder", lambda: tmp_path)
    widget = documents.DocumentsWidget(db)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    widget.year.setValue(2025)
    assert not widget.print_button.isEnabled()
    with qtbot.waitSignal(widget.preview.page_shown, timeout=60000):
        widget.build()
    result = widget.result
    pages = len(PdfReader(str(result.path)).pages)
    assert pages >= 3 and widget.preview.page_count == pages == result.pages
    assert widget.preview.page_label.text() == _("Page {n} of {total}").format(n=1, total=pages)
    assert widget.preview.image.pixmap() is not None and not widget.preview.image.pixmap().isNull()
    assert widget.print_button.isEnabled() and not widget.preview.prev_button.isEnabled()
    with qtbot.waitSignal(widget.preview.page_shown, timeout=10000):
        widget.preview.next_page()
    assert widget.preview.index == 1 and widget.preview.prev_button.isEnabled()
    assert widget.preview.page_label.text() == _("Page {n} of {total}").format(n=2, total=pages)
    with qtbot.waitSignal(widget.preview.page_shown, timeout=10000):
        widget.preview.zoom.setCurrentIndex(widget.preview.zoom.findData(200))
    assert widget.preview.image.pixmap().width() > 1000  # 200 % of an A4 page at 96 dpi ≈ 1587 px

    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    with PdfPages(result.path) as doc:
        prepare_printer(printer, doc)
        seen = []
        assert (
            print_pages(printer, doc, page_range(printer, doc.page_count), lambda d, t: seen.append(d) or True) == pages
        )
    assert len(PdfReader(str(out)).pages) == pages
    assert seen[-1] == pages

    # a range chosen in the dialog: pages 2–3 only
    out2 = tmp_path / "range.pdf"
    printer2 = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer2.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer2.setOutputFileName(str(out2))
    printer2.setPrintRange(QPrinter.PrintRange.PageRange)
    printer2.setFromTo(2, 3)
    with PdfPages(result.path) as doc:
        assert page_range(printer2, doc.page_count) == [1, 2]
        print_pages(printer2, doc, page_range(printer2, doc.page_count))
    assert len(PdfReader(str(out2)).pages) == 2
    widget.preview.clear()


def test_view_fits_a_1366_screen_at_125_percent(qtbot, db):
    # 1366 px at 125 % scaling leaves 1093 logical px; the navigation takes about 230 of them.
    # Long contract titles and document names must not widen the combos beyond that.
    build_fixture(db)
    from app.ui.views.documents import DocumentsWidget

    view = DocumentsWidget(db)
    qtbot.addWidget(view)
    view.show()
    assert view.minimumSizeHint().width() <= 1093 - 240


def test_a_failed_build_shows_a_polish_message_not_the_exception_text(qtbot, db, monkeypatch, tmp_path, caplog):
    """Issue 20: the view showed 'The document could not be built: <exception text>' to the clerk."""
    import logging

    from PySide6.QtWidgets import QMessageBox

    build_fixture(db)
    from app.ui.views import documents

    def broken(_db, _request):  # type: ignore[no-untyped-def]
        raise ZeroDivisionError("internal-detail-xyz")

    warned: list[str] = []
    monkeypatch.setattr(documents, "output_folder", lambda: tmp_path)
    monkeypatch.setattr(documents, "_build", broken)
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: warned.append(text))
    widget = documents.DocumentsWidget(db)
    qtbot.addWidget(widget)
    with caplog.at_level(logging.ERROR, logger="app.ui.workers"):
        widget.build()
        qtbot.waitUntil(lambda: warned != [], timeout=60000)
    expected = _("The document could not be built because of an unexpected error. Details are in the log.")
    assert warned == [expected] and widget.status.text() == expected
    assert "internal-detail-xyz" in caplog.text  # the log keeps what the clerk does not see
    assert widget.build_button.isEnabled()


def test_a_failed_save_names_the_target_not_the_os_error(qtbot, db, monkeypatch, tmp_path):
    from pathlib import Path

    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from app.core.documents.common import DocumentResult
    from app.ui.views import documents

    source = tmp_path / "report.pdf"
    source.write_bytes(b"%PDF-1.4")
    target = str(tmp_path / "no-such-folder" / "copy.pdf")
    warned: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (target, "*.pdf"))
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: warned.append(text))
    widget = documents.DocumentsWidget(db)
    qtbot.addWidget(widget)
    widget.result = DocumentResult(path=source, title="Raport", pages=1, missing=[])
    widget.save_as()
    # the reason in the clerk's words (ENOENT), not "[Errno 2] No such file or directory"
    assert warned == [
        _("The file could not be saved as {path}: {reason}.").format(
            path=target, reason=_("the folder or the file does not exist")
        )
    ]
    assert "Errno" not in warned[0] and not Path(target).exists()


def test_fields_follow_the_kind(qtbot, db):
    """Issue 20: the view enabled the year by a list of its own; now each field follows KINDS."""
    import datetime as dt

    build_fixture(db)
    from app.ui.views.documents import DocumentsWidget

    view = DocumentsWidget(db)
    qtbot.addWidget(view)
    enabled = {}
    for i in range(view.kind.count()):
        view.kind.setCurrentIndex(i)
        enabled[view.kind.itemData(i)] = (
            view.year.isEnabled(),
            view.contract.isEnabled(),
            view.area.isEnabled(),
            view.fmt.isEnabled(),
        )
    #                             year   contract area   docx
    assert enabled == {
        "annual-report": (True, False, False, True),
        "resolution": (True, False, False, True),
        "contract-card": (False, True, False, False),
        "model-report": (True, True, True, False),
        "brochure": (True, False, False, False),
        "schedule": (True, False, False, False),
        "report-form": (True, True, False, False),
        "commitments": (True, False, False, False),
    }
    assert view.year.value() == dt.date.today().year  # the last kind, commitments, starts at the current year
    view.kind.setCurrentIndex(view.kind.findData("contract-card"))
    assert view.request().year is None  # a disabled field is not sent


def test_a_new_kind_gets_its_fields_from_kinds(qtbot, db, monkeypatch):
    import dataclasses

    from app.core.documents import kinds
    from app.ui.views import documents

    extra = dataclasses.replace(
        kinds.KINDS[0], code="new-kind", needs_year=False, optional_year=False, docx=False, needs_contract=True
    )
    monkeypatch.setattr(kinds, "KINDS", (*kinds.KINDS, extra))
    monkeypatch.setattr(documents, "KINDS", kinds.KINDS)
    view = documents.DocumentsWidget(db)
    qtbot.addWidget(view)
    view.kind.setCurrentIndex(view.kind.findData("new-kind"))
    assert view.kind.currentData() == "new-kind"
    assert not view.year.isEnabled() and view.contract.isEnabled() and not view.area.isEnabled()


def test_a_damaged_pdf_is_named_in_polish_words(tmp_path):
    import pytest

    from app.core.documents.render import PdfPages
    from app.core.errors import UserFacingError

    bad = tmp_path / "bad.pdf"
    bad.write_text("not a pdf")
    with pytest.raises(UserFacingError) as err:
        PdfPages(bad)
    assert err.value.message == _("The PDF file {name} cannot be read: {reason}").format(
        name="bad.pdf", reason=_("it is damaged or not a PDF file")
    )
    with pytest.raises(UserFacingError) as err:
        PdfPages(tmp_path / "gone.pdf")
    assert err.value.message == _("The PDF file {name} cannot be read: {reason}").format(
        name="gone.pdf", reason=_("the folder or the file does not exist")
    )
