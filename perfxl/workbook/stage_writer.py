"""Write a Dataset's stage records as the stage sheets (XlsxWriter), beside the target sheets.

Used whenever a workbook is written from a Dataset (build, merge, demo): the layout
of templates/stages.yaml, as ``perfxl stage`` gives a user's workbook, for the
stages the data has.  Target columns are shown grey (context, read-only); the
derived plan and execution rates are filled in; scores are left to
``perfxl score --write``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from perfxl.core.stages import REASON_KINDS, IndicatorMonitor
from perfxl.year.columns import Stage, StageSheet, sheets_for
from perfxl.year.monitoring import monitor_month, monitor_rate
from perfxl.year.plan import plan_at
from perfxl.year.scoring import HUNDRED, execution_rate
from perfxl.year.targets import indicator_rows, project_rows

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook

    from perfxl.core.model import Dataset, Indicator, Project

Write = Any  # writer._write: (ws, row, col, kind, value, fmt, sheet) -> None
KIND_OF = {"choice": "text", "points": "number"}


def stages_of(dataset: Dataset) -> list[Stage]:
    """The stages the data has records of (a stage sheet is written only for those)."""
    found: list[Stage] = []
    projects = dataset.projects
    if any(p.monitor or any(i.monitor for i in p.indicators) for p in projects):
        found.append("monitor")
    if any(p.evaluation or any(i.evaluation for i in p.indicators) for p in projects):
        found.append("evaluate")
    return found


def _project_values(p: Project, stage: Stage, month: int | None) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if stage == "monitor":
        m = p.monitor
        if month is not None:
            values["plan"] = plan_at(p.schedule.as_dict(), month)
        if m is not None:
            values |= {k: getattr(m, k) for k in ("budget_adjusted", "spent", "forecast", "goal_progress")}
            values["rate"] = monitor_rate(m, p.budget.total)
        return values
    e = p.evaluation
    if e is not None:
        values |= {k: getattr(e, k) for k in ("budget_initial", "budget_adjusted", "spent", "goal_result")}
        rate, _ = execution_rate(e, p.budget.total)
        values["rate"] = None if rate is None else rate * HUNDRED
    return values


def _indicator_values(ind: Indicator, stage: Stage) -> dict[str, Any]:
    if stage == "monitor":
        m: IndicatorMonitor | None = ind.monitor
        if m is None:
            return {}
        values = {k: getattr(m, k) for k in ("actual", "forecast", "likelihood", "measures")}
        values |= {f"reasons.{k}": getattr(m.reasons, k) for k in REASON_KINDS}
        return values
    values = {"weight": ind.weight}
    if ind.evaluation is not None:
        values |= {k: getattr(ind.evaluation, k) for k in ("actual", "score", "reason")}
    return values


def write_stage_sheets(wb: Workbook, dataset: Dataset, fmt: Any, write: Write) -> None:
    """Add the stage sheets of the stages ``dataset`` has records of (nothing otherwise)."""
    grey = {
        k: wb.add_format(
            {"font_name": "宋体", "font_size": 10.5, "valign": "top", "bg_color": "#F2F2F2", "num_format": f}
        )
        for k, f in (("money", "0.00"), ("percent", "0.00%"), ("text", "@"))
    }
    for stage in stages_of(dataset):
        month = monitor_month(dataset) if stage == "monitor" else None
        for spec in sheets_for(stage):
            _sheet(wb, spec, dataset, stage, month, fmt, grey, write)


def _sheet(
    wb: Workbook,
    spec: StageSheet,
    dataset: Dataset,
    stage: Stage,
    month: int | None,
    fmt: Any,
    grey: dict[str, Any],
    write: Write,
) -> None:
    ws = wb.add_worksheet(spec.name)
    for i, col in enumerate(spec.columns):
        ws.set_column(i, i, col.width)
        ws.write_string(0, i, col.header(month), fmt.header)
    ws.freeze_panes(1, spec.frozen)
    stage_values: dict[tuple[str, int | None], dict[str, Any]]
    if spec.level == "project":
        targets = project_rows(dataset)
        stage_values = {(p.code, None): _project_values(p, stage, month) for p in dataset.projects}
    else:
        targets = indicator_rows(dataset)
        stage_values = {
            (p.code, seq): _indicator_values(ind, stage)
            for p in dataset.projects
            for seq, ind in enumerate(p.indicators, start=1)
        }
    for r, (key, target) in enumerate(targets.items(), start=1):
        values = {**target, **stage_values.get(key, {})}
        for i, col in enumerate(spec.columns):
            kind = KIND_OF.get(col.kind, col.kind)
            cell_format = grey.get(kind, grey["text"]) if col.read_only else fmt.for_kind(kind)
            value = values.get(col.field)
            if isinstance(value, Decimal) and kind == "int":
                value = int(value)
            write(ws, r, i, kind, value, cell_format, spec.name)
    for i, col in enumerate(spec.columns):
        if col.choices and targets:
            ws.data_validation(1, i, len(targets), i, {"validate": "list", "source": list(col.choices)})
