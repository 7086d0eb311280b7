"""The shared real documents: each form gives faithful blocks, and the forms agree cell by cell."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from perfxl.importers.readers import read_document
from tests.libreoffice import convert
from tests.readers.conftest import REAL_NAMES, cells, paragraphs, tables


@pytest.mark.parametrize("name", REAL_NAMES)
def test_html_and_docx_give_the_same_tables(real_docs: Path, name: str) -> None:
    html = read_document(real_docs / f"{name}.html")
    word = read_document(real_docs / f"{name}.docx")
    assert (html.format, word.format) == ("html", "docx")
    assert [cells(t) for t in tables(html)] == [cells(t) for t in tables(word)]
    assert html.notes == word.notes == []


def test_yueyang_spans(real_docs: Path) -> None:
    """Counted in yueyang-2022.html: 绩效指标 spans the 13 indicator rows (its header and 12 indicators)."""
    document = read_document(real_docs / "yueyang-2022.docx")
    (table,) = tables(document)
    found = {c[4]: c for c in cells(table)}
    assert found["绩效指标"] == (8, 1, 13, 1, "绩效指标")
    assert found["资金情况 (万元)"] == (3, 1, 3, 1, "资金情况 (万元)")
    assert found["效益指标"] == (14, 2, 6, 1, "效益指标")
    assert found["社会效益\n指标"] == (15, 3, 2, 1, "社会效益\n指标")  # <br> in the page, a line break in Word
    assert found["完成项目主体工程70%"] == (7, 2, 1, 4, "完成项目主体工程70%")
    assert (table.height, table.width) == (20, 5)
    assert paragraphs(document)[:4] == [
        "乡村振兴衔接资金绩效目标申报表(高标准农田建设)",
        "来源:岳阳县农业农村局   2022-05-16",  # Word keeps the three spaces a web page collapses
        "绩效目标申报表(基础设施建设类)",
        "(2022年度)",
    ]


def test_jingyan_flat_table(real_docs: Path) -> None:
    """4 title/header/total rows + 8 + 4 indicator rows; the unit cell spans both projects (12 rows)."""
    (table,) = tables(read_document(real_docs / "jingyan-mata-2023.html"))
    assert (table.height, table.width) == (16, 12)
    found = {(c[0], c[1]): c for c in cells(table)}
    assert found[(5, 1)] == (5, 1, 12, 1, "820001-井研县马踏镇人民政府")
    assert found[(5, 3)] == (5, 3, 8, 1, "3,309,840.00")
    assert found[(13, 2)] == (13, 2, 4, 1, "基层组织活动经费")
    assert [c.text for c in table.rows[-1]] == ["产出指标", "质量指标", "保障村社区正常运转", "≥", "95", "%", "20",
                                                "正向指标"]  # fmt: skip


def test_text_forms(real_docs: Path) -> None:
    """The .txt forms as found: huangshi and jingyan are pipe tables; yueyang's flattened page is paragraphs."""
    huangshi = read_document(real_docs / "huangshi-2022.txt")
    (table,) = tables(huangshi)
    assert [c.text for c in table.rows[3]] == ["项目金额", "164万元", "其中:当年市级财政资金", "132万元"]
    assert len(table.rows) == 23  # every one of the file's 23 lines is a row
    jingyan = read_document(real_docs / "jingyan-mata-2023.txt")
    (table,) = tables(jingyan)
    assert [c.text for c in table.rows[-1]] == ["产出指标", "数量指标", "行政村数量", "=", "11", "个", "10"]
    yueyang = read_document(real_docs / "yueyang-2022.txt")
    assert tables(yueyang) == []
    assert paragraphs(yueyang)[2:4] == ["浏览量:1", "绩效目标申报表(基础设施建设类)"]


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", REAL_NAMES)
def test_pdf_rendered_from_docx_gives_the_same_cells(real_docs: Path, name: str, soffice: str, tmp_path: Path) -> None:
    pdf = convert(soffice, real_docs / f"{name}.docx", "pdf", tmp_path)
    from_pdf, from_word = read_document(pdf), read_document(real_docs / f"{name}.docx")
    # A PDF cannot tell a line wrapped by the page width from a line break, so texts are compared without them.
    (pdf_table,) = tables(from_pdf)
    (word_table,) = tables(from_word)
    pdf_cells = [(*c[:4], c[4].replace("\n", "")) for c in cells(pdf_table)]
    word_cells = [(*c[:4], c[4].replace("\n", "")) for c in cells(word_table)]
    if not from_pdf.notes:
        assert pdf_cells == word_cells
        return
    # jingyan's flat table runs onto page 2 and LibreOffice splits a row across the page break: the pages are one
    # table (noted) and the rows wholly above the break agree; the split row shows as two rows.
    (note,) = from_pdf.notes
    match = re.match(r"table 1 continues on page 2 \(rows (\d+)–", note)
    assert match, note
    last = int(match.group(1)) - 2  # the row before the page break is the split one
    assert [c for c in pdf_cells if c[0] + c[2] - 1 <= last] == [c for c in word_cells if c[0] + c[2] - 1 <= last]
