"""`python -m benchmarks`: speed, memory and size against floors measured in the same run (issue 9).

    python -m benchmarks [--repeat 3] [--only startup,recompute,...] [--budget 540] [--xl [--xl-recompute]]

Every case runs in fresh processes (offscreen Qt), interleaved with its floor, several times; the
results are medians with min–max, and ratios of medians to the floor's median. Each case's peak RSS is
that of its own process (getrusage(RUSAGE_SELF) in the probe), never of the runner or of other cases. Targets are ratios
(machines are noisy), except memory and size. Results go to benchmarks/results/latest.json and
latest.md with a description of the machine; a case that exceeds its time limit is recorded as
such (a missed target), never left to run past the suite's budget. Every probe also samples where
its time goes (benchmarks/sampler.py); for the cases run on L and XL the results end with the parts
that grow faster than the data (issue 18, "cost of growth").
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
BUNDLE = ROOT / "dist" / "wkus"


@dataclass
class Row:
    case: str
    value: float | None  # median (s, MB or ratio)
    unit: str
    low: float | None = None
    high: float | None = None
    floor: float | None = None
    ratio: float | None = None
    target: str = ""
    met: bool | None = None
    note: str = ""
    samples: list[float] = field(default_factory=list)


def compile_app(env: dict[str, str]) -> None:
    """The app measured as installed or frozen: its modules' bytecode compiled once, before the runs.

    A machine that sets PYTHONDONTWRITEBYTECODE would otherwise make every probe compile the app from
    source, a cost the floors (bare PySide6, sqlite3, reportlab from site-packages) never pay. Compiled
    into the tree's own `__pycache__` folders (ignored by git), where an installed package keeps its
    bytecode, and read from there with the libraries' and the standard library's installed bytecode.
    Until 7 December 2026 it went to a PYTHONPYCACHEPREFIX, which also hides that installed bytecode: the
    first probe to import matplotlib and reportlab compiled them from source into the prefix, and its
    floor, run after it, found them compiled (the first annual report of a run 3.98 s CPU, the second
    2.72 s: with two runs, the case's median carried ~0.6 s the floor never paid). `env` is changed in
    place: no prefix; probes write no bytecode of their own when the machine says so (compileall writes
    regardless)."""
    env.pop("PYTHONPYCACHEPREFIX", None)
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "app", "benchmarks"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        check=False,
    )


class Suite:
    def __init__(self, repeat: int, budget: float, bytecode: bool = True) -> None:
        self.repeat = repeat
        self.deadline = time.monotonic() + budget
        self.rows: list[Row] = []
        self.recomputed: set[Path] = set()  # databases holding the stored results of a recompute
        self.raw: dict[str, list[dict[str, Any]]] = {}
        self.env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            WKUS_DATA_DIR=tempfile.mkdtemp(prefix="wkus-bench-data-"),
            PYTHONHASHSEED="0",
            WKUS_BENCH_PROFILE="1",
        )
        #: (case, size) → the sampling profiles of its runs (benchmarks/sampler.py), for the growth section
        self.profiles: dict[tuple[str, str], list[dict[str, dict[str, float]]]] = {}
        #: (case, size) → the case's median seconds, for the growth section
        self.seconds: dict[tuple[str, str], float] = {}
        self.bytecode = bytecode
        #: with --merge: the previous results' cost-of-growth rows and when they were measured
        self.previous_growth: list[dict[str, Any]] = []
        self.previous_when = ""
        if bytecode:
            compile_app(self.env)

    def left(self) -> float:
        return self.deadline - time.monotonic()

    def keep_profile(self, case: str, label: str, data: dict[str, Any]) -> None:
        if data.get("profile"):
            self.profiles.setdefault((case, label), []).append(data["profile"])

    def probe(self, name: str, *args: str, timeout: float = 120) -> tuple[dict[str, Any] | None, float, float]:
        """Run one probe process; returns (its JSON or None on timeout/failure, start stamp, wall seconds)."""
        timeout = max(5.0, min(timeout, self.left()))
        started = time.time()
        t0 = time.perf_counter()
        try:
            proc = subprocess.run(
                [sys.executable, "-m", "benchmarks.probes", name, *args],
                cwd=ROOT,
                env=self.env,
                capture_output=True,
                text=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            self.raw.setdefault(name, []).append({"timeout": timeout})
            return None, started, time.perf_counter() - t0
        wall = time.perf_counter() - t0
        lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
        if proc.returncode != 0 or not lines:
            self.raw.setdefault(name, []).append({"error": proc.stderr[-2000:]})
            return None, started, wall
        data = json.loads(lines[-1])
        data["wall"] = wall
        self.raw.setdefault(name, []).append(data)
        return data, started, wall

    def add(
        self,
        case: str,
        samples: list[float],
        unit: str,
        *,
        floor: list[float] | None = None,
        target: str = "",
        limit: float | None = None,
        note: str = "",
    ) -> Row:
        row = Row(case, None, unit, target=target, note=note)
        if samples:
            row.value, row.low, row.high = statistics.median(samples), min(samples), max(samples)
            row.samples = [round(s, 4) for s in samples]
        if floor and row.value is not None:
            row.floor = statistics.median(floor)
            row.ratio = row.value / row.floor if row.floor else None
        measured = row.ratio if floor else row.value
        if limit is not None:
            row.met = measured is not None and measured <= limit
        self.rows.append(row)
        return row


def run_startup(s: Suite, db: Path, label: str = "L") -> float | None:
    floor, paint, ready, rss, wait = [], [], [], [], []
    for _ in range(s.repeat):  # interleaved: floor, app, floor, app ...
        data, started, _wall = s.probe("floor-window", timeout=60)
        if data:
            floor.append(data["first_paint"] - started)
        data, started, _wall = s.probe("app-window", str(db), timeout=120)
        if data:
            paint.append(data["first_paint"] - started)
            if data.get("dashboard_ready"):
                ready.append(data["dashboard_ready"] - started)
                wait.append(data["dashboard_ready"] - data["first_paint"])
            rss.append(data["peak_rss_mb"])
            s.keep_profile("start-up: the Pulpit's wait after the first paint", label, data)
        if s.left() < 60:
            break
    if wait:
        s.seconds[("start-up: the Pulpit's wait after the first paint", label)] = statistics.median(wait)
    s.add(
        f"start-up: first paint of the main window ({label})",
        paint,
        "s",
        floor=floor,
        target="≤ 1.5× floor",
        limit=1.5,
        note="" if paint else "timed out",
    )
    s.add(
        f"start-up: dashboard with its figures ({label})",
        ready,
        "s",
        floor=floor,
        target="≤ 3× floor",
        limit=3.0,
        note="until the Pulpit's figures are on the page (read from the SQLite file after the first paint)",
    )
    s.add(f"peak RSS of the start-up process, {label} open on the Pulpit", rss, "MB", target="≤ 250 MB", limit=250)
    return statistics.median(wait) if wait else None


def run_recompute(s: Suite, db: Path, label: str, timeout: float, runs: int = 1) -> float | None:
    """Floor and recompute interleaved, `runs` times; each recompute on a database without stored
    results (a second run would replace them: a different workload): copies of `db`, the last run on
    `db` itself, so that the later cases see the gmina as the clerk has it, after a recompute."""
    floor: list[float] = []
    samples: list[float] = []
    rss: list[float] = []
    timed_out = False
    for _ in range(runs):
        data, _started, _wall = s.probe("floor-read", str(db), timeout=60)
        if data:
            floor.append(data["seconds"])
        last = len(samples) == runs - 1 or bool(samples and s.left() < 3 * samples[-1] + 60)
        target = db if last else db.with_name(f"{db.stem}-recompute{db.suffix}")
        if not last:
            shutil.copyfile(db, target)
        data, _started, _wall = s.probe("recompute", str(target), timeout=timeout)
        if not last:
            target.unlink(missing_ok=True)
        if not data:
            timed_out = True
            break
        samples.append(data["seconds"])
        rss.append(data["peak_rss_mb"])
        s.keep_profile("recompute all tools", label, data)
        if last:
            s.recomputed.add(db)
            break
    note = (
        f"not finished within {timeout:.0f} s (lower bound: ratio > {timeout / statistics.median(floor or [1]):.0f})"
        if timed_out and not samples
        else f"{len(samples)} run(s), each on a database without stored results"
    )
    s.add(f"recompute all tools ({label})", samples, "s", floor=floor, target="≤ 3× floor", limit=3.0, note=note)
    s.add(
        f"peak RSS of the recompute process ({label})",
        rss,
        "MB",
        target="≤ 250 MB",
        limit=250,
        note="" if rss else "not measured (the recompute did not finish)",
    )
    if samples:
        s.seconds[("recompute all tools", label)] = statistics.median(samples)
        run_write_bound(s, db, label, floor, runs)
    return statistics.median(samples) if samples else None


def run_write_bound(s: Suite, db: Path, label: str, floor: list[float], runs: int) -> None:
    """What SQLite alone takes to insert the rows the recompute stored (probe floor-write), against the
    same read floor: the part of the recompute's ratio no speed of the tools' own code can remove."""
    samples: list[float] = []
    rows = 0
    for _ in range(runs):
        data, _started, _wall = s.probe("floor-write", str(db), timeout=120)
        if not data:
            break
        samples.append(data["seconds"])
        rows = data["rows"]
        if s.left() < 60:
            break
    s.add(
        f"reference: SQLite inserting the stored rows alone ({label})",
        samples,
        "s",
        floor=floor,
        target="— (lower bound of the recompute)",
        note=f"{rows} rows, one transaction, no formula: the recompute's write without its computations",
    )


#: the incremental recompute cases (issue 18): probe → (the case's words, the copy's suffix)
INCREMENTAL = {
    "recompute-changed": ("recompute after one report changed", "changed"),
    "recompute-next-day": ("recompute the next day", "next-day"),
}


def run_recompute_incremental(
    s: Suite, db: Path, label: str, timeout: float, floor_db: Path, probe: str = "recompute-changed"
) -> None:
    """An incremental recompute (issue 18) after one report changed, or on the next day with nothing
    changed (`probe`, INCREMENTAL), on copies of `db` holding a full recompute's results; floor
    interleaved, read from `floor_db` (the gmina without stored results: the same floor as the full
    recompute's, not one inflated by the results it reads)."""
    case, suffix = INCREMENTAL[probe]
    if db not in s.recomputed:
        s.probe("recompute", str(db), timeout=150)
        s.recomputed.add(db)
    floor: list[float] = []
    samples: list[float] = []
    rss: list[float] = []
    written = 0
    for _ in range(s.repeat):
        data, _started, _wall = s.probe("floor-read", str(floor_db), timeout=60)
        if data:
            floor.append(data["seconds"])
        target = db.with_name(f"{db.stem}-{suffix}{db.suffix}")
        shutil.copyfile(db, target)
        data, _started, _wall = s.probe(probe, str(target), timeout=timeout)
        target.unlink(missing_ok=True)
        if not data:
            break
        samples.append(data["seconds"])
        rss.append(data["peak_rss_mb"])
        written = data.get("written", 0)
        if s.left() < 60:
            break
    s.add(
        f"{case} ({label})",
        samples,
        "s",
        floor=floor,
        target="≤ 3× floor",
        limit=3.0,
        note=f"rows rewritten: {written}" if samples else f"timed out ({timeout:.0f} s)",
    )
    s.add(f"peak RSS of the {case} ({label})", rss, "MB", target="≤ 250 MB", limit=250)


def run_list(s: Suite, db: Path, label: str, timeout: float) -> float | None:
    opened, scrolled, loaded, lazy, rss, total = [], [], [], [], [], []
    for _ in range(s.repeat if label == "L" else 1):
        data, _started, _wall = s.probe("contracts-list", str(db), timeout=timeout)
        if not data:
            break
        opened.append(data["open_seconds"])
        scrolled.append(data["scroll_seconds"])
        loaded.append(data["rows_loaded_at_open"])
        total.append(data["rows"])
        lazy.append(data["lazy"])
        rss.append(data["peak_rss_mb"])
        s.keep_profile("contracts list: open + scroll", label, data)
    note = (
        f"rows loaded at open: {loaded[0]} of {total[0]}; lazy fetch: {lazy[0]}"
        if loaded
        else f"timed out ({timeout:.0f} s)"
    )
    s.add(f"contracts list: open ({label})", opened, "s", note=note)
    s.add(f"contracts list: scroll top to bottom ({label})", scrolled, "s")
    if opened:
        s.seconds[("contracts list: open + scroll", label)] = statistics.median(
            [o + sc for o, sc in zip(opened, scrolled)]
        )
    s.add(f"peak RSS of the contracts list process, open + scroll ({label})", rss, "MB", target="≤ 250 MB", limit=250)
    if label == "XL":
        s.add(
            "contracts list on XL loads rows lazily",
            [1.0 if all(lazy) else 0.0] if lazy else [],
            "yes=1",
            target="scrolls without loading all rows up front",
            limit=None,
            note=note,
        )
        s.rows[-1].met = bool(lazy) and all(lazy)
    return statistics.median(opened) if opened else None


def run_report(s: Suite, db: Path) -> None:
    report, floor, rss = [], [], []
    # CPU seconds beside the wall clock: on this shared 2-core machine a probe waits for a core as long
    # as others run (the wall of one report 2.3-9 s for 2.6-3.3 s of CPU), and the wait is not the app's
    report_cpu: list[float] = []
    floor_cpu: list[float] = []
    shape: dict[str, Any] = {}
    if db not in s.recomputed:
        # the report prints the composite indices stored by the last recompute when they are current
        s.probe("recompute", str(db), timeout=150)
        s.recomputed.add(db)
    for _i in range(max(1, s.repeat - 1)):
        data, _started, _wall = s.probe("annual-report", str(db), "2025", timeout=240)
        if not data:
            break
        report.append(data["seconds"])
        report_cpu.append(data["cpu_seconds"])
        rss.append(data["peak_rss_mb"])
        shape = data
        fdata, _started, _wall = s.probe(
            "floor-report", str(data.get("pdf_pages", data["pages"])), str(data.get("charts", 2)), timeout=120
        )
        if fdata:
            floor.append(fdata["seconds"])
            floor_cpu.append(fdata["cpu_seconds"])
        if s.left() < 120:
            break
    note = f"{shape.get('pages')} pages, {shape.get('charts')} charts" if shape else "timed out"
    if report_cpu and floor_cpu:
        mine, theirs = statistics.median(report_cpu), statistics.median(floor_cpu)
        note += f"; CPU {mine:.2f} s, floor {theirs:.2f} s: {mine / theirs:.2f}×"
    s.add("annual report PDF (L, 2025)", report, "s", floor=floor, target="≤ 1.5× floor", limit=1.5, note=note)
    s.add("peak RSS of the annual report process (L)", rss, "MB", target="≤ 250 MB", limit=250)


#: the XL gmina holds 10× the L one's records: a part growing linearly takes 10× the time
LINEAR = 10.0
#: the sampling profile's grain (seconds per sample)
INTERVAL = 0.02


def _mean_profile(profiles: list[dict[str, dict[str, float]]], kind: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for profile in profiles:
        for name, seconds in profile.get(kind, {}).items():
            out[name] = out.get(name, 0.0) + seconds / len(profiles)
    return out


def growth(s: Suite) -> list[dict[str, Any]]:
    """For each case measured on L and XL: its XL/L ratio and, from the sampling profiles, the parts
    growing faster than linearly: innermost app functions (their own time with the SQL and library
    code they call) taking more than LINEAR× their L seconds on XL and at least 3 % of the XL case,
    the largest excess (XL seconds − LINEAR × L seconds) first."""
    out = []
    for (case, label), l_seconds in s.seconds.items():
        xl_seconds = s.seconds.get((case, "XL"))
        if label != "L" or xl_seconds is None or not l_seconds:
            continue
        lp = _mean_profile(s.profiles.get((case, "L"), []), "innermost")
        xp = _mean_profile(s.profiles.get((case, "XL"), []), "innermost")
        parts: list[dict[str, Any]] = []
        for name, xs in xp.items():
            ls = lp.get(name, 0.0)
            # a function no sample caught on L took less than one interval there: only more than
            # LINEAR intervals on XL is evidence of faster growth (not the sampling's grain)
            if xs >= 0.03 * xl_seconds and xs > LINEAR * max(ls, INTERVAL):
                parts.append(
                    {
                        "function": name,
                        "L": round(ls, 3),
                        "XL": round(xs, 3),
                        "ratio": round(xs / ls, 1) if ls else None,
                        "excess": round(xs - LINEAR * ls, 3),
                    }
                )
        parts.sort(key=lambda p: -p["excess"])
        out.append(
            {
                "case": case,
                "L": round(l_seconds, 3),
                "XL": round(xl_seconds, 3),
                "ratio": round(xl_seconds / l_seconds, 2),
                "profiled": bool(lp and xp),
                "superlinear": parts[:5],
            }
        )
    return out


def growth_lines(rows: list[dict[str, Any]]) -> list[str]:
    if not rows:
        return []
    lines = [
        "",
        "## Cost of growth (XL / L, 10× the data)",
        "",
        "From a sampling profile of every run (benchmarks/sampler.py, ~50 samples/s on every thread): the "
        "innermost app functions whose own time (with the SQL and library code they call) grows more than "
        "10× from L to XL and is at least 3 % of the XL case.",
        "",
        "| case | L | XL | XL / L | parts growing faster than linearly (L s → XL s, ×) |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        if not r["profiled"]:
            parts = "not profiled"
        elif r["superlinear"]:
            parts = "; ".join(
                f"`{p['function']}` {p['L']:.2f} → {p['XL']:.2f}"
                f" ({'×' + format(p['ratio'], '.0f') if p['ratio'] else 'only on XL'})"
                for p in r["superlinear"]
            )
        else:
            parts = "none: every part grows at most linearly"
        lines.append(f"| {r['case']} | {r['L']:.3g} s | {r['XL']:.3g} s | {r['ratio']:.2f} | {parts} |")
    return lines


def run_bundle(s: Suite) -> None:
    exe = BUNDLE / "wkus"
    if not exe.exists():
        s.add("Linux bundle size", [], "MB", target="≤ 200 MB", note="no bundle: run `pyinstaller build.spec` first")
        return
    # PyInstaller links some libraries by symlink: count each file once, as `du` does.
    size = sum(p.stat().st_size for p in BUNDLE.rglob("*") if p.is_file() and not p.is_symlink()) / 1024 / 1024
    s.add("Linux bundle size (dist/wkus)", [size], "MB", target="≤ 200 MB", limit=200)
    # Start of a whole process that imports the core, opens nothing and exits (`--help` builds every
    # subcommand's parser): the frozen and the source app started the same way.
    # A start is ~0.3–0.5 s: 5 pairs left the median at the mercy of one slow floor start on this shared
    # machine (1.12×, 1.21× and 1.56× in three runs of the same bundle on 7 Dec 2026); 5× as many pairs cost
    # ~15 s, and the children's CPU seconds (less moved by other processes) are noted beside the wall clock.
    frozen, source = [], []
    cpu: dict[str, list[float]] = {"frozen": [], "source": []}
    for _ in range(5 * (s.repeat + 2)):
        for cmd, bucket, name in (
            ([str(exe), "--help"], frozen, "frozen"),
            ([sys.executable, "-m", "app", "--help"], source, "source"),
        ):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            subprocess.run(cmd, cwd=ROOT, env=s.env, capture_output=True, timeout=60)
            bucket.append(time.perf_counter() - t0)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[name].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    f_cpu, s_cpu = statistics.median(cpu["frozen"]), statistics.median(cpu["source"])
    s.add(
        "frozen start vs source start (`wkus --help`)",
        frozen,
        "s",
        floor=source,
        target="≤ 1.3× source",
        limit=1.3,
        note=f"{len(frozen)} pairs; CPU {f_cpu:.3f} s against {s_cpu:.3f} s: {f_cpu / s_cpu:.2f}×" if s_cpu else "",
    )
    # The GUI start through the same entry points: the shell's first paint, stamped by the app itself
    # (app/ui/paint_stamp.py, the probes' recipe; app.ui.launch.FIRST_PAINT_ENV), on a new data folder each
    # time, no database opened.
    frozen, source = [], []
    for _ in range(s.repeat + 2):
        for cmd, bucket in (([str(exe)], frozen), ([sys.executable, "-m", "app"], source)):
            env = dict(s.env, WKUS_BENCH_FIRST_PAINT="1", WKUS_DATA_DIR=tempfile.mkdtemp(prefix="wkus-bench-paint-"))
            started = time.time()
            proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=90)
            lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
            if proc.returncode == 0 and lines:
                bucket.append(json.loads(lines[-1])["first_paint"] - started)
    s.add(
        "frozen first paint vs source first paint (`wkus`)",
        frozen,
        "s",
        floor=source,
        target="≤ 1.3× source",
        limit=1.3,
        note="" if frozen and source else "no first paint stamped",
    )


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    try:
        cpu = [
            ln.split(":", 1)[1].strip()
            for ln in Path("/proc/cpuinfo").read_text().splitlines()
            if ln.startswith("model name")
        ]
        info["cpu"] = cpu[0] if cpu else ""
        mem = [ln for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal")]
        info["memory"] = mem[0].split(":", 1)[1].strip() if mem else ""
        info["load_average_at_start"] = os.getloadavg()
    except OSError:
        pass
    try:
        import PySide6

        info["pyside6"] = PySide6.__version__
    except ImportError:
        pass
    return info


def merge_previous(s: Suite, counts: dict[str, Any], out: Path) -> None:
    """Keep the rows of the previous results that this run did not measure (`--merge`)."""
    previous = out / "latest.json"
    if not previous.exists():
        return
    old = json.loads(previous.read_text(encoding="utf-8"))
    fresh = {r.case: r for r in s.rows}
    rows = [fresh.pop(r["case"], None) or Row(**r) for r in old["rows"]]
    s.rows = rows + list(fresh.values())
    for name, samples in old.get("raw", {}).items():
        s.raw.setdefault(name, samples)
    for key, value in old.get("datasets", {}).items():
        counts.setdefault(key, value)
    s.previous_growth = old.get("growth", [])
    s.previous_when = old.get("machine", {}).get("when", "")


def write_results(s: Suite, info: dict[str, Any], counts: dict[str, Any], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    grown = growth(s)
    measured = {g["case"] for g in grown}
    grown += [g for g in s.previous_growth if g["case"] not in measured]  # --merge: kept as the rows are
    payload = {"machine": info, "datasets": counts, "rows": [asdict(r) for r in s.rows], "growth": grown, "raw": s.raw}
    (out / "latest.json").write_text(json.dumps(payload, indent=1, ensure_ascii=False), encoding="utf-8")

    def fmt(v: float | None, unit: str = "") -> str:
        if v is None:
            return "—"
        return f"{v:.3g}" if unit != "MB" else f"{v:.0f}"

    lines = [
        "# Benchmark results",
        "",
        f"Machine: {info.get('cpu', '?')}, {info.get('cpus')} CPUs, {info.get('memory', '?')}, "
        f"{info.get('platform')}, Python {info.get('python')}, PySide6 {info.get('pyside6', '?')}; "
        f"load average at start {info.get('load_average_at_start')}; {info.get('when')}; "
        f"app bytecode: {info.get('app_bytecode', 'compiled from source at every start')}"
        + (f"; the cases not run now kept from the run of {s.previous_when}" if s.previous_when else "")
        + ".",
        "",
        f"Datasets: {json.dumps(counts, ensure_ascii=False)}",
        "",
        "| case | median | min–max | floor | ratio | target | met | note |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in s.rows:
        met = "—" if r.met is None else ("yes" if r.met else "**no**")
        span = f"{fmt(r.low, r.unit)}–{fmt(r.high, r.unit)}" if r.low is not None else "—"
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "—"
        lines.append(
            f"| {r.case} | {fmt(r.value, r.unit)} {r.unit} | {span} | {fmt(r.floor)} | {ratio} | "
            f"{r.target} | {met} | {r.note} |"
        )
    lines += growth_lines(grown)
    (out / "latest.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description="WKUS Desktop benchmark suite")
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (medians, min–max)")
    parser.add_argument(
        "--budget",
        type=float,
        default=None,
        help="seconds for the whole suite (default 9 min; 25 min with --xl --xl-recompute)",
    )
    parser.add_argument(
        "--only",
        default="startup,recompute,recompute-changed,recompute-next-day,list,report,bundle",
        help="comma-separated cases: startup, recompute, recompute-changed, recompute-next-day, list, report, "
        "bundle, xl",
    )
    parser.add_argument("--xl", action="store_true", help="also the XL scaling cases (generates XL once, ~3 min)")
    parser.add_argument("--xl-recompute", action="store_true", help="with --xl, also recompute on XL (long)")
    parser.add_argument("--merge", action="store_true", help="keep previous rows of cases not run now")
    parser.add_argument(
        "--compile-each-start",
        action="store_true",
        help="do not precompile the app's bytecode (measures as before 6 December 2026)",
    )
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    only = set(args.only.split(","))
    if args.xl:
        only.add("xl")
    os.environ.setdefault("WKUS_DATA_DIR", tempfile.mkdtemp(prefix="wkus-bench-data-"))
    from benchmarks.generator import SIZES, cached_database

    # XL's generation (first run) and recompute take minutes: one run of `--xl --xl-recompute` must not
    # cut the XL recompute short for want of budget
    budget = args.budget if args.budget is not None else (1500.0 if args.xl and args.xl_recompute else 540.0)
    s = Suite(args.repeat, budget, bytecode=not args.compile_each_start)
    info = machine()
    info["app_bytecode"] = (
        "compiled once before the runs (as installed)"
        if s.bytecode
        else "compiled from source at every start (PYTHONDONTWRITEBYTECODE as set)"
    )
    t0 = time.perf_counter()
    # Work on copies: recompute stores results, and the cached files must stay as generated.
    work = Path(tempfile.mkdtemp(prefix="wkus-bench-db-"))
    db_l = work / "L.sqlite"
    shutil.copyfile(cached_database("L"), db_l)
    s.probe("migrate", str(db_l), timeout=300)
    counts: dict[str, Any] = {"L": asdict(SIZES["L"]), "L_generation_seconds": round(time.perf_counter() - t0, 1)}
    print(f"L database: {db_l}", flush=True)
    steps = [
        ("startup", lambda: run_startup(s, db_l)),
        ("recompute", lambda: run_recompute(s, db_l, "L", timeout=150, runs=s.repeat)),
        *(
            (probe, lambda probe=probe: run_recompute_incremental(s, db_l, "L", 120, cached_database("L"), probe))
            for probe in INCREMENTAL
        ),
        ("list", lambda: run_list(s, db_l, "L", timeout=90)),
        ("report", lambda: run_report(s, db_l)),
        ("bundle", lambda: run_bundle(s)),
    ]
    for name, step in steps:
        if name in only:
            print(f"… {name} ({s.left():.0f} s of budget left)", flush=True)
            step()
    if "xl" in only:
        t0 = time.perf_counter()
        db_xl = work / "XL.sqlite"
        shutil.copyfile(cached_database("XL"), db_xl)
        s.probe("migrate", str(db_xl), timeout=600)
        counts["XL"] = asdict(SIZES["XL"])
        counts["XL_generation_seconds"] = round(time.perf_counter() - t0, 1)
        l_wait = s.seconds.get(("start-up: the Pulpit's wait after the first paint", "L"))
        xl_wait = run_startup(s, db_xl, "XL")
        if l_wait and xl_wait:
            s.add(
                "scaling: Pulpit's wait after the first paint XL / L",
                [xl_wait / l_wait],
                "ratio",
                target="≤ 10 (linear)",
                limit=10,
            )
        l_list = next((r.value for r in s.rows if r.case == "contracts list: open (L)"), None)
        xl_list = run_list(s, db_xl, "XL", timeout=max(60.0, min(300.0, s.left() - 30)))
        if l_list and xl_list:
            s.add("scaling: list open XL / L", [xl_list / l_list], "ratio", target="≤ 10 (linear)", limit=10)
        l_rc = next((r.value for r in s.rows if r.case == "recompute all tools (L)"), None)
        if l_rc is None:
            s.add(
                "scaling: recompute XL / L",
                [],
                "ratio",
                target="≤ 10 (linear)",
                note="not run: recompute on L already exceeds its time limit",
            )
        elif not args.xl_recompute:
            s.add(
                "scaling: recompute XL / L",
                [],
                "ratio",
                target="≤ 10 (linear)",
                note=f"not run by default: at L's pace ({l_rc:.0f} s) XL would take ~{10 * l_rc / 60:.0f} min; "
                "use --xl-recompute",
            )
        else:
            xl_rc = run_recompute(s, db_xl, "XL", timeout=max(60.0, s.left() - 10))
            s.add(
                "scaling: recompute XL / L", [xl_rc / l_rc] if xl_rc else [], "ratio", target="≤ 10 (linear)", limit=10
            )
    shutil.rmtree(work, ignore_errors=True)
    if args.merge:
        merge_previous(s, counts, args.out)
    write_results(s, info, counts, args.out)
    print((args.out / "latest.md").read_text(encoding="utf-8"))
    return 0
