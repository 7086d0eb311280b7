"""Compare two versions of a dataset: what was added, removed or changed.

Units are keyed by 单位编码, projects by 项目编码, indicators within a project by
(一级, 二级, 三级) plus their occurrence among rows with the same three names
(the 序号 among namesakes), department goals by (单位, 部分, 编号) likewise.
Rows that are identical in both versions are matched first, whatever their
position, so reordering rows alone is no difference.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from perfxl.core.model import Dataset, DepartmentGoal, Indicator, Project, Unit
from perfxl.core.terms import month_label
from perfxl.workbook import schema as S

Kind = Literal["added", "removed", "changed"]
T = TypeVar("T")

DATASET_FIELDS = {"year": "预算年度", "division.code": "行政区划代码", "division.name": "行政区划名称",
                  "amount_unit": "金额单位", "taxonomy": "指标体系版本"}  # fmt: skip
UNIT_FIELDS = {"name": "单位名称", "parent_code": "上级单位编码"}
GOAL_FIELDS = {"title": "标题", "text": "内容"}
PROJECT_FIELDS = {"unit_code": "单位编码", "name": "项目名称", "budget.total": "预算数", "budget.fiscal": "财政资金",
                  "budget.other": "其他资金", "purpose": "资金用途", "goals": "绩效目标"}  # fmt: skip
INDICATOR_FIELDS = {"description": "绩效指标描述", "sign": "计算符号", "value": "指标值", "unit": "计量单位",
                    "basis": "指标值确定依据", "previous_value": "上年指标值", "weight": "权重"}  # fmt: skip
ENTITY_LABELS = {"dataset": S.INFO, "unit": S.UNITS, "goal": S.GOALS, "project": S.PROJECTS, "indicator": S.INDICATORS}
KIND_MARKS = {"added": "+", "removed": "-", "changed": "~"}


@dataclass(frozen=True)
class Change:
    """One difference.  For added/removed rows ``old``/``new`` hold the row's name."""

    kind: Kind
    entity: str  # dataset, unit, goal, project, indicator
    key: str  # e.g. project code, or "code / 产出指标/数量指标/人数 #1"
    field: str | None = None  # model field path, e.g. "budget.total"
    label: str | None = None  # the field's Chinese column name
    old: str | None = None
    new: str | None = None

    def line(self) -> str:
        where = " ".join(p for p in (ENTITY_LABELS.get(self.entity, self.entity), self.key) if p)
        if self.kind == "changed":
            return f"~ {where} {self.label or self.field}: {_show(self.old)} → {_show(self.new)}"
        name = self.new if self.kind == "added" else self.old
        return f"{KIND_MARKS[self.kind]} {where}" + (f" ({name})" if name else "")

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "entity": self.entity, "key": self.key, "field": self.field,
                "label": self.label, "old": self.old, "new": self.new}  # fmt: skip


def _show(value: str | None) -> str:
    return "（空）" if value is None or value == "" else value


def _text(value: object) -> str | None:
    if value is None:
        return None
    return str(value)


def _get(obj: Any, path: str) -> Any:
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def _field_changes(entity: str, key: str, old: Any, new: Any, fields: dict[str, str]) -> list[Change]:
    changes = []
    for path, label in fields.items():
        a, b = _get(old, path), _get(new, path)
        if a != b:  # Decimals compare by value: 10.0 == 10.00 is no change
            changes.append(Change("changed", entity, key, path, label, _text(a), _text(b)))
    return changes


def _pair(
    old: Sequence[T],
    new: Sequence[T],
    key: Callable[[T], Hashable],
    exact: Callable[[T], Hashable] = lambda item: item,
) -> tuple[list[tuple[T, T]], list[T], list[T]]:
    """Match rows: identical rows first (any order), then by key in order of occurrence.

    Returns (pairs that differ, removed, added); identical pairs are dropped.
    """
    available = Counter(exact(item) for item in new)
    matched: Counter[Hashable] = Counter()
    rest_old: list[T] = []
    for item in old:
        if available[exact(item)] > matched[exact(item)]:
            matched[exact(item)] += 1
        else:
            rest_old.append(item)
    rest_new: list[T] = []
    for item in new:
        if matched[exact(item)] > 0:
            matched[exact(item)] -= 1
        else:
            rest_new.append(item)
    by_key: dict[Hashable, list[T]] = {}
    for item in rest_new:
        by_key.setdefault(key(item), []).append(item)
    pairs: list[tuple[T, T]] = []
    removed: list[T] = []
    for item in rest_old:
        candidates = by_key.get(key(item))
        if candidates:
            pairs.append((item, candidates.pop(0)))
        else:
            removed.append(item)
    taken = {id(b) for _, b in pairs}
    added = [item for item in rest_new if id(item) not in taken]
    return pairs, removed, added


