"""Typed text of the tool forms: what the clerk types (Polish style) to values and back.

Only reading and showing values lives here: ranges, required inputs and formulas are the core's.
Per cent is shown and typed in per cent and kept as a fraction (25 → 0.25), as the core expects.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from app.core.dates import DateFormatError, parse_date
from app.core.i18n import _, format_date, format_decimal, format_money
from app.core.money import AmbiguousAmount, MoneyFormatError, parse_decimal, parse_money
from app.core.services.fields import ambiguous_message
from app.ui.tools.labels import choice_options, localized_text
from app.ui.widgets.fields import FieldSpec, ParseError

_HUNDRED = Decimal(100)
#: the catalogue's input types typed on one line, right-aligned, with their unit after them
_LINE_TYPES = ("number", "money", "percent")


# ---- text <-> value, per type -----------------------------------------------------------------------


def unit_suffix(defn: Any) -> str:
    """The unit shown after a field: the catalogue's `unit` if given, else one implied by the type."""
    unit = localized_text(defn, "unit")
    if unit:
        return unit
    kind = getattr(defn, "type", "")
    return {"money": _("PLN"), "percent": "%"}.get(kind, "")


def parse_text(kind: str, text: str, *, integer: bool = False, options: list[tuple[str, str]] | None = None) -> Any:
    """Turn typed text into a value of the input's type; '' is None (not given)."""
    text = (text or "").strip()
    if not text:
        return None
    if kind == "money":
        try:
            return parse_money(text)
        except AmbiguousAmount as exc:
            raise ParseError(ambiguous_message(exc)) from exc
        except MoneyFormatError as exc:
            raise ParseError(_("type an amount in złote, e.g. 1 234,50")) from exc
    if kind in ("number", "percent", "likert"):
        try:
            value = parse_decimal(text.rstrip("%").strip())
        except MoneyFormatError as exc:
            raise ParseError(_("type a number, e.g. 12,5")) from exc
        if kind == "percent":
            return value / _HUNDRED  # shown and typed in per cent, stored as a fraction
        if kind == "likert" or integer:
            if value != value.to_integral_value():
                raise ParseError(_("type a whole number"))
            return int(value)
        return value
    if kind == "date":
        try:
            return parse_date(text)
        except DateFormatError as exc:
            raise ParseError(exc.message) from exc
    if kind == "choice" and options is not None:
        folded = text.casefold()
        for code, label in options:
            if folded in (code.casefold(), label.casefold()):
                return code
        raise ParseError(_("choose one of: {options}").format(options=", ".join(label for _v, label in options)))
    if kind == "checklist":
        return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
    return text


def format_value(kind: str, value: Any, *, options: list[tuple[str, str]] | None = None, integer: bool = False) -> str:
    """Show a stored value in its field (the inverse of parse_text, Polish number style)."""
    if value is None or value == "":
        return ""
    if integer and kind == "number":
        try:
            return str(int(Decimal(str(value))))  # years and counts: 2024, not "2 024"
        except (ArithmeticError, ValueError):
            return str(value)
    if kind == "money":
        return _plain(format_decimal(Decimal(str(value)), 2))
    if kind == "percent":
        return _plain(format_decimal(Decimal(str(value)) * _HUNDRED))
    if kind in ("number",):
        return _plain(format_decimal(Decimal(str(value))))
    if kind == "likert":
        return str(value)
    if kind == "date":
        if isinstance(value, str):
            text = value
            try:
                value = dt.date.fromisoformat(text)
            except ValueError:
                return text
        return format_date(value)
    if kind == "choice" and options is not None:
        return next((label for v, label in options if v == value), str(value))
    if kind == "checklist" and isinstance(value, (list, tuple, set)):
        return ", ".join(str(v) for v in value)
    return str(value)


def _plain(text: str) -> str:
    """Babel's no-break spaces as plain ones, so the text can be edited and parsed back."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def shown_value(kind: str, value: Any, *, options: list[tuple[str, str]] | None = None) -> str:
    """A value as the "z bazy" hint shows it (with the unit)."""
    if value is None:
        return "—"
    if kind == "money":
        return format_money(Decimal(str(value)))
    if kind == "percent":
        return format_value(kind, value) + " %"
    return format_value(kind, value, options=options) or "—"


def tool_spec(defn: Any) -> FieldSpec:
    """A tool input of the catalogue as the description of its editor (app/ui/widgets/fields.py).

    An unknown input type is typed as free text, as "text" is."""
    kind = getattr(defn, "type", "text")
    integer = bool(getattr(defn, "integer", False))
    label = localized_text(defn, "label")
    key = str(getattr(defn, "key", "x"))
    if kind in _LINE_TYPES:
        return FieldSpec(
            key,
            label,
            kind,
            unit=unit_suffix(defn),
            right_aligned=True,
            width=220,
            natural_width=True,
            reformat=False,
            placeholder="0,00" if kind == "money" else None,
            parse=lambda text: parse_text(kind, text, integer=integer),
            show=lambda value: format_value(kind, value, integer=integer),
        )
    if kind == "date":
        return FieldSpec(key, label, "date", parse=lambda text: parse_text("date", text))
    if kind == "choice":
        return FieldSpec(key, label, "choice", options=choice_options(defn), empty_choice=_("— choose —"))
    if kind == "checklist":
        items = getattr(defn, "items", ()) or ()
        return FieldSpec(
            key, label, "checklist", options=[(str(item.key), localized_text(item, "label")) for item in items]
        )
    if kind in ("likert", "table"):
        return FieldSpec(key, label, kind)
    return FieldSpec(key, label, "textarea", height=64, parse=lambda text: text.strip() or None)
