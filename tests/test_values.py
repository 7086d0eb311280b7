"""The one printer and one parser for indicator values, and decimal helpers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfxl.values import (
    format_percent,
    format_value,
    normalize_decimal,
    normalize_text,
    number_text,
    parse_decimal,
    parse_percent,
    parse_value,
    value_number,
)


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("≥80%", ("≥", "80", "%")),
        ("100%", ("=", "100", "%")),
        ("是", ("定性", "是", None)),
        (">1次", (">", "1", "次")),
        ("≤8万元", ("≤", "8", "万元")),
        ("≥1次数", ("≥", "1", "次数")),
        ("<0.5天", ("<", "0.5", "天")),
        ("7日", ("=", "7", "日")),
        ("1,000人", ("=", "1,000", "人")),
        ("达到预期", ("定性", "达到预期", None)),
        ("≥ 80%", ("定性", "≥ 80%", None)),  # not standard: kept whole, the validator speaks
        ("=100%", ("定性", "=100%", None)),
        ("2021年12月", ("定性", "2021年12月", None)),
        ("", (None, None, None)),
    ],
)
def test_parse_value_examples(text: str, split: tuple[str | None, ...]) -> None:
    assert tuple(parse_value(text)) == split
    assert format_value(*parse_value(text)) == text


def test_format_value_has_no_sign_for_equals() -> None:
    assert format_value("=", "100", "%") == "100%"
    assert format_value("≥", "80", "%") == "≥80%"
    assert format_value("定性", "是", None) == "是"
    assert format_value(None, None, None) == ""


@given(st.text(max_size=30))
def test_parse_then_print_is_exact_for_any_text(text: str) -> None:
    assert format_value(*parse_value(text)) == text


@given(
    st.sampled_from(["=", "≥", ">", "≤", "<"]),
    st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from([None, "%", "人", "万元", "次", "个工作日"]),
)
def test_print_then_parse_gives_the_parts_back(sign: str, number: Decimal, unit: str | None) -> None:
    text = format_value(sign, str(number), unit)
    assert parse_value(text) == (sign, str(number), unit)


def test_value_number() -> None:
    assert value_number("1,000") == Decimal("1000")
    assert value_number("80") == Decimal("80")
    assert value_number("是") is None
    assert value_number(None) is None


def test_normalize_decimal_keeps_extra_places_but_pads_to_two() -> None:
    assert str(normalize_decimal(Decimal("10"))) == "10.00"
    assert str(normalize_decimal(Decimal("10.5"))) == "10.50"
    assert str(normalize_decimal(Decimal("10.123"))) == "10.123"
    assert str(normalize_decimal(Decimal("12.34500"))) == "12.345"
    assert str(normalize_decimal(Decimal("25.0000"))) == "25.00"


def test_text_numbers_and_full_width() -> None:
    assert parse_decimal(" １０.００ ") == Decimal("10.00")
    assert parse_decimal("1,234.5") == Decimal("1234.5")
    assert parse_percent("２５％") == Decimal("25")
    assert parse_percent("25.00%") == Decimal("25.00")
    with pytest.raises(ValueError, match="expected a number"):
        parse_decimal("十万")
    assert normalize_text("≧８０％，是") == "≧80%，是"


def test_number_text_and_percent_format() -> None:
    assert number_text(80.0) == "80"
    assert number_text(0.85) == "0.85"
    assert number_text(316001) == "316001"
    assert format_percent(Decimal("25")) == "25.00%"
    assert format_percent(None) == ""
