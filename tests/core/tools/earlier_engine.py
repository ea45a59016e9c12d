"""How a computation was made before the recompute's short paths: copies of app/core/tools/engine.py's
compute (long path), model_summary and run_formula and of indices.py's _contract_index at 6951b58, and
gather as it reads (by the inputs, not a plan; no source guarded). tests/core/tools/test_compute_short_path.py
compares every computation of a recompute with these."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from sys import intern
from typing import Any

from app.core.errors import FieldError
from app.core.i18n import _
from app.core.tools import sources
from app.core.tools.catalogue import IndexDef, Tool
from app.core.tools.engine import ORIGIN_DEFAULT, ORIGIN_ENTERED, Computation, Engine, ScopeKey, related_scope
from app.core.tools.formulas import FORMULAS, Ctx, ToolInputError
from app.core.tools.indices import ComponentValue, normalise
from app.core.tools.values import coerce_inputs

log = logging.getLogger(__name__)
D0, D1, D100 = Decimal(0), Decimal(1), Decimal(100)


def compute(eng: Engine, tool_id: str, scope: ScopeKey, year: int) -> Computation:
    """Engine.compute of a recompute (no entered values), the long way; other tools from eng's cache."""
    tool = eng.catalogue.tool(tool_id)
    key = (tool_id, scope[0], scope[1], year)
    entry = eng.records.entry(key)
    has_entry = entry is not None
    raw, origin = gather(eng, tool, scope, year, entry)
    if not origin:
        _v, missing = coerce_inputs(tool, raw)
        return Computation(
            tool_id,
            scope[0],
            scope[1],
            year,
            {},
            {},
            {},
            (FieldError("", str(tool.name), _("No data entered yet.")), *missing),
            False,
            tool.params,
            has_entry,
        )
    values, errors = coerce_inputs(tool, raw)
    used_origin = {i.key: origin.get(i.key, ORIGIN_DEFAULT) for i in tool.inputs}
    outputs, problems, ran = run_formula(tool, values, errors, year, eng.as_of)
    return Computation(
        tool_id, scope[0], scope[1], year, outputs, values, used_origin, problems, ran, tool.params, has_entry
    )


def gather(
    eng: Engine, tool: Tool, scope: ScopeKey, year: int, entered: Mapping[str, Any] | None
) -> tuple[dict[str, Any], dict[str, str]]:
    raw: dict[str, Any] = {}
    origin: dict[str, str] = {}
    entered = entered or {}
    for inp in tool.inputs:
        key, src = inp.key, inp.source
        value = entered.get(key)
        if value is not None and value != "" and value != [] and value != ():
            raw[key], origin[key] = value, ORIGIN_ENTERED
            continue
        if not src:
            continue
        if src.startswith("tool:"):
            value = eng.tool_output(src[5:], scope, year)
            kind = "tool"
        elif src.startswith("model_summary."):
            value = model_summary(eng, src.split(".", 1)[1], scope, year)
            kind = "database"
        else:
            value = sources.read_source(eng.source_scope(scope, year), src)
            kind = "database"
        if value is not None:
            raw[key], origin[key] = value, kind
    return raw, origin


def model_summary(eng: Engine, model: str, scope: ScopeKey, year: int) -> tuple[dict[str, Any], ...]:
    from app.core.tools.indices import INDEX_PREFIX
    from app.core.tools.present import SUMMARY_INDEX_OUTPUT, summary_raw

    rows = []
    for t in eng.catalogue.by_model(model):
        if t.id == "E-14" or "summary" in {i.key for i in t.inputs}:
            continue
        target = related_scope(eng.records, scope, t.scope)
        value = None
        if target is not None:
            outputs = eng.compute(t.id, target, year).outputs
            out = t.primary_output
            if out.type != "table" and out.key in outputs:
                value = summary_raw(outputs[out.key])
        rows.append({"tool": t.id, "output": t.primary_output.key, "value": value})
    index = eng.catalogue.indices.get(model)
    if index is not None and scope[0] == "contract":
        contract = eng.records.contract(scope[1])
        if contract is not None:
            weights, _src = eng.weights(index)
            value_idx = contract_index(eng, index, contract, year, weights)[0]
            rows.append({"tool": INDEX_PREFIX + model, "output": SUMMARY_INDEX_OUTPUT, "value": summary_raw(value_idx)})
    return tuple(rows)


def run_formula(
    tool: Tool, values: Mapping[str, Any], errors: list[FieldError], year: int | None, as_of: Any
) -> tuple[dict[str, Any], tuple[FieldError, ...], bool]:
    from app.core.tools.engine import _input_label

    errors = list(errors)
    outputs: dict[str, Any] = {}
    ran = False
    ctx = Ctx(values, tool, year=year, as_of=as_of)
    if not errors:
        try:
            outputs = FORMULAS[tool.id].fn(ctx)
            ran = True
        except ToolInputError as exc:
            errors.append(FieldError(exc.key, _input_label(tool, exc.key), exc.message))
        except (ArithmeticError, KeyError, TypeError, ValueError, StopIteration):
            log.exception("formula %s failed", tool.id)
            errors.append(FieldError("", str(tool.name), _("The tool could not compute a result (see the log).")))
    notes = tuple(FieldError(k, _input_label(tool, k), m) for k, m in ctx.notes)
    return outputs, tuple(errors) + notes, ran


def contract_index(
    eng: Engine, index: IndexDef, contract: Any, year: int, weights: Mapping[str, Decimal]
) -> tuple[Decimal | None, tuple[ComponentValue, ...]]:
    """indices._contract_index as it was (no cache: computed again each time)."""
    comps = []
    num = den = D0
    scope: ScopeKey = ("contract", contract.id)
    for c in index.components:
        w = weights.get(c.key, c.weight)
        target = related_scope(eng.records, scope, c.scope)
        raw = None
        if target is not None and eng.catalogue.has_tool(c.tool_id):
            v = eng.compute(c.tool_id, target, year).outputs.get(c.output_key)
            raw = None if v is None or isinstance(v, (bool, str, tuple, list, dict)) else Decimal(v)
        n = normalise(raw, c.min, c.max) if raw is not None else None
        comps.append(ComponentValue(c.key, intern(str(c.label)), w, c.min, c.max, raw, n))
        if n is not None and w > 0:
            num += w * n
            den += w
    value = (D100 * num / den).quantize(Decimal("0.01"), ROUND_HALF_UP) if den > 0 else None
    return value, tuple(comps)
