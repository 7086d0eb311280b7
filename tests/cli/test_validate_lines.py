"""`perfxl validate` text output as a person sees it: lines when piped or narrow, tables on a wide terminal.

Each test runs the real command in a subprocess; its stdout is a pipe, so rich sees
no terminal unless TTY_COMPATIBLE=1 says otherwise (with COLUMNS for the width).
Expected lines are typed by hand.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from perfxl.cli.common import wide_terminal
from perfxl.workbook.writer import write_workbook
from tests.conftest import make_dataset
from tests.test_rules_base import edit_indicator

P1 = "130434211Y0DO65S99Z10"
P2 = "130434214GIWQV0OPVG49"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
BOX = set("┏┓┗┛┃━│─┡┩╇┳┻┼└┘┌┐")


def run(*args: str | Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("TTY_COMPATIBLE", "FORCE_COLOR", "COLUMNS")}
    return subprocess.run(
        [sys.executable, "-m", "perfxl", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**environ, "NO_COLOR": "1", **env},
    )


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """An error on 绩效指标 rows 4 and 10, a warning on 项目 (a header with a line break in it)."""
    from openpyxl import load_workbook

    path = write_workbook(make_dataset(), tmp_path / "book.xlsx")
    wb = load_workbook(path)
    wb["项目"]["I1"] = "备注\n(科室)"
    wb["绩效指标"]["F10"] = None  # P2's second indicator (rows 8-11 are P2's)
    wb["绩效指标"]["F4"] = None  # P1's third indicator
    wb.save(path)
    return path


def expected_lines(book: Path) -> list[str]:
    # Sheet order of the workbook (项目 before 绩效指标) although the 项目 finding is only a
    # warning; then row order (F4 before F10).  No project for a header finding: "-".
    return [
        f"{book}:项目!I1: 警告 unknown-column - 未知列“备注 (科室)”，其内容不会被读取",
        f"{book}:绩效指标!F4: 错误 required-cell {P1} 必填项“三级指标”为空",
        f"{book}:绩效指标!F10: 错误 required-cell {P2} 必填项“三级指标”为空",
        f"{book}：2 个错误，1 个警告，0 条提示",
    ]


def test_piped_output_is_one_plain_line_per_finding(book: Path) -> None:
    proc = run("validate", book, COLUMNS="250")  # wide, but not a terminal: still lines
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.splitlines() == expected_lines(book)
    assert not BOX & set(proc.stdout) and "\x1b" not in proc.stdout


def test_piped_output_in_english(book: Path) -> None:
    lines = run("validate", book, "--lang", "en").stdout.splitlines()
    assert lines == [
        f"{book}:项目!I1: warning unknown-column - unknown column '备注 (科室)': its contents are not read",
        f"{book}:绩效指标!F4: error required-cell {P1} required cell '三级指标' is empty",
        f"{book}:绩效指标!F10: error required-cell {P2} required cell '三级指标' is empty",
        f"{book}: 2 errors, 1 warnings, 0 info",
    ]


def test_max_rows_caps_lines_per_sheet_with_a_note(book: Path) -> None:
    lines = run("validate", book, "--max-rows", "1").stdout.splitlines()
    assert lines == [
        f"{book}:项目!I1: 警告 unknown-column - 未知列“备注 (科室)”，其内容不会被读取",
        f"{book}:绩效指标!F4: 错误 required-cell {P1} 必填项“三级指标”为空",
        f"{book}:绩效指标: ……另有 1 条未列出（--max-rows 0 列出全部，或用 --format json / --annotate）",
        f"{book}：2 个错误，1 个警告，0 条提示",
    ]


def test_narrow_terminal_gets_the_same_lines_unwrapped(book: Path) -> None:
    proc = run("validate", book, TTY_COMPATIBLE="1", COLUMNS="60")
    assert ANSI.sub("", proc.stdout).splitlines() == expected_lines(book)


def test_wide_terminal_gets_a_table_per_sheet_in_sheet_order(book: Path) -> None:
    proc = run("validate", book, TTY_COMPATIBLE="1", COLUMNS="160")
    out = ANSI.sub("", proc.stdout)
    assert proc.returncode == 1
    lines = out.splitlines()
    assert lines[0] == f"{book} — 项目"
    titles = [line for line in lines if line.startswith(f"{book} — ")]
    assert titles == [f"{book} — 项目", f"{book} — 绩效指标"]
    rows = [[cell.strip() for cell in line.split("│")[1:-1]] for line in lines if line.startswith("│")]
    assert rows == [
        ["警告", "I1", "unknown-column", "", "未知列“备注"],  # a table keeps the header's line break
        ["", "", "", "", "(科室)”，其内容不会被读取"],
        ["错误", "F4", "required-cell", P1, "必填项“三级指标”为空"],
        ["错误", "F10", "required-cell", P2, "必填项“三级指标”为空"],
    ]
    assert lines[-1] == f"{book}：2 个错误，1 个警告，0 条提示"


def test_wide_terminal_is_a_terminal_of_120_columns_or_more() -> None:
    assert wide_terminal(Console(force_terminal=True, width=160))
    assert wide_terminal(Console(force_terminal=True, width=120))
    assert not wide_terminal(Console(force_terminal=True, width=119))
    assert not wide_terminal(Console(file=io.StringIO(), width=200))  # a file is no terminal


def test_satisfaction_given_as_a_word_names_the_value_not_the_unit(tmp_path: Path) -> None:
    # P1's 6th indicator (绩效指标 row 7) is 服务对象满意度指标 ≥ 90 %; make it 定性 是.
    ds = edit_indicator(make_dataset(), 0, 5, sign="定性", value="是", unit=None)
    path = write_workbook(ds, tmp_path / "word.xlsx")
    zh = run("validate", path, "--select", "unit-kind").stdout.splitlines()
    assert zh[0] == f"{path}:绩效指标!I7: 错误 unit-kind {P1} 服务对象满意度指标的指标值应为以%计量的数值，现为“是”"
    en = run("validate", path, "--select", "unit-kind", "--lang", "en").stdout.splitlines()
    assert en[0] == f"{path}:绩效指标!I7: error unit-kind {P1} 服务对象满意度指标 needs a number in %, found '是'"


def test_a_unit_of_the_wrong_kind_still_names_the_unit(tmp_path: Path) -> None:
    ds = edit_indicator(make_dataset(), 0, 5, unit="人")  # 满意度 ≥ 90 人
    path = write_workbook(ds, tmp_path / "unit.xlsx")
    lines = run("validate", path, "--select", "unit-kind").stdout.splitlines()
    assert lines[0] == f"{path}:绩效指标!J7: 错误 unit-kind {P1} 服务对象满意度指标的计量单位应为%，现为“人”"
