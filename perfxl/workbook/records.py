"""The records of a workbook as columns, placed: what the reader gives and what rules read.

The pydantic :class:`~perfxl.core.model.Dataset` is built from them only for callers
that want model objects (interchange, writers, merge …): see :mod:`perfxl.workbook.to_dataset`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from perfxl.workbook.columns import SheetColumns


@dataclass
class BookColumns:
    """The standard sheets' records as columns, placed: what rules read, and what a Dataset is built from.

    ``indicators`` holds the rows of 绩效指标 that belong to a project, grouped by project in
    the order of 项目 (the order of the Dataset); ``indicator_project[i]`` is the index of
    row ``i``'s project and ``indicator_seq[i]`` its place (1, 2, …) among that project's
    indicators.  ``project_indicators[p]`` is the range of project ``p``'s rows and
    ``schedule_of[p]`` the index of its 支出计划 record (None when it has none).
    """

    info: dict[str, Any]
    units: SheetColumns
    goals: SheetColumns
    projects: SheetColumns
    schedules: SheetColumns
    indicators: SheetColumns
    month_keys: list[str]
    project_codes: list[str]  # 项目编码 of each project ('' when blank)
    schedule_of: list[int | None]
    indicator_project: list[int]
    indicator_seq: list[int]
    project_indicators: list[range]
