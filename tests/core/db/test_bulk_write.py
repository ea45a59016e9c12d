"""engine.bulk_write: a full tools recompute writes with a larger SQLite page cache (issue 18: with the
default 2 MB, inserting XL's 1.35 M result rows read most index leaves back from the WAL), and the
connection has its own size again afterwards, also when the write fails."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from app.core.db import engine as db_engine
from app.core.db.engine import bulk_write, open_database


def _cache_size(session: Session) -> int:
    value = session.connection().exec_driver_sql("PRAGMA cache_size").scalar()
    assert value is not None
    return int(value)


def test_the_cache_is_larger_during_the_write_only(tmp_path: Path) -> None:
    db = open_database(tmp_path / "g.sqlite")
    try:
        with db.session() as s:
            # SQLite's default: -2000, i.e. 2 000 KiB (a negative size is in KiB)
            assert _cache_size(s) == -2000
            with bulk_write(s):
                assert _cache_size(s) == -db_engine.BULK_WRITE_CACHE_KIB == -49_152  # 48 MiB
            assert _cache_size(s) == -2000
            with pytest.raises(RuntimeError), bulk_write(s):
                raise RuntimeError("the recompute failed")
            assert _cache_size(s) == -2000
    finally:
        db.dispose()


def test_the_full_recompute_writes_with_the_larger_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    from app.core.tools import engine as tools_engine
    from app.core.tools.service import recompute_all

    seen: list[int] = []
    keep = tools_engine._recompute_in_pieces

    def watching(eng: tools_engine.Engine, *args: Any) -> int:
        seen.append(_cache_size(eng.session))
        return keep(eng, *args)

    monkeypatch.setattr(tools_engine, "_recompute_in_pieces", watching)
    db = open_database(tmp_path / "g.sqlite")
    try:
        recompute_all(db, as_of=dt.date(2026, 12, 7))
    finally:
        db.dispose()
    assert seen == [-49_152]
