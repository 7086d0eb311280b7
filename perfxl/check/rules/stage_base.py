"""What the stage rules share: stage records read against the columns, each project's score, findings at stage cells.

The stage sheets are keyed by (项目编码, 序号); a record belongs to the first
project with that code (a repeated code gets nothing the second time) and to the
indicator at that 序号, and 分值 typed in 绩效自评-指标 overrides the indicator's
权重 — what the Dataset's ``attach_stages`` did, here without building models.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar
from weakref import WeakKeyDictionary

from perfxl.core.location import Location
from perfxl.core.stages import IndicatorEvaluation, ProjectEvaluation
from perfxl.year.cells import column_letter
from perfxl.year.columns import sheets_for, stage_sheets
from perfxl.year.scoring import IndicatorCase, IndicatorScore, ProjectScore, score_project
from perfxl.year.settings import ScoringSettings, load_scoring_settings
from perfxl.year.target import TargetView

if TYPE_CHECKING:
    from perfxl.check.rules.base import Context, Rule
    from perfxl.core.findings import Finding
    from perfxl.year.sheetdata import Key

MONITOR_PROJECTS, MONITOR_INDICATORS = sheets_for("monitor")
EVALUATION_PROJECTS, EVALUATION_INDICATORS = sheets_for("evaluate")
_SCORES: WeakKeyDictionary[Context, list[ProjectScore | None]] = WeakKeyDictionary()
_CODES: WeakKeyDictionary[Context, set[str]] = WeakKeyDictionary()
R = TypeVar("R")


class Scored(NamedTuple):
    """An indicator of an evaluated project: its index ``at`` in ``ctx.ind``, stage key, 自评 record and score item."""

    at: int
    key: tuple[str, int]
    evaluation: IndicatorEvaluation | None
    item: IndicatorScore


def settings() -> ScoringSettings:
    return load_scoring_settings()


def project_record(ctx: Context, p: int, records: Mapping[str, R]) -> R | None:
    """Project ``p``'s record in ``records`` (keyed by 项目编码); None for a repeated code's later rows."""
    return records.get(ctx.proj.code[p]) if ctx.first_occurrence[p] else None


def indicator_records(ctx: Context, records: Mapping[tuple[str, int], R]) -> Iterator[tuple[int, tuple[str, int], R]]:
    """(index in ``ctx.ind``, key, record) for every indicator with a record, in ``ctx.ind`` order."""
    codes = {code for code, _ in records}
    if not codes:
        return
    seq = ctx.ind.seq
    for p, code in enumerate(ctx.proj.code):
        if code in codes and ctx.first_occurrence[p]:
            for i in ctx.proj.indicators[p]:
                key = (code, seq[i])
                found = records.get(key)
                if found is not None:
                    yield i, key, found


def evaluated(ctx: Context, p: int) -> bool:
    """Whether project ``p`` or one of its indicators has a 自评 record."""
    data, code = ctx.stages, ctx.proj.code[p]
    if code not in _evaluated_codes(ctx) or not ctx.first_occurrence[p]:
        return False
    if code in data.project_evaluation:
        return True
    seq = ctx.ind.seq
    return any((code, seq[i]) in data.indicator_evaluation for i in ctx.proj.indicators[p])


def _evaluated_codes(ctx: Context) -> set[str]:
    """The codes with any 自评 record (most projects have none: they are passed over by code)."""
    found = _CODES.get(ctx)
    if found is None:
        data = ctx.stages
        found = _CODES[ctx] = {*data.project_evaluation, *(code for code, _ in data.indicator_evaluation)}
    return found


def weights(ctx: Context, p: int) -> list[Decimal | None]:
    """The 分值 of project ``p``'s indicators: typed in 绩效自评-指标, else their 权重."""
    own, typed, code, seq = ctx.ind.weight, ctx.stages.weights, ctx.proj.code[p], ctx.ind.seq
    return [typed.get((code, seq[i]), own[i]) for i in ctx.proj.indicators[p]]


@lru_cache(maxsize=1 << 12)
def _target(level1: str | None, sign: str | None, value: str | None, unit: str | None) -> TargetView:
    # Scoring reads these fields only; one object per distinct target, not one per row.
    return TargetView(sign, value, unit, level1)


def target(ctx: Context, i: int) -> TargetView:
    """Indicator ``i``'s target as scoring reads it (一级, sign, value, unit; ``printed`` as documents print it)."""
    ind = ctx.ind
    return _target(ind.level1[i], ind.sign[i], ind.value[i], ind.unit[i])


def project_scores(ctx: Context) -> list[ProjectScore | None]:
    """Per project: its score when it has self-evaluation data, else None (computed once per Context)."""
    found = _SCORES.get(ctx)
    if found is None:
        s = settings()
        records = ctx.stages.indicator_evaluation
        found = []
        for p, code in enumerate(ctx.proj.code):
            if not evaluated(ctx, p):
                found.append(None)
                continue
            cases = [
                IndicatorCase(target(ctx, i), w, records.get((code, ctx.ind.seq[i])) or IndicatorEvaluation())
                for i, w in zip(ctx.proj.indicators[p], weights(ctx, p), strict=True)
            ]
            evaluation = ctx.stages.project_evaluation.get(code) or ProjectEvaluation()
            found.append(score_project(code, cases, evaluation, s, budget_total=ctx.proj.total[p]))
        _SCORES[ctx] = found
    return found


def scored_indicators(ctx: Context) -> Iterator[Scored]:
    """Every indicator of every evaluated project with its 自评 record and score item, in ``ctx.ind`` order."""
    records = ctx.stages.indicator_evaluation
    for p, score in enumerate(project_scores(ctx)):
        if score is not None:
            code = ctx.proj.code[p]
            for i, item in zip(ctx.proj.indicators[p], score.indicators, strict=True):
                key = (code, ctx.ind.seq[i])
                yield Scored(i, key, records.get(key), item)


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
