"""Add or refresh the stage sheets of a workbook from its targets, keeping everything people typed.

``refresh(path, "monitor", month=7)`` writes 执行监控-项目 and 执行监控-指标;
``refresh(path, "evaluate")`` writes 绩效自评-项目 and 绩效自评-指标.  Rows are
matched by 项目编码 (+ 序号): a matched row keeps every stage cell as typed and
gets the targets shown afresh (a target that changed is reported); targets added
later get new rows; rows whose project or indicator has gone are kept at the end,
shaded, and reported — never deleted.  The workbook is written atomically, in
place after keeping a backup, or to ``output``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perfxl.core.errors import InputError, UsageError
from perfxl.core.model import Dataset
from perfxl.stages.existing import Key, OldRow, OldSheet, read_existing
from perfxl.stages.save import open_book, output_for, save_book
from perfxl.stages.sheet import SheetRow, write_stage_sheet
from perfxl.stages.targets import cell_number, prefill, same
from perfxl.workbook import conversion_problems, read_workbook
from perfxl.year.columns import NAME, Stage, StageSheet, sheets_for, stage_sheet_names
from perfxl.year.scoring import HUNDRED
from perfxl.year.settings import ScoringSettings, load_scoring_settings
from perfxl.year.targets import indicator_rows, project_rows


@dataclass(frozen=True)
class TargetChange:
    """A target column of a stage row that no longer shows the target (the sheet now shows the new one)."""

    sheet: str
    key: Key
    column: str
    old: Any
    new: Any


@dataclass
class RefreshReport:
    path: Path
    output: Path
    stage: Stage
    month: int | None
    backup: Path | None = None
    created: list[str] = field(default_factory=list)  # sheets added
    refreshed: list[str] = field(default_factory=list)  # sheets that existed
    kept: int = 0  # rows matched to their target, typed values kept
    added: list[tuple[str, Key]] = field(default_factory=list)  # rows new in an existing sheet
    orphans: list[tuple[str, Key]] = field(default_factory=list)  # rows whose target is gone (kept)
    repeated: list[tuple[str, Key]] = field(default_factory=list)  # second rows for one key (kept)
    changed: list[TargetChange] = field(default_factory=list)
    month_changed: tuple[int, int] | None = None  # (month the sheet had, month now)


def refresh(
    path: str | Path,
    stage: Stage,
    month: int | None = None,
    *,
    output: str | Path | None = None,
    protect: bool = False,
    settings: ScoringSettings | None = None,
) -> RefreshReport:
    """Add or refresh ``stage``'s sheets in the workbook at ``path`` (see the module docstring)."""
    path = Path(path)
    if stage == "monitor" and (month is None or not 1 <= month <= 12):
        raise UsageError("the monitoring stage needs the month of the data, 1–12 (e.g. --month 7)")
    if stage == "evaluate":
        month = None
    out = output_for(path, output)
    dataset = _targets(path)
    settings = settings or load_scoring_settings()
    report = RefreshReport(path=path, output=out, stage=stage, month=month)
    wb = open_book(path)
    for spec in sheets_for(stage):
        _refresh_sheet(wb, spec, dataset, month, settings, report, path=path, protect=protect)
    report.backup = save_book(wb, path, out)
    return report


def _targets(path: Path) -> Dataset:
    """The targets, read as for a conversion; stage rows no target carries do not stop a refresh (it keeps them)."""
    result = read_workbook(path)
    stage_names = set(stage_sheet_names())
    problems = [p for p in conversion_problems(result) if p.sheet not in stage_names]
    if problems:
        first = problems[0]
        raise InputError(f"{first.reason}; nothing was changed", path=path, sheet=first.sheet, cell=first.cell)
    return result.dataset


def _refresh_sheet(
    wb: Any,
    spec: StageSheet,
    dataset: Dataset,
    month: int | None,
    settings: ScoringSettings,
    report: RefreshReport,
    *,
    path: Path,
    protect: bool,
) -> None:
    old = read_existing(wb[spec.name], spec, path) if spec.name in wb.sheetnames else None
    targets = project_rows(dataset, month) if spec.level == "project" else indicator_rows(dataset)
    rows = _merge_rows(spec, targets, prefill(dataset, settings), old, report)
    for row in rows:
        _derive(spec, row)
    if old is None:
        report.created.append(spec.name)
        index = len(wb.sheetnames)
    else:
        report.refreshed.append(spec.name)
        if old.month is not None and month is not None and old.month != month:
            report.month_changed = (old.month, month)
        index = wb.sheetnames.index(spec.name)
        wb.remove(wb[spec.name])
    ws = wb.create_sheet(title=spec.name, index=index)
    write_stage_sheet(ws, spec, month, rows, old.extra_headers if old else [], protect=protect)


def _merge_rows(
    spec: StageSheet,
    targets: dict[Key, dict[str, Any]],
    prefills: dict[Key, dict[str, Any]],
    old: OldSheet | None,
    report: RefreshReport,
) -> list[SheetRow]:
    found: dict[Key, OldRow] = {}
    leftovers: list[SheetRow] = []
    for old_row in old.rows if old else []:
        if old_row.key in targets and old_row.key not in found:
            found[old_row.key] = old_row
            continue
        kind = report.repeated if old_row.key in targets else report.orphans
        kind.append((spec.name, old_row.key))
        leftovers.append(SheetRow(dict(old_row.cells), dict(old_row.extras), orphan=True))
    stage_fields = [c.field for c in spec.columns if c.role in ("stage", "derived")]
    rows: list[SheetRow] = []
    for key, target in targets.items():
        match = found.get(key)
        if match is None:
            fill = prefills.get(key, {})
            rows.append(SheetRow({**target, **{f: fill[f] for f in stage_fields if f in fill}}))
            if old is not None:
                report.added.append((spec.name, key))
            continue
        report.kept += 1
        for col in spec.columns:
            shown = match.cells.get(col.field)
            if col.field == NAME and shown is not None and same(shown, None):
                continue  # a blank 项目名称 is filled in, not a change to report
            if col.role == "target" and shown is not None and not same(shown, target[col.field]):
                report.changed.append(TargetChange(spec.name, key, col.name, shown.value, target[col.field]))
        # Derived values computed from the targets (the plan) are shown afresh; the rest is kept as typed.
        typed = {f: match.cells[f] for f in stage_fields if f in match.cells and f not in target}
        rows.append(SheetRow({**target, **typed}, dict(match.extras)))
    return rows + leftovers


def _derive(spec: StageSheet, row: SheetRow) -> None:
    """Execution rates shown beside the money typed (the budget falls back as scoring does)."""
    if spec.level != "project" or row.orphan:
        return
    values = row.values
    spent = cell_number(values.get("spent"))
    budget = cell_number(values.get("budget_adjusted"))
    if budget is None:
        budget = cell_number(values.get("budget_initial"))
    if budget is None:
        budget = cell_number(values.get("budget_total"))
    values["rate"] = spent / budget * HUNDRED if spent is not None and budget else None
