"""A full recompute computes the gmina in pieces of whole tasks (engine._recompute_in_pieces; issue 18:
XL peaked at 680 MB in the year with most contracts). Computed with pieces of one task each, a varied
generated gmina must store the same rows, row for row, as computed in one piece; each piece holds only
its own contracts' children; entries of scopes no contract claims (a deleted contract, a task without
contracts, a contract-year outside the contract's years, the gmina) are computed once."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, insert, select

from app.core.db.models import ToolEntry
from app.core.tools import engine as tools_engine
from app.core.tools.service import recompute_all
from tests.core.tools.gminas import TODAY, copy_of, make_generated, stored_rows

#: scopes of the entries added to the generated gmina (none of them is a contract-year of the gmina)
NO_CONTRACT = ("E-06", "contract", 99_999, 2020)
NO_TASK_CONTRACTS = ("E-01", "task", 999, 2020)
OUTSIDE_YEARS = ("J-01", "contract", 1, 2030)
GMINA_ENTRY = ("W-08", "gmina", 0, 2020)


@pytest.fixture(scope="module")
def gmina(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = make_generated(tmp_path_factory.mktemp("pieces") / "gmina.sqlite")
    db = copy_of(path, path.with_name("with-entries.sqlite"))
    t = ToolEntry.__table__
    with db.session() as s:
        # the inputs of a real E-06 entry, at a contract the gmina does not have
        inputs = s.execute(select(t.c.inputs).where(t.c.tool_id == "E-06")).scalars().first()
        assert inputs
        rows = [(NO_CONTRACT, inputs), (NO_TASK_CONTRACTS, {}), (OUTSIDE_YEARS, {}), (GMINA_ENTRY, {})]
        for (tool_id, kind, sid, year), given in rows:
            s.execute(insert(t).values(tool_id=tool_id, scope_kind=kind, scope_id=sid, year=year, inputs=given))
        s.commit()
    db.dispose()
    return path.with_name("with-entries.sqlite")


def _recompute(path: Path, to: Path, size: int, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, dict[Any, Any]]:
    monkeypatch.setattr(tools_engine, "PIECE_CONTRACTS", size)
    db = copy_of(path, to)
    try:
        summary = recompute_all(db, as_of=TODAY)
        return summary, stored_rows(db)
    finally:
        db.dispose()


def test_pieces_of_one_task_store_what_one_piece_stores(
    gmina: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pieces: list[int] = []
    held: list[tuple[int, int]] = []
    make, end = tools_engine._pieces, tools_engine.Engine.end_piece

    def counting(eng: tools_engine.Engine, size: int) -> list[Any]:
        got = make(eng, size)
        pieces.append(len(got))
        return got

    def holding(self: tools_engine.Engine) -> None:
        # the contracts whose children are held at the piece's end, against the piece's own contracts
        focus = self.records.focus or frozenset()
        held.append((sum(1 for c in self.records.by_id.values() if c._children), len(focus)))
        end(self)

    monkeypatch.setattr(tools_engine, "_pieces", counting)
    monkeypatch.setattr(tools_engine.Engine, "end_piece", holding)
    whole_summary, whole = _recompute(gmina, tmp_path / "whole.sqlite", 10**9, monkeypatch)
    # 150 contracts of 45 tasks: one piece of them all, one of the entries no contract claims
    assert pieces == [2]
    small_summary, small = _recompute(gmina, tmp_path / "small.sqlite", 1, monkeypatch)
    assert pieces == [2, 46]  # 45 tasks, each alone, and the unclaimed entries
    # a piece holds its own contracts' children only
    assert all(n <= size for n, size in held)
    assert max(n for n, _size in held[2:]) <= 4  # 150 contracts over 45 tasks: at most 4 per task

    assert len(whole) > 1000
    assert small.keys() == whole.keys()
    for key, row in whole.items():
        assert small[key] == row, key
    assert small_summary == whole_summary
    for key in (NO_CONTRACT, NO_TASK_CONTRACTS, OUTSIDE_YEARS, GMINA_ENTRY):
        assert key in small, key


def test_the_gmina_index_is_the_mean_of_the_pieces_contracts(
    gmina: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _summary, rows = _recompute(gmina, tmp_path / "small.sqlite", 1, monkeypatch)
    checked = 0
    for (tool_id, kind, _sid, year), row in rows.items():
        if not tool_id.startswith("IDX-") or kind != "gmina":
            continue
        contracts = [
            Decimal(r[0]["value"])
            for (t, k, _c, y), r in rows.items()
            if t == tool_id and k == "contract" and y == year
        ]
        # the mean of the contracts' values of the year, to two places, half up (indices._q)
        mean = (sum(contracts, Decimal(0)) / len(contracts)).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert row[0] == {"value": str(mean), "contracts": len(contracts)}, (tool_id, year)
        checked += 1
    # E and J of ten years (the generated gmina's W index has no value: no programme, no W-08 figures)
    assert checked == 2 * 10


def test_planned_piece_entries_are_those_a_query_per_piece_reads(gmina: Path, tmp_path: Path) -> None:
    """Snapshot.plan_pieces reads every piece's entry keys in one scan (a query per piece scanned all the
    keys: XL's 15 pieces 30 times); each piece then gets exactly the keys its own query reads."""
    db = copy_of(gmina, tmp_path / "plan.sqlite")
    try:
        with db.session() as s:
            eng = tools_engine.Engine(s, None, TODAY, full=True)
            pieces = tools_engine._pieces(eng, 1)  # one task a piece, then the unclaimed scopes
            scopes = [{k: frozenset(ids) for k, ids in p.scopes.items() if ids} for p in pieces]
            queried = []
            for sc in scopes:
                eng.records.piece_entries(sc)  # nothing planned: the query of the piece
                queried.append({y: sorted(keys) for y, keys in eng.records._piece[1].items()})  # type: ignore[index]
            eng.records.plan_pieces(scopes)
            planned = []
            for sc in scopes:
                eng.records.piece_entries(sc)
                planned.append({y: sorted(keys) for y, keys in eng.records._piece[1].items()})  # type: ignore[index]
            assert not eng.records._planned  # every planned piece taken
            narrow = s.scalar(
                select(func.count()).select_from(ToolEntry).where(ToolEntry.scope_kind.in_(("contract", "task")))
            )
    finally:
        db.dispose()
    assert planned == queried
    # every entry of a contract or a task is in one piece: the four added ones too (NO_CONTRACT's and
    # NO_TASK_CONTRACTS' scopes in the last piece, OUTSIDE_YEARS at contract 1's task)
    assert sum(len(keys) for p in planned for keys in p.values()) == narrow
    last = {(t, k, sid, y) for y, keys in planned[-1].items() for _id, t, k, sid in keys}
    assert last == {NO_CONTRACT, NO_TASK_CONTRACTS}


