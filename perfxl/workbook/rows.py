"""A Dataset as the rows of each standard sheet, for the writer: values by column key, kept columns after them.

The 项目名称 beside 项目编码 on 支出计划 and 绩效指标 is taken from the project (the
model holds it once).  A row's ``extra`` (columns a person added: 备注, 责任科室 …)
becomes columns after the standard ones: one per header, in the order first seen
down the sheet; a row without that column leaves its cell blank.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from perfxl.core.errors import OutputError
from perfxl.workbook import schema as S

if TYPE_CHECKING:
    from perfxl.core.model import Dataset

EXTRA_KEY = "extra:"  # record keys of kept columns: "extra:备注" (no standard key has a colon)
EXTRA_WIDTH = 16.0


def _with_extra(record: dict[str, Any], extra: Mapping[str, str]) -> dict[str, Any]:
    if extra:
        record.update({EXTRA_KEY + k: v for k, v in extra.items()})
    return record


def sheet_rows(dataset: Dataset, sheet: str) -> list[dict[str, Any]]:
    """The records of standard sheet ``sheet``, keyed by column key (kept columns as ``extra:<header>``)."""
    if sheet == S.UNITS:
        return [_with_extra(u.model_dump(), u.extra) for u in dataset.units]
    if sheet == S.GOALS:
        return [_with_extra(g.model_dump(), g.extra) for g in dataset.department_goals]
    if sheet == S.PROJECTS:
        return [
            _with_extra(
                {
                    "unit_code": p.unit_code,
                    "code": p.code,
                    "name": p.name,
                    "total": p.budget.total,
                    "fiscal": p.budget.fiscal,
                    "other": p.budget.other,
                    "purpose": p.purpose,
                    "goals": p.goals,
                },
                p.extra,
            )
            for p in dataset.projects
        ]
    if sheet == S.SCHEDULE:
        return [
            _with_extra({"code": p.code, S.PROJECT_NAME: p.name, **p.schedule.model_dump()}, p.schedule.extra)
            for p in dataset.projects
        ]
    if sheet == S.INDICATORS:
        return [
            _with_extra({"project_code": p.code, S.PROJECT_NAME: p.name, "seq": i, **ind.model_dump()}, ind.extra)
            for p in dataset.projects
            for i, ind in enumerate(p.indicators, start=1)
        ]
    raise KeyError(sheet)


def _extras_of(dataset: Dataset, sheet: str) -> Iterable[Mapping[str, str]]:
    if sheet == S.UNITS:
        return (u.extra for u in dataset.units)
    if sheet == S.GOALS:
        return (g.extra for g in dataset.department_goals)
    if sheet == S.PROJECTS:
        return (p.extra for p in dataset.projects)
    if sheet == S.SCHEDULE:
        return (p.schedule.extra for p in dataset.projects)
    return (i.extra for p in dataset.projects for i in p.indicators)


def extra_columns(dataset: Dataset, spec: S.SheetSpec) -> list[S.Column]:
    """The kept columns of ``spec``'s sheet (text, after the standard ones), in the order first seen.

    OutputError for a header that would read back as a standard column (or be blank).
    """
    headers: dict[str, None] = {}
    for extra in _extras_of(dataset, spec.name):
        if extra:
            headers.update(dict.fromkeys(extra))
    standard = {c.name for c in S.standard().sheet(spec.name).columns} | set(spec.names)
    for header in headers:
        if not header.strip() or header in standard or (spec.name == S.SCHEDULE and S.month_of_header(header)):
            raise OutputError(
                f"{spec.name}: a kept column may not be named {header!r} (blank, or a standard column's name); "
                "rename it in the input"
            )
    return [S.Column(name=h, key=EXTRA_KEY + h, kind="text", width=EXTRA_WIDTH) for h in headers]
