"""Typed input values: checking what the clerk (or the database) gave, and the JSON form stored.

`coerce_inputs` accepts what a form or a CSV gives (text with a Polish comma, "25 %" for percent,
dates as text) as well as already typed values, and returns the values the formulas take (see
catalogue.InputDef) plus one FieldError per problem. Nothing is guessed: an unreadable value is an
error naming the field, never a zero.

JSON (ToolEntry.inputs, ToolResult.inputs_used): numbers, money and percent as Decimal strings
(percent as the fraction), dates ISO, checklists as sorted lists, tables as lists of objects.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from app.core.errors import FieldError
from app.core.i18n import N_, _, current_language
from app.core.tools.catalogue import InputDef, Tool

NUMERIC = ("number", "money", "percent")


def _parse_decimal(value: Any, percent: bool) -> Decimal:
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, Decimal):
        if not value.is_finite():  # NaN compared with a bound raised InvalidOperation
            raise ValueError
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    text = str(value).strip().replace("\u00a0", "").replace(" ", "").replace("zł", "").replace("PLN", "")
    is_pct = text.endswith("%")
    text = text.rstrip("%").replace(",", ".")
    try:
        d = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError from exc
    if not d.is_finite():
        raise ValueError
    # a percent typed as "25 %" is 0.25; as a number it is already the fraction
    return d / 100 if percent and is_pct else d


def _parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    from app.core.dates import parse_date

    day = parse_date(str(value))  # DateFormatError is a ValueError
    if day is None:
        raise ValueError
    return day


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == [] or value == ()


def coerce_value(inp: InputDef, value: Any, field: str, label: str | None = None) -> tuple[Any, list[FieldError]]:
    """One value of one input (not a table); returns (typed value or None, errors). `label`: the
    errors' label, the input's own when None (worded only when there is an error)."""

    def err(message: str) -> tuple[Any, list[FieldError]]:
        return None, [FieldError(field, label if label is not None else str(inp.label), message)]

    if _blank(value):
        return None, []
    t = inp.type
    if t in NUMERIC:
        try:
            d = _parse_decimal(value, t == "percent")
        except ValueError:
            return err(_("is not a number"))
        if inp.integer and d != d.to_integral_value():
            return err(_("must be a whole number"))
        if inp.min is not None and d < inp.min:
            if inp.min == 0:
                return err(_("cannot be negative"))
            return err(_("must be at least {min}").format(min=_show(inp, inp.min)))
        if inp.max is not None and d > inp.max:
            return err(_("must be at most {max}").format(max=_show(inp, inp.max)))
        return d, []
    if t == "likert":
        try:
            d = _parse_decimal(value, False)
        except ValueError:
            return err(_("must be an answer from 1 to 5"))
        if d != d.to_integral_value() or not 1 <= d <= 5:
            return err(_("must be an answer from 1 to 5"))
        return int(d), []
    if t == "date":
        try:
            return _parse_date(value), []
        except ValueError:
            return err(_("is not a date (use DD.MM.YYYY)"))
    if t == "choice":
        text = str(value).strip()
        if inp.option(text) is None:
            by_label = [o.value for o in inp.options if text.lower() in (o.label.pl.lower(), o.label.en.lower())]
            if not by_label:
                return err(_("is not one of the options"))
            text = by_label[0]
        return text, []
    if t == "checklist":
        keys = {value} if isinstance(value, str) else set(value)
        known = {i.key for i in inp.items}
        unknown = sorted(str(k) for k in keys if str(k) not in known)
        if unknown and known:
            return err(_("unknown items: {items}").format(items=", ".join(unknown)))
        return frozenset(str(k) for k in keys), []
    if t == "text":
        return str(value), []
    return err(_("unsupported input type"))


def _show(inp: InputDef, value: Decimal) -> str:
    return f"{(value * 100).normalize()} %" if inp.type == "percent" else str(value.normalize())


def coerce_inputs(tool: Tool, raw: Mapping[str, Any]) -> tuple[dict[str, Any], list[FieldError]]:
    """Check every input of the tool; apply defaults; report required inputs that are missing."""
    values: dict[str, Any] = {}
    errors: list[FieldError] = []
    get = raw.get
    for key, kind, default, needed, inp, lo, hi, integer in _tool_plan(tool):
        value = get(key)
        if default is not None and _blank(value):
            value = default
        if kind == _TABLE:
            rows, errs = _coerce_table(inp, value)
            values[key] = rows
            if errs:
                errors += errs
            elif needed and not rows:
                errors.append(_missing(inp, _ENTER_ROWS))
            continue
        if value is None:  # most inputs of most computations: nothing entered, nothing in the records
            values[key] = None
            if needed:
                errors.append(_missing(inp, _IS_MISSING))
            continue
        if kind == _NUM and type(value) is Decimal:
            # a typed value from the records: _fast_cell's test inline (a recompute has ~250 000 of them)
            if (
                value.is_finite()
                and (lo is None or value >= lo)
                and (hi is None or value <= hi)
                and (not integer or value == value.to_integral_value())
            ):
                values[key] = value
                continue
        elif kind == _NUM or (kind == _CHOICE and type(value) is str):
            # plain text ("1200.50", an option's value as stored) and ints need no parsing either: the
            # table cells' fast path (_fast_cell), the same typed value as coerce_value's or _MISS
            typed = _fast_cell(inp, value)
            if typed is not _MISS:
                values[key] = typed
                continue
        typed, errs = coerce_value(inp, value, key)
        errors += errs
        values[key] = typed
        if typed is None and not errs and needed:
            errors.append(_missing(inp, _IS_MISSING))
    return values, errors


_TABLE, _CHOICE = 4, 5
_IS_MISSING, _ENTER_ROWS = N_("is missing"), N_("enter at least one row")


def _tool_plan(
    tool: Tool,
) -> tuple[tuple[str, int, str | None, bool, InputDef, Decimal | None, Decimal | None, bool], ...]:
    """Per input of the tool: (key, table/numeric/choice/other, default, whether its absence is an error, the
    input, min, max, whole numbers only), once per tool: coerce_inputs runs ~220 000 times on L."""
    plan = _TOOL_PLANS.get(id(tool))
    if plan is None or plan[0] is not tool:
        inputs = tuple(
            (
                i.key,
                _TABLE
                if i.type == "table"
                else _NUM
                if i.type in NUMERIC
                else _CHOICE
                if i.type == "choice"
                else _OTHER,
                i.default,
                # a checklist with nothing ticked is an answer (none of the items), not a missing input
                i.required and i.type != "checklist",
                i,
                i.min,
                i.max,
                i.integer,
            )
            for i in tool.inputs
        )
        plan = _TOOL_PLANS[id(tool)] = (tool, inputs)  # the tool kept: its id is never another's while cached
    return plan[1]


_TOOL_PLANS: dict[int, tuple[Tool, Any]] = {}


def _missing(inp: InputDef, msgid: str) -> FieldError:
    """The error of a required input left empty, in the current language: the same for every scope and
    year, built once (its label and message are looked up in the catalogue and the translations)."""
    lang, message = current_language(), _(msgid)
    got = _MISSING.get((id(inp), msgid))
    if got is None or got[0] is not inp or got[1] != lang or got[2] != message:
        got = _MISSING[(id(inp), msgid)] = (inp, lang, message, FieldError(inp.key, str(inp.label), message))
    return got[3]


_MISSING: dict[tuple[int, str], tuple[InputDef, str, str, FieldError]] = {}


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
    if t == "choice" and type(value) is str and value in _option_values(col):
        return value  # an option's own value, as coerce_value finds it (no spaces to strip)
    return _MISS


def _option_values(inp: InputDef) -> frozenset[str]:
    """The option values of a choice that coerce_value takes as they are (not blank, no spaces around)."""
    got = _OPTIONS.get(id(inp))
    if got is None or got[0] is not inp:
        values = frozenset(o.value for o in inp.options if o.value and o.value == o.value.strip())
        got = _OPTIONS[id(inp)] = (inp, values)
    return got[1]


_OPTIONS: dict[int, tuple[InputDef, frozenset[str]]] = {}


#: how a table column's cell is read on the fast path (see _fast_cell)
_NUM, _LIK, _TEXT, _OTHER = 0, 1, 2, 3


def _plan(inp: InputDef) -> tuple[tuple[str, int, Decimal | None, Decimal | None, bool, bool, InputDef], ...]:
    """Per column of a table input: (key, fast kind, min, max, whole numbers only, a missing cell is None,
    the column), built once per input: the tables of a recompute have hundreds of thousands of cells."""
    plan = _PLANS.get(id(inp))
    if plan is None or plan[0] is not inp:
        cols = tuple(
            (
                c.key,
                _NUM if c.type in NUMERIC else _LIK if c.type == "likert" else _TEXT if c.type == "text" else _OTHER,
                c.min,
                c.max,
                c.integer,
                not c.required or c.type == "likert",
                c,
            )
            for c in inp.columns
        )
        plan = _PLANS[id(inp)] = (inp, cols)  # the input kept: its id is never another's while cached
    return plan[1]


_PLANS: dict[int, tuple[InputDef, Any]] = {}


def _coerce_table(inp: InputDef, value: Any) -> tuple[tuple[dict[str, Any], ...], list[FieldError]]:
    if _blank(value):
        return (), []
    if not isinstance(value, (list, tuple)):
        return (), [FieldError(inp.key, str(inp.label), _("must be a table of rows"))]
    rows = []
    errors: list[FieldError] = []
    plan = _plan(inp)
    for n, raw_row in enumerate(value, 1):
        if type(raw_row) is not dict and not isinstance(raw_row, Mapping):
            errors.append(FieldError(f"{inp.key}.{n}", str(inp.label), _("row {n} is not a row").format(n=n)))
            continue
        get = raw_row.get
        row: dict[str, Any] = {}
        row_errors: list[FieldError] | None = None
        filled = False  # an empty line left in the form is not a row (and not an error)
        for key, kind, lo, hi, integer, none_ok, col in plan:
            cell = get(key)
            if cell is None:
                if none_ok:
                    row[key] = None  # a blank optional cell (what the long path gives)
                    continue
            else:
                # a plain valid value (a survey answer "4", an amount from the records): the result of
                # the long path without its parsing; anything else goes the long way below. The most
                # common cells first: a Decimal from the records, a text, an answer.
                if kind == _NUM:
                    vt = type(cell)
                    if vt is Decimal:
                        d: Any = cell
                    elif vt is str or vt is int:
                        try:
                            d = Decimal(cell)
                        except (InvalidOperation, ValueError):
                            d = None
                    else:
                        d = None
                    if (
                        d is not None
                        and d.is_finite()
                        and (lo is None or d >= lo)
                        and (hi is None or d <= hi)
                        and (not integer or d == d.to_integral_value())
                    ):
                        row[key] = d
                        filled = True
                        continue
                elif kind == _TEXT:
                    if type(cell) is str and cell.strip():
                        row[key] = cell
                        filled = True
                        continue
                elif kind == _LIK and (type(cell) is str or type(cell) is int):
                    answer = _LIKERT.get(cell)
                    if answer is not None:
                        row[key] = answer
                        filled = True
                        continue
                if not filled and not _blank_cell(cell):
                    filled = True
            field = f"{inp.key}.{n}.{key}"
            typed, errs = coerce_value(col, cell, field, "")
            if typed is None and not errs and col.required and kind != _LIK:
                errs = [FieldError(field, "", _("is missing"))]
            if errs:  # the label is built only for an error: tables of surveys are large
                label = _("{table}, row {n}, {column}").format(table=inp.label, n=n, column=col.label)
                row_errors = (row_errors or []) + [FieldError(e.field, label, e.message) for e in errs]
            row[key] = typed
        if not filled:
            continue
        rows.append(row)
        if row_errors:
            errors += row_errors
    return tuple(rows), errors


def _blank_cell(v: Any) -> bool:
    """A cell that does not make its row count (None, "", blank text, an empty list)."""
    return v is None or v == "" or v == [] or v == () or (type(v) is str and not v.strip())


# ---- JSON ---------------------------------------------------------------------------------------


def _row_json(row: dict[Any, Any]) -> dict[str, Any]:
    """A table row (flat dict of scalars, the common case) → JSON form; see to_json."""
    out: dict[str, Any] = {}
    for k, v in row.items():
        t = type(v)
        if t is Decimal:
            v = str(v)
        elif not (v is None or t is str or t is int or t is bool):
            v = to_json(v)
        out[k if type(k) is str else str(k)] = v
    return out


def to_json(value: Any) -> Any:
    """Typed values → JSON-safe values (Decimal as string, never float)."""
    t = type(value)  # exact types first: a recompute converts millions of values
    if t is str or t is int or t is bool or value is None:
        return value
    if t is Decimal:
        return str(value)
    if t is dict:
        return _row_json(value)
    if t is tuple or t is list:
        return [_row_json(v) if type(v) is dict else to_json(v) for v in value]
    if isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, float):
        return str(Decimal(str(value)))
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (frozenset, set)):
        return sorted(str(v) for v in value)
    if isinstance(value, Mapping):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    return str(value)


def inputs_from_json(tool: Tool, data: Mapping[str, Any]) -> dict[str, Any]:
    """Stored JSON → raw values coerce_inputs accepts (they are strings/lists already)."""
    return {k: v for k, v in data.items() if any(i.key == k for i in tool.inputs)}
