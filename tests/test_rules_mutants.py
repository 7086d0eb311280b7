"""Cases found by mutation testing (issue 14) for the rules and the strict number reading.

Each test pins behaviour that a surviving mutant changed without any other test noticing.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from perfxl.check.config import Config
from perfxl.check.engine import validate
from perfxl.check.rules import rule_by_code
from perfxl.check.rules.base import Rule
from perfxl.check.rules.kinds import is_time_unit, kind_of
from perfxl.check.rules.money import _places as decimal_places
from perfxl.check.rules.schedule import _label as schedule_label
from perfxl.check.rules.schedule import hundredfold_hint
from perfxl.check.rules.taxonomy import _repeats as level3_repeats
from perfxl.check.rules.taxonomy import bare_name
from perfxl.check.rules.units import name_unit_reason, unit_kind_fails
from perfxl.check.rules.vague import checkable
from perfxl.core.model import Dataset, DepartmentGoal, Indicator, Unit
from perfxl.core.values import (
    format_decimal,
    format_value,
    normalize_printed_value,
    number_text,
    parse_decimal,
    strict_decimal,
)
from perfxl.workbook import read_workbook
from perfxl.workbook.writer import write_workbook
from tests.conftest import make_dataset
from tests.test_rules_base import check, edit_indicator, edit_project


def test_checkable_reads_the_value_and_full_width_percent() -> None:
    assert checkable("服务", "提高", "10次", None)  # count written inside 指标值
    assert checkable("服务", "提高", "", "次") is False  # a unit without a number counts nothing
    assert checkable("就业率", "提高", "95", "％")  # full-width percent of a named rate
    assert checkable("参保", "参保率明显提高到95%", "是", None)  # a % of a named rate in the description
    assert checkable("就业", "明显提高", "95", "％") is False


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("1，234.50", Decimal("1234.50")), ("1 234", Decimal("1234")), ("1,234 ", Decimal("1234"))],
)
def test_strict_decimal_chinese_comma_and_spaces(typed: str, expected: Decimal) -> None:
    assert strict_decimal(typed) == expected


def test_parse_decimal_refuses_a_letter_in_front() -> None:
    with pytest.raises(ValueError, match="expected a number, found 'X5'"):
        parse_decimal("X5")


def test_strict_decimal_messages() -> None:
    with pytest.raises(ValueError, match=r"write the point as '\.' and group thousands by three"):
        strict_decimal("1.234,50")
    with pytest.raises(ValueError, match="expected a number, found '25%'"):
        strict_decimal("25%")  # a percent sign is not a unit suffix of an amount


@pytest.mark.parametrize(
    "unit", ["日前", "天内", "个工作日内", "工作日内", "月底", "个月内", "年底", "周内", "小时内", "季度末"]
)
def test_deadline_units_are_time(unit: str) -> None:
    assert is_time_unit(unit)


def test_not_time_units() -> None:
    assert not is_time_unit("次")
    assert not is_time_unit("人日")


def test_plan_out_of_range_without_hint_in_chinese(tmp_path: Path) -> None:
    plan = {"mar": Decimal("-5")}
    ds = edit_project(make_dataset(), 1, schedule=make_dataset().projects[1].schedule.model_copy(update=plan))
    (f,) = check(ds, tmp_path, "schedule-range")
    assert f.message("zh") == "3月底支出进度 -5.00% 不在 0%～100% 之间"


def test_unit_code_messages(tmp_path: Path) -> None:
    (f,) = check(edit_project(make_dataset(), 1, unit_code="316-001"), tmp_path, "unit-code-format")
    assert f.message("zh") == "单位编码“316-001”应只含数字"
    assert f.message("en") == "unit code '316-001' must be digits only"
    (f,) = check(edit_project(make_dataset(), 1, unit_code="３１６００１"), tmp_path, "unit-code-format")
    assert f.message("zh") == "单位编码“３１６００１”应只含数字（含全角字符，应为“316001”）"


def test_duplicate_goals_text_boundaries_and_message(tmp_path: Path) -> None:
    ds = make_dataset()
    template = ds.projects[1]
    short = template.model_copy(update={"code": "130434214GIWQV0OPVG50", "goals": "短"})
    six = "保障贴息到位"  # 6 characters: long enough to count
    a = template.model_copy(update={"code": "130434214GIWQV0OPVG51", "goals": six})
    b = template.model_copy(update={"code": "130434214GIWQV0OPVG52", "goals": six})
    ds = ds.model_copy(update={"projects": (ds.projects[0], short, a, b)})
    (f,) = check(ds, tmp_path, "duplicate-goals-text")
    assert (f.cell, f.value) == ("H5", six)
    assert f.message("en") == "绩效目标 is identical to project '130434214GIWQV0OPVG51' (row 4)"


# --- second mutation run (the whole of rules/, values.py and cells.py) ---


def test_checkable_needs_a_unit_for_a_bare_number_and_reads_units_beyond_the_measure_list() -> None:
    assert checkable("重量", "", "10", "吨")  # a number with a unit that is not % counts, listed or not
    assert checkable("服务", "提高", "约10", "次")  # "约10" is no number, but 约10次 names a count
    assert checkable("就业率", "提高", "95", None) is False  # 95 of a rate, no % written: not a percentage


@pytest.mark.parametrize(
    ("name", "unit", "reason"),
    [
        ("合格率", "次数", ("“率”应以 % 计量", "a rate (率) is given in %")),  # 次数 is read as 次
        ("培训人数", "%", ("数量应以人、次、个等计量", "a count is given in 人/次/个, not %")),
        ("检查次数", "%", ("数量应以人、次、个等计量", "a count is given in 人/次/个, not %")),
        ("设备个数", "%", ("数量应以人、次、个等计量", "a count is given in 人/次/个, not %")),
        ("帮扶户数", "%", ("数量应以人、次、个等计量", "a count is given in 人/次/个, not %")),
        ("服务人次", "%", ("数量应以人、次、个等计量", "a count is given in 人/次/个, not %")),
        ("就业率", "%", None),
        ("培训人数", "人", None),
    ],
)
def test_name_unit_reason_for_each_suffix(name: str, unit: str, reason: tuple[str, str] | None) -> None:
    assert name_unit_reason(name, unit) == reason


def test_unit_kind_lets_counts_and_unknown_kinds_take_any_unit() -> None:
    ind = Indicator(level1="产出指标", level2="数量指标", level3="覆盖率", sign="≥", value="95", unit="%")
    assert unit_kind_fails("count", ind) is False
    assert unit_kind_fails(None, ind) is False
    assert unit_kind_fails("satisfaction", ind.model_copy(update={"unit": "人"})) is True
    assert unit_kind_fails("satisfaction", ind.model_copy(update={"unit": "人", "value": None})) is False


def test_satisfaction_kind_from_either_level() -> None:
    assert kind_of(None, "服务对象满意度指标") == "satisfaction"
    assert kind_of("满意度指标", "其他") == "satisfaction"
    assert kind_of("效益指标", "社会效益指标") is None


@pytest.mark.parametrize(
    ("name", "bare"),
    [
        ("数量指标（个）", "数量"),
        ("数量 指标", "数量"),
        ("质量指标(%)", "质量"),
        (None, ""),
        ("服务对象满意度", "服务对象满意度"),
    ],
)
def test_bare_name(name: str | None, bare: str) -> None:
    assert bare_name(name) == bare


def test_level3_repeats_a_level_name() -> None:
    assert level3_repeats("数量指标", {"数量 指标"})  # spaces in the level name do not count
    assert level3_repeats("服务对象满意度（%）", {"服务对象满意度"})  # the name as written, with a note
    assert level3_repeats("服务对象 满意度", {"服务对象满意度"})  # spaces in the 三级 name do not count
    assert not level3_repeats("就业率", {"就业率指标"})  # a 率 is a measure in itself
    assert not level3_repeats("满意度", {"满意度指标"})  # so is a 度


def test_decimal_places_of_an_amount() -> None:
    assert decimal_places(Decimal("1.234")) == 3
    assert decimal_places(Decimal("100")) == 0
    assert decimal_places(Decimal("1E+2")) == 0  # a positive exponent has no places
    assert decimal_places(Decimal("Infinity")) == 0


def test_schedule_label_names_the_month_or_keeps_the_key() -> None:
    assert schedule_label("mar") == "3月底"
    assert schedule_label("m7") == "7月底"


def test_schedule_label_keeps_a_key_that_is_no_month() -> None:
    assert schedule_label("合计") == "合计"


@pytest.mark.parametrize(
    ("typed", "expected"), [("1，234", Decimal("1234")), ("+5", Decimal("5")), (" １２.５ ", Decimal("12.5"))]
)
def test_parse_decimal_lenient_forms(typed: str, expected: Decimal) -> None:
    assert parse_decimal(typed) == expected


def test_parse_decimal_message() -> None:
    with pytest.raises(ValueError, match=r"^expected a number, found 'abc'$"):
        parse_decimal("abc")


def test_strict_decimal_decimal_comma_message_in_full() -> None:
    with pytest.raises(ValueError) as raised:
        strict_decimal("1.234,50")
    assert str(raised.value) == (
        "'1.234,50' has a decimal comma or a misplaced thousands separator; "
        "write the point as '.' and group thousands by three (1,234.50 or 1234.50)"
    )


def test_number_text_never_uses_an_exponent() -> None:
    assert number_text(0.0000001) == "0.0000001"  # str(Decimal) would give 1E-7
    assert number_text(80.0) == "80"
    assert number_text(2.5) == "2.5"


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        (" ≧ ８０ ％ ", "≥80%"),
        ("＝100％", "100%"),
        ("＞５次", ">5次"),
        ("80", "80"),
        ("≧8,0", "≧8,0"),  # not a clean target once printed: left as typed (only folded)
    ],
)
def test_normalize_printed_value(typed: str, printed: str) -> None:
    assert normalize_printed_value(typed) == printed


def test_a_rule_gets_templates_only_with_both_languages() -> None:
    class Both(Rule):
        """Both languages."""

        code = "test-both"
        zh = "中文 {value}"
        en = "English {value}"

    class ChineseOnly(Rule):
        """One language."""

        code = "test-zh-only"
        zh = "中文"

    assert Both.templates is not None
    assert (Both.templates.zh, Both.templates.en) == ("中文 {value}", "English {value}")
    assert (Both.template("zh"), Both.template("en")) == ("中文 {value}", "English {value}")
    assert ChineseOnly.templates is None
    assert ChineseOnly.template("zh") == ""


def test_doc_parts_of_terse_and_missing_docstrings() -> None:
    class Terse(Rule):
        """What it checks.

        PASS:a
        FAIL:b
        """

    class Bare(Rule):
        pass

    assert Terse.doc_parts() == ("What it checks.", ["a"], ["b"])
    assert Bare.doc_parts() == ("", [], [])


def test_rule_by_code_names_the_unknown_code() -> None:
    assert rule_by_code("sign-unknown").code == "sign-unknown"
    with pytest.raises(KeyError, match="no-such-rule"):
        rule_by_code("no-such-rule")


def test_indicator_findings_name_the_indicator(tmp_path: Path) -> None:
    named = edit_indicator(make_dataset(), 0, 0, sign="约")
    (f,) = check(named, tmp_path, "sign-unknown")
    assert f.ctx["name"] == make_dataset().projects[0].indicators[0].level3
    blank = edit_indicator(make_dataset(), 0, 0, sign="约", level3=None)
    (f,) = check(blank, tmp_path, "sign-unknown")
    assert f.ctx["name"] == ""


def test_no_hundredfold_hint_for_a_hundred_itself() -> None:
    assert hundredfold_hint(Decimal(100)) == hundredfold_hint(Decimal(-5))  # the plain "not between" wording
    assert "1%" not in hundredfold_hint(Decimal(100))[0]
    assert "25%" in hundredfold_hint(Decimal(2500))[0]  # 2500 % read from 25 typed into a %-cell


def test_format_decimal() -> None:
    assert format_decimal(None) == ""
    assert format_decimal(Decimal("58.05")) == "58.05"
    assert format_decimal(Decimal("1E+3")) == "1000.00"  # money is printed with its two places


def _required(ds: Dataset, tmp_path: Path) -> list[tuple[str | None, int | None, object]]:
    return [(f.sheet, f.row, f.ctx["column"]) for f in check(ds, tmp_path, "required-cell")]


@pytest.mark.parametrize(
    ("blank", "expected"),
    [
        ({"code": ""}, [("单位", 2, "单位编码")]),
        ({"name": None}, [("单位", 2, "单位名称")]),
    ],
)
def test_required_cells_of_a_unit(blank: dict[str, Any], expected: list[object], tmp_path: Path) -> None:
    ds = make_dataset()
    ds = ds.model_copy(update={"units": (ds.units[0].model_copy(update=blank),)})
    assert [f for f in _required(ds, tmp_path) if f[0] == "单位"] == expected


@pytest.mark.parametrize(("key", "column"), [("unit_code", "单位编码"), ("part", "部分")])
def test_required_cells_of_a_department_goal(key: str, column: str, tmp_path: Path) -> None:
    ds = make_dataset()
    goals = (ds.department_goals[0], ds.department_goals[1].model_copy(update={key: ""}), *ds.department_goals[2:])
    found = check(ds.model_copy(update={"department_goals": goals}), tmp_path, "required-cell")
    assert [(f.sheet, f.cell, f.ctx["column"]) for f in found] == [
        ("部门目标", f"{'A' if key == 'unit_code' else 'B'}3", column)
    ]


@pytest.mark.parametrize(
    ("key", "update", "column"),
    [
        ("unit_code", {"unit_code": ""}, "单位编码"),
        ("code", {"code": ""}, "项目编码"),
        ("name", {"name": ""}, "项目名称"),
        ("goals", {"goals": None}, "绩效目标"),
    ],
)
def test_required_cells_of_a_project(key: str, update: dict[str, Any], column: str, tmp_path: Path) -> None:
    ds = edit_project(make_dataset(), 1, **update)
    assert _required(ds, tmp_path) == [("项目", 3, column)]


@pytest.mark.parametrize(("key", "column"), [("level1", "一级指标"), ("level2", "二级指标"), ("level3", "三级指标")])
def test_required_level_cells_of_an_indicator(key: str, column: str, tmp_path: Path) -> None:
    ds = edit_indicator(make_dataset(), 1, 0, **{key: None})
    assert _required(ds, tmp_path) == [("绩效指标", 8, column)]  # P2 #1 sits below P1's six rows


def test_a_missing_total_is_required(tmp_path: Path) -> None:
    ds = make_dataset()
    ds = edit_project(ds, 1, budget=ds.projects[1].budget.model_copy(update={"total": None}))
    assert [(f.cell, f.ctx["column"]) for f in check(ds, tmp_path, "required-cell")] == [("D3", "预算数")]


def test_an_empty_value_is_reported_once_when_it_has_a_sign(tmp_path: Path) -> None:
    # P1's first indicator (绩效指标 row 2): 计算符号 in H, 指标值 in I.
    with_sign = edit_indicator(make_dataset(), 0, 0, value=None)
    assert [f.cell for f in check(with_sign, tmp_path, "required-cell")] == ["I2"]
    neither = edit_indicator(make_dataset(), 0, 0, value=None, sign=None)
    assert [f.cell for f in check(neither, tmp_path, "required-cell")] == ["H2", "I2"]


def test_a_missing_year_is_required_on_the_info_sheet(tmp_path: Path) -> None:
    found = check(make_dataset().model_copy(update={"year": None}), tmp_path, "required-cell")
    assert [(f.sheet, f.ctx["column"]) for f in found] == [("基本信息", "预算年度")]
    assert found[0].cell is not None


def test_a_repeated_plan_row_names_its_code(tmp_path: Path) -> None:
    code = make_dataset().projects[0].code
    (f,) = check(edit_project(make_dataset(), 1, code=code), tmp_path, "duplicate-schedule")
    assert (f.sheet, f.cell, f.value, f.project_code) == ("支出计划", "A3", code, code)
    assert check(edit_project(make_dataset(), 1, code=code), tmp_path, "orphan-schedule") == []  # not an orphan


def test_placeholder_unit_code_message(tmp_path: Path) -> None:
    ds = make_dataset()
    ds = ds.model_copy(update={"units": (*ds.units, Unit(code="待补-0123456789", name="东莞市交通运输局"))})
    (f,) = [f for f in check(ds, tmp_path, "placeholder-code") if f.sheet == "单位"]
    assert (f.cell, f.value) == ("A3", "待补-0123456789")
    assert f.message("zh") == "单位编码“待补-0123456789”是导入时生成的临时编码，请填写正式编码"
    assert f.message("en") == "unit code '待补-0123456789' is a placeholder made up on import; fill in the real code"


def test_project_code_year_message_and_the_projects_it_passes_over(tmp_path: Path) -> None:
    ds = edit_project(make_dataset(), 0, code="待补-ABCDEF0123")  # a placeholder is not read for a year …
    ds = edit_project(ds, 1, code="130434204GIWQV0OPVG49")  # … and the next project still is
    (f,) = check(ds, tmp_path, "project-code-year")
    assert (f.cell, f.value, f.ctx["part"], f.ctx["year"]) == ("B3", "130434204GIWQV0OPVG49", "20", 2021)
    assert f.message("zh") == "项目编码“130434204GIWQV0OPVG49”中的年份 20 与预算年度 2021 不一致"
    assert f.message("en") == "project code '130434204GIWQV0OPVG49' has year part 20, the budget year is 2021"


def test_project_code_year_without_a_division_code_counts_from_the_profile(tmp_path: Path) -> None:
    ds = make_dataset()
    ds = edit_project(
        ds.model_copy(update={"division": ds.division.model_copy(update={"code": None})}),
        1,
        code="130434204GIWQV0OPVG49",
    )
    assert [f.ctx["part"] for f in check(ds, tmp_path, "project-code-year")] == ["20"]


def test_project_code_year_reads_only_codes_of_the_profiles_form(tmp_path: Path) -> None:
    ds = edit_project(make_dataset(), 1, code="1304342012")  # too short for the form: project-code-format's
    assert check(ds, tmp_path, "project-code-year") == []
    assert check(edit_project(make_dataset(), 1, code=""), tmp_path, "project-code-year") == []


def test_unknown_part_names_the_part(tmp_path: Path) -> None:
    ds = make_dataset()
    goal = DepartmentGoal(unit_code="316001", part="分项目标", number="2.", title="t", text="x")
    (f,) = check(ds.model_copy(update={"department_goals": (*ds.department_goals, goal)}), tmp_path, "unknown-part")
    assert (f.cell, f.value) == ("B4", "分项目标")
    assert f.message("en") == "部分 must be one of 总体绩效目标/分项绩效目标/工作保障措施, found '分项目标'"


@pytest.mark.parametrize(
    ("changes", "level"),
    [
        ({"level2": "环境效益指标", "level3": "环境效益"}, "二级指标"),  # the 二级 as written (an alias) …
        ({"level2": "环境效益指标", "level3": "生态效益"}, "二级指标"),  # … and as the taxonomy names it
        ({"level1": "其他指标", "level3": "其他"}, "一级指标"),  # an unknown 一级, as written
        ({"level3": "效益"}, "一级指标"),
    ],
)
def test_level3_placeholder_reads_written_and_standard_level_names(
    changes: dict[str, str], level: str, tmp_path: Path
) -> None:
    (f,) = check(edit_indicator(make_dataset(), 1, 2, **changes), tmp_path, "level3-placeholder")
    name = changes["level3"]
    assert (f.cell, f.value, f.ctx["level"]) == ("F10", name, level)
    assert f.message("zh") == f"三级指标“{name}”只是重复了{level}名称，应写明具体衡量什么"
    level_en = "level-2" if level == "二级指标" else "level-1"
    assert f.message("en") == f"level-3 indicator '{name}' only repeats its {level_en} name; say what is measured"


def test_level3_placeholder_goes_on_after_a_row_without_a_name(tmp_path: Path) -> None:
    ds = edit_indicator(make_dataset(), 1, 0, level3=None)
    ds = edit_indicator(ds, 1, 2, level3="效益")
    assert [f.cell for f in check(ds, tmp_path, "level3-placeholder")] == ["F10"]


def test_unit_missing_is_the_one_finding_for_a_number_without_a_unit(tmp_path: Path) -> None:
    ds = edit_indicator(make_dataset(), 1, 1, unit=None)  # 贴息资金 ≤ 58.05, a 成本指标 with no unit
    (f,) = check(ds, tmp_path, "unit-missing", "unit-kind")
    assert (f.code, f.cell, f.value) == ("unit-missing", "J9", "≤58.05")
    assert f.message("zh") == "指标值“≤58.05”没有计量单位"


def test_indicator_names_repeat_only_within_one_project(tmp_path: Path) -> None:
    ds = make_dataset()
    shared = edit_indicator(ds, 1, 0, level3=ds.projects[0].indicators[0].level3)  # same name, other project
    assert check(shared, tmp_path, "duplicate-indicator-name") == []
    twice = edit_indicator(ds, 1, 1, level3=ds.projects[1].indicators[0].level3)
    (f,) = check(twice, tmp_path, "duplicate-indicator-name")
    assert (f.cell, f.value) == ("F9", ds.projects[1].indicators[0].level3)


def test_deprecated_level2_names_the_value_and_the_taxonomy(tmp_path: Path) -> None:
    ds = edit_indicator(make_dataset().model_copy(update={"taxonomy": "v2021"}), 0, 4, level2="可持续影响指标")
    (f,) = check(ds, tmp_path, "deprecated-level2")
    assert (f.cell, f.value, f.ctx["version"]) == ("E6", "可持续影响指标", "财预〔2021〕101号")
    assert f.message("zh") == "二级指标“可持续影响指标”不在 财预〔2021〕101号 的指标目录中，建议改用现行二级指标"


def test_format_value_of_a_blank_qualitative_target() -> None:
    assert format_value("定性", None, None) == ""
    assert format_value("定性", "是", None) == "是"


def test_placeholder_unit_code_of_a_project(tmp_path: Path) -> None:
    ds = make_dataset()
    ds = ds.model_copy(update={"units": (*ds.units, Unit(code="待补-0123456789", name="x"))})
    ds = edit_project(ds, 1, unit_code="待补-0123456789")
    (f,) = [f for f in check(ds, tmp_path, "placeholder-code") if f.sheet == "项目"]
    assert (f.cell, f.value, f.project_code) == ("A3", "待补-0123456789", "130434214GIWQV0OPVG49")
    assert f.message("en") == "unit code '待补-0123456789' is a placeholder made up on import; fill in the real code"


def test_project_code_format_after_a_placeholder(tmp_path: Path) -> None:
    ds = edit_project(edit_project(make_dataset(), 0, code="待补-ABCDEF0123"), 1, code="120434214GIWQV0OPVG49")
    (f,) = check(ds, tmp_path, "project-code-format")
    assert (f.cell, f.value) == ("B3", "120434214GIWQV0OPVG49")
    assert f.message("zh") == "项目编码“120434214GIWQV0OPVG49”格式不对：应以行政区划代码 130434 开头"
    assert f.message("en") == (
        "project code '120434214GIWQV0OPVG49' is malformed: should start with the division code 130434"
    )


def test_missing_level1_after_a_project_without_indicators(tmp_path: Path) -> None:
    ds = edit_project(make_dataset(), 0, indicators=())  # missing-indicators' case, passed over
    ds = edit_project(ds, 1, indicators=make_dataset().projects[1].indicators[:3])  # no 满意度指标
    (f,) = check(ds, tmp_path, "missing-level1")
    assert (f.cell, f.value, f.ctx["level1"]) == ("C3", "普惠金融发展专项资金", "满意度指标")


def test_near_copy_of_a_four_row_table_after_a_short_one(tmp_path: Path) -> None:
    ds = make_dataset()
    p1, p2 = ds.projects
    p1 = p1.model_copy(update={"indicators": p1.indicators[:3]})  # 3 rows: too short to compare, passed over
    changed = p2.indicators[0].model_copy(update={"value": "5"})  # 4次 → 5次
    p3 = p2.model_copy(update={"code": "130434214GIWQV0OPVG50", "indicators": (changed, *p2.indicators[1:])})
    (f,) = check(ds.model_copy(update={"projects": (p1, p2, p3)}), tmp_path, "near-copy-indicator-table")
    # 3 of P2's 4 rows are unchanged: 3 × 3 ≥ 4 × 2, and the table has exactly the 4 rows needed
    assert (f.cell, f.ctx["other"], f.ctx["matched"], f.ctx["rows"], f.ctx["changed"]) == (
        "C4",
        "130434214GIWQV0OPVG49",
        3,
        4,
        1,
    )


def test_cost_over_budget_after_a_cost_row_without_a_unit(tmp_path: Path) -> None:
    ds = edit_indicator(make_dataset(), 1, 0, level2="成本指标", sign="≤", value="5", unit=None)  # no unit: passed over
    ds = edit_indicator(ds, 1, 1, value="60")  # 贴息资金 ≤60万元 against 预算数 58.05 万元
    (f,) = check(ds, tmp_path, "cost-over-budget")
    assert (f.cell, f.value, f.ctx["total"], f.ctx["unit"]) == ("I9", "≤60万元", "58.05", "万元")
    assert f.message("zh") == "成本指标 ≤60万元 大于项目预算数 58.05万元"
    assert f.message("en") == "cost indicator ≤60万元 is larger than the project budget 58.05 万元"


def test_vague_words_in_the_name_and_a_measure_in_the_description(tmp_path: Path) -> None:
    vague = edit_indicator(
        make_dataset(), 1, 2, level3="明显提高创业", description=None, sign="定性", value="是", unit=None
    )
    (f,) = check(vague, tmp_path, "vague-target")
    assert (f.cell, f.ctx["word"]) == ("I10", "明显")
    measured = edit_indicator(vague, 1, 2, description="带动创业100户")  # the count makes it checkable
    assert check(measured, tmp_path, "vague-target") == []


def test_a_repeated_clause_of_exactly_the_minimum_length(tmp_path: Path) -> None:
    clause = "保障贴息按时到位"  # 8 characters, the shortest clause that counts
    ds = edit_project(make_dataset(), 1, goals=f"{clause}，其一；{clause}，其二。")
    (f,) = check(ds, tmp_path, "repeated-sentence")
    assert (f.cell, f.value) == ("H3", clause)
    shorter = edit_project(make_dataset(), 1, goals=f"{clause[:7]}，其一；{clause[:7]}，其二。")  # 7: too short
    assert check(shorter, tmp_path, "repeated-sentence") == []


def test_a_reader_rules_severity_can_be_overridden(tmp_path: Path) -> None:
    path = write_workbook(make_dataset(), tmp_path / "b.xlsx")
    wb = load_workbook(path)
    wb["项目"]["I1"] = "备注"  # a header with nothing under it: unknown-column, a warning from the reader
    wb.save(path)
    found = validate(
        read_workbook(path), config=Config(select=frozenset({"unknown-column"}), severity={"unknown-column": "error"})
    )
    assert [(f.code, f.severity) for f in found] == [("unknown-column", "error")]


def _plan(ds: Dataset, index: int, **months: Decimal | None) -> Dataset:
    return edit_project(ds, index, schedule=ds.projects[index].schedule.model_copy(update=months))


def test_schedule_end_at_nothing_or_zero_after_an_out_of_range_end(tmp_path: Path) -> None:
    ds = _plan(make_dataset(), 0, dec=Decimal(150))  # out of range: schedule-range's, passed over here
    zero = _plan(ds, 1, dec=Decimal(0))
    (f,) = check(zero, tmp_path, "schedule-end")
    assert (f.cell, f.message("zh")) == ("F3", "12月底累计支出进度应为 100%，现为 0.00%")
    blank = _plan(ds, 1, mar=None, jun=None, oct=None, dec=None)
    (f,) = check(blank, tmp_path, "schedule-end")
    assert f.message("zh") == "12月底累计支出进度应为 100%，现为 空白"


def test_budget_sum_and_text_money_after_a_project_without_a_total(tmp_path: Path) -> None:
    ds = make_dataset()
    ds = edit_project(ds, 0, budget=ds.projects[0].budget.model_copy(update={"total": None}))
    budget = ds.projects[1].budget
    summed = edit_project(ds, 1, budget=budget.model_copy(update={"other": Decimal("1.00")}))
    assert [f.cell for f in check(summed, tmp_path, "budget-sum")] == ["D3"]
    texted = edit_project(ds, 1, purpose="安排资金80万元")  # 80 > 58.05 万元
    assert [f.value for f in check(texted, tmp_path, "text-money-over-budget")] == ["80万元"]


def test_sign_unknown_without_a_standard_sign_has_no_hint(tmp_path: Path) -> None:
    (f,) = check(edit_indicator(make_dataset(), 0, 0, sign="约"), tmp_path, "sign-unknown")
    assert f.message("zh") == "计算符号“约”应为 =、≥、>、≤、<、定性 之一"
    assert f.message("en") == "sign '约' must be one of =, ≥, >, ≤, <, 定性"


def test_qualitative_value_without_a_unit(tmp_path: Path) -> None:
    (f,) = check(edit_indicator(make_dataset(), 0, 4, value="80", unit=None), tmp_path, "qualitative-value")
    assert f.value == "80"
