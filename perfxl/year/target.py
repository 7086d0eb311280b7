"""What scoring reads of an indicator's target: 一级指标, sign, value, unit and the printed form.

The model's ``Indicator`` has these; the stage rules, which work on columns,
pass a :class:`TargetView` instead (one per distinct target, no model built).
"""

from __future__ import annotations

from typing import NamedTuple, Protocol

from perfxl.core.values import format_value


class Targeted(Protocol):
    """A target split apart: 计算符号, 指标值, 计量单位 (what the unit rules read too)."""

    @property
    def sign(self) -> str | None: ...

    @property
    def value(self) -> str | None: ...

    @property
    def unit(self) -> str | None: ...


class Target(Targeted, Protocol):
    """What scoring reads: the target split apart, its 一级指标, and the target as printed."""

    @property
    def level1(self) -> str | None: ...

    @property
    def printed(self) -> str: ...


class TargetView(NamedTuple):
    """One distinct target made from columns (the rules build one per distinct tuple, not one per row)."""

    sign: str | None
    value: str | None
    unit: str | None
    level1: str | None = None

    @property
    def printed(self) -> str:
        return format_value(self.sign, self.value, self.unit)
