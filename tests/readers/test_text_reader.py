"""Text: Word text dumps (tab-led cells), pipe- and tab-separated tables, encodings."""

from __future__ import annotations

import pytest

from perfxl.importers.blocks import Cell, Paragraph, Table
from perfxl.importers.readers import read_text
from tests.readers.conftest import cells, tables

DUMP = (
    "第二部分\n"  # 1
    "1.小额贷款担保基金绩效目标表 TC 1、小额贷款担保基金绩效目标表 \\f C \\l 1 \n"  # 2
    "\t项目编码\n"  # 3
    "\t130434211Y0DO65S99Z10\n"  # 4
    "\n"  # 5
    "\t绩效目标\n"  # 6
    "\t1.有利于资金周转。\n"  # 7
    "2.帮助就业创业\n"  # 8: the cell's second paragraph
    "\n"  # 9
    "\n"  # 10: an empty paragraph in the cell
    "3.按季发放\n"  # 11: still the cell (more rows follow)
    "\n"  # 12
    "\t\n"  # 13: an empty first cell (a merged one, in Word)
    "\t其他\n"  # 14
    "\n"  # 15
    "说明文字\n"  # 16: after the table
)


def test_word_dump_cells_rows_and_lines() -> None:
    document = read_text(DUMP.encode())
    assert document.format == "text"
    assert document.blocks[0] == Paragraph("第二部分", 1)
    assert document.blocks[1] == Paragraph("1.小额贷款担保基金绩效目标表", 2)  # TOC field code stripped
    table = document.blocks[2]
    assert isinstance(table, Table) and (table.number, table.line) == (1, 3)
    assert table.rows == (
        (Cell("项目编码", 1, 1, line=3), Cell("130434211Y0DO65S99Z10", 1, 2, line=4)),
        (Cell("绩效目标", 2, 1, line=6), Cell("1.有利于资金周转。\n2.帮助就业创业\n3.按季发放", 2, 2, line=7)),
        (Cell("", 3, 1, line=13), Cell("其他", 3, 2, line=14)),
    )
    assert document.blocks[3] == Paragraph("说明文字", 16)


def test_pipe_table_with_padding_and_markdown_rules() -> None:
    text = "表头\n| 项目名称 | 主体班 | ||||\n|---|---|\n项目金额 | 164万元 | 其中 | 132万元\n 标题行 | ||\n\n尾注\n"
    document = read_text(text.encode())
    assert document.blocks[0] == Paragraph("表头", 1)
    (table,) = tables(document)
    assert table.line == 2
    # Trailing empty cells are padding; the rule line is skipped; a one-cell row stays in the table.
    assert [[(c.text, c.line) for c in row] for row in table.rows] == [
        [("项目名称", 2), ("主体班", 2)],
        [("项目金额", 4), ("164万元", 4), ("其中", 4), ("132万元", 4)],
        [("标题行", 5)],
    ]
    assert document.blocks[-1] == Paragraph("尾注", 7)


def test_tab_separated_rows_keep_leading_empty_cells() -> None:
    text = "一级指标\t二级指标\t三级指标\n\t数量指标\t培训人次\n"
    (table,) = tables(read_text(text.encode()))
    assert cells(table) == [
        (1, 1, 1, 1, "一级指标"), (1, 2, 1, 1, "二级指标"), (1, 3, 1, 1, "三级指标"),
        (2, 1, 1, 1, ""), (2, 2, 1, 1, "数量指标"), (2, 3, 1, 1, "培训人次"),
    ]  # fmt: skip


def test_pipe_lines_with_one_text_each_are_paragraphs() -> None:
    """Page furniture such as ``浏览量:1 | | | |`` is not a table."""
    document = read_text("浏览量:1 | | | |\n来源 |\n".encode())
    assert document.blocks == [Paragraph("浏览量:1", 1), Paragraph("来源", 2)]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le"])
def test_encodings(encoding: str) -> None:
    text = "项目名称|主体班\r\n项目金额|164万元\r\n"
    (table,) = tables(read_text(text.encode(encoding)))
    assert [[c.text for c in row] for row in table.rows] == [["项目名称", "主体班"], ["项目金额", "164万元"]]
