"""Regional profiles (配置方案) loaded from ``templates/profiles/*.yaml``.

What differs from one region's tables to another's and is not wording — the
project-code pattern, the spending-plan checkpoints, the part-1 section names —
lives in a profile; wording lives in ``templates/labels.yaml`` (a profile may add
labels too).  A dataset records the profile it follows (基本信息 配置方案).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perfxl.core.errors import InputError
from perfxl.files.resources import load_yaml, template_path

GENERIC = "generic"
# Workbooks and interchange files written before profiles existed follow the bundled example's conventions.
LEGACY = "hebei"


@dataclass(frozen=True)
class Profile:
    name: str
    title: str
    code_pattern: str | None = None
    code_description: str | None = None  # for messages: 应为 {description}
    code_description_en: str | None = None
    division_digits: int | None = None
    year_digits: tuple[int, int] | None = None
    plan_months: tuple[int, ...] = (3, 6, 9, 12)
    parts: tuple[str, ...] = ("总体绩效目标", "分项绩效目标", "工作保障措施")
    labels: dict[str, Any] = field(default_factory=dict)

    def code_matches(self, code: str) -> bool:
        return self.code_pattern is None or re.fullmatch(self.code_pattern, code) is not None

    def division_of(self, code: str) -> str | None:
        """The division code a project code starts with (None when the profile has no such rule)."""
        if self.division_digits is None or not self.code_matches(code):
            return None
        prefix = code[: self.division_digits]
        return prefix if prefix.isdigit() and len(prefix) == self.division_digits else None

    def year_of(self, code: str) -> int | None:
        """The budget year a project code carries (None when the profile has no such rule)."""
        if self.year_digits is None or not self.code_matches(code):
            return None
        digits = code[self.year_digits[0] : self.year_digits[1]]
        return 2000 + int(digits) if digits.isdigit() and len(digits) == 2 else None


def _parse(data: Any, source: str) -> Profile:
    if not isinstance(data, dict) or not isinstance(data.get("name"), str):
        raise InputError("not a perfxl profile (expected a mapping with a name)", path=source)
    code = data.get("project_code") or {}
    try:
        pattern = code.get("pattern")
        if pattern is not None:
            re.compile(pattern)
        year = code.get("year_digits")
        months = tuple(int(m) for m in data.get("plan_months") or (3, 6, 9, 12))
        if any(not 1 <= m <= 12 for m in months) or list(months) != sorted(set(months)):
            raise ValueError(f"plan_months must be increasing months 1 to 12, got {list(months)}")
        return Profile(
            name=data["name"],
            title=str(data.get("title") or data["name"]),
            code_pattern=pattern,
            code_description=code.get("description"),
            code_description_en=code.get("description_en"),
            division_digits=code.get("division_digits"),
            year_digits=(int(year[0]), int(year[1])) if year else None,
            plan_months=months,
            parts=tuple(str(p) for p in data.get("parts") or ()),
            labels=dict(data.get("labels") or {}),
        )
    except re.error as exc:
        raise InputError(f"project_code.pattern is not a regular expression: {exc}", path=source) from None
    except (TypeError, ValueError, IndexError, AttributeError) as exc:
        raise InputError(f"malformed profile: {exc}", path=source) from None


def profile_names() -> list[str]:
    return sorted(p.stem for p in template_path("profiles").glob("*.yaml"))


def load_profile(name_or_path: str | Path | None = None) -> Profile:
    """A bundled profile by name (``hebei``, ``generic``) or a profile file; None gives the generic one."""
    if name_or_path is None:
        name_or_path = GENERIC
    path = Path(name_or_path)
    if path.suffix.lower() not in (".yaml", ".yml"):
        path = template_path("profiles", f"{name_or_path}.yaml")
        if not path.is_file():
            raise InputError(f"unknown profile {name_or_path!r}; bundled: {', '.join(profile_names())}")
    elif not path.is_file():
        raise InputError("profile file not found", path=path)
    try:
        data = load_yaml(path)
    except Exception as exc:  # yaml.YAMLError, UnicodeDecodeError, OSError
        raise InputError(f"cannot read the profile: {str(exc).splitlines()[0]}", path=path) from None
    return _parse(data, str(path))


def bundled_profiles() -> list[Profile]:
    return [load_profile(name) for name in profile_names()]


def profile_for(name: str | None) -> Profile:
    """The profile a dataset records (基本信息 配置方案): none recorded means the legacy one.

    A name perfxl does not ship (a user's own profile file, recorded by name) falls
    back to the generic profile: no code pattern is checked then.
    """
    if name is None:
        return load_profile(LEGACY)
    try:
        return load_profile(name)
    except InputError:
        return load_profile(GENERIC)
