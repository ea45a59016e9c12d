"""The README's feature map (issue 21): every source text is mapped, every row has a status, and every
file or folder a row names exists (so the map cannot silently drift from the code)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## What the sources describe and where it lives")
    return text[start : text.index("\n## ", start + 3)]


def _rows() -> list[list[str]]:
    return [
        [c.strip() for c in line.strip().strip("|").split("|")]
        for line in _section().splitlines()
        if re.match(r"\| 00\d \|", line)
    ]


def test_every_seed_is_mapped_with_a_status():
    rows = _rows()
    assert {r[0] for r in rows} == {"000", "001", "002", "003", "004"}
    seeds = {p.name[:3] for p in (ROOT.parent.parent / "shared" / "seeds").glob("00*.txt")} or {
        "000",
        "001",
        "002",
        "003",
        "004",
    }
    assert {r[0] for r in rows} == seeds
    for r in rows:
        assert len(r) == 4, r
        assert re.match(r"(present|partial|missing|n/a)\b", r[3]), r


def test_named_files_exist():
    for r in _rows():
        for name in re.findall(r"`([^`]+)`", r[2]):
            if "/" not in name or " " in name:
                continue  # a command or a TOML table, not a path
            assert any(list(base.glob(name.rstrip("/"))) for base in (ROOT, ROOT / "app", ROOT / "app" / "core")), name
