"""Restoring a backup: check it, back up the current database, then swap the files atomically.

The caller must have disposed every engine on the database first (the app closes its views).
The swap: the restored copy is written beside the database as `<name>.restore`; the current file's
WAL is checkpointed and SQLite itself removes `-wal`/`-shm` (a stale WAL left beside the new file
would be replayed into it and corrupt it); then `os.replace` switches the files in one step, so a
crash leaves either the old database or the new one, never a mix.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.core.backup.auto import backup_name
from app.core.backup.copy import make_backup
from app.core.backup.preview import BackupPreview, inspect_backup
from app.core.db.sqlite_file import checkpoint_and_leave_wal, online_backup, run_check, sidecar_files
from app.core.errors import DatabaseError, UserFacingError
from app.core.i18n import _

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupPreview
    #: copy of the database as it was before the restore (None when there was no database)
    previous_copy: Path | None


def _keep_current(db_path: Path, folder: Path, now: dt.datetime) -> Path:
    target = folder / backup_name(db_path, "before-restore", now)
    try:
        return make_backup(db_path, target).path
    except UserFacingError:
        if not run_check_safe(db_path):
            raise
        # A damaged database cannot go through the backup API; keep its files as they are.
        damaged = folder / (target.stem + "-damaged")
        damaged.mkdir(parents=True, exist_ok=True)
        for path in [db_path, *sidecar_files(db_path)]:
            if path.exists():
                shutil.copy2(path, damaged / path.name)
        log.warning("damaged database copied as files to %s", damaged)
        return damaged


def run_check_safe(db_path: Path) -> list[str]:
    try:
        return run_check(db_path, full=False, read_only=False)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        return [str(exc)]


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":  # Windows has no directory handles to flush; NTFS journals the rename
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def restore(
    db_path: Path | str, backup: Path | str, *, folder: Path | None = None, now: dt.datetime | None = None
) -> RestoreResult:
    """Replace the database at `db_path` by the backup `backup`; the current one is kept first."""
    from app.paths import backup_dir

    db_path, backup = Path(db_path), Path(backup)
    preview = inspect_backup(backup, verify_log=True)
    if backup.resolve() == db_path.resolve():
        raise UserFacingError(_("The chosen backup is the database itself."))
    folder = folder or backup_dir()
    now = now or dt.datetime.now()
    previous = _keep_current(db_path, folder, now) if db_path.is_file() else None
    staged = db_path.with_name(db_path.name + ".restore")
    try:
        online_backup(backup, staged)
        if run_check(staged, full=True):
            raise UserFacingError(_("The backup {path} is damaged and cannot be restored.").format(path=backup))
        if db_path.is_file():
            try:
                checkpoint_and_leave_wal(db_path)
            except sqlite3.OperationalError as exc:
                if "locked" in str(exc).lower() or "busy" in str(exc).lower():
                    raise DatabaseError(
                        _(
                            "The database {path} is open in another program or another copy of "
                            "WKUS Desktop. Close it and try again."
                        ).format(path=db_path)
                    ) from exc
                raise
            except sqlite3.DatabaseError:
                log.warning("damaged database %s: its WAL is discarded (a copy was kept)", db_path)
        for side in sidecar_files(db_path):
            side.unlink(missing_ok=True)
        os.replace(staged, db_path)
        _fsync_dir(db_path.parent)
    except OSError as exc:
        raise UserFacingError(
            _("The backup could not be restored: {reason}. The database was not changed.").format(reason=exc)
        ) from exc
    finally:
        staged.unlink(missing_ok=True)
    log.info("restored %s from %s (previous copy: %s)", db_path, backup, previous)
    return RestoreResult(preview, previous)
