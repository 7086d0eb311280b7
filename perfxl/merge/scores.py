"""The merge's 汇总-绩效自评 sheet: per unit, projects evaluated, mean score, grades and execution rate.

Written only when the merged data holds self-evaluations, after the other summary
sheets, with a column chart of the grade distribution across the county.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from perfxl.core.model import Dataset
from perfxl.core.stages import ProjectEvaluation
from perfxl.year.scoring import has_evaluation, score_dataset
from perfxl.year.settings import load_scoring_settings
from perfxl.year.summary import UnitScores, unit_scores

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook

BY_SCORE = "汇总-绩效自评"
TOTAL_LABEL = "合计"


def county_scores(units: list[UnitScores]) -> UnitScores:
    """All units together (mean over every evaluated project, rate over all money)."""
    total = UnitScores(TOTAL_LABEL, grades={g: 0 for u in units for g in u.grades})
    for u in units:
        total.projects += u.projects
        total.evaluated += u.evaluated
        total.total_points += u.total_points
        total.budget += u.budget
        total.spent += u.spent
        for grade, n in u.grades.items():
            total.grades[grade] = total.grades.get(grade, 0) + n
    return total


def write_score_summary(wb: Workbook, dataset: Dataset, header: Any, text: Any, number: Any) -> None:
    """Add 汇总-绩效自评 when ``dataset`` has self-evaluations (nothing otherwise)."""
    if not has_evaluation(dataset):
        return
    settings = load_scoring_settings()
    scores = score_dataset(dataset, settings)
    grades = [g.grade for g in settings.grades]
    items = [
        (p.unit_code, s, p.evaluation or ProjectEvaluation(), p.budget.total)
        for p, s in zip(dataset.projects, scores, strict=True)
    ]
    units = unit_scores(items, grades)
    names = {u.code: u.name or "" for u in dataset.units}
    ws = wb.add_worksheet(BY_SCORE)
    columns = [("单位编码", 12), ("单位名称", 32), ("项目数", 8), ("已评项目", 9), ("平均分", 9)]
    columns += [(g, 6) for g in grades] + [("执行率(%)", 10)]
    for i, (title, width) in enumerate(columns):
        ws.set_column(i, i, width)
        ws.write_string(0, i, title, header)
    ws.freeze_panes(1, 0)
    for r, u in enumerate([*units, county_scores(units)], start=1):
        name = names.get(u.unit_code, "") if r <= len(units) else ""
        values: list[Any] = [u.unit_code, name, u.projects, u.evaluated, u.mean, *(u.grades.get(g, 0) for g in grades)]
        values.append(u.rate)
        for c, v in enumerate(values):
            if isinstance(v, Decimal | int):
                ws.write_number(r, c, float(v), number)  # Decimal → float only at the cell
            elif v is not None:
                ws.write_string(r, c, str(v), text)
    last = len(units) + 1
    chart = wb.add_chart({"type": "column"})
    chart.add_series(
        {
            "name": "项目数",
            "categories": [BY_SCORE, 0, 5, 0, 4 + len(grades)],
            "values": [BY_SCORE, last, 5, last, 4 + len(grades)],
        }
    )
    chart.set_title({"name": "绩效自评等级分布"})
    chart.set_legend({"none": True})
    ws.insert_chart(1, len(columns) + 1, chart)
