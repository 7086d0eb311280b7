"""Money in 项目: two decimals at most, never negative, and the parts add up."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from perfxl.check.rules.base import Context, Rule

if TYPE_CHECKING:
    from perfxl.core.findings import Finding

MONEY_KEYS = ("total", "fiscal", "other")


def _amounts(ctx: Context, test: Callable[[Decimal], bool]) -> Iterator[tuple[int, str, Decimal]]:
    """(project index, column key, amount) for every filled amount that passes ``test``, project by project."""
    proj = ctx.proj
    # Equal amounts are normalised alike (two places at least, no trailing zeros past them): testing
    # one of equal values tests them all.
    columns: list[tuple[str, list[Decimal | None]]] = [(key, getattr(proj, key)) for key in MONEY_KEYS]

    def any_passes(*values: Decimal | None) -> bool:
        return any(v is not None and test(v) for v in values)

    for i in ctx.where(any_passes, *(column for _, column in columns)):
        for key, column in columns:
            value = column[i]
            if value is not None and test(value):
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
        for i, key, value in _amounts(ctx, lambda value: _places(value) > 2):
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
        for i, key, value in _amounts(ctx, lambda value: value < 0):
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
        proj = ctx.proj

        def fails(total: Decimal | None, fiscal: Decimal | None, other: Decimal | None) -> bool:
            if total is None or (fiscal is None and other is None):
                return False
            return (fiscal or zero) + (other or zero) != total

        for i in ctx.where(fails, proj.total, proj.fiscal, proj.other):
            total, fiscal, other = proj.total[i], proj.fiscal[i] or zero, proj.other[i] or zero
            yield self.at_project(
                ctx,
                i,
                "total",
                value=str(total),
                fiscal=str(fiscal),
                other=str(other),
                sum=str(fiscal + other),
            )
