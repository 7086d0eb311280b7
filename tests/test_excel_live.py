"""The live-Excel path (values in → engine → paint → clear) through the in-memory backend."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from perfxl.core.errors import InputError
from perfxl.core.model import Dataset
from perfxl.excel.entry import describe_fix, describe_validate
from perfxl.excel.live import clear_book, fix_book, read_book, validate_book
from perfxl.excel.memory import MemoryBook
from perfxl.excel.paint import FILLS, MARKS_SHEET, NOTE_HEAD, RESULTS_SHEET, SheetInTheWay
from perfxl.excel.template import write_macro_template
from perfxl.versions.blank import blank_dataset
from perfxl.workbook import read_workbook
from perfxl.workbook.writer import write_workbook


@pytest.fixture
def book_path(tmp_path: Path, sample_dataset: Dataset) -> Path:
    return write_workbook(sample_dataset, tmp_path / "2021.xlsx")


@pytest.fixture
def book(book_path: Path) -> MemoryBook:
    return MemoryBook.open(book_path)


Sheet = tuple[dict[str, object], dict[str, str], dict[str, str], bool]


def sheet_state(book: MemoryBook, name: str) -> Sheet:
    """(values, fills, notes, hidden) of one sheet, each keyed by A1 reference."""
    ws = book.workbook[name]
    cells = [c for row in ws.iter_rows() for c in row]
    values = {c.coordinate: c.value for c in cells if c.value is not None}
    fills = {c.coordinate: fill for c in cells if (fill := book.get_fill(name, c.coordinate)) is not None}
    return values, fills, book.notes(name), ws.sheet_state != "visible"


def snapshot(book: MemoryBook) -> dict[str, Sheet]:
    return {name: sheet_state(book, name) for name in book.sheet_names()}


def break_book(book: MemoryBook) -> None:
    """Three defects of three severities, in the cells where people make them."""
    book.write_rows("项目", "D2", [[12.5]])  # 预算数 ≠ 财政资金 + 其他资金 → error
    book.write_rows("绩效指标", "K3", [[None]])  # empty 指标值确定依据 → warning
    book.write_rows("绩效指标", "I6", [["明显提高"]])  # 定性 vague target → info


def test_memory_book_reads_like_the_file_reader(book_path: Path, book: MemoryBook) -> None:
    assert read_book(book).dataset == read_workbook(book_path).dataset


def test_clean_workbook_gets_no_marks(book: MemoryBook) -> None:
    before = snapshot(book)
    report = validate_book(book)
    assert report.findings == []
    assert report.painted == 0
    assert book.batches == 1  # all edits of one round in one batch (one screen refresh in Excel)
    assert book.read_grid(RESULTS_SHEET)[1][-1] == "没有发现问题"
    for name, (values, fills, notes, _) in before.items():
        assert sheet_state(book, name)[:3] == (values, fills, notes)


def test_paint_fills_notes_and_results_sheet(book: MemoryBook) -> None:
    break_book(book)
    report = validate_book(book)
    by_cell = {f.location.reference: f for f in report.findings}
    assert by_cell["项目!D2"].code == "budget-sum"
    assert by_cell["绩效指标!K3"].severity == "warning"
    assert by_cell["绩效指标!I6"].severity == "info"

    assert book.get_fill("项目", "D2") == FILLS["error"]
    assert book.get_fill("绩效指标", "K3") == FILLS["warning"]
    assert book.get_fill("绩效指标", "I6") == FILLS["info"]
    note = book.get_note("项目", "D2")
    assert note is not None and note.startswith(NOTE_HEAD)
    assert "12.50" in note and "(budget-sum)" in note

    # One row per finding on 校验结果, each with a link to its cell; the record sheet is hidden.
    grid = book.read_grid(RESULTS_SHEET)
    assert grid[0][:2] == ["严重程度", "位置"]
    assert len(grid) == 1 + len(report.findings)
    links = {book.link(RESULTS_SHEET, f"B{r}") for r in range(2, len(grid) + 1)}
    assert links == {f"'{f.sheet}'!{f.cell}" for f in report.findings}
    assert sheet_state(book, MARKS_SHEET)[3]
    assert not sheet_state(book, RESULTS_SHEET)[3]
    assert report.painted == len({f.location.reference for f in report.findings if f.cell})


def test_clear_restores_the_users_own_fills_and_notes(book: MemoryBook) -> None:
    # The user's own formatting, on cells perfxl is about to paint and on others.
    book.set_fill("项目", "D2", "#00B050")
    book.set_note("项目", "D2", "张三：预算数待财政局确认")
    book.set_note("绩效指标", "K3", "依据见附件")
    book.set_fill("绩效指标", "A5", "#FFFF00")
    break_book(book)
    before = snapshot(book)

    validate_book(book)
    assert book.get_fill("项目", "D2") == FILLS["error"]
    note = book.get_note("项目", "D2")
    assert note is not None and note.startswith("张三：预算数待财政局确认\n\n" + NOTE_HEAD)

    report = clear_book(book)
    assert report.cleared == 3 and report.lost == 0
    assert snapshot(book) == before
    assert book.sheet_names() == list(before)


def test_validating_twice_does_not_stack_marks(book: MemoryBook) -> None:
    book.set_fill("项目", "D2", "#00B050")
    break_book(book)
    before = snapshot(book)
    first = validate_book(book)
    painted = snapshot(book)
    second = validate_book(book)
    assert second.cleared == first.painted
    assert snapshot(book) == painted  # the same marks, not marks on marks
    clear_book(book)
    assert snapshot(book) == before


def test_fixing_a_cell_then_revalidating_unpaints_it(book: MemoryBook) -> None:
    break_book(book)
    before = snapshot(book)
    validate_book(book)
    book.write_rows("项目", "D2", [[10]])  # the user corrects the amount
    report = validate_book(book)
    assert "项目!D2" not in {f.location.reference for f in report.findings}
    assert book.get_fill("项目", "D2") == before["项目"][1].get("D2")
    assert book.get_note("项目", "D2") is None


def test_clear_finds_marks_moved_by_inserted_rows(book: MemoryBook) -> None:
    book.set_note("项目", "D2", "用户批注")
    break_book(book)
    validate_book(book)
    book.insert_rows("项目", 2)  # the painted D2 is now D3
    report = clear_book(book)
    assert report.lost == 0
    assert book.get_note("项目", "D3") == "用户批注"
    assert book.get_fill("项目", "D3") is None


def test_clear_reports_marks_it_cannot_find(book: MemoryBook) -> None:
    break_book(book)
    validate_book(book)
    book.set_note("项目", "D2", "改过的批注")
    book.set_fill("项目", "D2", "#123456")
    report = clear_book(book)
    assert report.lost == 1
    assert book.get_note("项目", "D2") == "改过的批注"  # the user's edit is not undone
    assert book.get_fill("项目", "D2") == "#123456"


def test_users_own_results_sheet_is_never_touched(book: MemoryBook) -> None:
    book.add_sheet(RESULTS_SHEET)
    book.write_rows(RESULTS_SHEET, "A1", [["我的笔记"]])
    break_book(book)
    assert clear_book(book).cleared == 0
    assert book.value(RESULTS_SHEET, "A1") == "我的笔记"
    with pytest.raises(SheetInTheWay, match="校验结果"):
        validate_book(book)
    assert book.value(RESULTS_SHEET, "A1") == "我的笔记"
    assert MARKS_SHEET not in book.sheet_names()
    assert book.get_fill("项目", "D2") is None


def test_text_looking_like_a_formula_survives_the_record(book: MemoryBook) -> None:
    book.set_note("项目", "D2", "=SUM(A1:A3) 是公式吗")
    break_book(book)
    before = snapshot(book)
    validate_book(book)
    clear_book(book)
    assert snapshot(book) == before


def test_unreadable_cell_names_sheet_and_cell(book: MemoryBook) -> None:
    book.write_rows("项目", "C2", [[dt.datetime(2021, 3, 1)]])
    with pytest.raises(InputError) as exc:
        validate_book(book)
    assert "项目" in str(exc.value) and "C2" in str(exc.value)
    assert MARKS_SHEET not in book.sheet_names()


def test_settings_next_to_the_workbook_apply(book_path: Path) -> None:
    (book_path.parent / "perfxl.toml").write_text('ignore = ["basis-missing"]\nlang = "en"\n', encoding="utf-8")
    book = MemoryBook.open(book_path)
    break_book(book)
    report = validate_book(book)
    assert "basis-missing" not in {f.code for f in report.findings}
    assert book.read_grid(RESULTS_SHEET)[0][0] == "severity"


def test_fix_applies_safe_changes_then_paints_the_rest(book: MemoryBook) -> None:
    book.write_rows("绩效指标", "H2", [["＝"]])  # full-width equals → "=" (text, never a formula)
    book.write_rows("绩效指标", "H3", [[None]])
    book.write_rows("绩效指标", "I3", [["≥95%"]])  # a printed value typed into 指标值
    book.write_rows("绩效指标", "J3", [[None]])
    book.write_rows("绩效指标", "F4", [["  贷款发放及时率 "]])
    book.write_rows("项目", "D2", [[12.5]])  # not fixable: stays painted
    report = fix_book(book)

    changed = {(sheet, cell): (old, new) for sheet, cell, old, new in report.changes}
    assert changed[("绩效指标", "H2")] == ("＝", "=")
    assert changed[("绩效指标", "H3")][1] == "≥"
    assert changed[("绩效指标", "I3")] == ("≥95%", "95")
    assert changed[("绩效指标", "J3")][1] == "%"
    assert changed[("绩效指标", "F4")][1] == "贷款发放及时率"
    assert book.value("绩效指标", "H2") == "="
    assert [book.value("绩效指标", c) for c in ("H3", "I3", "J3")] == ["≥", "95", "%"]
    project = read_book(book).dataset.projects[0]
    assert project.indicators[0].sign == "="
    assert project.indicators[1].printed == "≥95%"

    assert {f.location.reference for f in report.findings} == {"项目!D2"}
    assert book.get_fill("项目", "D2") == FILLS["error"]
    clear_book(book)
    assert book.get_fill("项目", "D2") is None
    assert book.value("绩效指标", "I3") == "95"  # clearing marks never undoes a fix


def test_the_manual_test_script_of_docs_excel(tmp_path: Path) -> None:
    """Steps 2–9 of the Windows test script in docs/excel.md, on the macro template, minus Excel."""
    path = write_macro_template(blank_dataset(2022, unit_code="316001", unit_name="测试单位"), tmp_path / "test.xlsm")
    book = MemoryBook.open(path)
    report = validate_book(book)  # step 4
    assert "没有发现问题" in describe_validate(report)
    assert book.read_grid(RESULTS_SHEET)[1][-1] == "没有发现问题"
    clear_book(book)
    assert RESULTS_SHEET not in book.sheet_names()

    code = "130434221Y0DO65S99Z10"  # step 5
    book.write_rows("项目", "A2", [["316001", code, "测试项目", 12.5, 10, 0]])
    book.write_rows("支出计划", "A2", [[code, None, None, None, None, 1.0]])  # 项目名称 (B) left blank
    book.write_rows(
        "绩效指标", "A2", [[code, None, 1, "产出指标", "数量指标", "培训人数", None, None, "≥80人", None, None]]
    )
    book.set_fill("项目", "D2", "#00B050")
    book.set_note("项目", "D2", "我的批注")

    validate_book(book)  # step 6
    assert book.get_fill("项目", "D2") == FILLS["error"]
    note = book.get_note("项目", "D2") or ""
    assert note.startswith("我的批注") and "不等于预算数 12.50" in note
    assert book.get_fill("绩效指标", "I2") == FILLS["error"]
    assert "perfxl fix" in (book.get_note("绩效指标", "I2") or "")
    assert book.get_fill("绩效指标", "K2") == FILLS["warning"]
    assert book.get_fill("项目", "H2") == FILLS["error"]
    assert book.get_fill("项目", "C2") == FILLS["warning"]

    report = fix_book(book)  # step 7
    text = describe_fix(report)
    for line in ("绩效指标!H2:  → ≥", "绩效指标!I2: ≥80人 → 80", "绩效指标!J2:  → 人"):
        assert line in text
    assert book.get_fill("绩效指标", "I2") is None
    assert book.get_fill("项目", "D2") == FILLS["error"]

    book.write_rows("项目", "D2", [[10]])  # step 8
    validate_book(book)
    assert book.get_fill("项目", "D2") == "#00B050"
    assert book.get_note("项目", "D2") == "我的批注"

    clear_book(book)  # step 9
    assert book.get_fill("项目", "D2") == "#00B050"
    assert book.get_note("项目", "D2") == "我的批注"
    assert RESULTS_SHEET not in book.sheet_names() and MARKS_SHEET not in book.sheet_names()
    painted = set(FILLS.values())
    states = snapshot(book).values()
    assert not [ref for _, fills, _, _ in states for ref, fill in fills.items() if fill in painted]
    assert not [ref for _, _, notes, _ in states for ref, note in notes.items() if NOTE_HEAD in note]


def test_workbook_level_findings_are_listed_without_a_link(book: MemoryBook) -> None:
    book.delete_sheet("支出计划")
    report = validate_book(book)
    missing = [f for f in report.findings if f.code == "missing-sheet"]
    assert missing and missing[0].cell is None
    grid = book.read_grid(RESULTS_SHEET)
    row = next(i for i, r in enumerate(grid, start=1) if r[4] == "missing-sheet")
    assert grid[row - 1][2] == "支出计划"
    assert book.link(RESULTS_SHEET, f"B{row}") is None
