"""The clerk's own backups ("Kopia zapasowa" to a USB stick) and the reminder to make one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from app.core.backup.copy import BackupResult, make_backup
from app.core.db.engine import Database
from app.core.db.models import Setting

LAST_MANUAL_KEY = "backup.last_manual"
REMIND_AFTER_DAYS = 7


@dataclass(frozen=True)
class BackupReminder:
    """Shown when the last manual backup is older than REMIND_AFTER_DAYS (or there was none)."""

    last_manual: dt.datetime | None
    days_since: int | None


def manual_backup(db: Database, target: Path | str, *, now: dt.datetime | None = None) -> BackupResult:
    """Back up `db` to `target`, verify it, and remember when (for the reminder)."""
    assert db.path is not None
    result = make_backup(db.path, target)
    with db.session() as s:
        s.merge(Setting(key=LAST_MANUAL_KEY, value=(now or dt.datetime.now()).isoformat(timespec="seconds")))
    return result


def last_manual_backup(db: Database) -> dt.datetime | None:
    with db.session() as s:
        row = s.get(Setting, LAST_MANUAL_KEY)
        if row is None or not row.value:
            return None
        try:
            return dt.datetime.fromisoformat(row.value)
        except ValueError:
            return None


def backup_reminder(db: Database, *, now: dt.datetime | None = None) -> BackupReminder | None:
    """A reminder when no manual backup was made in the last 7 days; None when one is recent."""
    now = now or dt.datetime.now()
    last = last_manual_backup(db)
    if last is None:
        return BackupReminder(None, None)
    days = (now - last).days
    if days < REMIND_AFTER_DAYS:
        return None
    return BackupReminder(last, days)
