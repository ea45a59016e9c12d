"""Composite indices of a set of contracts in one year, from the results the last recompute stored.

The tools engine stores every contract's index per year (tool_result rows "IDX-<model>", with the
component values and the weights used). Recomputing them for a council report costs seconds per
thousand contracts; the stored rows give the same figures, as long as they are current. They are
used only when they are: the catalogue version and the weights in force equal those stored, and no
record changed after the recompute (the audit log). Otherwise the caller recomputes.

Aggregation is app.core.tools.indices.mean_index, as in composite_indices: a model's value is the mean
of the contracts' indices; a component's raw value the mean over the contracts that have it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.db.models import AuditEntry
from app.core.db.models.tools import ToolResult

INDEX_PREFIX = "IDX-"  # as app.core.tools.indices.INDEX_PREFIX


def stored_composite_indices(session: Session, contract_ids: list[int], year: int) -> list[Any] | None:
    """IndexValue per model (as composite_indices gives) from stored results; None when they are
    missing, from another catalogue or other weights, or older than the latest change of the data."""
    from app.core.tools.engine import latest_weights
    from app.core.tools.indices import mean_index
    from app.core.tools.service import catalogue

    cat = catalogue()
    codes = list(cat.indices)
    wanted = set(contract_ids)
    rows = [r for r in session.execute(
        select(ToolResult.tool_id, ToolResult.scope_id, ToolResult.outputs, ToolResult.weights_used,
               ToolResult.catalogue_version, ToolResult.computed_at)
        .where(ToolResult.tool_id.in_([INDEX_PREFIX + c for c in codes]), ToolResult.scope_kind == "contract",
               ToolResult.year == year)) if r.scope_id in wanted]
    if not rows:
        return None
    oldest = min(r.computed_at for r in rows)
    if any(r.catalogue_version != cat.version for r in rows):
        return None
    # Anything changed after the recompute (the tool results themselves aside) makes them stale.
    changed = session.scalar(select(func.max(AuditEntry.at)).where(AuditEntry.entity != ToolResult.__tablename__))
    if changed is not None and changed >= oldest:
        return None
    out = []
    for code in codes:
        index = cat.indices[code]
        weights, source = latest_weights(session, index)
        mine = [r for r in rows if r.tool_id == INDEX_PREFIX + code]
        for r in mine:
            used = {c["key"]: Decimal(str(c["weight"])) for c in (r.weights_used or {}).get("components", [])}
            if used != {c.key: weights.get(c.key, c.weight) for c in index.components}:
                return None  # weights changed (a RADAR meeting) since the recompute
        values = [Decimal(str(r.outputs["value"])) for r in mine if r.outputs.get("value") is not None]
        raws: dict[str, list[Decimal]] = {c.key: [] for c in index.components}
        for r in mine:
            for comp in r.outputs.get("components", []):
                if comp.get("raw") is not None and comp.get("key") in raws:
                    raws[comp["key"]].append(Decimal(str(comp["raw"])))
        out.append(mean_index(cat, code, values, raws, weights, source, year))
    return out
