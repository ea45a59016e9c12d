"""Issue 17: the procedure dialog records what the announcement contains (art. 13 ust. 2 pkt 1–6) and the
competition commission (art. 15 ust. 2a–2f); unrecorded facts stay unrecorded."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt


@pytest.fixture(autouse=True)
def said(monkeypatch):  # type: ignore[no-untyped-def]
    """No modal box may block a test: questions are answered "yes", messages recorded."""
    from app.ui.widgets.form import RecordDialog

    out: list[str] = []
    monkeypatch.setattr(RecordDialog, "ask_confirmation", lambda self, message: out.append(message) or True)
    monkeypatch.setattr(RecordDialog, "show_message", lambda self, message: out.append("!" + message))
    return out


def _check(dialog, code: str) -> None:  # type: ignore[no-untyped-def]
    box = dialog.announcement_points.input
    for i in range(box.count()):
        if box.item(i).data(Qt.ItemDataRole.UserRole) == code:
            box.item(i).setCheckState(Qt.CheckState.Checked)


def test_announcement_points_and_commission_are_saved_and_reopened(qtbot, db, said) -> None:  # type: ignore[no-untyped-def]
    from app.core.services import procedures
    from app.ui.dialogs.procedure import ProcedureDialog

    dialog = ProcedureDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.title_edit.input, "Konkurs 2026")
    dialog.budget_year.input.setValue(2026)
    for name in ("published_bip", "published_board", "published_website"):
        getattr(dialog, name).set_value(dt.date(2026, 3, 2))
    dialog.offer_deadline.set_value(dt.date(2026, 3, 25))
    dialog.lists_previous_years.input.setChecked(True)
    dialog.offers_received.input.setValue(2)
    dialog.decision_date.set_value(dt.date(2026, 4, 10))
    for code in ("1", "2", "3", "4", "5", "6"):
        _check(dialog, code)
    dialog.tabs.setCurrentIndex(5)
    dialog.commission_appointed.set_value(dt.date(2026, 3, 26))
    qtbot.keyClicks(dialog.commission_ngo_members.input, "2")
    qtbot.keyClicks(dialog.commission_offeror_members.input, "0")
    qtbot.mouseClick(dialog.commission_statements.input, Qt.MouseButton.LeftButton)  # half -> checked
    assert dialog.try_save()
    stored = procedures.get_procedure(db, dialog.saved_id)
    assert stored.announcement_points == "1,2,3,4,5,6"
    assert (
        stored.commission_appointed,
        stored.commission_ngo_members,
        stored.commission_offeror_members,
        stored.commission_statements,
    ) == (dt.date(2026, 3, 26), 2, 0, True)
    again = ProcedureDialog(db, stored.id)
    qtbot.addWidget(again)
    again.show()
    assert again.announcement_points.input.values() == ("1", "2", "3", "4", "5", "6")
    assert again.commission_ngo_members.input.text() == "2"
    # a member from an offeror (art. 15 ust. 2d) is refused, nothing saved
    again.tabs.setCurrentIndex(5)
    again.commission_offeror_members.input.clear()
    qtbot.keyClicks(again.commission_offeror_members.input, "1")
    assert again.try_save() is False
    assert said[-1].startswith("!KOM-1: ") and "art. 15 ust. 2a–2f" in said[-1]  # the rule and the act it cites
    assert procedures.get_procedure(db, stored.id).commission_offeror_members == 0


def test_nothing_ticked_stays_not_recorded(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    from app.core.domain.enums import ProcedureRoute
    from app.core.domain.records import ProcedureInput
    from app.core.services import procedures
    from app.ui.dialogs.procedure import ProcedureDialog

    rec = procedures.create_procedure(
        db,
        ProcedureInput(
            route=ProcedureRoute.OPEN_COMPETITION,
            title="Konkurs z importu",
            budget_year=2026,
            published_bip=dt.date(2026, 1, 5),
            offer_deadline=dt.date(2026, 1, 30),
            lists_previous_years=True,
        ),
    )
    assert rec.announcement_points is None and rec.commission_statements is None
    dialog = ProcedureDialog(db, rec.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.announcement_points.input.values() == ()
    assert dialog.commission_statements.input.checkState() == Qt.CheckState.PartiallyChecked
    assert dialog.try_save()
    stored = procedures.get_procedure(db, rec.id)
    assert stored.announcement_points is None and stored.commission_statements is None
    assert stored.commission_ngo_members is None


def test_points_outside_1_to_6_are_refused_by_the_service(db) -> None:  # type: ignore[no-untyped-def]
    from app.core.domain.enums import ProcedureRoute
    from app.core.domain.records import ProcedureInput
    from app.core.services import procedures

    errors = procedures.validate_procedure(
        ProcedureInput(
            route=ProcedureRoute.OPEN_COMPETITION,
            title="K",
            budget_year=2026,
            announcement_points="1,7",
            commission_ngo_members="1",
            commission_offeror_members="2",
        )
    )
    fields = {e.field for e in errors}
    assert {"announcement_points", "commission_offeror_members"} <= fields


def test_results_published_in_three_places_each_typed_saved_and_reopened(qtbot, db, said) -> None:  # type: ignore[no-untyped-def]
    """Art. 18a ust. 2 / art. 15 ust. 2h–2j: the results are made public in the three places of art. 13 ust. 3,
    each with its own date; a place left empty stays not recorded (KON-6 names it, the save is not refused)."""
    from app.core.services import procedures
    from app.ui.dialogs.procedure import ProcedureDialog

    dialog = ProcedureDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.title_edit.input, "Konkurs 2026")
    dialog.budget_year.input.setValue(2026)
    dialog.tabs.setCurrentIndex(1)
    for name in ("published_bip", "published_board", "published_website"):
        getattr(dialog, name).set_value(dt.date(2026, 3, 2))
    dialog.offer_deadline.set_value(dt.date(2026, 3, 25))
    dialog.lists_previous_years.input.setChecked(True)
    for code in ("1", "2", "3", "4", "5", "6"):
        _check(dialog, code)
    dialog.offers_received.input.setValue(2)
    dialog.decision_date.set_value(dt.date(2026, 4, 10))
    qtbot.keyClicks(dialog.results_published.input, "13.04.2026")
    qtbot.keyClicks(dialog.results_published_board.input, "14.4.26")
    # the website left empty: not recorded
    if __import__("os").environ.get("WKUS_SHOT"):
        dialog.grab().save("/tmp/law2-results.png")
    dialog.tabs.setCurrentIndex(5)
    dialog.commission_appointed.set_value(dt.date(2026, 3, 26))
    qtbot.keyClicks(dialog.commission_ngo_members.input, "2")
    qtbot.keyClicks(dialog.commission_offeror_members.input, "0")
    assert dialog.try_save(), said
    stored = procedures.get_procedure(db, dialog.saved_id)
    assert (stored.results_published, stored.results_published_board, stored.results_published_website) == (
        dt.date(2026, 4, 13),
        dt.date(2026, 4, 14),
        None,
    )
    again = ProcedureDialog(db, stored.id)
    qtbot.addWidget(again)
    again.show()
    assert again.results_published_board.value() == dt.date(2026, 4, 14)
    assert again.results_published_website.value() is None


def test_small_grant_places_and_remarks_typed_saved_and_reopened(qtbot, db, said) -> None:  # type: ignore[no-untyped-def]
    """Art. 19a ust. 3 and 5: the offer's board and website dates and the day the remarks were considered are typed
    key by key, kept, and shown again."""
    from app.core.domain.enums import ProcedureRoute
    from app.core.services import procedures
    from app.ui.dialogs.procedure import ProcedureDialog

    dialog = ProcedureDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.route.set_value(ProcedureRoute.SMALL_GRANT_19A)
    qtbot.keyClicks(dialog.title_edit.input, "Festyn")
    dialog.budget_year.input.setValue(2026)
    dialog.tabs.setCurrentIndex(3)
    qtbot.keyClicks(dialog.received_date.input, "02.03.2026")
    qtbot.keyClicks(dialog.publication_start.input, "03.03.2026")
    qtbot.keyClicks(dialog.publication_end.input, "10.03.2026")
    qtbot.keyClicks(dialog.offer_published_board.input, "3.3.26")
    qtbot.keyClicks(dialog.remarks_considered.input, "11.03.2026")
    if __import__("os").environ.get("WKUS_SHOT"):
        dialog.grab().save("/tmp/law2-19a.png")
    assert dialog.try_save(), said
    stored = procedures.get_procedure(db, dialog.saved_id)
    assert (stored.offer_published_board, stored.offer_published_website, stored.remarks_considered) == (
        dt.date(2026, 3, 3),
        None,
        dt.date(2026, 3, 11),
    )
    again = ProcedureDialog(db, stored.id)
    qtbot.addWidget(again)
    again.show()
    assert again.remarks_considered.value() == dt.date(2026, 3, 11)
    assert again.offer_published_website.value() is None
