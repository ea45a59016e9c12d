"""The paper report dialog driven by the keyboard only: ID + Enter, received date, achieved values
and costs with Enter moving down, Ctrl+Enter saving; the database holds what was typed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.core.db.models import ContractReport, OwnContribution, ResultValue
from app.core.domain.enums import ContributionKind
from app.core.i18n import _

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def demo(db):  # type: ignore[no-untyped-def]
    from app.core.demo import load_demo

    load_demo(db, TODAY)
    return db


def _type(qtbot, dialog, text: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(dialog.focusWidget(), text)


def _enter(qtbot, dialog, ctrl: bool = False) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(
        dialog.focusWidget(),
        Qt.Key.Key_Return,
        Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier,
    )


def test_keyboard_only_entry_saves_to_the_database(demo, qtbot) -> None:  # type: ignore[no-untyped-def]
    from app.ui.dialogs.paper_report import PaperReportDialog

    dialog = PaperReportDialog(demo, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    assert dialog.focusWidget() is dialog.form_id.input  # the ID box first
    _type(qtbot, dialog, "WKUS-3-2026-51")  # a typo: the check digits do not match
    _enter(qtbot, dialog)
    # the Polish wording is what is tested: the clerk is told the check digits are wrong
    assert dialog.draft is None and "Cyfry kontrolne" in dialog.error_text("form_id")
    # the wrong ID stays selected: typing replaces it
    _type(qtbot, dialog, "wkus 3 2026 50")
    _enter(qtbot, dialog)
    assert dialog.draft is not None and dialog.form_id.raw() == "WKUS-3-2026-50"
    players_and_hours = [r.planned_result_id for r in dialog.draft.results]
    assert [r.name for r in dialog.draft.results] == [
        "Liczba zawodników objętych szkoleniem",
        "Liczba godzin treningowych",
    ]
    assert dialog.error_text("form_id") == ""
    assert dialog.focusWidget() is dialog.received_date.edit.line
    # DD.MM.YYYY typed over the pre-set date (the whole date is selected)
    _type(qtbot, dialog, "20112026")
    _enter(qtbot, dialog)
    for text in ("72", "880,5", "63 500", "6000", "8160", "", "4900,10"):
        focus = dialog.focusWidget()
        if text:
            _type(qtbot, dialog, text)
        else:
            qtbot.keyClick(focus, Qt.Key.Key_Delete)
        _enter(qtbot, dialog)
    _enter(qtbot, dialog, ctrl=True)
    assert dialog.saved_count == 1, dialog.general_error.text()
    assert dialog.done_label.text() == _("Saved {id}. Type the next form ID.").format(id="WKUS-3-2026-50")
    assert dialog.focusWidget() is dialog.form_id.input and dialog.form_id.raw() == ""
    with demo.session() as s:
        r = s.scalars(
            select(ContractReport).where(ContractReport.contract_id == 3, ContractReport.budget_year == 2026)
        ).one()
        # 63 500 + 6 000 + 8 160 + 4 900,10 = 82 560,10
        assert (r.received_date, r.cost_grant, r.cost_total) == (
            dt.date(2026, 11, 20),
            Decimal("63500.00"),
            Decimal("82560.10"),
        )
        values = dict(
            s.execute(
                select(ResultValue.planned_result_id, ResultValue.value).where(ResultValue.budget_year == 2026)
            ).all()
        )
        own = {
            o.kind: o.actual_amount
            for o in s.scalars(
                select(OwnContribution).where(OwnContribution.contract_id == 3, OwnContribution.budget_year == 2026)
            )
        }
    # demo planned result ids of contract 3 for 2026 (players, hours) as open_form listed them
    assert [values[pid] for pid in players_and_hours] == [Decimal("72"), Decimal("880.5")]
    assert own[ContributionKind.FINANCIAL] == Decimal("6000.00")
    assert own[ContributionKind.IN_KIND] is None
    assert own[ContributionKind.RECIPIENT_FEES] == Decimal("4900.10")


def test_negative_amount_is_shown_and_nothing_saved(demo, qtbot) -> None:  # type: ignore[no-untyped-def]
    from app.ui.dialogs.paper_report import PaperReportDialog

    dialog = PaperReportDialog(demo, form_id="WKUS-3-2026-50", today=TODAY)
    qtbot.addWidget(dialog)
    dialog.cost_edits["FINANCIAL"].set_value("-5")
    assert not dialog.try_save()
    assert "ujemna" in dialog.error_text("cost.FINANCIAL")  # the Polish wording is what is tested
    with demo.session() as s:
        assert (
            s.scalars(
                select(ContractReport.received_date).where(
                    ContractReport.contract_id == 3, ContractReport.budget_year == 2026
                )
            ).one()
            is None
        )


def test_menu_action_in_tools(demo, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMenu, QWidget

    from app.ui.dialogs.paper_report import add_paper_report_action

    window = QWidget()
    qtbot.addWidget(window)
    window.tools_menu = QMenu(window)  # type: ignore[attr-defined]
    window.db = demo  # type: ignore[attr-defined]
    action = add_paper_report_action(window)
    assert action.text() == _("Enter a report from a paper form\u2026")
    assert action.shortcut().toString() == "Ctrl+Shift+R"


def test_esc_asks_only_about_what_was_typed(demo, qtbot, unsaved_answers) -> None:  # type: ignore[no-untyped-def]
    """Issue 15: the loaded form's stored values are not "unsaved data"; a typed amount is."""
    from app.ui.dialogs.paper_report import PaperReportDialog
    from app.ui.widgets.unsaved import Leave

    dialog = PaperReportDialog(demo, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    _type(qtbot, dialog, "WKUS-3-2026-50")
    _enter(qtbot, dialog)
    assert dialog.draft is not None
    _enter(qtbot, dialog)  # past the received date, to the first value
    _type(qtbot, dialog, "72")
    unsaved_answers.answers.append(Leave.CANCEL)
    dialog.reject()
    assert len(unsaved_answers) == 1 and dialog.isVisible()
    dialog.focusWidget().clear()  # back to what was stored: nothing to ask about
    dialog.reject()
    assert len(unsaved_answers) == 1 and not dialog.isVisible()
