"""Reading what people actually type into the standard workbook."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from perfxl.core.model import Dataset
from perfxl.versions.blank import blank_dataset
from perfxl.workbook import UnplacedRow, read_dataset, read_workbook
from perfxl.workbook.writer import write_workbook
from tests.xlsx_helpers import INDICATOR_HEADER, PROJECT_HEADER, standard_sheets, write_book

CODE = "130434211Y0DO65S99Z10"


def test_blank_template_reads_back_empty(tmp_path: Path) -> None:
    path = write_workbook(blank_dataset(2022), tmp_path / "t.xlsx")
    result = read_workbook(path)
    assert result.findings == []
    assert result.dataset == Dataset(year=2022, taxonomy="v2021")


def test_columns_in_any_order_extra_columns_blank_rows_and_spaces(tmp_path: Path) -> None:
    sheets = standard_sheets(
        项目=[
            ["备注", "项目名称", "单位编码", "项目编码", "绩效目标", "预算数", "其他资金", "财政资金", "资金用途"],
            ["随便写", "  小额贷款担保基金 ", 316001, CODE, "目标", "10.00", 0, "１０", "用途"],
            [None, None, None, None, None, None, None, None, None],
            ["", "  ", None, None, None, None, None, None, None],
        ],
    )
    result = read_workbook(write_book(tmp_path / "u.xlsx", sheets))
    [project] = result.dataset.projects
    assert project.name == "小额贷款担保基金"
    assert project.unit_code == "316001"  # a number typed into a code column
    assert project.budget.total == Decimal("10.00") and str(project.budget.total) == "10.00"
    assert project.budget.fiscal == Decimal("10.00")  # full-width digits
    assert str(project.budget.other) == "0.00"
    # A column people added is kept (issue 13): noted once as information, its values in the row's extra.
    [kept] = [f for f in result.findings if f.code == "extra-column"]
    assert (kept.sheet, kept.cell, kept.severity, kept.value) == ("项目", "A1", "info", "备注")
    assert not [f for f in result.findings if f.code == "unknown-column"]
    assert project.extra == {"备注": "随便写"}
    assert result.locations.projects == [2]


def test_percentages_as_text_or_fractions_in_percent_cells(tmp_path: Path) -> None:
    sheets = standard_sheets(
        项目=[
            PROJECT_HEADER,
            ["316001", CODE, "名称", 58.05, 58.05, 0, None, "目标"],
        ],
        支出计划=[["项目编码", "3月底", "6月底", "10月底", "12月底"], [CODE, "25%", 0.5, "７５％", "100.00%"]],
    )
    path = write_book(tmp_path / "p.xlsx", sheets, formats={("支出计划", "C2"): "0.00%"})
    project = read_dataset(path).projects[0]
    assert project.schedule.values() == (Decimal("25.00"), Decimal("50.00"), Decimal("75.00"), Decimal("100.00"))
    assert str(project.budget.total) == "58.05"  # via str(float), never binary noise


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    sheets = standard_sheets(
        项目=[
            PROJECT_HEADER,
            ["316001", CODE, "=100%", 1, 1, 0, "+86 电话", "@全体"],
        ],
        绩效指标=[
            INDICATOR_HEADER,
            ["  " + CODE, 1, "产出指标", "数量指标", "-人数", None, "=", "=100", "%", None],
        ],
    )
    ds = read_dataset(write_book(tmp_path / "f.xlsx", sheets))
    project = ds.projects[0]
    assert (project.name, project.purpose, project.goals) == ("=100%", "+86 电话", "@全体")
    [ind] = project.indicators
    assert (ind.level3, ind.sign, ind.value) == ("-人数", "=", "=100")
    # and they survive our own writer too
    again = read_dataset(write_workbook(ds, tmp_path / "again.xlsx"))
    assert again == ds


def test_missing_sheet_and_column_are_findings_not_crashes(tmp_path: Path) -> None:
    sheets = standard_sheets()
    del sheets["部门目标"]
    sheets["支出计划"] = [["项目编码", "3月底", "6月底", "10月底"]]
    result = read_workbook(write_book(tmp_path / "m.xlsx", sheets))
    codes = {(f.code, f.sheet) for f in result.findings}
    assert ("missing-sheet", "部门目标") in codes
    assert ("missing-column", "支出计划") in codes
    assert [f.ctx["column"] for f in result.findings if f.code == "missing-column"] == ["12月底"]


def test_duplicate_header_and_orphan_indicator_rows(tmp_path: Path) -> None:
    header = [
        "项目编码",
        "序号",
        "一级指标",
        "二级指标",
        "三级指标",
        "绩效指标描述",
        "计算符号",
        "指标值",
        "计量单位",
        "指标值确定依据",
        "指标值",
    ]
    sheets = standard_sheets(
        绩效指标=[header, ["NOPE", 1, "产出指标", "数量指标", "人数", None, "=", "1", "人", None, "x"]]
    )
    result = read_workbook(write_book(tmp_path / "d.xlsx", sheets))
    found = {(f.code, f.cell) for f in result.findings}
    assert ("duplicate-header", "K1") in found
    # The row names no project: a structural fact (validate reports it as orphan-row).
    assert result.facts.unplaced == [UnplacedRow("绩效指标", 2, "NOPE", matches_project=False)]
    assert result.locations.cell("绩效指标", "project_code", 2) == "A2"


def test_conversion_refuses_rows_that_belong_to_no_record(tmp_path: Path) -> None:
    import pytest

    from perfxl.core.errors import InputError

    sheets = standard_sheets(
        项目=[
            PROJECT_HEADER,
            ["316001", CODE, "名称", 1, 1, 0, None, "目标"],
        ],
        支出计划=[
            ["项目编码", "3月底", "6月底", "10月底", "12月底"],
            [CODE, None, None, None, 1],
            [CODE, 0.5, None, None, 1],
        ],
    )
    path = write_book(tmp_path / "dup.xlsx", sheets)
    # Row 3 is the project's second plan row; row 2 holds its plan.
    assert read_workbook(path).facts.unplaced == [UnplacedRow("支出计划", 3, CODE, matches_project=True, first_row=2)]
    with pytest.raises(InputError, match="row 3 belongs to no record") as info:
        read_dataset(path)
    assert (info.value.sheet, info.value.cell) == ("支出计划", "A3")


def test_conversion_refuses_a_renamed_column_that_holds_values(tmp_path: Path) -> None:
    import pytest

    from perfxl.core.errors import InputError

    sheets = standard_sheets(
        项目=[
            ["单位编码", "项目编码", "项目名称", "预算数", "财政资金", "其他资金", "资金用途说明", "绩效目标", "备注"],
            ["316001", CODE, "名称", 1, 1, 0, "用途写在改了名的列里", "目标", None],
        ],
    )
    path = write_book(tmp_path / "renamed.xlsx", sheets)
    with pytest.raises(InputError, match="'资金用途说明' is not part of the standard and holds 1 value") as info:
        read_dataset(path)
    assert (info.value.sheet, info.value.cell) == ("项目", "G1")
    # An empty extra column loses nothing and is only a warning.
    sheets["项目"][0][6] = "资金用途"
    assert read_dataset(write_book(tmp_path / "ok.xlsx", sheets)).projects[0].purpose == "用途写在改了名的列里"


def test_values_outside_the_standard_always_stop_conversions(tmp_path: Path) -> None:
    """A blank-header column, an extra 基本信息 row or a duplicated unit would otherwise vanish."""
    import pytest

    from perfxl.core.errors import InputError

    header = PROJECT_HEADER
    cases = {
        "blank header": (
            standard_sheets(项目=[[*header, None], ["316001", CODE, "名", 1, 1, 0, None, "目标", "重要备注"]]),
            "项目",
            "I1",
        ),
        "info key": (standard_sheets(), "基本信息", "A6"),
        "info column C": (standard_sheets(), "基本信息", "C2"),
        "unit twice": (
            standard_sheets(
                单位=[["单位编码", "单位名称", "上级单位编码"], ["316001", "甲", None], ["316001", "乙", None]]
            ),
            "单位",
            "A3",
        ),
    }
    cases["info key"][0]["基本信息"].append(["联系人", "张三"])
    cases["info column C"][0]["基本信息"][1].append("备注")
    for name, (sheets, sheet, cell) in cases.items():
        path = write_book(tmp_path / f"{name}.xlsx", sheets)
        with pytest.raises(InputError) as info:
            read_dataset(path)
        assert (info.value.sheet, info.value.cell) == (sheet, cell), (name, info.value)
    found = {f.code for f in read_workbook(tmp_path / "blank header.xlsx").findings}
    assert "unknown-column" in found
    assert {f.code for f in read_workbook(tmp_path / "info key.xlsx").findings} == {"unknown-info-key"}


def test_row_with_only_a_sequence_number_is_blank(tmp_path: Path) -> None:
    header = INDICATOR_HEADER
    sheets = standard_sheets(绩效指标=[header, [None, 7, None, None, None, None, None, None, None, None]])
    result = read_workbook(write_book(tmp_path / "seq.xlsx", sheets))
    assert result.facts.unplaced == [] and result.dataset.projects == ()
