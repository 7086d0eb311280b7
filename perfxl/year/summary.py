"""Scores summed up per budget unit: projects evaluated, mean score, grades, execution rate.

Used by the merge's summary sheet; plain values, no spreadsheet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from perfxl.year.scoring import HUNDRED, ProjectScore, points

if TYPE_CHECKING:
    from perfxl.core.stages import ProjectEvaluation


@dataclass
class UnitScores:
    unit_code: str
    projects: int = 0  # projects of the unit
    evaluated: int = 0  # with a total score
    total_points: Decimal = Decimal(0)
    grades: dict[str, int] = field(default_factory=dict)
    budget: Decimal = Decimal(0)  # Σ 全年预算数 (else 年初预算数, else 预算数) of projects with a 全年执行数
    spent: Decimal = Decimal(0)

    @property
    def mean(self) -> Decimal | None:
        """Mean total score of the evaluated projects, rounded half-up to 2 places."""
        return points(self.total_points / self.evaluated) if self.evaluated else None

    @property
    def rate(self) -> Decimal | None:
        """Σ 全年执行数 / Σ budget in percent, rounded half-up to 2 places."""
        return points(self.spent / self.budget * HUNDRED) if self.budget else None


def unit_scores(
    items: Iterable[tuple[str | None, ProjectScore, ProjectEvaluation, Decimal | None]], grades: Iterable[str]
) -> list[UnitScores]:
    """One summary per unit, in order of first appearance; ``items`` are (unit code, score, evaluation, 预算数)."""
    units: dict[str, UnitScores] = {}
    names = list(grades)
    for unit_code, score, evaluation, budget_total in items:
        unit = units.setdefault(unit_code or "", UnitScores(unit_code or "", grades=dict.fromkeys(names, 0)))
        unit.projects += 1
        if score.total is not None:
            unit.evaluated += 1
            unit.total_points += score.total
            if score.grade is not None:
                unit.grades[score.grade] = unit.grades.get(score.grade, 0) + 1
        budget = evaluation.budget_adjusted
        if budget is None:
            budget = evaluation.budget_initial if evaluation.budget_initial is not None else budget_total
        if evaluation.spent is not None and budget:
            unit.budget += budget
            unit.spent += evaluation.spent
    return list(units.values())
