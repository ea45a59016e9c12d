"""A script run in a fresh Python interpreter (what a start-up imports can only be seen there): its last
line of output is read as JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def run_json(script: str, *args: str, timeout: int = 120, **env: str) -> Any:
    """Run `script` with `args` from the repository root (extra environment variables in `env`); it must
    succeed, and its last line of output is returned parsed as JSON."""
    result = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=dict(os.environ, PYTHONIOENCODING="utf-8", **env),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])
