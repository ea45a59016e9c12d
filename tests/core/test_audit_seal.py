"""Issue 16: check-db sees data edited outside the program, a removed last log entry and a chain
recomputed without the key; backups carry a seal of the log's length and head."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest

from app.core.audit import current_seal, seal_text, verify_log
from app.core.audit_seal import key_path
from app.core.backup import full_check, make_backup, restore
from app.core.backup.preview import InvalidBackup, inspect_backup
from tests.core.backup_fixtures import TODAY, demo_db, demo_path, demo_template  # noqa: F401


def _sql(path: Path, *statements: str) -> None:
    con = sqlite3.connect(path)
    for statement in statements:
        con.execute(statement)
    con.commit()
    con.close()


def test_the_demo_and_ordinary_edits_are_in_order(demo_db) -> None:  # type: ignore[no-untyped-def]
    from app.core.personal_data import erase_person, find_person
    from app.core.services import organisations as orgs
    from app.core.services import tasks
    from app.core.services.contracts import (
        contract_input,
        delete_contract,
        get_contract,
        update_contract,
    )
    from app.core.tools import service as ts

    org = orgs.get_organisation(demo_db, 3)
    orgs.update_organisation(
        demo_db,
        3,
        orgs.organisation_input(org).__class__(**{**orgs.organisation_input(org).__dict__, "city": "Nowe Miasto"}),
    )
    data = contract_input(get_contract(demo_db, 2))
    data.notes = "Aneks nr 1"
    update_contract(demo_db, 2, data)
    delete_contract(demo_db, 5)
    with demo_db.session() as s:
        from app.core.db.models import Contract, PublicTask

        task_id = s.query(Contract.task_id).filter(Contract.task_id.isnot(None)).first()[0]
        assert s.get(PublicTask, task_id) is not None
    tasks.delete_task(demo_db, task_id)  # contracts lose the link by ON DELETE SET NULL
    with demo_db.session() as s:
        from app.core.db.models import Organisation

        name = s.query(Organisation.contact_person).filter(Organisation.contact_person != "").first()[0]
    assert find_person(demo_db, name)
    erase_person(demo_db, name)
    ts.recompute_all(demo_db, as_of=TODAY)
    demo_db.dispose()
    report = full_check(demo_db.path)
    assert report.ok, (report.summary(), report.tampering)


def test_an_amount_edited_in_sqlite_names_the_record(demo_db) -> None:  # type: ignore[no-untyped-def]
    demo_db.dispose()
    _sql(demo_db.path, "UPDATE tranche SET amount = amount * 10 WHERE id = 7")
    report = full_check(demo_db.path)
    assert not report.ok
    assert report.audit_broken_at is None  # the log itself is intact: it is the data that changed
    assert any(t.startswith("tranche nr 7:") for t in report.tampering), report.tampering
    assert "zmienione poza programem" in report.summary()


def test_a_deleted_last_entry_names_the_record(demo_db) -> None:  # type: ignore[no-untyped-def]
    from app.core.services import organisations as orgs

    record = orgs.get_organisation(demo_db, 4)
    data = orgs.organisation_input(record)
    orgs.update_organisation(demo_db, 4, data.__class__(**{**data.__dict__, "phone": "+48 600 000 000"}))
    demo_db.dispose()
    _sql(demo_db.path, "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
    report = full_check(demo_db.path)
    assert not report.ok
    assert any(t.startswith("organisation nr 4:") for t in report.tampering), report.tampering


def test_a_chain_recomputed_without_the_key_is_detected(demo_db) -> None:  # type: ignore[no-untyped-def]
    demo_db.dispose()
    con = sqlite3.connect(demo_db.path)
    con.execute("UPDATE tranche SET amount = amount * 10 WHERE id = 7")
    # the attacker rewrites every hash as plain SHA-256 (the schema-1 formula), as the test did
    prev = ""
    rows = con.execute(
        "SELECT id, at, os_user, action, entity, entity_id, field, old_value, new_value FROM audit_log ORDER BY id"
    ).fetchall()
    for ident, at, user, action, entity, entity_id, field, old, new in rows:
        payload = json.dumps(
            [
                prev,
                dt.datetime.fromisoformat(at).isoformat(timespec="microseconds"),
                user,
                action,
                entity,
                entity_id,
                field,
                old,
                new,
            ],
            ensure_ascii=False,
        )
        digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()
        con.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", (prev, digest, ident))
        prev = digest
    con.commit()
    con.close()
    report = full_check(demo_db.path)
    assert report.audit_broken_at == rows[0][0]  # the very first entry no longer verifies
    assert not report.ok
    # and marking every entry as written before the key does not help either: the digests give it away
    _sql(demo_db.path, "UPDATE audit_log SET key_id = ''")
    assert full_check(demo_db.path).audit_broken_at is not None


def test_backup_carries_the_seal_and_a_truncated_log_is_refused(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with demo_db.session() as s:
        seal = current_seal(s)
        entries = verify_log(s).entries
    assert seal.length == entries and seal.head_id is not None
    assert str(entries) in seal_text(seal).replace("\xa0", "").replace(" ", "")
    backup = make_backup(demo_db.path, tmp_path / "kopia.sqlite").path
    con = sqlite3.connect(backup)
    stored = json.loads(con.execute("SELECT value FROM setting WHERE key = 'audit_seal'").fetchone()[0])
    con.close()
    assert (stored["length"], stored["head_id"]) == (seal.length, seal.head_id)
    inspect_backup(backup, verify_log=True)  # a sound backup passes
    # the last entry removed from the backup (a CREATE of the last record: that record goes too)
    _sql(backup, "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
    with pytest.raises(InvalidBackup) as err:
        inspect_backup(backup, verify_log=True)
    assert "kopia.sqlite" in err.value.message
    demo_db.dispose()
    before = demo_db.path.read_bytes()
    with pytest.raises(InvalidBackup):
        restore(demo_db.path, backup, folder=tmp_path / "kopie")
    assert demo_db.path.read_bytes() == before


def test_the_key_is_kept_outside_the_database(demo_db) -> None:  # type: ignore[no-untyped-def]
    key = key_path()
    assert key.is_file() and key.parent == Path(os.environ["WKUS_DATA_DIR"])
    assert key.read_text().strip() not in demo_db.path.read_bytes().decode("latin-1")
    if os.name == "posix":
        assert key.stat().st_mode & 0o077 == 0  # readable by the user only


def test_seal_line_for_the_annex(db) -> None:  # type: ignore[no-untyped-def]
    from app.core.audit import seal_line
    from app.core.db.models import Organisation
    from app.core.domain.enums import LegalForm, RegistryType

    assert seal_line(db).startswith("Dziennik zmian: liczba wpisów 0, ostatni wpis nr —")
    with db.session() as s:
        s.add(Organisation(name="Fundacja", legal_form=LegalForm.FUNDACJA, registry_type=RegistryType.KRS))
    line = seal_line(db)
    # one organisation created = one CREATE entry, no. 1
    assert line.startswith("Dziennik zmian: liczba wpisów 1, ostatni wpis nr 1, skrót ")


def test_a_schema_1_database_keeps_working_with_its_entries_marked_legacy(tmp_path: Path) -> None:
    import shutil

    from app.core.db.engine import open_database
    from app.core.db.models import Organisation

    path = tmp_path / "v1.sqlite"
    shutil.copyfile(Path(__file__).parent.parent / "fixtures" / "db" / "v1.sqlite", path)
    db = open_database(path)  # upgraded: the old entries get key_id '' (legacy)
    with db.session() as s:
        s.get(Organisation, 2).city = "Inne Miasto"  # the first keyed entry
    db.dispose()
    report = full_check(path)
    assert report.ok, report.summary()
    assert report.notes and "przed wprowadzeniem klucza" in report.notes[0]
    # the organisation edited after the upgrade is now covered: an edit in SQLite is seen
    _sql(path, "UPDATE organisation SET city = 'Gdzie indziej' WHERE id = 2")
    assert any(t.startswith("organisation nr 2:") for t in full_check(path).tampering)


def test_a_damaged_code_in_the_log_or_a_record_is_reported_not_raised(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Found by the restore fuzzer: one flipped byte in audit_log.action ('CR0ATE') raised
    "'CR0ATE' is not a valid AuditAction" out of check-db and restore."""
    demo_db.dispose()
    backup = tmp_path / "kopia.sqlite"
    make_backup(demo_db.path, backup)
    _sql(backup, "UPDATE audit_log SET action = 'CR0ATE' WHERE id = 3")
    report = full_check(backup)
    assert report.audit_broken_at == 3
    with pytest.raises(InvalidBackup):
        restore(demo_db.path, backup, folder=tmp_path)
    _sql(backup, "UPDATE audit_log SET action = 'CREATE' WHERE id = 3", "UPDATE contract SET form = 'XX' WHERE id = 1")
    report = full_check(backup)
    assert not report.ok and any(t.startswith("contract: tabela zawiera") for t in report.tampering), report.tampering


def test_check_db_command_names_the_record(demo_db, capsys) -> None:  # type: ignore[no-untyped-def]
    from app.cli import main

    demo_db.dispose()
    _sql(demo_db.path, "UPDATE tranche SET amount = amount * 10 WHERE id = 7")
    assert main(["check-db", "--db", str(demo_db.path)]) == 1
    assert "tranche nr 7:" in capsys.readouterr().out
