"""One verified backup file: SQLite's online backup API, then a full check of what was written."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.core.backup.preview import BackupPreview, InvalidBackup, inspect_backup, table_counts
from app.core.db.sqlite_file import online_backup, read_only_engine
from app.core.errors import DatabaseError, UserFacingError, os_reason
from app.core.i18n import _

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackupResult:
    path: Path
    preview: BackupPreview


def source_counts(db_path: Path) -> dict[str, int]:
    engine = read_only_engine(db_path, read_only=False)
    try:
        with engine.connect() as conn:
            return table_counts(conn)
    finally:
        engine.dispose()


def make_backup(db_path: Path | str, target: Path | str) -> BackupResult:
    """Copy the database at `db_path` to `target` and verify the copy.

    Verified means: SQLite's integrity_check passes on the written file, it has our schema version
    and its row counts equal the source's (compared only when the source did not change while
    being copied, so a write in the app during the backup is not a false alarm).
    Raises UserFacingError (nothing is left under `target` when writing failed).
    """
    db_path, target = Path(db_path), Path(target)
    if not db_path.is_file():
        raise DatabaseError(_("The database file {path} does not exist.").format(path=db_path))
    if target.resolve() == db_path.resolve():
        raise UserFacingError(_("Choose a file other than the database itself for the backup."))
    if not target.parent.is_dir():
        raise UserFacingError(_("The folder {folder} does not exist.").format(folder=target.parent))
    try:
        before = source_counts(db_path)
        online_backup(db_path, target)
        after = source_counts(db_path)
    except (sqlite3.Error, OSError) as exc:
        log.warning("backup of %s to %s failed: %s", db_path, target, exc)
        raise UserFacingError(backup_failure_message(exc, target)) from exc
    except Exception as exc:  # SQLAlchemy wraps sqlite3 errors while counting rows
        log.warning("backup of %s to %s failed: %s", db_path, target, exc)
        raise UserFacingError(backup_failure_message(exc, target)) from exc
    try:
        write_seal(target)
    except Exception as exc:  # SQLAlchemy and sqlite3 errors alike: the copy is not usable
        target.unlink(missing_ok=True)
        raise UserFacingError(backup_failure_message(exc, target)) from exc
    try:
        preview = inspect_backup(target)
    except InvalidBackup as exc:
        raise UserFacingError(
            _("The backup was written to {path} but failed verification: {reason}").format(
                path=target, reason=exc.message
            )
        ) from exc
    if before == after and _without_seal(preview.counts) != _without_seal(after):
        raise UserFacingError(
            _(
                "The backup was written to {path} but failed verification: the numbers of "
                "records differ from the database."
            ).format(path=target)
        )
    log.info("verified backup %s (%d bytes)", target, preview.size_bytes)
    return BackupResult(target, preview)


def _without_seal(counts: dict[str, int]) -> dict[str, int]:
    # the backup holds one setting more than the database: the seal of its change log
    return {k: v for k, v in counts.items() if k != "setting"}


def write_seal(target: Path) -> None:
    """Write the log's length and head, sealed with the installation key, into the backup file: a
    backup whose log is later shortened or replaced no longer matches its own seal."""
    from sqlalchemy.orm import Session

    from app.core.audit import current_seal
    from app.core.backup.integrity import SEAL_SETTING
    from app.core.db.models import Setting

    engine = read_only_engine(target, read_only=False)
    try:
        with Session(engine) as s, s.begin():
            seal = current_seal(s)
            s.merge(Setting(key=SEAL_SETTING, value=seal.as_json()))
    finally:
        engine.dispose()


def backup_failure_message(exc: BaseException, target: Path) -> str:
    text = str(exc).lower()
    if isinstance(exc, OSError) and getattr(exc, "errno", None) == 28 or "full" in text:
        return _("The backup could not be written to {path}: the disk is full.").format(path=target)
    if isinstance(exc, PermissionError) or "readonly" in text or "read-only" in text or "permission" in text:
        return _("The backup could not be written to {path}: no permission to write there.").format(path=target)
    if "locked" in text or "busy" in text:
        return _("The backup could not be made: the database is locked by another program. Try again in a moment.")
    if "malformed" in text or "not a database" in text:
        return _(
            "The backup could not be made: the database file is damaged. Use \u201cCheck database\u201d "
            "and restore the newest good backup."
        )
    reason = os_reason(exc) if isinstance(exc, OSError) else exc
    return _("The backup could not be written to {path}: {reason}").format(path=target, reason=reason)
