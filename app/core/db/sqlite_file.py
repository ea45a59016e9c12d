"""Operations on the SQLite *file* itself: online backup, integrity checks, read-only opening.

These are inherently SQLite-specific (a PostgreSQL installation would use pg_dump and the server's
own checks), so they live beside engine.py in the database layer and nowhere else. Everything
goes through the `sqlite3` module: the online backup API copies a consistent snapshot even while
the app writes in WAL mode, which a plain file copy of `wkus.sqlite` (without its `-wal`) would not.
"""

from __future__ import annotations

import functools
import os
import sqlite3
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.pool import NullPool

from app.core.db.engine import BUSY_TIMEOUT_MS, SQLITE_HEADER

#: Pages copied per step of the backup API; between steps other connections may write.
_BACKUP_PAGES_PER_STEP = 1024


def has_sqlite_header(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def _connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    # A URI so that `mode=ro` never creates a missing file nor writes to a backup being inspected.
    mode = "ro" if read_only else "rw"
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    return con


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def online_backup(source: Path, target: Path) -> None:
    """Write a consistent copy of `source` to `target` (replaced atomically when complete).

    The copy is written beside the target as `<name>.part`, switched to rollback-journal mode so it
    is one self-contained file (no `-wal` to forget on a USB stick), flushed to disk and only then
    renamed over `target`: an interrupted backup never leaves a half-written file under the real name.
    """
    part = target.with_name(target.name + ".part")
    if part.exists():
        part.unlink()
    try:
        # read-write (it only reads): the last connection to close then tidies `-wal`/`-shm` away
        src = _connect(source)
        try:
            dest = sqlite3.connect(part)
            try:
                src.backup(dest, pages=_BACKUP_PAGES_PER_STEP)
                dest.execute("PRAGMA journal_mode=DELETE")
                dest.commit()
            finally:
                dest.close()
        finally:
            src.close()
        _fsync(part)
        os.replace(part, target)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def run_check(path: Path, *, full: bool, read_only: bool = True) -> list[str]:
    """Problems reported by `PRAGMA integrity_check` (full) or `quick_check`; [] when the file is sound.

    Only reads; `read_only=False` for the live database (see read_only_engine)."""
    con = _connect(path, read_only=read_only)
    try:
        pragma = "integrity_check" if full else "quick_check"
        rows = [str(r[0]) for r in con.execute(f"PRAGMA {pragma}").fetchall()]
    except sqlite3.DatabaseError as exc:
        # Damage in the schema or a page the check reads first aborts the check itself.
        rows = [str(exc)]
    finally:
        con.close()
    return [] if rows == ["ok"] else [r for r in rows if r != "ok"]


def foreign_key_problems(path: Path, *, read_only: bool = False) -> list[str]:
    """Rows pointing at rows that do not exist (a sound file, but records edited outside the app), or
    the reason the check cannot run at all (a damaged link definition: "foreign key mismatch")."""
    con = _connect(path, read_only=read_only)
    try:
        return [f"{r[0]} rowid {r[1]} -> {r[2]}" for r in con.execute("PRAGMA foreign_key_check")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        con.close()


def read_only_engine(path: Path, *, read_only: bool = True) -> Engine:
    """An engine on an existing file that is never created; by default it can only read `path`
    (inspecting a backup must not change it). `read_only=False` for the live database, so that
    the last connection closing removes its `-wal`/`-shm` as usual."""
    return _engine_for(str(Path(path).resolve()), read_only)


@functools.lru_cache(maxsize=16)
def _engine_for(resolved: str, read_only: bool) -> Engine:
    # One engine per file, kept: an engine compiles every statement anew (its compiled-statement cache
    # is its own), and a restore or check-db opens the same file four or five times. NullPool holds no
    # connection, so a kept engine never keeps a file open and sees a replaced file at the next
    # connect; `dispose()` by the callers stays harmless.
    path = Path(resolved)
    return create_engine("sqlite://", creator=lambda: _connect(path, read_only=read_only), poolclass=NullPool)


def checkpoint_and_leave_wal(path: Path) -> None:
    """Fold the `-wal` into the main file and switch to rollback-journal mode.

    SQLite deletes `-wal` and `-shm` itself when this succeeds, which is the only safe way to be
    sure no stale WAL is applied to a different file later. Fails with "database is locked" while
    another connection (another copy of the app) has the file open.
    """
    con = _connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        mode = con.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        if str(mode).lower() != "delete":
            raise sqlite3.OperationalError("database is locked")
    finally:
        con.close()


def sidecar_files(path: Path) -> list[Path]:
    """The `-wal`, `-shm` and `-journal` files SQLite keeps beside `path`."""
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]
