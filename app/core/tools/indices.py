"""Composite indices per model (0–100), per contract and aggregated (task, WKUS area, year, gmina).

index = 100 × Σ wᵢ · norm(xᵢ) / Σ wᵢ over the components with a value, where
norm(x) = (x − min) / (max − min) clipped to [0, 1]; weights and bounds come from the catalogue
unless a RADAR meeting agreed other weights. A component without a value is left out and named in
`missing` (its weight is not spread silently: the share of weight covered is reported); an index
with no component at all has no value. Aggregates are plain means of the contracts' indices.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from sys import intern
from typing import Any

from sqlalchemy.orm import Session

from app.core.db.models import Contract
from app.core.i18n import current_language
from app.core.tools.catalogue import Catalogue, IndexDef, band_for
from app.core.tools.engine import Engine, ScopeKey, contract_years, related_scope
from app.core.tools.snapshot import SnapshotContract

D0, D1, D100 = Decimal(0), Decimal(1), Decimal(100)


def normalise(value: Decimal, lo: Decimal, hi: Decimal) -> Decimal:
    return min(max((value - lo) / (hi - lo), D0), D1)


_CENT = Decimal("0.01")


def _q(x: Decimal) -> Decimal:
    return x.quantize(_CENT, ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class ComponentValue:
    key: str
    label: str
    weight: Decimal
    min: Decimal
    max: Decimal
    raw: Decimal | None
    normalised: Decimal | None

    def __init__(
        self,
        key: str,
        label: str,
        weight: Decimal,
        min: Decimal,
        max: Decimal,
        raw: Decimal | None,
        normalised: Decimal | None,
    ) -> None:
        # as Computation's: the generated __init__ of a frozen dataclass looks object.__setattr__ up
        # for each field; a recompute of L builds ~180 000 components
        s = _SET
        s(self, "key", key)
        s(self, "label", label)
        s(self, "weight", weight)
        s(self, "min", min)
        s(self, "max", max)
        s(self, "raw", raw)
        s(self, "normalised", normalised)


_SET = object.__setattr__


@dataclass(frozen=True)
class IndexValue:
    """One model's index for a scope. `model` is the model's name (documents print it)."""

    model: str
    model_code: str
    name: str
    value: Decimal | None
    level: str | None
    band: str
    components: tuple[ComponentValue, ...]
    missing: tuple[str, ...]
    weight_covered: Decimal  # share of the total weight with a value (1 = complete)
    weights: Mapping[str, Decimal]
    weights_source: str  # "catalogue" or "radar:<meeting id>"
    year: int | None
    contracts: int  # how many contracts the value averages
    #: components with a value, of all the index's components ("1 z 4 składników")
    components_with_data: int = 0
    components_total: int = 0
    #: the coverage a verbal grade needs (catalogue: index_band_min_coverage); below it no band is given
    min_coverage: Decimal = Decimal("0.5")

    @property
    def graded(self) -> bool:
        return self.level is not None


def _to_decimal(v: Any) -> Decimal | None:
    if v is None or isinstance(v, (bool, str, tuple, list, dict)):
        return None
    return Decimal(v)


def contract_index(
    eng: Engine,
    index: IndexDef,
    contract: Contract | SnapshotContract,
    year: int,
    weights: Mapping[str, Decimal],
    last: bool = False,
    weights_key: tuple[tuple[str, Decimal], ...] | None = None,
) -> tuple[Decimal | None, tuple[ComponentValue, ...]]:
    """`last`: the caller is the last to ask for this index (the recompute's stored rows, once per
    contract and year): taken out of the cache, not kept in it. On XL the indices of a year, kept to its
    end with their components, weighed ~100 MB, two thirds of them asked for by the rows alone.
    `weights_key`: tuple(sorted(weights.items())) when the caller has it (Engine.index_weights)."""
    # the same index is asked for by E-14's summary, the stored index rows and the gmina mean: once
    key = (
        index.model,
        contract.id,
        year,
        weights_key if weights_key is not None else tuple(sorted(weights.items())),
    )
    if last:
        hit = eng.index_cache.pop(key, None)
        return hit if hit is not None else _contract_index(eng, index, contract, year, weights)
    hit = eng.index_cache.get(key)
    if hit is None:
        hit = eng.index_cache[key] = _contract_index(eng, index, contract, year, weights)
    return hit


def _contract_index(
    eng: Engine, index: IndexDef, contract: Contract | SnapshotContract, year: int, weights: Mapping[str, Decimal]
) -> tuple[Decimal | None, tuple[ComponentValue, ...]]:
    comps = []
    num = den = D0
    scope: ScopeKey = ("contract", contract.id)
    targets: dict[str, ScopeKey | None] = {}
    cache = eng._cache
    for key, tool_id, output_key, c_scope, known, label, lo, hi, default_w in _components(index, eng.catalogue):
        w = weights.get(key, default_w)
        if c_scope in targets:
            target = targets[c_scope]
        else:
            target = targets[c_scope] = related_scope(eng.records, scope, c_scope)
        raw = n = None
        if target is not None and known:
            comp = cache.get((tool_id, target[0], target[1], year))  # compute's own cache, looked up first
            if comp is None:
                comp = eng.compute(tool_id, target, year)
            raw = _to_decimal(comp.outputs.get(output_key))
            if raw is not None:
                n = normalise(raw, lo, hi)
        comps.append(ComponentValue(key, label, w, lo, hi, raw, n))
        if n is not None and w > 0:
            num += w * n
            den += w
    return (_q(D100 * num / den) if den > 0 else None), tuple(comps)


_COMPONENTS: dict[int, tuple[IndexDef, str, Catalogue, tuple[Any, ...]]] = {}


def _components(
    index: IndexDef, cat: Catalogue
) -> tuple[tuple[str, str, str, str, bool, str, Decimal, Decimal, Decimal], ...]:
    """Per component: (key, tool id, output key, scope, whether the catalogue has the tool, label, min,
    max, catalogue weight), once per index and language: an index is computed ~36 000 times
    on L (the component's tool_id and output_key split its key, its label asked gettext, at each call).
    The label is one string per index and language, not one per contract and year (a year of XL caches
    ~400 000 components)."""
    lang = current_language()
    got = _COMPONENTS.get(id(index))
    if got is None or got[0] is not index or got[1] != lang or got[2] is not cat:
        got = _COMPONENTS[id(index)] = (
            index,
            lang,
            cat,
            tuple(
                (
                    c.key,
                    c.tool_id,
                    c.output_key,
                    c.scope,
                    cat.has_tool(c.tool_id),
                    intern(str(c.label)),
                    c.min,
                    c.max,
                    c.weight,
                )
                for c in index.components
            ),
        )
    return got[3]


def _pick_year(eng: Engine, index: IndexDef, contract: SnapshotContract, weights: Mapping[str, Decimal]) -> int:
    """Without a year: the latest year of the contract (up to the reference date) that has a value."""
    years = [y for y in contract_years(contract) if y <= eng.as_of.year] or contract_years(contract)
    for y in reversed(years):
        if contract_index(eng, index, contract, y, weights)[0] is not None:
            return y
    return years[-1]


def composite_indices(
    session: Session,
    contract_ids: list[int] | None = None,
    year: int | None = None,
    catalogue: Catalogue | None = None,
    weights: Mapping[str, Mapping[str, Decimal]] | None = None,
    engine: Engine | None = None,
    as_of: dt.date | None = None,
) -> list[IndexValue]:
    """One IndexValue per model for the contracts given (all when None), as the mean of their indices.

    `weights` (model → component key → weight) overrides both the catalogue and the RADAR meeting.
    """
    eng = engine or Engine(session, catalogue, as_of, full=contract_ids is None)
    cat = eng.catalogue
    contracts = eng.records.contracts_of(contract_ids)
    out = []
    for code, index in cat.indices.items():
        if weights is not None and code in weights:
            w = {**index.default_weights(), **{k: Decimal(str(v)) for k, v in weights[code].items()}}
            source = "custom"
        else:
            w, source = eng.weights(index)
        values: list[Decimal] = []
        comps_by_key: dict[str, list[ComponentValue]] = {c.key: [] for c in index.components}
        for c in contracts:
            y = year if year is not None else _pick_year(eng, index, c, w)
            if year is not None and year not in contract_years(c):
                continue
            v, comps = contract_index(eng, index, c, y, w)
            if v is not None:
                values.append(v)
            for cv in comps:
                comps_by_key[cv.key].append(cv)
        raws = {key: [cv.raw for cv in comps if cv.raw is not None] for key, comps in comps_by_key.items()}
        out.append(mean_index(cat, code, values, raws, w, source, year))
    return out


def mean_index(
    cat: Catalogue,
    code: str,
    values: list[Decimal],
    raws: Mapping[str, list[Decimal]],
    weights: Mapping[str, Decimal],
    source: str,
    year: int | None,
) -> IndexValue:
    """A model's index over several contracts: the mean of their indices, each component's mean raw
    value, and the share of the weights that had data (shared by the engine and the stored results)."""
    index = cat.indices[code]
    value = _q(sum(values, D0) / len(values)) if values else None
    comps_out = []
    for c in index.components:
        got = raws.get(c.key, [])
        raw = sum(got, D0) / len(got) if got else None
        comps_out.append(
            ComponentValue(
                c.key,
                str(c.label),
                weights.get(c.key, c.weight),
                c.min,
                c.max,
                raw.quantize(Decimal("0.0001")) if raw is not None else None,
                normalise(raw, c.min, c.max).quantize(Decimal("0.0001")) if raw is not None else None,
            )
        )
    total_w = sum(weights.values(), D0)
    covered = sum((cv.weight for cv in comps_out if cv.raw is not None), D0)
    share = (covered / total_w).quantize(Decimal("0.0001")) if total_w > 0 else D0
    # a grade only when enough of the weight has data: "77,5 wysoki" from 1 of 4 components overstates
    band = band_for(cat.index_bands, value) if share >= cat.band_min_coverage else None
    return IndexValue(
        model=str(cat.models.get(code, code)),
        model_code=code,
        name=str(index.name),
        value=value,
        level=band.level if band else None,
        band=str(band.label) if band else "",
        components=tuple(comps_out),
        missing=tuple(cv.label for cv in comps_out if cv.raw is None),
        weight_covered=share,
        weights=weights,
        weights_source=source,
        year=year,
        contracts=len(values),
        components_with_data=sum(1 for cv in comps_out if cv.raw is not None),
        components_total=len(comps_out),
        min_coverage=cat.band_min_coverage,
    )


@dataclass(frozen=True)
class IndexRow:
    """One line of an aggregation table: a contract, task, area, year or the whole gmina."""

    level: str  # contract | task | area | year | gmina
    key: str
    label: str
    year: int | None
    values: Mapping[str, Decimal | None]  # model code → index
    contracts: int


def index_table(
    session: Session,
    level: str,
    year: int | None = None,
    catalogue: Catalogue | None = None,
    as_of: dt.date | None = None,
) -> list[IndexRow]:
    """Indices aggregated per contract, task, WKUS area, year or for the whole gmina."""
    eng = Engine(session, catalogue, as_of, full=True)
    contracts = eng.records.contracts
    groups: dict[tuple[str, str, int | None], list[int]] = {}
    for c in contracts:
        years = contract_years(c)
        if year is not None and year not in years:
            continue
        if level == "contract":
            groups.setdefault((str(c.id), f"{c.number} {c.title}".strip(), year), []).append(c.id)
        elif level == "task":
            task = eng.records.task(c.task_id) if c.task_id else None
            label = (
                task.title
                if task is not None and task.title
                else (str(c.task_id) if task is None and c.task_id else "—")
            )
            groups.setdefault((str(c.task_id or 0), label, year), []).append(c.id)
        elif level == "area":
            t = eng.records.task(c.task_id) if c.task_id else None
            area = t.area if t is not None else None
            groups.setdefault((area.value if area else "", area.label if area else "—", year), []).append(c.id)
        elif level == "year":
            for y in years:
                if year is None or y == year:
                    groups.setdefault((str(y), str(y), y), []).append(c.id)
        else:
            groups.setdefault(("gmina", "", year), []).append(c.id)
    rows = []
    for (key, label, group_year), ids in sorted(groups.items(), key=lambda kv: (kv[0][2] or 0, kv[0][1])):
        idx = composite_indices(session, ids, group_year, engine=eng)
        rows.append(
            IndexRow(
                level,
                key,
                label,
                group_year,
                {i.model_code: i.value for i in idx},
                max((i.contracts for i in idx), default=0),
            )
        )
    return rows


def gmina_indices(session: Session, eng: Engine) -> dict[str, Decimal | None]:
    return {i.model_code: i.value for i in composite_indices(session, None, None, engine=eng)}


def mean_value(total: Decimal, count: int) -> Decimal | None:
    """The gmina's index: the mean of `count` contracts' values adding up to `total`, to two places (the
    values have two places, so their sum is exact in any order)."""
    return _q(total / count) if count else None


INDEX_PREFIX = "IDX-"


def stored_index_rows(
    eng: Engine,
    version: str,
    values_out: MutableMapping[tuple[str, int, int], Decimal] | None = None,
    year: int | None = None,
    contracts: list[SnapshotContract] | None = None,
    means: dict[tuple[str, int], list[Any]] | None = None,
    codes: Collection[str] | None = None,
) -> Iterator[dict[str, Any]]:
    """Composite index of every contract and year (and of the gmina per year) as result rows with the
    weights, bounds and component values used: the audit trail a council figure can be traced to.

    The weights and bounds (the basis) are the same for every row of an index in a run, so they are
    stored once per index and year, on the gmina's row of that year (each year a contract has a value in
    has one), not on each of L's ~24 000 contract rows (9.5 MB of the same text); a reader gets any
    row's basis from figures.index_bases.

    Yielded one by one for the writer's batches: as one list, the ~24 000 rows of L with their
    component lists were a large part of the recompute's peak memory.

    `values_out` receives
    every contract's index used (for the summary's means). `year`: that year's rows only (a recompute year by
    year). `contracts`: these contracts' rows only (a recompute in pieces); with `means`, the gmina's
    rows are not yielded: each (model, year)'s [sum, count] of the contracts' values is added to `means`,
    for `gmina_index_rows` once every piece is done. `codes`: these models' rows only (an incremental run
    writes a model's index rows of contracts whose other indices are current)."""
    from app.core.db.models.base import utcnow

    if contracts is None:
        contracts = eng.records.contracts
    years = sorted({y for c in contracts for y in contract_years(c) if year is None or y == year})
    now = utcnow()
    # a recompute year by year: the year's contracts (in the same order), not every contract's every year
    of_year = contracts if year is None else [c for c in contracts if year in contract_years(c)]
    for code, index in eng.catalogue.indices.items():
        if codes is not None and code not in codes:
            continue
        weights, basis_json, weights_key = _basis(eng, index)
        per_year: dict[int, list[Decimal]] = {}
        for c in of_year:
            for y in contract_years(c) if year is None else (year,):
                value, comps = contract_index(eng, index, c, y, weights, last=year is not None, weights_key=weights_key)
                if value is None:
                    continue
                per_year.setdefault(y, []).append(value)
                if values_out is not None:
                    values_out[(code, c.id, y)] = value
                yield (
                    dict(
                        tool_id=INDEX_PREFIX + code,
                        scope_kind="contract",
                        scope_id=c.id,
                        year=y,
                        # to_json's form built directly (Decimal as text): ~36 000 rows on L
                        outputs={
                            "value": str(value),
                            "components": [
                                {
                                    "key": cv.key,
                                    "raw": None if cv.raw is None else str(cv.raw),
                                    "normalised": None if cv.normalised is None else str(cv.normalised),
                                }
                                for cv in comps
                            ],
                        },
                        inputs_used={},
                        # a missing component is its "raw": null above; its label is the catalogue's (a
                        # "—" per missing component, label and key repeated, was 5.7 MB on L, read by no one)
                        problems=[],
                        catalogue_version=version,
                        weights_used={},  # the gmina row's of this index and year (figures.index_bases)
                        computed_at=now,
                    )
                )
        if means is not None:
            for y, year_values in per_year.items():
                held = means.setdefault((code, y), [D0, 0])
                held[0] += sum(year_values, D0)
                held[1] += len(year_values)
            continue
        for y in years:
            values = per_year.get(y)
            if values:  # the same mean composite_indices(year=y) gives for the whole gmina
                yield _gmina_row(code, y, sum(values, D0), len(values), version, basis_json, now)


