"""Recompute a copy of a benchmark gmina with the code of the current directory and print the sha256
of every stored tool_result row (all columns but id and computed_at), ordered by key.

Usage, from a checkout (its code is used): python -m benchmarks.rowhash L   (or XL)
Compare with the same run from another checkout (e.g. main's). Fixed reference date 2026-12-07.
Written for issue 18: a speed change must leave every stored figure as it was."""

import datetime as dt
import hashlib
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

size = sys.argv[1] if len(sys.argv) > 1 else "L"
src = next((Path(__file__).resolve().parent / ".cache").glob(f"gmina-{size}-*.sqlite"))
tmp = Path(tempfile.mkdtemp()) / "g.sqlite"
shutil.copy(src, tmp)
from app.core.db.engine import open_database  # noqa: E402
from app.core.tools.service import recompute_all  # noqa: E402

db = open_database(tmp)
t0 = time.perf_counter()
summary = recompute_all(db, as_of=dt.date(2026, 12, 7))
secs = time.perf_counter() - t0
db.dispose()
con = sqlite3.connect(tmp)
cols = [r[1] for r in con.execute("PRAGMA table_info(tool_result)") if r[1] not in ("id", "computed_at")]
h = hashlib.sha256()
n = 0
import json  # noqa: E402

for row in con.execute(f"SELECT {','.join(cols)} FROM tool_result ORDER BY tool_id, scope_kind, scope_id, year"):
    # JSON compared by value (key order and spacing may differ between writers)
    norm = [
        json.dumps(json.loads(v), sort_keys=True)
        if c in ("outputs", "inputs_used", "problems", "weights_used") and v is not None
        else v
        for c, v in zip(cols, row)
    ]
    h.update(repr(norm).encode())
    n += 1
print(f"{size}: {n} rows sha256 {h.hexdigest()} recompute {secs:.1f} s written {summary.written}")
shutil.rmtree(tmp.parent)
