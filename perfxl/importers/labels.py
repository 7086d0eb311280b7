"""The label dictionary: every wording a published table uses, loaded from ``templates/labels.yaml``.

Regional wording is data, never code: the parser asks a :class:`Lexicon` what a
cell's text *is* (a field label, a group label, an indicator column, a 一级/二级
name, a plan checkpoint …) and the lexicon answers from the YAML file, the
profile's additions and a user's ``--labels`` file merged together.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from perfxl.core.errors import InputError
from perfxl.core.taxonomy import load_taxonomy
from perfxl.core.values import normalize_text
from perfxl.files.resources import load_yaml, template_path

# A bracketed amount unit, percent sign or score inside a label: `资金情况（万元）`, `（%）`,
# `（0-20）分`, `（90分）`.  Removed from the key; an amount unit is remembered.
_BRACKET = re.compile(r"（([^（）]*)）(分)?")
_SCORE = re.compile(r"^\d+(?:\.\d+)?(?:[-~—至]\d+(?:\.\d+)?)?分?$")
_TRAILING = "：:;；,，.。"


@dataclass(frozen=True)
class Key:
    """A label's lookup key and the amount unit its brackets named, if any."""

    text: str
    amount_unit: str | None = None


def base_key(text: str) -> str:
    """Spaces/newlines dropped, full-width letters and digits folded, brackets and colons one way."""
    text = re.sub(r"\s+", "", normalize_text(text))
    return text.replace(":", "：").replace("(", "（").replace(")", "）").replace("[", "（").replace("]", "）")


@dataclass(frozen=True)
class Group:
    unlabelled: str | None = None  # the field a value with no label of its own gets
    indicators: bool = False  # the label of an indicator block


@dataclass
class Lexicon:
    fields: dict[str, str] = field(default_factory=dict)  # key → field name
    kept_out: set[str] = field(default_factory=set)
    groups: dict[str, Group] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)  # indicator header key → column
    value_target: list[re.Pattern[str]] = field(default_factory=list)
    value_other: list[re.Pattern[str]] = field(default_factory=list)
    sets_annual: list[re.Pattern[str]] = field(default_factory=list)
    sets_other: list[re.Pattern[str]] = field(default_factory=list)
    level1: dict[str, str] = field(default_factory=dict)  # key → standard 一级 name
    level2: set[str] = field(default_factory=set)
    directions: dict[str, str] = field(default_factory=dict)
    checkpoints: dict[str, int] = field(default_factory=dict)
    checkpoint_patterns: list[re.Pattern[str]] = field(default_factory=list)
    parts: dict[str, str] = field(default_factory=dict)  # heading key → standard section
    part_headings: list[re.Pattern[str]] = field(default_factory=list)
    amount_units: dict[str, Decimal] = field(default_factory=dict)
    furniture: list[re.Pattern[str]] = field(default_factory=list)

    # -- keys ------------------------------------------------------------------
    def key(self, text: str) -> Key:
        """The normalised key of a label, with a bracketed amount unit taken out."""
        text = base_key(text).rstrip(_TRAILING)
        unit: str | None = None

        def strip(m: re.Match[str]) -> str:
            nonlocal unit
            inner = m.group(1)
            if inner in self.amount_units:
                unit = inner
                return ""
            if inner in ("%", "％") or _SCORE.fullmatch(inner + (m.group(2) or "")):
                return ""
            return m.group(0)

        stripped = _BRACKET.sub(strip, text)
        return Key(stripped or text, unit)

    def _lookup(self, table: dict[str, Any] | set[str], text: str) -> str | None:
        key = self.key(text).text
        for candidate in (key, key.removeprefix("其中：").removeprefix("其中")):
            if candidate in table:
                return candidate
        return None

    # -- what a text is ------------------------------------------------------
    def field_of(self, text: str) -> str | None:
        found = self._lookup(self.fields, text)
        return self.fields[found] if found else None

    def is_kept_out(self, text: str) -> bool:
        return self._lookup(self.kept_out, text) is not None

    def group_of(self, text: str) -> Group | None:
        found = self._lookup(self.groups, text)
        return self.groups[found] if found else None

    def column_of(self, text: str) -> str | None:
        found = self._lookup(self.columns, text)
        return self.columns[found] if found else None

    def level1_of(self, text: str) -> str | None:
        found = self._lookup(self.level1, text)
        return self.level1[found] if found else None

    def is_level2(self, text: str) -> bool:
        return self._lookup(self.level2, text) is not None

    def checkpoint_of(self, text: str) -> int | None:
        key = self.key(text).text
        if key in self.checkpoints:
            return self.checkpoints[key]
        for pattern in self.checkpoint_patterns:
            m = pattern.fullmatch(key)
            if m and 1 <= int(m.group(1)) <= 12:
                return int(m.group(1))
        return None

    def direction_of(self, text: str) -> str | None:
        return self.directions.get(self.key(text).text)

    def part_of(self, text: str) -> str | None:
        return self.parts.get(self.key(text).text)

    def is_part_heading(self, text: str) -> bool:
        return any(p.search(base_key(text)) for p in self.part_headings)

    def is_furniture(self, text: str) -> bool:
        return any(p.search(base_key(text)) for p in self.furniture)

    def is_label(self, text: str) -> bool:
        """Any label of the grid part: a field, a group, a kept-out label or a plan checkpoint."""
        return bool(self.field_of(text) or self.group_of(text) or self.is_kept_out(text) or self.checkpoint_of(text))

    def is_level_name(self, text: str) -> bool:
        return self.level1_of(text) is not None or self.is_level2(text)


