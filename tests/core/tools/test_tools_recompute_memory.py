"""A full recompute keeps in memory only what is read again (issue 18, memory: every case under
250 MB on L; the recompute process peaked at 409 MB)."""

from __future__ import annotations

import types

from app.core.tools import engine as tools_engine
from app.core.tools import indices
from app.core.tools.service import recompute_all
from tests.core.backup_fixtures import demo_db, demo_path, demo_template  # noqa: F401


def test_the_cache_keeps_only_tools_that_something_reads(demo_db, monkeypatch) -> None:  # noqa: F811
    engines: list[tools_engine.Engine] = []
    original = tools_engine.Engine.__init__

    def keep(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        original(self, *args, **kwargs)
        engines.append(self)

    # the cache as it is at the end of each year, before the recompute drops it (engine.forget)
    seen: list[dict] = []
    forget = tools_engine.Engine.forget

    def look(self) -> None:  # type: ignore[no-untyped-def]
        seen.append(dict(self._cache))
        forget(self)

    monkeypatch.setattr(tools_engine.Engine, "__init__", keep)
    monkeypatch.setattr(tools_engine.Engine, "forget", look)
    summary = recompute_all(demo_db)
    assert summary.computed > 0
    eng = engines[0]
    assert not eng._cache and not eng.index_cache  # the last year's computations dropped too
    read = eng._read_outputs()
    unread = {t.id for t in eng.catalogue.tools} - set(read)
    assert unread  # the catalogue has tools no other tool, summary or index reads (22 of 42 today)
    assert len(seen) > 1  # one per year
    for cache in seen:
        cached = {key[0] for key in cache}
        assert not cached & unread
        # what is cached of the tools read again keeps only the outputs read
        for key, comp in cache.items():
            assert set(comp.outputs) <= read[key[0]], key
        # a year's (a piece-year's) cache holds that year's contract and task computations only; the
        # programme and gmina ones of every year are kept for the contracts' W index (Engine.kept)
        assert len({key[3] for key in cache if key[1] in ("contract", "task")}) <= 1
    assert any(seen)


def test_index_rows_are_yielded_not_listed(demo_db) -> None:  # noqa: F811
    with demo_db.session() as s:
        eng = tools_engine.Engine(s, None, None, full=True)
        rows = indices.stored_index_rows(eng, eng.catalogue.version)
        assert isinstance(rows, types.GeneratorType)
        assert next(rows)["tool_id"].startswith(indices.INDEX_PREFIX)


def test_the_snapshot_is_freed_without_the_collector(demo_db, monkeypatch) -> None:  # noqa: F811
    """A recompute pauses the cyclic collector (engine._collector_paused) and turns it back on after; the
    snapshot and its contracts point at each other, so they waited for the collector's first pass after the
    recompute, which then went through every contract of the gmina (0.3-1.4 s of XL's recompute). Closed at
    the end, reference counting frees them: dead with the collector off, no gc.collect() asked."""
    import gc
    import weakref

    from app.core.tools import snapshot

    made: list[weakref.ref[snapshot.Snapshot]] = []
    original = snapshot.Snapshot.__init__

    def keep(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        original(self, *args, **kwargs)
        made.append(weakref.ref(self))

    monkeypatch.setattr(snapshot.Snapshot, "__init__", keep)
    was = gc.isenabled()
    gc.disable()
    try:
        recompute_all(demo_db)
        assert not gc.isenabled()  # the recompute leaves the collector as it found it
        assert made  # the recompute's snapshot (its contracts hold it: dead, none of them is left either)
        assert [r for r in made if r() is not None] == []
    finally:
        if was:
            gc.enable()
    assert gc.isenabled() == was
