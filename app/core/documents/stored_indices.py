"""Composite indices stored by the last recompute: kept as a name for older callers; the figures are
owned by app.core.tools.figures (stored when current, computed otherwise)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

INDEX_PREFIX = "IDX-"  # as app.core.tools.indices.INDEX_PREFIX


def stored_composite_indices(session: Session, contract_ids: list[int], year: int) -> list[Any] | None:
    """IndexValue per model from stored results; None when they are missing or not current."""
    from app.core.tools.figures import stored_indices

    return stored_indices(session, contract_ids, year)
