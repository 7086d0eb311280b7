"""The spending plan as a yardstick at month N: cumulative percent, interpolated between checkpoints.

The plan gives cumulative percentages at a few month ends (3月底 25 %, 6月底 50 % …);
between two checkpoints, and from 0 % at the start of the year to the first, the
plan is taken to grow linearly.  After the last checkpoint it stays at that value.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from perfxl.core.model import Schedule


def schedule_checkpoints(schedule: Schedule) -> dict[int, Decimal]:
    """Month → cumulative percent, for the checkpoints the plan fills."""
    return schedule.as_dict()


def plan_at(checkpoints: Mapping[int, Decimal], month: int) -> Decimal | None:
    """Cumulative planned percent at the end of ``month``; None when the plan has no checkpoints.

    >>> plan_at({3: Decimal(25), 6: Decimal(50), 10: Decimal(75), 12: Decimal(100)}, 7)
    Decimal('56.25')
    """
    if not checkpoints:
        return None
    previous_month, previous = 0, Decimal(0)
    for cp_month in sorted(checkpoints):
        value = checkpoints[cp_month]
        if month <= cp_month:
            if cp_month == previous_month:
                return value
            return previous + (value - previous) * (month - previous_month) / (cp_month - previous_month)
        previous_month, previous = cp_month, value
    return previous
