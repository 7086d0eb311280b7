"""The data model: one budget year's performance targets for a division's units.

Everything perfxl reads or writes passes through these pydantic models.  They are
deliberately lenient about *content* (a project code of the wrong length is still
a project) because spotting bad content is the validator's job, not the parser's;
they are strict about *types*: money and percentages are ``Decimal``, never float.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_serializer, model_validator

from perfxl.core.stages import (
    IndicatorEvaluation,
    IndicatorMonitor,
    ProjectEvaluation,
    ProjectMonitor,
    decimal_or_none,
    record_from,
)
from perfxl.core.terms import CHECKPOINT_MONTHS, DEFAULT_AMOUNT_UNIT
from perfxl.core.values import format_value

Part = Literal["总体绩效目标", "分项绩效目标", "工作保障措施"]
Sign = Literal["=", "≥", ">", "≤", "<", "定性"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False, defer_build=True)

    def __hash__(self) -> int:
        # pydantic's own hash of a frozen model fails on a dict field (a row's ``extra``).
        return hash((type(self), *(_hashable(v) for v in self.__dict__.values())))


def _hashable(value: object) -> object:
    return frozenset(value.items()) if isinstance(value, dict) else value  # equal dicts, equal hashes


# A row's columns outside the standard, as a person added them (备注, 责任科室 …): header text → cell
# text, in the order of the columns.  Kept through every conversion; left out of model_dump() (the
# interchange format writes it itself, only when there is some).
Extra = dict[str, str]


def _extra() -> Any:
    return Field(default_factory=dict, exclude=True)


class Division(_Frozen):
    """行政区划 (the county or city whose budget this is)."""

    code: str | None = None
    name: str | None = None


class Unit(_Frozen):
    """A budget unit (预算单位)."""

    code: str
    name: str | None = None
    parent_code: str | None = None
    extra: Extra = _extra()


class DepartmentGoal(_Frozen):
    """One numbered item of 部门整体绩效目标."""

    unit_code: str | None = None
    part: str | None = None
    number: str | None = None
    title: str | None = None
    text: str | None = None
    extra: Extra = _extra()


class Budget(_Frozen):
    """预算数 = 财政资金 + 其他资金, in the dataset's amount unit (万元)."""

    total: Decimal | None = None
    fiscal: Decimal | None = None
    other: Decimal | None = None

    _dec = field_validator("total", "fiscal", "other", mode="before")(decimal_or_none)


class Schedule(_Frozen):
    """资金支出计划: cumulative percentage spent by the end of a month (``{3: Decimal("25.00")}``).

    ``months`` holds the filled checkpoints only, in month order; which checkpoints a
    plan *offers* (3/6/10/12月底, the quarters …) is the profile's business.  The old
    keyword form ``Schedule(mar=…, jun=…, oct=…, dec=…)`` and attributes still work,
    and ``model_dump()`` still gives those four keys (plus ``m<N>`` for any other
    month) for the modules that store plans in four columns.
    """

    months: tuple[tuple[int, Decimal], ...] = ()
    extra: Extra = _extra()  # the 支出计划 row's columns outside the standard

    @model_validator(mode="before")
    @classmethod
    def _from_keys(cls, data: Any) -> Any:
        if not isinstance(data, Mapping):
            return data
        extra = data.get("extra") or {}
        raw: dict[int, Any] = {}
        months = data.get("months")
        if isinstance(months, Mapping):
            raw.update({int(k): v for k, v in months.items()})
        elif months is not None:
            raw.update({int(k): v for k, v in months})
        for key, value in data.items():
            if key in ("months", "extra"):
                continue
            if key in CHECKPOINT_MONTHS:
                raw[CHECKPOINT_MONTHS[key]] = value
            elif isinstance(key, str) and key.startswith("m") and key[1:].isdigit():
                raw[int(key[1:])] = value
            else:
                raise ValueError(f"unknown plan checkpoint {key!r}")
        out: list[tuple[int, Decimal]] = []
        for month in sorted(raw):
            if not 1 <= month <= 12:
                raise ValueError(f"plan month must be 1 to 12, got {month}")
            value = decimal_or_none(raw[month])
            if value is not None:
                out.append((month, value))
        return {"months": tuple(out), "extra": extra}

    @model_serializer
    def _dump(self) -> dict[str, Decimal | None]:
        out: dict[str, Decimal | None] = {key: self.get(m) for key, m in CHECKPOINT_MONTHS.items()}
        out.update({f"m{m}": v for m, v in self.months if m not in CHECKPOINT_MONTHS.values()})
        return out

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Schedule:
        """A copy; ``update`` may name checkpoints the old way (``{"oct": Decimal("75")}``) or ``m9``."""
        if not update:
            return super().model_copy(deep=deep)
        data: dict[str, Any] = {f"m{m}": v for m, v in self.months}
        data["extra"] = self.extra
        for key, value in update.items():
            if key == "extra":
                data["extra"] = value
            elif key == "months":
                data = {f"m{int(m)}": v for m, v in (value.items() if isinstance(value, Mapping) else value)}
            else:
                data[f"m{CHECKPOINT_MONTHS[key]}" if key in CHECKPOINT_MONTHS else key] = value
        return Schedule.model_validate(data)

    def get(self, month: int) -> Decimal | None:
        return next((v for m, v in self.months if m == month), None)

    def as_dict(self) -> dict[int, Decimal]:
        return dict(self.months)

    @property
    def mar(self) -> Decimal | None:
        return self.get(3)

    @property
    def jun(self) -> Decimal | None:
        return self.get(6)

    @property
    def oct(self) -> Decimal | None:
        return self.get(10)

    @property
    def dec(self) -> Decimal | None:
        return self.get(12)

    def values(self) -> tuple[Decimal | None, Decimal | None, Decimal | None, Decimal | None]:
        """The four checkpoints of the bundled example (3/6/10/12月底), for older callers."""
        return (self.mar, self.jun, self.oct, self.dec)


