"""The data model: one budget year's performance targets for a division's units.

Everything perfxl reads or writes passes through these pydantic models.  They are
deliberately lenient about *content* (a project code of the wrong length is still
a project) because spotting bad content is the validator's job, not the parser's;
they are strict about *types*: money and percentages are ``Decimal``, never float.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

from perfxl.core.values import format_value, normalize_decimal

PARTS: tuple[str, ...] = ("总体绩效目标", "分项绩效目标", "工作保障措施")
SIGNS: tuple[str, ...] = ("=", "≥", ">", "≤", "<", "定性")
CHECKPOINTS: tuple[str, ...] = ("mar", "jun", "oct", "dec")
CHECKPOINT_LABELS: dict[str, str] = {"mar": "3月底", "jun": "6月底", "oct": "10月底", "dec": "12月底"}
DEFAULT_AMOUNT_UNIT = "万元"

Part = Literal["总体绩效目标", "分项绩效目标", "工作保障措施"]
Sign = Literal["=", "≥", ">", "≤", "<", "定性"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False)


def _decimal_field(value: object) -> Decimal | None:
    """Accept Decimal/int/str (never float) and give money its two places."""
    if value is None or value == "":
        return None
    if isinstance(value, float):
        # A float here means a caller skipped the str() step; refuse loudly.
        raise ValueError("money and percentages must not be floats; convert via str()")
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


class Division(_Frozen):
    """行政区划 (the county or city whose budget this is)."""

    code: str | None = None
    name: str | None = None


class Unit(_Frozen):
    """A budget unit (预算单位)."""

    code: str
    name: str | None = None
    parent_code: str | None = None


class DepartmentGoal(_Frozen):
    """One numbered item of 部门整体绩效目标."""

    unit_code: str | None = None
    part: str | None = None
    number: str | None = None
    title: str | None = None
    text: str | None = None


class Budget(_Frozen):
    """预算数 = 财政资金 + 其他资金, in the dataset's amount unit (万元)."""

    total: Decimal | None = None
    fiscal: Decimal | None = None
    other: Decimal | None = None

    _dec = field_validator("total", "fiscal", "other", mode="before")(_decimal_field)


class Schedule(_Frozen):
    """资金支出计划: cumulative percentages (``Decimal("25.00")`` means 25 %)."""

    mar: Decimal | None = None
    jun: Decimal | None = None
    oct: Decimal | None = None
    dec: Decimal | None = None

    _dec = field_validator("mar", "jun", "oct", "dec", mode="before")(_decimal_field)

    def values(self) -> tuple[Decimal | None, Decimal | None, Decimal | None, Decimal | None]:
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


class Dataset(_Frozen):
    """A whole workbook's worth of data."""

    year: int | None = None
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
