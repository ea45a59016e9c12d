from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.core.identifiers import (
    format_nip,
    is_valid_nip,
    is_valid_regon,
    nip_check_digit,
    normalize_krs,
    regon9_check_digit,
    regon14_check_digit,
)

# Test vectors from domain.md §8 (real gmina and powiat numbers from public notices).
VALID_NIPS = ["8567346215", "5260250274", "2090001440", "6681857956", "7352175044"]
VALID_REGONS = ["192598184", "123456785", "12345678512347", "871118900", "311019556", "491893339"]


def test_known_nips() -> None:
    assert all(is_valid_nip(n) for n in VALID_NIPS)
    assert not is_valid_nip("8567346216")


def test_nip_separators_and_prefix() -> None:
    assert is_valid_nip("856-734-62-15")
    assert is_valid_nip("PL 856 734 62 15")
    assert is_valid_nip("pl8567346215")
    assert not is_valid_nip("856734621")  # nine digits
    assert not is_valid_nip("85673462150")
    assert not is_valid_nip("")
    assert not is_valid_nip(None)
    assert not is_valid_nip("856A346215")


def test_nip_remainder_ten_is_invalid() -> None:
    # "000000001": 7 (weight of the 9th digit) x 1 = 7, 7 mod 11 = 7 -> check digit 7
    assert nip_check_digit("000000001") == 7
    # "020000000": 5 (weight of the 2nd digit) x 2 = 10 -> remainder 10: no valid NIP starts so
    assert nip_check_digit("020000000") is None
    assert not any(is_valid_nip("020000000" + str(d)) for d in range(10))


def test_known_regons() -> None:
    assert all(is_valid_regon(r) for r in VALID_REGONS)
    assert not is_valid_regon("192598183")
    # 14 digits whose own check digit is right but the embedded 9-digit prefix is wrong
    assert not is_valid_regon("12345678612342")
    assert not is_valid_regon("1234567851234")  # 13 digits


def test_krs_normalisation() -> None:
    assert normalize_krs("132142") == "0000132142"
    assert normalize_krs("0000132142") == "0000132142"
    assert normalize_krs(" 0000 132 142 ") == "0000132142"
    assert normalize_krs("KRS 132142") == "0000132142"
    assert normalize_krs("12345678901") is None
    assert normalize_krs("0") is None
    assert normalize_krs("abc") is None
    assert normalize_krs("") is None


def test_format_nip() -> None:
    assert format_nip("8567346215") == "856-734-62-15"


nine_digits = st.text(alphabet="0123456789", min_size=9, max_size=9)


@given(nine_digits)
def test_nip_with_computed_check_digit_is_valid(first9: str) -> None:
    check = nip_check_digit(first9)
    if check is None:
        assert not any(is_valid_nip(first9 + str(d)) for d in range(10))
    else:
        assert is_valid_nip(first9 + str(check))
        assert is_valid_nip("PL-" + first9[:3] + "-" + first9[3:] + str(check))


@given(nine_digits, st.integers(min_value=1, max_value=9))
def test_nip_single_digit_change_is_detected(first9: str, delta: int) -> None:
    check = nip_check_digit(first9)
    if check is not None:
        wrong = (check + delta) % 10
        assert not is_valid_nip(first9 + str(wrong))


@given(st.text(alphabet="0123456789", min_size=8, max_size=8), st.text(alphabet="0123456789", min_size=4, max_size=4))
def test_regon_with_computed_check_digits(first8: str, unit: str) -> None:
    regon9 = first8 + str(regon9_check_digit(first8))
    assert is_valid_regon(regon9)
    regon14 = regon9 + unit + str(regon14_check_digit(regon9 + unit))
    assert is_valid_regon(regon14)
    wrong9 = first8 + str((regon9_check_digit(first8) + 1) % 10)
    assert not is_valid_regon(wrong9)


@given(st.text(max_size=30))
def test_validators_never_raise(text: str) -> None:
    is_valid_nip(text)
    is_valid_regon(text)
    normalize_krs(text)
