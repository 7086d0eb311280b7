"""Sheets read as columns: a column converted once per distinct value gives what converting each cell gives."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import python_calamine
import xlsxwriter

from perfxl.workbook.cells import CellError, money, number, text
from perfxl.workbook.columns import SheetColumns, convert_column, transpose
from perfxl.workbook.sheets import RawSheet, raw_sheet_from_grid, stream_sheet


def test_equal_numbers_of_other_types_are_converted_apart() -> None:
    # 1 == 1.0 == True in Python, but as cells TRUE is refused where 1.0 is the number 1.
    with pytest.raises(CellError, match="TRUE/FALSE"):
        convert_column(text, [1.0, True])
    assert convert_column(text, [1.0, 1, "1"]) == ["1", "1", "1"]


def test_zero_keeps_its_sign() -> None:
    # 0.0 == -0.0; str() tells them apart, so money of -0.0 is Decimal('-0.0'), not 0.0's Decimal('0.0').
    got = convert_column(money, [0.0, -0.0, 0.0])
    assert [str(v) for v in got] == ["0.0", "-0.0", "0.0"]


def test_text_is_stripped_and_blank_is_none() -> None:
    assert convert_column(text, ["  a ", "", "   ", "a"]) == ["a", None, None, "a"]


def test_mixed_column_matches_cell_by_cell() -> None:
    cells: list[Any] = ["10", 10.5, "", 10.5, "  7 ", 3]
    assert convert_column(number, cells) == [
        Decimal("10"),
        Decimal("10.5"),
        None,
        Decimal("10.5"),
        Decimal("7"),
        Decimal("3"),
    ]


def test_over_long_text_is_refused_in_a_column_too() -> None:
    with pytest.raises(CellError, match="32,767"):
        convert_column(text, ["ok", "x" * 32_768])


def test_transpose_pads_short_rows_with_blank_cells() -> None:
    assert transpose([["a", "b"], ["c"]], [0, 1]) == {0: ["a", "c"], 1: ["b", ""]}
    assert transpose([], [0, 3]) == {0: [], 3: []}


def test_rows_with_nothing_read_are_dropped() -> None:
    # Rows 2 and 4 hold values; row 3 is blank in both read columns and has no kept column.
    cols = SheetColumns.keep_filled([2, 3, 4], {"a": ["x", None, None], "b": [None, None, "y"]}, None)
    assert (cols.rows, cols.values) == ([2, 4], {"a": ["x", None], "b": [None, "y"]})


def test_a_row_holding_only_a_kept_column_stays() -> None:
    cols = SheetColumns.keep_filled([2, 3], {"a": [None, None]}, [{}, {"备注": "见附件"}])
    assert (cols.rows, cols.extra) == ([3], [{"备注": "见附件"}])


def test_no_read_column_means_no_record() -> None:
    # A sheet whose header is not on row 1 reads no column: none of its rows is a record.
    assert len(SheetColumns.keep_filled([2, 3], {}, None)) == 0


def _streamed_and_whole(path: Path, name: str) -> tuple[RawSheet | None, RawSheet]:
    with python_calamine.CalamineWorkbook.from_path(str(path)) as book:
        streamed = stream_sheet(name, book.get_sheet_by_name(name))
        whole = raw_sheet_from_grid(name, book.get_sheet_by_name(name).to_python(skip_empty_area=False))
    return streamed, whole


def test_a_streamed_sheet_is_the_whole_grid(tmp_path: Path) -> None:
    # Used cells start in column C and row 2 (row 1 blank), with a blank row 4 between values,
    # a number and a boolean: the streamed columns must give the rows to_python gives.
    path = tmp_path / "s.xlsx"
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("S")
    ws.write("C2", "项目编码")
    ws.write("D3", 1.5)
    ws.write("E5", True)
    ws.write("C5", "P1")
    ws.write("C6", "P1")  # the same text twice: kept once as a string object, twice as a cell
    wb.close()
    streamed, whole = _streamed_and_whole(path, "S")
    assert streamed is not None
    assert (streamed.header, streamed.rows) == (whole.header, whole.rows)
    # Hand-written: the header is row 1 (blank); rows 2, 3, 5, 6 hold values, row 4 does not.
    assert list(streamed.numbers) == [2, 3, 5, 6]
    assert streamed.column(2) == ["项目编码", "", "P1", "P1"]
    assert streamed.column(4) == ["", "", True, ""]
    assert streamed.column(9) == ["", "", "", ""]  # beyond the sheet: blank


def test_an_empty_sheet_streams_to_nothing(tmp_path: Path) -> None:
    path = tmp_path / "e.xlsx"
    wb = xlsxwriter.Workbook(path)
    wb.add_worksheet("E")
    wb.close()
    streamed, whole = _streamed_and_whole(path, "E")
    assert streamed is not None
    assert (streamed.header, streamed.rows, whole.rows) == ([], [], [])


def test_a_number_column_shares_equal_numbers_but_keeps_the_sign_of_zero(tmp_path: Path) -> None:
    path = tmp_path / "n.xlsx"
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("N")
    ws.write_row("A1", ["序号", "预算数"])
    for r, (seq, amount) in enumerate([(1, 2.5), (2, 2.5), (1, 0.0), (2, -0.0), (1, 2.5)], start=2):
        ws.write_number(f"A{r}", seq)
        ws.write_number(f"B{r}", amount)
    wb.close()
    streamed, whole = _streamed_and_whole(path, "N")
    assert streamed is not None
    assert streamed.rows == whole.rows
    seqs, amounts = streamed.column(0), streamed.column(1)
    assert seqs == [1.0, 2.0, 1.0, 2.0, 1.0]
    assert seqs[0] is seqs[2] is seqs[4]  # one object per distinct number in a column of numbers only
    # The amount column holds a zero: 0.0 == -0.0 as dict keys, so it keeps each cell's own object.
    assert [str(v) for v in amounts] == ["2.5", "2.5", "0.0", "-0.0", "2.5"]
