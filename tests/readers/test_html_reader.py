"""Saved web pages: rowspan/colspan, <br>, paragraphs in order, charsets, nested and layout tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfxl.core.errors import InputError
from perfxl.importers.blocks import Paragraph
from perfxl.importers.readers import read_html
from tests.readers.conftest import cells, paragraphs, tables

PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>页面标题</title>
<style>td {{ color: red }}</style><script>var x = "<table>";</script></head>
<body>
<h2>绩效目标申报表</h2>
<div>来源：县财政局&nbsp;&nbsp; 2022-05-16</div>
<table>
<caption>表1</caption>
<tbody>
<tr><th rowspan="3">资金情况<br>(万元)</th><td>年度资金总额</td><td colspan="2">854万</td></tr>
<tr><td>其中：财政拨款</td><td>800</td><td rowspan="2"><p>备注一</p><p>备注二</p></td></tr>
<tr><td>其他资金</td><td>  54  </td></tr>
</tbody>
</table>
<p>注：<b>各地</b>请根据实际
情况填报。</p>
<!-- a comment -->
</body></html>
"""


def test_spans_breaks_and_paragraphs_in_document_order() -> None:
    document = read_html(PAGE.format(charset="utf-8").encode())
    assert document.format == "html"
    assert document.notes == []
    # The title, style and script are not content; the caption sits before its table.
    assert [type(b).__name__ for b in document.blocks] == ["Paragraph", "Paragraph", "Paragraph", "Table", "Paragraph"]
    assert paragraphs(document) == [
        "绩效目标申报表",
        "来源：县财政局 2022-05-16",
        "表1",
        "注：各地请根据实际 情况填报。",
    ]
    (table,) = tables(document)
    # Row 2 starts in column 2 (column 1 is covered by the rowspan); row 3's cells go to columns 2 and 3.
    assert cells(table) == [
        (1, 1, 3, 1, "资金情况\n(万元)"), (1, 2, 1, 1, "年度资金总额"), (1, 3, 1, 2, "854万"),
        (2, 2, 1, 1, "其中：财政拨款"), (2, 3, 1, 1, "800"), (2, 4, 2, 1, "备注一\n备注二"),
        (3, 2, 1, 1, "其他资金"), (3, 3, 1, 1, "54"),
    ]  # fmt: skip
    assert (table.height, table.width) == (3, 4)


@pytest.mark.parametrize("encoding", ["gbk", "gb2312", "gb18030"])
def test_chinese_charsets_from_meta(encoding: str) -> None:
    data = PAGE.format(charset=encoding).encode("gb18030")
    document = read_html(data)
    assert paragraphs(document)[0] == "绩效目标申报表"


def test_utf8_bom_and_undeclared_gbk() -> None:
    assert paragraphs(read_html(b"\xef\xbb\xbf<p>\xe9\xa1\xb9\xe7\x9b\xae</p>")) == ["项目"]
    assert paragraphs(read_html("<html><body><p>项目名称</p></body></html>".encode("gbk"))) == ["项目名称"]


def test_xml_declaration_with_an_encoding() -> None:
    data = '<?xml version="1.0" encoding="gb2312"?><html><body><p>预算数</p></body></html>'.encode("gb2312")
    assert paragraphs(read_html(data)) == ["预算数"]


def test_page_without_tables_gives_paragraphs_only() -> None:
    document = read_html("<html><body><p>一</p><ul><li>二</li><li>三<br/>四</li></ul></body></html>".encode())
    assert document.blocks == [Paragraph("一"), Paragraph("二"), Paragraph("三\n四")]


def test_small_nested_table_is_flattened_with_a_note() -> None:
    page = "<table><tr><td>资金</td><td>明细<table><tr><td>财政</td><td>100</td></tr></table></td></tr></table>"
    document = read_html(page.encode())
    (table,) = tables(document)
    assert cells(table) == [(1, 1, 1, 1, "资金"), (1, 2, 1, 1, "明细\n财政 | 100")]
    assert document.notes == ["table 1 row 1 column 2: a nested table flattened into the cell text"]


def test_layout_table_is_unwrapped() -> None:
    """Government sites often put the page in a table; the real table is the nested one."""
    page = """<table><tr><td>首页 &gt; 公开</td></tr><tr><td>
      <p>项目支出绩效目标表</p>
      <table><tr><td>项目名称</td><td>主体班</td></tr><tr><td>项目金额</td><td>164万元</td></tr></table>
    </td></tr></table>"""
    document = read_html(page.encode())
    assert paragraphs(document) == ["首页 > 公开", "项目支出绩效目标表"]
    (table,) = tables(document)
    assert table.number == 1
    assert cells(table) == [(1, 1, 1, 1, "项目名称"), (1, 2, 1, 1, "主体班"), (2, 1, 1, 1, "项目金额"),
                            (2, 2, 1, 1, "164万元")]  # fmt: skip
    assert document.notes == ["a layout table (before table 1) unwrapped: its cells read as blocks"]


def test_spans_beyond_the_table_are_clipped() -> None:
    page = '<table><tr><td rowspan="9">甲</td><td colspan="0">乙</td></tr><tr><td rowspan="0">丙</td></tr></table>'
    (table,) = tables(read_html(page.encode()))
    # rowspan 9 in a 2-row table covers 2 rows; colspan="0" is read as 1; rowspan="0" runs to the end.
    assert cells(table) == [(1, 1, 2, 1, "甲"), (1, 2, 1, 1, "乙"), (2, 2, 1, 1, "丙")]


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_bytes(b"  \n")
    with pytest.raises(InputError, match=r"page\.html: the file is empty"):
        read_html(tmp_path / "page.html")
