"""绩效自评: points within their 分值 and band, weights totalling 100, money within the budget, honest actuals."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from perfxl.check.rules.base import Context, Rule
from perfxl.check.rules.stage_base import (
    EVALUATION_INDICATORS,
    EVALUATION_PROJECTS,
    evaluated,
    project_record,
    scored_indicators,
    settings,
    stage_finding,
    target,
    weights,
)
from perfxl.year.scoring import execution_rate
from perfxl.year.weights import indicator_weights

if TYPE_CHECKING:
    from perfxl.core.findings import Finding

HUNDRED = Decimal(100)


def _pts(value: Decimal) -> str:
    return format(value.normalize(), "f")


class EvaluationScoreRange(Rule):
    """得分 lies between 0 and 分值, and for a 定性 tier within its band (达成年度指标 80–100 % of 分值 …).

    PASS: 分值 10, 实际完成值 达成年度指标, 得分 9
    FAIL: 分值 10, 得分 12 — or 达成年度指标 with 得分 7 (below 8)
    """

    code = "evaluation-score-range"
    severity = "error"
    zh = "得分 {value} 超出范围：{why_zh}"
    en = "得分 {value} is out of range: {why_en}"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for _, key, ev, item in scored_indicators(ctx):
            typed = None if ev is None else ev.score
            if typed is None:
                continue
            reason = item.reason
            weight = item.printed_weight
            if weight is not None and not Decimal(0) <= typed <= weight:
                why = {
                    "why_zh": f"应在 0 与分值 {_pts(weight)} 之间",
                    "why_en": f"it must lie between 0 and 分值 {_pts(weight)}",
                }
            elif reason is not None and reason.code == "score-outside-band":
                why = {"why_zh": reason.message("zh"), "why_en": reason.message("en")}
            else:
                continue
            yield stage_finding(self, ctx, EVALUATION_INDICATORS.name, key, "score", value=_pts(typed), **why)


class EvaluationWeightsTotal(Rule):
    """预算执行率's points and the indicators' 分值 (own or default) add up to 100.

    PASS: 10 + 产出 50 + 效益 30 + 满意度 10
    FAIL: 10 + 分值 typed as 40 + 30 + 10 = 90
    """

    code = "evaluation-weights-total"
    severity = "error"
    zh = "预算执行率分值与各指标分值合计 {value}，应为 100"
    en = "the points of 预算执行率 and the indicators add up to {value}, not 100"

    def check(self, ctx: Context) -> Iterator[Finding]:
        s = settings()
        level1 = ctx.ind.level1
        for p, code in enumerate(ctx.proj.code):
            if not evaluated(ctx, p):
                continue
            points = indicator_weights([level1[i] for i in ctx.proj.indicators[p]], weights(ctx, p), s)
            if any(w is None for w in points):
                continue  # an indicator without points is reported by perfxl score
            total = s.execution_weight + sum((w for w in points if w is not None), Decimal(0))
            if total != HUNDRED:
                yield stage_finding(self, ctx, EVALUATION_PROJECTS.name, (code, None), "code", value=_pts(total))


class EvaluationOverBudget(Rule):
    """全年执行数 does not exceed 全年预算数 (or 年初预算数 when there is none): the rate is at most 100 %.

    PASS: 全年预算数 90, 全年执行数 89.974
    FAIL: 全年预算数 100, 全年执行数 110 (110 %; scored as 100 %)
    """

    code = "evaluation-over-budget"
    severity = "error"
    zh = "全年执行数 {value} 超过预算数 {budget}（执行率 {rate}%）"
    en = "全年执行数 {value} exceeds the budget {budget} (execution rate {rate}%)"

    def check(self, ctx: Context) -> Iterator[Finding]:
        records = ctx.stages.project_evaluation
        if not records:
            return
        for p, code in enumerate(ctx.proj.code):
            e = project_record(ctx, p, records)
            if e is None or e.spent is None:
                continue
            rate, _ = execution_rate(e, ctx.proj.total[p])
            if rate is not None and rate > 1:
                budget = e.spent / rate
                yield stage_finding(
                    self,
                    ctx,
                    EVALUATION_PROJECTS.name,
                    (code, None),
                    "spent",
                    value=str(e.spent),
                    budget=str(budget.quantize(Decimal("0.01"))),
                    rate=str((rate * HUNDRED).quantize(Decimal("0.01"))),
                )


class EvaluationMissingReason(Rule):
    """An indicator scored below its 分值 says why (偏差原因分析及改进措施).

    PASS: 得分 11.25 of 12.5 with 偏差原因 "申请人数少于预期"
    FAIL: 得分 11.25 of 12.5 and 偏差原因 blank
    """

    code = "evaluation-missing-reason"
    severity = "warning"
    zh = "得分 {value} 低于分值 {weight}，但偏差原因分析及改进措施为空"
    en = "得分 {value} is below the 分值 {weight} but 偏差原因分析及改进措施 is blank"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for _, key, ev, item in scored_indicators(ctx):
            got = item.computed_score if item.computed_score is not None else (ev.score if ev else None)
            weight = item.printed_weight
            if ev is None or got is None or weight is None or got >= weight or (ev.reason or "").strip():
                continue
            yield stage_finding(
                self,
                ctx,
                EVALUATION_INDICATORS.name,
                key,
                "reason",
                value=_pts(got),
                weight=_pts(weight),
            )


class EvaluationTextActual(Rule):
    """A numeric target gets a numeric 实际完成值 (in its unit, or none): a word cannot be scored against ≤30万元.

    PASS: 年度指标值 ≤30万元, 实际完成值 28万元
    FAIL: 年度指标值 ≤30万元, 实际完成值 完成
    """

    code = "evaluation-text-actual"
    severity = "error"
    zh = "年度指标值是数值，实际完成值「{value}」不是，无法计分"
    en = "the target is a number but the actual {value!r} is not: it cannot be scored"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for _, key, ev, item in scored_indicators(ctx):
            if item.reason is not None and item.reason.code == "text-actual" and ev is not None:
                yield stage_finding(self, ctx, EVALUATION_INDICATORS.name, key, "actual", value=ev.actual)


class EvaluationOverTarget(Rule):
    """An actual far above its 正向 target (by default more than 50 % above) suggests the target was set too low.

    PASS: 年度指标值 ≥100人, 实际完成值 140人
    FAIL: 年度指标值 ≥100人, 实际完成值 151人
    """

    code = "evaluation-over-target"
    severity = "warning"
    zh = "实际完成值「{value}」远超年度指标值「{target}」（超出 {limit}% 以上），目标是否定得过低？"
    en = "the actual {value!r} is far above the target {target!r} (by more than {limit}%): was the target set too low?"

    def check(self, ctx: Context) -> Iterator[Finding]:
        limit = str(settings().over_achievement_percent)
        for i, key, ev, item in scored_indicators(ctx):
            if item.over_target and ev is not None:
                yield stage_finding(
                    self,
                    ctx,
                    EVALUATION_INDICATORS.name,
                    key,
                    "actual",
                    value=ev.actual,
                    target=target(ctx, i).printed,
                    limit=limit,
                )
