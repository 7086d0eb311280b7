"""Structure, required cells, code formats, uniqueness and references."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from perfxl.check.config import Config
from perfxl.check.engine import validate
from perfxl.core.findings import Finding
from perfxl.core.model import DepartmentGoal, Unit
from perfxl.workbook import read_workbook
from perfxl.workbook.writer import write_workbook
from tests.conftest import make_dataset
from tests.test_rules_base import check, edit_indicator, edit_project, where

P1 = "130434211Y0DO65S99Z10"
P2 = "130434214GIWQV0OPVG49"


def edited_book(tmp_path: Path, edit: Any, *codes: str) -> list[Finding]:
    """Write the clean fixture, change it with openpyxl as a person would, validate."""
    from openpyxl import load_workbook

    path = write_workbook(make_dataset(), tmp_path / "clean.xlsx")
    wb = load_workbook(path)
    edit(wb)
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    return validate(read_workbook(edited), config=Config(select=frozenset(codes)))


def test_missing_sheet(tmp_path: Path) -> None:
    findings = edited_book(tmp_path, lambda wb: wb.remove(wb["支出计划"]), "missing-sheet", "missing-schedule")
    assert where(findings) == [("missing-sheet", "支出计划", None)]  # and no missing-schedule per project


def test_missing_column_and_duplicate_header_and_unknown_column(tmp_path: Path) -> None:
    def edit(wb: Any) -> None:
        wb["项目"]["D1"] = "预算金额"
        wb["绩效指标"]["L1"] = "指标值"
        wb["单位"]["D1"] = "备注"

    findings = edited_book(tmp_path, edit, "missing-column", "duplicate-header", "unknown-column")
    assert sorted(where(findings)) == [
        ("duplicate-header", "绩效指标", "L1"),
        ("missing-column", "项目", None),
        ("unknown-column", "单位", "D1"),
        ("unknown-column", "项目", "D1"),
    ]
    severity = {f.code: f.severity for f in findings}
    assert severity == {"duplicate-header": "error", "missing-column": "error", "unknown-column": "warning"}
    missing = next(f for f in findings if f.code == "missing-column")
    assert missing.message("zh") == "工作表“项目”缺少列“预算数”"


def test_required_cells(tmp_path: Path) -> None:
    ds = edit_indicator(make_dataset(), 0, 2, level3=None)
    ds = edit_indicator(ds, 1, 0, sign=None, value=None)
    ds = edit_project(ds, 1, goals=None, budget=ds.projects[1].budget.model_copy(update={"total": None}))
    ds = ds.model_copy(update={"units": (*ds.units, Unit(code="316002", name=None))})
    findings = check(ds, tmp_path, "required-cell")
    assert sorted(where(findings)) == [
        ("required-cell", "单位", "B3"),
        ("required-cell", "绩效指标", "F4"),  # 三级指标 of project 1's third indicator
        ("required-cell", "绩效指标", "H8"),  # sign and value both empty
        ("required-cell", "绩效指标", "I8"),
        ("required-cell", "项目", "D3"),
        ("required-cell", "项目", "H3"),
    ]
    f4 = next(f for f in findings if f.cell == "F4")
    assert f4.message("zh") == "必填项“三级指标”为空" and f4.project_code == P1


def test_unit_code_and_project_code_formats(tmp_path: Path) -> None:
    ds = make_dataset()
    ds = ds.model_copy(update={"units": (Unit(code="316OO1", name="人社局"),)})
    ds = edit_project(ds, 0, code="130434211y0do65s99z1", unit_code="316001")
    ds = edit_project(ds, 1, code="130435214GIWQV0OPVG49")
    findings = check(ds, tmp_path, "unit-code-format", "project-code-format")
    assert sorted(where(findings)) == [
        ("project-code-format", "项目", "B2"),
        ("project-code-format", "项目", "B3"),
        ("unit-code-format", "单位", "A2"),
    ]
    b2 = next(f for f in findings if f.cell == "B2")
    assert "21" in b2.message("en") and "found 20" in b2.message("en")
    b3 = next(f for f in findings if f.cell == "B3")
    assert "130434" in b3.message("zh")


def test_placeholder_codes_are_a_warning_not_a_format_error(tmp_path: Path) -> None:
    unit, project = "待补-0123456789", "待补-ABCDEF0123"
    ds = make_dataset()
    ds = ds.model_copy(update={"units": (*ds.units, Unit(code=unit, name="东莞市交通运输局"))})
    ds = edit_project(ds, 1, code=project, unit_code=unit)
    findings = check(ds, tmp_path, "unit-code-format", "project-code-format", "placeholder-code")
    # 单位 row 3 = the second unit; 项目 row 3 = the second project (A = 单位编码, B = 项目编码).
    assert sorted(where(findings)) == [
        ("placeholder-code", "单位", "A3"),
        ("placeholder-code", "项目", "A3"),
        ("placeholder-code", "项目", "B3"),
    ]
    assert {f.severity for f in findings} == {"warning"}
    b3 = next(f for f in findings if f.cell == "B3")
    assert b3.value == project and b3.project_code == project
    assert b3.message("zh") == "项目编码“待补-ABCDEF0123”是导入时生成的临时编码，请填写正式编码"
    assert (
        b3.message("en") == "project code '待补-ABCDEF0123' is a placeholder made up on import; fill in the real code"
    )


def test_project_code_year_is_a_warning(tmp_path: Path) -> None:
    ds = edit_project(make_dataset(), 1, code="130434204GIWQV0OPVG49")
    (f,) = check(ds, tmp_path, "project-code-year")
    assert (f.severity, f.cell, f.ctx["part"]) == ("warning", "B3", "20")


def test_unknown_part(tmp_path: Path) -> None:
    ds = make_dataset()
    ds = ds.model_copy(
        update={
            "department_goals": (
                *ds.department_goals,
                DepartmentGoal(unit_code="316001", part="分项目标", number="2.", title="t", text="x"),
            )
        }
    )
    assert where(check(ds, tmp_path, "unknown-part")) == [("unknown-part", "部门目标", "B4")]


def test_duplicate_project_code_and_missing_children(tmp_path: Path) -> None:
    ds = edit_project(make_dataset(), 1, code=P1)
    findings = check(
        ds,
        tmp_path,
        "duplicate-project-code",
        "missing-schedule",
        "missing-indicators",
        "duplicate-schedule",
        "orphan-row",
    )
    # The second P1 is the duplicate; its plan and indicator rows now belong to P1 twice.
    assert sorted(where(findings)) == [
        ("duplicate-project-code", "项目", "B3"),
        ("duplicate-schedule", "支出计划", "A3"),
    ]


def test_duplicate_unit_code(tmp_path: Path) -> None:
    ds = make_dataset()
    ds = ds.model_copy(update={"units": (*ds.units, Unit(code="316001", name="重复"))})
    (f,) = check(ds, tmp_path, "duplicate-unit-code")
    assert (f.cell, f.value, f.ctx["first"]) == ("A3", "316001", 2)


def test_duplicate_seq_and_orphans_from_raw_cells(tmp_path: Path) -> None:
    def edit(wb: Any) -> None:
        wb["绩效指标"]["C3"] = 1  # project 1 now has 序号 1 twice
        wb["绩效指标"]["A9"] = "130434211Y0DO65S99Z11"  # a typo: no such project
        wb["支出计划"]["A4"] = "130434214GIWQV0OPVG40"
        wb["支出计划"]["F4"] = 1

    findings = edited_book(tmp_path, edit, "duplicate-seq", "orphan-row", "orphan-schedule")
    assert sorted(where(findings)) == [
        ("duplicate-seq", "绩效指标", "C3"),
        ("orphan-row", "绩效指标", "A9"),
        ("orphan-schedule", "支出计划", "A4"),
    ]


def test_unknown_unit_missing_schedule_missing_indicators(tmp_path: Path) -> None:
    ds = edit_project(make_dataset(), 1, unit_code="316010", indicators=())
    findings = check(ds, tmp_path, "unknown-unit", "missing-indicators")
    assert sorted(where(findings)) == [("missing-indicators", "项目", "B3"), ("unknown-unit", "项目", "A3")]

    def drop_plan(wb: Any) -> None:
        wb["支出计划"].delete_rows(3)

    assert where(edited_book(tmp_path, drop_plan, "missing-schedule")) == [("missing-schedule", "项目", "B3")]


def test_orphans_and_repeated_seq_name_their_cells_and_values(tmp_path: Path) -> None:
    def edit(wb: Any) -> None:
        ws = wb["绩效指标"]
        ws.insert_cols(1)  # a column people added in front: 项目编码 is now B
        ws["A1"] = "备注"
        ws["D3"] = 1  # project 1 has 序号 1 twice (序号 moved from C to D)
        ws["B9"] = "130434211Y0DO65S99Z11"  # a typo: no such project

    findings = {f.code: f for f in edited_book(tmp_path, edit, "duplicate-seq", "orphan-row")}
    orphan, seq = findings["orphan-row"], findings["duplicate-seq"]
    assert (orphan.cell, orphan.value) == ("B9", "130434211Y0DO65S99Z11")
    assert (seq.cell, seq.value, seq.ctx["first"], seq.ctx["project"]) == ("D3", "1", 2, "130434211Y0DO65S99Z10")
    assert seq.project_code == "130434211Y0DO65S99Z10"