def test_a_pieces_entry_inputs_are_read_once_for_all_its_years(
    gmina: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A piece's contracts are spread over the whole file (whole tasks, a task's contracts over the id range)
    and a contract's entries of every year lie together: read year by year, each year read the same pages
    again (XL: 176 000 misses of SQLite's page cache). One query per piece (its ids < 500) and one for the
    programme and gmina scopes, whatever the years; the rows stored are those of test 1 (whole == small)."""
    monkeypatch.setattr(tools_engine, "PIECE_CONTRACTS", 1)
    pieces: list[int] = []
    make = tools_engine._pieces

    def counting(eng: tools_engine.Engine, size: int) -> list[Any]:
        got = make(eng, size)
        pieces.append(len(got))
        return got

    monkeypatch.setattr(tools_engine, "_pieces", counting)
    reads: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "tool_entry.inputs" in statement and "tool_entry.id IN" in statement:
            reads.append(statement)

    db = copy_of(gmina, tmp_path / "reads.sqlite")
    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        recompute_all(db, as_of=TODAY)
        with db.session() as s:
            t = ToolEntry.__table__
            years = s.scalar(select(func.count(t.c.year.distinct())).where(t.c.scope_kind.in_(("contract", "task"))))
    finally:
        db.dispose()
    assert pieces == [46]  # 45 tasks, each alone, and the unclaimed entries
    # every piece has entries; the programme and gmina scopes have GMINA_ENTRY: 46 + 1 reads. Year by year
    # it was one per piece and year with entries, more than 46 × 2 with entries in >= 3 years (asserted)
    assert years is not None and years >= 3
    assert len(reads) == 46 + 1
