"""资金支出计划: cumulative percentages at 3月底, 6月底, 10月底, 12月底."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from perfxl.check.rules.base import Context, Rule
from perfxl.core.terms import month_label
from perfxl.workbook import schema as S

if TYPE_CHECKING:
    from perfxl.core.findings import Finding

HUNDRED = Decimal(100)


def hundredfold_hint(value: Decimal) -> tuple[str, str]:
    """(zh, en) "did you mean 25%?" for a value plausible only divided by 100 (25 typed where 25 % was meant).

    Excel stores 25 % as 0.25, so 25 typed into a %-cell reads as 2500 %.
    """
    if HUNDRED < value <= HUNDRED * HUNDRED:
        meant = f"{(value / HUNDRED).normalize():f}%"
        return (
            f"（是否应为 {meant}？单元格按百分比格式时应输入 0.25 或 25%）",
            f" (did you mean {meant}? type 25% or 0.25)",
        )
    return "", ""


def _label(key: str) -> str:
    month = S.month_of_key(key)
    return month_label(month) if month is not None else key


def _at_checkpoint(rule: Rule, ctx: Context, index: int, row: int, key: str, value: Decimal, **extra: Any) -> Finding:
    """A finding at one checkpoint cell of a project's 支出计划 row."""
    code = ctx.proj.code[index] or None
    return rule.at(ctx, S.SCHEDULE, key, row, value=str(value), project_code=code, label=_label(key), **extra)


class ScheduleRange(Rule):
    """Each checkpoint of the spending plan is between 0 % and 100 %.

    A value plausible only divided by 100 (2500.00%: 25 typed into a %-cell) gets "did you mean 25%?".
    PASS: 25.00%, 50.00%, 75.00%, 100.00%
    FAIL: 120.00% at 10月底, or -5.00%
    """

    code = "schedule-range"
    severity = "error"
    zh = "{label}支出进度 {value}% 不在 0%～100% 之间{hint}"
    en = "spending at {label} is {value}%, outside 0-100%{hint_en}"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for i, row, plan in ctx.plans:
            for key, value in plan:
                if value is not None and not (0 <= value <= HUNDRED):
                    zh, en = hundredfold_hint(value)
                    yield _at_checkpoint(self, ctx, i, row, key, value, hint=zh, hint_en=en)


class ScheduleDecreasing(Rule):
    """The plan is cumulative, so a checkpoint is never lower than an earlier one.

    PASS: 25.00%, 50.00%, 50.00%, 100.00%
    FAIL: 60.00% at 6月底 then 40.00% at 10月底
    """

    code = "schedule-decreasing"
    severity = "error"
    zh = "支出进度是累计数，{label} {value}% 低于之前的 {previous}%"
    en = "the plan is cumulative: {value}% at {label} is below the earlier {previous}%"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for i, row, plan in ctx.plans:
            highest: Decimal | None = None
            for key, value in plan:
                if value is None:
                    continue
                if highest is not None and value < highest:
                    yield _at_checkpoint(self, ctx, i, row, key, value, previous=str(highest))
                highest = value if highest is None else max(highest, value)


class ScheduleEnd(Rule):
    """Spending reaches 100 % by 12月底 (blanks after a checkpoint at 100 % are fine).

    PASS: 25.00%, 50.00%, 75.00%, 100.00%  — or 100.00% at 3月底 and the rest blank
    FAIL: 25.00%, 50.00%, 75.00%, 90.00%  — or every checkpoint blank
    (12月底 outside 0-100 % is left to schedule-range: one finding per cell)
    """

    code = "schedule-end"
    severity = "error"
    zh = "12月底累计支出进度应为 100%，现为 {value}"
    en = "spending should reach 100% by 12月底; found {value}"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for i, row, plan in ctx.plans:
            filled = [(key, v) for key, v in plan if v is not None]
            last = filled[-1][1] if filled else None
            dec = plan[-1][1]
            if dec is not None and not (0 <= dec <= HUNDRED):
                continue  # schedule-range reports that cell (with its hint)
            if last != HUNDRED:
                shown = f"{last}%" if last is not None else "空白"
                yield self.at(
                    ctx,
                    S.SCHEDULE,
                    S.month_key(12),
                    row,
                    value=shown,
                    project_code=ctx.proj.code[i] or None,
                )


class ScheduleGap(Rule):
    """A blank checkpoint between two filled ones (write the cumulative value again instead).

    PASS: blank, blank, 100.00%, 100.00%
    FAIL: 30.00%, blank, 80.00%, 100.00%
    """

    code = "schedule-gap"
    severity = "warning"
    zh = "{label}为空，但前后都有支出进度；累计数应照填"
    en = "{label} is blank between two filled checkpoints; repeat the cumulative value"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for i, row, plan in ctx.plans:
            filled = [n for n, (_, v) in enumerate(plan) if v is not None]
            if len(filled) < 2:
                continue
            for n in range(filled[0] + 1, filled[-1]):
                key, value = plan[n]
                if value is None:
                    yield self.at(
                        ctx,
                        S.SCHEDULE,
                        key,
                        row,
                        project_code=ctx.proj.code[i] or None,
                        label=_label(key),
                    )
