"""Spreadsheets: merged ranges → spans at sheet positions, exact number text, guards."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from perfxl.core.errors import InputError
from perfxl.importers.readers import read_document, read_xlsx
from tests.libreoffice import convert
from tests.readers.conftest import cells, tables


def _workbook(path: Path) -> Path:
    """Sheet 表1: B2 项目名称, C2:E2 merged 主体班; B3:B5 merged 一级指标 beside numbers, a date, a percentage.
    Sheet 空: nothing.  Sheet 隐藏: hidden, one cell."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "表1"
    ws["B2"], ws["C2"] = "项目名称", "主体班"
    ws.merge_cells("C2:E2")
    ws["B3"] = "一级指标"
    ws.merge_cells("B3:B5")
    ws["C3"], ws["D3"], ws["E3"] = 3309840.0, 58.05, 12
    ws["C4"], ws["D4"], ws["E4"] = dt.date(2022, 5, 16), True, "  ≥95%  "
    ws["C5"], ws["D5"], ws["E5"] = 1e16, 0.955, "=SUM(C3:C4)"
    ws["D5"].number_format = "0.0%"
    wb.create_sheet("空")
    hidden = wb.create_sheet("隐藏")
    hidden["A1"] = "备注"
    hidden.sheet_state = "hidden"
    wb.save(path)
    return path


def test_merges_numbers_and_positions(tmp_path: Path) -> None:
    document = read_xlsx(_workbook(tmp_path / "book.xlsx"))
    assert document.format == "xlsx"
    assert document.notes == ["sheet 空: empty", "sheet 隐藏: hidden in the workbook, read anyway"]
    first, hidden = tables(document)
    assert (first.sheet, first.number, hidden.sheet, hidden.number) == ("表1", 1, "隐藏", 2)
    # Cells sit at their sheet positions (B2 is row 2, column 2); covered positions have no cell.
    # 3309840.0 → "3309840", 1e16 → all its digits, 0.955 shown as 0.0% → "95.5%" (0.955 × 100 exactly);
    # a formula openpyxl wrote without a cached value reads as empty.
    assert [c for c in cells(first) if c[4]] == [
        (2, 2, 1, 1, "项目名称"), (2, 3, 1, 3, "主体班"),
        (3, 2, 3, 1, "一级指标"), (3, 3, 1, 1, "3309840"), (3, 4, 1, 1, "58.05"), (3, 5, 1, 1, "12"),
        (4, 3, 1, 1, "2022-05-16"), (4, 4, 1, 1, "TRUE"), (4, 5, 1, 1, "≥95%"),
        (5, 3, 1, 1, "10000000000000000"), (5, 4, 1, 1, "95.5%"),
    ]  # fmt: skip
    assert (first.height, first.width) == (5, 5)
    assert len(first.cells()) == 25 - 2 - 2  # two cells under C2:E2 and two under B3:B5 have no cell
    assert cells(hidden) == [(1, 1, 1, 1, "备注")]


def test_bytes_give_the_same_blocks(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "book.xlsx")
    assert read_xlsx(path.read_bytes()).blocks == read_xlsx(path).blocks


def test_far_cell_is_refused_before_calamine(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws["A1"], ws["XFD1048576"] = "项目", "x"
    wb.save(tmp_path / "far.xlsx")
    with pytest.raises(InputError, match=r"far\.xlsx: Sheet: the sheet reaches row 1,048,576"):
        read_xlsx(tmp_path / "far.xlsx")


def test_corrupt_workbooks(tmp_path: Path) -> None:
    (tmp_path / "cut.xlsx").write_bytes(_workbook(tmp_path / "book.xlsx").read_bytes()[:300])
    with pytest.raises(InputError, match=r"cut\.xlsx: "):
        read_xlsx(tmp_path / "cut.xlsx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("word/document.xml", "<document/>")
    with pytest.raises(InputError, match="a Word document"):
        read_xlsx(buffer.getvalue())


@pytest.mark.libreoffice
def test_xls_from_libreoffice(tmp_path: Path, soffice: str) -> None:
    xls = convert(soffice, _workbook(tmp_path / "book.xlsx"), "xls", tmp_path / "out")
    document = read_document(xls)
    assert document.format == "xls"
    first = tables(document)[0]
    assert first.sheet == "表1"
    texts = {(c[0], c[1]): c for c in cells(first) if c[4]}
    assert texts[(2, 3)] == (2, 3, 1, 3, "主体班")
    assert texts[(3, 2)] == (3, 2, 3, 1, "一级指标")
    assert texts[(3, 3)][4] == "3309840" and texts[(3, 4)][4] == "58.05"
