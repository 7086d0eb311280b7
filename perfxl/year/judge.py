"""How much of its 分值 one indicator earned, or why that cannot be said.

This is the formula part of scoring (acceptance 4 of the performance-year issue);
:mod:`perfxl.year.scoring` turns the shares into points and totals.

- 正向 (≥, >) and =: min(实际/目标, 1); = with target 0: full when 实际 ≤ 0, else 0;
  ≥/> with target 0: full when 实际 ≥ 0.
- 反向 (≤, <): full when 实际 ≤ 目标, else max(0, 2 − 实际/目标) ("linear") or
  目标/实际 ("ratio"); target 0 and 实际 > 0: 0.
- 定性: a yes/no pair scores 1 or 0; any other word needs a 得分 typed by a person,
  within the band of the tier the actual names.
- A share is never below 0 (a negative actual earns nothing, not negative points).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from perfxl.core.values import QUALITATIVE, normalize_text, value_number
from perfxl.year.actuals import Actual, read_actual
from perfxl.year.reasons import Reason

if TYPE_CHECKING:
    from perfxl.core.stages import IndicatorEvaluation
    from perfxl.year.settings import ScoringSettings
    from perfxl.year.target import Target

Status = Literal["scored", "needs-judgement", "not-applicable", "unscorable"]
STATUSES: tuple[Status, ...] = ("scored", "needs-judgement", "not-applicable", "unscorable")
POSITIVE_SIGNS = ("≥", ">", "=")
REVERSE_SIGNS = ("≤", "<")
ONE = Decimal(1)
ZERO = Decimal(0)


@dataclass(frozen=True)
class Judgement:
    """The outcome for one indicator before points: a share of 分值, or a person's 得分, or a reason."""

    status: Status
    share: Decimal | None = None  # of 分值, 0…1, when perfxl computed it
    typed: Decimal | None = None  # a person's 得分 on the un-rescaled 分值 (定性 judged by hand)
    reason: Reason | None = None
    over_target: bool = False  # far above a 正向 target (settings.over_achievement_percent)


def judge(
    indicator: Target, weight: Decimal | None, evaluation: IndicatorEvaluation, settings: ScoringSettings
) -> Judgement:
    """Judge one indicator's actual against its target (``weight`` is its 分值, None when it has none)."""
    actual = read_actual(evaluation.actual, not_applicable=settings.not_applicable)
    if actual.kind == "not-applicable":
        return Judgement("not-applicable", reason=Reason("not-applicable", {"actual": actual.text}))
    if weight is None:
        return _unscorable("no-weight", level1=indicator.level1 or "")
    if actual.kind == "missing":
        return _unscorable("missing-actual")
    target_text = (indicator.value or "").strip()
    if not target_text:
        return _unscorable("no-target")
    target = value_number(indicator.value) if indicator.sign != QUALITATIVE else None
    if target is None:
        return _qualitative(target_text, actual, weight, evaluation.score, settings)
    return _quantitative(indicator, target, actual, settings)


def _unscorable(code: str, **ctx: object) -> Judgement:
    return Judgement("unscorable", reason=Reason(code, dict(ctx)))


def _quantitative(indicator: Target, target: Decimal, actual: Actual, settings: ScoringSettings) -> Judgement:
    printed = indicator.printed
    if actual.kind != "number" or actual.number is None:
        return _unscorable("text-actual", target=printed, actual=actual.text)
    if actual.unit and _fold(actual.unit) != _fold(indicator.unit or ""):
        return _unscorable("unit-mismatch", actual_unit=actual.unit, target_unit=indicator.unit or "")
    if target < 0:
        return _unscorable("negative-target", target=printed)
    sign = indicator.sign or "="
    if sign not in (*POSITIVE_SIGNS, *REVERSE_SIGNS):
        return _unscorable("no-target")
    value = actual.number
    over = sign in POSITIVE_SIGNS and target > 0 and value > target * (1 + settings.over_achievement_percent / 100)
    return Judgement("scored", share=share(sign, target, value, settings), over_target=over)


def share(sign: str, target: Decimal, actual: Decimal, settings: ScoringSettings) -> Decimal:
    """The share of 分值 a numeric actual earns against a numeric target (see the module docstring)."""
    if sign in REVERSE_SIGNS:
        if actual <= target:
            return ONE
        if target == 0:
            return ZERO
        if settings.reverse_formula == "ratio":
            return target / actual
        return max(ZERO, 2 - actual / target)
    if target == 0:
        met = actual <= 0 if sign == "=" else actual >= 0
        return ONE if met else ZERO
    return max(ZERO, min(actual / target, ONE))


def _qualitative(
    target: str, actual: Actual, weight: Decimal, typed: Decimal | None, settings: ScoringSettings
) -> Judgement:
    pair = settings.yes_no_pair(target)
    if pair is not None and actual.kind == "text" and settings.yes_no_pair(actual.text) == pair:
        return Judgement("scored", share=ONE if _fold(actual.text) == _fold(target) else ZERO)
    band = settings.band_named(actual.text) if actual.kind == "text" else None
    if typed is None:
        ctx: dict[str, object] = {"actual": actual.text, "band_zh": "", "band_en": ""}
        if band is not None:
            low, high = weight * band.low / 100, weight * band.high / 100
            ctx["band_zh"] = f"（「{band.name}」：{_pts(low)}–{_pts(high)}分）"
            ctx["band_en"] = f" ({band.name}: {_pts(low)}–{_pts(high)} points)"
        return Judgement("needs-judgement", reason=Reason("needs-score", ctx))
    if typed < 0 or typed > weight:
        return Judgement(
            "needs-judgement", reason=Reason("score-outside-weight", {"score": _pts(typed), "weight": _pts(weight)})
        )
    if band is not None and weight > 0 and not band.holds(typed * 100 / weight):
        low, high = weight * band.low / 100, weight * band.high / 100
        ctx = {"score": _pts(typed), "band": band.name, "low": _pts(low), "high": _pts(high)}
        return Judgement("needs-judgement", reason=Reason("score-outside-band", ctx))
    return Judgement("scored", typed=typed)


def _fold(text: str) -> str:
    return "".join(normalize_text(text).split())


def _pts(value: Decimal) -> str:
    """Points as printed in messages: ``8`` → ``8``, ``6.4`` → ``6.4``."""
    return format(value.normalize(), "f")
