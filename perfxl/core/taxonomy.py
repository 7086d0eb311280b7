"""Indicator taxonomies (指标体系) loaded from ``templates/taxonomy/*.yaml``.

A taxonomy is the list of 一级指标, each with its allowed 二级指标, plus aliases
for names seen in real documents and deprecated entries that are accepted with a
warning.  Which version a budget year gets by default is ``templates/settings.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from perfxl.core.errors import UnknownTaxonomyError
from perfxl.files.resources import load_yaml, template_path


@dataclass(frozen=True)
class Taxonomy:
    version: str
    title: str
    level1: tuple[str, ...]
    level2: dict[str, tuple[str, ...]]
    deprecated: dict[str, tuple[str, ...]] = field(default_factory=dict)
    aliases1: dict[str, str] = field(default_factory=dict)
    aliases2: dict[str, str] = field(default_factory=dict)
    mappings: dict[str, dict[tuple[str, str], tuple[str, str]]] = field(default_factory=dict)

    def canonical1(self, name: str | None) -> str | None:
        """The standard 一级 name for ``name`` (aliases resolved), or None if unknown."""
        if name is None:
            return None
        name = self.aliases1.get(name, name)
        return name if name in self.level2 else None

    def canonical2(self, name: str | None) -> str | None:
        """The standard 二级 name (aliases resolved) if it exists anywhere, else None."""
        if name is None:
            return None
        name = self.aliases2.get(name, name)
        return name if self.parent_of(name) else None

    def parent_of(self, level2: str) -> str | None:
        """The 一级 a (canonical) 二级 belongs under, deprecated entries included."""
        for l1 in self.level1:
            if level2 in self.level2[l1] or level2 in self.deprecated.get(l1, ()):
                return l1
        return None

    def is_deprecated(self, level2: str) -> bool:
        return any(level2 in names for names in self.deprecated.values())

    def all_level2(self) -> tuple[str, ...]:
        return tuple(n for l1 in self.level1 for n in self.level2[l1])


def _parse(data: dict[str, Any]) -> Taxonomy:
    level1 = tuple(entry["name"] for entry in data["level1"])
    level2 = {entry["name"]: tuple(entry.get("level2", ())) for entry in data["level1"]}
    deprecated = {entry["name"]: tuple(entry.get("deprecated", ())) for entry in data["level1"]}
    aliases = data.get("aliases") or {}
    mappings: dict[str, dict[tuple[str, str], tuple[str, str]]] = {}
    for old_version, pairs in (data.get("from") or {}).items():
        mappings[old_version] = {tuple(p["old"]): tuple(p["new"]) for p in pairs}
    return Taxonomy(
        version=data["version"],
        title=data.get("title", data["version"]),
        level1=level1,
        level2=level2,
        deprecated={k: v for k, v in deprecated.items() if v},
        aliases1=dict(aliases.get("level1") or {}),
        aliases2=dict(aliases.get("level2") or {}),
        mappings=mappings,
    )


def available_versions() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in template_path("taxonomy").glob("*.yaml")))


@cache
def load_taxonomy(version: str) -> Taxonomy:
    """Load a taxonomy by version name (``v2015``, ``v2021``); UnknownTaxonomyError if unknown."""
    if version not in available_versions():
        raise UnknownTaxonomyError(
            f"unknown taxonomy version {version!r}; available: {', '.join(available_versions())}"
        )
    return _parse(load_yaml(template_path("taxonomy", f"{version}.yaml")))


def default_version(year: int | None) -> str:
    """The taxonomy a budget year uses by default (``templates/settings.yaml``)."""
    rules = sorted(load_yaml(template_path("settings.yaml"))["taxonomy_by_year"], key=lambda r: r["from_year"])
    chosen: str = rules[-1]["version"]
    if year is not None:
        for rule in rules:
            if year >= rule["from_year"]:
                chosen = rule["version"]
    return chosen
