"""计量单位: the right kind of unit for the indicator, standard spellings, names that fit."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from perfxl.check.rules.base import Context, Levels, Rule, number_of
from perfxl.check.rules.kinds import COUNT_UNITS, MONEY_UNITS, PERCENT, is_time_unit
from perfxl.core.values import QUALITATIVE
from perfxl.year.target import TargetView

if TYPE_CHECKING:
    from perfxl.core.findings import Finding
    from perfxl.year.target import Targeted

# Non-standard unit → the standard one; `perfxl fix` applies the unambiguous ones.
UNIT_FIXES: dict[str, str] = {"次数": "次", "人数": "人", "个数": "个", "户数": "户", "天数": "天"}
UNIT_SUGGESTIONS: dict[str, str] = {**UNIT_FIXES, "万": "万元 或 万人", "工作日": "个工作日", "百分比": "%", "％": "%"}
_KIND_NAMES = {
    "cost": ("元或万元", "元 or 万元"),
    "time": ("时间单位（日/天/个工作日/月/年）、日期或 %", "a time unit (日/天/个工作日/月/年), a date or %"),
    "satisfaction": ("%", "%"),
}
# Only 满意度 refuses a 定性 value (满意度 = 是): then the value is at fault, not the unit.
_NUMBER_IN_PERCENT = ("以%计量的数值", "a number in %")


def _unit_fits(kind: str | None, unit: str | None, quantitative: bool) -> bool:
    if kind == "cost":
        return not quantitative or unit in MONEY_UNITS
    if kind == "time":
        # A date or deadline written in words (2021年12月底前) is fine as 定性.
        return not quantitative or unit == PERCENT or (unit is not None and is_time_unit(unit))
    if kind == "satisfaction":
        return unit == PERCENT
    return True  # counts (数量指标) and indicators of no known kind take any unit


def unit_missing(ind: Targeted) -> bool:
    """Whether a number is given without any 计量单位 (unit-missing's case)."""
    return ind.sign not in (None, QUALITATIVE) and not ind.unit and number_of(ind.value) is not None


def unit_kind_fails(kind: str | None, ind: Targeted) -> bool:
    """Whether unit-kind reports this indicator (its unit is the wrong kind for its 二级).

    A number with no unit at all is unit-missing's finding, at the same cell: one finding per cell.
    """
    if not ind.value or unit_missing(ind):
        return False
    quantitative = ind.sign is not None and ind.sign != QUALITATIVE
    return not _unit_fits(kind, ind.unit, quantitative)


_COUNT_NAMES = ("人数", "次数", "个数", "户数", "人次")
_REASON_ENDINGS = ("率", *_COUNT_NAMES)


def name_unit_reason(name: str | None, unit: str | None) -> tuple[str, str] | None:
    """(zh, en) why the 三级指标 name and the unit disagree, or None when they fit."""
    if not name or not unit:
        return None
    if name.endswith("率") and UNIT_FIXES.get(unit, unit) in COUNT_UNITS:  # 次数 counts like 次
        return "“率”应以 % 计量", "a rate (率) is given in %"
    if name.endswith(_COUNT_NAMES) and unit == PERCENT:
        return "数量应以人、次、个等计量", "a count is given in 人/次/个, not %"
    return None


class UnitKind(Rule):
    """成本指标 in money (元/万元); 时效指标 in time (日/天/个工作日/月/年), a date or %; 满意度指标 in %.

    A number with no unit at all is unit-missing's finding, not this one (one finding per cell).
    PASS: 成本指标 ≤ 8 万元; 时效指标 ≤ 15 个工作日; 满意度 ≥ 90 %
    FAIL: 成本指标 ≤ 8 人; 时效指标 = 4 次; 满意度 = 满意
    """

    code = "unit-kind"
    severity = "error"
    zh = "{level2}的{column}应为{expected}，现为“{value}”"
    en = "{level2} needs {expected_en}, found '{value}'"

    def check(self, ctx: Context) -> Iterator[Finding]:
        ind = ctx.ind

        def fails(lv: Levels, sign: str | None, value: str | None, unit: str | None) -> bool:
            return lv.kind is not None and unit_kind_fails(lv.kind, TargetView(sign, value, unit))

        for i in ctx.where(fails, ctx.levels, ind.sign, ind.value, ind.unit):
            kind = ctx.levels[i].kind
            assert kind is not None  # fails() said so
            sign = ind.sign[i]
            quantitative = sign is not None and sign != QUALITATIVE
            zh, en = _KIND_NAMES[kind] if quantitative else _NUMBER_IN_PERCENT
            key = "unit" if quantitative else "value"
            yield self.at_ind(
                ctx,
                i,
                key,
                value=ind.unit[i] if quantitative else ind.value[i],
                level2=ind.level2[i] or ind.level1[i],
                expected=zh,
                expected_en=en,
            )


class CountAsPercent(Rule):
    """A 数量指标 given as a % (a rate is usually a 质量指标; a quantity should count things).

    Not reported where name-unit-mismatch says it more precisely (参保人数 in %): one finding per cell.

    PASS: 数量指标 培训人数 ≥ 500 人
    FAIL: 数量指标 覆盖率 ≥ 95 %
    """

    code = "count-as-percent"
    severity = "warning"
    zh = "数量指标“{name}”以 % 计量，通常应为数量（人、次、个…）或归入质量指标"
    en = "quantity indicator '{name}' is given in %; count something or file it as 质量指标"

    def check(self, ctx: Context) -> Iterator[Finding]:
        ind = ctx.ind

        in_percent = ctx.where(lambda lv, unit: lv.kind == "count" and unit == PERCENT, ctx.levels, ind.unit)
        for i in ctx.where_among(in_percent, lambda name: name_unit_reason(name, PERCENT) is None, ind.level3):
            yield self.at_ind(ctx, i, "unit", value=ind.unit[i])


class UnitNonstandard(Rule):
    """A non-standard unit with a suggestion (次数 → 次 and 人数 → 人 are mended by `perfxl fix`).

    PASS: 次, 人, 万元, 万人
    FAIL: 次数; a bare 万 (万元 or 万人?)
    """

    code = "unit-nonstandard"
    severity = "warning"
    fixable = True
    zh = "计量单位“{value}”不规范，建议用“{suggestion}”"
    en = "non-standard unit '{value}'; use '{suggestion}'"

    def check(self, ctx: Context) -> Iterator[Finding]:
        units = ctx.ind.unit
        for i in ctx.where(lambda unit: unit and unit in UNIT_SUGGESTIONS, units):
            unit = units[i] or ""  # never empty here: where() found it among UNIT_SUGGESTIONS
            yield self.at_ind(ctx, i, "unit", value=unit, suggestion=UNIT_SUGGESTIONS[unit])


class UnitMissing(Rule):
    """A quantitative value (a number) has no 计量单位.

    PASS: ≥ 80 %
    FAIL: ≥ 80 with 计量单位 empty
    """

    code = "unit-missing"
    severity = "warning"
    zh = "指标值“{value}”没有计量单位"
    en = "value '{value}' has no unit"

    def check(self, ctx: Context) -> Iterator[Finding]:
        ind = ctx.ind
        for i in ctx.where(lambda *target: unit_missing(TargetView(*target)), ind.sign, ind.value, ind.unit):
            yield self.at_ind(ctx, i, "unit", value=TargetView(ind.sign[i], ind.value[i], ind.unit[i]).printed)


class NameUnitMismatch(Rule):
    """The 三级指标 name and the unit disagree: a name ending in 率 counted in 人/次/个…, or one ending in 人数/次数/个数 given in %.

    Not reported where unit-kind already says the unit is wrong (one finding per cell).
    PASS: 就业率 ≥ 95 %; 培训人数 ≥ 500 人
    FAIL: 就业率 ≥ 500 人; 培训人数 ≥ 95 %
    """

    code = "name-unit-mismatch"
    severity = "warning"
    zh = "指标名称“{name}”与计量单位“{value}”不一致：{reason}"
    en = "name '{name}' does not fit unit '{value}': {reason_en}"

    def check(self, ctx: Context) -> Iterator[Finding]:
        columns = ctx.ind
        # (三级指标, 计量单位) of the failing rows → the reason
        reasons: dict[tuple[str | None, str | None], tuple[str, str]] = {}

        def fails(lv: Levels, level3: str | None, *target: str | None) -> bool:
            ind = TargetView(*target)
            reason = name_unit_reason(level3, ind.unit)
            if reason is None or unit_kind_fails(lv.kind, ind):  # unit-kind already names this cell's unit
                return False
            reasons[level3, ind.unit] = reason
            return True

        # What name_unit_reason needs: a name ending in 率 or a count (names are nearly all distinct and
        # endswith is quick, so row by row), and a unit that counts or is % (few distinct).
        units = {u for u in set(columns.unit) if u and (UNIT_FIXES.get(u, u) in COUNT_UNITS or u == PERCENT)}
        ends = [i for i, name in enumerate(columns.level3) if name and name.endswith(_REASON_ENDINGS)]
        named = [i for i in ends if columns.unit[i] in units]
        for i in ctx.where_among(named, fails, ctx.levels, columns.level3, columns.sign, columns.value, columns.unit):
            unit = columns.unit[i]
            zh, en = reasons[columns.level3[i], unit]
            yield self.at_ind(ctx, i, "unit", value=unit, reason=zh, reason_en=en)
