"""The one printer and one parser for indicator values, and decimal helpers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfxl.core.values import (
    format_percent,
    format_value,
    normalize_decimal,
    normalize_printed_value,
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


# Printed values typed with look-alike signs, full-width digits or spaces, and the parts they mean
# (the fix and rule tests use them too).
TYPED_VALUES: list[tuple[str, tuple[str, str, str]]] = [
    ("≧80%", ("≥", "80", "%")),
    ("＞５次", (">", "5", "次")),
    ("≦8万元", ("≤", "8", "万元")),
    ("＝100%", ("=", "100", "%")),
    ("80 %", ("=", "80", "%")),
    ("≥ 80%", ("≥", "80", "%")),
]


@pytest.mark.parametrize(
    ("typed", "split"),
    [
        *TYPED_VALUES,
        ("=100%", ("=", "100", "%")),
        (" >= ８０ ％ ", ("≥", "80", "%")),
        ("<=3天", ("≤", "3", "天")),
        ("＜＝0.5", ("≤", "0.5", None)),
        ("1,000 人", ("=", "1,000", "人")),
        ("－５%", ("=", "-5", "%")),
        # genuinely not [sign]number[unit]: only full-width folding, still 定性
        ("２０２１年12月", ("定性", "2021年12月", None)),
        ("≧ 较高", ("定性", "≧ 较高", None)),
        ("1,00人", ("定性", "1,00人", None)),
        ("80 个 工作日", ("定性", "80 个 工作日", None)),
        ("达到预期", ("定性", "达到预期", None)),
    ],
)
def test_normalize_printed_value(typed: str, split: tuple[str | None, ...]) -> None:
    printed = format_value(*split)
    assert normalize_printed_value(typed) == printed
    assert tuple(parse_value(normalize_printed_value(typed))) == split
    assert normalize_printed_value(printed) == printed  # already standard: unchanged
    assert format_value(*parse_value(typed)) == typed  # parse_value itself stays exact


_TYPED_SIGNS = {"≧": "≥", "≦": "≤", "＞": ">", "＜": "<", "＝": "=", ">=": "≥", "<=": "≤", "": "=", "≥": "≥", "<": "<"}
_FULL_WIDTH = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


@given(
    st.sampled_from(sorted(_TYPED_SIGNS)),
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["", "%", "次", "万元", "个工作日"]),
    st.lists(st.sampled_from(["", " ", "\u3000"]), min_size=4, max_size=4),
    st.booleans(),
)
def test_typed_values_give_their_parts(
    sign: str, number: Decimal, unit: str, spaces: list[str], full_width: bool
) -> None:
    typed = f"{spaces[0]}{sign}{spaces[1]}{number}{spaces[2]}{unit}{spaces[3]}"
    if full_width:
        typed = typed.translate(_FULL_WIDTH)
    printed = normalize_printed_value(typed)
    assert parse_value(printed) == (_TYPED_SIGNS[sign], str(number), unit or None)
    assert normalize_printed_value(printed) == printed


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
    assert normalize_text("100m² CO₂ ① ＡＢ") == "100m² CO₂ ① AB"  # only the full-width block folds


def test_number_text_and_percent_format() -> None:
    assert number_text(80.0) == "80"
    assert number_text(0.85) == "0.85"
    assert number_text(316001) == "316001"
    assert format_percent(Decimal("25")) == "25.00%"
    assert format_percent(None) == ""


def test_a_trailing_newline_is_not_swallowed_by_the_pattern() -> None:
    # Found by hypothesis: "$" also matches before a final "\n", so "0\n" printed back as "0".
    assert tuple(parse_value("0\n")) == ("定性", "0\n", None)
    assert format_value(*parse_value("0\n")) == "0\n"
