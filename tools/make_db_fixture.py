"""Write the migration fixture of the current schema version (developer tool, run once per release).

    python -m tools.make_db_fixture              # tests/fixtures/db/vN.sqlite + vN.json
    python -m tools.make_db_fixture --out DIR    # somewhere else (the harness's own test does this)

vN.sqlite is the demo gmina stored by this version of the program; vN.json records what must
survive every later migration: the row count of each table and a few sampled rows (first, middle
and last by primary key) with every column's value as SQLite stores it. The test
tests/core/db/test_migration_fixtures.py opens each fixture with the current migrations and compares.

A released fixture is never regenerated (that would hide a broken migration); the tool refuses to
overwrite one unless --force is given. If a later migration deliberately drops or transforms a
column, list it in the fixture's JSON under "changed_by_migrations" as "table.column" (or "table"
for a whole table) with a comment in the commit, rather than editing the recorded values.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_DIR = ROOT / "tests" / "fixtures" / "db"
#: the demo is built "as on" this date, so the same program version writes the same records
DEMO_TODAY = dt.date(2026, 11, 22)
#: internal bookkeeping that legitimately changes with every migration
SKIPPED_TABLES = {"schema_version", "sqlite_sequence"}


def _json_value(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"hex": value.hex()}
    return value


def _tables(con: sqlite3.Connection) -> list[str]:
    rows = con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    return [r[0] for r in rows if r[0] not in SKIPPED_TABLES]


def primary_key(con: sqlite3.Connection, table: str) -> list[str]:
    info = con.execute(f'PRAGMA table_info("{table}")').fetchall()
    keys = [row[1] for row in sorted(info, key=lambda r: r[5]) if row[5]]
    return keys or ["rowid"]


def sample_row(con: sqlite3.Connection, table: str, key: dict[str, Any]) -> dict[str, Any] | None:
    """The row of `table` with primary key `key` as {column: value}, or None."""
    where = " AND ".join(f'"{k}" IS ?' for k in key)
    cur = con.execute(f'SELECT * FROM "{table}" WHERE {where}', list(key.values()))
    row = cur.fetchone()
    if row is None:
        return None
    return {d[0]: _json_value(v) for d, v in zip(cur.description, row)}


def snapshot(path: Path, *, samples_per_table: int = 3) -> dict[str, Any]:
    """Counts of every table and sampled rows (first, middle, last by primary key)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        version = con.execute("SELECT max(version) FROM schema_version").fetchone()[0]
        counts: dict[str, int] = {}
        samples: dict[str, list[dict[str, Any]]] = {}
        for table in _tables(con):
            counts[table] = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            keys = primary_key(con, table)
            order = ", ".join(f'"{k}"' for k in keys)
            all_keys = con.execute(f'SELECT {order} FROM "{table}" ORDER BY {order}').fetchall()
            if not all_keys:
                continue
            picks = sorted({0, len(all_keys) // 2, len(all_keys) - 1})[:samples_per_table]
            rows = []
            for i in picks:
                key = dict(zip(keys, all_keys[i]))
                rows.append({"key": key, "values": sample_row(con, table, key)})
            samples[table] = rows
    finally:
        con.close()
    return {"schema_version": version, "counts": counts, "samples": samples}


def build_demo_database(path: Path) -> None:
    from app.core.audit import install_audit_hooks
    from app.core.db.engine import open_database
    from app.core.demo import load_demo

    install_audit_hooks()
    db = open_database(path)
    try:
        load_demo(db, DEMO_TODAY)
    finally:
        db.dispose()


def make_fixture(out_dir: Path, *, force: bool = False) -> tuple[Path, Path]:
    """Write vN.sqlite and vN.json for the current schema version into `out_dir`."""
    from app import __version__
    from app.core.db.migrations import CURRENT_VERSION

    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"v{CURRENT_VERSION}.sqlite"
    expected = out_dir / f"v{CURRENT_VERSION}.json"
    if (target.exists() or expected.exists()) and not force:
        raise SystemExit(
            f"{target} already exists: a released fixture is never regenerated (use --force only before the release)."
        )
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "demo.sqlite"
        build_demo_database(work)
        # one self-contained file: VACUUM INTO folds the WAL in and drops free pages
        target.unlink(missing_ok=True)
        con = sqlite3.connect(work)
        try:
            con.execute("VACUUM INTO ?", (str(target),))
        finally:
            con.close()
    data = snapshot(target)
    data = {
        "schema_version": data["schema_version"],
        "app_version": __version__,
        "made_at": dt.datetime.now().isoformat(timespec="seconds"),
        "demo_today": DEMO_TODAY.isoformat(),
        "changed_by_migrations": [],
        "counts": data["counts"],
        "samples": data["samples"],
    }
    expected.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    return target, expected


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=FIXTURE_DIR, help="folder (default: tests/fixtures/db)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing fixture of this version")
    args = parser.parse_args(argv)
    target, expected = make_fixture(args.out, force=args.force)
    print(f"wrote {target} and {expected}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
