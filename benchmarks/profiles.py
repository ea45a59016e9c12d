"""Profiles of the benchmark cases that miss their targets (cProfile, one run each, on L).

    python -m benchmarks.profiles [startup recompute list report pulpit]

Writes benchmarks/results/profiles-cprofile.md: for each case the wall time under the profiler, the
number of ORM objects SQLAlchemy built, and the app's functions with the largest cumulative time
(what dominates); `pulpit` is the start-up case step by step instead (its figures are read in a
worker thread, which cProfile does not see: benchmarks/timeline.py; alone it writes
profiles-pulpit-timeline.md, from which the dated sections of profiles-pulpit.md are written). The
written explanation of each missed target is results/profiles.md.
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
    instances = next(
        (
            v[1]
            for k, v in stats.stats.items()  # type: ignore[attr-defined]
            if k[0].endswith("sqlalchemy/orm/loading.py") and k[2] == "_instance"
        ),
        0,
    )
    return "\n".join(
        [
            f"## {title}",
            "",
            f"{wall:.1f} s under cProfile; ORM objects built: {instances:,}",
            "",
            "```",
            *_top(stats),
            "```",
            "",
        ]
    )


def pulpit_timeline(db: Path, runs: int = 7) -> str:
    """The start-up case step by step (benchmarks/timeline.py), interleaved with the floor's first paint;
    medians of `runs` fresh processes, each step as seconds and as multiples of the floor."""
    import json
    import shutil
    import statistics
    import subprocess

    work = Path(tempfile.mkdtemp(prefix="wkus-timeline-")) / "L.sqlite"
    shutil.copyfile(db, work)
    from benchmarks.runner import compile_app

    # as the suite measures it: the app's bytecode compiled once
    env = dict(os.environ)
    compile_app(env)
    floors: list[float] = []
    steps: dict[str, list[float]] = {}
    for _ in range(runs):
        started = time.time()
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.probes", "floor-window"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        ).stdout
        floors.append(json.loads(out.strip().splitlines()[-1])["first_paint"] - started)
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.timeline", str(work)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        ).stdout
        for name, at in json.loads(out.strip().splitlines()[-1]).items():
            steps.setdefault(name, []).append(at)
    floor = statistics.median(floors)
    lines = [
        "## Pulpit with its figures on L: the steps",
        "",
        f"Medians of {runs} fresh processes; floor (bare QMainWindow painted) {floor:.3f} s; load average "
        f"{os.getloadavg()[0]:.1f}. Each step's end from the start of the process, and its own share.",
        "",
        "| step | ends at (s) | × floor | step (s) | step × floor |",
        "|---|---|---|---|---|",
    ]
    before = 0.0
    for name, ats in steps.items():
        at = statistics.median(ats)
        lines.append(f"| {name} | {at:.3f} | {at / floor:.2f} | {at - before:.3f} | {(at - before) / floor:.2f} |")
        before = at
    return "\n".join([*lines, ""])


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("WKUS_DATA_DIR", tempfile.mkdtemp(prefix="wkus-bench-data-"))
    from benchmarks.generator import cached_database

    cases = sys.argv[1:] or list(CASES)
    db = cached_database("L")
    parts = [
        "# Profiles of the cases that miss their targets",
        "",
        "One cProfile run per case on the L gmina (cumulative seconds, calls, function); the Pulpit as a "
        "timeline of its steps.",
        "",
    ]
    for case in cases:
        print(f"profiling {case} …", flush=True)
        parts.append(pulpit_timeline(db) if case == "pulpit" else profile(case, db))
    RESULTS.mkdir(exist_ok=True)
    # the timeline alone goes to its own file: the cProfile lists of the other cases stay, and so does
    # profiles-pulpit.md (the dated record of each change, written by hand from these timelines)
    out = RESULTS / ("profiles-pulpit-timeline.md" if cases == ["pulpit"] else "profiles-cprofile.md")
    out.write_text("\n".join(parts), encoding="utf-8")
    print(out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
