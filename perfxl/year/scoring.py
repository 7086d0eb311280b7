"""Score a project's self-evaluation: execution rate, indicator points, total and grade.

Points are rounded half-up to the fen; the total is the sum of the rounded
points.  Indicators that do not apply are left out and the other items' points
rescaled (to the fen, adding up exactly) so the project is still scored out of
the same total — 100 with the default weights.  Anything unscorable or awaiting a
person's judgement leaves the total and grade empty: perfxl never guesses them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from perfxl.core.stages import IndicatorEvaluation, ProjectEvaluation
from perfxl.year.judge import Judgement, Status, judge
from perfxl.year.reasons import Reason
from perfxl.year.weights import FEN, apportion, indicator_weights

if TYPE_CHECKING:
    from perfxl.core.model import Dataset
    from perfxl.year.settings import ScoringSettings
    from perfxl.year.target import Target

HUNDRED = Decimal(100)


def points(value: Decimal) -> Decimal:
    """Round half-up to the fen (public systems print scores to 2 decimals)."""
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class IndicatorCase:
    """One indicator as scoring sees it: the target, its own 分值 (None: default points), its self-evaluation."""

    indicator: Target
    weight: Decimal | None = None
    evaluation: IndicatorEvaluation = field(default_factory=IndicatorEvaluation)


@dataclass(frozen=True)
class ExecutionScore:
    rate: Decimal | None  # percent, rounded to 2 places (96.00 means 96 %)
    weight: Decimal
    score: Decimal | None
    over_budget: bool = False  # 全年执行数 above the budget: scored as 100 %, reported as an error
    reason: Reason | None = None
    printed_score: Decimal | None = None  # on the printed 分值 (before rescaling), as the form shows it


@dataclass(frozen=True)
class IndicatorScore:
    seq: int  # 1-based position in the project, as 序号 in the workbook
    status: Status
    weight: Decimal | None  # the points it counts for (after rescaling); None when left out or unknown
    score: Decimal | None
    reason: Reason | None = None
    over_target: bool = False
    # On the indicator's own printed 分值, before rescaling: what its 得分 cell shows.
    # None when a person typed the 得分 (it stays as typed) or there is no score.
    computed_score: Decimal | None = None
    printed_weight: Decimal | None = None  # its own or default 分值, before rescaling


@dataclass(frozen=True)
class ProjectScore:
    code: str
    execution: ExecutionScore
    indicators: tuple[IndicatorScore, ...]
    total: Decimal | None
    grade: str | None


def execution_rate(evaluation: ProjectEvaluation, budget_total: Decimal | None) -> tuple[Decimal | None, Reason | None]:
    """全年执行数 / 全年预算数 as a fraction (falling back to 年初预算数, then the target 预算数)."""
    budget = evaluation.budget_adjusted
    if budget is None:
        budget = evaluation.budget_initial if evaluation.budget_initial is not None else budget_total
    if budget is None or budget == 0:
        return None, Reason("no-budget")
    if evaluation.spent is None:
        return None, Reason("no-spent")
    return evaluation.spent / budget, None


def score_project(
    code: str,
    cases: Sequence[IndicatorCase],
    evaluation: ProjectEvaluation,
    settings: ScoringSettings,
    *,
    budget_total: Decimal | None = None,
) -> ProjectScore:
    """Score one project; ``budget_total`` is its target 预算数 (the last fallback for the rate)."""
    weights = indicator_weights([c.indicator.level1 for c in cases], [c.weight for c in cases], settings)
    judgements = [judge(c.indicator, w, c.evaluation, settings) for c, w in zip(cases, weights, strict=True)]
    # The items that count: execution first, then each applicable indicator with points.
    counted = [
        i
        for i, (j, w) in enumerate(zip(judgements, weights, strict=True))
        if w is not None and j.status != "not-applicable"
    ]
    exec_weight = settings.execution_weight
    full = exec_weight + sum((w for w in weights if w is not None), Decimal(0))
    effective = [exec_weight, *(weights[i] or Decimal(0) for i in counted)]
    if any(j.status == "not-applicable" for j in judgements):
        effective = apportion(full, effective)
    eff_by_index = dict(zip(counted, effective[1:], strict=True))

    rate, reason = execution_rate(evaluation, budget_total)
    achieved = None if rate is None else max(Decimal(0), min(rate, Decimal(1)))
    exec_score = None if achieved is None else points(effective[0] * achieved)
    execution = ExecutionScore(
        rate=None if rate is None else points(rate * HUNDRED),
        weight=points(effective[0]),
        score=exec_score,
        over_budget=rate is not None and rate > 1,
        reason=reason,
        printed_score=None if achieved is None else points(exec_weight * achieved),
    )
    scores = tuple(_indicator_score(i + 1, j, weights[i], eff_by_index.get(i)) for i, j in enumerate(judgements))
    total: Decimal | None = None
    if exec_score is not None and all(s.status in ("scored", "not-applicable") for s in scores):
        total = exec_score + sum((s.score for s in scores if s.score is not None), Decimal(0))
    return ProjectScore(
        code=code,
        execution=execution,
        indicators=scores,
        total=total,
        grade=None if total is None else settings.grade_for(total),
    )


def _indicator_score(seq: int, j: Judgement, weight: Decimal | None, effective: Decimal | None) -> IndicatorScore:
    if j.status == "not-applicable" or weight is None or effective is None:
        return IndicatorScore(seq, j.status, None, None, j.reason, j.over_target, printed_weight=weight)
    score: Decimal | None = None
    computed: Decimal | None = None
    if j.share is not None:
        score, computed = points(effective * j.share), points(weight * j.share)
    elif j.typed is not None:
        # A person's 得分 is on the printed 分值; rescaling moves it by the same factor.
        score = points(j.typed * effective / weight) if weight else points(j.typed)
    return IndicatorScore(seq, j.status, points(effective), score, j.reason, j.over_target, computed, weight)


def score_dataset(dataset: Dataset, settings: ScoringSettings) -> list[ProjectScore]:
    """Score every project from the self-evaluation records it carries (missing records score as blanks)."""
    scores: list[ProjectScore] = []
    for p in dataset.projects:
        cases = [IndicatorCase(i, i.weight, i.evaluation or IndicatorEvaluation()) for i in p.indicators]
        evaluation = p.evaluation or ProjectEvaluation()
        scores.append(score_project(p.code, cases, evaluation, settings, budget_total=p.budget.total))
    return scores


def has_evaluation(dataset: Dataset) -> bool:
    return any(p.evaluation is not None or any(i.evaluation for i in p.indicators) for p in dataset.projects)
