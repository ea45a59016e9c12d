"""Units of planned results as they agree with a number in Polish ("1 osoba", "3 osoby", "28 osób",
"15 miejsc", "2,5 miejsca").

A result's unit is typed by the clerk in Polish ("miejsce", "osoby", "godz."), so it is data, not a
msgid: gettext cannot decline it, and a summary that glued the number to the unit as typed read
"15 miejsce". The common units of social-service contracts are listed here with their three forms
(one / few / many, the CLDR plural categories of Polish) and are found by any of their forms or their
nominative plural; abbreviations ("godz.", "szt.") do not change. What a caller does with an unknown
unit is its choice: `unit_for` returns None (print it apart from the number), `unit_form` and
`count_with_unit` write it as typed.
"""

from __future__ import annotations

from decimal import Decimal

from app.core.i18n import format_decimal

#: (one, few, many): 1 miejsce, 2–4 miejsca, 5 miejsc. Personal-masculine nouns take the genitive after
#: a numeral ("3 uczestników"); their nominative plural ("3 uczestnicy") is ungrammatical there.
_FORMS: tuple[tuple[str, str, str], ...] = (
    ("miejsce", "miejsca", "miejsc"),
    ("miejsco-miesiąc", "miejsco-miesiące", "miejsco-miesięcy"),
    ("miejscomiesiąc", "miejscomiesiące", "miejscomiesięcy"),
    ("osoba", "osoby", "osób"),
    ("osobo-godzina", "osobo-godziny", "osobo-godzin"),
    ("uczestnik", "uczestników", "uczestników"),
    ("uczestniczka", "uczestniczki", "uczestniczek"),
    ("dziecko", "dzieci", "dzieci"),
    ("senior", "seniorów", "seniorów"),
    ("rodzina", "rodziny", "rodzin"),
    ("gospodarstwo domowe", "gospodarstwa domowe", "gospodarstw domowych"),
    ("godzina", "godziny", "godzin"),
    ("dzień", "dni", "dni"),
    ("tydzień", "tygodnie", "tygodni"),
    ("miesiąc", "miesiące", "miesięcy"),
    ("rok", "lata", "lat"),
    ("spotkanie", "spotkania", "spotkań"),
    ("zajęcia", "zajęcia", "zajęć"),
    ("zajęcie", "zajęcia", "zajęć"),
    ("warsztat", "warsztaty", "warsztatów"),
    ("szkolenie", "szkolenia", "szkoleń"),
    ("kurs", "kursy", "kursów"),
    ("kurs przewozu", "kursy przewozu", "kursów przewozu"),
    ("kurs dowozowy", "kursy dowozowe", "kursów dowozowych"),
    ("porada", "porady", "porad"),
    ("konsultacja", "konsultacje", "konsultacji"),
    ("wizyta", "wizyty", "wizyt"),
    ("posiłek", "posiłki", "posiłków"),
    ("paczka", "paczki", "paczek"),
    ("świadczenie", "świadczenia", "świadczeń"),
    ("usługa", "usługi", "usług"),
    ("impreza", "imprezy", "imprez"),
    ("wydarzenie", "wydarzenia", "wydarzeń"),
    ("występ", "występy", "występów"),
    ("drużyna", "drużyny", "drużyn"),
    ("seans", "seanse", "seansów"),
    ("wniosek", "wnioski", "wniosków"),
    ("wystawca", "wystawców", "wystawców"),
    ("wyjazd", "wyjazdy", "wyjazdów"),
    ("przejazd", "przejazdy", "przejazdów"),
    ("egzemplarz", "egzemplarze", "egzemplarzy"),
    ("publikacja", "publikacje", "publikacji"),
    ("zawodnik", "zawodników", "zawodników"),
    ("podopieczny", "podopiecznych", "podopiecznych"),
    ("beneficjent", "beneficjentów", "beneficjentów"),
)
#: any form as typed (casefolded) -> (one, few, many); "uczestnicy", "seniorzy"… (nominative plural)
#: are what a clerk types as a unit, so they find their noun too
UNIT_FORMS: dict[str, tuple[str, str, str]] = {form: forms for forms in reversed(_FORMS) for form in forms}
UNIT_FORMS.update(
    {
        "uczestnicy": UNIT_FORMS["uczestnik"],
        "seniorzy": UNIT_FORMS["senior"],
        "zawodnicy": UNIT_FORMS["zawodnik"],
        "beneficjenci": UNIT_FORMS["beneficjent"],
        "podopieczni": UNIT_FORMS["podopieczny"],
        "wystawcy": UNIT_FORMS["wystawca"],
    }
)


def plural_category(n: Decimal | int) -> int:
    """0 = one, 1 = few, 2 = many (Polish CLDR rules for integers); a fraction takes the genitive singular,
    which for the listed nouns is the "few" form ("2,5 osoby")."""
    value = Decimal(n)
    if value != value.to_integral_value():
        return 1
    i = abs(int(value))
    if i == 1:
        return 0
    if 2 <= i % 10 <= 4 and not 12 <= i % 100 <= 14:
        return 1
    return 2


def unit_for(n: Decimal | int, unit: str) -> str | None:
    """The unit in the form that agrees with `n`; the unit itself for an abbreviation; None if unknown."""
    text = (unit or "").strip()
    if not text or text.endswith("."):
        return text
    forms = UNIT_FORMS.get(text.casefold())
    if forms is None:
        return None
    chosen = forms[plural_category(n)]
    # keep the clerk's capital letter ("Miejsce" stays capitalised)
    return chosen[:1].upper() + chosen[1:] if text[:1].isupper() else chosen


def unit_form(count: Decimal | int, unit: str) -> str:
    """The unit in the form that goes with `count` ("miejsc" for 15); as typed when not known."""
    form = unit_for(count, unit)
    return (unit or "").strip() if form is None else form


def count_with_unit(count: Decimal | int | None, unit: str) -> str:
    """'15 miejsc'; '—' for an unknown count (with the unit as typed after it)."""
    if count is None:
        return f"— {unit}".rstrip() if unit else "—"
    if isinstance(count, Decimal) and count == count.to_integral_value():
        count = count.to_integral_value()
    return f"{format_decimal(count)} {unit_form(count, unit)}".rstrip()
