"""A full recompute streams the gmina year by year (issue 18: XL peaked at 1.4 GB): it holds only the
year's contracts' children (Snapshot.window), knows every contract's years from one query instead of
its tranches, and makes each year's (scope, year) pairs when the year comes. The stored rows must be
the same, row for row, as those of a recompute that holds everything at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from app.core.db.engine import open_database
from app.core.tools import engine as tools_engine
from app.core.tools import snapshot as tools_snapshot
from app.core.tools.catalogue import reload_catalogue
from app.core.tools.service import recompute_all
from benchmarks.generator import Size, generate
from tests.core.tools.gminas import stored_rows

TODAY = dt.date(2026, 12, 7)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small gmina from the benchmarks' generator (fixed seed): contracts of 1–4 years over ten
    years, reports, results with yearly values, surveys and other tool entries."""
    reload_catalogue()
    path = tmp_path_factory.mktemp("streamed") / "gmina.sqlite"
    generate(path, Size("S", 30, 180))
    return path


def _rows(path: Path) -> dict[tuple[str, str, int, int], tuple[Any, ...]]:
    db = open_database(path)
    try:
        return stored_rows(db)
    finally:
        db.dispose()


def _recompute(path: Path) -> Any:
    db = open_database(path)
    try:
        return recompute_all(db, as_of=TODAY)
    finally:
        db.dispose()


def test_the_streamed_recompute_stores_what_holding_everything_stores(generated: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    dropped: list[int] = []
    window = tools_snapshot.Snapshot.window

    def counting(self: tools_snapshot.Snapshot, year: int) -> None:
        held = sum(1 for c in self.by_id.values() if c._children)
        window(self, year)
        dropped.append(held - sum(1 for c in self.by_id.values() if c._children))

    monkeypatch.setattr(tools_snapshot.Snapshot, "window", counting)
    streamed_summary = _recompute(generated)
    streamed = _rows(generated)
    monkeypatch.undo()
    # the run did stream: some year let go of the children of contracts that ended
    assert sum(dropped) > 0

    # the same recompute holding everything: no window, years from the tranches, every pair of every
    # year made up front and filtered by year (the code before issue 18's streaming)
    all_pairs = tools_engine.Engine.scopes_for

    def every_pair(self: tools_engine.Engine, tool: Any, contracts: Any = None, year: int | None = None) -> Any:
        pairs = all_pairs(self, tool, contracts)
        return pairs if year is None else [p for p in pairs if p[1] == year]

    monkeypatch.setattr(tools_snapshot.Snapshot, "window", lambda self, year: None)
    monkeypatch.setattr(tools_snapshot.Snapshot, "_load_years", lambda self: None)
    monkeypatch.setattr(tools_engine.Engine, "scopes_for", every_pair)
    held_summary = _recompute(generated)
    held = _rows(generated)

    assert len(streamed) > 1000  # 180 contracts over ten years, every tool and the indices
    assert any(k[0].startswith("IDX-") for k in streamed)
    assert streamed.keys() == held.keys()
    for key, row in held.items():
        assert streamed[key] == row, key
    assert streamed_summary == held_summary
