"""Targets that cannot be checked at the end of the year."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from perfxl.check.rules.base import Context, Rule, number_of
from perfxl.workbook import schema as S

if TYPE_CHECKING:
    from perfxl.core.findings import Finding

VAGUE_WORDS = ("提高", "改善", "有效", "明显", "进一步", "显著", "逐步")
_VAGUE = re.compile("|".join(VAGUE_WORDS))
# A number with a unit that counts, times or prices something (500人, 7个工作日, 8万元); a year
# (2021年) is a date, not a target.
_MEASURE = re.compile(
    r"(?<![0-9０-９])(?![12][0-9]{3}年)[0-9０-９]+(?:\.[0-9０-９]+)?\s*"
    r"(?:万元|亿元|千元|元|万人次|万人|人次|户次|家次|场次|个工作日|工作日|个月|小时|分钟|季度|"
    r"人|次|个|家|户|份|项|件|所|台|套|辆|名|期|场|批|座|处|条|本|册|篇|日|天|月|年|周)"
)
_PERCENT_NUMBER = re.compile(r"[0-9０-９]\s*[%％]")
# A percentage is checkable when it is a share of something named (就业率, 覆盖比例, 满意度);
# 效率 and 频率 are not shares.
_RATE = re.compile(r"(?<![效频])率|比例|占比|满意度")


def checkable(level3: str | None, description: str | None, value: str | None, unit: str | None) -> bool:
    """Whether the numbers in an indicator make its target checkable at the end of the year.

    A number with a unit that counts, times or prices something is; a percentage is
    only when the indicator names a share (…率, 比例, 占比, 满意度): the 100 of
    "促进就业形势 100%" says nothing that can be checked.
    """
    words = f"{level3 or ''}|{description or ''}"
    if number_of(value) is not None and unit and unit not in ("%", "％"):
        return True
    if _MEASURE.search(words) or _MEASURE.search(f"{value or ''}{unit or ''}"):
        return True
    has_percent = (number_of(value) is not None and unit in ("%", "％")) or bool(_PERCENT_NUMBER.search(words))
    return has_percent and bool(_RATE.search(words))


class VagueTarget(Rule):
    """A target with 提高/改善/有效/明显 … and no number that makes it checkable (a count, time, amount, or a % of a named rate).

    PASS: 就业率 ≥ 95 %; 提高维权能力 ≥ 2 次; 促进就业 / 是
    FAIL: 服务质量 / 定性 / 明显提高; 促进就业形势 (……就业水平的提高) = 100 %
    """

    code = "vague-target"
    severity = "info"
    zh = "指标“{name}”用了“{word}”但没有可衡量的数值"
    en = "indicator '{name}' says '{word}' but gives no measurable number"

    def check(self, ctx: Context) -> Iterator[Finding]:
        ind = ctx.ind
        words: dict[tuple[str | None, ...], str] = {}  # the vague word of each failing distinct row

        def fails(level3: str | None, description: str | None, value: str | None, unit: str | None) -> bool:
            found = _VAGUE.search(f"{level3 or ''}|{description or ''}|{value or ''}")
            if found and not checkable(level3, description, value, unit):
                words[level3, description, value, unit] = found.group(0)
                return True
            return False

        # A vague word in any of the three texts first (one search per distinct text), then the whole row.
        texts = (ind.level3, ind.description, ind.value)
        said = sorted({i for column in texts for i in ctx.where(lambda text: text and _VAGUE.search(text), column)})
        found = ctx.where(fails, *([column[i] for i in said] for column in (*texts, ind.unit)))
        for i in (said[j] for j in found):
            word = words[ind.level3[i], ind.description[i], ind.value[i], ind.unit[i]]
            yield self.at_ind(ctx, i, "value", value=ind.value[i], word=word)


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
        for i in ctx.where(lambda basis: not basis, ctx.ind.basis):
            yield self.at_ind(ctx, i, "basis")
