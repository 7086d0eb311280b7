"""PDF with a text layer: ruled tables with merged cells → spans; paragraphs with pages; bad PDFs."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfxl.core.errors import InputError
from perfxl.importers.blocks import Paragraph
from perfxl.importers.readers import read_document, read_pdf
from tests.libreoffice import convert
from tests.readers.conftest import cells, tables
from tests.readers.pdf_bytes import NO_TEXT_PDF, pdf_with_page
from tests.readers.test_docx_reader import _small_document


@pytest.fixture(scope="module")
def small_pdf(tmp_path_factory: pytest.TempPathFactory, soffice: str) -> Path:
    folder = tmp_path_factory.mktemp("pdf")
    return convert(soffice, _small_document(folder / "small.docx"), "pdf", folder / "out")


@pytest.mark.libreoffice
def test_merged_cells_become_spans(small_pdf: Path) -> None:
    document = read_pdf(small_pdf)
    assert document.format == "pdf"
    assert document.notes == []
    # The same blocks as the Word original (see test_docx_reader), each on page 1.
    assert [type(b).__name__ for b in document.blocks] == ["Paragraph", "Table", "Paragraph"]
    assert document.blocks[0] == Paragraph("1.主体班绩效目标表", page=1)
    assert document.blocks[2] == Paragraph("注：本表为示例。", page=1)
    (table,) = tables(document)
    assert (table.number, table.page) == (1, 1)
    assert cells(table) == [
        (1, 1, 1, 1, "项目名称"), (1, 2, 1, 3, "主体班"),
        (2, 1, 3, 1, "绩效指标"), (2, 2, 1, 1, "一级指标"), (2, 3, 1, 1, "三级指标"), (2, 4, 1, 1, "指标值"),
        (3, 2, 2, 1, "产出指标"), (3, 3, 1, 1, "培训人次"), (3, 4, 1, 1, "280人次"),
        (4, 3, 1, 1, "完成率\n(按期)"), (4, 4, 1, 1, "100%"),
    ]  # fmt: skip


@pytest.mark.libreoffice
def test_bytes_and_detection(small_pdf: Path) -> None:
    assert read_pdf(small_pdf.read_bytes()).blocks == read_document(small_pdf).blocks


def test_scanned_pdf_without_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(NO_TEXT_PDF)
    with pytest.raises(InputError, match=r"^.*scan\.pdf: no text layer \(scanned PDF\?\)") as info:
        read_document(path)
    assert "\n" not in str(info.value)


def test_text_layer_outside_tables() -> None:
    """A page with text drawn directly (Helvetica, no table) gives one paragraph per line."""
    content = b"BT /F1 12 Tf 20 150 Td (Budget 2022) Tj 0 -20 Td (Page 1) Tj ET"
    data = pdf_with_page(content).replace(
        b"/Resources << >>", b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
    )
    # The replacement shifts later offsets; pdfminer finds objects without the cross-reference table.
    document = read_pdf(data)
    assert document.blocks == [Paragraph("Budget 2022", page=1), Paragraph("Page 1", page=1)]


@pytest.mark.parametrize(
    "data", [b"%PDF-1.4\nnothing else", b"%PDF-1.7\n" + bytes(range(256)) * 4], ids=["truncated", "garbage"]
)
def test_corrupt_pdf_is_one_line(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(data)
    with pytest.raises(InputError, match=r"bad\.pdf: ") as info:
        read_pdf(path)
    assert "\n" not in str(info.value)
