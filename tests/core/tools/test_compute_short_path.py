"""A recompute's computations take short paths: the problems of a computation with no input at all
checked once per tool (Engine._no_data), the inputs' origins from a per-tool key list, no formula
context when input errors stop the formula, E-14's model summary and the contract indices read through
compute's cache with each index's components planned once (indices._components). Every computation and
every contract index of a recompute must equal what the long way gives (tests/core/tools/earlier_engine.py,
the code before), field by field, Decimal digits and key order included (repr); on the demo and on a
varied generated gmina."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.core.tools import indices
from app.core.tools.engine import Computation, Engine
from app.core.tools.service import recompute_all
from tests.core.tools import earlier_engine
from tests.core.tools.gminas import TODAY, copy_of, make_demo, make_generated


@pytest.fixture(scope="module")
def gminas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("short")
    return {"demo": make_demo(base / "demo.sqlite"), "generated": make_generated(base / "generated.sqlite")}


def _fields(c: Computation) -> str:
    return repr(
        (c.tool_id, c.scope_kind, c.scope_id, c.year, c.outputs, c.values, c.origins, c.problems, c.ran, c.params)
        + (c.has_entry,)
    )


@pytest.mark.parametrize("name", ["demo", "generated"])
def test_every_computation_equals_the_long_path(
    name: str, gminas: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = copy_of(gminas[name], tmp_path / "gmina.sqlite")
    short_compute = Engine.compute
    short_index = indices._contract_index
    seen: dict[str, int] = {}
    empty: set[str] = set()
    index_calls = [0]

    def compute(
        self: Engine, tool_id: str, scope: Any, year: int, entered: Any = None, use_cache: bool = True
    ) -> Computation:
        key = (tool_id, scope[0], scope[1], year)
        fresh = entered is None and key not in self._cache
        comp = short_compute(self, tool_id, scope, year, entered, use_cache)
        if fresh:
            assert _fields(comp) == _fields(earlier_engine.compute(self, tool_id, scope, year)), key
            seen[tool_id] = seen.get(tool_id, 0) + 1
            if not comp.origins and not comp.ran:
                empty.add(tool_id)
        return comp

    def contract_index(eng: Engine, index: Any, contract: Any, year: int, weights: Any) -> Any:
        got = short_index(eng, index, contract, year, weights)
        assert repr(got) == repr(earlier_engine.contract_index(eng, index, contract, year, weights)), (
            index.model,
            contract.id,
            year,
        )
        index_calls[0] += 1
        return got

    monkeypatch.setattr(Engine, "compute", compute)
    monkeypatch.setattr(indices, "_contract_index", contract_index)
    recompute_all(db, as_of=TODAY)
    db.dispose()
    # every tool met, computations with no input among them (the short path), and the indices
    assert len(seen) >= 30 and sum(seen.values()) > 1000, seen  # 33 tools of the generated gmina
    assert len(empty) >= 5, empty
    assert index_calls[0] > 100
