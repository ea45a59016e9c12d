"""Issue 16: a stale lock is taken over atomically; writing commands honour the app's lock."""

from __future__ import annotations

import datetime as dt
import os
import socket
from pathlib import Path

import pytest

from app.cli import main
from app.core import instance_lock
from app.core.instance_lock import (
    DatabaseInUse,
    DatabaseLock,
    LockInfo,
    lock_path,
    read_lock,
)
from tests.core.backup_fixtures import demo_path, demo_template  # noqa: F401


def _write_lock(db_path: Path, pid: int) -> LockInfo:
    info = LockInfo(pid, socket.gethostname(), "urzednik", dt.datetime(2026, 11, 22, 8, 0))
    lock_path(db_path).write_text(info.to_json(), encoding="utf-8")
    return info


def _dead_pid() -> int:
    pid = 4_000_000  # above Linux's pid_max (4 194 304 is the ceiling; real pids here are far lower)
    while instance_lock.pid_alive(pid):
        pid += 1
    return pid


def test_stale_lock_take_over_does_not_remove_a_lock_written_meanwhile(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    db_path = tmp_path / "wkus.sqlite"
    _write_lock(db_path, _dead_pid())
    live = os.getppid()  # a process that certainly runs: our parent
    judged = instance_lock.is_stale

    def other_copy_takes_over_first(info: LockInfo) -> bool:
        # between our reading the stale lock and removing it, another copy takes it over
        verdict = judged(info)
        _write_lock(db_path, live)
        return verdict

    monkeypatch.setattr(instance_lock, "is_stale", other_copy_takes_over_first)
    with pytest.raises(DatabaseInUse):
        DatabaseLock(db_path).acquire()
    holder = read_lock(db_path)
    assert holder is not None and holder.pid == live  # the other copy keeps its lock
    assert [p.name for p in tmp_path.iterdir() if ".stale-" in p.name] == []


def test_a_stale_lock_is_still_taken_over(tmp_path: Path) -> None:
    db_path = tmp_path / "wkus.sqlite"
    _write_lock(db_path, _dead_pid())
    lock = DatabaseLock(db_path)
    lock.acquire()
    holder = read_lock(db_path)
    assert lock.held and holder is not None and holder.pid == os.getpid()
    lock.release()


def test_demo_force_refuses_a_database_the_app_has_open(demo_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    _write_lock(demo_path, os.getppid())
    before = demo_path.read_bytes()
    assert main(["demo", "--db", str(demo_path), "--force", "--today", "2026-11-22"]) == 2
    assert "urzednik" in capsys.readouterr().err
    assert demo_path.read_bytes() == before


@pytest.mark.parametrize("command", [["tools", "compute", "--db", "DB"], ["import", "--db", "DB", "CSV", "--yes"]])
def test_other_writing_commands_refuse_too(command: list[str], demo_path: Path, tmp_path: Path) -> None:
    _write_lock(demo_path, os.getppid())
    csv = tmp_path / "x.csv"
    csv.write_text("Nazwa\nFundacja\n", encoding="utf-8")
    before = demo_path.read_bytes()
    assert main([{"DB": str(demo_path), "CSV": str(csv)}.get(c, c) for c in command]) == 2
    assert demo_path.read_bytes() == before
