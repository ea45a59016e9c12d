"""Reading the catalogue's bilingual texts in the UI language (label_pl/label_en, name_pl/name_en…)."""

from __future__ import annotations

import re
from typing import Any

from app.core.i18n import current_language

#: a formula symbol or a tool number at the end of a catalogue label: "Koszt jednego konkursu (C_k)",
#: "Dotacja (D)", "… (W-08)"; words in brackets ("(dni)", "(1–5)", "(WCAG)") are not codes
_CODE = re.compile(r"^(?P<words>.*\S)\s*\((?P<code>[A-Za-zΔ]{1,2}(?:_\w+|[₀-₉]+)?|[EJW]-\d{2})\)$")


def words_and_code(label: str) -> tuple[str, str]:
    """("Koszt jednego konkursu", "C_k") for "Koszt jednego konkursu (C_k)": the clerk reads the
    words, the symbol goes to a tooltip (issue 15); ("label", "") when there is no code."""
    match = _CODE.match(label or "")
    if match is None:
        return label, ""
    return match.group("words"), match.group("code")


def localized_text(obj: Any, attr: str) -> str:
    """`obj.<attr>` in the current language: a method/property `attr`, else `attr_pl`/`attr_en`."""
    if obj is None:
        return ""
    if isinstance(obj, dict):
        lang = current_language()
        return str(obj.get(f"{attr}_{lang}") or obj.get(f"{attr}_pl") or obj.get(attr) or "")
    value = getattr(obj, attr, None)
    if callable(value):
        value = value()
    if isinstance(value, str) and value:
        return value
    if value is not None and hasattr(value, "pl"):  # core's Localized: str() picks the UI language
        return str(value)
    lang = current_language()
    for name in (f"{attr}_{lang}", f"{attr}_pl"):
        text = getattr(obj, name, None)
        if isinstance(text, str) and text:
            return text
    return ""


def choice_options(defn: Any) -> list[tuple[str, str]]:
    """(value, shown label) of a choice input or column; [] for other types."""
    out = []
    for opt in getattr(defn, "options", None) or ():
        value = opt.get("value") if isinstance(opt, dict) else getattr(opt, "value", None)
        out.append((str(value), localized_text(opt, "label") or str(value)))
    return out


_TOOL_ID = re.compile(r"\b[EJW]-\d{2}\b")


def tool_names_for_ids(text: str) -> str:
    """ "art. 4 u.d.p.p.w.; W-02" → "art. 4 u.d.p.p.w.; narzędzie „Diagnoza lokalna potrzeb”": the
    clerk reads tool names, not catalogue numbers (issue 15); an unknown number stays as it is."""
    from app.core.i18n import _
    from app.core.tools.catalogue import get_catalogue

    catalogue = get_catalogue()

    def name(match: re.Match[str]) -> str:
        try:
            tool = catalogue.tool(match.group(0))
        except KeyError:
            return match.group(0)
        shown = localized_text(tool, "name")
        return _("tool “{name}”").format(name=shown) if shown else match.group(0)

    return _TOOL_ID.sub(name, text or "")


#: a tool number in brackets after a label, alone or with a symbol or a range: "(J-10)", "(EE z E-03)",
#: "(J-07, 0–100)"; what is left besides the number (the range) stays in the brackets
_PAREN_ID = re.compile(r"\s*\((?:[A-Za-zΔ]{1,3}(?:_\w+|[₀-₉]+)?\s+z\s+)?(?P<id>[EJW]-\d{2})(?:,\s*(?P<rest>[^)]*))?\)")


def plain_label(label: str) -> tuple[str, str]:
    """A catalogue label as the clerk reads it, and the codes taken out of it (for a tooltip):
    "Dotacja (D)" → ("Dotacja", "D"), "Ocena z kontroli (J-07, 0–100)" → ("Ocena z kontroli (0–100)", "J-07")."""
    words, code = words_and_code(label)
    codes = [code] if code else []

    def keep_rest(match: re.Match[str]) -> str:
        codes.append(match.group(0).strip()[1:-1])
        return f" ({match.group('rest')})" if match.group("rest") else ""

    words = _PAREN_ID.sub(keep_rest, words)
    return words, ", ".join(codes)


def problem_text(problem: Any, tool: Any = None) -> str:
    """A tool's problem or note for the result panel, in words: the input's label without its formula
    symbol or tool number, a key the catalogue has no input for named by the output it belongs to
    (or left out, never shown raw as "adopted" or "series"), tool numbers in the message named."""
    label, field, message = str(problem.label or ""), str(problem.field or ""), str(problem.message or "")
    if label and label == field:  # the engine had no input of that name: the raw key
        head = field.split(".")[0]
        outputs = getattr(tool, "outputs", ()) or ()
        output = next((o for o in outputs if getattr(o, "key", None) == head), None)
        label = localized_text(output, "label") if output is not None else ""
    label = tool_names_for_ids(plain_label(label)[0]) if label else ""
    message = tool_names_for_ids(message)
    if not label:
        return message[:1].upper() + message[1:]
    return f"{label}: {message}"


_LEADING_ID = re.compile(r"^(?P<id>[EJW]-\d{2})\s+(?P<words>\S.*)$", re.S)


def cell_words(text: str) -> tuple[str, str]:
    """A result table's cell "E-01 Karta kosztu bazowego" as ("Karta kosztu bazowego", "E-01"): the
    tool's name is read, its number goes to the tooltip; other cells unchanged ("", no code)."""
    match = _LEADING_ID.match(text or "")
    return (match.group("words"), match.group("id")) if match else (text, "")
