"""Units of planned results as they agree with a number in Polish ("1 osoba", "3 osoby", "28 osób").

A result's unit is typed by the clerk in the plural ("osoby", "kursy"); printed after a count it must
take the form Polish grammar gives that count, which gettext cannot do for data. The common units
are listed here with their three forms (one / few / many, the CLDR plural categories of Polish);
abbreviations ("godz.", "szt.") do not change; an unknown unit is left to the caller to print apart
from the number (in its own column or in parentheses), never glued to it in a wrong form.
"""

from __future__ import annotations

from decimal import Decimal

#: plural as typed -> (one, few, many)
UNIT_FORMS: dict[str, tuple[str, str, str]] = {
    "osoby": ("osoba", "osoby", "osób"),
    "osób": ("osoba", "osoby", "osób"),
    "uczestnicy": ("uczestnik", "uczestników", "uczestników"),
    "występy": ("występ", "występy", "występów"),
    "spotkania": ("spotkanie", "spotkania", "spotkań"),
    "kursy": ("kurs", "kursy", "kursów"),
    "drużyny": ("drużyna", "drużyny", "drużyn"),
    "seanse": ("seans", "seanse", "seansów"),
    "wnioski": ("wniosek", "wnioski", "wniosków"),
    "wystawcy": ("wystawca", "wystawców", "wystawców"),
    "dni": ("dzień", "dni", "dni"),
    "godziny": ("godzina", "godziny", "godzin"),
    "zajęcia": ("zajęcia", "zajęcia", "zajęć"),
    "warsztaty": ("warsztat", "warsztaty", "warsztatów"),
    "wydarzenia": ("wydarzenie", "wydarzenia", "wydarzeń"),
    "rodziny": ("rodzina", "rodziny", "rodzin"),
    "dzieci": ("dziecko", "dzieci", "dzieci"),
    "seniorzy": ("senior", "seniorów", "seniorów"),
    "imprezy": ("impreza", "imprezy", "imprez"),
    "porady": ("porada", "porady", "porad"),
    "posiłki": ("posiłek", "posiłki", "posiłków"),
    "kursy przewozu": ("kurs przewozu", "kursy przewozu", "kursów przewozu"),
}
#: personal-masculine nouns whose "few" form is the genitive ("3 uczestników", "2 wystawców") are
#: listed with it above; their nominative plural ("3 uczestnicy") is ungrammatical after a numeral


def plural_category(n: Decimal | int) -> int:
    """0 = one, 1 = few, 2 = many (Polish CLDR rules for integers); a fraction takes the genitive singular,
    which for the listed nouns is the "few" form ("2,5 osoby")."""
    value = Decimal(n)
    if value != value.to_integral_value():
        return 1
    i = int(value)
    if i == 1:
        return 0
    if 2 <= i % 10 <= 4 and not 12 <= i % 100 <= 14:
        return 1
    return 2


def unit_for(n: Decimal | int, unit: str) -> str | None:
    """The unit in the form that agrees with `n`; the unit itself for an abbreviation; None if unknown."""
    text = unit.strip()
    if not text or text.endswith("."):
        return text
    forms = UNIT_FORMS.get(text.casefold())
    if forms is None:
        return None
    return forms[plural_category(n)]
