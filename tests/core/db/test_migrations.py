from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.core.db import migrations
from app.core.db.engine import open_database
from app.core.db.models import Base
from app.core.errors import DatabaseError


def test_empty_file_is_migrated_to_current(db_path: Path) -> None:
    db_path.touch()
    db = open_database(db_path)
    assert migrations.schema_version(db) == migrations.CURRENT_VERSION
    db.dispose()


def test_migrated_schema_equals_models(db) -> None:  # type: ignore[no-untyped-def]
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_pragmas(db) -> None:  # type: ignore[no-untyped-def]
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_reopen_does_not_migrate_again(db_path: Path) -> None:
    open_database(db_path).dispose()
    db = open_database(db_path)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM schema_version").scalar() == migrations.CURRENT_VERSION
    db.dispose()


def test_newer_schema_is_refused(db_path: Path) -> None:
    open_database(db_path).dispose()
    con = sqlite3.connect(db_path)
    con.execute("INSERT INTO schema_version (version, applied_at, app_version) VALUES (999, '2030-01-01', '9.0')")
    con.commit()
    con.close()
    with pytest.raises(DatabaseError) as err:
        open_database(db_path)
    assert "nowszą wersję" in err.value.message


def test_text_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("to nie jest baza danych")
    with pytest.raises(DatabaseError) as err:
        open_database(path)
    assert "nie jest bazą danych WKUS" in err.value.message
    assert path.read_text() == "to nie jest baza danych"  # nothing lost


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    with pytest.raises(DatabaseError) as err:
        open_database(path)
    assert "innego programu" in err.value.message


def test_read_only_file_is_refused(db_path: Path) -> None:
    open_database(db_path).dispose()
    db_path.chmod(0o444)
    try:
        import os

        if os.access(db_path, os.W_OK):  # running as root: permissions do not bind
            pytest.skip("file permissions are not enforced for this user")
        with pytest.raises(DatabaseError) as err:
            open_database(db_path)
        assert "tylko do odczytu" in err.value.message
    finally:
        db_path.chmod(0o644)


def test_missing_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError) as err:
        open_database(tmp_path / "no" / "such" / "wkus.sqlite")
    assert "nie istnieje" in err.value.message


def test_backup_before_migration_copies_data(db_path: Path) -> None:
    db = open_database(db_path)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO setting (key, value) VALUES ('k', 'v')")
    db.dispose()
    copy = migrations.backup_before_migration(db_path, 1)
    assert copy.name.startswith("wkus.before-v2-")
    con = sqlite3.connect(copy)
    assert con.execute("SELECT value FROM setting WHERE key='k'").fetchone() == ("v",)
    con.close()


def test_older_schema_is_backed_up_then_upgraded(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_database(db_path).dispose()
    step = "tests.core.migration_step_fixture"
    new_version = len(migrations.STEPS) + 1  # whatever the number of released steps
    monkeypatch.setattr(migrations, "STEPS", migrations.STEPS + (step,))
    monkeypatch.setattr(migrations, "CURRENT_VERSION", len(migrations.STEPS))
    db = open_database(db_path)
    backups = list(db_path.parent.glob(f"wkus.before-v{new_version}-*.sqlite"))
    assert len(backups) == 1
    with db.engine.connect() as conn:
        cols = [row[1] for row in conn.exec_driver_sql("PRAGMA table_info(setting)")]
    assert "note" in cols
    db.dispose()
