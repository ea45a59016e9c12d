"""The weights basis of every stored contract index row as a reader gets it, the JSON bytes of each
tool_result column and the CPU seconds of the full recompute, on a COPY of a cached benchmark gmina.

Usage, from a worktree (its code is used):
    python -m benchmarks.index_bases L [--keep DIR]

Written to compare a branch with main when the rows themselves change (issue 18, "store less": the
basis is no longer repeated on every contract index row, nor a problem per missing component): the
digests of the bases and of the missing components must be equal, the bytes smaller. Code without `figures.index_bases` (main before that change) reads the column itself,
as its one reader (`figures.stored_indices`) did.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

AS_OF = dt.date(2026, 12, 7)
CACHE = Path(__file__).resolve().parent / ".cache"
_JSON = ("outputs", "inputs_used", "problems", "weights_used")


def _bases(db: Any) -> dict[tuple[str, str, int, int], Any]:
    from sqlalchemy import select

    from app.core.db.models import ToolResult
    from app.core.tools import figures

    t = ToolResult.__table__
    with db.session() as s:
        keys = [
            (tid, kind, sid, year)
            for tid, kind, sid, year in s.execute(
                select(t.c.tool_id, t.c.scope_kind, t.c.scope_id, t.c.year).where(
                    t.c.tool_id.startswith("IDX-"), t.c.scope_kind == "contract"
                )
            )
        ]
        reader = getattr(figures, "index_bases", None)
        if reader is not None:
            return dict(reader(s, keys))
        rows = s.execute(
            select(t.c.tool_id, t.c.scope_kind, t.c.scope_id, t.c.year, t.c.weights_used).where(
                t.c.tool_id.startswith("IDX-"), t.c.scope_kind == "contract"
            )
        )
        return {(a, b, c, d): w for a, b, c, d, w in rows}


def _missing(path: Path) -> tuple[int, str, int]:
    """Each contract index row's components without a value, as the outputs say them ("raw": null): their
    count, a digest, and how many rows hold problems that are not exactly those components, each "—" under
    the catalogue's label (what the earlier version stored on every row; it stores none now)."""
    from app.core.tools.service import catalogue

    labels = {f"IDX-{code}": {c.key: str(c.label) for c in i.components} for code, i in catalogue().indices.items()}
    con = sqlite3.connect(path)
    h = hashlib.sha256()
    rows = other = 0
    for tool_id, sid, year, outputs, problems in con.execute(
        "SELECT tool_id, scope_id, year, outputs, problems FROM tool_result"
        " WHERE tool_id LIKE 'IDX-%' AND scope_kind = 'contract' ORDER BY tool_id, scope_id, year"
    ):
        missing = [c["key"] for c in json.loads(outputs)["components"] if c["raw"] is None]
        h.update(repr((tool_id, sid, year, missing)).encode())
        rows += 1
        stored = json.loads(problems)
        if stored and stored != [{"field": k, "label": labels[tool_id][k], "message": "—"} for k in missing]:
            other += 1
    con.close()
    return rows, h.hexdigest(), other


def _bytes(path: Path) -> dict[str, dict[str, int]]:
    con = sqlite3.connect(path)
    out: dict[str, dict[str, int]] = {}
    for part, where in (
        ("tool rows", "tool_id NOT LIKE 'IDX-%'"),
        ("contract index rows", "tool_id LIKE 'IDX-%' AND scope_kind = 'contract'"),
        ("gmina index rows", "tool_id LIKE 'IDX-%' AND scope_kind = 'gmina'"),
    ):
        sums = ", ".join(f"COALESCE(SUM(LENGTH(CAST({c} AS BLOB))), 0)" for c in _JSON)
        row = con.execute(f"SELECT COUNT(*), {sums} FROM tool_result WHERE {where}").fetchone()
        out[part] = {"rows": row[0], **dict(zip(_JSON, row[1:], strict=True))}
    con.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("size", nargs="?", default="L")
    ap.add_argument("--keep", help="keep the recomputed copy in this folder")
    args = ap.parse_args()
    sys.path.insert(0, str(Path.cwd()))
    from app.core.db.engine import open_database
    from app.core.tools.service import recompute_all

    src = next(CACHE.glob(f"gmina-{args.size}-*.sqlite"))
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / "g.sqlite"
    shutil.copy(src, copy)
    db = open_database(copy)
    cpu = time.process_time()
    summary = recompute_all(db, as_of=AS_OF)
    cpu = time.process_time() - cpu
    bases = _bases(db)
    db.dispose()
    h = hashlib.sha256()
    for key in sorted(bases):
        h.update(repr((key, json.dumps(bases[key], sort_keys=True))).encode())
    distinct = {json.dumps(b, sort_keys=True) for b in bases.values()}
    print(f"{args.size}: recompute {cpu:.2f} CPU s, {summary.written} rows written")
    print(f"contract index rows {len(bases)}, distinct bases {len(distinct)}, bases sha256 {h.hexdigest()}")
    print(f"without a basis: {sum(1 for b in bases.values() if not b)}")
    rows, digest, other = _missing(copy)
    print(f"missing components of {rows} rows sha256 {digest}; rows whose problems say otherwise: {other}")
    total = 0
    for part, cols in _bytes(copy).items():
        total += sum(cols[c] for c in _JSON)
        print(f"  {part}: {cols['rows']} rows; " + ", ".join(f"{c} {cols[c] / 1e6:.2f} MB" for c in _JSON))
    print(f"JSON bytes in all: {total / 1e6:.2f} MB; file {copy.stat().st_size / 1e6:.1f} MB")
    if not args.keep:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
