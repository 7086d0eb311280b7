"""The stage rules on real workbooks: each FAIL found at its cell, the PASS cases quiet."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from perfxl.check.engine import validate
from perfxl.stages import refresh
from perfxl.workbook import read_workbook
from perfxl.workbook.writer import write_workbook
from tests.conftest import make_dataset
from tests.year.test_refresh import P1, P2, openpyxl_book
from tests.year.test_score_workbook import evaluated_book

STAGE_CODES = ("monitor-", "evaluation-", "stage-")


def stage_findings(book: Path) -> list[tuple[str, str | None, str | None, object]]:
    found = validate(read_workbook(book))
    return sorted((f.code, f.sheet, f.cell, f.value) for f in found if f.code.startswith(STAGE_CODES))


def stage_messages(book: Path) -> dict[tuple[str, str | None], tuple[str, str]]:
    """(code, cell) → the message in Chinese and in English."""
    found = validate(read_workbook(book))
    return {(f.code, f.cell): (f.message("zh"), f.message("en")) for f in found if f.code.startswith(STAGE_CODES)}


def test_monitoring_rules(tmp_path: Path) -> None:
    book = write_workbook(make_dataset(), tmp_path / "2021.xlsx")
    refresh(book, "monitor", 7)
    wb = openpyxl_book(book)
    proj = wb["执行监控-项目"]
    # P2's plan 25/50/75/100 % gives 56.25 % at 7月底; 23.22 of 58.05 = 40 % → 16.25 points behind.
    proj["H3"] = 23.22
    # P1's plan reaches 70 % at 7月底; 6 of 10 = 60 %: exactly 10 points behind, allowed.
    proj["H2"] = 6
    ind = wb["执行监控-指标"]
    ind["O2"] = "有可能"  # P1 #1: no reason, no measure
    ind["O3"], ind["J3"] = "完全不可能", "资金未到位"  # P1 #2: a reason but no measure
    ind["O4"], ind["K4"], ind["P4"] = "有可能", "制度未出台", "督促出台"  # P1 #3: explained — PASS
    ind["O5"] = "大概"  # P1 #4: not a dropdown value (and no reasons: unexplained as well)
    ind["O6"] = "确定能"  # PASS
    wb["绩效指标"]["I8"] = "5"  # P2 #1 target 4次 → 5次 after the sheet was made
    wb.save(book)
    assert stage_findings(book) == [
        ("monitor-doubt-unexplained", "执行监控-指标", "O2", "有可能"),
        ("monitor-doubt-unexplained", "执行监控-指标", "O3", "完全不可能"),
        ("monitor-doubt-unexplained", "执行监控-指标", "O5", "大概"),
        ("monitor-lagging", "执行监控-项目", "H3", "40.00"),
        ("monitor-likelihood-unknown", "执行监控-指标", "O5", "大概"),
        ("stage-target-changed", "执行监控-指标", "G8", "4次"),
    ]
    assert stage_messages(book) == {
        ("monitor-doubt-unexplained", "O2"): (
            "完成目标可能性为「有可能」，缺少偏差原因、纠偏措施",
            "完成目标可能性 is '有可能' but the 偏差原因 and the 纠偏措施 are missing",
        ),
        ("monitor-doubt-unexplained", "O3"): (
            "完成目标可能性为「完全不可能」，缺少纠偏措施",
            "完成目标可能性 is '完全不可能' but the 纠偏措施 is missing",
        ),
        ("monitor-doubt-unexplained", "O5"): (
            "完成目标可能性为「大概」，缺少偏差原因、纠偏措施",
            "完成目标可能性 is '大概' but the 偏差原因 and the 纠偏措施 are missing",
        ),
        ("monitor-likelihood-unknown", "O5"): (
            "完成目标可能性「大概」不在可选值（确定能/有可能/完全不可能）之中",
            "完成目标可能性 '大概' is not one of 确定能, 有可能, 完全不可能",
        ),
        ("stage-target-changed", "G8"): (
            "「年度指标值」显示「4次」，但目标表现为「5次」：目标在阶段表生成后改过（以目标表为准，可重新运行 perfxl stage）",
            "年度指标值 shows '4次' but the targets now say '5次': changed after this sheet was made "
            "(the targets count; re-run perfxl stage)",
        ),
        # 23.22 / 58.05 = 40.00 %; the plan at 7月底 is 56.25 %: 56.25 − 40.00 = 16.25 points
        ("monitor-lagging", "H3"): (
            "1-7月执行率 40.00% 落后于支出计划进度 56.25%，差 16.25 个百分点（允许 10）",
            "40.00% spent by the end of month 7, 16.25 points behind the plan's 56.25% (allowed: 10)",
        ),
    }


def test_evaluation_rules(tmp_path: Path) -> None:
    book = evaluated_book(tmp_path)  # scored by hand in test_score_workbook: no findings but missing reasons
    assert stage_findings(book) == [
        # P1 #1 11.25 of 12.5 and P1 #4 10 of 12.5 (≤10万元 missed), P2 #3 24 of 30: no 偏差原因
        ("evaluation-missing-reason", "绩效自评-指标", "K10", "24"),  # (sorted as text: K10 before K2)
        ("evaluation-missing-reason", "绩效自评-指标", "K2", "11.25"),
        ("evaluation-missing-reason", "绩效自评-指标", "K5", "10"),
    ]
    assert stage_messages(book)["evaluation-missing-reason", "K2"] == (
        "得分 11.25 低于分值 12.5，但偏差原因分析及改进措施为空",
        "得分 11.25 is below the 分值 12.5 but 偏差原因分析及改进措施 is blank",
    )
    wb = openpyxl_book(book)
    ind = wb["绩效自评-指标"]
    ind["K2"], ind["K5"], ind["K10"] = "申请人数少", "单价上涨", "户数少"  # reasons given: quiet
    ind["I3"] = "完成"  # P1 #2 ≥95% with a word
    ind["I4"] = "151%"  # P1 #3 =100%: 151 > 100 × 1.5
    ind["I6"], ind["J6"], ind["K6"] = (
        "部分达成",
        27,
        "效果一般",
    )  # P1 #5 (30 points, target 是): 27 is 90 %, above the band's 80 %
    ind["H7"] = 20  # P1 #6 分值 10 → 20: 10 + 4 × 12.5 + 30 + 20 = 110
    ind["J7"] = 25  # … and a typed 得分 above it
    proj = wb["绩效自评-项目"]
    proj["G3"] = 60  # P2: 60 of 年初预算数 58.05
    wb.save(book)
    assert stage_findings(book) == [
        ("evaluation-over-budget", "绩效自评-项目", "G3", "60.00"),
        ("evaluation-over-target", "绩效自评-指标", "I4", "151%"),
        ("evaluation-score-range", "绩效自评-指标", "J6", "27"),
        ("evaluation-score-range", "绩效自评-指标", "J7", "25"),
        ("evaluation-text-actual", "绩效自评-指标", "I3", "完成"),
        ("evaluation-weights-total", "绩效自评-项目", "A2", "110"),
    ]
    assert stage_messages(book) == {
        ("evaluation-over-budget", "G3"): (
            # 60 / 58.05 = 1.033591… → 103.36 %
            "全年执行数 60.00 超过预算数 58.05（执行率 103.36%）",
            "全年执行数 60.00 exceeds the budget 58.05 (execution rate 103.36%)",
        ),
        ("evaluation-over-target", "I4"): (
            "实际完成值「151%」远超年度指标值「100%」（超出 50.00% 以上），目标是否定得过低？",
            "the actual '151%' is far above the target '100%' (by more than 50.00%): was the target set too low?",
        ),
        ("evaluation-score-range", "J6"): (
            # 部分达成 earns 60–80 % of 30 points: 18–24
            "得分 27 超出范围：得分 27 不在「部分达成年度指标并具有一定效果」的区间 18–24 分内",
            "得分 27 is out of range: 得分 27 lies outside '部分达成年度指标并具有一定效果''s range of 18–24 points",
        ),
        ("evaluation-score-range", "J7"): (
            "得分 25 超出范围：应在 0 与分值 20 之间",
            "得分 25 is out of range: it must lie between 0 and 分值 20",
        ),
        ("evaluation-text-actual", "I3"): (
            "年度指标值是数值，实际完成值「完成」不是，无法计分",
            "the target is a number but the actual '完成' is not: it cannot be scored",
        ),
        ("evaluation-weights-total", "A2"): (
            "预算执行率分值与各指标分值合计 110，应为 100",
            "the points of 预算执行率 and the indicators add up to 110, not 100",
        ),
    }


def test_a_workbook_without_stage_sheets_gets_no_stage_findings(tmp_path: Path) -> None:
    book = write_workbook(make_dataset(), tmp_path / "2021.xlsx")
    assert stage_findings(book) == []
    assert P1 and P2  # the fixture's two projects


def test_stage_findings_carry_row_column_project_and_the_column_header(tmp_path: Path) -> None:
    book = evaluated_book(tmp_path)
    found = {f.cell: f for f in validate(read_workbook(book)) if f.code == "evaluation-missing-reason"}
    j10 = found["K10"]  # P2 #3 on row 10 of 绩效自评-指标
    assert (j10.sheet, j10.row, j10.column, j10.project_code) == ("绩效自评-指标", 10, "K", P2)
    assert j10.ctx["column"] == "偏差原因分析及改进措施"
    assert (found["K2"].row, found["K2"].project_code) == (2, P1)


def test_a_project_evaluated_on_its_indicators_alone_is_checked(tmp_path: Path) -> None:
    book = evaluated_book(tmp_path)
    wb = openpyxl_book(book)
    wb["绩效自评-项目"].delete_rows(3)  # P2 keeps its indicator rows but has no project row
    wb.save(book)
    assert ("evaluation-missing-reason", "绩效自评-指标", "K10", "24") in stage_findings(book)


def test_weights_are_not_summed_for_a_project_without_self_evaluation(tmp_path: Path) -> None:
    ds = make_dataset()
    p1 = ds.projects[0]
    heavier = p1.indicators[5].model_copy(update={"weight": Decimal(20)})  # 满意度 10 → 20: 110 in all
    p1 = p1.model_copy(update={"indicators": (*p1.indicators[:5], heavier)})
    book = write_workbook(ds.model_copy(update={"projects": (p1, *ds.projects[1:])}), tmp_path / "2021.xlsx")
    assert stage_findings(book) == []  # no 绩效自评 data: nothing is scored yet
    refresh(book, "evaluate")
    wb = openpyxl_book(book)
    wb["绩效自评-指标"]["I2"] = "72人"  # now P1 is being evaluated: 10 + 4 × 12.5 + 30 + 20 = 110
    wb.save(book)
    assert ("evaluation-weights-total", "绩效自评-项目", "A2", "110") in stage_findings(book)
