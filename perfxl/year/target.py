"""What scoring reads of an indicator's target: 一级指标, sign, value, unit and the printed form.

The model's ``Indicator`` has these; the stage rules, which work on columns,
pass a :class:`TargetView` instead (one per distinct target, no model built).
"""

from __future__ import annotations

from typing import NamedTuple, Protocol

from perfxl.core.values import format_value


class Target(Protocol):
    @property
    def level1(self) -> str | None: ...

    @property
    def sign(self) -> str | None: ...

    @property
    def value(self) -> str | None: ...

    @property
    def unit(self) -> str | None: ...

    @property
    def printed(self) -> str: ...


class TargetView(NamedTuple):
    level1: str | None
    sign: str | None
    value: str | None
    unit: str | None

    @property
    def printed(self) -> str:
        return format_value(self.sign, self.value, self.unit)
