"""Issue 16: restore and open refuse an incomplete database; check-db reports it without crashing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.core.backup import full_check, restore
from app.core.backup.integrity import quick_check
from app.core.backup.preview import InvalidBackup, inspect_backup
from tests.core.backup_fixtures import demo_db, demo_path, demo_template  # noqa: F401


def _hollow(path: Path) -> Path:
    """Only the schema-version table, as a hostile or truncated file could be."""
    con = sqlite3.connect(path)
    con.execute(
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at DATETIME, app_version VARCHAR(20))"
    )
    con.execute("INSERT INTO schema_version VALUES (1, '2026-01-01 00:00:00', '0.1.0')")
    con.commit()
    con.close()
    return path


def test_hollow_backup_is_refused_with_the_reason(demo_path: Path, tmp_path: Path) -> None:
    hollow = _hollow(tmp_path / "pusty.sqlite")
    with pytest.raises(InvalidBackup) as err:
        inspect_backup(hollow)
    assert "niekompletna" in err.value.message and "audit_log" in err.value.message
    before = demo_path.read_bytes()
    with pytest.raises(InvalidBackup):
        restore(demo_path, hollow, folder=tmp_path / "kopie")
    assert demo_path.read_bytes() == before  # nothing swapped


def test_backup_missing_one_column_is_refused(demo_path: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "bez_kolumny.sqlite"
    src, dst = sqlite3.connect(demo_path), sqlite3.connect(damaged)
    src.backup(dst)
    src.close()
    dst.execute("ALTER TABLE tranche DROP COLUMN returned_amount")
    dst.commit()
    dst.close()
    with pytest.raises(InvalidBackup) as err:
        inspect_backup(damaged)
    assert "tranche" in err.value.message and "returned_amount" in err.value.message


def test_check_db_and_open_report_a_hollow_file_without_crashing(tmp_path: Path) -> None:
    hollow = _hollow(tmp_path / "pusty.sqlite")
    report = full_check(hollow)  # raised "no such table: audit_log" before
    assert not report.ok
    assert any("audit_log" in p for p in report.schema_problems)
    assert "niekompletny" in report.summary()
    assert not quick_check(hollow).ok  # the start-up check offers the newest good backup


def test_complete_database_passes(demo_path: Path) -> None:
    assert full_check(demo_path).schema_problems == ()
    assert inspect_backup(demo_path).organisations == 41  # the demo's 41 NGOs


def test_a_damage_report_that_is_not_text_refuses_the_backup(demo_path: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Found by the restore fuzzer: three flipped bytes made SQLite's integrity report carry a damaged
    (not UTF-8) name, and the UnicodeDecodeError escaped from the restore."""
    from app.core.backup import preview

    def report_with_broken_bytes(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise UnicodeDecodeError("utf-8", b"\x8b", 0, 1, "invalid start byte")

    monkeypatch.setattr(preview, "run_check", report_with_broken_bytes)
    with pytest.raises(InvalidBackup):
        inspect_backup(demo_path)
    copy = tmp_path / "kopia.sqlite"
    copy.write_bytes(demo_path.read_bytes())
    with pytest.raises(InvalidBackup):
        restore(demo_path, copy, folder=tmp_path)


def _rewrite_schema(path: Path, table: str, old: str, new: str) -> None:
    """Change the stored CREATE TABLE text as one damaged byte does (SQLite's integrity check passes)."""
    con = sqlite3.connect(path)
    sql = con.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    assert old in sql
    con.execute("PRAGMA writable_schema = ON")
    con.execute("UPDATE sqlite_master SET sql = ? WHERE name = ?", (sql.replace(old, new), table))
    con.commit()
    con.close()


@pytest.mark.parametrize(
    ("table", "old", "new"),
    [
        # found by the 10 000-input restore fuzz (seed 3775): the link of contract.task_id named a column "d";
        # the backup was restored and check-db then crashed with "foreign key mismatch"
        ("contract", "REFERENCES public_task (id)", "REFERENCES public_task (d)"),
        # a type no longer containing CHAR: NUMERIC affinity, a title "123" would be stored as a number
        ("public_task", "title VARCHAR(300)", "title VARCHER(300)"),
    ],
)
def test_a_damaged_table_definition_is_refused(demo_path: Path, tmp_path: Path, table: str, old: str, new: str) -> None:
    backup = tmp_path / "kopia.sqlite"
    src, dst = sqlite3.connect(demo_path), sqlite3.connect(backup)
    src.backup(dst)
    src.close()
    dst.close()
    _rewrite_schema(backup, table, old, new)
    with pytest.raises(InvalidBackup) as err:
        inspect_backup(backup)
    assert f"Definicja tabeli {table} jest uszkodzona" in err.value.message
    before = demo_path.read_bytes()
    with pytest.raises(InvalidBackup):
        restore(demo_path, backup, folder=tmp_path / "kopie")
    assert demo_path.read_bytes() == before
    report = full_check(backup)  # check-db names it instead of crashing in PRAGMA foreign_key_check
    assert not report.ok and any(table in p for p in report.schema_problems)


def test_a_file_replaced_at_the_same_path_is_read_anew(demo_path: Path, tmp_path: Path) -> None:
    """The checks keep one engine per path (sqlite_file._engine_for); a file put in its place is the
    one checked next, never what the kept engine saw before."""
    path = tmp_path / "kopia.sqlite"
    path.write_bytes(demo_path.read_bytes())
    assert inspect_backup(path).organisations == 41  # the demo gmina's register
    path.unlink()
    _hollow(path)
    with pytest.raises(InvalidBackup):
        inspect_backup(path)
