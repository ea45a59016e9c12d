"""Issue 15 ("also found"): an empty register keeps its toolbar under the title at 1366×768."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("view_name", ["organisations", "contracts"])
def test_empty_list_keeps_the_toolbar_at_the_top(qtbot, db, view_name) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    if view_name == "organisations":
        from app.ui.views.organisations import OrganisationsView as View
    else:
        from app.ui.views.contracts import ContractsView as View
    view = View(db)
    qtbot.addWidget(view)
    view.resize(1366, 700)
    view.show()
    qtbot.waitExposed(view)
    assert view.empty_label.isVisible() and not view.table.isVisible()
    title_bottom = view.title_label.mapTo(view, QPoint(0, view.title_label.height())).y()
    toolbar_top = view.add_button.mapTo(view, QPoint(0, 0)).y()
    # right under the title (it was ~230 px lower, under an empty band)
    assert toolbar_top - title_bottom < 40, (title_bottom, toolbar_top)
    # and the empty-state text follows the toolbar
    assert view.empty_label.mapTo(view, QPoint(0, 0)).y() < toolbar_top + 80
