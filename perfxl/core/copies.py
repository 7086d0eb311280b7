"""When two indicator tables are the same table: copied from another project without adapting it.

One definition, shared by the ``duplicate-indicator-table`` rule (projects of
one workbook) and the merge's cross-unit check (projects of different units).
"""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from perfxl.core.model import Project

MIN_TABLE_ROWS = 2  # a one-row table (e.g. 满意度 ≥ 90%) repeats innocently
# What a unit writes for its own table; 描述 and 依据 are free prose often reworded while the
# numbers stay copied, and 上年指标值 is history, not the table.
ROW_FIELDS = ("level1", "level2", "level3", "sign", "value", "unit")
_ROW_KEY = attrgetter(*ROW_FIELDS)

IndicatorTableKey = tuple[tuple[str | None, ...], ...]


def indicator_table_key(project: Project) -> IndicatorTableKey | None:
    """The key under which two projects' indicator tables are equal; None for a table too short to judge."""
    if len(project.indicators) < MIN_TABLE_ROWS:
        return None
    return tuple(map(_ROW_KEY, project.indicators))
