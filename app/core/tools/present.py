"""Turning stored values into what the clerk reads: typed values back from JSON, formatted text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from app.core.i18n import _, current_language, format_date, format_decimal, format_money, format_percent
from app.core.tools.catalogue import ColumnDef, OutputDef, Tool, get_catalogue

NUMERIC_OUT = ("money", "number", "ratio", "percent", "score", "count", "year")


def typed_output(typ: str, value: Any) -> Any:
    """A value from JSON (Decimal strings, ISO dates) back to its Python type."""
    if value is None:
        return None
    if typ in NUMERIC_OUT and isinstance(value, (str, int)) and not isinstance(value, bool):
        try:
            return Decimal(value)
        except InvalidOperation:
            return value
    if typ == "date" and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


#: formatted numbers by (language, type, value): Babel takes ~20 µs a number and a recompute formats
#: the same amounts over and over (E-14 summaries); equal values format equally in every type here
_CACHE: dict[tuple[str, str, Any], str] = {}
_CACHED_TYPES = frozenset(("money", "percent", "ratio", "score", "count", "number"))


def format_typed(typ: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if typ in _CACHED_TYPES and type(value) in (Decimal, int):
        key = (current_language(), typ, str(value))  # str: -0 and 0 are equal but print apart
        text = _CACHE.get(key)
        if text is None:
            if len(_CACHE) > 200_000:
                _CACHE.clear()
            text = _CACHE[key] = _format_typed(typ, value)
        return text
    return _format_typed(typ, value)


def format_decimal_cached(value: Decimal, digits: int) -> str:
    """i18n.format_decimal with a fixed number of digits, remembered like format_typed."""
    key = (current_language(), f"decimal{digits}", str(value))
    text = _CACHE.get(key)
    if text is None:
        text = _CACHE[key] = format_decimal(value, digits)
    return text


def _format_typed(typ: str, value: Any) -> str:
    if typ == "money":
        return format_money(Decimal(value))
    if typ == "percent":
        return format_percent(Decimal(value), 1)
    if typ == "ratio":
        return format_decimal(Decimal(value), 2)
    if typ == "score":
        return format_decimal(Decimal(value), 1)
    if typ == "count":
        return format_decimal(Decimal(value), 0)
    if typ == "number":
        d = Decimal(value)
        return format_decimal(d, 0 if d == d.to_integral_value() else 2)
    if typ == "year":
        d = Decimal(value)
        return str(int(d)) if d == d.to_integral_value() else str(d)  # no thousands separator
    if typ == "date":
        return format_date(value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)))
    if typ == "flag":
        return _("yes") if value else _("no")
    if isinstance(value, str):
        return _(value)  # text outputs are msgids (or free text, which passes through)
    return str(value)


def format_value(out: OutputDef | ColumnDef, value: Any) -> str:
    if out.type == "table":
        n = len(value or ())
        return _("{n} rows").format(n=n)
    return format_typed(out.type, typed_output(out.type, value))


# ---- model summaries (E-14): stored raw, worded when shown ------------------------------------------

#: the output key of a summary row holding a model's composite index (its tool cell is "IDX-E" …)
SUMMARY_INDEX_OUTPUT = "index"


def summary_raw(value: Any) -> str | None:
    """A tool's output as a summary cell: its JSON form as text ("1234.50", "2025-03-31", a msgid,
    "true"/"false" for a flag), never formatted – the table's cells are text columns."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def is_summary_table(tool: Tool, key: str) -> bool:
    """A table of (tool, output, value) rows built from a model summary (E-14's input and report)."""
    summary = any(i.source and i.source.startswith("model_summary.") for i in tool.inputs)
    if not summary:
        return False
    inp = next((i for i in tool.inputs if i.key == key), None)
    out = next((o for o in tool.outputs if o.key == key), None)
    cols = inp.columns if inp is not None else out.columns if out is not None else ()
    return [c.key for c in cols] == ["tool", "output", "value"]


def summary_row(row: Any) -> dict[str, str]:
    """One summary row in the current language: {"tool", "output", "value"} as text. A row stored
    raw (a tool id and an output key of the catalogue) is worded and formatted now; any other row
    (typed by the clerk, or stored formatted by an older version) is shown as it is."""
    get = row.get if isinstance(row, dict) else (lambda _k: None)
    tool_id, key, value = get("tool"), get("output"), get("value")
    blank = value is None or value == ""
    cat = get_catalogue()
    if isinstance(tool_id, str) and isinstance(key, str):
        from app.core.tools.indices import INDEX_PREFIX

        if (
            tool_id.startswith(INDEX_PREFIX)
            and key == SUMMARY_INDEX_OUTPUT
            and tool_id[len(INDEX_PREFIX) :] in cat.indices
        ):
            index = cat.indices[tool_id[len(INDEX_PREFIX) :]]
            text = "—"
            if not blank:
                try:
                    text = format_decimal_cached(Decimal(str(value)), 1)
                except (InvalidOperation, ValueError):
                    text = str(value)
            return {"tool": str(index.name), "output": "0–100", "value": text}
        if cat.has_tool(tool_id):
            t = cat.tool(tool_id)
            out = next((o for o in t.outputs if o.key == key), None)
            if out is not None:
                if blank:
                    text = "—"
                elif out.type == "flag":
                    text = _("yes") if str(value).lower() in ("true", "1", "yes") else _("no")
                else:
                    try:
                        text = format_value(out, value)
                    except (ArithmeticError, ValueError, TypeError):
                        text = str(value)
                return {"tool": f"{t.id} {t.name}", "output": str(out.label), "value": text}
    return {
        k: ("—" if k == "value" and blank else "" if get(k) is None else str(get(k)))
        for k in ("tool", "output", "value")
    }


# ---- composite indices as printed and shown -------------------------------------------------------


def index_coverage(iv: Any) -> str:
    """ "1 z 4 składników": how many of the index's components had data."""
    from app.core.i18n import ngettext

    return ngettext("{count} of {total} component", "{count} of {total} components", iv.components_total).format(
        count=iv.components_with_data, total=iv.components_total
    )


def index_value_text(iv: Any) -> str:
    """ "77,5" or "—" (never "0,0" for no data)."""
    return format_decimal(iv.value, 1) if iv.value is not None else "—"


def index_grade_text(iv: Any) -> str:
    """The verbal grade, or why there is none: "no data", "no grade: too little data"."""
    if iv.value is None:
        return _("no data")
    if iv.band:
        return iv.band
    return _("no grade (data for {share} of the weight, {needed} needed)").format(
        share=format_percent(iv.weight_covered, 0), needed=format_percent(iv.min_coverage, 0)
    )


def index_label(iv: Any) -> str:
    """One line: "Indeks Jakości 77,5 (1 z 4 składników, bez oceny: …)" / "… — (brak danych)"."""
    if iv.value is None:
        return f"{iv.name} — ({_('no data')})"
    return f"{iv.name} {index_value_text(iv)} ({index_coverage(iv)}; {index_grade_text(iv)})"
