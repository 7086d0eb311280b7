"""What the stage rules share: each project's score (computed once per check) and findings at stage cells."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from weakref import WeakKeyDictionary

from perfxl.check.rules.base import Context, Rule
from perfxl.core.findings import Finding
from perfxl.core.location import Location
from perfxl.core.model import Indicator, Project
from perfxl.core.stages import IndicatorEvaluation, ProjectEvaluation
from perfxl.year.cells import column_letter
from perfxl.year.columns import sheets_for, stage_sheets
from perfxl.year.scoring import IndicatorCase, IndicatorScore, ProjectScore, score_project
from perfxl.year.settings import ScoringSettings, load_scoring_settings
from perfxl.year.sheetdata import Key

MONITOR_PROJECTS, MONITOR_INDICATORS = sheets_for("monitor")
EVALUATION_PROJECTS, EVALUATION_INDICATORS = sheets_for("evaluate")
_SCORES: WeakKeyDictionary[Context, list[ProjectScore | None]] = WeakKeyDictionary()


def settings() -> ScoringSettings:
    return load_scoring_settings()


def evaluated(ctx: Context, index: int) -> bool:
    p = ctx.dataset.projects[index]
    return p.evaluation is not None or any(i.evaluation is not None for i in p.indicators)


def project_scores(ctx: Context) -> list[ProjectScore | None]:
    """Per project: its score when it has self-evaluation data, else None (computed once per Context)."""
    found = _SCORES.get(ctx)
    if found is None:
        s = settings()
        found = []
        for i, p in enumerate(ctx.dataset.projects):
            if not evaluated(ctx, i):
                found.append(None)
                continue
            cases = [IndicatorCase(ind, ind.weight, ind.evaluation or IndicatorEvaluation()) for ind in p.indicators]
            evaluation = p.evaluation or ProjectEvaluation()
            found.append(score_project(p.code, cases, evaluation, s, budget_total=p.budget.total))
        _SCORES[ctx] = found
    return found


def scored_indicators(ctx: Context) -> Iterator[tuple[Project, Indicator, IndicatorScore]]:
    """(project, indicator, its score item) for every indicator of every evaluated project."""
    for p, score in zip(ctx.dataset.projects, project_scores(ctx), strict=True):
        if score is not None:
            yield from ((p, ind, item) for ind, item in zip(p.indicators, score.indicators, strict=True))


def stage_finding(
    rule: Rule, ctx: Context, sheet: str, key: Key, field: str, *, value: Any = None, **extra: Any
) -> Finding:
    """A finding of ``rule`` at the cell of ``field`` in the stage row of ``key`` on ``sheet``."""
    spec = next(s for s in stage_sheets() if s.name == sheet)
    index = ctx.stages.columns.get(sheet, {}).get(field)
    row = ctx.stages.rows.get((sheet, key))
    letter = None if index is None else column_letter(index)
    location = Location(
        sheet=sheet,
        cell=f"{letter}{row}" if letter is not None and row is not None else None,
        row=row,
        column=letter,
        project_code=key[0] or None,
    )
    extra.setdefault("column", spec.column(field).header(ctx.stages.month))
    return rule.finding(location, value=value, **extra)
