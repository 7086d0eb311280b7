"""执行监控: execution against the spending plan, doubts explained, target columns unchanged."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfxl.check.rules.base import Context, Rule
from perfxl.check.rules.stage_base import MONITOR_INDICATORS, MONITOR_PROJECTS, settings, stage_finding
from perfxl.core.findings import Finding
from perfxl.core.stages import LIKELIHOODS
from perfxl.year.compare import target_mismatches
from perfxl.year.monitoring import execution_lag, unexplained_doubt

CENT = Decimal("0.01")


def _pct(value: Decimal) -> str:
    return str(value.quantize(CENT))


class MonitorLagging(Rule):
    """Execution at month N trails the spending plan (interpolated between its checkpoints) by more than 10 points.

    PASS: plan 25/50/75/100 % → 56.25 % at 7月底; 1-7月执行数 50 of 调整后预算数 100 (50 %)
    FAIL: the same plan; 1-7月执行数 40 of 100 (40 %): 16.25 points behind
    """

    code = "monitor-lagging"
    severity = "warning"
    zh = "1-{month}月执行率 {rate}% 落后于支出计划进度 {plan}%，差 {points} 个百分点（允许 {limit}）"
    en = "{rate}% spent by the end of month {month}, {points} points behind the plan's {plan}% (allowed: {limit})"

    def check(self, ctx: Context) -> Iterator[Finding]:
        limit = settings().lag_points
        for p in ctx.dataset.projects:
            if p.monitor is None:
                continue
            lag = execution_lag(p.monitor, p.budget.total, p.schedule.as_dict(), limit)
            if lag is not None:
                yield stage_finding(
                    self,
                    ctx,
                    MONITOR_PROJECTS.name,
                    (p.code, None),
                    "spent",
                    value=_pct(lag.rate),
                    month=lag.month,
                    rate=_pct(lag.rate),
                    plan=_pct(lag.plan),
                    points=_pct(lag.points),
                    limit=format(limit.normalize(), "f"),
                )


class MonitorDoubtUnexplained(Rule):
    """A 完成目标可能性 other than 确定能 comes with 偏差原因 (any kind) and 纠偏措施.

    PASS: 有可能, 偏差原因-经费保障 "资金下达晚", 纠偏措施 "加快拨付"
    FAIL: 有可能 with no 偏差原因, or with no 纠偏措施
    """

    code = "monitor-doubt-unexplained"
    severity = "error"
    zh = "完成目标可能性为「{value}」，缺少{missing_zh}"
    en = "完成目标可能性 is {value!r} but {missing_en} missing"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for p in ctx.dataset.projects:
            for seq, ind in enumerate(p.indicators, start=1):
                gap = None if ind.monitor is None else unexplained_doubt(ind.monitor)
                if gap is None or ind.monitor is None:
                    continue
                no_reasons, no_measures = gap
                zh = "、".join(t for t, on in (("偏差原因", no_reasons), ("纠偏措施", no_measures)) if on)
                en = " and ".join(t for t, on in (("the 偏差原因", no_reasons), ("the 纠偏措施", no_measures)) if on)
                yield stage_finding(
                    self,
                    ctx,
                    MONITOR_INDICATORS.name,
                    (p.code, seq),
                    "likelihood",
                    value=ind.monitor.likelihood,
                    missing_zh=zh,
                    missing_en=en + (" are" if no_reasons and no_measures else " is"),
                    name=ind.level3 or "",
                )


class MonitorLikelihoodUnknown(Rule):
    """完成目标可能性 is one of 确定能, 有可能, 完全不可能 (the dropdown's values).

    PASS: 有可能
    FAIL: 可能, 大概率
    """

    code = "monitor-likelihood-unknown"
    severity = "error"
    zh = "完成目标可能性「{value}」不在可选值（确定能/有可能/完全不可能）之中"
    en = "完成目标可能性 {value!r} is not one of 确定能, 有可能, 完全不可能"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for p in ctx.dataset.projects:
            for seq, ind in enumerate(p.indicators, start=1):
                value = None if ind.monitor is None else ind.monitor.likelihood
                if value is not None and value.strip() not in LIKELIHOODS:
                    yield stage_finding(self, ctx, MONITOR_INDICATORS.name, (p.code, seq), "likelihood", value=value)


class StageTargetChanged(Rule):
    """A stage sheet still shows the targets it was made from (a target changed since, or was edited there).

    PASS: 执行监控-指标 shows 年度指标值 ≥80% and 绩效指标 says ≥80%
    FAIL: 执行监控-指标 shows ≥80% but 绩效指标 now says ≥90% (re-run perfxl stage to show it)
    """

    code = "stage-target-changed"
    severity = "warning"
    zh = "「{column}」显示「{value}」，但目标表现为「{target}」：目标在阶段表生成后改过（以目标表为准，可重新运行 perfxl stage）"
    en = "{column} shows {value!r} but the targets now say {target!r}: changed after this sheet was made (the targets count; re-run perfxl stage)"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for m in target_mismatches(ctx.stages, ctx.dataset):
            shown = "" if m.shown.value is None else str(m.shown.value)
            target = "" if m.target is None else str(m.target)
            yield stage_finding(self, ctx, m.shown.sheet, m.shown.key, m.shown.field, value=shown, target=target)
