"""Money promised in text or in 成本指标 that exceeds the project's 预算数."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from perfxl.check.rules.base import Context, Rule, number_of
from perfxl.core.values import QUALITATIVE, format_value

if TYPE_CHECKING:
    from perfxl.core.findings import Finding

# How many 元 one of each unit is.
UNIT_YUAN: dict[str, Decimal] = {
    "元": Decimal(1),
    "千元": Decimal(1000),
    "万元": Decimal(10_000),
    "亿元": Decimal(100_000_000),
}
_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|千元|元)")


def convert(amount: Decimal, unit: str, target: str) -> Decimal | None:
    """``amount`` in ``unit`` expressed in ``target`` (None if either unit is not money)."""
    if unit not in UNIT_YUAN or target not in UNIT_YUAN:
        return None
    return amount * UNIT_YUAN[unit] / UNIT_YUAN[target]


def amounts(text: str | None) -> Iterator[tuple[str, Decimal, str]]:
    """(as written, number, unit) for every money amount in ``text``."""
    if not text or "元" not in text:
        return
    # \d also matches full-width digits, and Decimal reads them, so no folding pass is needed.
    for m in _AMOUNT.finditer(text):
        yield m.group(0), Decimal(m.group(1).replace(",", "")), m.group(2)  # the regex admits digits only


def first_over(text: str | None, total: Decimal | None, target: str) -> str | None:
    """The first amount in ``text`` (as written) larger than ``total`` in unit ``target``, or None."""
    if total is None:
        return None
    for written, number, unit in amounts(text):
        amount = convert(number, unit, target)
        if amount is not None and amount > total:
            return written
    return None


class TextMoneyOverBudget(Rule):
    """An amount in 资金用途 or 绩效目标 (such as 20万元) is larger than the project's 预算数.

    PASS: 预算数 58.05 万元, 绩效目标 mentions 58.05万元
    FAIL: 预算数 10.00 万元, 资金用途 says 安排资金20万元
    """

    code = "text-money-over-budget"
    severity = "warning"
    zh = "文字中的金额“{value}”大于预算数 {total}{unit}"
    en = "the amount '{value}' in the text is larger than the budget {total} {unit}"

    def check(self, ctx: Context) -> Iterator[Finding]:
        target = ctx.head.amount_unit
        proj = ctx.proj
        found: dict[tuple[str | None, Decimal | None], str] = {}  # each distinct (text, 预算数) looked at once

        def over(text: str | None, total: Decimal | None) -> bool:
            written = first_over(text, total, target)
            if written is not None:
                found[text, total] = written
            return written is not None

        # Project by project, 资金用途 before 绩效目标, as the rows read.
        keys = ("purpose", "goals")
        hits = sorted((i, n) for n, key in enumerate(keys) for i in ctx.where(over, getattr(proj, key), proj.total))
        for i, n in hits:
            key = keys[n]
            total = proj.total[i]
            written = found[getattr(proj, key)[i], total]
            yield self.at_project(ctx, i, key, value=written, total=str(total), unit=target)


class CostOverBudget(Rule):
    """A 成本指标 amount (元/万元) is larger than the project's 预算数.

    PASS: 预算数 10.00 万元, 成本指标 ≤ 10 万元
    FAIL: 预算数 10.00 万元, 成本指标 ≤ 100 万元
    """

    code = "cost-over-budget"
    severity = "error"
    zh = "成本指标 {value} 大于项目预算数 {total}{unit}"
    en = "cost indicator {value} is larger than the project budget {total} {unit}"

    def check(self, ctx: Context) -> Iterator[Finding]:
        target = ctx.head.amount_unit
        ind, proj = ctx.ind, ctx.proj
        cost = ctx.where(lambda lv: lv.kind == "cost", ctx.levels)  # only 成本指标 rows are looked at
        totals = [proj.total[ind.project[i]] for i in cost]
        signs, values, units = ([column[i] for i in cost] for column in (ind.sign, ind.value, ind.unit))

        def over(total: Decimal | None, sign: str | None, value: str | None, unit: str | None) -> bool:
            if total is None or sign in (None, QUALITATIVE) or not unit:
                return False
            number = number_of(value)
            amount = convert(number, unit, target) if number is not None else None
            return amount is not None and amount > total

        for n in ctx.where(over, totals, signs, values, units):
            printed = format_value(signs[n], values[n], units[n])
            yield self.at_ind(ctx, cost[n], "value", value=printed, total=str(totals[n]), unit=target)
