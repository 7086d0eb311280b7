"""Each structural fact is found once (while reading) and told the same way by validate and the gate."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfxl.check.config import Config
from perfxl.check.engine import validate
from perfxl.check.messages import message
from perfxl.core.errors import InputError
from perfxl.core.findings import Finding
from perfxl.workbook import conversion_problems, read_dataset, read_workbook
from tests.xlsx_helpers import INDICATOR_HEADER, PROJECT_HEADER, standard_sheets, write_book

P1 = "130434211Y0DO65S99Z10"
P2 = "130434211Y0DO65S99Z20"
TYPO = "130434211Y0DO65S99Z11"
PLAN = ["项目编码", "3月底", "6月底", "10月底", "12月底"]


def _book(tmp_path: Path) -> Path:
    """One project, one indicator row naming a typo'd code (row 3), a second plan row (row 3)."""
    sheets = standard_sheets(
        单位=[["单位编码", "单位名称", "上级单位编码"], ["316001", "甲", None]],
        项目=[PROJECT_HEADER, ["316001", P1, "名称", 1, 1, 0, "用途", "目标"]],
        支出计划=[PLAN, [P1, None, None, None, 1], [P1, 0.5, None, None, 1]],
        绩效指标=[
            INDICATOR_HEADER,
            [P1, 1, "产出指标", "数量指标", "人数", None, "=", "1", "人", None],
            [TYPO, 1, "产出指标", "数量指标", "人数", None, "=", "1", "人", None],
        ],
    )
    return write_book(tmp_path / "facts.xlsx", sheets)


def _found(findings: list[Finding], code: str) -> list[tuple[str | None, int | None, str | None]]:
    return [(f.sheet, f.row, f.cell) for f in findings if f.code == code]


def test_an_orphan_row_is_the_same_fact_for_validate_and_the_gate(tmp_path: Path) -> None:
    result = read_workbook(_book(tmp_path))
    findings = validate(result, config=Config())
    # 绩效指标 row 3 names TYPO, which 项目 lacks; its 项目编码 sits in column A.
    assert _found(findings, "orphan-row") == [("绩效指标", 3, "A3")]
    # 支出计划 row 3 is P1's second plan row (row 2 holds the plan).
    assert _found(findings, "duplicate-schedule") == [("支出计划", 3, "A3")]
    problems = conversion_problems(result)
    orphan = [p for p in problems if "belongs to no project" in p.reason]
    assert [(p.sheet, p.cell) for p in orphan] == [("绩效指标", "A3")]
    assert orphan[0].reason == message(next(f for f in findings if f.code == "orphan-row"), "en")
    # The summary of rows that belong to no record counts both facts (plan row first).
    [summary] = [p for p in problems if "belongs to no record" in p.reason]
    assert (summary.sheet, summary.cell) == ("支出计划", "A3")
    assert (
        summary.reason == f"row 3 belongs to no record: project '{P1}' already has a row here (and 1 more such row(s))"
    )
    with pytest.raises(InputError) as info:
        read_dataset(tmp_path / "facts.xlsx")
    assert (info.value.sheet, info.value.cell) == ("绩效指标", "A3")
    assert info.value.reason.endswith("nothing was converted (+1 more problem(s))")


def test_a_repeated_project_code_is_the_same_fact_for_validate_and_the_gate(tmp_path: Path) -> None:
    sheets = standard_sheets(
        项目=[
            PROJECT_HEADER,
            ["316001", P1, "甲", 1, 1, 0, None, "目标"],
            ["316001", P2, "乙", 1, 1, 0, None, "目标"],
            ["316001", P1, "丙", 1, 1, 0, None, "目标"],
        ]
    )
    result = read_workbook(write_book(tmp_path / "dup.xlsx", sheets))
    [fact] = result.facts.repeated_project_codes
    assert (fact.row, fact.code, fact.first_row) == (4, P1, 2)
    findings = validate(result, config=Config(select=frozenset({"duplicate-project-code"})))
    # 项目编码 is the second column (B): the repeat on row 4 is B4.
    assert _found(findings, "duplicate-project-code") == [("项目", 4, "B4")]
    assert message(findings[0], "en") == f"project code '{P1}' is used twice (first on row 2)"
    [problem] = [p for p in conversion_problems(result) if "appears twice" in p.reason]
    assert (problem.sheet, problem.cell) == ("项目", "B4")
    assert problem.reason == f"project code '{P1}' appears twice (rows 2 and 4)"


def test_a_repeated_sequence_number_is_read_from_the_cells_once(tmp_path: Path) -> None:
    sheets = standard_sheets(
        项目=[PROJECT_HEADER, ["316001", P1, "名称", 1, 1, 0, None, "目标"]],
        绩效指标=[
            INDICATOR_HEADER,
            [P1, 1, "产出指标", "数量指标", "人数", None, "=", "1", "人", None],
            [P1, "1", "产出指标", "数量指标", "次数", None, "=", "2", "次", None],  # 1 typed as text
        ],
    )
    result = read_workbook(write_book(tmp_path / "seq.xlsx", sheets))
    [fact] = result.facts.repeated_seqs
    assert (fact.row, fact.code, fact.seq, fact.first_row) == (3, P1, "1", 2)
    findings = validate(result, config=Config(select=frozenset({"duplicate-seq"})))
    assert [(f.cell, f.project_code) for f in findings] == [("B3", P1)]


def test_reader_findings_take_their_messages_from_the_structure_rules(tmp_path: Path) -> None:
    sheets = standard_sheets()
    del sheets["部门目标"]
    result = read_workbook(write_book(tmp_path / "m.xlsx", sheets))
    [raw] = [f for f in result.findings if f.code == "missing-sheet"]
    assert raw.templates is None  # the reader knows no messages
    assert message(raw, "zh") == "缺少工作表“部门目标”"
    [passed_on] = [f for f in validate(result, config=Config()) if f.code == "missing-sheet"]
    assert passed_on.message("en") == "sheet '部门目标' is missing"
