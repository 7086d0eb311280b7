"""Issue 14: what a reviewer finds that the validator missed, on constructed workbooks.

Layout of the fixture (tests/conftest.py make_dataset): 项目 rows 2-3 (C 项目名称,
D 预算数, E 财政资金, F 其他资金, G 资金用途, H 绩效目标); 绩效指标 rows 2-7 for
project 1 and 8-11 for project 2 (E 三级, G 计算符号, H 指标值, I 计量单位).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from perfxl.check.rules.duplicates import repeated_sentence
from perfxl.check.rules.vague import checkable
from perfxl.core.model import Dataset, Indicator, Project
from tests.conftest import make_dataset
from tests.test_rules_base import add_indicator, check, edit_indicator, edit_project, where

IND = "绩效指标"


def cells(findings: list) -> list[tuple[str, str | None]]:  # type: ignore[type-arg]
    return sorted((f.code, f.cell) for f in findings)


# --- measures that are not satisfaction, filed under 满意度指标 -----------------------------


def test_not_satisfaction_under_satisfaction(tmp_path: Path) -> None:
    ds = edit_indicator(make_dataset(), 0, 5, level3="创业活力", description="增强了社会创业动力")
    findings = check(ds, tmp_path, "not-satisfaction")
    assert cells(findings) == [("not-satisfaction", "F7")]
    assert findings[0].message("zh") == "“创业活力”不是满意度，不应归入“满意度指标”"


def test_satisfaction_words_in_the_name_or_description_pass(tmp_path: Path) -> None:
    ds = edit_indicator(make_dataset(), 0, 5, level3="服务水平", description="受益群众对服务的满意程度")
    ds = edit_indicator(ds, 1, 3, level3="群众好评率")
    assert check(ds, tmp_path, "not-satisfaction") == []


def test_not_satisfaction_outside_satisfaction_is_another_rule(tmp_path: Path) -> None:
    # 创业活力 under 效益指标 is where it belongs: nothing to say.
    ds = edit_indicator(make_dataset(), 0, 4, level3="创业活力", description="增强创业动力")
    assert check(ds, tmp_path, "not-satisfaction") == []


# --- a 三级指标 repeating its 二级 or 一级 name ------------------------------------------------


def test_level3_repeating_level2_or_level1(tmp_path: Path) -> None:
    ds = edit_indicator(make_dataset(), 0, 5, level3="服务对象满意度指标")  # row 7, the 二级 as written
    ds = edit_indicator(ds, 0, 1, level3="质量")  # row 3: 质量指标 without 指标
    ds = edit_indicator(ds, 1, 2, level3="效益指标")  # row 10: the 一级
    findings = check(ds, tmp_path, "level3-placeholder")
    assert cells(findings) == [
        ("level3-placeholder", "F10"),
        ("level3-placeholder", "F3"),
        ("level3-placeholder", "F7"),
    ]
    by_cell = {f.cell: f.message("en") for f in findings}
    assert by_cell["F10"] == "level-3 indicator '效益指标' only repeats its level-1 name; say what is measured"
    assert by_cell["F7"] == "level-3 indicator '服务对象满意度指标' only repeats its level-2 name; say what is measured"


def test_a_measure_named_like_its_level_passes(tmp_path: Path) -> None:
    # 服务对象满意度 is a satisfaction rate in itself (ends in 度); 数量指标 / 培训数量合计 says more.
    ds = edit_indicator(make_dataset(), 0, 5, level3="服务对象满意度")
    ds = edit_indicator(ds, 0, 0, level3="培训数量合计")
    assert check(ds, tmp_path, "level3-placeholder") == []


# --- clauses repeated across a comma -------------------------------------------------------


def test_repeated_clause_across_a_comma() -> None:
    text = "有利于小微企业资金周转，技术改造。有利于小微企业资金周转，技术改造,用10万元争取最大放款额。"
    assert repeated_sentence(text) == "有利于小微企业资金周转"
    # A whole sentence repeated is still named whole.
    assert (
        repeated_sentence("帮助劳动者实现就业创业。另有一句话在这里。帮助劳动者实现就业创业。")
        == "帮助劳动者实现就业创业"
    )
    # Short clauses (under 8 characters) repeat innocently.
    assert repeated_sentence("加强培训，提高质量。加强培训，扩大规模。") is None
    assert repeated_sentence("贴息按时发放到邮政银行，河北银行。") is None


def test_repeated_clause_is_reported_at_the_goals_cell(tmp_path: Path) -> None:
    goals = "保障贴息覆盖到符合条件的个人，按季发放。保障贴息覆盖到符合条件的个人,支持50家。"
    findings = check(edit_project(make_dataset(), 1, goals=goals), tmp_path, "repeated-sentence")
    assert [(f.cell, f.value) for f in findings] == [("H3", "保障贴息覆盖到符合条件的个人")]


# --- near-copy indicator tables ------------------------------------------------------------


def _rows(values: list[str]) -> tuple[Indicator, ...]:
    return tuple(
        Indicator(
            level1="产出指标",
            level2="质量指标",
            level3=f"指标{n}",
            description="说明",
            sign="≥",
            value=v,
            unit="%",
            basis="往年数据",
        )
        for n, v in enumerate(values, start=1)
    )


def _with_tables(*tables: tuple[Indicator, ...]) -> Dataset:
    ds = make_dataset()
    template = ds.projects[1]
    projects: list[Project] = [ds.projects[0]]
    for n, table in enumerate(tables):
        code = f"130434214GIWQV0OPVG{40 + n}"
        projects.append(template.model_copy(update={"code": code, "name": f"项目{n}", "indicators": table}))
    return ds.model_copy(update={"projects": tuple(projects)})


def test_near_copy_names_the_other_project_and_the_matching_rows(tmp_path: Path) -> None:
    a = _rows(["80", "81", "82", "83", "84", "85"])
    b = _rows(["80", "81", "82", "83", "99", "98"])  # 4 of 6 rows equal: 4/6 = 2/3
    findings = check(_with_tables(a, b), tmp_path, "near-copy-indicator-table")
    assert cells(findings) == [("near-copy-indicator-table", "C4")]
    assert findings[0].message("en") == (
        "this project's indicators match project '130434214GIWQV0OPVG40' (row 3) in 4 of 6 rows; only 2 changed"
    )


def test_near_copy_thresholds(tmp_path: Path) -> None:
    a = _rows(["80", "81", "82", "83", "84", "85"])
    fewer = _rows(["80", "81", "82", "97", "99", "98"])  # 3 of 6 equal: under 2/3
    short = _rows(["80", "81", "82", "99"])[:3]  # 3 rows: too short to judge
    exact = _rows(["80", "81", "82", "83", "84", "85"])  # an exact copy: duplicate-indicator-table's
    findings = check(_with_tables(a, fewer, short, exact), tmp_path, "near-copy-indicator-table")
    assert findings == []
    both = check(_with_tables(a, exact), tmp_path, "duplicate-indicator-table", "near-copy-indicator-table")
    assert [f.code for f in both] == ["duplicate-indicator-table"]


def test_near_copy_of_a_longer_table_counts_its_rows(tmp_path: Path) -> None:
    a = _rows(["80", "81", "82", "83", "84", "85"])
    b = _rows(["80", "81", "82", "83", "84"])  # 5 of a's 6 rows, one row dropped: 5/6
    (f,) = check(_with_tables(a, b), tmp_path, "near-copy-indicator-table")
    assert (f.ctx["matched"], f.ctx["rows"], f.ctx["changed"]) == (5, 6, 1)


# --- vague-target: only numbers that make the target checkable ------------------------------


def test_vague_target_with_only_a_percentage_of_nothing(tmp_path: Path) -> None:
    ds = edit_indicator(make_dataset(), 0, 4, level3="促进就业形势", description="促进了就业水平的提高", sign="=")
    ds = edit_indicator(ds, 0, 4, value="100", unit="%")
    findings = check(ds, tmp_path, "vague-target")
    assert cells(findings) == [("vague-target", "I6")]
    assert findings[0].ctx["word"] == "提高"


def test_vague_words_with_checkable_numbers_pass(tmp_path: Path) -> None:
    ds = edit_indicator(make_dataset(), 0, 4, level3="提高维权能力", description="宣传", sign="≥", value="2", unit="次")
    ds = edit_indicator(ds, 0, 1, description="回收率明显提高")  # 贷款回收率 ≥ 95 %: a named rate
    ds = edit_indicator(ds, 1, 2, description="户数逐步提高到 100 户")
    assert check(ds, tmp_path, "vague-target") == []


def test_checkable() -> None:
    assert checkable("就业率", "明显提高", "95", "%")
    assert checkable("培训", "提高技能，培训500人", "是", None)
    assert checkable("补贴", "提高", "8", "万元")
    assert not checkable("社会稳定水平", "逐步提高", "70", "%")
    assert not checkable("工作环境", "提高工作效率", "80", "%")  # 效率 is not a share
    assert not checkable("工作", "2021年明显提高", "是", None)  # a year is not a target
    assert not checkable("服务质量", "明显提高", "定性", None)


# --- one finding per cell -------------------------------------------------------------------


def test_name_unit_mismatch_does_not_repeat_unit_kind(tmp_path: Path) -> None:
    # 时效指标 贷款发放及时率 in 次: unit-kind (the wrong kind of unit) says it; name-unit-mismatch stays quiet.
    ds = edit_indicator(make_dataset(), 0, 2, value="4", unit="次")
    findings = check(ds, tmp_path, "unit-kind", "name-unit-mismatch", "count-as-percent")
    assert cells(findings) == [("unit-kind", "J4")]


def test_count_as_percent_gives_way_to_the_more_specific_name_unit_mismatch(tmp_path: Path) -> None:
    ds = edit_indicator(make_dataset(), 0, 0, level3="担保贷款发放人数", value="90", unit="%")
    findings = check(ds, tmp_path, "unit-kind", "name-unit-mismatch", "count-as-percent")
    assert cells(findings) == [("name-unit-mismatch", "J2")]
    ds = edit_indicator(make_dataset(), 0, 0, level3="担保贷款覆盖面", value="90", unit="%")
    findings = check(ds, tmp_path, "unit-kind", "name-unit-mismatch", "count-as-percent")
    assert cells(findings) == [("count-as-percent", "J2")]


def test_name_unit_mismatch_alone_still_fires(tmp_path: Path) -> None:
    ds = edit_indicator(make_dataset(), 0, 1, value="500", unit="人")  # 质量指标 贷款回收率 in 人
    findings = check(ds, tmp_path, "unit-kind", "name-unit-mismatch")
    assert cells(findings) == [("name-unit-mismatch", "J3")]


# --- the plan: ×100 hints and one finding for 12月底 -----------------------------------------


def test_schedule_value_plausible_only_divided_by_100(tmp_path: Path) -> None:
    plan = {"mar": Decimal("2500"), "jun": Decimal("50"), "oct": Decimal("75"), "dec": Decimal("10000")}
    ds = edit_project(make_dataset(), 1, schedule=make_dataset().projects[1].schedule.model_copy(update=plan))
    findings = check(ds, tmp_path, "schedule-range", "schedule-end")
    assert cells(findings) == [("schedule-range", "C3"), ("schedule-range", "F3")]
    by_cell = {f.cell: f.message("en") for f in findings}
    assert by_cell["C3"] == "spending at 3月底 is 2500.00%, outside 0-100% (did you mean 25%? type 25% or 0.25)"
    assert by_cell["F3"] == "spending at 12月底 is 10000.00%, outside 0-100% (did you mean 100%? type 25% or 0.25)"


def test_schedule_range_without_a_hint(tmp_path: Path) -> None:
    plan = {"mar": Decimal("-5"), "oct": Decimal("120000")}
    ds = edit_project(make_dataset(), 1, schedule=make_dataset().projects[1].schedule.model_copy(update=plan))
    by_cell = {f.cell: f.message("en") for f in check(ds, tmp_path, "schedule-range")}
    assert by_cell == {
        "C3": "spending at 3月底 is -5.00%, outside 0-100%",
        "E3": "spending at 10月底 is 120000.00%, outside 0-100%",
    }


# --- cases the mutants showed missing ---------------------------------------------------------


def test_budget_sum_checked_when_one_part_is_blank(tmp_path: Path) -> None:
    p = make_dataset().projects[0]
    blank_other = p.budget.model_copy(update={"total": Decimal("10.00"), "fiscal": Decimal("8.00"), "other": None})
    findings = check(edit_project(make_dataset(), 0, budget=blank_other), tmp_path, "budget-sum")
    assert [(f.cell, f.message("en")) for f in findings] == [
        ("D2", "fiscal 8.00 + other 0.00 = 8.00, not the total 10.00")
    ]
    blank_fiscal = p.budget.model_copy(update={"total": Decimal("10.00"), "fiscal": None, "other": Decimal("10.00")})
    assert check(edit_project(make_dataset(), 0, budget=blank_fiscal), tmp_path, "budget-sum") == []
    both_blank = p.budget.model_copy(update={"total": Decimal("10.00"), "fiscal": None, "other": None})
    assert check(edit_project(make_dataset(), 0, budget=both_blank), tmp_path, "budget-sum") == []


def test_negative_amounts_other_than_the_usual(tmp_path: Path) -> None:
    p = make_dataset().projects[1]
    budget = p.budget.model_copy(update={"total": Decimal("-0.01"), "fiscal": Decimal("-250.00"), "other": None})
    findings = check(edit_project(make_dataset(), 1, budget=budget), tmp_path, "money-negative")
    assert [(f.cell, f.value) for f in findings] == [("D3", "-0.01"), ("E3", "-250.00")]


def test_greater_than_100_percent_is_a_ceiling_too(tmp_path: Path) -> None:
    ds = edit_indicator(make_dataset(), 0, 1, sign=">", value="100")
    ds = edit_indicator(ds, 0, 5, sign="≥", value="100.0")
    ds = edit_indicator(ds, 1, 3, sign="≤", value="100")  # ≤ 100 % can be met: fine
    findings = check(ds, tmp_path, "percent-ceiling", "percent-over-100")
    assert cells(findings) == [("percent-ceiling", "H3"), ("percent-ceiling", "H7")]
    over = check(edit_indicator(make_dataset(), 0, 1, sign=">", value="100.5"), tmp_path, "percent-over-100")
    assert cells(over) == [("percent-over-100", "I3")]


def test_full_width_digits_in_unit_codes(tmp_path: Path) -> None:
    ds = edit_project(make_dataset(), 1, unit_code="３１６００１")
    findings = check(ds, tmp_path, "unit-code-format")
    assert [(f.cell, f.message("en")) for f in findings] == [
        ("A3", "unit code '３１６００１' must be digits only (full-width characters: type '316001')")
    ]
    assert where(check(edit_project(make_dataset(), 1, unit_code="316OO1"), tmp_path, "unit-code-format")) == [
        ("unit-code-format", "项目", "A3")
    ]


def test_full_width_project_code_gets_the_hint(tmp_path: Path) -> None:
    ds = make_dataset()
    code = "１３０４３４２１４GIWQV0OPVG49"
    ds = edit_project(ds, 1, code=code)
    (f,) = check(ds, tmp_path, "project-code-format")
    assert f.message("en").endswith("(full-width characters: type '130434214GIWQV0OPVG49')")


def test_thousands_separators_in_amounts_inside_text(tmp_path: Path) -> None:
    # 预算数 58.05 万元 = 580,500 元; 580,501 元 is over it by one 元, 580,500 元 is not.
    over = edit_project(make_dataset(), 1, purpose="安排资金580,501元用于贴息。")
    findings = check(over, tmp_path, "text-money-over-budget")
    assert [(f.cell, f.value) for f in findings] == [("G3", "580,501元")]
    at = edit_project(make_dataset(), 1, purpose="安排资金580,500元用于贴息。")
    assert check(at, tmp_path, "text-money-over-budget") == []


def test_satisfaction_rules_do_not_overlap(tmp_path: Path) -> None:
    # 满意度 under 效益指标 is satisfaction-misfiled; 创业活力 under 满意度指标 is not-satisfaction; never both.
    ds = add_indicator(make_dataset(), 0, level1="效益指标", level2="社会效益指标", level3="群众满意度")
    findings = check(ds, tmp_path, "satisfaction-misfiled", "not-satisfaction")
    assert cells(findings) == [("satisfaction-misfiled", "D8")]
    assert findings[0].sheet == IND
