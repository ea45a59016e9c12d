"""Backups, restore and integrity checks of the database file (no Qt; used by the UI and the CLI).

- `make_backup` / `manual_backup`: SQLite's online backup API to one file, verified after writing.
- `auto_backup` / `backup_on_exit`: rotating daily backups in the user data folder.
- `inspect_backup` / `restore`: preview, then an atomic swap after backing up the current file.
- `quick_check` / `full_check`: integrity reports as dataclasses.
"""

from app.core.backup.auto import auto_backup, backup_on_exit, list_backups  # noqa: F401
from app.core.backup.copy import BackupResult, make_backup  # noqa: F401
from app.core.backup.integrity import IntegrityReport, full_check, newest_good_backup, quick_check  # noqa: F401
from app.core.backup.manual import BackupReminder, backup_reminder, last_backup_folder, manual_backup, reminder_message  # noqa: F401
from app.core.backup.preview import BackupPreview, InvalidBackup, inspect_backup  # noqa: F401
from app.core.backup.restore import RestoreResult, restore  # noqa: F401
