"""GDPR for the officials named as a control's controllers (issue 17): found, exported, erased and logged
like contact persons and working-group members.

The demo's controls name "A. Kowalska, J. Sokołowski" (control 1, 12.10.2023), "M. Zalewska" (2), "A. Kowalska"
(3), "J. Sokołowski" (4) and "M. Zalewska, J. Sokołowski" (5).
"""

from __future__ import annotations

import json

import pytest

from app.core.audit import history, verify_chain
from app.core.db.models import Control, Organisation
from app.core.errors import UserFacingError
from app.core.personal_data import CONTROL, ERASED, ORGANISATION, erase_person, export_person, find_person
from tests.core.backup_fixtures import demo_db, demo_path, demo_template  # noqa: F401

# runs on SQLite and on the tests' PostgreSQL server (tests/conftest.py, issue 19)
pytestmark = pytest.mark.pg


def test_a_controller_is_found_by_a_piece_of_the_name(demo_db) -> None:  # type: ignore[no-untyped-def]
    found = find_person(demo_db, "sokołowski")
    assert [(o.kind, o.organisation_id, o.contact_person) for o in found] == [
        (CONTROL, 1, "J. Sokołowski"),
        (CONTROL, 4, "J. Sokołowski"),
        (CONTROL, 5, "J. Sokołowski"),
    ]
    # the place names the contract and the day of the control; only the matching name is shown, not the list
    assert "12.10.2023" in found[0].organisation_name and "Kowalska" not in found[0].contact_person
    # a surname shared with contact persons: both kinds, organisations first
    kinds = [o.kind for o in find_person(demo_db, "Zalewska")]
    assert kinds == [ORGANISATION] * 3 + [CONTROL] * 2


def test_the_export_lists_the_controls_and_the_log_entries_naming_the_controller(demo_db) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(export_person(demo_db, "J. Sokołowski").to_json())
    assert [(o["kind"], o["organisation_id"], o["contact_person"]) for o in data["organisations"]] == [
        ("control", 1, "J. Sokołowski"),
        ("control", 4, "J. Sokołowski"),
        ("control", 5, "J. Sokołowski"),
    ]
    # the demo's creation of each control is logged with its controllers
    assert {m["record_id"] for m in data["change_log_mentions"] if m["record"] == "control"} >= {1, 4, 5}


def test_erasure_replaces_only_the_matching_name_and_keeps_the_chain(demo_db) -> None:  # type: ignore[no-untyped-def]
    result = erase_person(demo_db, "Sokołowski")
    assert (result.organisations, result.members, result.controls) == (0, 0, 3)
    assert result.remaining_log_mentions >= 3  # the creation entries, kept under art. 17 ust. 3 lit. b
    with demo_db.session() as s:
        lists = {c.id: c.controllers for c in s.query(Control).order_by(Control.id)}
        assert lists[1] == f"A. Kowalska, {ERASED}"
        assert lists[4] == ERASED
        assert lists[5] == f"M. Zalewska, {ERASED}"
        assert lists[2] == "M. Zalewska" and lists[3] == "A. Kowalska"  # other controls untouched
        assert verify_chain(s) is None
        last = history(s, "control", 1, limit=1)[0]
        assert last.field == "controllers" and last.new_value == ERASED and last.old_value is None
    assert find_person(demo_db, "Sokołowski") == []
    with pytest.raises(UserFacingError):
        erase_person(demo_db, "Sokołowski")


def test_erasure_limited_to_the_confirmed_controls(demo_db) -> None:  # type: ignore[no-untyped-def]
    # "Zalewska" is three contact persons and a controller; the clerk ticks control 2 only
    result = erase_person(demo_db, "Zalewska", organisation_ids=[], control_ids=[2])
    assert (result.organisations, result.controls) == (0, 1)
    with demo_db.session() as s:
        assert s.get(Control, 2).controllers == ERASED
        assert s.get(Control, 5).controllers == "M. Zalewska, J. Sokołowski"
        assert s.get(Organisation, 7).contact_person == "Teresa Zalewska"
    # ticking organisations only leaves the controllers alone
    result = erase_person(demo_db, "Zalewska", organisation_ids=[7])
    assert (result.organisations, result.controls) == (1, 0)
    with demo_db.session() as s:
        assert s.get(Control, 5).controllers == "M. Zalewska, J. Sokołowski"


def test_names_on_separate_lines_keep_their_lines() -> None:
    from app.core.personal_data import _erase_names, _matching_names

    typed = "Anna Nowak\n Jan Sokołowski ;Ewa Wiśniewska"
    assert _matching_names(typed, "sokoł") == ["Jan Sokołowski"]
    assert _erase_names(typed, "sokoł") == f"Anna Nowak\n {ERASED} ;Ewa Wiśniewska"
