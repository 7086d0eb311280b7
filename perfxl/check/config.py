"""Validation settings: which rules run, how severe they are, the message language.

Settings come from, in increasing priority: the defaults here, ``[tool.perfxl]``
in a ``pyproject.toml`` next to the workbook, a ``perfxl.toml`` next to the
workbook (top-level keys or ``[tool.perfxl]``), and command-line options.

Example ``perfxl.toml``::

    select = []                 # empty or absent: every rule
    ignore = ["basis-missing"]
    strict = false              # warnings make the exit code 1 too
    lang = "zh"
    [severity]
    missing-level1 = "error"
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from perfxl.core.errors import InputError
from perfxl.core.findings import LANGS, SEVERITY_ORDER, Severity

CONFIG_FILES = ("perfxl.toml", "pyproject.toml")
_KEYS = {"select", "ignore", "strict", "lang", "severity"}


@dataclass(frozen=True)
class Config:
    """What to check and how to report it (``select`` empty means every rule)."""

    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    strict: bool = False
    lang: str = "zh"
    severity: dict[str, Severity] = field(default_factory=dict)
    source: str | None = None  # the file the settings came from, for messages

    def enabled(self, code: str) -> bool:
        return (not self.select or code in self.select) and code not in self.ignore

    def severity_of(self, code: str, default: Severity) -> Severity:
        return self.severity.get(code, default)

    def override(
        self,
        *,
        select: list[str] | None = None,
        ignore: list[str] | None = None,
        strict: bool | None = None,
        lang: str | None = None,
    ) -> Config:
        """A copy with command-line options applied on top (None = keep)."""
        changes: dict[str, Any] = {}
        if select:
            changes["select"] = frozenset(select)
        if ignore:
            changes["ignore"] = self.ignore | frozenset(ignore)
        if strict is not None:
            changes["strict"] = strict
        if lang is not None:
            changes["lang"] = _check_lang(lang, self.source)
        return replace(self, **changes)

    def codes(self) -> set[str]:
        """Every rule code the settings name (checked against the registry by the engine)."""
        return set(self.select) | set(self.ignore) | set(self.severity)


def split_codes(text: str | None) -> list[str]:
    """``"a,b c"`` → ``["a", "b", "c"]`` (what ``--select``/``--ignore`` accept)."""
    if not text:
        return []
    return [c for c in text.replace(",", " ").split() if c]


def _check_lang(lang: str, source: str | None) -> str:
    if lang not in LANGS:
        raise InputError(f"lang must be one of {', '.join(LANGS)}, found {lang!r}", path=source)
    return lang


def config_from_mapping(data: dict[str, Any], *, source: str | None = None) -> Config:
    """Build a Config from a TOML table, refusing unknown keys and wrong types."""
    unknown = set(data) - _KEYS
    if unknown:
        raise InputError(
            f"unknown setting(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(_KEYS))}", path=source
        )

    def code_list(key: str) -> frozenset[str]:
        value = data.get(key, [])
        if isinstance(value, str):
            value = split_codes(value)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InputError(f"{key} must be a list of rule codes", path=source)
        return frozenset(value)

    strict = data.get("strict", False)
    if not isinstance(strict, bool):
        raise InputError("strict must be true or false", path=source)
    severity = data.get("severity", {})
    if not isinstance(severity, dict):
        raise InputError('[severity] must be a table of code = "error|warning|info"', path=source)
    for code, level in severity.items():
        if level not in SEVERITY_ORDER:
            raise InputError(f"severity of {code} must be error, warning or info, found {level!r}", path=source)
    return Config(
        select=code_list("select"),
        ignore=code_list("ignore"),
        strict=strict,
        lang=_check_lang(str(data.get("lang", "zh")), source),
        severity=dict(severity),
        source=source,
    )


def load_config_file(path: str | Path) -> Config | None:
    """Settings from one TOML file; None when it has no perfxl settings."""
    import tomllib  # here: most workbooks have no settings file beside them

    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not valid TOML: {exc}", path=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read settings: {exc}", path=path) from None
    table = data.get("tool", {}).get("perfxl")
    if table is None and path.name == "perfxl.toml":
        table = {k: v for k, v in data.items() if k != "tool"}
    if table is None:
        return None
    if not isinstance(table, dict):
        raise InputError("[tool.perfxl] must be a table", path=path)
    return config_from_mapping(table, source=str(path))


def load_config(book: str | Path) -> Config:
    """Settings for a workbook: ``perfxl.toml`` beside it, else ``pyproject.toml``, else defaults."""
    folder = Path(book).resolve().parent
    for name in CONFIG_FILES:
        candidate = folder / name
        if candidate.is_file():
            config = load_config_file(candidate)
            if config is not None:
                return config
    return Config()
