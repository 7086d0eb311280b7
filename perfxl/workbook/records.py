"""The records of a workbook as columns, placed, and the Dataset built from them on demand.

:class:`BookColumns` is what the reader gives (and what rules read); the pydantic
:class:`~perfxl.core.model.Dataset` is built from it only for callers that want model
objects (interchange, writers, merge …): :func:`dataset_from_columns`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from perfxl.core.model import Budget, Dataset, DepartmentGoal, Division, Indicator, Project, Schedule, Unit
from perfxl.workbook import schema as S
from perfxl.workbook.columns import SheetColumns

EXTRA = "extra"  # the model's field for a row's kept columns (header → text)


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


def dataset_head(columns: BookColumns) -> Dataset:
    """The Dataset's 基本信息, units and department goals, without projects (cheap: few rows)."""
    info = columns.info
    units = columns.units
    unit_list = [
        Unit(code=code or "", name=name, parent_code=parent, extra=units.extra_of(i))
        for i, (code, name, parent) in enumerate(
            zip(units.get("code"), units.get("name"), units.get("parent_code"), strict=True)
        )
    ]
    goals = columns.goals
    goal_keys = list(goals.values)
    goal_rows = zip(*goals.values.values(), strict=True) if goal_keys else ([()] * len(goals))
    goal_list = [
        DepartmentGoal(**dict(zip(goal_keys, values, strict=True)), extra=goals.extra_of(i))
        for i, values in enumerate(goal_rows)
    ]
    return Dataset(
        year=info.get(S.INFO_YEAR),
        profile=info.get(S.INFO_PROFILE),
        division=Division(code=info.get(S.INFO_DIVISION_CODE), name=info.get(S.INFO_DIVISION_NAME)),
        amount_unit=info.get(S.INFO_AMOUNT_UNIT) or "万元",
        taxonomy=info.get(S.INFO_TAXONOMY),
        units=tuple(unit_list),
        department_goals=tuple(goal_list),
    )


def dataset_from_columns(columns: BookColumns) -> Dataset:
    """The model objects of ``columns`` (without stage records; see :func:`attach_stages`)."""
    indicators = columns.indicators
    indicator_keys = [k for k in indicators.values if k not in ("project_code", S.PROJECT_NAME)]
    indicator_columns = [indicators.values[k] for k in indicator_keys]
    indicator_list = [
        Indicator.model_validate({**dict(zip(indicator_keys, values, strict=True)), **extra})
        for values, extra in zip(
            zip(*indicator_columns, strict=True) if indicator_columns else [()] * len(indicators),
            ({EXTRA: e} if e else {} for e in (indicators.extra or [{}] * len(indicators))),
            strict=True,
        )
    ]
    projects = columns.projects
    schedules = columns.schedules
    month_columns = [(key, schedules.get(key)) for key in columns.month_keys]
    project_list = []
    for p, (code, unit_code, name, total, fiscal, other, purpose, goal_text) in enumerate(
        zip(
            *(projects.get(k) for k in ("code", "unit_code", "name", "total", "fiscal", "other", "purpose", "goals")),
            strict=True,
        )
    ):
        s = columns.schedule_of[p]
        span = columns.project_indicators[p]
        project_list.append(
            Project(
                unit_code=unit_code,
                code=code or "",
                name=name,
                budget=Budget(total=total, fiscal=fiscal, other=other),
                purpose=purpose,
                goals=goal_text,
                schedule=Schedule(
                    **{k: (c[s] if s is not None else None) for k, c in month_columns},
                    extra=schedules.extra_of(s) if s is not None else {},
                ),
                indicators=tuple(indicator_list[span.start : span.stop]),
                extra=projects.extra_of(p),
            )
        )
    return dataset_head(columns).model_copy(update={"projects": tuple(project_list)})
