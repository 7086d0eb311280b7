"""The records of the two later stages of a performance year: monitoring and self-evaluation.

A project and each of its indicators may carry one record per stage.  Like the
target model they are lenient about content (an unknown 完成目标可能性 is kept
and reported by the rules) and strict about types: money and points are
``Decimal``, never float; a wrong type raises :class:`RecordError` naming the field.

Plain frozen dataclasses, not pydantic models: ``perfxl validate`` reads stage
sheets into them without importing pydantic (the target model holds them as
field types all the same).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar, TypeVar

from perfxl.core.values import normalize_decimal

# 完成目标可能性, in the order the dropdown offers them.
LIKELIHOODS: tuple[str, ...] = ("确定能", "有可能", "完全不可能")
CERTAIN = "确定能"
R = TypeVar("R")
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


class RecordError(ValueError):
    """A stage record given a value of the wrong type: ``field`` names the field, ``reason`` says why."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}" if field else reason)
        self.field, self.reason = field, reason


def record_from(cls: type[R], value: object) -> R | None:
    """``value`` as a record of ``cls``: a record or None as it is, a mapping field by field.

    The one way records are built from data (interchange files, the model's fields): unknown
    keys and values of the wrong type raise :class:`RecordError` naming the field.
    """
    if value is None or isinstance(value, cls):
        return value
    if not isinstance(value, Mapping):
        raise RecordError("", f"expected the record's fields, got {type(value).__name__}")
    known = {f.name for f in fields(cls)}  # type: ignore[arg-type]  # every record class is a dataclass
    for key in value:
        if key not in known:
            raise RecordError(str(key), "not a field of this record")
    return cls(**value)


class _Record:
    """What the records share: checked fields and their JSON form."""

    _DECIMALS: ClassVar[tuple[str, ...]] = ()  # fields holding money or points
    _TEXTS: ClassVar[tuple[str, ...]] = ()  # fields holding text

    def _check(self) -> None:
        for name in self._DECIMALS:
            try:
                object.__setattr__(self, name, decimal_or_none(getattr(self, name)))
            except ValueError as exc:
                raise RecordError(name, str(exc)) from None
            except ArithmeticError:  # a number beyond Decimal's precision
                raise RecordError(name, f"not a usable number: {getattr(self, name)!r}") from None
        for name in self._TEXTS:
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise RecordError(name, f"expected text, got {type(value).__name__}")

    def as_json(self) -> dict[str, Any]:
        """Field → value in field order: decimals as strings, blanks as None, nested records as dicts."""
        out: dict[str, Any] = {}
        for f in fields(self):  # type: ignore[arg-type]  # every subclass is a dataclass
            value = getattr(self, f.name)
            out[f.name] = (
                value.as_json() if isinstance(value, _Record) else str(value) if isinstance(value, Decimal) else value
            )
        return out


@dataclass(frozen=True)
class ProjectMonitor(_Record):
    """执行监控 of a project at the end of ``month``: money in the dataset's amount unit."""

    month: int | None = None
    budget_adjusted: Decimal | None = None  # 调整后预算数
    spent: Decimal | None = None  # 1–N月执行数
    forecast: Decimal | None = None  # 全年预计执行数
    goal_progress: str | None = None  # 绩效目标执行情况

    _DECIMALS = ("budget_adjusted", "spent", "forecast")
    _TEXTS = ("goal_progress",)

    def __post_init__(self) -> None:
        self._check()
        month: object = self.month
        if isinstance(month, str) and month.strip().isdigit():
            month = int(month)  # "7", as a form or a file may give it
        elif isinstance(month, float) and month.is_integer():
            month = int(month)
        if month is not None and (isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12):
            raise RecordError("month", f"a month must be a whole number from 1 to 12, got {self.month!r}")
        object.__setattr__(self, "month", month)


@dataclass(frozen=True)
class ProjectEvaluation(_Record):
    """绩效自评 of a project after the year."""

    budget_initial: Decimal | None = None  # 年初预算数
    budget_adjusted: Decimal | None = None  # 全年预算数
    spent: Decimal | None = None  # 全年执行数
    goal_result: str | None = None  # 年度总体目标实际完成情况

    _DECIMALS = ("budget_initial", "budget_adjusted", "spent")
    _TEXTS = ("goal_result",)

    def __post_init__(self) -> None:
        self._check()


@dataclass(frozen=True)
class Reasons(_Record):
    """偏差原因分析, one text per kind (see :data:`REASON_KINDS`)."""

    funding: str | None = None
    policy: str | None = None
    staff: str | None = None
    facility: str | None = None
    other: str | None = None

    _TEXTS = tuple(REASON_KINDS)

    def __post_init__(self) -> None:
        self._check()

    def any(self) -> bool:
        return any(v and v.strip() for v in (self.funding, self.policy, self.staff, self.facility, self.other))


@dataclass(frozen=True)
class IndicatorMonitor(_Record):
    """执行监控 of an indicator: the value so far, the forecast, and what is being done about a gap."""

    actual: str | None = None  # 1–N月完成值, as written
    forecast: str | None = None  # 全年预计完成值, as written
    reasons: Reasons = Reasons()
    likelihood: str | None = None  # one of LIKELIHOODS (others are kept and reported)
    measures: str | None = None  # 纠偏措施

    _TEXTS = ("actual", "forecast", "likelihood", "measures")

    def __post_init__(self) -> None:
        self._check()
        reasons: object = self.reasons
        if isinstance(reasons, Mapping):  # as an interchange file gives it
            unknown = set(reasons) - set(REASON_KINDS)
            if unknown:
                raise RecordError("reasons", f"unknown kind {sorted(map(str, unknown))[0]!r}")
            try:
                object.__setattr__(self, "reasons", Reasons(**reasons))
            except RecordError as exc:
                raise RecordError(f"reasons.{exc.field}", exc.reason) from None
        elif not isinstance(reasons, Reasons):
            raise RecordError("reasons", f"expected the five reason texts, got {type(reasons).__name__}")


@dataclass(frozen=True)
class IndicatorEvaluation(_Record):
    """绩效自评 of an indicator: the actual as written, its points, and the reason for a shortfall."""

    actual: str | None = None  # 实际完成值, e.g. "96%", "12次", "完成", "/"
    score: Decimal | None = None  # 得分
    reason: str | None = None  # 偏差原因分析及改进措施

    _DECIMALS = ("score",)
    _TEXTS = ("actual", "reason")

    def __post_init__(self) -> None:
        self._check()
