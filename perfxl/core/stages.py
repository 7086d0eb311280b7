"""The records of the two later stages of a performance year: monitoring and self-evaluation.

A project and each of its indicators may carry one record per stage.  Like the
target model they are lenient about content (an unknown 完成目标可能性 is kept
and reported by the rules) and strict about types: money and points are
``Decimal``, never float.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from pydantic import BaseModel, ConfigDict, Field, field_validator

from perfxl.core.values import normalize_decimal

# 完成目标可能性, in the order the dropdown offers them.
LIKELIHOODS: tuple[str, ...] = ("确定能", "有可能", "完全不可能")
CERTAIN = "确定能"
# 偏差原因 kinds: record field -> Chinese name (public systems keep exactly these five).
REASON_KINDS: dict[str, str] = {
    "funding": "经费保障",
    "policy": "制度保障",
    "staff": "人员保障",
    "facility": "硬件条件保障",
    "other": "其他",
}


def decimal_or_none(value: object) -> Decimal | None:
    """The one decimal validator of the model: Decimal/int/str (never float, never bool); blanks are None; two places at least."""
    if value is None or value == "":
        return None
    if isinstance(value, float):
        # A float here means a caller skipped the str() step; refuse loudly.
        raise ValueError("money, percentages and points must not be floats; convert via str()")
    if isinstance(value, bool):
        raise ValueError("expected a decimal number, got a boolean")
    if isinstance(value, int | str):
        try:
            value = Decimal(str(value).strip())
        except InvalidOperation:
            raise ValueError(f"expected a decimal number such as 10.00, got {value!r}") from None
    if not isinstance(value, Decimal):
        raise ValueError(f"expected a decimal number, got {type(value).__name__}")
    return normalize_decimal(value)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class ProjectMonitor(_Frozen):
    """执行监控 of a project at the end of ``month``: money in the dataset's amount unit."""

    month: int | None = Field(default=None, ge=1, le=12)
    budget_adjusted: Decimal | None = None  # 调整后预算数
    spent: Decimal | None = None  # 1–N月执行数
    forecast: Decimal | None = None  # 全年预计执行数
    goal_progress: str | None = None  # 绩效目标执行情况

    _dec = field_validator("budget_adjusted", "spent", "forecast", mode="before")(decimal_or_none)


class ProjectEvaluation(_Frozen):
    """绩效自评 of a project after the year."""

    budget_initial: Decimal | None = None  # 年初预算数
    budget_adjusted: Decimal | None = None  # 全年预算数
    spent: Decimal | None = None  # 全年执行数
    goal_result: str | None = None  # 年度总体目标实际完成情况

    _dec = field_validator("budget_initial", "budget_adjusted", "spent", mode="before")(decimal_or_none)


class Reasons(_Frozen):
    """偏差原因分析, one text per kind (see :data:`REASON_KINDS`)."""

    funding: str | None = None
    policy: str | None = None
    staff: str | None = None
    facility: str | None = None
    other: str | None = None

    def any(self) -> bool:
        return any(v and v.strip() for v in (self.funding, self.policy, self.staff, self.facility, self.other))


class IndicatorMonitor(_Frozen):
    """执行监控 of an indicator: the value so far, the forecast, and what is being done about a gap."""

    actual: str | None = None  # 1–N月完成值, as written
    forecast: str | None = None  # 全年预计完成值, as written
    reasons: Reasons = Reasons()
    likelihood: str | None = None  # one of LIKELIHOODS (others are kept and reported)
    measures: str | None = None  # 纠偏措施


class IndicatorEvaluation(_Frozen):
    """绩效自评 of an indicator: the actual as written, its points, and the reason for a shortfall."""

    actual: str | None = None  # 实际完成值, e.g. "96%", "12次", "完成", "/"
    score: Decimal | None = None  # 得分
    reason: str | None = None  # 偏差原因分析及改进措施

    _dec = field_validator("score", mode="before")(decimal_or_none)
