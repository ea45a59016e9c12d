"""The clerk's own backups ("Kopia zapasowa" to a USB stick) and the reminder to make one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from app.core.backup.copy import BackupResult, make_backup
from app.core.db.engine import Database
from app.core.db.models import Setting
from app.core.i18n import _, format_date, ngettext

LAST_MANUAL_KEY = "backup.last_manual"
#: the folder of the last manual backup: the USB stick is usually the same drive next time
LAST_FOLDER_KEY = "backup.last_folder"
REMIND_AFTER_DAYS = 7


@dataclass(frozen=True)
class BackupReminder:
    """Shown when the last manual backup is older than REMIND_AFTER_DAYS (or there was none)."""

    last_manual: dt.datetime | None
    days_since: int | None


def manual_backup(db: Database, target: Path | str, *, now: dt.datetime | None = None) -> BackupResult:
    """Back up `db` to `target`, verify it, and remember when (for the reminder)."""
    result = make_backup(db.require_file(_("A backup copy")), target)
    with db.session() as s:
        s.merge(Setting(key=LAST_MANUAL_KEY, value=(now or dt.datetime.now()).isoformat(timespec="seconds")))
        s.merge(Setting(key=LAST_FOLDER_KEY, value=str(result.path.resolve().parent)))
    return result


def last_backup_folder(db: Database) -> Path | None:
    """Where the last manual backup went, if that folder is still there (the stick may be out)."""
    with db.session() as s:
        row = s.get(Setting, LAST_FOLDER_KEY)
    if row is None or not row.value:
        return None
    folder = Path(row.value)
    return folder if folder.is_dir() else None


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


def reminder_message(db: Database, *, now: dt.datetime | None = None) -> str | None:
    """What the main window shows at start (status bar or a notice), or None when a backup is recent."""
    reminder = backup_reminder(db, now=now)
    if reminder is None:
        return None
    if reminder.last_manual is None or reminder.days_since is None:
        return _(
            "No backup of this database has been made to a USB stick or another place yet. Use "
            "\u201cBackup\u2026\u201d in the File menu."
        )
    days = reminder.days_since
    return ngettext(
        "The last backup to a USB stick or another place was made {days} day ago ({date}). Make a "
        "new one with \u201cBackup\u2026\u201d in the File menu.",
        "The last backup to a USB stick or another place was made {days} days ago ({date}). Make a "
        "new one with \u201cBackup\u2026\u201d in the File menu.",
        days,
    ).format(days=days, date=format_date(reminder.last_manual.date()))
