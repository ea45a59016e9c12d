"""Turning stored values into what the clerk reads: typed values back from JSON, formatted text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from app.core.i18n import _, current_language, format_date, format_decimal, format_money, format_percent
from app.core.tools.catalogue import ColumnDef, OutputDef

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
