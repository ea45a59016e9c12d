"""A recompute keeps tens of thousands of Computations per year: its hand-written __init__ (faster than
the frozen dataclass's) must not cost memory. Writing __dict__ at once lost CPython's shared attribute
keys and tripled the size of each instance (784 against 240 bytes, measured with tracemalloc)."""

from __future__ import annotations

import dataclasses
import tracemalloc
from collections.abc import Callable
from typing import Any

from app.core.tools.engine import Computation


@dataclasses.dataclass(frozen=True)
class _Generated:
    """Computation's fields with the dataclass's own __init__ (the size to keep)."""

    tool_id: str
    scope_kind: str
    scope_id: int
    year: int
    outputs: Any
    values: Any
    origins: Any
    problems: Any
    ran: bool
    params: Any = dataclasses.field(default_factory=dict)
    has_entry: bool = False


def _bytes_each(make: Callable[[int], Any], n: int = 5000) -> float:
    tracemalloc.start()
    try:
        before = tracemalloc.take_snapshot()
        kept = [make(i) for i in range(n)]
        grown = sum(s.size_diff for s in tracemalloc.take_snapshot().compare_to(before, "filename"))
    finally:
        tracemalloc.stop()
    assert len(kept) == n
    return grown / n


def test_a_computation_is_no_larger_than_the_generated_dataclass() -> None:
    outputs: dict[str, Any] = {}
    ours = _bytes_each(lambda i: Computation("E-01", "contract", i, 2025, outputs, {}, {}, (), True))
    generated = _bytes_each(lambda i: _Generated("E-01", "contract", i, 2025, outputs, {}, {}, (), True))
    assert ours <= generated * 1.1, (ours, generated)


def test_fields_defaults_and_frozen() -> None:
    c = Computation("E-01", "contract", 7, 2025, {"k0": 1}, {}, {}, (), True)
    assert (c.tool_id, c.scope_id, c.year, c.params, c.has_entry) == ("E-01", 7, 2025, {}, False)
    assert c == Computation("E-01", "contract", 7, 2025, {"k0": 1}, {}, {}, (), True)
    assert dataclasses.replace(c, year=2026).year == 2026
    try:
        c.year = 2020  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError("a Computation must stay frozen")
