"""`perfxl validate --annotate`: a marked-up copy; the input untouched, the user's formatting kept."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from perfxl.config import Config
from perfxl.engine import validate
from perfxl.errors import OutputError
from perfxl.report import FILLS, RESULTS_SHEET, annotate
from perfxl.workbook.reader import read_workbook
from perfxl.workbook.writer import write_workbook
from tests.conftest import make_dataset
from tests.test_rules_base import edit_indicator, edit_project
from tests.test_validate_cli import run


def faulty_book(tmp_path: Path) -> Path:
    """An error at 项目!D3, a warning at 绩效指标!J8, an info at 绩效指标!H6; plus user formatting."""
    from openpyxl import load_workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font

    ds = edit_indicator(make_dataset(), 1, 0, basis=None)
    ds = edit_indicator(ds, 0, 4, level3="服务质量", description="", value="明显提高")
    ds = edit_project(ds, 1, budget=ds.projects[1].budget.model_copy(update={"other": Decimal("8.00")}))
    path = write_workbook(ds, tmp_path / "written.xlsx")
    wb = load_workbook(path)
    wb["项目"]["D3"].font = Font(italic=True)
    wb["项目"]["D3"].comment = Comment("请财务股核对", "张三")
    wb["项目"]["C2"].font = Font(bold=True)
    book = tmp_path / "faulty.xlsx"
    wb.save(book)
    return book


def test_cli_annotates_a_copy(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book = faulty_book(tmp_path)
    before = book.read_bytes()
    out = tmp_path / "checked.xlsx"
    proc = run("validate", book, "--annotate", out)
    assert proc.returncode == 1, proc.stderr
    assert f"wrote {out}" in proc.stdout
    assert book.read_bytes() == before  # the input is never modified

    wb = load_workbook(out)
    d3, j8, h6 = wb["项目"]["D3"], wb["绩效指标"]["J8"], wb["绩效指标"]["H6"]
    assert d3.fill.start_color.rgb.endswith(FILLS["error"])
    assert j8.fill.start_color.rgb.endswith(FILLS["warning"])
    assert h6.fill.start_color.rgb.endswith(FILLS["info"])
    assert d3.comment.text.startswith("请财务股核对")  # the user's note kept, ours appended
    assert "不等于预算数 58.05" in d3.comment.text and "(budget-sum)" in d3.comment.text
    assert "指标值确定依据为空" in j8.comment.text
    assert d3.font.italic and wb["项目"]["C2"].font.bold  # the user's formatting survives

    assert wb.sheetnames[0] == RESULTS_SHEET
    ws = wb[RESULTS_SHEET]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        ("错误", "项目", "D3", "budget-sum"),
        ("警告", "绩效指标", "J8", "basis-missing"),
        ("提示", "绩效指标", "H6", "vague-target"),
    ]
    assert ws["C2"].hyperlink.location == "'项目'!D3"
    assert ws["C3"].hyperlink.location == "'绩效指标'!J8"
    # The copy is still a perfxl workbook with the same data (the extra sheet is ignored).
    assert read_workbook(out).dataset == read_workbook(book).dataset


def test_annotate_refuses_to_overwrite_the_input(tmp_path: Path) -> None:
    book = faulty_book(tmp_path)
    findings = validate(read_workbook(book), config=Config())
    before = book.read_bytes()
    with pytest.raises(OutputError, match="refusing to overwrite"):
        annotate(book, findings, book)
    assert book.read_bytes() == before


def test_annotating_an_annotated_copy_replaces_the_results_sheet(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book = faulty_book(tmp_path)
    findings = validate(read_workbook(book), config=Config())
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    annotate(book, findings, first, lang="en")
    annotate(first, findings[:1], second, lang="en")
    wb = load_workbook(second)
    assert wb.sheetnames.count(RESULTS_SHEET) == 1
    assert wb[RESULTS_SHEET].max_row == 2
    assert wb[RESULTS_SHEET]["A2"].value == "error"


@pytest.mark.libreoffice
def test_libreoffice_opens_the_annotated_copy(soffice: str, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from tests.libreoffice import convert

    book = faulty_book(tmp_path)
    findings = validate(read_workbook(book), config=Config())
    ours = tmp_path / "annotated.xlsx"
    annotate(book, findings, ours)
    theirs = convert(soffice, ours, "xlsx", tmp_path / "lo")
    assert read_workbook(theirs).dataset == read_workbook(book).dataset
    wb = load_workbook(theirs)
    assert wb.sheetnames[0] == RESULTS_SHEET
    assert "不等于预算数" in wb["项目"]["D3"].comment.text
    assert wb["项目"]["D3"].fill.start_color.rgb.endswith(FILLS["error"])
    assert sum(len(ws.data_validations.dataValidation) for ws in wb.worksheets) == sum(
        len(ws.data_validations.dataValidation) for ws in load_workbook(book).worksheets
    )
