"""Percentages: targets that cannot be exceeded or that exceed 100 %."""

from __future__ import annotations

from collections.abc import Iterator

from perfxl.check.rules.base import Context, Rule, number_of
from perfxl.check.rules.kinds import PERCENT
from perfxl.core.findings import Finding


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
        for item in ctx.indicator_rows:
            ind = item.indicator
            if ind.sign in ("≥", ">") and ind.unit == PERCENT and number_of(ind.value) == 100:
                yield self.at_indicator(ctx, item, "sign", value=ind.printed)


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
        for item in ctx.indicator_rows:
            ind = item.indicator
            if ind.unit == PERCENT:
                number = number_of(ind.value)
                if number is not None and number > 100:
                    yield self.at_indicator(ctx, item, "value", value=ind.printed)
