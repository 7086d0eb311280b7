"""The scoring settings (``scoring:`` in templates/settings.yaml), as one typed value.

Every choice the national rules leave open is a field here, so a budget office
can change it without a release; tests build variants with :meth:`ScoringSettings.with_changes`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, field_validator

from perfxl.core.stages import decimal_or_none
from perfxl.core.values import normalize_text
from perfxl.files.resources import settings


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Band(_Frozen):
    """A qualitative tier: its name, aliases, and the points allowed as percent of 分值."""

    name: str
    low: Decimal
    high: Decimal
    aliases: tuple[str, ...] = ()

    _dec = field_validator("low", "high", mode="before")(decimal_or_none)

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def holds(self, percent: Decimal) -> bool:
        """Whether ``percent`` of 分值 lies in the band; only a band ending at 100 includes its end."""
        if percent < self.low:
            return False
        return percent < self.high or (percent == self.high == 100)


class Grade(_Frozen):
    grade: str
    min: Decimal

    _dec = field_validator("min", mode="before")(decimal_or_none)


class ScoringSettings(_Frozen):
    execution_weight: Decimal
    level_weights: dict[str, Decimal]
    shared_levels: dict[str, str]
    reverse_formula: Literal["linear", "ratio"]
    yes_no_pairs: tuple[tuple[str, str], ...]
    bands: tuple[Band, ...]
    not_applicable: tuple[str, ...]
    over_achievement_percent: Decimal
    grades: tuple[Grade, ...]
    lag_points: Decimal

    _dec = field_validator("execution_weight", "over_achievement_percent", "lag_points", mode="before")(decimal_or_none)

    @field_validator("level_weights", mode="before")
    @classmethod
    def _weights(cls, value: dict[str, Any]) -> dict[str, Decimal | None]:
        return {k: decimal_or_none(v) for k, v in value.items()}

    @field_validator("grades")
    @classmethod
    def _highest_first(cls, value: tuple[Grade, ...]) -> tuple[Grade, ...]:
        return tuple(sorted(value, key=lambda g: g.min, reverse=True))

    def level_of(self, level1: str | None) -> str | None:
        """The level whose points an indicator of ``level1`` shares (None: no default points)."""
        if level1 is None:
            return None
        level = self.shared_levels.get(level1, level1)
        return level if level in self.level_weights else None

    def band_named(self, text: str) -> Band | None:
        """The tier an actual names, by exact name or alias (full-width forms folded, spaces ignored)."""
        key = _fold(text)
        for band in self.bands:
            if any(_fold(name) == key for name in band.names()):
                return band
        return None

    def yes_no_pair(self, text: str) -> tuple[str, str] | None:
        key = _fold(text)
        for pair in self.yes_no_pairs:
            if key in (_fold(pair[0]), _fold(pair[1])):
                return pair
        return None

    def grade_for(self, total: Decimal) -> str:
        for grade in self.grades:
            if total >= grade.min:
                return grade.grade
        return self.grades[-1].grade

    def with_changes(self, **changes: Any) -> ScoringSettings:
        """A copy with some fields changed (validated like the file)."""
        return ScoringSettings.model_validate({**self.model_dump(), **changes})


def _fold(text: str) -> str:
    return "".join(normalize_text(text).split())


def load_scoring_settings(overrides: dict[str, Any] | None = None) -> ScoringSettings:
    """The ``scoring:`` settings of templates/settings.yaml, with ``overrides`` applied on top."""
    data = dict(settings()["scoring"])
    data.update(overrides or {})
    return ScoringSettings.model_validate(data)
