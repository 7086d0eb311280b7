"""The stage sheets of a workbook (执行监控, 绩效自评): read, and what converting the workbook would lose.

The records hang off the projects and indicators they are keyed to (项目编码 +
序号); 分值 typed in 绩效自评-指标 is the indicator's weight (its 权重 in the
targets otherwise).  Rows whose key matches no target, second rows for one key,
and indicator rows without 序号 cannot be placed: when they hold stage values,
converting the workbook would lose them, so the gate refuses it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from perfxl.core.errors import InputError
from perfxl.year.columns import stage_sheet_names, stage_sheets
from perfxl.year.sheetdata import StageData, StageSheetError, read_stage_sheets

if TYPE_CHECKING:
    from perfxl.core.model import Dataset
    from perfxl.workbook.sheets import RawBook


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
