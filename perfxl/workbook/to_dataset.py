"""The Dataset built from a read: the one place a workbook's records become model objects.

Reading keeps records as columns (:class:`~perfxl.workbook.records.BookColumns`) and
stage sheets as :class:`~perfxl.year.sheetdata.StageData`; :attr:`ReadResult.dataset
<perfxl.workbook.assemble.ReadResult.dataset>` calls :func:`build` the first time a caller
asks (interchange, writers, merge, render …).  ``perfxl validate`` never does, and so never
imports pydantic: that is why this module is imported there, at that moment, and not before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from perfxl.core.model import Budget, Dataset, DepartmentGoal, Division, Indicator, Project, Schedule, Unit
from perfxl.core.terms import DEFAULT_AMOUNT_UNIT
from perfxl.workbook import schema as S

if TYPE_CHECKING:
    from perfxl.workbook.records import BookColumns
    from perfxl.year.sheetdata import StageData

EXTRA = "extra"  # the model's field for a row's kept columns (header → text)


def build(columns: BookColumns, stages: StageData) -> Dataset:
    """The model objects of ``columns``, with the stage records of ``stages`` attached."""
    return attach_stages(dataset_from_columns(columns), stages)


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
        amount_unit=info.get(S.INFO_AMOUNT_UNIT) or DEFAULT_AMOUNT_UNIT,
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


def attach_stages(dataset: Dataset, data: StageData) -> Dataset:
    """``dataset`` with the stage records on its projects and indicators (unchanged without stage sheets)."""
    if data.is_empty():
        return dataset
    # Projects with stage values (most have none: a year's monitoring may cover a few) — the others
    # are kept as they are instead of copying each of their indicators to set nothing.
    staged = {*data.project_monitor, *data.project_evaluation}
    staged.update(code for code, _ in (*data.indicator_monitor, *data.indicator_evaluation, *data.weights))
    projects = []
    seen: set[str] = set()
    for p in dataset.projects:
        if p.code in seen:  # a repeated code gets nothing twice (the reader reports it)
            projects.append(p)
            continue
        seen.add(p.code)
        if p.code not in staged and _bare(p):
            projects.append(p)
            continue
        indicators = tuple(
            ind.model_copy(
                update={
                    "monitor": data.indicator_monitor.get((p.code, seq)),
                    "evaluation": data.indicator_evaluation.get((p.code, seq)),
                    "weight": data.weights.get((p.code, seq), ind.weight),
                }
            )
            for seq, ind in enumerate(p.indicators, start=1)
        )
        update = {
            "monitor": data.project_monitor.get(p.code),
            "evaluation": data.project_evaluation.get(p.code),
            "indicators": indicators,
        }
        projects.append(p.model_copy(update=update))
    return dataset.model_copy(update={"projects": tuple(projects)})


def _bare(project: Project) -> bool:
    """No stage record on the project or its indicators (what the reader builds; copying it would change nothing)."""
    return (
        project.monitor is None
        and project.evaluation is None
        and all(i.monitor is None and i.evaluation is None for i in project.indicators)
    )
