"""PDF through LibreOffice headless, looked at as text, fonts and page images.

The pages of the shared document's PDF are kept as PNG files in
``test-artifacts/render/`` (pdftoppm) for a person to look at.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from perfxl.core.errors import PerfxlError
from perfxl.core.model import Dataset
from perfxl.importers import import_document
from perfxl.render import render
from perfxl.render.pdf import write_pdf
from tests.conftest import SHARED_DOC

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "render"


def _poppler(tool: str) -> str:
    exe = shutil.which(tool)
    if exe is None:
        pytest.skip(f"{tool} (poppler-utils) is not installed")
    return exe


def _pdftotext(pdf: Path, first: int, last: int) -> str:
    args = [_poppler("pdftotext"), "-f", str(first), "-l", str(last), "-layout", str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def _dark_fraction(pgm: Path) -> float:
    """Share of dark pixels in a binary PGM (P5) page image."""
    data = pgm.read_bytes()
    fields = data.split(maxsplit=4)
    assert fields[0] == b"P5"
    width, height = int(fields[1]), int(fields[2])
    pixels = fields[4][: width * height]
    return sum(1 for b in pixels if b < 128) / len(pixels)


@pytest.mark.libreoffice
def test_pdf_of_the_shared_document_renders_chinese(soffice: str) -> None:
    dataset = import_document(SHARED_DOC).dataset
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("page-*"):
        old.unlink()
    pdf = render(dataset, ARTIFACTS / "weixian-2021.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert b"/Outlines" in pdf.read_bytes()  # headings become PDF bookmarks

    text = subprocess.run(
        [_poppler("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    squeezed = "".join(text.split())
    for heading in ("目录", "第一部分", "部门整体绩效目标", "一、总体绩效目标", "第二部分", "预算项目绩效目标"):
        assert heading in squeezed
    for project in dataset.projects:
        assert project.name is not None
        assert "".join(project.name.split()) in squeezed, project.name
    assert "单位：万元" in squeezed and "13307.00" in squeezed

    # The table of contents carries page numbers (LibreOffice updated the TOC field),
    # and they point at the right pages.
    toc = _pdftotext(pdf, 1, 2)
    entry = re.search(r"1\.小额贷款担保基金绩效目标表\s*\.{3,}\s*(\d+)", toc)
    assert entry is not None, toc
    page = int(entry.group(1))
    assert "1.小额贷款担保基金绩效目标表" in _pdftotext(pdf, page, page)
    assert "1.小额贷款担保基金绩效目标表" not in _pdftotext(pdf, page - 1, page - 1)

    # The Chinese is drawn with a real CJK font that is embedded, not boxes.
    fonts = subprocess.run([_poppler("pdffonts"), str(pdf)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line]
    assert cjk and all(" yes " in line for line in cjk), fonts

    subprocess.run(
        [_poppler("pdftoppm"), "-r", "60", "-png", str(pdf), str(ARTIFACTS / "page")], check=True, timeout=120
    )
    pages = sorted(ARTIFACTS.glob("page-*.png"))
    assert len(pages) >= 20  # 24 tables with their indicators run over many pages
    subprocess.run(
        [_poppler("pdftoppm"), "-r", "40", "-gray", "-f", "3", "-l", "3", str(pdf), str(ARTIFACTS / "page-gray")],
        check=True,
        timeout=60,
    )
    gray = next(ARTIFACTS.glob("page-gray*.pgm"))
    assert 0.01 < _dark_fraction(gray) < 0.5  # ink on the page, but not a black page
    gray.unlink()


@pytest.mark.libreoffice
def test_cli_render_pdf_with_unit_filter(soffice: str, tmp_path: Path, sample_dataset: Dataset) -> None:
    from perfxl.workbook.writer import write_workbook

    book = tmp_path / "book.xlsx"
    write_workbook(sample_dataset, book)
    out = tmp_path / "out.pdf"
    proc = subprocess.run(
        [sys.executable, "-m", "perfxl", "render", str(book), "-o", str(out), "--unit", "316001"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.xlsx", "out.pdf"]  # no intermediate left


def test_pdf_without_libreoffice_says_what_to_install(
    tmp_path: Path, sample_dataset: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # a machine where soffice is really absent
    with pytest.raises(PerfxlError, match=r"install it .*libreoffice-writer"):
        write_pdf(sample_dataset, tmp_path / "out.pdf")
    assert not (tmp_path / "out.pdf").exists()


def test_cli_pdf_without_libreoffice_exit_2(tmp_path: Path, sample_dataset: Dataset) -> None:
    from perfxl.workbook.writer import write_workbook

    book = tmp_path / "book.xlsx"
    write_workbook(sample_dataset, book)
    env = {**os.environ, "PATH": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-m", "perfxl", "render", str(book), "-o", str(tmp_path / "out.pdf")],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 2
    assert "needs LibreOffice" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out.pdf").exists()
