"""Percentages: targets that cannot be exceeded or that exceed 100 %."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from perfxl.check.rules.base import Context, Rule, number_of
from perfxl.check.rules.kinds import PERCENT
from perfxl.year.target import TargetView

if TYPE_CHECKING:
    from perfxl.core.findings import Finding


def _ceiling(ind: TargetView) -> bool:
    return ind.sign in ("≥", ">") and ind.unit == PERCENT and number_of(ind.value) == 100


def _over_100(ind: TargetView) -> bool:
    if ind.unit != PERCENT:
        return False
    number = number_of(ind.value)
    return number is not None and number > 100


def _targets(ctx: Context, test: Callable[[TargetView], bool]) -> Iterator[tuple[int, TargetView]]:
    """(index, target) of the indicators whose (计算符号, 指标值, 计量单位) pass ``test``, tested once per distinct triple."""
    ind = ctx.ind
    for i in ctx.where(lambda *target: test(TargetView(*target)), ind.sign, ind.value, ind.unit):
        yield i, TargetView(ind.sign[i], ind.value[i], ind.unit[i])


class PercentCeiling(Rule):
    """`≥100%` cannot be exceeded, so it means `=100%` (write 100 %).

    PASS: 100% (sign =), ≥95%
    FAIL: ≥100%
    """

    code = "percent-ceiling"
    severity = "warning"
    zh = "“{value}”无法超过，应写为 100%（计算符号用“=”）"
    en = "'{value}' cannot be exceeded; write 100% with sign '='"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for i, target in _targets(ctx, _ceiling):
            yield self.at_ind(ctx, i, "sign", value=target.printed)


class PercentOver100(Rule):
    """A percentage above 100 % (rates and satisfaction cannot exceed 100 %; growth rates should say so).

    PASS: 95%
    FAIL: 120%
    """

    code = "percent-over-100"
    severity = "warning"
    zh = "百分比“{value}”超过 100%"
    en = "percentage '{value}' is above 100%"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for i, target in _targets(ctx, _over_100):
            yield self.at_ind(ctx, i, "value", value=target.printed)
