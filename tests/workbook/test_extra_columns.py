"""Issue 13, "what a person sees": columns people add are kept end to end; 项目名称 beside 项目编码.

The expected values below are typed by hand, never computed by the code under test.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from perfxl.check.engine import validate as validate_result
from perfxl.check.fix import plan_fixes
from perfxl.cli import app
from perfxl.core.errors import InputError
from perfxl.core.model import Dataset
from perfxl.workbook import read_dataset, read_workbook
from perfxl.workbook.writer import write_workbook
from tests.xlsx_helpers import INDICATOR_HEADER, PROJECT_HEADER, standard_sheets, write_book

CODE_A = "130434211Y0DO65S99Z10"
CODE_A2 = "130434211Y0DO65S99Z11"
CODE_B = "130434211Y0DO65S99Z20"
PLAN_HEADER = ["项目编码", "3月底", "6月底", "10月底", "12月底"]
NOTE = "=先行拨付，后补手续"  # starts with "=": must stay text, never a formula
DESK_1 = "就业服务科"
DESK_2 = "+财务股"
DESK_B = "@综合股"


def _unit_a(path: Path) -> Path:
    """Unit 316001: 备注 on 项目 (one project without a note), 责任科室 on 绩效指标."""
    return write_book(
        path,
        standard_sheets(
            单位=[["单位编码", "单位名称", "上级单位编码"], ["316001", "魏县人力资源和社会保障局本级", None]],
            项目=[
                [*PROJECT_HEADER, "备注"],
                ["316001", CODE_A, "小额贷款担保基金", 10, 10, 0, "担保", "帮助就业创业。", NOTE],
                ["316001", CODE_A2, "就业补助", 5, 5, 0, "补助", "稳定就业。", None],
            ],
            支出计划=[PLAN_HEADER, [CODE_A, None, None, "100%", "100%"], [CODE_A2, None, "50%", "80%", "100%"]],
            绩效指标=[
                [*INDICATOR_HEADER, "责任科室"],
                [CODE_A, 1, "产出指标", "数量指标", "担保贷款发放人数", None, "≥", "80", "人", "政策", DESK_1],
                [CODE_A, 2, "产出指标", "质量指标", "贷款回收率", None, "≥", "95", "%", "政策", DESK_2],
                [CODE_A2, 1, "产出指标", "数量指标", "补助人数", None, "≥", "100", "人", "政策", None],
            ],
        ),
    )


def _unit_b(path: Path) -> Path:
    """Unit 316002: no 备注 on 项目, 责任科室 on 绩效指标."""
    return write_book(
        path,
        standard_sheets(
            单位=[["单位编码", "单位名称", "上级单位编码"], ["316002", "魏县财政局", None]],
            项目=[PROJECT_HEADER, ["316002", CODE_B, "财政信息化", 3, 3, 0, "运维", "系统稳定运行。"]],
            支出计划=[PLAN_HEADER, [CODE_B, None, None, None, "100%"]],
            绩效指标=[
                [*INDICATOR_HEADER, "责任科室"],
                [CODE_B, 1, "产出指标", "数量指标", "运维系统数", None, "=", "3", "个", "合同", DESK_B],
            ],
        ),
    )


def _table(path: Path, sheet: str) -> list[dict[str, tuple[Any, str]]]:
    """A sheet's data rows as {header: (value, data type)} read with openpyxl (what Excel will see)."""
    from openpyxl import load_workbook

    ws = load_workbook(path)[sheet]
    rows = list(ws.iter_rows())
    header = [c.value for c in rows[0]]
    return [{h: (c.value, c.data_type) for h, c in zip(header, row, strict=True) if h} for row in rows[1:]]


def _cli(*args: str) -> None:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output


def _assert_kept(path: Path, *, merged: bool) -> None:
    projects = {r["项目编码"][0]: r for r in _table(path, "项目")}
    assert projects[CODE_A]["备注"] == (NOTE, "s")
    assert projects[CODE_A2]["备注"][0] is None
    indicators = [(r["项目编码"][0], r["序号"][0], r["责任科室"]) for r in _table(path, "绩效指标")]
    expected = [(CODE_A, 1, (DESK_1, "s")), (CODE_A, 2, (DESK_2, "s")), (CODE_A2, 1, (None, "n"))]
    if merged:
        assert projects[CODE_B]["备注"][0] is None  # unit B has no 备注 column: left blank
        expected.append((CODE_B, 1, (DESK_B, "s")))
    assert indicators == expected
    # The kept columns come after the standard ones, in the order first seen.
    from openpyxl import load_workbook

    wb = load_workbook(path)
    assert [c.value for c in wb["项目"][1]][-1] == "备注"
    assert [c.value for c in wb["绩效指标"][1]][-1] == "责任科室"