def gmina_index_rows(eng: Engine, version: str, means: Mapping[tuple[str, int], list[Any]]) -> Iterator[dict[str, Any]]:
    """The gmina's index rows of a recompute in pieces, from the [sum, count] of each (model, year) that
    `stored_index_rows(means=…)` added up: the same rows as stored_index_rows of every contract at once
    (the contracts' values have two decimal places, so their sum is exact in any order)."""
    from app.core.db.models.base import utcnow

    now = utcnow()
    for code, index in eng.catalogue.indices.items():
        _weights, basis_json, _key = _basis(eng, index)
        for (model, y), (total, count) in sorted(means.items()):
            if model == code and count:
                yield _gmina_row(code, y, total, count, version, basis_json, now)


def _basis(eng: Engine, index: IndexDef) -> tuple[Mapping[str, Decimal], Any, tuple[tuple[str, Decimal], ...]]:
    """The weights in force, the basis an index row stores (the same for every row of the model) and
    contract_index's key of the weights (Engine.index_weights)."""
    from app.core.tools.values import to_json

    weights, source, weights_key = eng.index_weights(index)
    basis = {
        "source": source,
        "components": [
            {"key": c.key, "scope": c.scope, "weight": weights.get(c.key, c.weight), "min": c.min, "max": c.max}
            for c in index.components
        ],
    }
    return weights, to_json(basis), weights_key


def bases_digest(eng: Engine) -> str:
    """A digest of the basis every index row of a recompute stores (weights in force, bounds): kept in
    the recompute's mark, so that an incremental run, which writes the gmina rows that hold the basis
    of the contract rows it leaves as they are, is taken only when that basis has not changed
    (incremental.dirty_since)."""
    import hashlib
    import json

    text = json.dumps({code: _basis(eng, index)[1] for code, index in eng.catalogue.indices.items()}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def _gmina_row(
    code: str, year: int, total: Decimal, count: int, version: str, basis_json: Any, now: Any
) -> dict[str, Any]:
    """The gmina's index row of a model and year: the mean of its contracts' values."""
    from app.core.tools.values import to_json

    return dict(
        tool_id=INDEX_PREFIX + code,
        scope_kind="gmina",
        scope_id=0,
        year=year,
        outputs=to_json({"value": mean_value(total, count), "contracts": count}),
        inputs_used={},
        problems=[],
        catalogue_version=version,
        weights_used=basis_json,
        computed_at=now,
    )
