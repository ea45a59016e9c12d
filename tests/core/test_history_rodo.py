"""Contract change history (issue 8, point 7) and contact persons' data (point 8)."""

from __future__ import annotations

import csv
import json
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from app.core.audit import verify_chain
from app.core.change_history import contract_history, history_text, write_history_csv
from app.core.db.models import Contract, Organisation
from app.core.domain.enums import AuditAction
from app.core.errors import NotFound, UserFacingError
from app.core.personal_data import ERASED, erase_person, export_person, find_person
from app.core.services.common import remove_child
from tests.core.backup_fixtures import demo_db, demo_path, demo_template  # noqa: F401

# runs on SQLite and on the tests' PostgreSQL server (tests/conftest.py, issue 19)
pytestmark = pytest.mark.pg


def _children_of(path: Path, contract_id: int) -> int:
    con = sqlite3.connect(path)
    try:
        n = sum(
            con.execute(f"SELECT count(*) FROM {t} WHERE contract_id = ?", (contract_id,)).fetchone()[0]
            for t in ("contract_party", "tranche", "own_contribution", "planned_result", "contract_report", "control")
        )
        n += con.execute(
            "SELECT count(*) FROM result_value WHERE planned_result_id IN "
            "(SELECT id FROM planned_result WHERE contract_id = ?)",
            (contract_id,),
        ).fetchone()[0]
        return n
    finally:
        con.close()


def test_contract_history_follows_children_even_deleted(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    children = _children_of(demo_db.path, 1)
    with demo_db.session() as s:
        k = s.get(Contract, 1)
        old_title = k.title
        k.title = "Tytuł po aneksie"
        first, *rest = k.tranches
        first.amount = first.amount + Decimal("100.00")
        doomed = k.tranches[-1]
        doomed_id = doomed.id
        remove_child(k.tranches, doomed)  # as the services do (an orphan alone is not audited)
    history = contract_history(demo_db, 1)
    creates = [x for x in history.lines if x.action is AuditAction.CREATE]
    assert len(creates) == 1 + children  # the contract and each of its rows, created by the demo
    assert creates[0].entity == "contract"
    last = history.lines[-3:]
    assert {(x.action, x.entity, x.field) for x in last} == {
        (AuditAction.UPDATE, "contract", "title"),
        (AuditAction.UPDATE, "tranche", "amount"),
        (AuditAction.DELETE, "tranche", ""),
    }
    assert any(x.entity_id == doomed_id and x.action is AuditAction.DELETE for x in last)
    assert {x.entity for x in history.lines} <= {
        "contract",
        "contract_party",
        "tranche",
        "own_contribution",
        "planned_result",
        "result_value",
        "contract_report",
        "control",
    }
    assert history.chain_broken_at is None
    text = history_text(history)
    assert "Tytuł po aneksie" in text and old_title in text
    path = tmp_path / "historia.csv"
    write_history_csv(history, path)
    rows = list(csv.reader(path.open(encoding="utf-8-sig"), delimiter=";"))
    assert len(rows) == 1 + len(history.lines)


def test_history_of_other_contract_is_separate(demo_db) -> None:  # type: ignore[no-untyped-def]
    one = {x.entry_id for x in contract_history(demo_db, 1).lines}
    two = {x.entry_id for x in contract_history(demo_db, 2).lines}
    assert one and two and not one & two


def test_history_reports_an_altered_log(demo_path: Path) -> None:
    from app.core.db.engine import open_database

    con = sqlite3.connect(demo_path)
    con.execute("UPDATE audit_log SET os_user = 'ktos' WHERE id = 7")
    con.commit()
    con.close()
    db = open_database(demo_path)
    try:
        history = contract_history(db, 1)
        assert history.chain_broken_at == 7
        assert "nr 7" in history_text(history) or "no. 7" in history_text(history)
        with pytest.raises(NotFound):
            contract_history(db, 999)
    finally:
        db.dispose()


# ---- personal data ---------------------------------------------------------------------------


def test_find_and_export_a_contact_person(demo_db) -> None:  # type: ignore[no-untyped-def]
    # organisation 2 of the demo: contact Ewa Łapińska, ewa@org02.example
    found = find_person(demo_db, "ewa łapińska")
    assert [o.organisation_id for o in found] == [2]
    by_mail = find_person(demo_db, "EWA@ORG02")
    assert [o.organisation_id for o in by_mail] == [2]
    export = export_person(demo_db, "ewa@org02.example")
    data = json.loads(export.to_json())
    assert data["organisations"][0]["contact_person"] == "Ewa Łapińska"
    # the demo's creation of organisation 2 is in the log and mentions her
    assert any(m["record"] == "organisation" and m["record_id"] == 2 for m in data["change_log_mentions"])
    with pytest.raises(UserFacingError):
        find_person(demo_db, "ew")


def test_erasure_replaces_data_and_keeps_the_chain(demo_db) -> None:  # type: ignore[no-untyped-def]
    result = erase_person(demo_db, "Ewa Łapińska")
    assert result.organisations == 1
    assert result.remaining_log_mentions >= 1  # the creation entry, kept under art. 17(3)(b)
    with demo_db.session() as s:
        org = s.get(Organisation, 2)
        assert (org.contact_person, org.contact_email, org.contact_phone) == (ERASED, "", "")
        assert verify_chain(s) is None
        from app.core.audit import history

        last = history(s, "organisation", 2, limit=1)[0]
        assert last.field == "contact_person" and last.new_value == ERASED and last.old_value is None
    assert find_person(demo_db, "Ewa Łapińska") == []
    # the other Łapińskas of the demo (organisations 13 and 29) are untouched
    assert sorted(o.organisation_id for o in find_person(demo_db, "Łapińska")) == [13, 29]
    with pytest.raises(UserFacingError):
        erase_person(demo_db, "Ewa Łapińska")


def test_erasure_limited_to_confirmed_organisations(demo_db) -> None:  # type: ignore[no-untyped-def]
    matches = find_person(demo_db, "example")  # every demo e-mail is @orgNN.example
    assert len(matches) == 41
    result = erase_person(demo_db, "example", organisation_ids=[3, 4])
    assert result.organisations == 2
    assert len(find_person(demo_db, "example")) == 39


def test_history_text_of_a_creation_without_a_value() -> None:
    # an entry's new_value is nullable: the printed history named the line and then raised TypeError
    # ("    " + None) instead of printing it
    import datetime as dt

    from app.core.change_history import ContractHistory, HistoryLine

    line = HistoryLine(7, dt.datetime(2025, 3, 1, 10, 0), "clerk", AuditAction.CREATE, "contract", 3, "", None, None)
    text = history_text(ContractHistory(3, "Świetlica", "OR.526.1.2025", (line,), None))
    assert text.splitlines()[-1] == "    "
