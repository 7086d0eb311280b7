"""Forms as tables, unit summaries and the monitoring yardsticks, by hand."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from perfxl.stages.score import score_workbook
from perfxl.year import IndicatorMonitor, ProjectMonitor, Reasons, load_scoring_settings
from perfxl.year.forms import monitor_table, self_evaluation_table
from perfxl.year.monitoring import execution_lag, monitor_rate, unexplained_doubt
from perfxl.year.summary import unit_scores
from tests.conftest import make_dataset
from tests.year.test_score_workbook import evaluated_book

S = load_scoring_settings()


def test_self_evaluation_form(tmp_path: Path) -> None:
    scores = score_workbook(evaluated_book(tmp_path))
    project = scores.dataset.projects[0]
    evals = [i.evaluation for i in project.indicators]
    table = self_evaluation_table(
        project,
        "人社局",
        project.evaluation,
        evals,
        scores.projects[0],
        D(10),  # type: ignore[arg-type]
    )
    text = {(c.row, c.col): c for c in table.cells}
    # money row: 年初 10.00, 全年 10.00, 执行 9.50, 分值 10, 执行率 95.00%, 得分 9.5
    assert [text[(3, c)].text for c in range(2, 8)] == ["10.00", "10.00", "9.50", "10", "95.00%", "9.5"]
    # 产出指标 merged over the 4 产出 rows (7–10) with 12.5 × 4 = 50 points; 效益 30; 满意度 10.
    assert (text[(7, 0)].text, text[(7, 0)].rowspan) == ("产出指标(50分)", 4)
    assert text[(11, 0)].text == "效益指标(30分)" and text[(12, 0)].text == "满意度指标(10分)"
    # first indicator: ≥80人, 72人, 12.5, 11.25
    assert [text[(7, c)].text for c in range(2, 7)] == ["担保贷款发放人数", "≥80人", "72人", "12.5", "11.25"]
    # 总分 row: 10 + 50 + 30 + 10 = 100 points, total 95.75, 优
    assert [text[(13, c)].text for c in (0, 5, 6, 7)] == ["总分", "100", "95.75", "优"]


def test_monitor_form() -> None:
    project = make_dataset().projects[1]
    monitors = [IndicatorMonitor(actual="2次", reasons=Reasons(funding="拨付晚", other="疫情"), likelihood="有可能")]
    monitors += [IndicatorMonitor()] * 3
    table = monitor_table(project, "人社局", ProjectMonitor(month=7, spent=D("29.025")), monitors, 7)
    text = {(c.row, c.col): c.text for c in table.cells}
    # 29.025 / 58.05 = 50.00 %
    assert text[(3, 6)] == "50.00%"
    assert text[(7, 6)] == "经费保障：拨付晚；其他：疫情"


def test_monitoring_yardsticks() -> None:
    quarterly = {3: D(25), 6: D(50), 10: D(75), 12: D(100)}
    # plan at 7月底 56.25 %; executed 40/100 = 40 % → 16.25 points behind, more than 10
    lag = execution_lag(ProjectMonitor(month=7, budget_adjusted=D(100), spent=D(40)), None, quarterly, D(10))
    assert lag is not None and (lag.rate, lag.plan, lag.points) == (D(40), D("56.25"), D("16.25"))
    # 47/100 = 47 %: 9.25 points behind — within 10
    assert execution_lag(ProjectMonitor(month=7, spent=D(47)), D(100), quarterly, D(10)) is None
    assert monitor_rate(ProjectMonitor(spent=D(1)), None) is None
    assert unexplained_doubt(IndicatorMonitor(likelihood="确定能")) is None
    assert unexplained_doubt(IndicatorMonitor(likelihood="有可能")) == (True, True)
    assert unexplained_doubt(IndicatorMonitor(likelihood="有可能", reasons=Reasons(staff="缺人"))) == (False, True)
    assert (
        unexplained_doubt(IndicatorMonitor(likelihood="完全不可能", reasons=Reasons(staff="缺人"), measures="招聘"))
        is None
    )


def test_unit_summary(tmp_path: Path) -> None:
    scores = score_workbook(evaluated_book(tmp_path))
    items = [
        (p.unit_code, s, p.evaluation, p.budget.total)
        for p, s in zip(scores.dataset.projects, scores.projects, strict=True)
    ]
    (unit,) = unit_scores(items, [g.grade for g in S.grades])
    # two projects, 95.75 and 89.33: mean (95.75 + 89.33) / 2 = 92.54; one 优, one 良
    assert (unit.projects, unit.evaluated, unit.mean) == (2, 2, D("92.54"))
    assert unit.grades == {"优": 1, "良": 1, "中": 0, "差": 0}
    # (9.5 + 46.44) / (10 + 58.05) = 55.94 / 68.05 = 82.2042… % → 82.20
    assert unit.rate == D("82.20")
