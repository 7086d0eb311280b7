"""The printed forms of the year as plain tables: 项目支出绩效目标执行监控表 and 项目支出绩效自评表.

One table per project, each cell with its place and spans, so any renderer
(docx, pdf, text) draws the same form.  Points print as written (50, 12.5),
money with two places, rates as percentages; 一级 labels carry their points,
e.g. 产出指标(50分).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from perfxl.core.stages import REASON_KINDS, IndicatorEvaluation, IndicatorMonitor, ProjectEvaluation, ProjectMonitor
from perfxl.year.monitoring import monitor_rate
from perfxl.year.scoring import ProjectScore, points

if TYPE_CHECKING:
    from perfxl.core.model import Project

MONITOR_TITLE = "项目支出绩效目标执行监控表"
EVALUATION_TITLE = "项目支出绩效自评表"


@dataclass(frozen=True)
class FormCell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False


@dataclass
class FormTable:
    columns: int
    cells: list[FormCell] = field(default_factory=list)
    rows: int = 0

    def add_row(self, *cells: tuple[str, int] | str, header: bool = False) -> int:
        """Append a row of (text, colspan) or text cells filling the width; returns its index."""
        col = 0
        for item in cells:
            text, span = (item, 1) if isinstance(item, str) else item
            self.cells.append(FormCell(self.rows, col, text, 1, span, header))
            col += span
        if col != self.columns:
            raise ValueError(f"row {self.rows} fills {col} of {self.columns} columns")
        self.rows += 1
        return self.rows - 1


def pts(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


def money(value: Decimal | None) -> str:
    return "" if value is None else str(points(value))


def percent(value: Decimal | None) -> str:
    return "" if value is None else f"{points(value)}%"


def _indicator_block(
    table: FormTable, project: Project, weights: Sequence[Decimal | None], extra: Sequence[Sequence[str]]
) -> None:
    """Indicator rows; 一级 and 二级 merged down over runs of the same value, 一级 labelled with its points."""
    start = table.rows
    for ind, cells in zip(project.indicators, extra, strict=True):
        table.add_row(ind.level1 or "", ind.level2 or "", ind.level3 or "", ind.printed, *cells)
    _merge_runs(table, start, 0, [i.level1 or "" for i in project.indicators], weights)
    _merge_runs(table, start, 1, [i.level2 or "" for i in project.indicators], None)


def _merge_runs(
    table: FormTable, start: int, col: int, values: list[str], weights: Sequence[Decimal | None] | None
) -> None:
    i = 0
    while i < len(values):
        j = i
        while j + 1 < len(values) and values[j + 1] == values[i]:
            j += 1
        text = values[i]
        if weights is not None and text:
            group = [w for w in weights[i : j + 1] if w is not None]
            text = f"{text}({pts(sum(group, Decimal(0)))}分)" if group else text
        keep = [c for c in table.cells if not (c.col == col and start + i <= c.row <= start + j)]
        keep.append(FormCell(start + i, col, text, j - i + 1, 1, False))
        table.cells[:] = keep
        i = j + 1


def self_evaluation_table(
    project: Project,
    unit_name: str,
    evaluation: ProjectEvaluation,
    indicators: Sequence[IndicatorEvaluation],
    score: ProjectScore,
    execution_weight: Decimal,
) -> FormTable:
    """The national-layout self-evaluation form of one project (8 columns)."""
    t = FormTable(8)
    t.add_row(("项目名称", 2), (project.name or "", 6))
    t.add_row(("主管部门", 2), (unit_name, 2), ("实施单位", 2), (unit_name, 2))
    t.add_row(("项目资金（万元）", 2), "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", header=True)
    e = score.execution
    t.add_row(
        ("年度资金总额", 2),
        money(evaluation.budget_initial),
        money(evaluation.budget_adjusted),
        money(evaluation.spent),
        pts(execution_weight),
        percent(e.rate),
        pts(e.printed_score),
    )
    t.add_row(("年度总体目标", 2), ("预期目标", 3), ("实际完成情况", 3), header=True)
    t.add_row(("", 2), (project.goals or "", 3), (evaluation.goal_result or "", 3))
    t.add_row(
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
        header=True,
    )
    printed = [s.printed_weight for s in score.indicators]
    shown = [
        [
            ev.actual or "",
            pts(s.printed_weight),
            pts(s.computed_score if s.computed_score is not None else ev.score),
            ev.reason or "",
        ]
        for ev, s in zip(indicators, score.indicators, strict=True)
    ]
    # The 8 columns hold 一级 … 年度指标值 (4) and the 4 stage cells: one row per indicator.
    _indicator_block(t, project, printed, shown)
    t.add_row(
        ("总分", 5),
        pts(sum((w for w in printed if w is not None), execution_weight)),
        pts(score.total),
        score.grade or "",
    )
    return t


def monitor_table(
    project: Project, unit_name: str, monitor: ProjectMonitor, indicators: Sequence[IndicatorMonitor], month: int
) -> FormTable:
    """The monitoring form of one project at the end of ``month`` (9 columns)."""
    t = FormTable(9)
    t.add_row(("项目名称", 2), (project.name or "", 7))
    t.add_row(("主管部门", 2), (unit_name, 3), ("实施单位", 2), (unit_name, 2))
    t.add_row(
        ("项目资金（万元）", 2),
        ("年初预算数", 2),
        "调整后预算数",
        f"1-{month}月执行数",
        f"1-{month}月执行率",
        ("全年预计执行数", 2),
        header=True,
    )
    t.add_row(
        ("年度资金总额", 2),
        (money(project.budget.total), 2),
        money(monitor.budget_adjusted),
        money(monitor.spent),
        percent(monitor_rate(monitor, project.budget.total)),
        (money(monitor.forecast), 2),
    )
    t.add_row(("年度总体目标", 2), ("年度目标", 3), (f"1-{month}月执行情况", 4), header=True)
    t.add_row(("", 2), (project.goals or "", 3), (monitor.goal_progress or "", 4))
    t.add_row(
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        f"1-{month}月完成值",
        "全年预计完成值",
        "偏差原因",
        "完成目标可能性",
        "纠偏措施",
        header=True,
    )
    shown = [[m.actual or "", m.forecast or "", _reasons(m), m.likelihood or "", m.measures or ""] for m in indicators]
    _indicator_block(t, project, [None] * len(project.indicators), shown)
    return t


def _reasons(m: IndicatorMonitor) -> str:
    parts = [f"{name}：{text}" for key, name in REASON_KINDS.items() if (text := getattr(m.reasons, key))]
    return "；".join(parts)
