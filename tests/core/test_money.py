from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core import i18n
from app.core.money import MoneyFormatError, from_grosze, parse_decimal, parse_money, to_grosze


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1 234,50", "1234.50"),
        ("1234.50", "1234.50"),
        ("1.234,50", "1234.50"),
        ("1,234.50", "1234.50"),
        ("1\u00a0234,50\u00a0zł", "1234.50"),
        ("1 234 567,89 zł", "1234567.89"),
        ("12", "12.00"),
        ("0,5", "0.50"),
        ("-5,00", "-5.00"),
        ("1,234,567", "1234567.00"),
        ("15000 PLN", "15000.00"),
    ],
)
def test_parse_money_accepts_polish_and_english(text: str, expected: str) -> None:
    assert parse_money(text) == Decimal(expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "1,2,3",
        "12,345",
        "3,14159",
        ",5",
        "5,",
        "1.2.3",
        "--5",
        "1 234,5x",
        "1" + "0" * 26,
        "1 000 000 000 000 000",
    ],
)
def test_parse_money_rejects(text: str) -> None:
    with pytest.raises(MoneyFormatError):
        parse_money(text)


def test_parse_decimal_keeps_precision() -> None:
    assert parse_decimal("0,125") == Decimal("0.125")


def test_grosze_round_trip() -> None:
    assert to_grosze(Decimal("1234.56")) == 123456
    assert to_grosze(Decimal("0.005")) == 1  # half up
    assert from_grosze(123456) == Decimal("1234.56")
    assert from_grosze(None) is None


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_grosze_exact(grosze: int) -> None:
    assert to_grosze(from_grosze(grosze)) == grosze


@given(st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=2, allow_nan=False))
def test_formatted_money_parses_back(amount: Decimal) -> None:
    assert parse_money(i18n.format_money(amount)) == amount


def test_format_money_polish() -> None:
    assert i18n.format_money(Decimal("1234.5")) == "1\u00a0234,50\u00a0zł"
    assert i18n.format_money(Decimal("12345678.9")) == "12\u00a0345\u00a0678,90\u00a0zł"


# ---- issue 15, item 3: ambiguous separators -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("315.450", "315450.00"),  # one dot + exactly three digits: Polish thousands, not 315,45
        ("315.450 zł", "315450.00"),
        ("1.500", "1500.00"),
        ("-1.500", "-1500.00"),
        ("1.234.567", "1234567.00"),  # several dots: grouping
        ("315.45", "315.45"),  # two digits after the dot: a decimal point
        ("315.4", "315.40"),
        ("1 234,5", "1234.50"),
        ("1,5", "1.50"),
        ("1.234,56", "1234.56"),
    ],
)
def test_dot_with_three_digits_is_thousands(text: str, expected: str) -> None:
    assert parse_money(text) == Decimal(expected)


def test_leading_zero_keeps_the_decimal_reading() -> None:
    # "0.125" cannot be thousands (no group starts with 0): a fraction, as typed in the tools
    assert parse_decimal("0.125") == Decimal("0.125")
    assert parse_decimal("1.250") == Decimal("1250")


@pytest.mark.parametrize(
    ("text", "thousands", "decimal"),
    [
        ("1,500", "1500.00", "1.50"),
        ("315,450", "315450.00", "315.45"),
        ("12,340 zł", "12340.00", "12.34"),
    ],
)
def test_comma_with_three_digits_is_asked_not_guessed(text: str, thousands: str, decimal: str) -> None:
    from app.core.money import AmbiguousAmount

    with pytest.raises(AmbiguousAmount) as err:
        parse_money(text)
    assert (err.value.as_thousands, err.value.as_decimal) == (Decimal(thousands), Decimal(decimal))


def test_the_service_says_both_readings_in_polish() -> None:
    from app.core.services.fields import Checker

    c = Checker()
    assert c.money("amount", "Amount", "1,500") is None
    assert (
        c.errors[0].message == "„1,500” można odczytać na dwa sposoby: wpisz 1\u00a0500,00 (tysiące) "
        "albo 1,50 (złote i grosze)."
    )


def test_negative_amounts_have_a_real_minus_sign() -> None:
    # issue 15, item 8: U+2212, not the hyphen CLDR's Polish data gives; and it parses back
    assert i18n.format_money(Decimal("-200")) == "\u2212200,00\u00a0zł"
    assert i18n.format_decimal(Decimal("-1234.5"), 2) == "\u22121\u00a0234,50"
    assert parse_money(i18n.format_money(Decimal("-200"))) == Decimal("-200.00")
