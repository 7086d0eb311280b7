"""The stage sheets of a workbook (执行监控, 绩效自评): read into the Dataset, and what reading would lose.

The records hang off the projects and indicators they are keyed to (项目编码 +
序号); 分值 typed in 绩效自评-指标 is the indicator's weight (its 权重 in the
targets otherwise).  Rows whose key matches no target, second rows for one key,
and indicator rows without 序号 cannot be placed: when they hold stage values,
converting the workbook would lose them, so the gate refuses it.
"""

from __future__ import annotations

from perfxl.core.errors import InputError
from perfxl.core.model import Dataset, Project
from perfxl.workbook.sheets import RawBook
from perfxl.year.columns import stage_sheet_names, stage_sheets
from perfxl.year.sheetdata import StageData, StageSheetError, read_stage_sheets


def read_stages(book: RawBook) -> StageData:
    """The stage sheets of ``book`` (an empty StageData when it has none); InputError for an unreadable cell."""
    names = set(stage_sheet_names())
    sheets = {name: (raw.header, raw.rows) for name, raw in book.sheets.items() if name in names}
    if not sheets:
        return StageData()
    try:
        return read_stage_sheets(sheets)
    except StageSheetError as exc:
        raise InputError(exc.reason, path=book.path, sheet=exc.sheet, cell=exc.cell) from None


def attach_stages(dataset: Dataset, data: StageData) -> Dataset:
    """``dataset`` with the stage records on its projects and indicators (unchanged without stage sheets)."""
    if data.is_empty():
        return dataset
    # Projects with stage values (most have none: a year's monitoring may cover a few) — the others
    # are kept as they are instead of copying each of their indicators to set nothing.
    staged = {*data.project_monitor, *data.project_evaluation}
    staged.update(code for code, _ in (*data.indicator_monitor, *data.indicator_evaluation, *data.weights))
    projects = []
    seen: set[str] = set()
    for p in dataset.projects:
        if p.code in seen:  # a repeated code gets nothing twice (the reader reports it)
            projects.append(p)
            continue
        seen.add(p.code)
        if p.code not in staged and _bare(p):
            projects.append(p)
            continue
        indicators = tuple(
            ind.model_copy(
                update={
                    "monitor": data.indicator_monitor.get((p.code, seq)),
                    "evaluation": data.indicator_evaluation.get((p.code, seq)),
                    "weight": data.weights.get((p.code, seq), ind.weight),
                }
            )
            for seq, ind in enumerate(p.indicators, start=1)
        )
        update = {
            "monitor": data.project_monitor.get(p.code),
            "evaluation": data.project_evaluation.get(p.code),
            "indicators": indicators,
        }
        projects.append(p.model_copy(update=update))
    return dataset.model_copy(update={"projects": tuple(projects)})


def _bare(project: Project) -> bool:
    """No stage record on the project or its indicators (what the reader builds; copying it would change nothing)."""
    return (
        project.monitor is None
        and project.evaluation is None
        and all(i.monitor is None and i.evaluation is None for i in project.indicators)
    )


def stage_problems(dataset: Dataset, data: StageData, path: str | None) -> list[InputError]:
    """Stage rows holding values that no project or indicator of the targets would carry."""
    keys: set[tuple[str, int | None]] = set()
    for p in dataset.projects:
        keys.add((p.code, None))
        keys.update((p.code, seq) for seq in range(1, len(p.indicators) + 1))
    repeated = {(sheet, key, row) for sheet, key, row in data.repeated}
    indicator_sheets = {s.name for s in stage_sheets() if s.level == "indicator"}
    problems: list[InputError] = []
    for sheet, key, row in sorted(data.typed, key=lambda t: (t[0], t[2])):
        code, seq = key
        if (sheet, key, row) in repeated:
            why = f"a second row for {code}" + (f" #{seq}" if seq is not None else "")
        elif sheet in indicator_sheets and seq is None:
            why = "its 序号 is blank, so it matches no indicator"
        elif key not in keys:
            what = "project" if seq is None else f"indicator #{seq} of project"
            why = f"{what} {code!r} is not in the targets"
        else:
            continue
        problems.append(
            InputError(
                f"row {row} holds values that would be lost: {why} — delete the row or restore the target",
                path=path,
                sheet=sheet,
                cell=f"A{row}",
            )
        )
    return problems
