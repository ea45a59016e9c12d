"""The 42 WKUS tools: catalogue (data file), formulas, sources, engine, indices and the UI service.

`composite_indices(session, contract_ids=..., year=...)` is the entry point the documents use.
Submodules are imported lazily so `import app.core.tools` stays cheap.
"""

from __future__ import annotations

from typing import Any


def composite_indices(session: Any, contract_ids: list[int] | None = None, year: int | None = None,
                      **kwargs: Any) -> list[Any]:
    """One IndexValue (model, name, value 0–100 or None, components, weights...) per model."""
    from app.core.tools.indices import composite_indices as _ci

    return _ci(session, contract_ids, year, **kwargs)
