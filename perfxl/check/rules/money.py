"""Money in 项目: two decimals at most, never negative, and the parts add up."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfxl.check.rules.base import Context, Rule
from perfxl.core.findings import Finding

MONEY_KEYS = ("total", "fiscal", "other")


def _amounts(ctx: Context) -> Iterator[tuple[int, str, Decimal]]:
    """(project index, column key, amount) for every filled amount."""
    for i, p in enumerate(ctx.dataset.projects):
        for key in MONEY_KEYS:
            value = getattr(p.budget, key)
            if value is not None:
                yield i, key, value


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


class MoneyDecimals(Rule):
    """An amount (预算数, 财政资金, 其他资金 in 万元) has more than two decimals.

    PASS: 58.05
    FAIL: 58.051 (amounts in 万元 are given to the hundredth, i.e. 100 元)
    """

    code = "money-decimals"
    severity = "error"
    zh = "金额 {value} 超过两位小数"
    en = "amount {value} has more than two decimals"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for i, key, value in _amounts(ctx):
            if _places(value) > 2:
                yield self.at_project(ctx, i, key, value=str(value))


class MoneyNegative(Rule):
    """An amount is negative.

    PASS: 0.00
    FAIL: -10.00
    """

    code = "money-negative"
    severity = "error"
    zh = "金额 {value} 为负数"
    en = "amount {value} is negative"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for i, key, value in _amounts(ctx):
            if value < 0:
                yield self.at_project(ctx, i, key, value=str(value))


class BudgetSum(Rule):
    """财政资金 + 其他资金 must equal 预算数 (checked when either part is filled in; a blank part counts as 0).

    PASS: 预算数 58.05 = 财政资金 50.00 + 其他资金 8.05
    FAIL: 预算数 58.05, 财政资金 50.00, 其他资金 8.00
    """

    code = "budget-sum"
    severity = "error"
    zh = "财政资金 {fiscal} + 其他资金 {other} = {sum}，不等于预算数 {value}"
    en = "fiscal {fiscal} + other {other} = {sum}, not the total {value}"

    def check(self, ctx: Context) -> Iterator[Finding]:
        zero = Decimal("0.00")
        for i, p in enumerate(ctx.dataset.projects):
            b = p.budget
            if b.total is None or (b.fiscal is None and b.other is None):
                continue
            parts = (b.fiscal or zero) + (b.other or zero)
            if parts != b.total:
                yield self.at_project(
                    ctx,
                    i,
                    "total",
                    value=str(b.total),
                    fiscal=str(b.fiscal or zero),
                    other=str(b.other or zero),
                    sum=str(parts),
                )
