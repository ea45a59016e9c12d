"""Polish identifiers: NIP, REGON (9 and 14 digits) and KRS numbers (domain.md §8)."""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s\-\u00a0./]")

_NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)
_REGON9_WEIGHTS = (8, 9, 2, 3, 4, 5, 6, 7)
_REGON14_WEIGHTS = (2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8)


def _digits(text: str | None, *, allow_pl_prefix: bool = False) -> str:
    if text is None:
        return ""
    cleaned = _SEPARATORS.sub("", str(text)).upper()
    if allow_pl_prefix and cleaned.startswith("PL"):
        cleaned = cleaned[2:]
    return cleaned


def normalize_nip(text: str | None) -> str | None:
    """Ten digits without separators or `PL` prefix, or None when it is not shaped like a NIP."""
    digits = _digits(text, allow_pl_prefix=True)
    return digits if re.fullmatch(r"\d{10}", digits) else None


def is_valid_nip(text: str | None) -> bool:
    digits = normalize_nip(text)
    if digits is None:
        return False
    total = sum(w * int(d) for w, d in zip(_NIP_WEIGHTS, digits)) % 11
    # A remainder of 10 matches no digit, so such a number is never issued.
    return total != 10 and total == int(digits[9])


def _regon_check(digits: str, weights: tuple[int, ...]) -> bool:
    total = sum(w * int(d) for w, d in zip(weights, digits)) % 11 % 10
    return total == int(digits[len(weights)])


def normalize_regon(text: str | None) -> str | None:
    digits = _digits(text)
    return digits if re.fullmatch(r"\d{9}|\d{14}", digits) else None


def is_valid_regon(text: str | None) -> bool:
    """9-digit REGON, or 14-digit local-unit REGON whose 9-digit prefix is itself valid."""
    digits = normalize_regon(text)
    if digits is None:
        return False
    if not _regon_check(digits[:9], _REGON9_WEIGHTS):
        return False
    if len(digits) == 14:
        return _regon_check(digits, _REGON14_WEIGHTS)
    return True


def normalize_krs(text: str | None) -> str | None:
    """KRS number as 10 digits with leading zeros; no official checksum exists, so none is checked."""
    digits = _digits(text)
    if digits.startswith("KRS"):
        digits = digits[3:]
    if not re.fullmatch(r"\d{1,10}", digits) or int(digits) == 0:
        return None
    return digits.zfill(10)


def format_nip(digits: str) -> str:
    """XXX-XXX-XX-XX, the way NIP is usually printed."""
    if not re.fullmatch(r"\d{10}", digits or ""):
        return digits or ""
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:8]}-{digits[8:]}"


def nip_check_digit(first9: str) -> int | None:
    """Check digit for nine NIP digits, or None when no valid NIP starts with them."""
    total = sum(w * int(d) for w, d in zip(_NIP_WEIGHTS, first9)) % 11
    return None if total == 10 else total


def regon9_check_digit(first8: str) -> int:
    return sum(w * int(d) for w, d in zip(_REGON9_WEIGHTS, first8)) % 11 % 10


def regon14_check_digit(first13: str) -> int:
    return sum(w * int(d) for w, d in zip(_REGON14_WEIGHTS, first13)) % 11 % 10
