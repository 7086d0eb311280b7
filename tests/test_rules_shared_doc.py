"""The rules on the real published document (imported, written as a workbook, validated).

Each asserted finding was checked by hand against templates/examples/weixian-2021.txt.
"""

from __future__ import annotations

import pytest

from perfxl.check.config import Config
from perfxl.check.engine import validate
from perfxl.core.findings import Finding
from perfxl.importers import import_document
from perfxl.workbook import read_workbook
from perfxl.workbook.writer import write_workbook
from tests.conftest import SHARED_DOC


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> list[Finding]:
    dataset = import_document(SHARED_DOC).dataset
    path = write_workbook(dataset, tmp_path_factory.mktemp("shared") / "weixian-2021.xlsx")
    return validate(read_workbook(path), config=Config())


def at(findings: list[Finding], code: str) -> set[tuple[str | None, str | None]]:
    return {(f.sheet, f.cell) for f in findings if f.code == code}


def test_money_in_text_larger_than_the_budget(findings: list[Finding]) -> None:
    # 小额贷款担保基金: 预算数 10.00 万元, yet 资金用途 ends "所需资金20万元。"
    (f,) = [f for f in findings if f.code == "text-money-over-budget"]
    assert (f.sheet, f.cell, f.value, f.project_code) == ("项目", "G2", "20万元", "130434211Y0DO65S99Z10")


def test_gap_in_the_spending_plan(findings: list[Finding]) -> None:
    # 农保工作经费: 3月底 blank, 6月底 50%, 10月底 blank, 12月底 100%.
    assert at(findings, "schedule-gap") == {("支出计划", "E23")}


def test_counts_written_as_cishu(findings: list[Finding]) -> None:
    # 公共就业服务机构经费: "≥1次数", "≥2次数", "≥1次数"; 创业扶持资金: 促经济发展 "≥1万".
    nonstandard = {(f.cell, f.value) for f in findings if f.code == "unit-nonstandard"}
    assert {("J116", "次数"), ("J117", "次数"), ("J118", "次数"), ("J169", "万")} <= nonstandard
    # 信息发布率 (a rate, 质量指标) counted in 次数.  完成率 (时效指标) in 次数 too, but there unit-kind
    # already says the unit is wrong: one finding per cell (issue 14).
    assert {("绩效指标", "J117")} == at(findings, "name-unit-mismatch") & {("绩效指标", "J117"), ("绩效指标", "J118")}
    assert ("绩效指标", "J118") in at(findings, "unit-kind")


def test_cost_indicators_given_as_percentages(findings: list[Finding]) -> None:
    # 劳动保障监察工作经费: 成本指标 / 项目成本 / "5万" as description, "100%" as the value.
    cost_in_percent = [f for f in findings if f.code == "unit-kind" and f.project_code == "130434219WPYU3G7L6523"]
    assert [(f.value, f.ctx["level2"]) for f in cost_in_percent] == [("%", "成本指标")]
    assert sum(1 for f in findings if f.code == "unit-kind" and f.value == "%") >= 20


def test_unexceedable_targets_and_misfiled_satisfaction(findings: list[Finding]) -> None:
    # "≥100%" appears 7 times in the document.
    assert len(at(findings, "percent-ceiling")) == 7
    # 社会养老工作经费: 城乡居民参保人员满意度 filed under 产出指标/质量指标.
    misfiled = {f.value for f in findings if f.code == "satisfaction-misfiled"}
    assert "城乡居民参保人员满意度" in misfiled


def test_copied_goals_between_the_two_puhui_projects(findings: list[Finding]) -> None:
    # The central and the provincial 普惠金融发展专项资金 projects carry the same 绩效目标.
    (f,) = [f for f in findings if f.code == "duplicate-goals-text"]
    assert (f.cell, f.project_code, f.ctx["other"]) == ("H13", "13043421K2V6G1P3UOWCH", "130434214GIWQV0OPVG49")


def test_the_same_sentence_twice_in_one_goal_text(findings: list[Finding]) -> None:
    # Both 普惠金融 goal texts say "贴息按时按月准确数发放到邮政，河北银行以保证贷款贴息资金及时到位。" twice in a row.
    repeated = {(f.cell, f.project_code, f.value) for f in findings if f.code == "repeated-sentence"}
    sentence = "贴息按时按月准确数发放到邮政，河北银行以保证贷款贴息资金及时到位"
    assert repeated == {
        ("H3", "130434214GIWQV0OPVG49", sentence),
        ("H13", "13043421K2V6G1P3UOWCH", sentence),
        # Repeated up to a comma (issue 14): 小额贷款担保基金 "有利于个人和小微企业资金周转，技术改造，扩大再生产。
        # 有利于个人和小微企业资金周转，技术改造，扩大再生产,用10万元…"; 创业贷款贴息资金 "…及时到位。贴息按时按月
        # 准确数发放到邮政，…及时到位,支持…"; 创业扶持资金 "加快创业孵化基地…提供低成本，便利化，…,加快创业孵化基地…".
        ("H2", "130434211Y0DO65S99Z10", "有利于个人和小微企业资金周转"),
        ("H14", "13043421KAA20VVP2G6DL", "贴息按时按月准确数发放到邮政"),
        ("H24", "13043421VS8GRDCOS447H", "加快创业孵化基地农村劳动力就业劳动力提供低成本"),
    }


