"""The benchmark's "cost of growth" (issue 18): the sampling profile attributes wall time to the app's
functions on every thread, and the runner names the parts of a case that grow faster than the data."""

from __future__ import annotations

import threading

from benchmarks import sampler as sampler_module
from benchmarks.runner import Suite, growth, growth_lines

# a function whose code object says it lives in the app (the sampler keeps only app frames)
_SOURCE = """
def busy(stop):
    while not stop.is_set():
        sum(range(1000))
"""


def test_the_sampler_sees_an_app_function_running_in_another_thread() -> None:
    namespace: dict[str, object] = {}
    exec(compile(_SOURCE, sampler_module.APP + "fake/busy.py", "exec"), namespace)  # noqa: S102
    stop = threading.Event()
    worker = threading.Thread(target=namespace["busy"], args=(stop,))
    worker.start()
    sampler = sampler_module.Sampler(interval=0.005).start()
    try:
        done = threading.Event()
        while sampler.ticks < 10 and not done.wait(0.01):  # as many samples as the machine gives
            pass
    finally:
        profile = sampler.stop()
        stop.set()
        worker.join()
    assert "app/fake/busy.py:busy" in profile["inclusive"]
    assert "app/fake/busy.py:busy" in profile["innermost"]
    # the sampler's own thread and this test's frames (outside app/) are never counted
    assert all(name.startswith("app/") for name in profile["inclusive"])


def _suite_with(l_seconds: float, xl_seconds: float, l_parts: dict[str, float], xl_parts: dict[str, float]) -> Suite:
    s = Suite.__new__(Suite)  # no processes, no bytecode: only the bookkeeping growth() reads
    s.seconds = {("case", "L"): l_seconds, ("case", "XL"): xl_seconds}
    s.profiles = {("case", "L"): [{"innermost": l_parts}], ("case", "XL"): [{"innermost": xl_parts}]}
    return s


def test_growth_names_the_parts_growing_faster_than_the_data() -> None:
    # L 1.0 s, XL 14.0 s; a: 0.2 → 6.0 (×30, excess 6.0 − 10 × 0.2 = 4.0), b: 0.5 → 4.5 (×9: linear),
    # c: 0.0 → 1.0 (only on XL, excess 1.0), d: 0.01 → 0.3 (×30 but 2 % of 14 s: too small to name)
    s = _suite_with(1.0, 14.0, {"a": 0.2, "b": 0.5, "d": 0.01}, {"a": 6.0, "b": 4.5, "c": 1.0, "d": 0.3})
    (row,) = growth(s)
    assert row["ratio"] == 14.0
    assert [p["function"] for p in row["superlinear"]] == ["a", "c"]
    assert row["superlinear"][0] == {"function": "a", "L": 0.2, "XL": 6.0, "ratio": 30.0, "excess": 4.0}
    assert row["superlinear"][1]["ratio"] is None  # not seen on L at all
    line = growth_lines([row])[-1]
    assert "`a` 0.20 → 6.00 (×30)" in line and "`c` 0.00 → 1.00 (only on XL)" in line


def test_a_case_growing_linearly_says_so() -> None:
    s = _suite_with(1.0, 9.0, {"a": 0.5, "b": 0.5}, {"a": 4.5, "b": 4.5})
    (row,) = growth(s)
    assert row["superlinear"] == []
    assert growth_lines([row])[-1].endswith("| none: every part grows at most linearly |")


def test_a_function_unseen_on_l_is_named_only_beyond_the_samplings_grain() -> None:
    # unseen on L: under one 0.02 s sample there, so linear growth gives at most 10 × 0.02 = 0.2 s on XL;
    # e: 0 → 0.15 (5 % of 3 s, but within the grain), f: 0 → 0.25 (beyond it)
    s = _suite_with(1.0, 3.0, {}, {"e": 0.15, "f": 0.25})
    (row,) = growth(s)
    assert [p["function"] for p in row["superlinear"]] == ["f"]
