"""Finds a number followed by a Polish noun in a form that does not agree with it ("10 występy",
"28 osoby", "3 umów"): a test helper for every generated document (issue 14).

Polish: 1 takes the singular, 2–4 (not 12–14; so 22–24, 32–34 …) the nominative plural, the rest the
genitive plural. After a preposition or "na podstawie" the case is governed by it ("z 2 organizacji"),
so those are skipped."""

from __future__ import annotations

import re

from app.core.domain.units import UNIT_FORMS, plural_category

#: one / few / many forms of the nouns documents count
NOUNS: list[tuple[str, str, str]] = list(UNIT_FORMS.values()) + [
    ("umowa", "umowy", "umów"),
    ("organizacja", "organizacje", "organizacji"),
    ("zadanie", "zadania", "zadań"),
    ("uwaga", "uwagi", "uwag"),
    ("transza", "transze", "transz"),
    ("konkurs", "konkursy", "konkursów"),
    ("oferta", "oferty", "ofert"),
    ("działanie", "działania", "działań"),
    ("rezultat", "rezultaty", "rezultatów"),
    ("kontrola", "kontrole", "kontroli"),
    ("sprawozdanie", "sprawozdania", "sprawozdań"),
    ("strona", "strony", "stron"),
]
_GOVERNED = {
    "z",
    "ze",
    "od",
    "do",
    "dla",
    "w",
    "we",
    "na",
    "po",
    "o",
    "przez",
    "podstawie",
    "spośród",
    "około",
    "ponad",
    "niż",
    "wśród",
    "u",
    "bez",
    "przy",
    "nr",
    "pkt",
    "ust.",
    "art.",
    "poz.",
}
_NUMBER = re.compile(r"(?<![\d,.])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?![\d,.]\d)[ \u00a0\u202f]+(\w+)")


def disagreements(text: str) -> list[str]:
    """Every "number noun" pair whose noun form is wrong for the number."""
    forms: dict[str, set[int]] = {}
    for triple in NOUNS:
        for category, form in enumerate(triple):
            forms.setdefault(form.casefold(), set()).add(category)
    out = []
    for m in _NUMBER.finditer(text):
        word = m.group(2).casefold()
        if word not in forms:
            continue
        before = text[: m.start()].split()
        if before and before[-1].casefold().strip("(„") in _GOVERNED:
            continue
        n = int(re.sub(r"\D", "", m.group(1)))
        expected = plural_category(n)
        if expected not in forms[word]:
            out.append(f"{m.group(1)} {m.group(2)}")
    return out
