"""Stage records belong to the first project of a code: a repeated 项目编码 gets none the second time.

(What the Dataset's attach_stages did; the stage rules now read the columns and must do the same.)
Stage-sheet letters: 绩效自评-项目 E 年初预算数, F 全年预算数, G 全年执行数.
"""

from __future__ import annotations

from pathlib import Path

from perfxl.check.engine import validate
from perfxl.core.findings import Finding
from perfxl.workbook import read_workbook
from tests.year.test_refresh import openpyxl_book
from tests.year.test_score_workbook import evaluated_book


def findings_of(book: Path, code: str) -> list[Finding]:
    return [f for f in validate(read_workbook(book)) if f.code == code]


def test_a_repeated_code_is_scored_once_on_its_first_row(tmp_path: Path) -> None:
    book = evaluated_book(tmp_path)
    wb = openpyxl_book(book)
    projects = wb["项目"]
    # P2 again on row 4, with 预算数 50 (and 财政资金 50, 其他资金 0) instead of 58.05
    projects.append([c.value for c in projects[3]])
    projects["D4"], projects["E4"], projects["F4"] = 50, 50, 0
    proj = wb["绩效自评-项目"]
    proj["E3"], proj["F3"], proj["G3"] = None, None, 60  # P2: no budget on the sheet → 预算数 of 项目
    wb.save(book)
    # One finding, against the first row's 58.05: 60 / 58.05 = 1.03359… → 103.36 %
    # (the repeat's 50 would give 120.00 %, and a second finding at the same cell).
    found = findings_of(book, "evaluation-over-budget")
    assert [(f.cell, f.ctx["budget"], f.ctx["rate"]) for f in found] == [("G3", "58.05", "103.36")]
