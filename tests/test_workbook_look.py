"""What a person sees in the workbook: row heights, money format, no green marks, the 说明 sheet,
and perfxl's notes and 校验结果 sheet — checked in the written files' structure, not in pixels."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from perfxl.core.model import Dataset
from perfxl.excel.memory import MemoryBook
from perfxl.versions.blank import blank_dataset
from perfxl.workbook.text_size import display_width, row_height, wrapped_lines
from perfxl.workbook.writer import write_workbook
from tests.conftest import make_dataset


def _sheet_xml(path: Path, sheet: str) -> str:
    """The XML of the worksheet named ``sheet``."""
    wb = load_workbook(path)
    index = wb.sheetnames.index(sheet) + 1
    with zipfile.ZipFile(path) as zf:
        return zf.read(f"xl/worksheets/sheet{index}.xml").decode("utf-8")


def test_text_size_counts_chinese_double() -> None:
    assert display_width("项目abc") == 2 * 2 + 3  # two CJK characters, three Latin
    assert display_width("（一）") == 6  # fullwidth brackets are wide too
    # 30 CJK characters = 60 units in a 24-wide column: 24 per line → 3 lines (24 + 24 + 12).
    assert wrapped_lines("一" * 30, 24) == 3
    # A line break starts a line: 2 short lines.
    assert wrapped_lines("甲\n乙", 24) == 2
    # 3 lines of 15 pt + 3 pt padding = 48 pt; one line needs no height of its own.
    assert row_height([("一" * 30, 24)]) == 48
    assert row_height([("一" * 5, 24)]) is None


def _long_dataset() -> Dataset:
    ds = make_dataset()
    # 120 CJK characters = 240 units; 资金用途 is 48 wide → 5 lines; 绩效目标 60 wide → 4 lines.
    long = "一二三四五六七八九十" * 12  # 10 × 12 = 120 characters
    p = ds.projects[0].model_copy(update={"purpose": long, "goals": long})
    return ds.model_copy(update={"projects": (p, *ds.projects[1:])})


def test_wrapped_text_rows_get_their_height(tmp_path: Path) -> None:
    ws = load_workbook(write_workbook(_long_dataset(), tmp_path / "long.xlsx"))["项目"]
    # The taller of the two: 5 lines × 15 pt + 3 pt = 78 pt.
    assert ws.row_dimensions[2].height == 78
    assert ws.row_dimensions[3].height is None  # one line: Excel's default height
    assert ws["G2"].alignment.wrap_text


def test_money_has_thousands_separators(tmp_path: Path) -> None:
    ds = make_dataset()
    p = ds.projects[0].model_copy(
        update={"budget": ds.projects[0].budget.model_copy(update={"total": Decimal("13307.00")})}
    )
    ws = load_workbook(write_workbook(ds.model_copy(update={"projects": (p,)}), tmp_path / "m.xlsx"))["项目"]
    assert ws["D2"].value == 13307 and ws["D2"].number_format == "#,##0.00"  # shown as 13,307.00


def test_text_columns_carry_no_number_stored_as_text_marks(tmp_path: Path) -> None:
    book = write_workbook(make_dataset(), tmp_path / "t.xlsx")
    indicators = _sheet_xml(book, "绩效指标")
    # 项目编码 A, 项目名称 B, 一级 D … 指标值 I, 计量单位 J, 依据 K are text; 序号 C is a number.
    ignored = re.search(r'<ignoredError sqref="([^"]+)" numberStoredAsText="1"/>', indicators)
    assert ignored is not None
    ranges = ignored.group(1).split()
    assert "A2:A1048576" in ranges and "I2:I1048576" in ranges and "C2:C1048576" not in ranges
    assert 'numberStoredAsText="1"' in _sheet_xml(book, "基本信息")
    assert 'numberStoredAsText="1"' in _sheet_xml(book, "说明")


def test_readme_has_one_block_per_sheet_with_the_workbooks_year(tmp_path: Path) -> None:
    book = write_workbook(blank_dataset(2023, unit_code="316001"), tmp_path / "blank.xlsx")
    ws = load_workbook(book)["说明"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    sheets = ["基本信息", "单位", "部门目标", "项目", "支出计划", "绩效指标"]
    titles = [r[0] for r in rows if isinstance(r[0], str) and r[0].split("：")[0] in sheets and r[1] is None]
    assert [t.split("：")[0] for t in titles] == sheets
    for title in titles:
        at = next(i for i, r in enumerate(rows) if r[0] == title)
        header, example = rows[at + 1], rows[at + 2]
        assert header[0] in ("项目", "单位编码", "项目编码")  # the sheet's own first column, in column A
        assert example[0] is not None  # the example starts under it, not two columns to the right
    info = next(i for i, r in enumerate(rows) if r[0] == "预算年度")
    assert rows[info][1] == 2023  # the template's own year, not the example document's 2021
    indicators = next(i for i, r in enumerate(rows) if r[0] == "项目编码" and r[2] == "序号")
    assert rows[indicators][:11] == [
        "项目编码", "项目名称", "序号", "一级指标", "二级指标", "三级指标", "绩效指标描述", "计算符号", "指标值", "计量单位",
        "指标值确定依据",
    ]  # fmt: skip
    assert rows[indicators + 1][:3] == ["130434211Y0DO65S99Z10", "小额贷款担保基金", 1]  # the example follows the order
    plan = next(i for i, r in enumerate(rows) if r[0] == "项目编码" and r[2] == "3月底")
    assert rows[plan][:6] == ["项目编码", "项目名称", "3月底", "6月底", "10月底", "12月底"]
    # Landscape, fit to one page wide (fitToWidth's default is 1), as tall as it takes.
    assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
    assert (
        ws["D" + str(next(i for i, r in enumerate(rows) if r[2] == "小额贷款担保基金") + 1)].number_format == "#,##0.00"
    )


def test_notes_are_sized_to_their_text(tmp_path: Path) -> None:
    book = MemoryBook()
    book.add_sheet("项目")
    message = "计" * 200  # 200 CJK = 400 units; (360 − 12) / 6 = 58 per line → 7 lines
    book.set_note("项目", "D3", message)
    book.set_note("项目", "D4", "短")
    out = book.save(tmp_path / "notes.xlsx")
    with zipfile.ZipFile(out) as zf:
        vml = "".join(zf.read(n).decode() for n in zf.namelist() if n.endswith(".vml"))
    sizes = re.findall(r"width:(\d+)px;height:(\d+)px", vml)
    # 7 lines × 16 px + 12 px = 124 px; a short note keeps the 80 px minimum.
    assert sorted(sizes) == [("360", "124"), ("360", "80")]


def test_button_note_explains_in_plain_chinese_what_the_buttons_need(tmp_path: Path) -> None:
    from perfxl.excel.template import write_macro_template

    book = write_macro_template(blank_dataset(2023), tmp_path / "buttons.xlsm")
    with zipfile.ZipFile(book) as zf:
        drawing = "".join(zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/drawings/drawing"))
    text = "".join(re.findall(r"<a:t>([^<]*)</a:t>", drawing))
    for needed in ("启用内容", "信息技术人员安装一次", 'pip install "perfxl[excel]"', "Could not find Interpreter"):
        assert needed.replace('"', "&quot;") in text or needed in text, needed
