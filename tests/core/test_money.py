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


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "12,345", "3,14159", ",5", "5,", "1.2.3", "--5", "1 234,5x",
                                  "1" + "0" * 26, "1 000 000 000 000 000"])
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


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_grosze_exact(grosze: int) -> None:
    assert to_grosze(from_grosze(grosze)) == grosze


@given(st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=2, allow_nan=False))
def test_formatted_money_parses_back(amount: Decimal) -> None:
    assert parse_money(i18n.format_money(amount)) == amount


def test_format_money_polish() -> None:
    assert i18n.format_money(Decimal("1234.5")) == "1\u00a0234,50\u00a0zł"
    assert i18n.format_money(Decimal("12345678.9")) == "12\u00a0345\u00a0678,90\u00a0zł"
