"""A self-evaluation typed into a workbook, scored and written back; every figure worked by hand."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from perfxl.core.errors import InputError, UsageError
from perfxl.stages import refresh
from perfxl.stages.score import score_workbook, scores_json
from perfxl.stages.write import write_scores
from perfxl.workbook.writer import write_workbook
from tests.conftest import make_dataset
from tests.year.test_refresh import P1, P2, by_header, openpyxl_book

# P1 actuals against ≥80人, ≥95%, =100%, ≤10万元, 是, ≥90%; P2 against =4次, ≤58.05万元, >100户, ≥85%.
ACTUALS = {
    P1: ["72人", "96%", "100%", "12万元", "是", "95%"],
    P2: ["/", "50万元", "80户", "90%"],
}


def evaluated_book(tmp_path: Path) -> Path:
    book = write_workbook(make_dataset(), tmp_path / "2021.xlsx")
    refresh(book, "evaluate")
    wb = openpyxl_book(book)
    proj = wb["绩效自评-项目"]
    proj["F2"], proj["G2"] = 10, 9.5  # P1: 全年预算数 10, 全年执行数 9.5
    proj["G3"] = 46.44  # P2: 全年预算数 blank → 年初预算数 58.05
    ind = wb["绩效自评-指标"]
    row = 2
    for code in (P1, P2):
        for actual in ACTUALS[code]:
            ind.cell(row=row, column=9, value=actual)  # I: 实际完成值
            row += 1
    wb.save(book)
    return book


def test_score_and_write(tmp_path: Path) -> None:
    book = evaluated_book(tmp_path)
    scores = score_workbook(book)
    p1, p2 = scores.projects
    # P1 weights 10 | 12.5 ×4 | 30 | 10, nothing rescaled.
    # execution 9.5/10 = 95 % → 10 × 0.95 = 9.50
    assert (p1.execution.rate, p1.execution.score) == (D("95.00"), D("9.50"))
    # 12.5 × 72/80 = 11.25; 96 ≥ 95 → 12.50; 100 = 100 → 12.50; ≤10 missed: 12.5 × (2 − 12/10) = 10.00;
    # 是 = 是 → 30.00; 95 ≥ 90 → 10.00
    assert [s.score for s in p1.indicators] == [D("11.25"), D("12.50"), D("12.50"), D("10.00"), D("30.00"), D("10.00")]
    # 9.50 + 11.25 + 12.50 + 12.50 + 10.00 + 30.00 + 10.00 = 95.75 → 优
    assert (p1.total, p1.grade) == (D("95.75"), "优")
    # P2 weights 10 | 25, 25 | 30 | 10; #1 is "/" → 10, 25, 30, 10 rescaled to 100: 13.34, 33.33, 40.00, 13.33.
    # execution 46.44/58.05 = 80 % → 13.34 × 0.8 = 10.672 → 10.67
    assert (p2.execution.rate, p2.execution.weight, p2.execution.score) == (D("80.00"), D("13.34"), D("10.67"))
    # 50 ≤ 58.05 → 33.33; 40 × 80/100 = 32.00; 90 ≥ 85 → 13.33
    assert [s.score for s in p2.indicators] == [None, D("33.33"), D("32.00"), D("13.33")]
    # 10.67 + 33.33 + 32.00 + 13.33 = 89.33 → 良
    assert (p2.total, p2.grade) == (D("89.33"), "良")

    report = scores_json([scores])
    assert report["files"][0]["projects"][1] == {
        "code": P2,
        "execution": {"rate": "80.00", "weight": "13.34", "score": "10.67"},
        "indicators": [
            {"seq": 1, "weight": None, "score": None, "status": "not-applicable"},
            {"seq": 2, "weight": "33.33", "score": "33.33", "status": "scored"},
            {"seq": 3, "weight": "40.00", "score": "32.00", "status": "scored"},
            {"seq": 4, "weight": "13.33", "score": "13.33", "status": "scored"},
        ],
        "total": "89.33",
        "grade": "良",
    }

    backup = write_scores(scores)
    assert backup is not None and backup.exists()
    projects = by_header(book, "绩效自评-项目")
    # 执行率得分 on the printed 10 points: P1 10 × 0.95 = 9.5; P2 10 × 0.8 = 8
    assert [(p["执行率"], p["执行率得分"], p["总分"], p["等级"]) for p in projects] == [
        (0.95, 9.5, 95.75, "优"),
        (0.8, 8, 89.33, "良"),
    ]
    # 得分 on each row's own 分值: P2 #2 25 × 1 = 25, #3 30 × 0.8 = 24, #4 10; "/" leaves the cell empty.
    got = [i["得分"] for i in by_header(book, "绩效自评-指标")]
    assert got == [11.25, 12.5, 12.5, 10, 30, 10, None, 25, 24, 10]
    # Scoring the written workbook again gives the same result (the written cells are not inputs).
    assert score_workbook(book).projects == scores.projects


def test_a_typed_qualitative_score_stays(tmp_path: Path) -> None:
    book = evaluated_book(tmp_path)
    wb = openpyxl_book(book)
    ind = wb["绩效自评-指标"]
    ind["I6"], ind["J6"] = "部分达成", 20  # P1 #5 (效益 30, target 是): 20 of 30 = 66.7 %, inside [60 %, 80 %)
    wb.save(book)
    scores = score_workbook(book)
    p1 = scores.projects[0]
    assert (p1.indicators[4].status, p1.indicators[4].score) == ("scored", D("20.00"))
    # 95.75 − 30 + 20 = 85.75 → 良
    assert (p1.total, p1.grade) == (D("85.75"), "良")
    write_scores(scores, output=tmp_path / "out.xlsx")
    assert by_header(tmp_path / "out.xlsx", "绩效自评-指标")[4]["得分"] == 20


def test_pending_and_unscorable_leave_the_total_empty(tmp_path: Path) -> None:
    book = evaluated_book(tmp_path)
    wb = openpyxl_book(book)
    wb["绩效自评-指标"]["I5"] = "完成"  # P1 #4 ≤10万元 with a word
    wb.save(book)
    p1 = score_workbook(book).projects[0]
    assert p1.indicators[3].status == "unscorable"
    assert p1.indicators[3].reason.code == "text-actual"  # type: ignore[union-attr]
    assert (p1.total, p1.grade) == (None, None)


def test_workbook_without_evaluation_sheets(tmp_path: Path) -> None:
    book = write_workbook(make_dataset(), tmp_path / "2021.xlsx")
    with pytest.raises(UsageError, match="perfxl stage evaluate"):
        score_workbook(book)


def test_text_in_a_money_cell_is_one_clear_error(tmp_path: Path) -> None:
    book = evaluated_book(tmp_path)
    wb = openpyxl_book(book)
    wb["绩效自评-项目"]["G2"] = "九万五"
    wb.save(book)
    with pytest.raises(InputError) as info:
        score_workbook(book)
    assert (info.value.sheet, info.value.cell) == ("绩效自评-项目", "G2")
    assert "全年执行数" in info.value.reason
