"""执行监控: execution against the spending plan, doubts explained, target columns unchanged."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from perfxl.check.rules.base import Context, Rule
from perfxl.check.rules.stage_base import (
    MONITOR_INDICATORS,
    MONITOR_PROJECTS,
    indicator_records,
    project_record,
    settings,
    stage_finding,
    target,
)
from perfxl.core.stages import LIKELIHOODS
from perfxl.workbook import schema as S
from perfxl.year.compare import mismatches
from perfxl.year.monitoring import execution_lag, unexplained_doubt

if TYPE_CHECKING:
    from perfxl.core.findings import Finding
    from perfxl.year.sheetdata import Key

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
        records = ctx.stages.project_monitor
        if not records:
            return
        plans = _plans(ctx, {p for p, code in enumerate(ctx.proj.code) if code in records})
        for p, code in enumerate(ctx.proj.code):
            monitor = project_record(ctx, p, records)
            if monitor is None:
                continue
            lag = execution_lag(monitor, ctx.proj.total[p], plans.get(p, {}), limit)
            if lag is not None:
                yield stage_finding(
                    self,
                    ctx,
                    MONITOR_PROJECTS.name,
                    (code, None),
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
        for i, key, monitor in indicator_records(ctx, ctx.stages.indicator_monitor):
            gap = unexplained_doubt(monitor)
            if gap is None:
                continue
            no_reasons, no_measures = gap
            zh = "、".join(t for t, on in (("偏差原因", no_reasons), ("纠偏措施", no_measures)) if on)
            en = " and ".join(t for t, on in (("the 偏差原因", no_reasons), ("the 纠偏措施", no_measures)) if on)
            yield stage_finding(
                self,
                ctx,
                MONITOR_INDICATORS.name,
                key,
                "likelihood",
                value=monitor.likelihood,
                missing_zh=zh,
                missing_en=en + (" are" if no_reasons and no_measures else " is"),
                name=ctx.ind.level3[i] or "",
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
        for _, key, monitor in indicator_records(ctx, ctx.stages.indicator_monitor):
            value = monitor.likelihood
            if value is not None and value.strip() not in LIKELIHOODS:
                yield stage_finding(self, ctx, MONITOR_INDICATORS.name, key, "likelihood", value=value)


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
        if not ctx.stages.shown:
            return  # no stage sheets: no targets to look up
        for m in mismatches(ctx.stages, _targets(ctx, {shown.key for shown in ctx.stages.shown})):
            shown = "" if m.shown.value is None else str(m.shown.value)
            target = "" if m.target is None else str(m.target)
            yield stage_finding(self, ctx, m.shown.sheet, m.shown.key, m.shown.field, value=shown, target=target)


def _plans(ctx: Context, projects: set[int]) -> dict[int, dict[int, Decimal]]:
    """Project index → its 支出计划 checkpoints (month → percent, the filled ones), for ``projects``."""
    out: dict[int, dict[int, Decimal]] = {}
    for p, _, checkpoints in ctx.plans:
        if p not in projects:
            continue
        months = {S.month_of_key(key): value for key, value in checkpoints if value is not None}
        out[p] = {m: v for m, v in months.items() if m is not None}
    return out


def _targets(ctx: Context, keys: set[Key]) -> dict[Key, dict[str, Any]]:
    """What the targets say for the stage rows ``keys`` (as perfxl.year.targets writes them; no plan).

    Built in project order, a later row of a repeated code overwriting an earlier one, as the
    Dataset's rows did.
    """
    proj, ind = ctx.proj, ctx.ind
    codes = {code for code, _ in keys}
    rows: dict[Key, dict[str, Any]] = {}
    for p, code in enumerate(proj.code):
        if code not in codes:
            continue
        name = proj.name[p]
        if (code, None) in keys:
            rows[(code, None)] = {
                "code": code,
                "unit_code": proj.unit_code[p],
                "name": name,
                "budget_total": proj.total[p],
                "goals": proj.goals[p],
                "plan": None,
            }
        for i in proj.indicators[p]:
            seq = ind.seq[i]
            if (code, seq) in keys:
                rows[(code, seq)] = {
                    "code": code,
                    "name": name,
                    "seq": seq,
                    "level1": ind.level1[i],
                    "level2": ind.level2[i],
                    "level3": ind.level3[i],
                    "target": target(ctx, i).printed,
                }
    return rows
