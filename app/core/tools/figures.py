"""The one owner of model figures: every document, wizard and screen asks here for result attainment,
persons served, the grant per person and the composite indices, and never computes them itself.

Each question is answered from the results of the last recompute when they are current (same
catalogue version and weights, no record changed since: the audit log) and computed by the tools
engine otherwise. Attainment of a contract-year *is* J-04's attainment; over the whole contract it is
app.core.tools.results (the same capped ratios, each result's years added up by its kind).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from app.core.db.models import AuditEntry, ToolResult
from app.core.tools import results as rs
from app.core.tools.sources import year_reports_of

INDEX_PREFIX = "IDX-"
ATTAINMENT_TOOL, ATTAINMENT_OUTPUT = "J-04", "attainment"


@dataclass(frozen=True)
class ContractMeasures:
    """What the records say about one contract in a year (or over the whole contract, `year` None)."""

    contract_id: int
    year: int | None
    #: J-04: mean of the capped achieved/target ratios; None = not calculable (named in `results`)
    attainment: Decimal | None
    results: tuple[rs.ResultFigure, ...]
    #: people served (results of kind persons, else the reports' recipients; never a sum over years)
    persons: Decimal | None
    #: grant spent according to the annual/final reports of the scope
    grant_spent: Decimal | None
    grant_per_person: Decimal | None
    #: a year's grant per person put on a 12-month footing (grant × 12 / months of the contract in the
    #: year / persons), so a one-month first year does not look twelve times cheaper (issue 13 item 5);
    #: None over the whole contract
    grant_per_person_12m: Decimal | None = None


# ---- are the stored results current? ------------------------------------------------------------


def stored_rows(session: Session, tool_ids: list[str], scope_ids: Iterable[int], year: int) -> list[Any] | None:
    """The stored contract results of these tools for the year when they are current, else None.

    Current: every row from the catalogue in force, the settings the tools read as the last recompute
    read them (not in the audit log: the budget's planned grants behind W-10), and no record changed (the
    audit log, tool results themselves aside) at or after the oldest of them."""
    from app.core.tools.incremental import read_mark
    from app.core.tools.reads import settings_digest
    from app.core.tools.service import catalogue

    wanted = set(scope_ids)
    rows = [
        r
        for r in session.execute(
            select(
                ToolResult.tool_id,
                ToolResult.scope_id,
                ToolResult.outputs,
                ToolResult.catalogue_version,
                ToolResult.computed_at,
            ).where(ToolResult.tool_id.in_(tool_ids), ToolResult.scope_kind == "contract", ToolResult.year == year)
        )
        if r.scope_id in wanted
    ]
    if not rows:
        return None
    version = catalogue().version
    if any(r.catalogue_version != version for r in rows):
        return None
    mark = read_mark(session)
    if mark is None or mark.get("settings") != settings_digest(session):
        return None
    oldest = min(r.computed_at for r in rows)
    changed = session.scalar(select(func.max(AuditEntry.at)).where(AuditEntry.entity != ToolResult.__tablename__))
    if changed is not None and changed >= oldest and not _recompute_current(session, mark, version):
        return None
    return rows


def _recompute_current(session: Session, mark: dict[str, Any], version: str) -> bool:
    """No change logged since the last recompute started: every stored result is current, including
    those an incremental recompute left in place (their computed_at is older than the change it
    recomputed others for)."""
    from app.core.audit import log_head

    return mark.get("catalogue") == version and isinstance(mark.get("head"), int) and mark["head"] >= log_head(session)


# ---- contracts --------------------------------------------------------------------------------------


def _measures(c: Any, year: int | None, attainment: Decimal | None) -> ContractMeasures:
    figs = tuple(rs.figures(c.planned_results, year, c.start_date, c.end_date))
    reports = year_reports_of(c)  # the same report per year the tools read
    persons = rs.persons_served(c.planned_results, {y: r.recipients for y, r in reports.items()}, year)
    spent = [r.cost_grant for y, r in reports.items() if (year is None or y == year) and r.cost_grant is not None]
    grant = sum(spent, Decimal(0)) if spent else None
    per_12m = None
    if year is not None and grant is not None:
        months = rs.months_in_year(c.start_date, c.end_date, year)
        if months > 0:
            per_12m = rs.per_person(grant * rs.D12 / months, persons)
    return ContractMeasures(c.id, year, attainment, figs, persons, grant, rs.per_person(grant, persons), per_12m)


def contract_measures(
    session: Session, contract_ids: list[int], year: int | None, as_of: dt.date | None = None
) -> dict[int, ContractMeasures]:
    """Measures of each contract (by id). With a year, attainment is J-04's result for the contract and
    year (stored when current, computed otherwise); without, over the whole contract."""
    from app.core.tools.engine import Engine
    from app.core.tools.snapshot import Snapshot

    # only the contracts asked about are read; the engine (and its tool entries) only when a stored
    # J-04 result is missing or stale
    snap = Snapshot(session)
    contracts = snap.contracts_of(contract_ids)
    eng: Engine | None = None
    out: dict[int, ContractMeasures] = {}
    stored: dict[int, Decimal | None] = {}
    if year is not None:
        rows = stored_rows(session, [ATTAINMENT_TOOL], contract_ids, year)
        if rows is not None:
            for r in rows:
                v = (r.outputs or {}).get(ATTAINMENT_OUTPUT)
                stored[r.scope_id] = Decimal(str(v)) if v is not None else None
    for c in contracts:
        if year is None:
            att = rs.attainment(c.planned_results, None, c.start_date, c.end_date)
        elif c.id in stored:
            att = stored[c.id]
        else:
            if eng is None:
                eng = Engine(session, as_of=as_of)
                eng._records = snap  # the same rows: one read of the records
            v = eng.compute(ATTAINMENT_TOOL, ("contract", c.id), year).outputs.get(ATTAINMENT_OUTPUT)
            att = Decimal(v) if v is not None else None
        out[c.id] = _measures(c, year, att)
    return out


def mean_attainment(measures: Iterable[ContractMeasures]) -> Decimal | None:
    """Several contracts' attainment: the plain mean of those that have one (as the indices average)."""
    return rs.mean_attainment([m.attainment for m in measures if m.attainment is not None])


