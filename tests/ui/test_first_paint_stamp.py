"""The benchmark's paint hook: `python -m app` (and the frozen `wkus`) with WKUS_BENCH_FIRST_PAINT=1 prints
the main window's first paint as a time stamp and exits without opening a database (app/ui/paint_stamp.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from tests.fresh_interpreter import ROOT


def test_the_app_started_for_the_benchmark_stamps_its_first_paint_and_exits(tmp_path) -> None:
    data = tmp_path / "data"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", WKUS_DATA_DIR=str(data), WKUS_BENCH_FIRST_PAINT="1")
    started = time.time()
    proc = subprocess.run([sys.executable, "-m", "app"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)
    ended = time.time()
    assert proc.returncode == 0, proc.stderr
    stamps = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    assert len(stamps) == 1
    # stamped inside this run (an ordering, not a duration)
    assert started < stamps[0]["first_paint"] < ended
    # exits at the shell's paint: the default database was never created
    assert not (data / "wkus.sqlite").exists()
