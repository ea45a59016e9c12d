"""One running copy per database: a lock file `<database>.lock` beside it with PID, computer and user.

SQLite itself allows two programs on one file, but two copies of the app would each show stale
data and overwrite each other's edits, so the second copy is told who has the database open.
A lock left by a copy that crashed is stale and taken over: on the same computer the PID is
checked; a lock from another computer (a database on a network share) cannot be checked, so the
clerk is told and may open the database anyway (`force`).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import secrets
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import UserFacingError
from app.core.i18n import _, format_datetime

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LockInfo:
    pid: int
    host: str
    user: str
    started: dt.datetime

    def to_json(self) -> str:
        return json.dumps(
            {
                "pid": self.pid,
                "host": self.host,
                "user": self.user,
                "started": self.started.isoformat(timespec="seconds"),
            }
        )


class DatabaseInUse(UserFacingError):
    def __init__(self, message: str, holder: LockInfo, same_host: bool) -> None:
        super().__init__(message)
        self.holder = holder
        #: False: the other computer cannot be asked, the UI may offer "open anyway"
        self.same_host = same_host


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def _me() -> LockInfo:
    from app.core.os_user import current_os_user

    return LockInfo(os.getpid(), socket.gethostname(), current_os_user(), dt.datetime.now().replace(microsecond=0))


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return kernel32.GetLastError() == 5  # access denied: it exists
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)  # signal 0: only checks (never use this on Windows: there it terminates)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_lock(db_path: Path) -> LockInfo | None:
    return _read_file(lock_path(db_path))


def _read_file(path: Path) -> LockInfo | None:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return LockInfo(
            int(raw["pid"]), str(raw["host"]), str(raw.get("user", "")), dt.datetime.fromisoformat(raw["started"])
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def is_stale(info: LockInfo) -> bool:
    return info.host == socket.gethostname() and not pid_alive(info.pid)


def _in_use(info: LockInfo) -> DatabaseInUse:
    same = info.host == socket.gethostname()
    if same:
        message = _(
            "The database is already open in another copy of WKUS Desktop on this computer (user {user}, "
            "since {since}). Switch to that window or close it first."
        )
    else:
        message = _(
            "The database is open in WKUS Desktop on computer {host} (user {user}, since {since}). Close "
            "it there first. If that computer was switched off without closing the program, you may "
            "open the database anyway."
        )
    return DatabaseInUse(
        message.format(host=info.host, user=info.user, since=format_datetime(info.started)), info, same
    )


class DatabaseLock:
    """`with DatabaseLock(path):` or acquire()/release(); re-acquiring one's own lock is harmless."""

    def __init__(self, db_path: Path | str) -> None:
        self.db_path = Path(db_path)
        self.path = lock_path(self.db_path)
        self.held = False

    def acquire(self, *, force: bool = False) -> None:
        for _attempt in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                info = read_lock(self.db_path)
                if info is None:
                    # unreadable: being written this instant, or garbage from a crash mid-write
                    if self._age_seconds() < 5 and not force:
                        raise _in_use(LockInfo(0, "?", "?", dt.datetime.now())) from None
                elif info.pid == os.getpid() and info.host == socket.gethostname():
                    self.held = True
                    return
                elif not (force or is_stale(info)):
                    raise _in_use(info) from None
                log.warning("taking over the lock %s (%s)", self.path, info)
                self._take_over(info)
                continue
            except OSError as exc:
                # a read-only folder: the database itself will be refused with a clearer message
                log.warning("cannot create lock %s: %s", self.path, exc)
                return
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(_me().to_json())
                fh.flush()
                os.fsync(fh.fileno())
            self.held = True
            return
        raise _in_use(read_lock(self.db_path) or LockInfo(0, "?", "?", dt.datetime.now()))

    def _take_over(self, judged: LockInfo | None) -> None:
        """Remove the lock judged stale, but only if it is still that lock.

        Deleting by name would race: between our reading the stale lock and deleting it, another
        copy may have taken it over and written its own, which we would then delete (both copies
        would think they hold the database). So the file is first renamed aside (atomic: only one
        copy can move it), re-read, and put back if it turned out to be a live copy's new lock."""
        aside = self.path.with_name(f"{self.path.name}.stale-{os.getpid()}-{secrets.token_hex(4)}")
        try:
            os.rename(self.path, aside)
        except FileNotFoundError:
            return  # another copy moved it first; the O_EXCL create decides who gets it
        moved = _read_file(aside)
        if judged is None or moved == judged:
            aside.unlink(missing_ok=True)
            return
        try:  # a live lock written meanwhile: back where it was, unless yet another one is there now
            os.link(aside, self.path)
        except OSError:
            pass
        aside.unlink(missing_ok=True)
        raise _in_use(moved or judged)

    def _age_seconds(self) -> float:
        try:
            return dt.datetime.now().timestamp() - self.path.stat().st_mtime
        except OSError:
            return 0.0

    def release(self) -> None:
        if not self.held:
            return
        info = read_lock(self.db_path)
        if info is not None and info.pid == os.getpid() and info.host == socket.gethostname():
            self.path.unlink(missing_ok=True)
        self.held = False

    def __enter__(self) -> DatabaseLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def check_not_in_use(db_path: Path | str) -> None:
    """Raise DatabaseInUse when a live copy of the app holds the database (for restore/import)."""
    info = read_lock(Path(db_path))
    if info is not None and not (info.pid == os.getpid() and info.host == socket.gethostname()) and not is_stale(info):
        raise _in_use(info)
