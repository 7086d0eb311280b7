"""The stage rules on real workbooks: each FAIL found at its cell, the PASS cases quiet."""

from __future__ import annotations

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
    wb["绩效指标"]["H8"] = "5"  # P2 #1 target 4次 → 5次 after the sheet was made
    wb.save(book)
    assert stage_findings(book) == [
        ("monitor-doubt-unexplained", "执行监控-指标", "O2", "有可能"),
        ("monitor-doubt-unexplained", "执行监控-指标", "O3", "完全不可能"),
        ("monitor-doubt-unexplained", "执行监控-指标", "O5", "大概"),
        ("monitor-lagging", "执行监控-项目", "H3", "40.00"),
        ("monitor-likelihood-unknown", "执行监控-指标", "O5", "大概"),
        ("stage-target-changed", "执行监控-指标", "G8", "4次"),
    ]


def test_evaluation_rules(tmp_path: Path) -> None:
    book = evaluated_book(tmp_path)  # scored by hand in test_score_workbook: no findings but missing reasons
    assert stage_findings(book) == [
        # P1 #1 11.25 of 12.5 and P1 #4 10 of 12.5 (≤10万元 missed), P2 #3 24 of 30: no 偏差原因
        ("evaluation-missing-reason", "绩效自评-指标", "K10", "24"),  # (sorted as text: K10 before K2)
        ("evaluation-missing-reason", "绩效自评-指标", "K2", "11.25"),
        ("evaluation-missing-reason", "绩效自评-指标", "K5", "10"),
    ]
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


def test_a_workbook_without_stage_sheets_gets_no_stage_findings(tmp_path: Path) -> None:
    book = write_workbook(make_dataset(), tmp_path / "2021.xlsx")
    assert stage_findings(book) == []
    assert P1 and P2  # the fixture's two projects
