"""Numbers as Norwegian readers read them: 1 000 000 and 10,5 % (nn and nb), 1,000,000 (en)."""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.utils.translation import override
from hypothesis import given
from hypothesis import strategies as st

from samvirke.lib.numbers import NBSP, number, percent, signed


@pytest.mark.parametrize("language", ["nn", "nb"])
def test_norwegian_groups_thousands_with_a_no_break_space_and_uses_a_decimal_comma(language):
    with override(language):
        assert number(1000000) == f"1{NBSP}000{NBSP}000"
        assert number(Decimal("105329.545"), 2) == f"105{NBSP}329,55"  # half up, not to even
        assert number(Fraction(1, 3), 4) == "0,3333"
        assert number(-63534) == f"-63{NBSP}534"
        assert number(999) == "999"
        assert percent(Fraction(1053297, 100000), 4) == f"10,5330{NBSP}%"
        assert signed(20446) == f"+20{NBSP}446" and signed(-1731) == f"-1{NBSP}731"
        assert signed(0) == "0"


def test_english_keeps_its_own_format():
    with override("en"):
        assert number(1000000) == "1,000,000"
        assert number(Decimal("2.5"), 1) == "2.5"


def test_a_whole_decimal_prints_without_decimals_and_nothing_prints_as_empty():
    with override("nn"):
        assert number(Decimal("12319.00")) == f"12{NBSP}319"
        assert number(Decimal("2.50")) == "2,5"
        assert number(None) == "" and percent(None) == "" and signed(None) == ""


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_the_digits_and_sign_survive_the_formatting(value):
    with override("nn"):
        text = number(value)
    assert int(text.replace(NBSP, "")) == value
    groups = text.lstrip("-").split(NBSP)
    assert all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3
