"""Automatic rotating backups in the user data folder (modelled on Anki's): at most one a day,
made when the app closes, keeping the last 10 plus the newest of every month.

File names carry the database's name, a short key of its full path (two databases both called
wkus.sqlite must not rotate each other's backups away) and the time: `wkus-1a2b3c-auto-20261122-105800.sqlite`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from app.core.backup.copy import make_backup
from app.core.db.sqlite_file import run_check

log = logging.getLogger(__name__)

KEEP_LAST = 10
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^(?P<key>.+)-(?P<kind>auto|before-restore|manual)-(?P<stamp>\d{8}-\d{6})\.sqlite$")


@dataclass(frozen=True)
class BackupFile:
    path: Path
    kind: str
    made_at: dt.datetime


def database_key(db_path: Path) -> str:
    digest = hashlib.sha1(str(Path(db_path).resolve()).encode("utf-8")).hexdigest()[:6]
    return f"{Path(db_path).stem}-{digest}"


def backup_name(db_path: Path, kind: str, now: dt.datetime) -> str:
    return f"{database_key(db_path)}-{kind}-{now.strftime(_STAMP)}.sqlite"


def list_backups(db_path: Path, folder: Path, kinds: tuple[str, ...] = ("auto", "before-restore")) -> list[BackupFile]:
    """This database's backups in `folder`, newest first."""
    key = database_key(db_path)
    found: list[BackupFile] = []
    if not folder.is_dir():
        return found
    for path in folder.iterdir():
        m = _NAME.match(path.name)
        if not m or m["key"] != key or m["kind"] not in kinds:
            continue
        found.append(BackupFile(path, m["kind"], dt.datetime.strptime(m["stamp"], _STAMP)))
    found.sort(key=lambda b: b.made_at, reverse=True)
    return found


def files_to_prune(backups: list[BackupFile], keep_last: int = KEEP_LAST) -> list[BackupFile]:
    """Automatic backups beyond the last `keep_last`, except the newest one of each month."""
    autos = sorted((b for b in backups if b.kind == "auto"), key=lambda b: b.made_at, reverse=True)
    keep = {id(b) for b in autos[:keep_last]}
    months: set[tuple[int, int]] = set()
    for b in autos:  # newest first, so the first seen of a month is its newest
        month = (b.made_at.year, b.made_at.month)
        if month not in months:
            months.add(month)
            keep.add(id(b))
    return [b for b in autos if id(b) not in keep]


def auto_backup(db_path: Path | str, *, folder: Path | None = None, now: dt.datetime | None = None) -> Path | None:
    """Make today's automatic backup unless one exists; prune old ones. Returns the new file or None.

    A database that fails quick_check is not backed up: rotating good backups away in favour of
    copies of a damaged file is exactly what must not happen.
    """
    from app.paths import backup_dir

    db_path = Path(db_path)
    folder = folder or backup_dir()
    now = now or dt.datetime.now()
    if not db_path.is_file():
        return None
    existing = list_backups(db_path, folder, ("auto",))
    if existing and existing[0].made_at.date() >= now.date():
        return None
    if run_check(db_path, full=False, read_only=False):
        log.error("automatic backup skipped: %s fails quick_check", db_path)
        return None
    target = folder / backup_name(db_path, "auto", now)
    make_backup(db_path, target)
    for old in files_to_prune(list_backups(db_path, folder, ("auto",))):
        try:
            old.path.unlink()
        except OSError:
            log.warning("could not remove old backup %s", old.path)
    return target


def backup_on_exit(db_path: Path | str | None, *, folder: Path | None = None) -> Path | None:
    """Called by the app when it closes (after disposing its engine); never raises."""
    if db_path is None:
        return None
    try:
        return auto_backup(db_path, folder=folder)
    except Exception:  # closing the app must not fail because of a backup; the log says why
        log.exception("automatic backup of %s failed", db_path)
        return None