class Indicator(_Frozen):
    """One row of the three-level indicator table.

    ``sign``/``value``/``unit`` hold the target split apart; :attr:`printed`
    joins them back the way documents print it (``≥80%``, ``100%``, ``是``).
    ``previous_value`` is filled by ``perfxl rollover`` (上年指标值).
    """

    level1: str | None = None
    level2: str | None = None
    level3: str | None = None
    description: str | None = None
    sign: str | None = None
    value: str | None = None
    unit: str | None = None
    basis: str | None = None
    previous_value: str | None = None
    weight: Decimal | None = None  # 权重 / 分值 as printed (a score, not money: no places added)
    extra: Extra = _extra()
    # The later stages of the year; left out of model_dump() like Project's.
    monitor: IndicatorMonitor | None = Field(default=None, exclude=True)
    evaluation: IndicatorEvaluation | None = Field(default=None, exclude=True)

    # The records' own checks, before pydantic's (which would turn a float into a Decimal).
    _monitor = field_validator("monitor", mode="before")(lambda v: record_from(IndicatorMonitor, v))
    _evaluation = field_validator("evaluation", mode="before")(lambda v: record_from(IndicatorEvaluation, v))

    @field_validator("weight", mode="before")
    @classmethod
    def _weight(cls, value: object) -> Decimal | None:
        if value is None or value == "":
            return None
        if isinstance(value, float | bool):
            raise ValueError("a weight must be a decimal number (not a float or boolean)")
        try:
            # Unlike money, a weight keeps the digits it was written with (10 stays 10).
            number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
        except InvalidOperation:
            raise ValueError(f"expected a number such as 10, got {value!r}") from None
        if not number.is_finite():
            raise ValueError(f"not a finite number: {value!r}")
        return number

    @property
    def printed(self) -> str:
        return format_value(self.sign, self.value, self.unit)


class Project(_Frozen):
    """A budget project (预算项目) with its money, plan, goals and indicators."""

    unit_code: str | None = None
    code: str
    name: str | None = None
    budget: Budget = Budget()
    purpose: str | None = None
    goals: str | None = None
    schedule: Schedule = Schedule()
    indicators: tuple[Indicator, ...] = ()
    extra: Extra = _extra()  # the 项目 row's columns outside the standard
    # The later stages of the year (执行监控, 绩效自评); None until a stage sheet holds them.
    # Left out of model_dump() so that code dumping targets into columns is unchanged.
    monitor: ProjectMonitor | None = Field(default=None, exclude=True)
    evaluation: ProjectEvaluation | None = Field(default=None, exclude=True)

    _monitor = field_validator("monitor", mode="before")(lambda v: record_from(ProjectMonitor, v))
    _evaluation = field_validator("evaluation", mode="before")(lambda v: record_from(ProjectEvaluation, v))


class Dataset(_Frozen):
    """A whole workbook's worth of data."""

    year: int | None = None
    profile: str | None = None  # the regional profile (templates/profiles/) the data follows
    division: Division = Division()
    amount_unit: str = DEFAULT_AMOUNT_UNIT
    taxonomy: str | None = None
    units: tuple[Unit, ...] = ()
    department_goals: tuple[DepartmentGoal, ...] = ()
    projects: tuple[Project, ...] = ()

    def indicator_count(self) -> int:
        return sum(len(p.indicators) for p in self.projects)

    def budget_total(self) -> Decimal:
        return sum((p.budget.total or Decimal(0) for p in self.projects), Decimal("0.00"))
