"""`perfxl validate --annotate`: a marked-up copy; the input untouched, the user's formatting kept."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from perfxl.check.config import Config
from perfxl.check.engine import validate
from perfxl.core.errors import InputError, OutputError
from perfxl.excel.annotate import write_annotated
from perfxl.excel.live import clear_book
from perfxl.excel.memory import MemoryBook
from perfxl.excel.paint import FILLS, MARKS_SHEET, NOTE_HEAD, RESULTS_SHEET
from perfxl.workbook import read_workbook
from perfxl.workbook.writer import write_workbook
from tests.conftest import make_dataset
from tests.test_rules_base import edit_indicator, edit_project
from tests.test_validate_cli import run


def faulty_book(tmp_path: Path) -> Path:
    """An error at 项目!D3, a warning at 绩效指标!K8, an info at 绩效指标!I6; plus user formatting."""
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


def rgb(color: str) -> str:
    return "FF" + color.lstrip("#")


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
    d3, k8, i6 = wb["项目"]["D3"], wb["绩效指标"]["K8"], wb["绩效指标"]["I6"]
    assert d3.fill.start_color.rgb == rgb(FILLS["error"])
    assert k8.fill.start_color.rgb == rgb(FILLS["warning"])
    assert i6.fill.start_color.rgb == rgb(FILLS["info"])
    assert d3.comment.text.startswith("请财务股核对\n\n" + NOTE_HEAD)  # the user's note kept, ours appended
    assert "不等于预算数 58.05" in d3.comment.text and "(budget-sum)" in d3.comment.text
    assert "指标值确定依据为空" in k8.comment.text
    assert d3.font.italic and wb["项目"]["C2"].font.bold  # the user's formatting survives

    # The same 校验结果 sheet `perfxl excel validate` makes; the copy opens on it.
    assert wb.active.title == RESULTS_SHEET
    assert wb[MARKS_SHEET].sheet_state == "hidden"
    ws = wb[RESULTS_SHEET]
    assert [c.value for c in ws[1]][:2] == ["严重程度", "位置"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1], r[4]) for r in rows] == [
        ("错误", "项目!D3", "budget-sum"),
        ("警告", "绩效指标!K8", "basis-missing"),
        ("提示", "绩效指标!I6", "vague-target"),
    ]
    assert ws["B2"].hyperlink.location == "'项目'!D3"
    assert ws["B3"].hyperlink.location == "'绩效指标'!K8"
    # The copy is still a perfxl workbook with the same data (perfxl's own sheets are ignored).
    assert read_workbook(out).dataset == read_workbook(book).dataset


def test_marks_on_an_annotated_copy_can_be_cleared(tmp_path: Path) -> None:
    book = faulty_book(tmp_path)
    out = tmp_path / "checked.xlsx"
    write_annotated(book, validate(read_workbook(book), config=Config()), out)
    copy = MemoryBook.open(out)
    report = clear_book(copy)  # what `perfxl excel clear` does in Excel
    assert report.cleared == 3 and report.lost == 0
    original = MemoryBook.open(book)
    assert copy.sheet_names() == original.sheet_names()
    for sheet, cell in (("项目", "D3"), ("绩效指标", "K8"), ("绩效指标", "I6")):
        assert copy.get_fill(sheet, cell) == original.get_fill(sheet, cell)
        assert copy.get_note(sheet, cell) == original.get_note(sheet, cell)
    assert copy.get_note("项目", "D3") == "请财务股核对"


def test_annotate_refuses_to_overwrite_the_input(tmp_path: Path) -> None:
    book = faulty_book(tmp_path)
    findings = validate(read_workbook(book), config=Config())
    before = book.read_bytes()
    with pytest.raises(OutputError, match="refusing to overwrite"):
        write_annotated(book, findings, book)
    assert book.read_bytes() == before


def test_annotating_an_annotated_copy_replaces_the_results_sheet(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book = faulty_book(tmp_path)
    findings = validate(read_workbook(book), config=Config())
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_annotated(book, findings, first, lang="en")
    write_annotated(first, findings[:1], second, lang="en")
    wb = load_workbook(second)
    assert wb.sheetnames.count(RESULTS_SHEET) == 1 and wb.sheetnames.count(MARKS_SHEET) == 1
    assert wb[RESULTS_SHEET].max_row == 2
    assert wb[RESULTS_SHEET]["A2"].value == "error"
    # The first round's marks were taken off before the second round painted.
    painted = {(f.sheet, f.cell) for f in findings[:1]}
    for f in findings[1:]:
        if (f.sheet, f.cell) not in painted:
            assert wb[f.sheet][f.cell].comment is None
            assert wb[f.sheet][f.cell].fill.fill_type is None


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    code, name, value, description = '=HYPERLINK("http://x","a")', "@SUM(1,2)", "+1+1", "-2-2"
    ds = make_dataset()
    ds = edit_project(ds, 0, code=code, name=name)
    ds = edit_indicator(ds, 0, 0, sign="定性", value=value, description=description)
    book = write_workbook(ds, tmp_path / "tricky.xlsx")
    findings = validate(read_workbook(book), config=Config())
    assert any(f.project_code == code for f in findings)  # so the project code lands on 校验结果
    out = tmp_path / "annotated.xlsx"
    write_annotated(book, findings, out)

    with zipfile.ZipFile(out) as zf:
        sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        assert len(sheets) == len(load_workbook(book).sheetnames) + 2
        for sheet in sheets:
            assert not re.search(r"<f[ >]", zf.read(sheet).decode()), sheet
    wb = load_workbook(out)
    texts = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert {code, name, value, description} <= texts
    assert code in {c.value for c in wb[RESULTS_SHEET]["F"]}
    assert read_workbook(out).dataset == read_workbook(book).dataset


@pytest.mark.parametrize("damage", ["no-styles", "odd-validation"])
def test_a_file_openpyxl_cannot_open_is_one_line(damage: str, tmp_path: Path) -> None:
    src = write_workbook(make_dataset(), tmp_path / "written.xlsx")
    book = tmp_path / "odd.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if damage == "no-styles" and info.filename == "xl/styles.xml":
                continue
            if damage == "odd-validation" and info.filename.startswith("xl/worksheets/sheet"):
                data = data.replace(b"<dataValidation ", b'<dataValidation perfxlOdd="1" ')
            zout.writestr(info, data)
    read_workbook(book)  # python-calamine reads it; only the annotating step cannot
    out = tmp_path / "annotated.xlsx"
    with pytest.raises(InputError, match="openpyxl cannot open"):
        write_annotated(book, [], out)
    proc = run("validate", book, "--annotate", out)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and str(book) in proc.stderr
    assert "Traceback" not in proc.stderr and not out.exists()


@pytest.mark.libreoffice
def test_libreoffice_opens_the_annotated_copy(soffice: str, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from tests.libreoffice import convert

    book = faulty_book(tmp_path)
    findings = validate(read_workbook(book), config=Config())
    ours = tmp_path / "annotated.xlsx"
    write_annotated(book, findings, ours)
    theirs = convert(soffice, ours, "xlsx", tmp_path / "lo")
    assert read_workbook(theirs).dataset == read_workbook(book).dataset
    wb = load_workbook(theirs)
    assert RESULTS_SHEET in wb.sheetnames
    assert "不等于预算数" in wb["项目"]["D3"].comment.text
    assert wb["项目"]["D3"].fill.start_color.rgb == rgb(FILLS["error"])
    assert sum(len(ws.data_validations.dataValidation) for ws in wb.worksheets) == sum(
        len(ws.data_validations.dataValidation) for ws in load_workbook(book).worksheets
    )


def test_control_characters_in_quoted_values_do_not_break_the_copy(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book = write_workbook(make_dataset(), tmp_path / "ctl.xlsx")
    wb = load_workbook(book)
    # Stored as OOXML's escape for U+0007; readers decode it to a control character.
    wb["绩效指标"]["H2"] = "a_x0007_b"
    wb.save(book)
    findings = validate(read_workbook(book), config=Config())
    assert any(f.cell == "H2" for f in findings)
    write_annotated(book, findings, tmp_path / "out.xlsx")
    assert read_workbook(tmp_path / "out.xlsx").dataset.projects
