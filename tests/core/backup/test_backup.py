"""Backups, restore and integrity checks (issue 8, points 1–3)."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.core import i18n
from app.core.backup import (
    InvalidBackup,
    auto_backup,
    backup_on_exit,
    backup_reminder,
    full_check,
    inspect_backup,
    list_backups,
    make_backup,
    manual_backup,
    newest_good_backup,
    quick_check,
    restore,
)
from app.core.backup.auto import BackupFile, files_to_prune
from app.core.db import sqlite_file
from app.core.db.engine import open_database
from app.core.db.models import Organisation
from app.core.errors import DatabaseError, UserFacingError
from tests.core.backup_fixtures import demo_db, demo_path, demo_template  # noqa: F401


@pytest.fixture
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("pl")


def _org_count(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM organisation").fetchone()[0]
    finally:
        con.close()


def _damage(path: Path) -> None:
    """Overwrite pages in the middle of the file with garbage (what a failing disk does)."""
    size = path.stat().st_size
    with path.open("r+b") as fh:
        fh.seek(size // 2)
        fh.write(b"\xde\xad\xbe\xef" * 2048)


# ---- backup ----------------------------------------------------------------------------------


def test_backup_is_verified_and_self_contained(demo_path: Path, tmp_path: Path) -> None:
    from app.core.db.migrations import CURRENT_VERSION

    target = tmp_path / "usb" / "kopia.sqlite"
    target.parent.mkdir()
    result = make_backup(demo_path, target)
    p = result.preview
    # the demo gmina: 41 organisations, 25 contracts, 42 contract reports (DemoSummary)
    from app.core.db.migrations import CURRENT_VERSION

    assert (p.gmina_name, p.organisations, p.contracts, p.documents, p.schema_version) == (
        "Gmina Przykładowa (DEMO)",
        41,
        25,
        42,
        CURRENT_VERSION,
    )
    assert target.is_file()
    # one file for the USB stick: rollback-journal mode, no -wal beside it, no leftover .part
    assert sorted(x.name for x in target.parent.iterdir()) == ["kopia.sqlite"]
    con = sqlite3.connect(target)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    con.close()


def test_backup_includes_changes_still_in_the_wal(demo_path: Path, tmp_path: Path) -> None:
    app = sqlite3.connect(demo_path)  # the running app: its connection keeps the WAL alive
    app.execute("PRAGMA journal_mode=WAL")
    app.execute("PRAGMA wal_autocheckpoint=0")
    app.execute("UPDATE organisation SET name = 'Zmieniona nazwa' WHERE id = 1")
    app.commit()
    try:
        assert Path(str(demo_path) + "-wal").stat().st_size > 0  # a copy of the main file alone would miss it
        result = make_backup(demo_path, tmp_path / "b.sqlite")
    finally:
        app.close()
    con = sqlite3.connect(result.path)
    assert con.execute("SELECT name FROM organisation WHERE id = 1").fetchone()[0] == "Zmieniona nazwa"
    con.close()


def test_backup_to_missing_folder_or_onto_itself_is_refused(demo_path: Path, tmp_path: Path) -> None:
    with pytest.raises(UserFacingError):
        make_backup(demo_path, tmp_path / "nie-ma" / "b.sqlite")
    with pytest.raises(UserFacingError):
        make_backup(demo_path, demo_path)
    assert _org_count(demo_path) == 41


def test_full_disk_during_backup_leaves_old_backup_intact(
    demo_path: Path, tmp_path: Path, monkeypatch, english
) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "b.sqlite"
    make_backup(demo_path, target)
    before = target.read_bytes()

    def disk_full(_path: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sqlite_file, "_fsync", disk_full)
    with pytest.raises(UserFacingError) as err:
        make_backup(demo_path, target)
    assert "disk is full" in err.value.message
    assert target.read_bytes() == before
    assert not (tmp_path / "b.sqlite.part").exists()


# ---- inspecting and refusing files -----------------------------------------------------------


def test_refused_files_name_the_reason(demo_path: Path, tmp_path: Path, english) -> None:  # type: ignore[no-untyped-def]
    text = tmp_path / "notatki.sqlite"
    text.write_text("to nie jest kopia")
    empty = tmp_path / "pusty.sqlite"
    empty.touch()
    other = tmp_path / "zdjecia.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    newer = tmp_path / "nowsza.sqlite"
    make_backup(demo_path, newer)
    con = sqlite3.connect(newer)
    from app.core.db.migrations import CURRENT_VERSION

    future = CURRENT_VERSION + 1  # one step past this program, whatever the number of released steps
    con.execute(
        "INSERT INTO schema_version (version, applied_at, app_version) VALUES (?, '2030-01-01', '9.0')", (future,)
    )
    con.commit()
    con.close()
    damaged = tmp_path / "uszkodzona.sqlite"
    make_backup(demo_path, damaged)
    _damage(damaged)
    expected = {
        tmp_path / "brak.sqlite": "does not exist",
        text: "not an SQLite database file",
        empty: "not an SQLite database file",
        other: "database of another program",
        newer: f"newer version of WKUS Desktop (schema {future}",
        damaged: "is damaged",
    }
    for path, reason in expected.items():
        with pytest.raises(InvalidBackup) as err:
            inspect_backup(path)
        assert reason in err.value.message, (path, err.value.message)
        assert path.name in err.value.message


def test_inspect_does_not_change_the_file(demo_path: Path, tmp_path: Path) -> None:
    target = make_backup(demo_path, tmp_path / "b.sqlite").path
    before = target.read_bytes()
    inspect_backup(target)
    assert target.read_bytes() == before
    assert sorted(x.name for x in tmp_path.iterdir()) == ["b.sqlite", "gmina.sqlite"]


# ---- automatic backups -----------------------------------------------------------------------


def test_automatic_backup_at_most_daily(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "backups"
    folder.mkdir()
    db.dispose()
    day = dt.datetime(2026, 3, 1, 9, 0)
    first = auto_backup(db.path, folder=folder, now=day)
    assert first is not None and first.name.endswith("-auto-20260301-090000.sqlite")
    assert auto_backup(db.path, folder=folder, now=day.replace(hour=17)) is None  # same day
    assert auto_backup(db.path, folder=folder, now=day + dt.timedelta(days=1)) is not None
    assert len(list_backups(db.path, folder)) == 2


def test_rotation_keeps_last_ten_and_one_per_month(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "backups"
    folder.mkdir()
    db.dispose()
    days = [dt.datetime(2026, 1, d) for d in (5, 15, 25)] + [dt.datetime(2026, 2, d) for d in (5, 15, 25)]
    days += [dt.datetime(2026, 3, d) for d in range(1, 9)]
    for day in days:  # 14 backups
        auto_backup(db.path, folder=folder, now=day)
    kept = sorted(b.made_at.date() for b in list_backups(db.path, folder))
    # last ten: 1–8 March, 25 and 15 February; plus the newest of January (25th) = 11 files;
    # removed: 5 and 15 January, 5 February
    removed = {dt.date(2026, 1, 5), dt.date(2026, 1, 15), dt.date(2026, 2, 5)}
    assert kept == sorted(d.date() for d in days if d.date() not in removed)
    assert len(kept) == 11


def test_rotation_ignores_other_databases_and_manual_files() -> None:
    autos = [BackupFile(Path(f"a{i}"), "auto", dt.datetime(2026, 5, i + 1)) for i in range(12)]
    restore_copy = BackupFile(Path("r"), "before-restore", dt.datetime(2025, 1, 1))
    pruned = files_to_prune(autos + [restore_copy])
    # 12 in May: keep the newest 10 (3..12 May); 1 and 2 May go; the pre-restore copy is never pruned
    assert [b.made_at.day for b in pruned] == [2, 1]


def test_damaged_database_is_not_backed_up_automatically(demo_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    _damage(demo_path)
    assert auto_backup(demo_path, folder=folder, now=dt.datetime(2026, 4, 1)) is None
    assert list(folder.iterdir()) == []


def test_backup_on_exit_never_raises(tmp_path: Path) -> None:
    assert backup_on_exit(None) is None
    assert backup_on_exit(tmp_path / "nie-ma.sqlite") is None
    junk = tmp_path / "junk.sqlite"
    junk.write_text("x" * 100)
    assert backup_on_exit(junk, folder=tmp_path) is None


def test_backup_on_exit_writes_to_user_data_folder(db) -> None:  # type: ignore[no-untyped-def]
    from app.paths import backup_dir

    db.dispose()
    made = backup_on_exit(db.path)
    assert made is not None and made.parent == backup_dir()
    made.unlink()


def test_manual_backup_reminder(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    reminder = backup_reminder(db)
    assert reminder is not None and reminder.last_manual is None
    made = dt.datetime(2026, 5, 1, 12, 0)
    manual_backup(db, tmp_path / "usb.sqlite", now=made)
    assert backup_reminder(db, now=made + dt.timedelta(days=6, hours=23)) is None
    later = backup_reminder(db, now=made + dt.timedelta(days=8))
    assert later is not None and later.days_since == 8 and later.last_manual == made


def test_reminder_message_for_the_main_window(db, tmp_path: Path, english) -> None:  # type: ignore[no-untyped-def]
    from app.core.backup import reminder_message

    assert "No backup of this database" in reminder_message(db)
    made = dt.datetime(2026, 5, 1, 12, 0)
    manual_backup(db, tmp_path / "usb.sqlite", now=made)
    assert reminder_message(db, now=made + dt.timedelta(days=3)) is None
    text = reminder_message(db, now=made + dt.timedelta(days=9))
    assert "9 days ago (01/05/2026)" in text


# ---- restore ---------------------------------------------------------------------------------


def test_restore_swaps_and_keeps_the_current_database(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "backups"
    folder.mkdir()
    backup = make_backup(demo_db.path, tmp_path / "kopia.sqlite").path
    with demo_db.session() as s:
        s.delete(s.get(Organisation, 41))  # organisation 41 is in no contract in the demo
    demo_db.dispose()
    assert _org_count(demo_db.path) == 40
    result = restore(demo_db.path, backup, folder=folder, now=dt.datetime(2026, 6, 1, 8, 0))
    assert result.restored.organisations == 41
    assert _org_count(demo_db.path) == 41
    assert result.previous_copy is not None and _org_count(result.previous_copy) == 40
    assert not Path(str(demo_db.path) + ".restore").exists()
    reopened = open_database(demo_db.path)
    assert full_check(demo_db.path).ok
    reopened.dispose()


def test_restore_discards_stale_wal_of_the_old_file(demo_path: Path, tmp_path: Path) -> None:
    """A crash left `-wal` beside the database: it is folded into the kept copy, not into the restored file."""
    backup = make_backup(demo_path, tmp_path / "kopia.sqlite").path
    crashed = tmp_path / "crashed.sqlite"
    con = sqlite3.connect(demo_path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute("UPDATE organisation SET name = 'Tylko w WAL' WHERE id = 2")
    con.commit()
    shutil.copy(demo_path, crashed)
    shutil.copy(str(demo_path) + "-wal", str(crashed) + "-wal")  # the file pair as a SIGKILL leaves it
    con.close()
    folder = tmp_path / "backups"
    folder.mkdir()
    result = restore(crashed, backup, folder=folder)
    assert not Path(str(crashed) + "-wal").exists() and not Path(str(crashed) + "-shm").exists()
    con = sqlite3.connect(crashed)
    assert con.execute("SELECT name FROM organisation WHERE id = 2").fetchone()[0] != "Tylko w WAL"
    con.close()
    con = sqlite3.connect(result.previous_copy)
    assert con.execute("SELECT name FROM organisation WHERE id = 2").fetchone()[0] == "Tylko w WAL"
    con.close()
    assert full_check(crashed).ok


def test_restore_refused_while_database_is_open_elsewhere(
    demo_path: Path, tmp_path: Path, monkeypatch, english
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sqlite_file, "BUSY_TIMEOUT_MS", 200)
    backup = make_backup(demo_path, tmp_path / "kopia.sqlite").path
    other = sqlite3.connect(demo_path)  # another copy of the app, in the middle of a write
    other.execute("PRAGMA journal_mode=WAL")
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE organisation SET name = 'W trakcie' WHERE id = 3")
    folder = tmp_path / "backups"
    folder.mkdir()
    try:
        with pytest.raises(DatabaseError) as err:
            restore(demo_path, backup, folder=folder)
        assert "another copy" in err.value.message
    finally:
        other.rollback()
        other.close()
    assert _org_count(demo_path) == 41 and full_check(demo_path).ok


def test_invalid_backup_changes_nothing(demo_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "zly.sqlite"
    bad.write_bytes(b"PK\x03\x04 this is a zip")
    before = demo_path.read_bytes()
    with pytest.raises(InvalidBackup):
        restore(demo_path, bad, folder=tmp_path)
    assert demo_path.read_bytes() == before
    assert sorted(x.name for x in tmp_path.iterdir()) == ["gmina.sqlite", "zly.sqlite"]


def test_restore_over_a_damaged_database_keeps_its_files(demo_path: Path, tmp_path: Path) -> None:
    backup = make_backup(demo_path, tmp_path / "kopia.sqlite").path
    _damage(demo_path)
    damaged_bytes = demo_path.read_bytes()
    folder = tmp_path / "backups"
    folder.mkdir()
    result = restore(demo_path, backup, folder=folder)
    assert result.previous_copy is not None and result.previous_copy.is_dir()
    assert (result.previous_copy / "gmina.sqlite").read_bytes() == damaged_bytes
    assert full_check(demo_path).ok and _org_count(demo_path) == 41


# ---- integrity -------------------------------------------------------------------------------


def test_quick_and_full_check_of_a_sound_database(demo_path: Path, english) -> None:  # type: ignore[no-untyped-def]
    quick = quick_check(demo_path)
    assert quick.ok and not quick.full
    full = full_check(demo_path)
    assert full.ok and full.full and full.summary() == "The database and its change log are in order."


def test_damage_is_found(demo_path: Path) -> None:
    _damage(demo_path)
    assert not quick_check(demo_path).ok
    report = full_check(demo_path)
    assert report.problems and not report.ok


def test_altered_audit_entry_is_named(demo_path: Path, english) -> None:  # type: ignore[no-untyped-def]
    con = sqlite3.connect(demo_path)
    con.execute("UPDATE audit_log SET new_value = 'podmienione' WHERE id = 100")
    con.commit()
    con.close()
    report = full_check(demo_path)
    assert report.problems == () and report.audit_broken_at == 100
    assert "no. 100" in report.summary()


def test_newest_good_backup_skips_damaged_ones(demo_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    older = auto_backup(demo_path, folder=folder, now=dt.datetime(2026, 4, 1))
    newer = auto_backup(demo_path, folder=folder, now=dt.datetime(2026, 4, 2))
    assert older and newer
    assert newest_good_backup(demo_path, folder) == newer
    _damage(newer)
    assert newest_good_backup(demo_path, folder) == older


def test_orphaned_rows_are_reported_but_not_damage(demo_path: Path, english) -> None:  # type: ignore[no-untyped-def]
    con = sqlite3.connect(demo_path)  # foreign keys off, as in a careless external tool
    con.execute("DELETE FROM organisation WHERE id = 41")
    con.commit()
    con.close()
    inspect_backup(demo_path)  # still restorable
    report = full_check(demo_path)
    assert report.problems == () and report.foreign_key_problems and not report.ok
    assert "refer to records that no longer exist" in report.summary()
