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
    assert at(findings, "schedule-gap") == {("支出计划", "D23")}


def test_counts_written_as_cishu(findings: list[Finding]) -> None:
    # 公共就业服务机构经费: "≥1次数", "≥2次数", "≥1次数"; 创业扶持资金: 促经济发展 "≥1万".
    nonstandard = {(f.cell, f.value) for f in findings if f.code == "unit-nonstandard"}
    assert {("I116", "次数"), ("I117", "次数"), ("I118", "次数"), ("I169", "万")} <= nonstandard
    # 信息发布率 (a rate) counted in 次数; 完成率 too.
    assert {("绩效指标", "I117"), ("绩效指标", "I118")} <= at(findings, "name-unit-mismatch")


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
    repeated = {(f.cell, f.project_code) for f in findings if f.code == "repeated-sentence"}
    assert repeated == {("H3", "130434214GIWQV0OPVG49"), ("H13", "13043421K2V6G1P3UOWCH")}


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