# ---- composite indices -----------------------------------------------------------------------------


#: a stored index row's key: (tool_id "IDX-…", scope kind, scope id, year)
IndexRowKey = tuple[str, str, int, int]


def index_bases(session: Session, keys: Iterable[IndexRowKey]) -> dict[IndexRowKey, dict[str, Any] | None]:
    """The basis each stored index row was computed with — {"source": "catalogue" or the RADAR meeting,
    "components": [{"key", "scope", "weight", "min", "max"}, …]}, numbers as text — by row key; None
    for a row not stored or with no basis to trace it to. The one reader of `weights_used` on index rows.

    A recompute stores the basis once per index and year, on the gmina's row (indices.stored_index_rows:
    one basis per index in a run, and an incremental run is taken only while it is unchanged:
    incremental.dirty_since); a contract row's own is empty. Rows stored before that (schema 14
    databases recomputed by an earlier version) carry their own, which is used as it is."""
    keys = list(keys)
    wanted: dict[tuple[int, str], set[int]] = {}
    tool_ids: set[str] = set()
    for tool_id, kind, sid, year in keys:
        wanted.setdefault((year, kind), set()).add(sid)
        tool_ids.add(tool_id)
    stored: dict[IndexRowKey, dict[str, Any]] = {}
    t = ToolResult.__table__
    for (year, kind), ids in sorted(wanted.items()):
        ordered = sorted(ids)
        for n in range(0, len(ordered), 500):
            chunk = ordered[n : n + 500]
            for tool_id, k, sid, y, basis in session.execute(
                select(t.c.tool_id, t.c.scope_kind, t.c.scope_id, t.c.year, t.c.weights_used).where(
                    t.c.tool_id.in_(sorted(tool_ids)),
                    t.c.year == year,
                    or_(t.c.scope_kind == "gmina", and_(t.c.scope_kind == kind, t.c.scope_id.in_(chunk))),
                )
            ):
                stored[(tool_id, k, sid, y)] = basis
    out: dict[IndexRowKey, dict[str, Any] | None] = {}
    for key in keys:
        if key not in stored:
            out[key] = None
            continue
        own = stored[key]
        shared = stored.get((key[0], "gmina", 0, key[3]))
        out[key] = own if own else (shared or None)
    return out


def _basis_weights(basis: dict[str, Any] | None) -> dict[str, Decimal] | None:
    if not basis:
        return None
    return {c["key"]: Decimal(str(c["weight"])) for c in basis.get("components", [])}


def stored_indices(session: Session, contract_ids: list[int], year: int) -> list[Any] | None:
    """IndexValue per model from the stored IDX- rows; None when any is missing or not current, or the
    weights changed (a RADAR meeting) since the recompute."""
    from app.core.tools.engine import latest_weights
    from app.core.tools.indices import mean_index
    from app.core.tools.service import catalogue

    cat = catalogue()
    codes = list(cat.indices)
    rows = stored_rows(session, [INDEX_PREFIX + c for c in codes], contract_ids, year)
    if rows is None:
        return None
    bases = index_bases(session, [(r.tool_id, "contract", r.scope_id, year) for r in rows])
    out = []
    for code in codes:
        index = cat.indices[code]
        weights, source = latest_weights(session, index)
        mine = [r for r in rows if r.tool_id == INDEX_PREFIX + code]
        for r in mine:
            used = _basis_weights(bases[(r.tool_id, "contract", r.scope_id, year)])
            if used != {c.key: weights.get(c.key, c.weight) for c in index.components}:
                return None
        values = [Decimal(str(r.outputs["value"])) for r in mine if r.outputs.get("value") is not None]
        raws: dict[str, list[Decimal]] = {c.key: [] for c in index.components}
        for r in mine:
            for comp in r.outputs.get("components", []):
                if comp.get("raw") is not None and comp.get("key") in raws:
                    raws[comp["key"]].append(Decimal(str(comp["raw"])))
        out.append(mean_index(cat, code, values, raws, weights, source, year))
    return out


def indices(
    session: Session, contract_ids: list[int] | None, year: int | None, as_of: dt.date | None = None, **kwargs: Any
) -> list[Any]:
    """The composite indices (one IndexValue per model) of the contracts in the year: stored when
    current, computed otherwise. `weights=` (a what-if) always computes."""
    from app.core.tools.indices import composite_indices

    if year is not None and contract_ids is not None and not kwargs.get("weights"):
        stored = stored_indices(session, contract_ids, year)
        if stored is not None:
            return stored
    return composite_indices(session, contract_ids, year, as_of=as_of, **kwargs)
