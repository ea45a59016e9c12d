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
    assert any(_("Register of non-financial cooperation (art. 5(2))") in t for t in items)


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