def _strings(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise ValueError(f"{where}: expected a list of labels")
    return [str(v) for v in value]


def _patterns(values: Iterable[str], where: str) -> list[re.Pattern[str]]:
    try:
        return [re.compile(v) for v in values]
    except re.error as exc:
        raise ValueError(f"{where}: not a regular expression ({exc})") from None


def merge_data(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """``extra``'s lists added to ``base``'s, its mappings merged key by key (a user's additions)."""
    out = dict(base)
    for key, value in extra.items():
        old = out.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            out[key] = merge_data(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            out[key] = [*old, *value]
        else:
            out[key] = value
    return out


def build_lexicon(data: dict[str, Any]) -> Lexicon:
    lex = Lexicon()
    lex.amount_units = {str(k): Decimal(str(v)) for k, v in (data.get("amount_units") or {}).items()}

    def k(text: str) -> str:  # keys depend on the amount units just loaded
        return lex.key(text).text

    for name, labels in (data.get("fields") or {}).items():
        lex.fields.update({k(label): str(name) for label in _strings(labels, f"fields.{name}")})
    lex.kept_out = {k(label) for label in _strings(data.get("kept_out"), "kept_out")}
    for i, entry in enumerate(data.get("groups") or []):
        group = Group(entry.get("unlabelled"), bool(entry.get("indicators", False)))
        lex.groups.update({k(label): group for label in _strings(entry.get("labels"), f"groups[{i}]")})
    for name, labels in (data.get("indicator_columns") or {}).items():
        lex.columns.update({k(label): str(name) for label in _strings(labels, f"indicator_columns.{name}")})
    values = data.get("value_columns") or {}
    lex.value_target = _patterns(_strings(values.get("target"), "value_columns.target"), "value_columns")
    lex.value_other = _patterns(_strings(values.get("other"), "value_columns.other"), "value_columns")
    sets = data.get("indicator_sets") or {}
    lex.sets_annual = _patterns(_strings(sets.get("annual"), "indicator_sets.annual"), "indicator_sets")
    lex.sets_other = _patterns(_strings(sets.get("other"), "indicator_sets.other"), "indicator_sets")
    for version in ("v2015", "v2021"):
        taxonomy = load_taxonomy(version)
        lex.level1.update({k(name): name for name in taxonomy.level1})
        lex.level2.update(k(name) for names in taxonomy.level2.values() for name in names)
        lex.level2.update(k(name) for names in taxonomy.deprecated.values() for name in names)
        lex.level2.update(k(name) for name in taxonomy.aliases2)
    for standard, labels in (data.get("level1") or {}).items():
        lex.level1.update({k(label): str(standard) for label in _strings(labels, f"level1.{standard}")})
    lex.level2.update(k(label) for label in _strings(data.get("level2"), "level2"))
    lex.directions = {k(str(text)): str(sign) for text, sign in (data.get("directions") or {}).items()}
    plan = dict(data.get("plan_checkpoints") or {})
    lex.checkpoint_patterns = _patterns(_strings(plan.pop("patterns", None), "plan_checkpoints"), "plan_checkpoints")
    for month, labels in plan.items():
        lex.checkpoints.update({k(label): int(month) for label in _strings(labels, f"plan_checkpoints.{month}")})
    for standard, labels in (data.get("parts") or {}).items():
        lex.parts.update({k(label): str(standard) for label in _strings(labels, f"parts.{standard}")})
    lex.part_headings = _patterns(_strings(data.get("part_headings"), "part_headings"), "part_headings")
    lex.furniture = _patterns(_strings(data.get("furniture"), "furniture"), "furniture")
    return lex


@cache
def _bundled() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml(template_path("labels.yaml"))
    return data


def read_labels_file(path: str | Path) -> dict[str, Any]:
    """A user's label additions (the format of ``templates/labels.yaml``); InputError if unreadable."""
    path = Path(path)
    if not path.is_file():
        raise InputError("labels file not found", path=path)
    try:
        data = load_yaml(path)
    except Exception as exc:  # yaml.YAMLError, UnicodeDecodeError, OSError
        raise InputError(f"cannot read the labels file: {str(exc).splitlines()[0]}", path=path) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError("a labels file is a mapping such as `fields: {name: [项目名称]}`", path=path)
    return data


def lexicon(*additions: dict[str, Any], source: str | None = None) -> Lexicon:
    """The bundled labels with ``additions`` (a profile's, a user's file) merged in order."""
    data = _bundled()
    for extra in additions:
        data = merge_data(data, extra)
    try:
        return build_lexicon(data)
    except (ValueError, TypeError, AttributeError) as exc:
        raise InputError(f"malformed labels: {exc}", path=source) from None
