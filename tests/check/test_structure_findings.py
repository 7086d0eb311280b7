"""Structural problems give one finding each (issue 13): the clean example, broken as people break it.

Each workbook is the clean fixture written by perfxl and then edited with openpyxl
(a sheet renamed, a title row typed above the header, a header renamed …).  The
expected findings and lines are typed by hand; the clean fixture has none of its own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from perfxl.check.config import Config
from perfxl.check.engine import validate
from perfxl.core.errors import InputError
from perfxl.workbook import conversion_problems, read_workbook
from perfxl.workbook.writer import write_workbook
from tests.conftest import make_dataset


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TTY_COMPATIBLE", "FORCE_COLOR")}
    return subprocess.run(
        [sys.executable, "-m", "perfxl", *map(str, args)], capture_output=True, text=True, timeout=120, env=env
    )


def broken(tmp_path: Path, edit: Callable[[Any], None]) -> Path:
    path = write_workbook(make_dataset(), tmp_path / "book.xlsx")
    wb = load_workbook(path)
    edit(wb)
    wb.save(path)
    return path


def found(path: Path) -> list[tuple[str, str | None, str | None]]:
    """(code, sheet, cell) of every finding of every rule."""
    return [(f.code, f.sheet, f.cell) for f in validate(read_workbook(path), config=Config())]


def title_row(sheet: str) -> Callable[[Any], None]:
    def edit(wb: Any) -> None:
        wb[sheet].insert_rows(1)
        wb[sheet]["A1"] = "2021年项目支出绩效目标表"

    return edit


def test_a_file_with_no_standard_sheet_is_one_line_and_exit_2(tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.title = "Sheet1"
    wb.active["A1"] = "姓名"
    wb.create_sheet("数据")
    path = tmp_path / "other.xlsx"
    wb.save(path)
    proc = run("validate", path)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == f"perfxl: {path}: not a perfxl workbook; sheets found: Sheet1, 数据\n"
    with pytest.raises(InputError, match="not a perfxl workbook; sheets found: Sheet1, 数据"):
        read_workbook(path)
    proc = run("validate", path, "--format", "json")
    assert proc.returncode == 2
    [entry] = json.loads(proc.stdout)["files"]
    assert entry["error"] == f"{path}: not a perfxl workbook; sheets found: Sheet1, 数据"


def test_a_renamed_sheet_is_named_and_its_rows_are_not_orphans(tmp_path: Path) -> None:
    path = broken(tmp_path, lambda wb: setattr(wb["项目"], "title", "项目表"))
    # One finding: not the 10 绩效指标 rows and 2 支出计划 rows that name no project in 项目.
    assert found(path) == [("renamed-sheet", "项目", None)]
    proc = run("validate", path)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        f"{path}:项目: 错误 renamed-sheet - 缺少工作表“项目”；工作表“项目表”有它的列，是否改了名？",
        f"{path}：1 个错误，0 个警告，0 条提示",
    ]
    assert run("validate", path, "--lang", "en").stdout.splitlines()[0] == (
        f"{path}:项目: error renamed-sheet - sheet '项目' is missing; sheet '项目表' has its columns — renamed?"
    )
    proc = run("export", path, "-o", tmp_path / "out.json")
    assert proc.returncode == 2 and not (tmp_path / "out.json").exists()
    assert proc.stderr == (
        f"perfxl: {path}: 项目: sheet '项目' is missing; sheet '项目表' has its columns — renamed?; nothing was converted\n"
    )


def test_a_renamed_info_sheet_is_named_by_its_keys(tmp_path: Path) -> None:
    path = broken(tmp_path, lambda wb: setattr(wb["基本信息"], "title", "Info"))
    assert ("renamed-sheet", "基本信息", None) in found(path)
    [finding] = [f for f in validate(read_workbook(path), config=Config()) if f.code == "renamed-sheet"]
    assert finding.value == "Info"


def test_a_deleted_projects_sheet_is_one_finding(tmp_path: Path) -> None:
    path = broken(tmp_path, lambda wb: wb.remove(wb["项目"]))
    assert found(path) == [("missing-sheet", "项目", None)]


def test_a_title_row_above_the_header_is_one_finding(tmp_path: Path) -> None:
    path = broken(tmp_path, title_row("项目"))
    # Not 8 missing-column + 8 unknown-column findings, nor 12 orphan rows.
    assert found(path) == [("header-row", "项目", "A2")]
    proc = run("validate", path)
    assert proc.stdout.splitlines() == [
        f"{path}:项目!A2: 错误 header-row - 表头在第 2 行，应在第 1 行：删去其上方的行",
        f"{path}：1 个错误，0 个警告，0 条提示",
    ]
    proc = run("export", path, "-o", tmp_path / "out.json")
    assert proc.returncode == 2
    assert proc.stderr == (
        f"perfxl: {path}: 项目: A2: the header is on row 2, not row 1: delete the rows above it; nothing was converted\n"
    )


def test_a_title_row_on_the_indicator_sheet_is_one_finding(tmp_path: Path) -> None:
    path = broken(tmp_path, title_row("绩效指标"))
    # Not missing-indicators for both projects: the sheet was not read.
    assert found(path) == [("header-row", "绩效指标", "A2")]


def test_a_renamed_header_is_one_missing_unknown_pair_and_no_required_cells(tmp_path: Path) -> None:
    path = broken(tmp_path, lambda wb: wb["项目"].__setitem__("D1", "预算金额"))
    # Not also a required-cell (without a cell) for the 预算数 of each of the 2 projects.
    assert found(path) == [("missing-column", "项目", None), ("unknown-column", "项目", "D1")]
    assert run("validate", path).stdout.splitlines() == [
        f"{path}:项目: 错误 missing-column - 工作表“项目”缺少列“预算数”",
        f"{path}:项目!D1: 警告 unknown-column - 未知列“预算金额”，其内容不会被读取",
        f"{path}：1 个错误，1 个警告，0 条提示",
    ]


def test_without_a_project_code_column_rows_are_not_orphans_but_conversion_stops(tmp_path: Path) -> None:
    path = broken(tmp_path, lambda wb: wb["绩效指标"].delete_cols(1))
    assert found(path) == [("missing-column", "绩效指标", None)]
    [problem] = conversion_problems(read_workbook(path))
    assert (problem.sheet, problem.reason) == ("绩效指标", "column '项目编码' is missing; no row can be placed")


def test_a_project_sheet_without_codes_gives_no_required_cell_per_project(tmp_path: Path) -> None:
    path = broken(tmp_path, lambda wb: wb["项目"].delete_cols(2))
    assert found(path) == [("missing-column", "项目", None)]
