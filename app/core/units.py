"""A count with its unit in the right Polish form: "1 miejsce", "3 miejsca", "15 miejsc", "2,5 miejsca".

Result units are typed by the clerk in Polish ("miejsce", "osoby", "godz."), so they are data, not
msgids: a summary that glued the number to the unit as typed read "15 miejsce". The common units
of social-service contracts are listed here with their three forms; a unit not listed (or an
abbreviation such as "godz.") is written as typed. The forms follow Polish plural rules (CLDR via
babel) whatever the interface language, because the unit itself is Polish.
"""

from __future__ import annotations

from decimal import Decimal

from app.core.i18n import format_decimal

#: (one, few, many): 1 miejsce, 2–4 miejsca, 5 miejsc; a fraction takes the "few" form (2,5 miejsca)
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
    ("zajęcie", "zajęcia", "zajęć"),
    ("warsztat", "warsztaty", "warsztatów"),
    ("szkolenie", "szkolenia", "szkoleń"),
    ("kurs", "kursy", "kursów"),
    ("porada", "porady", "porad"),
    ("konsultacja", "konsultacje", "konsultacji"),
    ("wizyta", "wizyty", "wizyt"),
    ("posiłek", "posiłki", "posiłków"),
    ("paczka", "paczki", "paczek"),
    ("świadczenie", "świadczenia", "świadczeń"),
    ("usługa", "usługi", "usług"),
    ("impreza", "imprezy", "imprez"),
    ("wydarzenie", "wydarzenia", "wydarzeń"),
    ("wyjazd", "wyjazdy", "wyjazdów"),
    ("kurs dowozowy", "kursy dowozowe", "kursów dowozowych"),
    ("przejazd", "przejazdy", "przejazdów"),
    ("egzemplarz", "egzemplarze", "egzemplarzy"),
    ("publikacja", "publikacje", "publikacji"),
    ("zawodnik", "zawodników", "zawodników"),
    ("podopieczny", "podopiecznych", "podopiecznych"),
    ("beneficjent", "beneficjentów", "beneficjentów"),
)
_BY_FORM: dict[str, tuple[str, str, str]] = {form: forms for forms in _FORMS for form in forms}
# "uczestnicy", "seniorzy", "zawodnicy", "osoby" typed as the unit: the nominative plural finds them too
_BY_FORM.update({"uczestnicy": _BY_FORM["uczestnik"], "seniorzy": _BY_FORM["senior"],
                 "zawodnicy": _BY_FORM["zawodnik"], "beneficjenci": _BY_FORM["beneficjent"],
                 "podopieczni": _BY_FORM["podopieczny"]})


def unit_form(count: Decimal | int, unit: str) -> str:
    """The unit in the form that goes with `count` ("miejsc" for 15); as typed when not known."""
    forms = _BY_FORM.get((unit or "").strip().lower())
    if forms is None:
        return (unit or "").strip()
    from babel import Locale

    rule = Locale("pl").plural_form(abs(count))
    chosen = {"one": forms[0], "few": forms[1], "many": forms[2]}.get(rule, forms[1])
    # keep the clerk's capital letter ("Miejsce" stays capitalised)
    return chosen[:1].upper() + chosen[1:] if unit.strip()[:1].isupper() else chosen


def count_with_unit(count: Decimal | int | None, unit: str) -> str:
    """'15 miejsc'; '—' for an unknown count (with the unit as typed after it)."""
    if count is None:
        return f"— {unit}".rstrip() if unit else "—"
    if isinstance(count, Decimal) and count == count.to_integral_value():
        count = count.to_integral_value()
    shown = unit_form(count, unit)
    return f"{format_decimal(count)} {shown}".rstrip()
