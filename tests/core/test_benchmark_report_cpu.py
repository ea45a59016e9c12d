"""The annual report's benchmark row says the CPU seconds of the report and of its floor beside the wall
clock (issue 18): on a shared machine a probe's wall clock holds its waits for a core."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from benchmarks import runner


def test_the_report_row_names_the_cpu_ratio() -> None:
    s = runner.Suite(repeat=3, budget=600, bytecode=False)
    s.recomputed.add(Path("L.sqlite"))  # no recompute probe
    answers = iter(
        [
            {"seconds": 4.0, "cpu_seconds": 2.4, "peak_rss_mb": 190.0, "pages": 174, "pdf_pages": 174, "charts": 6},
            {"seconds": 1.5, "cpu_seconds": 1.2},
            {"seconds": 6.0, "cpu_seconds": 2.6, "peak_rss_mb": 191.0, "pages": 174, "pdf_pages": 174, "charts": 6},
            {"seconds": 1.5, "cpu_seconds": 1.6},
        ]
    )

    def probe(name: str, *args: str, timeout: float = 120) -> tuple[dict[str, Any], float, float]:
        return next(answers), 0.0, 0.0

    s.probe = probe  # type: ignore[method-assign]
    runner.run_report(s, Path("L.sqlite"))
    row = s.rows[0]
    # wall: median 5.0 s against 1.5 s; CPU: median (2.4 + 2.6) / 2 = 2.5 s against (1.2 + 1.6) / 2 = 1.4 s
    assert round(row.ratio or 0, 2) == 3.33
    assert row.note == "174 pages, 6 charts; CPU 2.50 s, floor 1.40 s: 1.79×"


def test_the_floor_of_the_report_is_sampled_as_the_report_is(monkeypatch: Any, capsys: Any) -> None:
    """The report's probe runs the sampling profiler's thread (CPU and the interpreter lock taken from the
    build); its floor ran without one."""
    import json

    from benchmarks import probes

    monkeypatch.setenv("WKUS_BENCH_PROFILE", "1")
    probes.floor_report("1", "0")
    emitted = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert "profile" in emitted and emitted["pages"] == 1
