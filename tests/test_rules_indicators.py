"""Taxonomy, values, units, percentages, copy-paste and vague targets (sheet 绩效指标).

Project 1's indicators sit on rows 2-7, project 2's on rows 8-11; columns B 项目名称, D 一级,
E 二级, F 三级, H 计算符号, I 指标值, J 计量单位, K 指标值确定依据.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from perfxl.check.config import Config
from tests.conftest import make_dataset
from tests.test_rules_base import add_indicator, check, edit_indicator, edit_project, where
from tests.test_rules_structure import edited_book
from tests.test_values import TYPED_VALUES

IND = "绩效指标"


def one(tmp_path: Path, code: str, project: int, index: int, **changes: Any) -> list[tuple[str, str | None]]:
    findings = check(edit_indicator(make_dataset(), project, index, **changes), tmp_path, code)
    assert all(f.sheet in (IND, "项目") for f in findings)
    return [(f.code, f.cell) for f in findings]


# --- taxonomy ---------------------------------------------------------------------------


def test_unknown_level1_and_level2(tmp_path: Path) -> None:
    assert one(tmp_path, "unknown-level1", 0, 0, level1="产出目标") == [("unknown-level1", "D2")]
    assert one(tmp_path, "unknown-level2", 0, 0, level2="数目指标") == [("unknown-level2", "E2")]


def test_aliases_are_accepted(tmp_path: Path) -> None:
    ds = edit_indicator(make_dataset(), 1, 2, level2="环境效益指标")
    ds = edit_indicator(ds, 1, 3, level2="社会公众或服务对象满意度指标")
    assert check(ds, tmp_path, config=Config()) == []


def test_level2_under_the_wrong_level1(tmp_path: Path) -> None:
    findings = check(edit_indicator(make_dataset(), 0, 0, level1="效益指标"), tmp_path, "level2-wrong-parent")
    (f,) = findings
    assert (f.cell, f.message("zh")) == ("E2", "二级指标“数量指标”应归属一级指标“产出指标”，而不是“效益指标”")


def test_v2021_cost_as_level2_is_unknown_and_sustainability_deprecated(tmp_path: Path) -> None:
    ds = make_dataset().model_copy(update={"taxonomy": "v2021"})
    ds = edit_indicator(ds, 0, 4, level2="可持续影响指标")
    findings = check(ds, tmp_path, "unknown-level2", "deprecated-level2")
    assert sorted(where(findings)) == [
        ("deprecated-level2", IND, "E6"),
        ("unknown-level2", IND, "E5"),  # 成本指标 is a 一级 in v2021
        ("unknown-level2", IND, "E9"),
    ]


def test_every_project_covers_each_level1_with_configurable_severity(tmp_path: Path) -> None:
    ds = make_dataset()
    p = ds.projects[1]
    ds = edit_project(ds, 1, indicators=tuple(i for i in p.indicators if i.level1 != "满意度指标"))
    (f,) = check(ds, tmp_path, "missing-level1")
    assert (f.severity, f.sheet, f.cell, f.ctx["level1"]) == ("warning", "项目", "C3", "满意度指标")
    (g,) = check(
        ds, tmp_path, config=Config(select=frozenset({"missing-level1"}), severity={"missing-level1": "error"})
    )
    assert g.severity == "error"


def test_unknown_taxonomy_version(tmp_path: Path) -> None:
    def edit(wb: Any) -> None:
        ws = wb["基本信息"]
        (row,) = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "指标体系版本"]
        ws.cell(row, 2).value = "v2019"

    (f,) = edited_book(tmp_path, edit, "unknown-taxonomy", "unknown-level2")
    assert (f.sheet, f.value, f.ctx["used"]) == ("基本信息", "v2019", "v2015")  # checked as the year's default
    assert f.cell is not None and f.cell.startswith("B")
    assert (
        f.message("zh") == "指标体系版本“v2019”未知（可用：v2015, v2021），按默认版本 v2015 校验"
    )  # lists the versions


def test_satisfaction_outside_its_level1(tmp_path: Path) -> None:
    ds = add_indicator(make_dataset(), 0, level1="效益指标", level2="社会效益指标", level3="群众满意度")
    assert where(check(ds, tmp_path, "satisfaction-misfiled")) == [("satisfaction-misfiled", IND, "D8")]


# --- values -----------------------------------------------------------------------------


def test_printed_value_with_empty_sign(tmp_path: Path) -> None:
    findings = check(
        edit_indicator(make_dataset(), 0, 1, sign=None, value="≥95%", unit=None), tmp_path, "value-not-split"
    )
    (f,) = findings
    assert f.cell == "I3"
    assert f.message("zh").startswith("计算符号为空，指标值“≥95%”应拆分为 计算符号“≥”、指标值“95”、计量单位“%”")


@pytest.mark.parametrize(("typed", "split"), [*TYPED_VALUES, ("达到预期", ("定性", "达到预期", ""))])
def test_split_suggestion_reads_look_alike_signs_as_numbers(tmp_path: Path, typed: str, split: tuple[str, ...]) -> None:
    sign, number, unit = split
    ds = edit_indicator(make_dataset(), 0, 1, sign=None, value=typed, unit=None)
    (f,) = check(ds, tmp_path, "value-not-split")
    assert f"计算符号“{sign}”、指标值“{number}”、计量单位“{unit}”" in f.message("zh")


@pytest.mark.parametrize(("sign", "flagged"), [("≧", True), ("≈", True), ("≥", False), ("定性", False)])
def test_sign_must_be_standard(tmp_path: Path, sign: str, flagged: bool) -> None:
    value = "是" if sign == "定性" else "95"
    unit = None if sign == "定性" else "%"
    got = one(tmp_path, "sign-unknown", 0, 1, sign=sign, value=value, unit=unit)
    assert got == ([("sign-unknown", "H3")] if flagged else [])


def test_sign_hint_names_the_standard_sign(tmp_path: Path) -> None:
    (f,) = check(edit_indicator(make_dataset(), 0, 1, sign="≧"), tmp_path, "sign-unknown")
    assert "“≥”" in f.message("zh") and "perfxl fix" in f.message("en")


@pytest.mark.parametrize(
    ("sign", "value", "unit", "code", "flagged"),
    [
        ("≥", "95%", None, "value-not-number", True),
        ("≥", "较高", None, "value-not-number", True),
        ("≥", "95", "%", "value-not-number", False),
        ("定性", "100%", None, "qualitative-value", True),
        ("定性", "≧ 80 ％", None, "qualitative-value", True),
        ("定性", "是", "%", "qualitative-value", True),
        ("定性", "达到预期", None, "qualitative-value", False),
        ("定性", "是", None, "qualitative-value", False),
    ],
)
def test_sign_value_unit_consistency(
    tmp_path: Path, sign: str, value: str, unit: str | None, code: str, flagged: bool
) -> None:
    got = one(tmp_path, code, 0, 1, sign=sign, value=value, unit=unit)
    assert got == ([(code, "I3")] if flagged else [])


# --- units ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("index", "changes", "cell"),
    [
        (3, {"unit": "%"}, "J5"),  # 成本指标 in %
        (3, {"unit": "人"}, "J5"),
        (2, {"value": "4", "unit": "次"}, "J4"),  # 时效指标 counted
        (5, {"sign": "定性", "value": "满意", "unit": None}, "I7"),  # 满意度 not a %
        (5, {"value": "90", "unit": "分"}, "J7"),
    ],
)
def test_unit_kind_errors(tmp_path: Path, index: int, changes: dict[str, Any], cell: str) -> None:
    assert one(tmp_path, "unit-kind", 0, index, **changes) == [("unit-kind", cell)]


@pytest.mark.parametrize(
    ("index", "changes"),
    [
        (3, {"value": "100000", "unit": "元"}),
        (2, {"sign": "≤", "value": "15", "unit": "个工作日"}),
        (2, {"sign": "≤", "value": "12", "unit": "月底"}),
        (2, {"sign": "定性", "value": "2021年12月底前", "unit": None}),  # a date
        (2, {"sign": "=", "value": "100", "unit": "%"}),
    ],
)
def test_unit_kind_accepts(tmp_path: Path, index: int, changes: dict[str, Any]) -> None:
    assert one(tmp_path, "unit-kind", 0, index, **changes) == []


def test_count_as_percent_and_name_unit_mismatch(tmp_path: Path) -> None:
    assert one(tmp_path, "count-as-percent", 0, 0, unit="%", level3="覆盖面") == [("count-as-percent", "J2")]
    assert one(tmp_path, "name-unit-mismatch", 0, 0, unit="%") == [("name-unit-mismatch", "J2")]  # 担保贷款发放人数
    assert one(tmp_path, "name-unit-mismatch", 0, 1, unit="人") == [("name-unit-mismatch", "J3")]  # 贷款回收率
    assert one(tmp_path, "name-unit-mismatch", 1, 0, unit="次") == []  # 贴息申请次数 in 次


@pytest.mark.parametrize(("unit", "suggestion"), [("次数", "次"), ("万", "万元 或 万人"), ("次", None)])
def test_nonstandard_units(tmp_path: Path, unit: str, suggestion: str | None) -> None:
    findings = check(edit_indicator(make_dataset(), 1, 0, unit=unit), tmp_path, "unit-nonstandard")
    assert [f.ctx["suggestion"] for f in findings] == ([suggestion] if suggestion else [])


def test_unit_missing(tmp_path: Path) -> None:
    assert one(tmp_path, "unit-missing", 0, 0, unit=None) == [("unit-missing", "J2")]
    assert one(tmp_path, "unit-missing", 0, 4, unit=None) == []  # 定性 是


# --- percentages ------------------------------------------------------------------------


def test_percentages(tmp_path: Path) -> None:
    assert one(tmp_path, "percent-ceiling", 0, 2, sign="≥") == [("percent-ceiling", "H4")]
    assert one(tmp_path, "percent-ceiling", 0, 2, sign="=") == []  # plain 100%
    assert one(tmp_path, "percent-over-100", 0, 1, value="120") == [("percent-over-100", "I3")]
    assert one(tmp_path, "percent-over-100", 0, 1, value="100") == []


# --- copy-paste -------------------------------------------------------------------------


def test_duplicate_indicator_name_in_one_project(tmp_path: Path) -> None:
    ds = add_indicator(make_dataset(), 1, level3="贴息申请次数", level2="数量指标", unit="次", value="4", sign="=")
    (f,) = check(ds, tmp_path, "duplicate-indicator-name")
    assert (f.cell, f.ctx["first"]) == ("F12", 8)
    # The same name in two different projects is fine.
    ds = edit_indicator(make_dataset(), 1, 0, level3="担保贷款发放人数")
    assert check(ds, tmp_path, "duplicate-indicator-name") == []


def test_identical_tables_and_goals_across_projects(tmp_path: Path) -> None:
    ds = make_dataset()
    ds = edit_project(ds, 1, indicators=ds.projects[0].indicators, goals=ds.projects[0].goals)
    findings = check(ds, tmp_path, "duplicate-indicator-table", "duplicate-goals-text")
    assert sorted(where(findings)) == [
        ("duplicate-goals-text", "项目", "H3"),
        ("duplicate-indicator-table", "项目", "C3"),
    ]


def test_repeated_sentence(tmp_path: Path) -> None:
    text = "帮助更多的劳动者实现就业创业。加强担保基金管理。帮助更多的劳动者实现就业创业。"
    (f,) = check(edit_project(make_dataset(), 0, goals=text), tmp_path, "repeated-sentence")
    assert (f.cell, f.value) == ("H2", "帮助更多的劳动者实现就业创业")
    assert check(edit_project(make_dataset(), 0, goals="一是培训。二是培训。"), tmp_path, "repeated-sentence") == []
    numbered = "1.加强担保基金日常管理。\n2.加强担保基金日常管理。"  # the numbering is not part of the sentence
    (g,) = check(edit_project(make_dataset(), 1, purpose=numbered), tmp_path, "repeated-sentence")
    assert (g.cell, g.value) == ("G3", "加强担保基金日常管理")


# --- vague targets ----------------------------------------------------------------------


def test_vague_target_is_info_and_basis_missing_a_warning(tmp_path: Path) -> None:
    ds = edit_indicator(make_dataset(), 0, 4, level3="服务质量", description="", value="明显提高")
    (f,) = check(ds, tmp_path, "vague-target")
    assert (f.severity, f.cell, f.ctx["word"]) == ("info", "I6", "明显")
    assert one(tmp_path, "vague-target", 0, 1, level3="有效提高回收率") == []  # has a number
    (g,) = check(edit_indicator(make_dataset(), 1, 3, basis=None), tmp_path, "basis-missing")
    assert (g.severity, g.cell) == ("warning", "K11")
