from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from app.core import i18n
from tools.i18n import check


def test_polish_is_default_and_translates() -> None:
    assert i18n.current_language() == "pl"
    assert i18n._("Spatial planning") == "Planowanie przestrzenne"


def test_english_falls_back_to_msgid() -> None:
    i18n.set_language("en")
    assert i18n._("Spatial planning") == "Spatial planning"
    assert i18n.format_money(Decimal("1234.5")) == "PLN1,234.50"


def test_unknown_language_falls_back_to_polish() -> None:
    assert i18n.set_language("xx") == "pl"
    assert i18n._("Spatial planning") == "Planowanie przestrzenne"


def test_polish_plural_rule_has_three_forms() -> None:
    catalog = i18n._translations
    plural = catalog.plural  # type: ignore[attr-defined]
    # 1 -> one; 2,3,4,22 -> few; 5,12,112,0 -> many
    assert [plural(n) for n in (1, 2, 4, 5, 12, 22, 112, 0)] == [0, 1, 1, 2, 2, 1, 2, 2]


def test_dates_are_formatted_by_locale() -> None:
    day = dt.date(2026, 5, 31)
    assert i18n.format_date(day) == "31.05.2026"
    assert i18n.format_date(day, "long") == "31 maja 2026"
    i18n.set_language("en")
    assert i18n.format_date(day) == "31/05/2026"


def test_percent_and_decimal() -> None:
    assert i18n.format_percent(Decimal("0.253")) == "25,3%"
    assert i18n.format_decimal(Decimal("1234.5"), 2) == "1\u00a0234,50"


def test_pseudo_locale_lengthens() -> None:
    i18n.set_language("pseudo")
    text = i18n._("Spatial planning")
    assert text.startswith("[Planowanie przestrzenne") and len(text) >= len("Planowanie przestrzenne") * 1.4


def test_catalogues_complete_and_placeholders_match() -> None:
    assert check() == []


@pytest.mark.parametrize("n, expected", [(1, 0), (2, 1), (5, 2), (12, 2), (22, 1), (112, 2)])
def test_plural_index(n: int, expected: int) -> None:
    assert i18n._translations.plural(n) == expected  # type: ignore[attr-defined]


def test_number_texts_kept_apart_by_value_as_written_argument_and_language() -> None:
    """Formatted numbers are kept per locale (issue 18); values equal in Python but written apart print
    as babel prints each of them, asked in either order."""
    i18n.set_language("pl")
    # 0 and −0 are equal (and hash alike) in Python; babel writes the sign of −0 (minus: U+2212)
    assert i18n.format_decimal(Decimal("0")) == "0"
    assert i18n.format_decimal(Decimal("-0")) == "\u22120"
    assert i18n.format_money(Decimal("0")) == "0,00\u00a0zł"
    assert i18n.format_money(Decimal("-0")) == "\u22120,00\u00a0zł"
    # the digits are part of the question: 2 → "2", with 2 digits "2,00"
    assert i18n.format_decimal(Decimal("2")) == "2"
    assert i18n.format_decimal(Decimal("2"), 2) == "2,00"
    # 0.5 as a percent with 1 digit and with none
    assert i18n.format_percent(Decimal("0.5")) == "50,0%"
    assert i18n.format_percent(Decimal("0.5"), 0) == "50%"
    # the same amount in another language, and back
    assert i18n.format_money(Decimal("1234.5")) == "1\u00a0234,50\u00a0zł"
    i18n.set_language("en")
    assert i18n.format_money(Decimal("1234.5")) == "PLN1,234.50"
    assert i18n.format_decimal(Decimal("1234.5")) == "1,234.5"
    i18n.set_language("pl")
    assert i18n.format_money(Decimal("1234.5")) == "1\u00a0234,50\u00a0zł"
    assert i18n.format_decimal(Decimal("1234.5")) == "1\u00a0234,5"
