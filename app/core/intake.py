"""Text and stored values arriving from outside (imports, restores): one normalisation for every door.

A form can only receive what a keyboard types; a file can carry anything. Whatever enters through an
import is passed through `normalise_text` (and the strict parsers below) before the same validators
the forms use, so nothing reaches the database that a form would refuse.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from app.core.i18n import N_, _
from app.core.money import MAX_AMOUNT

#: Bidirectional embeddings, overrides and isolates: they reorder what is shown (a name or an amount
#: can be displayed differently from what is stored), so they are refused, never silently dropped.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
_REPLACEMENT = "\ufffd"
#: Line breaks and tabs are legitimate in notes; every other C0/C1 control is not text.
_KEPT_CONTROLS = frozenset("\n\t")
_MONEY_TEXT = re.compile(r"\d{1,16}(\.\d{1,2})?")
#: JSON values nested deeper than this are refused (a tool's inputs are two or three levels deep)
MAX_JSON_DEPTH = 32


class TextProblem(ValueError):
    """The text cannot be stored; `message` (translated) says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def text_problem(text: str, *, controls_allowed: bool = True) -> str | None:
    """Why `text` cannot be accepted at all, or None. `controls_allowed=False` refuses control
    characters too (a table cell has no business containing them; JSON may carry a stray one)."""
    for ch in text:
        code = ord(ch)
        if 0xD800 <= code <= 0xDFFF:
            return _("it contains a broken character (an unpaired surrogate, code U+{code})").format(code=f"{code:04X}")
        if ch in BIDI_CONTROLS:
            return _("it contains an invisible character that reverses the direction of the text (U+{code})").format(
                code=f"{code:04X}"
            )
        if ch == _REPLACEMENT:
            return _(
                "it contains the character \u201c\ufffd\u201d: the file was saved in a different encoding or is damaged"
            )
        if not controls_allowed and ch not in _KEPT_CONTROLS and ch != "\r" and unicodedata.category(ch) == "Cc":
            return _("it contains an invisible control character (U+{code})").format(code=f"{code:04X}")
    return None


def normalise_text(text: str, *, controls_allowed: bool = True) -> str:
    """NFC, CRLF (and VT, FF, NEL) → LF, other control characters than line break and tab removed.

    Raises TextProblem for what cannot be repaired without changing the meaning (see text_problem).
    """
    problem = text_problem(text, controls_allowed=controls_allowed)
    if problem:
        raise TextProblem(problem)
    # line breaks in their other spellings (Word's vertical tab, form feed, NEL) stay line breaks
    text = (
        text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n").replace("\x0c", "\n").replace("\x85", "\n")
    )
    text = "".join(ch for ch in text if ch in _KEPT_CONTROLS or unicodedata.category(ch) != "Cc")
    return unicodedata.normalize("NFC", text)


def stored_money(text: object) -> Decimal:
    """An amount as the export writes it ("1234.50"): non-negative, at most two decimals, no rounding.

    Raises ValueError with a translated message.
    """
    if not isinstance(text, str) or not _MONEY_TEXT.fullmatch(text):
        raise ValueError(
            _('an amount written as text with a dot and at most two decimal places, not negative, e.g. "1234.50"')
        )
    value = Decimal(text)
    if value >= MAX_AMOUNT:
        raise ValueError(_("an amount below {limit}").format(limit="1 000 000 000 000 000"))
    return value


def stored_quantity(text: object) -> Decimal:
    """A quantity as the export writes it ("36", "12.5", "4E+1"): non-negative, at most 4 decimals."""
    expected = _('a number written as text, not negative, with at most four decimal places, e.g. "12.5"')
    if not isinstance(text, str) or len(text) > 40:
        raise ValueError(expected)
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(expected) from exc
    if not value.is_finite() or value < 0 or abs(value) >= MAX_AMOUNT:
        raise ValueError(expected)
    if value != value.quantize(Decimal("0.0001")):
        raise ValueError(expected)
    return value


def json_depth_ok(value: object, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when `value` is nested at most `limit` levels (iterative: no recursion to exhaust)."""
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return False
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return True


def field_label(name: str) -> str:
    """The English msgid naming a text field in a refusal when the form gave none (translate with _)."""
    return FIELD_LABELS.get(name, name)


#: names of the free-text fields as their forms show them (the services' LABELS name the validated ones)
FIELD_LABELS: dict[str, str] = {
    "name": N_("Name"),
    "title": N_("Title"),
    "notes": N_("Notes"),
    "description": N_("Description"),
    "street": N_("Street and number"),
    "city": N_("City"),
    "voivodeship": N_("Voivodeship"),
    "phone": N_("Phone"),
    "website": N_("Website"),
    "bip_url": N_("BIP address"),
    "council_name": N_("Council"),
    "contact_person": N_("Contact person"),
    "contact_phone": N_("Contact person's phone"),
    "name_genitive": N_("Name in the genitive"),
    "name_dative": N_("Name in the dative"),
    "name_locative": N_("Name in the locative"),
    "recipients": N_("Recipients"),
    "controllers": N_("Controllers"),
    "scope": N_("Scope of the control"),
    "findings": N_("Findings"),
    "recommendations": N_("Recommendations"),
    "resolution_number": N_("Resolution number"),
    "journal_reference": N_("Voivodeship journal reference"),
    "consultation_summary": N_("Consultation summary"),
    "rdpp_opinion": N_("RDPP opinion"),
}
