"""The stage rules at their edges (found by mutation testing): inclusive bounds, blank cells, projects skipped.

Stage-sheet letters: 绩效自评-项目 E 年初预算数, F 全年预算数, G 全年执行数; 绩效自评-指标 I 实际完成值,
J 得分, K 偏差原因; 执行监控-项目 H 1-7月执行数; 执行监控-指标 G 年度指标值, O 完成目标可能性.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from perfxl.check.engine import validate
from perfxl.core.findings import Finding
from perfxl.stages import refresh
from perfxl.workbook import read_workbook
from perfxl.workbook.writer import write_workbook
from tests.conftest import make_dataset
from tests.year.test_refresh import openpyxl_book
from tests.year.test_score_workbook import evaluated_book
from tests.year.test_stage_rules import stage_findings


def findings_of(book: Path, code: str) -> list[Finding]:
    return [f for f in validate(read_workbook(book)) if f.code == code]


def cells_of(book: Path, code: str) -> list[str | None]:
    return [f.cell for f in findings_of(book, code)]


def column_named(ws: Worksheet, header: str) -> str:
    """The letter of a header on row 1 (绩效指标's letters are not pinned here)."""
    for cell in ws[1]:
        if cell.value == header:
            return str(cell.column_letter)
    raise KeyError(header)


def monitored_book(tmp_path: Path) -> tuple[Path, Workbook]:
    """The conftest dataset as a workbook with the 执行监控 sheets of 7月, and that workbook open for editing."""
    book = write_workbook(make_dataset(), tmp_path / "2021.xlsx")
    refresh(book, "monitor", 7)
    return book, openpyxl_book(book)


def p2_weighing_110(tmp_path: Path) -> Path:
    """The fixture with P2's 满意度 at 20 points (10 + 25 + 25 + 30 + 20 = 110), 绩效自评 sheets made."""
    ds = make_dataset()
    p1, p2 = ds.projects
    heavy = p2.indicators[3].model_copy(update={"weight": Decimal(20)})
    p2 = p2.model_copy(update={"indicators": (*p2.indicators[:3], heavy)})
    book = write_workbook(ds.model_copy(update={"projects": (p1, p2)}), tmp_path / "2021.xlsx")
    refresh(book, "evaluate")
    return book


def test_score_range_includes_both_ends(tmp_path: Path) -> None:
    book = evaluated_book(tmp_path)
    wb = openpyxl_book(book)
    ind = wb["绩效自评-指标"]
    ind["J3"] = 0  # P1 #2 (分值 12.5): 0 is within 0–12.5
    ind["J4"] = 12.5  # P1 #3: exactly its 分值
    ind["I6"], ind["J6"] = "达成年度指标", 30  # P1 #5: the top band 80–100 % of 30 includes 30
    ind["J7"] = 11  # P1 #6 (分值 10): above it, reported although the rows before were fine
    wb.save(book)
    assert cells_of(book, "evaluation-score-range") == ["J7"]


def test_a_zero_inside_the_lowest_band_is_fine(tmp_path: Path) -> None:
    book = evaluated_book(tmp_path)
    wb = openpyxl_book(book)
    wb["绩效自评-指标"]["I6"], wb["绩效自评-指标"]["J6"] = "未达成年度指标且效果较差", 0  # band 0–60 % of 30
    wb.save(book)
    assert cells_of(book, "evaluation-score-range") == []


def test_a_score_beside_another_problem_is_not_a_range_finding(tmp_path: Path) -> None:
    book = evaluated_book(tmp_path)
    wb = openpyxl_book(book)
    wb["绩效自评-指标"]["I3"], wb["绩效自评-指标"]["J3"] = "完成", 5  # a word for ≥95%: text-actual, not range
    wb.save(book)
    assert cells_of(book, "evaluation-text-actual") == ["I3"]
    assert cells_of(book, "evaluation-score-range") == []


def test_a_typed_score_on_a_qualitative_tier_needs_a_reason(tmp_path: Path) -> None:
    book = evaluated_book(tmp_path)
    wb = openpyxl_book(book)
    wb["绩效自评-指标"]["I6"], wb["绩效自评-指标"]["J6"] = "部分达成年度指标并具有一定效果", 20  # 18–24 of 30
    wb.save(book)
    (f,) = [f for f in findings_of(book, "evaluation-missing-reason") if f.cell == "K6"]
    assert (f.value, f.ctx["weight"]) == ("20", "30")


def test_an_indicator_without_its_self_evaluation_row_is_passed_over(tmp_path: Path) -> None:
    book = evaluated_book(tmp_path)
    wb = openpyxl_book(book)
    wb["绩效自评-指标"].delete_rows(3)  # P1 #2's row is gone; P1 #4 moves to row 4, P2 #3 to row 9
    wb.save(book)
    assert cells_of(book, "evaluation-missing-reason") == ["K2", "K4", "K9"]


def test_over_budget_after_a_project_without_spending_and_not_at_exactly_the_budget(tmp_path: Path) -> None:
    book = evaluated_book(tmp_path)
    wb = openpyxl_book(book)
    proj = wb["绩效自评-项目"]
    proj["G2"] = None  # P1: 全年执行数 blank
    proj["G3"] = 60  # P2: 60 of 58.05
    wb.save(book)
    assert cells_of(book, "evaluation-over-budget") == ["G3"]
    proj["G2"], proj["G3"] = 10, 58.05  # exactly the budget: 100 %, fine
    wb.save(book)
    assert cells_of(book, "evaluation-over-budget") == []


def test_over_budget_falls_back_to_the_projects_budget(tmp_path: Path) -> None:
    book = evaluated_book(tmp_path)
    wb = openpyxl_book(book)
    proj = wb["绩效自评-项目"]
    proj["E3"], proj["F3"], proj["G3"] = None, None, 60  # P2: no budget on the sheet → 预算数 58.05 of 项目
    wb.save(book)
    (f,) = findings_of(book, "evaluation-over-budget")
    assert (f.cell, f.ctx["budget"], f.ctx["rate"]) == ("G3", "58.05", "103.36")  # 60 / 58.05 = 103.36 %


def test_weights_total_passes_over_projects_it_cannot_total(tmp_path: Path) -> None:
    ds = make_dataset()
    p1, p2 = ds.projects
    odd = p1.indicators[0].model_copy(update={"level1": "其他指标"})  # no default points, none typed
    heavy = p2.indicators[3].model_copy(update={"weight": Decimal(20)})  # P2 满意度 10 → 20: 110 in all
    p1 = p1.model_copy(update={"indicators": (odd, *p1.indicators[1:])})
    p2 = p2.model_copy(update={"indicators": (*p2.indicators[:3], heavy)})
    book = write_workbook(ds.model_copy(update={"projects": (p1, p2)}), tmp_path / "2021.xlsx")
    refresh(book, "evaluate")
    wb = openpyxl_book(book)
    wb["绩效自评-项目"]["G2"], wb["绩效自评-项目"]["G3"] = 9.5, 46.44  # both projects under evaluation
    wb.save(book)
    # 10 + 25 + 25 + 30 + 20 = 110 for P2; P1 has an indicator without points and is left to perfxl score
    assert [(f.cell, f.value) for f in findings_of(book, "evaluation-weights-total")] == [("A3", "110")]


def test_weights_total_after_a_project_not_under_evaluation(tmp_path: Path) -> None:
    book = p2_weighing_110(tmp_path)
    wb = openpyxl_book(book)
    wb["绩效自评-项目"].delete_rows(2)  # P1: no 绩效自评 row …
    wb["绩效自评-指标"].delete_rows(2, 6)  # … and none of its six indicators: not under evaluation
    wb.save(book)
    assert [(f.cell, f.value) for f in findings_of(book, "evaluation-weights-total")] == [("A2", "110")]


def test_lagging_after_a_project_without_monitoring(tmp_path: Path) -> None:
    book, wb = monitored_book(tmp_path)
    wb["执行监控-项目"].delete_rows(2)  # P1 has no monitoring row; P2 moves to row 2
    wb["执行监控-项目"]["H2"] = 23.22  # 40 % against the plan's 56.25 %
    wb.save(book)
    assert cells_of(book, "monitor-lagging") == ["H2"]


def test_doubt_names_the_indicator(tmp_path: Path) -> None:
    ds = make_dataset()
    book, wb = monitored_book(tmp_path)
    wb["执行监控-指标"]["O2"] = "有可能"  # P1 #1, unexplained
    wb.save(book)
    (f,) = findings_of(book, "monitor-doubt-unexplained")
    assert f.ctx["name"] == ds.projects[0].indicators[0].level3 == "担保贷款发放人数"
    level3 = column_named(wb["绩效指标"], "三级指标")
    wb["绩效指标"][f"{level3}2"] = None  # the indicator loses its name
    wb.save(book)
    (f,) = findings_of(book, "monitor-doubt-unexplained")
    assert f.ctx["name"] == ""


def test_target_changed_shows_a_blank_on_either_side_as_blank(tmp_path: Path) -> None:
    book, wb = monitored_book(tmp_path)
    wb["执行监控-指标"]["G2"] = None  # the sheet's 年度指标值 of P1 #1 erased (the target is ≥80人)
    value = column_named(wb["绩效指标"], "指标值")
    unit = column_named(wb["绩效指标"], "计量单位")
    sign = column_named(wb["绩效指标"], "计算符号")
    for column in (sign, value, unit):  # P1 #2's target erased on 绩效指标 (the sheet shows ≥95%)
        wb["绩效指标"][f"{column}3"] = None
    wb.save(book)
    found = {f.cell: (f.value, f.ctx["target"]) for f in findings_of(book, "stage-target-changed")}
    assert found["G2"] == ("", "≥80人")
    assert found["G3"][1] == ""
    assert stage_findings(book)  # (the same findings through the shared helper)


def test_a_finding_on_a_missing_row_or_column_has_no_cell(tmp_path: Path) -> None:
    book = p2_weighing_110(tmp_path)
    wb = openpyxl_book(book)
    wb["绩效自评-项目"].delete_rows(3)  # P2's project row is gone; its indicators are still being evaluated
    wb["绩效自评-指标"]["I8"] = "4次"
    wb["绩效自评-指标"]["I9"] = "60万元"  # P2 #2 ≤58.05万元 missed: below its 分值, no reason can be given
    wb["绩效自评-指标"].delete_cols(11)  # K 偏差原因分析及改进措施 is gone
    wb.save(book)
    (total,) = findings_of(book, "evaluation-weights-total")
    assert (total.sheet, total.row, total.cell, total.value) == ("绩效自评-项目", None, None, "110")
    reasons = findings_of(book, "evaluation-missing-reason")
    assert {(f.sheet, f.column, f.cell) for f in reasons} == {("绩效自评-指标", None, None)}


def test_a_finding_on_a_missing_stage_sheet_names_the_sheet(tmp_path: Path) -> None:
    book = p2_weighing_110(tmp_path)
    wb = openpyxl_book(book)
    del wb["绩效自评-项目"]
    wb["绩效自评-指标"]["I8"] = "4次"
    wb.save(book)
    totals = findings_of(book, "evaluation-weights-total")
    assert [(f.sheet, f.cell, f.value) for f in totals] == [("绩效自评-项目", None, "110")]


def test_lagging_names_the_month_column(tmp_path: Path) -> None:
    book, wb = monitored_book(tmp_path)
    wb["执行监控-项目"]["H3"] = 23.22
    wb.save(book)
    (f,) = findings_of(book, "monitor-lagging")
    assert f.ctx["column"] == "1-7月执行数"


def test_target_changed_to_nothing_shows_as_blank(tmp_path: Path) -> None:
    book, wb = monitored_book(tmp_path)
    goals = column_named(wb["项目"], "绩效目标")
    wb["项目"][f"{goals}2"] = None  # P1's 绩效目标 deleted after the stage sheet was made
    wb.save(book)
    found = {f.cell: (f.value, f.ctx["target"]) for f in findings_of(book, "stage-target-changed")}
    assert found["E2"] == ("帮助更多的劳动者实现就业创业。", "")


def test_target_changed_on_a_later_project_when_the_first_has_no_stage_row(tmp_path: Path) -> None:
    # P1 leaves both 执行监控 sheets (its project row 2, its six indicator rows 2–7); P2 #1 (now row 2 of
    # 执行监控-指标) shows 4次 while 绩效指标 row 8 says 5次.
    book, wb = monitored_book(tmp_path)
    wb["执行监控-项目"].delete_rows(2)
    wb["执行监控-指标"].delete_rows(2, 6)
    wb["绩效指标"][f"{column_named(wb['绩效指标'], '指标值')}8"] = "5"
    wb.save(book)
    found = {f.cell: (f.value, f.ctx["target"]) for f in findings_of(book, "stage-target-changed")}
    assert found == {"G2": ("4次", "5次")}


def test_weights_total_falls_back_to_the_targets_weight_when_no_points_are_typed(tmp_path: Path) -> None:
    # P2 #4's 分值 (row 11 of 绩效自评-指标: P1 #1–#6 on rows 2–7, P2 #1–#4 on rows 8–11) is cleared:
    # its 权重 of 20 on 绩效指标 counts instead, so P2 still totals 110.
    book = p2_weighing_110(tmp_path)
    wb = openpyxl_book(book)
    sheet = wb["绩效自评-指标"]
    sheet[f"{column_named(sheet, '分值')}11"] = None
    wb.save(book)
    (total,) = findings_of(book, "evaluation-weights-total")
    assert total.value == "110"
