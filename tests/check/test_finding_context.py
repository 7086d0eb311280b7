"""The cell, context and message of findings the baseline comparisons do not reach (mutation testing, issue 14).

Each test pins something a surviving mutant changed: a finding's project code, the name or
value it carries, the words of its message, or a project passed over before the one reported.
Expected values are typed by hand from the dataset in ``tests/conftest.py``.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from perfxl.check.config import Config
from perfxl.check.engine import validate
from perfxl.check.rules.base import Context
from perfxl.check.rules.taxonomy import Level3Placeholder
from perfxl.core.model import Dataset, Indicator, Project
from perfxl.core.taxonomy import load_taxonomy
from perfxl.workbook import read_workbook
from perfxl.workbook.writer import write_workbook
from tests.conftest import make_dataset
from tests.test_rules_base import check, edit_indicator, edit_project

P0 = "130434211Y0DO65S99Z10"  # 小额贷款担保基金, 预算数 10.00
P1 = "130434214GIWQV0OPVG49"  # 普惠金融发展专项资金, 预算数 58.05


def test_repeated_sentence_in_a_department_goal(tmp_path: Path) -> None:
    ds = make_dataset()
    goal = ds.department_goals[0].model_copy(
        update={"text": "全年新增城镇就业五千人。稳定就业局势。全年新增城镇就业五千人。"}
    )
    ds = ds.model_copy(update={"department_goals": (goal, *ds.department_goals[1:])})
    (f,) = check(ds, tmp_path, "repeated-sentence")
    # 部门目标: 单位编码 A, 部分 B, 序号 C, 标题 D, 内容 E; the first goal is on row 2.
    assert (f.sheet, f.cell, f.value, f.project_code) == ("部门目标", "E2", "全年新增城镇就业五千人", None)
    assert f.message("zh") == "同一句话出现两次：“全年新增城镇就业五千人”"


def test_a_sentence_ending_in_a_comma_is_the_same_sentence(tmp_path: Path) -> None:
    # The first sentence ends "…工作，。": without its comma it equals the second, so the whole
    # sentence is reported, not only its first clause.
    sentence = "提高群众满意度水平，加强就业技能培训工作"
    ds = edit_project(make_dataset(), 1, goals=f"{sentence}，。{sentence}。")
    (f,) = check(ds, tmp_path, "repeated-sentence")
    assert f.value == sentence


def _project(base: Project, n: int, rows: list[tuple[str, str]]) -> Project:
    """A project numbered ``n`` whose indicators are ``rows`` of (三级指标, 指标值)."""
    indicators = tuple(
        Indicator(
            level1="产出指标",
            level2="数量指标",
            level3=name,
            description="说明",
            sign="≥",
            value=value,
            unit="人",
            basis="往年数据",
        )
        for name, value in rows
    )
    return base.model_copy(update={"code": f"130434214GIWQV0OPV{n:03d}", "name": f"项目{n}", "indicators": indicators})


def _with_projects(projects: list[Project]) -> Dataset:
    return make_dataset().model_copy(update={"projects": tuple(projects)})


def test_near_copy_after_an_exact_copy(tmp_path: Path) -> None:
    base = make_dataset().projects[1]
    table = [("培训人数", "80"), ("结业人数", "70"), ("就业人数", "60"), ("创业人数", "10"), ("回访人数", "50")]
    a = _project(base, 1, table)
    b = _project(base, 2, table)  # an exact copy: duplicate-indicator-table's, passed over here …
    c = _project(base, 3, [*table[:4], ("回访人数", "55")])  # … and the near copy after it still found
    (f,) = check(_with_projects([a, b, c]), tmp_path, "near-copy-indicator-table")
    # 项目 rows 2, 3, 4: C is on row 4 and matches A (row 2) in 4 of 5 rows.
    assert (f.cell, f.value, f.ctx["other"], f.ctx["first"], f.ctx["matched"], f.ctx["rows"]) == (
        "C4",
        "项目3",
        a.code,
        2,
        4,
        5,
    )


def test_a_row_shared_by_many_projects_stops_naming_them_after_64(tmp_path: Path) -> None:
    base = make_dataset().projects[1]
    common = [("培训人数", "80"), ("结业人数", "70"), ("就业人数", "60")]
    # 64 projects hold the three common rows (and one row of their own): each near-copies the first.
    many = [_project(base, n, [*common, (f"自有指标{n}", "1")]) for n in range(64)]
    # X, the 65th holder of the common rows, has 培训人数 twice: 3 of its 4 rows match project 0.
    x = _project(base, 64, [common[0], *common])
    # Y has X's four rows and one more.  X came after 64 holders of every row it has, so it is
    # not remembered as a holder: Y is compared with project 0 only, 3 of 5 rows (< 2/3), not reported.
    # (Compared with X it would be 4 of 5.)
    y = _project(base, 65, [common[0], *common, ("新增指标", "5")])
    found = check(_with_projects([*many, x, y]), tmp_path, "near-copy-indicator-table")
    assert [f.value for f in found if f.value in ("项目64", "项目65")] == ["项目64"]
    assert len(found) == 64  # projects 1..63 and X


def test_project_name_mismatch_names_the_project_and_its_name(tmp_path: Path) -> None:
    path = write_workbook(make_dataset(), tmp_path / "b.xlsx")
    wb = load_workbook(path)
    wb["绩效指标"]["B8"] = "普惠金融"  # row 8: the first indicator of P1 (P0 has six)
    wb.save(path)
    (f,) = validate(read_workbook(path), config=Config(select=frozenset({"project-name-mismatch"})))
    assert (f.sheet, f.cell, f.value, f.project_code, f.ctx["name"]) == (
        "绩效指标",
        "B8",
        "普惠金融",
        P1,
        "普惠金融发展专项资金",
    )
    assert f.message("zh") == "项目名称“普惠金融”与“项目”表中该项目的名称“普惠金融发展专项资金”不一致"


def _cost(value: str, sign: str | None, unit: str | None) -> Dataset:
    # P0's 成本指标 (row 3 of its table): 预算数 10.00 万元.
    return edit_indicator(make_dataset(), 0, 3, value=value, sign=sign, unit=unit)


def test_cost_over_budget_needs_a_sign_and_a_unit(tmp_path: Path) -> None:
    assert [f.value for f in check(_cost("100", "≤", "万元"), tmp_path, "cost-over-budget")] == ["≤100万元"]
    assert check(_cost("100", None, "万元"), tmp_path, "cost-over-budget") == []  # no sign: sign-missing's
    assert check(_cost("约十万", "≤", "万元"), tmp_path, "cost-over-budget") == []  # no number to compare


def test_generic_profile_does_not_ask_codes_to_start_with_the_division(tmp_path: Path) -> None:
    ds = edit_project(make_dataset().model_copy(update={"profile": "generic"}), 1, code="GD-2021-0007")
    assert check(ds, tmp_path, "project-code-format") == []
    hebei = edit_project(make_dataset(), 1, code="130435214GIWQV0OPVG49")  # the bundled example's profile
    assert [f.value for f in check(hebei, tmp_path, "project-code-format")] == ["130435214GIWQV0OPVG49"]


def test_a_placeholder_unit_code_of_a_project(tmp_path: Path) -> None:
    (f,) = check(edit_project(make_dataset(), 1, unit_code="待补-0123456789"), tmp_path, "placeholder-code")
    assert (f.sheet, f.cell, f.value, f.project_code) == ("项目", "A3", "待补-0123456789", P1)
    assert f.message("zh") == "单位编码“待补-0123456789”是导入时生成的临时编码，请填写正式编码"


def test_project_code_year_passes_over_placeholders_under_any_pattern(tmp_path: Path) -> None:
    # A profile with a year part but no code pattern: a placeholder would match any form,
    # and its characters 7-8 ("34") are digits, yet it is no code to read a year from.
    profile = tmp_path / "open.yaml"
    profile.write_text("name: open\nproject_code:\n  pattern: null\n  year_digits: [6, 8]\n", encoding="utf-8")
    ds = make_dataset().model_copy(update={"profile": str(profile)})
    ds = edit_project(ds, 0, code="待补-0123456789")
    ds = edit_project(ds, 1, code="130434204GIWQV0OPVG49")  # year part 20 in 2021: still reported
    assert [(f.cell, f.ctx["part"]) for f in check(ds, tmp_path, "project-code-year")] == [("B3", "20")]


def test_level3_repeating_a_level1_written_as_an_alias(tmp_path: Path) -> None:
    # A taxonomy whose 一级 产出指标 may be written 项目产出: a 三级 that says 产出指标 under
    # 项目产出 repeats its 一级 by the standard name.
    ds = edit_indicator(make_dataset(), 0, 0, level1="项目产出", level3="产出指标")
    ctx = Context(read_workbook(write_workbook(ds, tmp_path / "b.xlsx")))
    ctx.taxonomy = dataclasses.replace(load_taxonomy("v2015"), aliases1={"项目产出": "产出指标"})
    (f,) = Level3Placeholder().check(ctx)
    assert (f.cell, f.value, f.ctx["level"]) == ("F2", "产出指标", "一级指标")


def _plan(**months: Decimal | None) -> Dataset:
    """P1 (项目 row 3, 支出计划 row 3: 3月底 C, 6月底 D, 10月底 E, 12月底 F) with these checkpoints."""
    ds = make_dataset()
    return edit_project(ds, 1, schedule=ds.projects[1].schedule.model_copy(update=months))


def test_schedule_findings_name_the_project(tmp_path: Path) -> None:
    (f,) = check(_plan(mar=Decimal(120)), tmp_path, "schedule-range")
    assert (f.sheet, f.cell, f.value, f.project_code) == ("支出计划", "C3", "120.00", P1)
    (f,) = check(_plan(jun=Decimal(20)), tmp_path, "schedule-decreasing")  # 25 at 3月底, then 20
    assert (f.sheet, f.cell, f.value, f.project_code, f.ctx["previous"]) == ("支出计划", "D3", "20.00", P1, "25.00")


def test_schedule_range_takes_0_and_fractions_of_a_percent(tmp_path: Path) -> None:
    assert check(_plan(mar=Decimal(0)), tmp_path, "schedule-range") == []
    assert check(_plan(mar=Decimal("0.50")), tmp_path, "schedule-range") == []


def test_schedule_decreasing_compares_with_the_highest_so_far(tmp_path: Path) -> None:
    # 60 at 3月底, 40 at 6月底 (below 60), 50 at 10月底 (still below 60, though above 40).
    found = check(_plan(mar=Decimal(60), jun=Decimal(40), oct=Decimal(50)), tmp_path, "schedule-decreasing")
    assert [(f.cell, f.ctx["previous"]) for f in found] == [("D3", "60.00"), ("E3", "60.00")]


def test_schedule_decreasing_after_a_blank_checkpoint(tmp_path: Path) -> None:
    found = check(_plan(mar=None, jun=Decimal(60), oct=Decimal(40)), tmp_path, "schedule-decreasing")
    assert [f.cell for f in found] == ["E3"]


def test_schedule_gap_between_later_checkpoints(tmp_path: Path) -> None:
    # 25, 50, blank, 100: the gap is at 10月底, after the second filled checkpoint.
    (f,) = check(_plan(oct=None), tmp_path, "schedule-gap")
    assert (f.cell, f.project_code, f.ctx["label"]) == ("E3", P1, "10月底")


def test_a_sentence_that_differs_by_a_letter_at_its_end_is_another_sentence(tmp_path: Path) -> None:
    ds = edit_project(
        make_dataset(), 1, goals="提高群众满意度水平X。提高群众满意度水平。"
    )  # X: only spaces and commas are trimmed
    assert check(ds, tmp_path, "repeated-sentence") == []


def test_a_level3_of_xxxx_under_blank_or_unknown_levels_repeats_nothing(tmp_path: Path) -> None:
    ds = edit_indicator(make_dataset(), 0, 0, level1=None, level2=None, level3="XXXX")  # blanks: required-cell's
    ds = edit_indicator(ds, 0, 1, level1="其他指标", level2="其他二级", level3="XXXX")  # unknown: not standard names
    assert check(ds, tmp_path, "level3-placeholder") == []


def test_near_copy_counts_a_repeated_row_as_often_as_both_tables_have_it(tmp_path: Path) -> None:
    base = make_dataset().projects[1]
    twice = [("培训人数", "80"), ("培训人数", "80"), ("结业人数", "70"), ("就业人数", "60"), ("创业人数", "10")]
    a = _project(base, 1, [*twice, ("回访人数", "50")])
    other = _project(base, 2, [("甲", "1"), ("乙", "2"), ("丙", "3"), ("丁", "4")])  # shares nothing
    b = _project(base, 3, [*twice, ("回访人数", "55")])
    (f,) = check(_with_projects([a, other, b]), tmp_path, "near-copy-indicator-table")
    # B and A share 培训人数 twice, 结业, 就业, 创业: 5 of 6 rows (counted once, 培训人数 would give 4).
    assert (f.cell, f.ctx["other"], f.ctx["matched"], f.ctx["rows"], f.ctx["changed"]) == ("C4", a.code, 5, 6, 1)
