"""Stage rows against the targets: target columns that no longer show the target, rows with no target.

The targets sheets count; a stage sheet only shows them for context.  These are
plain values — the rules turn them into findings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from perfxl.year.columns import NAME
from perfxl.year.targets import indicator_rows, project_rows

if TYPE_CHECKING:
    from perfxl.core.model import Dataset
    from perfxl.year.sheetdata import Key, Shown, StageData


@dataclass(frozen=True)
class Mismatch:
    shown: Shown
    target: Any  # what the targets say now


def target_mismatches(data: StageData, dataset: Dataset) -> list[Mismatch]:
    """Target columns of stage rows that differ from the targets (a changed target, or an edit in the stage sheet)."""
    if not data.shown:
        return []  # no stage sheets: the target rows (one per indicator) need not be built
    return mismatches(data, {**project_rows(dataset), **indicator_rows(dataset)})


def mismatches(data: StageData, targets: Mapping[Key, Mapping[str, Any]]) -> list[Mismatch]:
    """Like :func:`target_mismatches`, against ``targets`` (the target rows by key, at least those shown)."""
    found: list[Mismatch] = []
    for shown in data.shown:
        if shown.field == NAME and shown.value in (None, ""):
            continue  # 项目名称 only tells people whose row it is: a blank one is fine
        row = targets.get(shown.key)
        if row is not None and not _same(shown.value, row.get(shown.field)):
            found.append(Mismatch(shown, row.get(shown.field)))
    return found


def unmatched_rows(data: StageData, dataset: Dataset) -> list[tuple[str, Key, int]]:
    """(sheet, key, row) of stage rows whose project or indicator is not in the targets."""
    if not data.rows:
        return []
    keys = {*project_rows(dataset), *indicator_rows(dataset)}
    return [(sheet, key, row) for (sheet, key), row in data.rows.items() if key not in keys]


def _same(shown: Any, target: Any) -> bool:
    if shown in (None, "") and target in (None, ""):
        return True
    if isinstance(shown, Decimal) and isinstance(target, Decimal):
        return shown == target
    return str(shown if shown is not None else "").strip() == str(target if target is not None else "").strip()
