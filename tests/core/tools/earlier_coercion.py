"""The checking of tool inputs as it was before the recompute's faster table path (a copy of
app/core/tools/values.py's coerce_inputs, _fast_cell and _coerce_table at f729314): the reference
tests/core/tools/test_coercion_equal.py compares today's coerce_inputs with, value by value."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from app.core.errors import FieldError
from app.core.i18n import _
from app.core.tools.catalogue import InputDef, Tool
from app.core.tools.values import NUMERIC, _blank, coerce_value


def coerce_inputs(tool: Tool, raw: Mapping[str, Any]) -> tuple[dict[str, Any], list[FieldError]]:
    """Check every input of the tool; apply defaults; report required inputs that are missing."""
    values: dict[str, Any] = {}
    errors: list[FieldError] = []
    for inp in tool.inputs:
        value = raw.get(inp.key)
        if inp.default is not None and _blank(value):
            value = inp.default
        if inp.type == "table":
            rows, errs = _coerce_table(inp, value)
            values[inp.key] = rows
            errors += errs
            if inp.required and not rows and not errs:
                errors.append(FieldError(inp.key, str(inp.label), _("enter at least one row")))
            continue
        if value is not None and type(value) is not str and inp.type in NUMERIC:
            typed = _fast_cell(inp, value)  # typed values from the records (Decimal) need no parsing
            if typed is not _MISS:
                values[inp.key] = typed
                continue
        typed, errs = coerce_value(inp, value, inp.key, str(inp.label)) if value is not None else (None, [])
        errors += errs
        values[inp.key] = typed
        if typed is None and not errs and inp.required and inp.type != "checklist":
            errors.append(FieldError(inp.key, str(inp.label), _("is missing")))
    return values, errors


_LIKERT = {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5, 1: 1, 2: 2, 3: 3, 4: 4, 5: 5}
_MISS = object()


def _fast_cell(col: InputDef, value: Any) -> Any:
    """The typed value of a plain, valid cell (a survey answer "4", an amount "1200.50"), or _MISS
    when the general path must decide (text with a comma or %, out of range, an error...). Surveys
    have hundreds of thousands of cells: this keeps a recompute from parsing each one the long way."""
    t = col.type
    if t in NUMERIC:
        vt = type(value)
        if vt is Decimal:
            d = value
        elif vt is str or vt is int:
            try:
                d = Decimal(value)
            except (InvalidOperation, ValueError):
                return _MISS
        else:
            return _MISS
        if (
            not d.is_finite()
            or (col.min is not None and d < col.min)
            or (col.max is not None and d > col.max)
            or (col.integer and d != d.to_integral_value())
        ):
            return _MISS
        return d
    if t == "likert":
        if type(value) is bool:
            return _MISS
        return _LIKERT.get(value, _MISS) if type(value) in (str, int) else _MISS
    if t == "text" and type(value) is str and value.strip():
        return value
    return _MISS


def _coerce_table(inp: InputDef, value: Any) -> tuple[tuple[dict[str, Any], ...], list[FieldError]]:
    if _blank(value):
        return (), []
    if not isinstance(value, (list, tuple)):
        return (), [FieldError(inp.key, str(inp.label), _("must be a table of rows"))]
    rows = []
    errors: list[FieldError] = []
    columns = inp.columns
    for n, raw_row in enumerate(value, 1):
        if type(raw_row) is not dict and not isinstance(raw_row, Mapping):
            errors.append(FieldError(f"{inp.key}.{n}", str(inp.label), _("row {n} is not a row").format(n=n)))
            continue
        for col in columns:
            v = raw_row.get(col.key)
            if v is not None and v != "" and v != [] and v != () and not (type(v) is str and not v.strip()):
                break
        else:
            continue  # an empty line left in the form is not an error
        row: dict[str, Any] = {}
        for col in columns:
            value = raw_row.get(col.key)
            if value is not None:
                if col.type == "likert" and type(value) is str:
                    typed = _LIKERT.get(value, _MISS)  # survey answers: most cells of a large gmina
                else:
                    typed = _fast_cell(col, value)
                if typed is not _MISS:
                    row[col.key] = typed  # a plain valid value: the same result as the long path
                    continue
            elif not col.required or col.type == "likert":
                row[col.key] = None  # a blank optional cell (what the long path gives)
                continue
            field = f"{inp.key}.{n}.{col.key}"
            typed, errs = coerce_value(col, value, field, "")
            if typed is None and not errs and col.required and col.type not in ("likert",):
                errs = [FieldError(field, "", _("is missing"))]
            if errs:  # the label is built only for an error: tables of surveys are large
                label = _("{table}, row {n}, {column}").format(table=inp.label, n=n, column=col.label)
                errors += [FieldError(e.field, label, e.message) for e in errs]
            row[col.key] = typed
        rows.append(row)
    return tuple(rows), errors
