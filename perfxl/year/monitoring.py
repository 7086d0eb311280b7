"""The monitoring yardsticks: execution against the spending plan at month N, and unexplained doubts.

Plain functions over records, shared by the rules and the forms.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from perfxl.core.stages import CERTAIN, IndicatorMonitor, ProjectMonitor
from perfxl.year.plan import plan_at

if TYPE_CHECKING:
    from perfxl.core.model import Dataset

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Lag:
    month: int
    rate: Decimal  # percent executed by the end of the month
    plan: Decimal  # percent planned by then (interpolated)

    @property
    def points(self) -> Decimal:
        return self.plan - self.rate


def monitor_month(dataset: Dataset) -> int | None:
    """The month the monitoring data runs to (the first project's that has one)."""
    return next((p.monitor.month for p in dataset.projects if p.monitor and p.monitor.month), None)


def monitor_rate(monitor: ProjectMonitor, budget_total: Decimal | None) -> Decimal | None:
    """1–N月执行率 in percent: 执行数 / 调整后预算数 (or the target 预算数 when not adjusted)."""
    budget = monitor.budget_adjusted if monitor.budget_adjusted is not None else budget_total
    if monitor.spent is None or budget is None or budget == 0:
        return None
    return monitor.spent / budget * HUNDRED


def execution_lag(
    monitor: ProjectMonitor, budget_total: Decimal | None, checkpoints: dict[int, Decimal], limit: Decimal
) -> Lag | None:
    """The lag when execution trails the plan at the monitoring month by more than ``limit`` points."""
    if monitor.month is None:
        return None
    rate = monitor_rate(monitor, budget_total)
    plan = plan_at(checkpoints, monitor.month)
    if rate is None or plan is None or plan - rate <= limit:
        return None
    return Lag(monitor.month, rate, plan)


def unexplained_doubt(monitor: IndicatorMonitor) -> tuple[bool, bool] | None:
    """For a 完成目标可能性 other than 确定能: (reasons missing, measures missing), or None when nothing is missing."""
    if monitor.likelihood is None or monitor.likelihood.strip() == CERTAIN:
        return None
    no_reasons = not monitor.reasons.any()
    no_measures = not (monitor.measures and monitor.measures.strip())
    return (no_reasons, no_measures) if no_reasons or no_measures else None
