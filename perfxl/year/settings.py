"""The scoring settings (``scoring:`` in templates/settings.yaml), as one typed value.

Every choice the national rules leave open is a field here, so a budget office
can change it without a release; tests build variants with :meth:`ScoringSettings.with_changes`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from decimal import Decimal
from typing import Any, Literal, cast

from perfxl.core.stages import decimal_or_none
from perfxl.core.values import normalize_text
from perfxl.files.resources import settings

REVERSE_FORMULAS: tuple[str, ...] = ("linear", "ratio")


class SettingsError(ValueError):
    """A scoring setting that cannot be used: ``key`` names it (``bands[1].low``)."""

    def __init__(self, key: str, reason: str) -> None:
        super().__init__(f"scoring.{key}: {reason}")
        self.key, self.reason = key, reason


@dataclass(frozen=True)
class Band:
    """A qualitative tier: its name, aliases, and the points allowed as percent of 分值."""

    name: str
    low: Decimal
    high: Decimal
    aliases: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def holds(self, percent: Decimal) -> bool:
        """Whether ``percent`` of 分值 lies in the band; only a band ending at 100 includes its end."""
        if percent < self.low:
            return False
        return percent < self.high or (percent == self.high == 100)


@dataclass(frozen=True)
class Grade:
    grade: str
    min: Decimal


@dataclass(frozen=True)
class ScoringSettings:
    """Build it with :meth:`from_mapping` (checked, as the file gives it) or :func:`load_scoring_settings`."""

    execution_weight: Decimal
    level_weights: dict[str, Decimal]
    shared_levels: dict[str, str]
    reverse_formula: Literal["linear", "ratio"]
    yes_no_pairs: tuple[tuple[str, str], ...]
    bands: tuple[Band, ...]
    not_applicable: tuple[str, ...]
    over_achievement_percent: Decimal
    grades: tuple[Grade, ...]  # highest first
    lag_points: Decimal

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> ScoringSettings:
        """The settings from ``scoring:`` as YAML gives it; :class:`SettingsError` names a bad or missing key."""
        unknown = sorted(set(data) - set(cls.__dataclass_fields__))
        if unknown:
            raise SettingsError(unknown[0], "not a scoring setting")
        formula = _text(data, "reverse_formula")
        if formula not in REVERSE_FORMULAS:
            raise SettingsError("reverse_formula", f"must be one of {', '.join(REVERSE_FORMULAS)}, got {formula!r}")
        grades = [
            Grade(_text(g, "grade", f"grades[{i}]."), _number(g, "min", f"grades[{i}]."))
            for i, g in enumerate(_mappings(data, "grades", Grade))
        ]
        return cls(
            execution_weight=_number(data, "execution_weight"),
            level_weights={
                _key(k, "level_weights"): _decimal(v, f"level_weights.{k}")
                for k, v in _mapping(data, "level_weights").items()
            },
            shared_levels={
                _key(k, "shared_levels"): _texts([v], f"shared_levels.{k}")[0]
                for k, v in _mapping(data, "shared_levels").items()
            },
            reverse_formula=cast(Literal["linear", "ratio"], formula),
            yes_no_pairs=tuple(_pair(p, f"yes_no_pairs[{i}]") for i, p in enumerate(_list(data, "yes_no_pairs"))),
            bands=tuple(
                Band(
                    name=_text(b, "name", f"bands[{i}]."),
                    low=_number(b, "low", f"bands[{i}]."),
                    high=_number(b, "high", f"bands[{i}]."),
                    aliases=_texts(
                        _list(b, "aliases", f"bands[{i}].") if "aliases" in b else (), f"bands[{i}].aliases"
                    ),
                )
                for i, b in enumerate(_mappings(data, "bands", Band))
            ),
            not_applicable=_texts(_list(data, "not_applicable"), "not_applicable"),
            over_achievement_percent=_number(data, "over_achievement_percent"),
            grades=tuple(sorted(grades, key=lambda g: g.min, reverse=True)),
            lag_points=_number(data, "lag_points"),
        )

    def as_mapping(self) -> dict[str, Any]:
        """The settings as ``scoring:`` holds them (what :meth:`from_mapping` reads back)."""
        return asdict(self)

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
        """A copy with some fields changed (checked like the file)."""
        return ScoringSettings.from_mapping({**self.as_mapping(), **changes})


def _decimal(value: object, key: str) -> Decimal:
    try:
        number = decimal_or_none(value)
    except ValueError as exc:
        raise SettingsError(key, str(exc)) from None
    except ArithmeticError:  # beyond Decimal's precision
        raise SettingsError(key, f"not a usable number: {value!r}") from None
    if number is None:
        raise SettingsError(key, "a number is required")
    return number


def _number(data: Mapping[str, Any], key: str, prefix: str = "") -> Decimal:
    if key not in data:
        raise SettingsError(prefix + key, "missing")
    return _decimal(data[key], prefix + key)


def _text(data: Mapping[str, Any], key: str, prefix: str = "") -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise SettingsError(prefix + key, "missing" if value is None else f"expected text, got {value!r}")
    return value


def _mapping(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key)
    if not isinstance(value, Mapping):
        raise SettingsError(key, "expected a mapping such as {产出指标: 50}")
    return value


def _list(data: Mapping[str, Any], key: str, prefix: str = "") -> Sequence[Any]:
    value = data.get(key)
    if not isinstance(value, list | tuple):
        raise SettingsError(prefix + key, "expected a list such as [a, b]")
    return value


def _texts(values: Sequence[Any], key: str) -> tuple[str, ...]:
    for i, value in enumerate(values):
        if not isinstance(value, str):
            raise SettingsError(f"{key}[{i}]" if len(values) > 1 else key, f"expected text, got {value!r}")
    return tuple(values)


def _key(value: object, key: str) -> str:
    if not isinstance(value, str):
        raise SettingsError(key, f"expected text keys, got {value!r}")
    return value


def _mappings(data: Mapping[str, Any], key: str, kind: type) -> list[Mapping[str, Any]]:
    """The list ``key`` of mappings, each with only the fields of ``kind`` (a typo is not ignored)."""
    items = _list(data, key)
    known = {f.name for f in fields(kind)}
    for i, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise SettingsError(f"{key}[{i}]", "expected a mapping")
        unknown = sorted(map(str, set(item) - known))
        if unknown:
            raise SettingsError(f"{key}[{i}].{unknown[0]}", "not a setting of this item")
    return list(items)


def _pair(value: object, key: str) -> tuple[str, str]:
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise SettingsError(key, "expected two texts such as [是, 否]")
    first, second = _texts(value, key)
    return (first, second)


def _fold(text: str) -> str:
    return "".join(normalize_text(text).split())


def load_scoring_settings(overrides: dict[str, Any] | None = None) -> ScoringSettings:
    """The ``scoring:`` settings of templates/settings.yaml, with ``overrides`` applied on top."""
    data = dict(settings()["scoring"])
    data.update(overrides or {})
    return ScoringSettings.from_mapping(data)
