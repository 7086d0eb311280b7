"""Every file perfxl writes, rendered to PDF by LibreOffice and to PNG pages, for people to look at.

The pages land in ``test-artifacts/<output>/page-NN.png`` at the repository
root (git ignores the folder; CI keeps it), next to each output and its PDF.
The tests check that each output renders to pages and the structure behind
what a reviewer should see (row heights, the 校验结果 print setup, the
contents' page numbers), never pixels.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from openpyxl import load_workbook

from perfxl.excel.paint import RESULTS_SHEET
from tests.conftest import SHARED_DOC

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
YEAR = "2022"
# output name → the perfxl command that writes it ({out} is the output, {dir} the work folder)
COMMANDS: dict[str, list[str]] = {
    "blank-template.xlsx": ["new", "-o", "{out}", "--year", YEAR, "--unit-code", "316001", "--unit-name", "魏县人社局"],
    "buttons-template.xlsm": [
        "new", "--excel-macros", "-o", "{out}", "--year", YEAR, "--unit-code", "316001", "--unit-name", "魏县人社局",
    ],
    "imported-example.xlsx": ["import", str(SHARED_DOC), "-o", "{out}"],
    "annotated-example.xlsx": ["validate", "{dir}/imported-example.xlsx", "--annotate", "{out}"],
    "rolled-over-2022.xlsx": ["rollover", "{dir}/imported-example.xlsx", "--year", YEAR, "-o", "{out}"],
    "document.docx": ["render", "{dir}/imported-example.xlsx", "-o", "{out}"],
    "document.pdf": ["render", "{dir}/imported-example.xlsx", "-o", "{out}"],
    "merged-county.xlsx": ["merge", "{dir}/units", "-o", "{out}"],
    "annotated-county.xlsx": ["validate", "{dir}/merged-county.xlsx", "--annotate", "{out}"],
}  # fmt: skip

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow]


def _tool(name: str) -> str:
    exe = shutil.which(name)
    if exe is None:
        pytest.skip(f"{name} (poppler-utils) is not installed")
    return exe


def _perfxl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "perfxl", *args], capture_output=True, text=True, timeout=600)


@cache
def _outputs(soffice: str) -> Path:
    """Write every output into test-artifacts/, convert each to PDF and PNG pages; returns the folder."""
    ARTIFACTS.mkdir(exist_ok=True)
    work = ARTIFACTS / "outputs"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    demo = _perfxl("demo", "-o", str(work / "units"), "--units", "6", "--seed", "1")
    assert demo.returncode == 0, demo.stderr
    for name, command in COMMANDS.items():
        args = [a.replace("{out}", str(work / name)).replace("{dir}", str(work)) for a in command]
        proc = _perfxl(*args)
        assert proc.returncode in (0, 1), f"perfxl {' '.join(args)}: {proc.stderr}"  # validate: 1 = findings
        assert (work / name).is_file(), name
    # One LibreOffice run converts them all (a start of soffice costs seconds on a busy machine).
    sources = [work / name for name in COMMANDS if not name.endswith(".pdf")]
    profile = work / ".lo-profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(work / "pdf"), *map(str, sources)],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    shutil.rmtree(profile, ignore_errors=True)
    shutil.copyfile(work / "document.pdf", work / "pdf" / "document-by-perfxl.pdf")
    for pdf in (work / "pdf").glob("*.pdf"):
        pages = ARTIFACTS / pdf.stem
        shutil.rmtree(pages, ignore_errors=True)
        pages.mkdir()
        subprocess.run([_tool("pdftoppm"), "-r", "60", "-png", str(pdf), str(pages / "page")], check=True, timeout=300)
    return work


def _pdf_text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    pages = [] if first is None else ["-f", str(first), "-l", str(last or first)]
    return subprocess.run(
        [_tool("pdftotext"), *pages, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.parametrize("name", [*(n for n in COMMANDS if not n.endswith(".pdf")), "document-by-perfxl.pdf"])
def test_every_output_renders_to_pages(soffice: str, name: str) -> None:
    work = _outputs(soffice)
    pdf = work / "pdf" / f"{Path(name).stem}.pdf"
    assert pdf.is_file(), f"LibreOffice did not convert {name}"
    pages = sorted((ARTIFACTS / pdf.stem).glob("page-*.png"))
    assert pages and all(p.stat().st_size > 1000 for p in pages)


def test_contents_have_page_numbers_in_perfxls_pdf(soffice: str) -> None:
    pdf = _outputs(soffice) / "pdf" / "document-by-perfxl.pdf"
    toc = _pdf_text(pdf, 1, 2)
    # Each entry ends in its dot leader and page number (a long title wraps first): 2 part titles,
    # 3 sections of part one and the example's 24 project tables = 29.
    numbered = re.findall(r"\.\s*(\d+)\s*$", toc, flags=re.MULTILINE)
    assert len(numbered) == 29, toc
    assert [int(n) for n in numbered] == sorted(int(n) for n in numbered)  # pages in order


def test_results_sheet_prints_landscape_one_page_wide_with_its_header(soffice: str) -> None:
    work = _outputs(soffice)
    for name in ("annotated-example.xlsx", "annotated-county.xlsx"):
        ws = load_workbook(work / name)[RESULTS_SHEET]
        assert ws.page_setup.orientation == "landscape"
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert ws.page_setup.fitToHeight == 0
        assert ws.print_title_rows == "$1:$1"
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref
        assert ws["A1"].font.b and ws["A1"].fill.fgColor.rgb.endswith("DDEBF7")
        # Long messages wrap, their rows tall enough.
        for row in ws.iter_rows(min_row=2):
            if len(str(row[-1].value or "")) > 80:  # more than a line of the 80-wide column
                assert ws.row_dimensions[row[0].row].height, row[0].row


def test_long_text_rows_have_heights(soffice: str) -> None:
    ws = load_workbook(_outputs(soffice) / "imported-example.xlsx")["部门目标"]
    tall = [r for r in range(2, ws.max_row + 1) if len(str(ws.cell(r, 5).value or "")) > 60]
    assert tall and all((ws.row_dimensions[r].height or 0) >= 30 for r in tall)
