"""Targets that cannot be checked at the end of the year."""

from __future__ import annotations

import re
from collections.abc import Iterator

from perfxl.check.rules.base import Context, Rule
from perfxl.core.findings import Finding
from perfxl.workbook import schema as S

VAGUE_WORDS = ("提高", "改善", "有效", "明显", "进一步", "显著", "逐步")
_DIGIT = re.compile(r"[0-9０-９]")
_VAGUE = re.compile("|".join(VAGUE_WORDS))


class VagueTarget(Rule):
    """A target with 提高/改善/有效/明显 … and no number anywhere in the indicator: hard to verify.

    PASS: 就业率 ≥ 95 %; 促进就业 / 是
    FAIL: 服务质量 / 定性 / 明显提高
    """

    code = "vague-target"
    severity = "info"
    zh = "指标“{name}”用了“{word}”但没有可衡量的数值"
    en = "indicator '{name}' says '{word}' but gives no measurable number"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for item in ctx.indicator_rows:
            ind = item.indicator
            text = f"{ind.level3 or ''}|{ind.description or ''}|{ind.value or ''}"
            found = _VAGUE.search(text)
            if found and not _DIGIT.search(text):
                yield self.at_indicator(ctx, item, "value", value=ind.value, word=found.group(0))


class BasisMissing(Rule):
    """指标值确定依据 is empty (reviewers ask where each target value comes from).

    PASS: 上级政策文件, 往年数据, 预算批复
    FAIL: an empty 指标值确定依据
    """

    code = "basis-missing"
    severity = "warning"
    zh = "指标“{name}”的指标值确定依据为空"
    en = "indicator '{name}' has no 指标值确定依据 (basis)"

    def check(self, ctx: Context) -> Iterator[Finding]:
        if ctx.column(S.INDICATORS, "basis") is None:
            return  # reported as missing-column
        for item in ctx.indicator_rows:
            if not item.indicator.basis:
                yield self.at_indicator(ctx, item, "basis")