def _row_changes(
    entity: str,
    old: Sequence[T],
    new: Sequence[T],
    fields: dict[str, str],
    *,
    key: Callable[[T], Hashable],
    label: Callable[[T], str],
    name: Callable[[T], str | None],
    within: Callable[[T, T], list[Change]] | None = None,
) -> list[Change]:
    """Rows removed and added, then each matched row's changed fields (and ``within`` it)."""
    pairs, removed, added = _pair(old, new, key)
    changes = [Change("removed", entity, label(x), old=name(x)) for x in removed]
    changes += [Change("added", entity, label(x), new=name(x)) for x in added]
    for a, b in pairs:
        changes += _field_changes(entity, label(a), a, b, fields)
        if within is not None:
            changes += within(a, b)
    return changes


def _code(row: Unit | Project) -> str:
    return row.code


def _goal_key(goal: DepartmentGoal) -> tuple[str | None, str | None, str | None]:
    return (goal.unit_code, goal.part, goal.number)


def _goal_label(goal: DepartmentGoal) -> str:
    return " ".join(p for p in (goal.unit_code, goal.part, goal.number) if p) or "(无编号)"


def _goal_name(goal: DepartmentGoal) -> str | None:
    return goal.title or (goal.text or "")[:30] or None


Numbered = tuple[tuple[str | None, str | None, str | None, int], Indicator]


def _numbered(indicators: Sequence[Indicator]) -> list[Numbered]:
    """Each indicator with its identity: the three names and its 序号 among namesakes."""
    seen: Counter[tuple[str | None, str | None, str | None]] = Counter()
    out = []
    for ind in indicators:
        names = (ind.level1, ind.level2, ind.level3)
        seen[names] += 1
        out.append(((*names, seen[names]), ind))
    return out


def _indicator_key(project_code: str, item: Numbered) -> str:
    identity = item[0]
    names = "/".join(n or "" for n in identity[:3])
    return f"{project_code} {names} #{identity[3]}"


def _schedule_changes(old: Project, new: Project) -> list[Change]:
    """The plan's checkpoints that differ, by month (field ``schedule.mar`` … or ``schedule.m9``)."""
    a, b = old.schedule.as_dict(), new.schedule.as_dict()
    return [
        Change(
            "changed",
            "project",
            old.code,
            f"schedule.{S.month_key(m)}",
            month_label(m),
            _text(a.get(m)),
            _text(b.get(m)),
        )
        for m in sorted(a.keys() | b.keys())
        if a.get(m) != b.get(m)
    ]


def _indicator_changes(code: str, old: Sequence[Indicator], new: Sequence[Indicator]) -> list[Change]:
    # Pair by the three names; the occurrence number only tells namesakes apart.
    pairs, removed, added = _pair(_numbered(old), _numbered(new), lambda x: x[0][:3], lambda x: x[1])
    changes = [Change("removed", "indicator", _indicator_key(code, x), old=x[1].printed) for x in removed]
    changes += [Change("added", "indicator", _indicator_key(code, x), new=x[1].printed) for x in added]
    for a, b in pairs:
        changes += _field_changes("indicator", _indicator_key(code, b), a[1], b[1], INDICATOR_FIELDS)
    return changes


def diff(old: Dataset, new: Dataset) -> list[Change]:
    """Every difference between two versions, in a stable order (info, units, goals, projects)."""
    changes = _field_changes("dataset", "", old, new, DATASET_FIELDS)
    changes += _row_changes("unit", old.units, new.units, UNIT_FIELDS, key=_code, label=_code, name=lambda u: u.name)
    changes += _row_changes(
        "goal", old.department_goals, new.department_goals, GOAL_FIELDS,
        key=_goal_key, label=_goal_label, name=_goal_name,
    )  # fmt: skip
    changes += _row_changes(
        "project", old.projects, new.projects, PROJECT_FIELDS, key=_code, label=_code, name=lambda p: p.name,
        within=lambda a, b: _schedule_changes(a, b) + _indicator_changes(a.code, a.indicators, b.indicators),
    )  # fmt: skip
    return changes
