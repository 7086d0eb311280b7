"""Cases found by mutation testing (issue 14) for the cell converters and the refusal that names cells.

Each test pins behaviour a mutant changed without any other test noticing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from perfxl.core.values import float_to_decimal, normalize_decimal
from perfxl.workbook import RawSheet
from perfxl.workbook.cells import (
    CellError,
    cell_text,
    has_value,
    money,
    number,
    percent,
    refusal,
    text,
    unreadable_cells,
    whole_number,
)

DATE = dt.datetime(2021, 3, 1)
INDICATOR_HEADER = ["项目编码", "序号", "一级指标", "二级指标", "三级指标", "绩效指标描述", "计算符号", "指标值"]


def test_has_value() -> None:
    assert has_value(None) is False
    assert has_value("") is False
    assert has_value("  ") is False
    assert has_value(0) is True
    assert has_value("0") is True


def test_unreadable_cells_reads_each_column_by_its_kind() -> None:
    rows = [
        (2, ["P1", "not-a-number", "产出指标", "数量指标", "培训人数", DATE, "≥", "80"]),  # 序号 is not checked
        (3, ["P1", 2]),  # a short row: the missing cells are blank, and later rows are still looked at
        (4, ["P1", 3, "产出指标", "数量指标", DATE, "说明", "≥", "80"]),
    ]
    sheets = {"绩效指标": RawSheet("绩效指标", INDICATOR_HEADER, rows)}
    found = unreadable_cells(sheets)
    assert [(sheet, cell) for sheet, cell, _ in found] == [("绩效指标", "F2"), ("绩效指标", "E4")]
    assert found[0][2].startswith("expected text, found a date/time (2021-03-01 00:00:00)")


def test_unreadable_cells_stops_at_the_limit_exactly() -> None:
    rows = [(n, ["P1", n, "产出指标", "数量指标", DATE]) for n in range(2, 8)]
    sheets = {"绩效指标": RawSheet("绩效指标", INDICATOR_HEADER[:5], rows)}
    assert len(unreadable_cells(sheets, limit=3)) == 3
    assert len(unreadable_cells(sheets, limit=6)) == 6
    assert len(unreadable_cells(sheets)) == 6


def test_a_repeated_header_is_read_once_at_its_first_column() -> None:
    header = ["项目编码", "指标值", "指标值"]
    sheets = {"绩效指标": RawSheet("绩效指标", header, [(2, ["P1", "80", DATE])])}
    assert unreadable_cells(sheets) == []


def test_refusal_of_one_cell_names_it_alone() -> None:
    err = refusal("book.xlsx", [("项目", "D3", "expected an amount")])
    assert (err.sheet, err.cell, err.reason) == ("项目", "D3", "expected an amount")
    err = refusal("book.xlsx", [("项目", "D3", "a"), ("项目", "D4", "b")])
    assert err.reason == "2 cells cannot be read — 项目!D3: a; 项目!D4: b"
    assert refusal("book.xlsx", [("项目", "D3", "a")], more=True).reason == "1+ cells cannot be read — 项目!D3: a"
    assert refusal("book.xlsx", [("项目", "D3", "a")]).path == "book.xlsx"
    assert refusal("book.xlsx", [("项目", "D3", "a"), ("项目", "D4", "b")]).path == "book.xlsx"


def test_unreadable_cells_uses_each_columns_own_converter() -> None:
    header = ["单位编码", "项目编码", "项目名称", "预算数"]
    sheets = {"项目": RawSheet("项目", header, [(2, ["316001", "P1", "项目", "十万"])])}
    ((sheet, cell, reason),) = unreadable_cells(sheets)
    assert (sheet, cell) == ("项目", "D2")
    assert reason == "expected an amount in 万元 such as 10.00, found '十万'"


def test_a_short_row_is_still_read_up_to_its_last_cell() -> None:
    # Row 3 ends after 一级指标; the columns beyond it are blank, 一级指标 itself is still looked at.
    rows = [(3, ["P1", 2, DATE])]
    sheets = {"绩效指标": RawSheet("绩效指标", INDICATOR_HEADER, rows)}
    assert [(s, c) for s, c, _ in unreadable_cells(sheets)] == [("绩效指标", "C3")]


def test_number_keeps_the_digits_shown() -> None:
    assert str(number(10.0)) == "10"  # a weight of 10 stays 10, not 10.0
    assert str(number(2.5)) == "2.5"
    assert number("12.5") == Decimal("12.5")
    assert number("1,234") == Decimal("1234")
    assert number(" ") is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (True, "expected a number such as 10, found TRUE/FALSE"),
        ("abc", "expected a number such as 10, found 'abc'"),
    ],
)
def test_number_refuses_what_is_no_number(typed: object, message: str) -> None:
    with pytest.raises(CellError) as raised:
        number(typed)
    assert str(raised.value) == message


def test_cell_text_of_a_blank_cell_is_empty() -> None:
    assert cell_text(None) == ""  # not "None"
    assert cell_text(" 主体班 ") == "主体班"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (True, "expected text, found TRUE/FALSE"),
        (Decimal("1.5"), "expected text, found Decimal"),  # a type calamine never gives, still named
    ],
)
def test_text_refuses_with_what_it_found(typed: object, message: str) -> None:
    with pytest.raises(CellError) as caught:
        text(typed)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("convert", "typed", "message"),
    [
        (money, DATE.date(), "expected an amount in 万元 such as 10.00, found a date/time (2021-03-01)"),
        (percent, "abc", "expected a percentage such as 25.00%, found 'abc'"),
        (whole_number, 2.5, "expected a whole number, found 2.5"),
        (whole_number, "abc", "expected a whole number, found 'abc'"),
        (whole_number, "2.5", "expected a whole number, found '2.5'"),  # a number, but not whole
        (whole_number, True, "expected a whole number, found True"),
    ],
)
def test_converters_say_what_they_expected_and_found(convert: Any, typed: object, message: str) -> None:
    with pytest.raises(CellError) as caught:
        convert(typed)
    assert str(caught.value) == message


def test_float_to_decimal_refuses_true_false() -> None:
    with pytest.raises(ValueError) as caught:
        float_to_decimal(True)
    assert str(caught.value) == "expected a number, found TRUE/FALSE"


def test_normalize_decimal_refuses_what_is_not_finite() -> None:
    with pytest.raises(ValueError) as caught:
        normalize_decimal(Decimal("NaN"))
    assert str(caught.value) == "not a finite number: NaN"
