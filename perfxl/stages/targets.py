"""What a new stage row pre-fills, and how typed cells compare with the targets they show."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from perfxl.core.model import Dataset, Project
from perfxl.stages.existing import CellCopy, Key
from perfxl.year.settings import ScoringSettings
from perfxl.year.weights import indicator_weights


def prefill(dataset: Dataset, settings: ScoringSettings) -> dict[Key, dict[str, Any]]:
    """Stage values a new row starts with: 年初预算数 from 预算数, 分值 from the weights."""
    values: dict[Key, dict[str, Any]] = {}
    for p in dataset.projects:
        values[(p.code, None)] = {"budget_initial": p.budget.total}
        for seq, weight in enumerate(default_weights(p, settings), start=1):
            values[(p.code, seq)] = {"weight": weight}
    return values


def default_weights(project: Project, settings: ScoringSettings) -> list[Decimal | None]:
    """Each indicator's 分值: its own weight (权重 in the targets), else its level's default share."""
    own = [i.weight for i in project.indicators]
    return indicator_weights([i.level1 for i in project.indicators], own, settings)


def cell_number(value: Any) -> Decimal | None:
    """A number typed in a stage cell (copied as found), or None when it is blank or not a number."""
    if isinstance(value, CellCopy):
        value = value.value
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def same(old: Any, new: Any) -> bool:
    """Whether a target cell as found still shows the target (numbers compared as numbers)."""
    old_value = old.value if isinstance(old, CellCopy) else old
    if old_value in (None, "") and new in (None, ""):
        return True
    old_number, new_number = cell_number(old_value), cell_number(new)
    if old_number is not None and new_number is not None:
        return old_number == new_number
    return str(old_value if old_value is not None else "").strip() == str(new if new is not None else "").strip()
