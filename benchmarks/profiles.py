"""Profiles of the benchmark cases that miss their targets (cProfile, one run each, on L).

    python -m benchmarks.profiles [startup recompute list report]

Writes benchmarks/results/profiles-cprofile.md: for each case the wall time under the profiler, the
number of ORM objects SQLAlchemy built, and the app's functions with the largest cumulative time
(what dominates). The written explanation of each missed target is results/profiles.md.
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
ROOT = Path(__file__).resolve().parent.parent  # shown paths are relative to the repository
CASES = {
    "startup": ("app-window", "main window with the dashboard on L"),
    "recompute": ("recompute", "recompute of all tools on L"),
    "list": ("contracts-list", "contracts list open + scroll on L"),
    "report": ("annual-report", "annual report PDF 2025 on L"),
}


def _top(stats: pstats.Stats, limit: int = 14) -> list[str]:
    rows = []
    for (filename, line, func), (_cc, ncalls, _tt, cumtime, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if "/app/" in filename or "sqlalchemy/orm/loading.py" in filename and func == "_instance":
            short = filename.split(f"{ROOT}/")[-1].split("site-packages/")[-1]
            rows.append((cumtime, f"{cumtime:7.2f} s  {ncalls:>9}×  {short}:{line} {func}"))
    rows.sort(reverse=True)
    return [text for _t, text in rows[:limit]]


def profile(case: str, db: Path) -> str:
    from benchmarks import probes

    probe, title = CASES[case]
    args = [str(db)] + (["2025"] if case == "report" else [])
    profiler = cProfile.Profile()
    saved = sys.stdout
    sys.stdout = io.StringIO()  # the probe's JSON line is not wanted here
    started = time.perf_counter()
    try:
        profiler.runcall(probes.CASES[probe], *args)
    finally:
        sys.stdout = saved
    wall = time.perf_counter() - started
    stats = pstats.Stats(profiler)
    instances = next((v[1] for k, v in stats.stats.items()  # type: ignore[attr-defined]
                      if k[0].endswith("sqlalchemy/orm/loading.py") and k[2] == "_instance"), 0)
    return "\n".join([f"## {title}", "", f"{wall:.1f} s under cProfile; ORM objects built: {instances:,}", "",
                      "```", *_top(stats), "```", ""])


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("WKUS_DATA_DIR", tempfile.mkdtemp(prefix="wkus-bench-data-"))
    from benchmarks.generator import cached_database

    cases = sys.argv[1:] or list(CASES)
    db = cached_database("L")
    parts = ["# Profiles of the cases that miss their targets", "",
             "One cProfile run per case on the L gmina (cumulative seconds, calls, function).", ""]
    for case in cases:
        print(f"profiling {case} …", flush=True)
        parts.append(profile(case, db))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "profiles-cprofile.md").write_text("\n".join(parts), encoding="utf-8")
    print((RESULTS / "profiles-cprofile.md").read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
