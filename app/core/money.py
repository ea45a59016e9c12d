"""Exact money: integer grosze in storage, `Decimal` złote in Python, never float."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

ZERO = Decimal("0.00")
_CENT = Decimal("0.01")
# Spaces clerks type or paste as thousands separators: normal, no-break, narrow no-break, thin.
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_CURRENCY = re.compile(r"(zł|zl|pln)\.?$", re.IGNORECASE)
#: one dot followed by exactly three digits after a group of 1–3 digits not starting with 0
_THOUSANDS_DOT = re.compile(r"[1-9][0-9]{0,2}\.[0-9]{3}")
#: one comma followed by exactly three digits: 1,500 is 1,5 to a Polish eye and 1500 to an English one
_AMBIGUOUS_COMMA = re.compile(r"[-+\u2212]?[1-9][0-9]{0,2},[0-9]{3}")


#: no real amount comes near this; larger ones would not fit the database's 64-bit grosze either
MAX_AMOUNT = Decimal(10) ** 15


class MoneyFormatError(ValueError):
    """Text that is not an amount of money; the caller turns it into a field error."""


def to_grosze(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value(rounding=ROUND_HALF_UP))


def from_grosze(grosze: int | None) -> Decimal | None:
    if grosze is None:
        return None
    return (Decimal(grosze) / 100).quantize(_CENT)


def quantize(amount: Decimal) -> Decimal:
    return amount.quantize(_CENT, rounding=ROUND_HALF_UP)


def parse_decimal(text: str) -> Decimal:
    """Parse `1 234,50`, `1234.50`, `1.234,50` or `1,234.50` into a Decimal.

    Rules, chosen to be predictable rather than clever: spaces are grouping; when both `,` and `.`
    appear, the right-most one is the decimal separator and the other is grouping; a separator
    that appears more than once is grouping; a single dot followed by exactly three digits
    ("315.450") is grouping, as Polish clerks write thousands; any other single `,` or `.` is the
    decimal separator.
    Raises MoneyFormatError when the text is not a number.
    """
    if text is None:
        raise MoneyFormatError("empty")
    cleaned = _SPACES.sub("", str(text).strip())
    cleaned = _CURRENCY.sub("", cleaned).strip()
    if not cleaned:
        raise MoneyFormatError("empty")
    sign = ""
    if cleaned[0] in "+-\u2212":
        sign = "" if cleaned[0] == "+" else "-"
        cleaned = cleaned[1:]
    if not re.fullmatch(r"[0-9.,]*[0-9][0-9.,]*", cleaned):
        raise MoneyFormatError(text)
    commas, dots = cleaned.count(","), cleaned.count(".")
    if commas and dots:
        decimal_sep = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        group_sep = "." if decimal_sep == "," else ","
        if cleaned.count(decimal_sep) > 1:
            raise MoneyFormatError(text)
        number = cleaned.replace(group_sep, "").replace(decimal_sep, ".")
    elif commas > 1 or dots > 1:
        sep = "," if commas else "."
        groups = cleaned.split(sep)
        if any(len(g) != 3 for g in groups[1:]) or not groups[0]:
            raise MoneyFormatError(text)
        number = cleaned.replace(sep, "")
    elif dots == 1 and _THOUSANDS_DOT.fullmatch(cleaned):
        # "315.450": a Polish clerk writes a dot between thousands (the decimal separator is the
        # comma), so this is 315 450, not 315,45 (issue 15). "0.125" and "315.45" stay decimals.
        number = cleaned.replace(".", "")
    else:
        number = cleaned.replace(",", ".")
    if number.startswith(".") or number.endswith("."):
        raise MoneyFormatError(text)
    try:
        value = Decimal(sign + number)
    except InvalidOperation as exc:  # pragma: no cover - the pattern above already guards
        raise MoneyFormatError(text) from exc
    if abs(value) >= MAX_AMOUNT or len(number) > 40:
        # no real amount or count is this large, and rounding it would exceed Decimal's precision
        raise MoneyFormatError(text)
    return value


class AmbiguousAmount(MoneyFormatError):
    """ "1,500": one and a half to a Polish eye, fifteen hundred to an English one; the clerk says."""

    def __init__(self, text: str, as_thousands: Decimal, as_decimal: Decimal) -> None:
        super().__init__(text)
        self.as_thousands = as_thousands
        self.as_decimal = as_decimal


def parse_money(text: str) -> Decimal:
    """Parse an amount in złote; more than two decimal places is an error (no silent rounding),
    and so is "1,500" (AmbiguousAmount: 1,50 or 1 500 – never guessed)."""
    compact = _CURRENCY.sub("", _SPACES.sub("", str(text or "").strip())).strip()
    if _AMBIGUOUS_COMMA.fullmatch(compact):
        number = compact.replace("\u2212", "-")
        raise AmbiguousAmount(
            text, quantize(Decimal(number.replace(",", ""))), quantize(Decimal(number.replace(",", ".")))
        )
    value = parse_decimal(text)
    try:
        if value != value.quantize(_CENT):
            raise MoneyFormatError(text)
        return value.quantize(_CENT)
    except InvalidOperation as exc:  # more digits than Decimal's context holds
        raise MoneyFormatError(text) from exc
