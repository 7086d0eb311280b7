"""Stage sheets as read → stage records keyed by 项目编码 (+ 序号), and what they show of the targets.

Takes sheets as header + numbered rows (the shape of the workbook reader's raw
sheets), so it serves a file on disk and a live Excel session alike.  Derived
columns (执行率, 得分 totals …) are perfxl's own output and are not read back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from perfxl.core.stages import (
    IndicatorEvaluation,
    IndicatorMonitor,
    ProjectEvaluation,
    ProjectMonitor,
    Reasons,
)
from perfxl.year.cells import StageCellError, column_letter, convert_stage_cell
from perfxl.year.columns import StageSheet, stage_sheets

Key = tuple[str, int | None]  # (项目编码, 序号); 序号 None on project sheets
RawRows = Sequence[tuple[int, Sequence[Any]]]


class StageSheetError(ValueError):
    """A stage sheet that cannot be read, with where (sheet, A1 cell)."""

    def __init__(self, message: str, sheet: str, cell: str | None) -> None:
        super().__init__(message)
        self.reason, self.sheet, self.cell = message, sheet, cell


@dataclass(frozen=True)
class Shown:
    """A target value as a stage row shows it (to compare with the targets)."""

    sheet: str
    key: Key
    field: str
    column: str  # header
    cell: str  # A1
    value: str | None


@dataclass
class StageData:
    month: int | None = None
    project_monitor: dict[str, ProjectMonitor] = field(default_factory=dict)
    project_evaluation: dict[str, ProjectEvaluation] = field(default_factory=dict)
    indicator_monitor: dict[tuple[str, int], IndicatorMonitor] = field(default_factory=dict)
    indicator_evaluation: dict[tuple[str, int], IndicatorEvaluation] = field(default_factory=dict)
    weights: dict[tuple[str, int], Decimal] = field(default_factory=dict)  # 分值 typed or pre-filled
    rows: dict[tuple[str, Key], int] = field(default_factory=dict)  # (sheet, key) -> spreadsheet row
    repeated: list[tuple[str, Key, int]] = field(default_factory=list)  # second rows of one key
    shown: list[Shown] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)  # stage sheets present
    columns: dict[str, dict[str, int]] = field(default_factory=dict)  # sheet -> field -> 0-based column
    typed: set[tuple[str, Key, int]] = field(default_factory=set)  # (sheet, key, row) of rows with stage values

    def is_empty(self) -> bool:
        return not self.sheets

    def cell(self, sheet: str, key: Key, field: str) -> str | None:
        """A1 reference of ``field`` in the row of ``key`` (None when the row or column is absent)."""
        row = self.rows.get((sheet, key))
        col = self.columns.get(sheet, {}).get(field)
        return None if row is None or col is None else f"{column_letter(col)}{row}"


def read_stage_sheets(sheets: Mapping[str, tuple[Sequence[str], RawRows]]) -> StageData:
    """Read every stage sheet present in ``sheets`` (name → (header, rows)); others are ignored."""
    data = StageData()
    for spec in stage_sheets():
        if spec.name in sheets:
            header, rows = sheets[spec.name]
            data.sheets.append(spec.name)
            _read_sheet(spec, header, rows, data)
    return data


def _read_sheet(spec: StageSheet, header: Sequence[str], rows: RawRows, data: StageData) -> None:
    index: dict[str, int] = {}
    for i, name in enumerate(header):
        for col in spec.columns:
            matched, month = col.match(str(name).strip())
            if matched and col.field not in index:
                index[col.field] = i
                if month is not None and spec.stage == "monitor":
                    data.month = month
    data.columns[spec.name] = index
    for key_col in spec.keys:
        if key_col.field not in index:
            raise StageSheetError(f"has no {key_col.name} column; rows are matched by it", spec.name, "A1")
    for rownum, cells in rows:
        values: dict[str, Any] = {}
        for col in spec.columns:
            at = index.get(col.field)
            if at is None or col.role == "derived":
                continue
            raw = cells[at] if at < len(cells) else None
            try:
                values[col.field] = convert_stage_cell(col.kind, raw)
            except StageCellError as exc:
                raise StageSheetError(
                    f"{col.header(data.month)}: {exc}", spec.name, f"{column_letter(at)}{rownum}"
                ) from None
        code = values.get("code") or ""
        key: Key = (code, values.get("seq") if spec.level == "indicator" else None)
        typed = any(v is not None for f, v in values.items() if spec.column(f).role == "stage")
        if not code and not typed:
            continue  # nothing but target context (or nothing at all): no stage data to keep
        if typed:
            data.typed.add((spec.name, key, rownum))
        if (spec.name, key) in data.rows:
            data.repeated.append((spec.name, key, rownum))
            continue
        data.rows[(spec.name, key)] = rownum
        for col in spec.columns:
            if col.role == "target" and col.field in index:
                ref = f"{column_letter(index[col.field])}{rownum}"
                shown = values.get(col.field)
                data.shown.append(Shown(spec.name, key, col.field, col.header(data.month), ref, shown))
        _store(spec, key, values, data)


def _store(spec: StageSheet, key: Key, v: dict[str, Any], data: StageData) -> None:
    """Records for a row with stage values typed (分值 alone is the indicator's weight, not a record)."""
    code, seq = key
    if seq is not None and v.get("weight") is not None:
        data.weights[(code, seq)] = v["weight"]
    if not any(v.get(c.field) is not None for c in spec.columns if c.role == "stage" and c.field != "weight"):
        return
    if spec.level == "project":
        if spec.stage == "monitor":
            data.project_monitor[code] = ProjectMonitor(
                month=data.month,
                budget_adjusted=v.get("budget_adjusted"),
                spent=v.get("spent"),
                forecast=v.get("forecast"),
                goal_progress=v.get("goal_progress"),
            )
        else:
            data.project_evaluation[code] = ProjectEvaluation(
                budget_initial=v.get("budget_initial"),
                budget_adjusted=v.get("budget_adjusted"),
                spent=v.get("spent"),
                goal_result=v.get("goal_result"),
            )
        return
    if seq is None:
        return  # an indicator row without 序号 cannot be matched; the findings name it
    if spec.stage == "monitor":
        reasons = Reasons(**{k: v.get(f"reasons.{k}") for k in ("funding", "policy", "staff", "facility", "other")})
        data.indicator_monitor[(code, seq)] = IndicatorMonitor(
            actual=v.get("actual"),
            forecast=v.get("forecast"),
            reasons=reasons,
            likelihood=v.get("likelihood"),
            measures=v.get("measures"),
        )
    else:
        data.indicator_evaluation[(code, seq)] = IndicatorEvaluation(
            actual=v.get("actual"), score=v.get("score"), reason=v.get("reason")
        )
