"""Word .docx: spans from gridSpan/vMerge, clean paragraphs, nested tables, damaged packages."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from perfxl.core.errors import InputError
from perfxl.importers.blocks import Paragraph
from perfxl.importers.readers import read_docx
from tests.readers.conftest import cells, tables


def _toc_field(paragraph: Any, entry: str) -> None:
    """A hidden Word TOC entry field (``TC "…" \\f C \\l 1``) at the end of a paragraph."""
    for kind, instr in (("begin", None), (None, f' TC "{entry}" \\f C \\l 1 '), ("end", None)):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar" if kind else "w:instrText")
        if kind:
            element.set(qn("w:fldCharType"), kind)
        else:
            element.text = instr
        run._r.append(element)


def _small_document(path: Path) -> Path:
    """A heading with a TOC field, an empty paragraph, and a 4×4 table:

    row 1: 项目名称 | 主体班 (merged across columns 2-4)
    row 2: 绩效指标 (merged down rows 2-4) | 一级指标 | 三级指标 | 指标值
    row 3:                                  | 产出指标 (merged down 3-4) | 培训人次 | 280人次
    row 4:                                  |                           | 完成率 (two paragraphs, an empty one between) | 100%
    """
    document = docx.Document()
    heading = document.add_paragraph("1.主体班绩效目标表")
    _toc_field(heading, "1、主体班绩效目标表")
    document.add_paragraph("")
    table = document.add_table(rows=4, cols=4)
    table.style = "Table Grid"  # ruled, so that its PDF has lines for the table finder
    grid = [[c for c in row.cells] for row in table.rows]
    grid[0][1].merge(grid[0][3])
    grid[1][0].merge(grid[3][0])
    grid[2][1].merge(grid[3][1])
    texts = {(0, 0): "项目名称", (0, 1): "主体班", (1, 0): "绩效指标", (1, 1): "一级指标", (1, 2): "三级指标",
             (1, 3): "指标值", (2, 1): "产出指标", (2, 2): "培训人次", (2, 3): "280人次", (3, 3): "100%"}  # fmt: skip
    for (r, c), text in texts.items():
        table.rows[r].cells[c].text = text
    cell = table.rows[3].cells[2]
    cell.text = "完成率"
    cell.add_paragraph("")
    cell.add_paragraph("  (按期) ")
    document.add_paragraph("注：本表为示例。")
    document.save(str(path))
    return path


def test_merges_become_spans_on_the_top_left_cell(tmp_path: Path) -> None:
    document = read_docx(_small_document(tmp_path / "small.docx"))
    assert document.format == "docx"
    assert document.notes == []
    assert [type(b).__name__ for b in document.blocks] == ["Paragraph", "Table", "Paragraph"]
    assert document.blocks[0] == Paragraph("1.主体班绩效目标表")  # the TOC field is not text
    assert document.blocks[2] == Paragraph("注：本表为示例。")  # the empty paragraph is dropped
    (table,) = tables(document)
    assert table.number == 1
    assert cells(table) == [
        (1, 1, 1, 1, "项目名称"), (1, 2, 1, 3, "主体班"),
        (2, 1, 3, 1, "绩效指标"), (2, 2, 1, 1, "一级指标"), (2, 3, 1, 1, "三级指标"), (2, 4, 1, 1, "指标值"),
        (3, 2, 2, 1, "产出指标"), (3, 3, 1, 1, "培训人次"), (3, 4, 1, 1, "280人次"),
        (4, 3, 1, 1, "完成率\n(按期)"), (4, 4, 1, 1, "100%"),
    ]  # fmt: skip
    grid = table.grid()
    assert (table.height, table.width) == (4, 4)
    assert grid[3][0] is grid[1][0] and grid[3][0] is not None and grid[3][0].text == "绩效指标"
    assert grid[0][3] is not None and grid[0][3].text == "主体班"


def test_bytes_give_the_same_blocks(tmp_path: Path) -> None:
    path = _small_document(tmp_path / "small.docx")
    assert read_docx(path.read_bytes()).blocks == read_docx(path).blocks


def test_nested_table_is_flattened_into_its_cell_with_a_note(tmp_path: Path) -> None:
    document = docx.Document()
    outer = document.add_table(rows=1, cols=2)
    outer.rows[0].cells[0].text = "资金来源"
    holder = outer.rows[0].cells[1]
    holder.text = "明细："
    inner = holder.add_table(rows=2, cols=2)
    for r, row in enumerate((("财政资金", "100"), ("其他资金", ""))):
        for c, text in enumerate(row):
            inner.rows[r].cells[c].text = text
    path = tmp_path / "nested.docx"
    document.save(str(path))
    result = read_docx(path)
    (table,) = tables(result)
    # The nested rows as lines, empty cells left out; python-docx adds an empty paragraph after a nested table.
    assert cells(table) == [(1, 1, 1, 1, "资金来源"), (1, 2, 1, 1, "明细：\n财政资金 | 100\n其他资金")]
    assert result.notes == ["table 1 row 1 column 2: a nested table flattened into the cell text"]


def test_grid_before_shifts_the_row(tmp_path: Path) -> None:
    """A row that starts one grid column in (w:gridBefore) keeps its cells at their grid columns."""
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for c, text in enumerate(("甲", "乙", "丙")):
        table.rows[0].cells[c].text = text
    tr = table.rows[1]._tr
    tr.remove(tr.tc_lst[0])
    tr_pr = tr.get_or_add_trPr()
    before = OxmlElement("w:gridBefore")
    before.set(qn("w:val"), "1")
    tr_pr.append(before)
    table.rows[1].cells[-1].text = "丁"
    path = tmp_path / "before.docx"
    document.save(str(path))
    (table_block,) = tables(read_docx(path))
    assert cells(table_block) == [
        (1, 1, 1, 1, "甲"), (1, 2, 1, 1, "乙"), (1, 3, 1, 1, "丙"),
        (2, 2, 1, 1, ""), (2, 3, 1, 1, "丁"),
    ]  # fmt: skip


CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"


def _repackaged(source: Path, target: Path, changes: dict[str, bytes | None]) -> Path:
    """A copy of the package with some parts replaced (bytes) or left out (None)."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = changes.get(item.filename, src.read(item))
            if data is not None:
                dst.writestr(item.filename, data)
    return target


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"[Content_Types].xml": b"<Types><Default"}, r"\[Content_Types\]\.xml is not well-formed XML \(.*line 1"),
        ({"[Content_Types].xml": b"<?xml version='1.0'?><Parts/>"}, r"\[Content_Types\]\.xml has no <Types>"),
        ({"[Content_Types].xml": None}, r"\[Content_Types\]\.xml is missing"),
        ({"[Content_Types].xml": f'<Types xmlns="{CT_NS}"><Override/></Types>'.encode()}, r"\(AttributeError: "),
        ({"word/document.xml": None}, r"\(KeyError: There is no item named 'word/document\.xml'"),
        ({"word/document.xml": b'<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'},
         r"\(AttributeError: "),
    ],
    ids=["content-types-malformed", "content-types-wrong-root", "content-types-missing", "override-without-names",
         "document-missing", "document-root-wrong"],
)  # fmt: skip
def test_damaged_package_is_one_input_error(tmp_path: Path, changes: dict[str, bytes | None], message: str) -> None:
    good = _small_document(tmp_path / "good.docx")
    path = _repackaged(good, tmp_path / "damaged.docx", changes)
    with pytest.raises(InputError, match=rf"^{re.escape(str(path))}: damaged Word document.*{message}") as info:
        read_docx(path)
    assert "\n" not in str(info.value)


def test_truncated_body_xml(tmp_path: Path) -> None:
    good = _small_document(tmp_path / "good.docx")
    with zipfile.ZipFile(good) as zf:
        body = zf.read("word/document.xml")
    path = _repackaged(good, tmp_path / "cut.docx", {"word/document.xml": body[: len(body) // 2]})
    with pytest.raises(InputError, match="damaged Word document"):
        read_docx(path)


def test_not_a_zip_and_not_word(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"not a Word \.docx document \(corrupt zip package\)"):
        read_docx(b"PK\x03\x04 this is not really a zip")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(InputError, match=r"an Excel workbook, expected a \.docx document"):
        read_docx(buffer.getvalue())


def test_empty_and_missing_files(tmp_path: Path) -> None:
    (tmp_path / "empty.docx").write_bytes(b"")
    with pytest.raises(InputError, match=r"empty\.docx: the file is empty"):
        read_docx(tmp_path / "empty.docx")
    with pytest.raises(InputError, match=r"missing\.docx: file not found"):
        read_docx(tmp_path / "missing.docx")
