"""docs/architecture.md names the file to copy for each recipe: every file it names must exist."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_file_named_in_the_architecture_page_exists() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:app|resources|tests|docs)/[\w./]+\.(?:py|toml|md))`", text))
    assert len(named) > 20  # the page names the recipes' files (a broken pattern would find none)
    assert sorted(p for p in named if not (ROOT / p).is_file()) == []
