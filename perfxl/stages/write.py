"""Write scores into the 绩效自评 sheets: 得分 per indicator, 执行率/执行率得分/总分/等级 per project.

Each 得分 is written on the indicator's own printed 分值 (so a row never shows
more points than its 分值); only 总分 carries the rescaling for indicators that
do not apply.  A 得分 a person typed for a 定性 indicator stays as typed; for a
numeric target without a score now (no actual yet …) an old 得分 is cleared.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from perfxl.core.errors import InputError
from perfxl.core.values import QUALITATIVE, value_number
from perfxl.stages.save import open_book, output_for, save_book
from perfxl.stages.score import WorkbookScores
from perfxl.year.columns import StageSheet, sheets_for

_KEEP = object()  # leave the cell as it is


def write_scores(scores: WorkbookScores, *, output: str | Path | None = None) -> Path | None:
    """Write the scores into the workbook they were read from (or ``output``); returns the backup kept, if any."""
    path = scores.path
    out = output_for(path, output)
    wb = open_book(path)
    project_sheet, indicator_sheet = sheets_for("evaluate")
    by_code = {p.code: p for p in scores.projects}
    targets = {p.code: p for p in scores.dataset.projects}
    project_values: dict[tuple[str, int | None], dict[str, Any]] = {}
    indicator_values: dict[tuple[str, int | None], dict[str, Any]] = {}
    for code, score in by_code.items():
        project_values[(code, None)] = {
            "rate": None if score.execution.rate is None else score.execution.rate / 100,
            "execution_score": score.execution.printed_score,
            "total": score.total,
            "grade": score.grade,
        }
        for item, indicator in zip(score.indicators, targets[code].indicators, strict=True):
            numeric = indicator.sign != QUALITATIVE and value_number(indicator.value) is not None
            value: Any = item.computed_score if item.computed_score is not None or numeric else _KEEP
            indicator_values[(code, item.seq)] = {"score": value}
    if project_sheet.name in wb.sheetnames:
        _fill(wb[project_sheet.name], project_sheet, project_values, path)
    if indicator_sheet.name in wb.sheetnames:
        _fill(wb[indicator_sheet.name], indicator_sheet, indicator_values, path)
    return save_book(wb, path, out)


def _fill(ws: Any, spec: StageSheet, values: dict[tuple[str, int | None], dict[str, Any]], path: Path) -> None:
    columns: dict[str, int] = {}
    for cell in ws[1]:
        header = "" if cell.value is None else str(cell.value).strip()
        for col in spec.columns:
            if col.match(header)[0]:
                columns.setdefault(col.field, cell.column)
    if "code" not in columns or (spec.level == "indicator" and "seq" not in columns):
        raise InputError("has no 项目编码/序号 header; re-run `perfxl stage evaluate`", path=path, sheet=spec.name)
    kinds = {c.field: c.kind for c in spec.columns}
    for row in ws.iter_rows(min_row=2):
        by_col = {c.column: c for c in row}
        code_cell = by_col.get(columns["code"])
        code = "" if code_cell is None or code_cell.value is None else str(code_cell.value).strip()
        seq: int | None = None
        if spec.level == "indicator":
            seq_cell = by_col.get(columns["seq"])
            raw = None if seq_cell is None else seq_cell.value
            seq = int(raw) if isinstance(raw, int | float) and float(raw).is_integer() else None
        for field, value in values.get((code, seq), {}).items():
            if value is _KEEP or field not in columns:
                continue
            cell = ws.cell(row=row[0].row, column=columns[field])
            if isinstance(value, Decimal):
                cell.value = float(value)  # Decimal → float only at the file boundary
                cell.number_format = "0.00%" if kinds[field] == "percent" else "0.00"
            elif value is None:
                cell.value = None
            else:
                cell.value = str(value)
                cell.data_type = "s"
