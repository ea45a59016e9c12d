"""Paper round-trip in the app: the form ID of a returned report form typed in the search box of
"Umowy" shows its contract (whatever the year filter); a typo in the check digits is named; the
Documents view offers both new documents with their scope fields."""

from __future__ import annotations

import datetime as dt

from app.core.demo import load_demo
from app.core.form_id import form_id
from app.core.i18n import _

TODAY = dt.date(2026, 11, 22)


def test_form_id_in_the_search_box_finds_the_contract(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    from app.ui.views.contracts import ContractsView

    load_demo(db, TODAY)
    view = ContractsView(db, today=TODAY)
    qtbot.addWidget(view)
    target = next(r for r in view.model.rows() if r.number == "OR.526.3.2024")
    assert len(view.visible_ids()) > 20
    view.set_filters(year=2021)  # a filter that hides the contract does not hide the paper's contract
    view.search.setText(form_id(target.id, 2026))
    assert view.visible_ids() == [target.id]
    bad = form_id(target.id, 2026)[:-1] + ("1" if not form_id(target.id, 2026).endswith("1") else "2")
    view.search.setText(bad)
    assert view.visible_ids() == []
    assert view.count_label.text() == _("Wrong check digits in the form ID; compare it with the paper.")
    view.search.clear()
    view.set_filters()
    assert len(view.visible_ids()) > 20


def test_documents_view_offers_the_report_form_and_commitments(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    from app.ui.views.documents import DocumentsWidget

    load_demo(db, TODAY)
    widget = DocumentsWidget(db)
    qtbot.addWidget(widget)
    codes = [widget.kind.itemData(i) for i in range(widget.kind.count())]
    assert "report-form" in codes and "commitments" in codes
    widget.kind.setCurrentIndex(codes.index("report-form"))
    assert widget.year.isEnabled() and widget.contract.isEnabled() and not widget.area.isEnabled()
    req = widget.request()
    assert req.kind == "report-form" and req.contract_id is not None and req.year is not None
    widget.kind.setCurrentIndex(codes.index("commitments"))
    assert widget.year.isEnabled() and not widget.contract.isEnabled()
    assert widget.year.value() == dt.date.today().year
    with qtbot.waitSignal(widget.built, timeout=30000) as blocker:
        widget.build()
    assert blocker.args[0].pages >= 1