def test_measures_filed_under_satisfaction_that_are_not_satisfaction(findings: list[Finding]) -> None:
    # Under 满意度指标 / 服务对象满意度指标, named and described without any 满意/好评/认可/评价/投诉:
    # 创业活力 "增强了社会创业动力" (both 普惠金融 projects and 创业贷款贴息资金), 促就业 "缓解了社会的就业压力",
    # 服务水平 "调查问卷了解服务水平", 促进了社会健康发展 "稳定了社会秩序".
    got = {(f.cell, f.value) for f in findings if f.code == "not-satisfaction"}
    assert got == {
        ("F17", "创业活力"),
        ("F92", "创业活力"),
        ("F100", "促就业"),
        ("F101", "创业活力"),
        ("F143", "服务水平"),
        ("F173", "促进了社会健康发展"),
    }


def test_level3_left_as_the_level2_name(findings: list[Finding]) -> None:
    # 小额贷款担保基金's satisfaction row: 三级指标 "服务对象满意度指标", the 二级 name itself.
    assert {(f.cell, f.value) for f in findings if f.code == "level3-placeholder"} == {("F9", "服务对象满意度指标")}


def test_near_copies_of_indicator_tables(findings: list[Finding]) -> None:
    # 城乡居民养老保险县级配套资金 and 城乡居民基础养老金县级配套部分 keep 5 of the 7 rows of the 代缴资金 table
    # (对基金监督, 落实情况, 社会稳定水平 ×2, 群众满意度); the provincial 就业补助资金 keeps 7 of the 9 rows of the
    # central one (only 创业补贴及时发放 and 岗位补贴每季度及时到位 swap 80% and 100%).
    got = {
        (f.cell, f.ctx["other"], f.ctx["matched"], f.ctx["rows"])
        for f in findings
        if f.code == "near-copy-indicator-table"
    }
    assert got == {
        ("C7", "1304342164S5M8SXBN2TV", 5, 7),
        ("C12", "1304342164S5M8SXBN2TV", 5, 7),
        ("C10", "13043421GBHT5ATATYKHU", 7, 9),
    }


def test_vague_targets_whose_only_number_is_a_percentage_of_nothing(findings: list[Finding]) -> None:
    # 促进就业形势 100% ("…就业水平的提高"), 社会稳定水平 ≥70% ("…逐步提高"), 提高社保经办机构水平 100%,
    # 营造良好工作环境 ≥80% ("提高服务质量"), 社会稳定水平 80% ("提高了工作效率").  群众满意度 80% with
    # "提高了工作效率" is a share, so checkable; 提高维权能力 ≥2次 counts something.
    got = {(f.cell, f.ctx["name"]) for f in findings if f.code == "vague-target"}
    assert got == {
        ("I8", "促进就业形势"),
        ("I36", "社会稳定水平"),
        ("I135", "提高社保经办机构水平"),
        ("I148", "营造良好工作环境"),
        ("I162", "社会稳定水平"),
    }


def test_one_finding_per_cell_for_units(findings: list[Finding]) -> None:
    # 城乡居民基本养老保险参保人数 in %: name-unit-mismatch names it; count-as-percent does not repeat it.
    assert ("绩效指标", "J123") in at(findings, "name-unit-mismatch")
    assert ("绩效指标", "J123") not in at(findings, "count-as-percent")
    unit_cells = [
        (f.sheet, f.cell) for f in findings if f.code in ("unit-kind", "name-unit-mismatch", "count-as-percent")
    ]
    assert len(unit_cells) == len(set(unit_cells))


def test_no_false_alarms_where_the_document_is_right(findings: list[Finding]) -> None:
    codes = {f.code for f in findings}
    for code in (
        "budget-sum",
        "money-decimals",
        "project-code-format",
        "project-code-year",
        "unknown-level1",
        "unknown-level2",
        "schedule-end",
        "schedule-decreasing",
        "required-cell",
        "missing-schedule",
    ):
        assert code not in codes, code
