"""The 42 WKUS tools: catalogue (data file), formulas, sources, engine, indices and the UI service.

Documents, wizards and screens ask `figures` for every indicator (stored when current, computed
otherwise): `model_indices(session, contract_ids, year)` and `contract_measures(...)` below.
Submodules are imported lazily so `import app.core.tools` stays cheap.
"""

from __future__ import annotations

from typing import Any


def composite_indices(
    session: Any, contract_ids: list[int] | None = None, year: int | None = None, **kwargs: Any
) -> list[Any]:
    """One IndexValue (model, name, value 0–100 or None, components, weights...) per model, computed."""
    from app.core.tools.indices import composite_indices as _ci

    return _ci(session, contract_ids, year, **kwargs)


def model_indices(
    session: Any, contract_ids: list[int] | None = None, year: int | None = None, **kwargs: Any
) -> list[Any]:
    """The composite indices as documents and screens show them: stored when current, else computed."""
    from app.core.tools.figures import indices

    return indices(session, contract_ids, year, **kwargs)


def contract_measures(session: Any, contract_ids: list[int], year: int | None, **kwargs: Any) -> dict[int, Any]:
    """Result attainment, persons served and the grant per person of each contract (figures.ContractMeasures)."""
    from app.core.tools.figures import contract_measures as _cm

    return _cm(session, contract_ids, year, **kwargs)
