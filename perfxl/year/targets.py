"""What a stage row shows of the targets, per project and per indicator — one definition for writing and checking."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from perfxl.year.plan import plan_at, schedule_checkpoints

if TYPE_CHECKING:
    from perfxl.core.model import Dataset

Key = tuple[str, int | None]  # (项目编码, 序号); 序号 None on project sheets


def project_rows(dataset: Dataset, month: int | None = None) -> dict[Key, dict[str, Any]]:
    """Target values (and the plan at ``month``) of each project row."""
    rows: dict[Key, dict[str, Any]] = {}
    for p in dataset.projects:
        rows[(p.code, None)] = {
            "code": p.code,
            "unit_code": p.unit_code,
            "name": p.name,
            "budget_total": p.budget.total,
            "goals": p.goals,
            "plan": None if month is None else plan_at(schedule_checkpoints(p.schedule), month),
        }
    return rows


def indicator_rows(dataset: Dataset) -> dict[Key, dict[str, Any]]:
    """Target values of each indicator row, keyed by (项目编码, 序号)."""
    rows: dict[Key, dict[str, Any]] = {}
    for p in dataset.projects:
        for seq, ind in enumerate(p.indicators, start=1):
            rows[(p.code, seq)] = {
                "code": p.code,
                "name": p.name,
                "seq": seq,
                "level1": ind.level1,
                "level2": ind.level2,
                "level3": ind.level3,
                "target": ind.printed,
            }
    return rows