def test_two_extra_columns_survive_export_build_merge_and_rollover(tmp_path: Path) -> None:
    a = _unit_a(tmp_path / "a.xlsx")
    b = _unit_b(tmp_path / "b.xlsx")

    _cli("export", str(a), "-o", str(tmp_path / "a.json"))
    doc = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert doc["projects"][0]["extra"] == {"备注": NOTE}
    assert "extra" not in doc["projects"][1]
    assert [i.get("extra") for p in doc["projects"] for i in p["indicators"]] == [
        {"责任科室": DESK_1},
        {"责任科室": DESK_2},
        None,
    ]

    _cli("build", str(tmp_path / "a.json"), "-o", str(tmp_path / "a2.xlsx"))
    _assert_kept(tmp_path / "a2.xlsx", merged=False)

    _cli("merge", str(tmp_path / "a2.xlsx"), str(b), "-o", str(tmp_path / "merged.xlsx"))
    _assert_kept(tmp_path / "merged.xlsx", merged=True)

    _cli("rollover", str(tmp_path / "merged.xlsx"), "--year", "2022", "-o", str(tmp_path / "2022.xlsx"))
    _assert_kept(tmp_path / "2022.xlsx", merged=True)
    rolled = read_dataset(tmp_path / "2022.xlsx")
    assert rolled.year == 2022
    assert [p.extra for p in rolled.projects] == [{"备注": NOTE}, {}, {}]
    assert [i.extra for p in rolled.projects for i in p.indicators] == [
        {"责任科室": DESK_1},
        {"责任科室": DESK_2},
        {},
        {"责任科室": DESK_B},
    ]


def test_a_kept_column_is_reported_once_as_info_at_its_header(tmp_path: Path) -> None:
    result = read_workbook(_unit_a(tmp_path / "a.xlsx"))
    findings = validate_result(result)
    kept = sorted((f.code, f.severity, f.sheet, f.cell, f.value) for f in findings if f.code == "extra-column")
    assert kept == [
        ("extra-column", "info", "绩效指标", "K1", "责任科室"),
        ("extra-column", "info", "项目", "I1", "备注"),
    ]
    assert not [f for f in findings if f.code == "unknown-column"]
    assert "其内容会原样保留" in next(f for f in findings if f.code == "extra-column").message("zh")


def test_a_renamed_required_header_is_still_refused(tmp_path: Path) -> None:
    header = ["预算金额" if h == "预算数" else h for h in PROJECT_HEADER]
    path = write_book(
        tmp_path / "r.xlsx",
        standard_sheets(项目=[header, ["316001", CODE_A, "小额贷款担保基金", 10, 10, 0, "担保", "目标"]]),
    )
    result = read_workbook(path)
    pair = sorted((f.code, f.cell, f.value) for f in result.findings if f.code in ("missing-column", "unknown-column"))
    assert pair == [("missing-column", None, "预算数"), ("unknown-column", "D1", "预算金额")]
    assert result.dataset.projects[0].extra == {}  # the money did not slip into extra
    with pytest.raises(InputError) as info:
        read_dataset(path)
    assert (info.value.sheet, info.value.cell) == ("项目", "D1")


def _sample_book(tmp_path: Path, sample_dataset: Dataset) -> Path:
    return write_workbook(sample_dataset, tmp_path / "s.xlsx")


def test_project_name_mismatch_is_a_warning_at_the_cell_and_fix_mends_it(
    tmp_path: Path, sample_dataset: Dataset
) -> None:
    from openpyxl import load_workbook

    path = _sample_book(tmp_path, sample_dataset)
    wb = load_workbook(path)
    assert [c.value for c in wb["绩效指标"][1]][:3] == ["项目编码", "项目名称", "序号"]
    assert [c.value for c in wb["支出计划"][1]][:2] == ["项目编码", "项目名称"]
    assert wb["绩效指标"]["B2"].value == "小额贷款担保基金"
    wb["绩效指标"]["B3"] = "小额担保基金"  # differs from 项目
    wb["绩效指标"]["B2"] = None  # blank: fine
    wb["支出计划"]["B2"] = "别的项目"
    wb.save(path)
    result = read_workbook(path)
    found = [(f.code, f.severity, f.sheet, f.cell, f.value) for f in validate_result(result) if "name" in f.code]
    assert found == [
        ("project-name-mismatch", "warning", "支出计划", "B2", "别的项目"),
        ("project-name-mismatch", "warning", "绩效指标", "B3", "小额担保基金"),
    ]
    assert result.dataset == sample_dataset  # the name is read from 项目 only
    changes = {(c.sheet, c.cell): c.new for c in plan_fixes(result)}
    assert changes == {
        ("支出计划", "B2"): "小额贷款担保基金",
        ("绩效指标", "B2"): "小额贷款担保基金",
        ("绩效指标", "B3"): "小额贷款担保基金",
    }


def test_a_workbook_without_the_name_columns_gives_no_finding_about_them(tmp_path: Path) -> None:
    path = _unit_b(tmp_path / "b.xlsx")
    result = read_workbook(path)
    findings = validate_result(result)
    about_names = [
        f
        for f in findings
        if f.sheet in ("支出计划", "绩效指标")
        and ("项目名称" in str(f.ctx) or f.code in ("missing-column", "project-name-mismatch"))
    ]
    assert about_names == []
    assert result.locations.column("绩效指标", "level1") == "C"  # columns keep their letters
    assert read_dataset(path).projects[0].name == "财政信息化"
