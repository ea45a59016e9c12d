"""Form IDs printed on paper forms, so a returned paper is matched to its record (market.md §5.8).

"WKUS-<contract id>-<budget year>-<check>": the check is two ISO 7064 MOD 97-10 digits (the IBAN
scheme) over the contract id followed by the four-digit year. It catches every single mistyped
digit and every swap of two neighbouring digits, which are the usual slips when the clerk types the
ID from a returned sheet. Pure functions, no database.
"""

from __future__ import annotations

import re

PREFIX = "WKUS"

#: Tolerant of case and of spaces or dashes between the parts ("wkus 12 2025 47").
_PATTERN = re.compile(r"^\s*WKUS[\s\-–]*(\d{1,9})[\s\-–]+(\d{4})[\s\-–]+(\d{2})\s*$", re.IGNORECASE)


def check_digits(contract_id: int, year: int) -> str:
    """Two digits making `int(f"{id}{year}{check}") % 97 == 1` (ISO 7064 MOD 97-10)."""
    if contract_id < 0 or not 1000 <= year <= 9999:
        raise ValueError("contract id must be non-negative and the year four digits")
    number = int(f"{contract_id}{year:04d}")
    return f"{98 - number * 100 % 97:02d}"


def form_id(contract_id: int, year: int) -> str:
    return f"{PREFIX}-{contract_id}-{year:04d}-{check_digits(contract_id, year)}"


def looks_like_form_id(text: str) -> bool:
    """The text has the shape of a form ID, whether or not its check digits are right."""
    return _PATTERN.match(text) is not None


def parse_form_id(text: str) -> tuple[int, int] | None:
    """(contract id, year) of a valid form ID; None when the text is not one or the check fails."""
    m = _PATTERN.match(text)
    if m is None:
        return None
    contract_id, year, check = int(m.group(1)), int(m.group(2)), m.group(3)
    return (contract_id, year) if int(f"{contract_id}{year:04d}{check}") % 97 == 1 else None
