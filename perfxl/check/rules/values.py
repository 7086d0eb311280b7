"""Indicator values: 计算符号, 指标值 and 计量单位 agree with each other."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from perfxl.check.rules.base import Context, Rule, number_of, split_text
from perfxl.core.terms import SIGNS
from perfxl.core.values import LOOKALIKE_SIGNS, QUALITATIVE

if TYPE_CHECKING:
    from perfxl.core.findings import Finding

# Signs people type that mean a standard one (what `perfxl fix` writes instead).
SIGN_FIXES: dict[str, str] = {
    **LOOKALIKE_SIGNS,
    "大于等于": "≥",
    "小于等于": "≤",
    "大于": ">",
    "小于": "<",
    "等于": "=",
}
QUALITATIVE_WORDS = ("是", "否", "优", "良", "中", "差", "高", "低", "达到预期")


def standard_sign(sign: str) -> str | None:
    """The standard sign a typed one means, or None."""
    sign = sign.strip()
    if sign in SIGNS:
        return sign
    # No key of SIGN_FIXES holds a character normalize_text folds, so the sign is looked up as typed.
    return SIGN_FIXES.get(sign)


class SignUnknown(Rule):
    """计算符号 is one of =, ≥, >, ≤, <, 定性 (`perfxl fix` turns ≧ ≦ ＞ ＜ ＝ >= <= into them).

    PASS: ≥
    FAIL: ≧ (a full-width look-alike) or ≈
    """

    code = "sign-unknown"
    severity = "error"
    fixable = True
    zh = "计算符号“{value}”应为 =、≥、>、≤、<、定性 之一{hint}"
    en = "sign '{value}' must be one of =, ≥, >, ≤, <, 定性{hint_en}"

    def check(self, ctx: Context) -> Iterator[Finding]:
        signs = ctx.ind.sign
        for i in ctx.where(lambda sign: sign and sign not in SIGNS, signs):
            sign = str(signs[i])  # a bad sign is never blank
            std = standard_sign(sign)
            yield self.at_ind(
                ctx,
                i,
                "sign",
                value=sign,
                hint=f"（应为“{std}”，可用 perfxl fix 修正）" if std else "",
                hint_en=f" (means '{std}'; perfxl fix mends it)" if std else "",
            )


class ValueNotSplit(Rule):
    """A printed value typed into 指标值 with an empty 计算符号 (`perfxl fix` splits it).

    PASS: 计算符号 ≥, 指标值 80, 计量单位 %
    FAIL: 计算符号 empty, 指标值 ≥80%
    """

    code = "value-not-split"
    severity = "error"
    fixable = True
    zh = "计算符号为空，指标值“{value}”应拆分为 计算符号“{sign}”、指标值“{number}”、计量单位“{unit}”（可用 perfxl fix 修正）"
    en = "sign is empty: split '{value}' into sign '{sign}', value '{number}', unit '{unit}' (perfxl fix does it)"

    def check(self, ctx: Context) -> Iterator[Finding]:
        ind = ctx.ind
        for i in ctx.where(lambda sign, value: sign is None and value, ind.sign, ind.value):
            value = ind.value[i]
            split = split_text(value)
            yield self.at_ind(
                ctx, i, "value", value=value, sign=split.sign, number=split.value, unit=split.unit or ind.unit[i] or ""
            )


class ValueNotNumber(Rule):
    """With a quantitative sign (=, ≥, >, ≤, <) 指标值 must be a number (the unit goes in 计量单位).

    PASS: ≥ / 80 / %
    FAIL: ≥ / 80% (unit typed into 指标值) or ≥ / 较高
    """

    code = "value-not-number"
    severity = "error"
    zh = "计算符号为“{sign}”时指标值应为数字，现为“{value}”"
    en = "with sign '{sign}' the value must be a number, found '{value}'"

    def check(self, ctx: Context) -> Iterator[Finding]:
        ind = ctx.ind

        def fails(sign: str | None, value: str | None) -> bool:
            return sign in SIGNS and sign != QUALITATIVE and bool(value) and number_of(value) is None

        for i in ctx.where(fails, ind.sign, ind.value):
            yield self.at_ind(ctx, i, "value", value=ind.value[i], sign=ind.sign[i])


class QualitativeValue(Rule):
    """定性 takes a word (是/否/优/良/中/差/高/低/达到预期 …), not a number or a unit.

    PASS: 定性 / 是 (also under 效益指标)
    FAIL: 定性 / 100% — use = 100 % instead
    """

    code = "qualitative-value"
    severity = "error"
    zh = "定性指标的指标值应为文字（如 是/否/优/良/中/差/达到预期），现为“{value}”"
    en = "a 定性 (qualitative) value must be a word such as 是/否/优/良, found '{value}'"

    def check(self, ctx: Context) -> Iterator[Finding]:
        ind = ctx.ind

        def fails(sign: str | None, value: str | None, unit: str | None) -> bool:
            if sign != QUALITATIVE or not value:
                return False
            return bool(unit) or split_text(value).sign != QUALITATIVE

        for i in ctx.where(fails, ind.sign, ind.value, ind.unit):
            yield self.at_ind(ctx, i, "value", value=f"{ind.value[i]}{ind.unit[i] or ''}")
