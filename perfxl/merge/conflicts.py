"""The same unit or project in two files: identical copies are merged, different ones are conflicts.

``on_conflict`` decides which file wins (``error`` reports and keeps the first
for counting, ``first``, ``last``); every row that loses is recorded as a
:class:`~perfxl.merge.result.Replacement`, so rows in = rows out + rows replaced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from perfxl.core.findings import Finding
from perfxl.core.model import DepartmentGoal, Project, Unit
from perfxl.merge.compatibility import Loaded
from perfxl.merge.messages import merge_finding, outcome
from perfxl.merge.result import Replacement, rows_of


@dataclass
class UnitPart:
    """Everything one file holds about one unit."""

    file_index: int
    units: list[Unit] = field(default_factory=list)
    goals: list[DepartmentGoal] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)

    def content(self) -> tuple[Any, ...]:
        return (tuple(self.units), tuple(self.goals), tuple(self.projects))

    def substantive(self) -> bool:
        return bool(self.goals or self.projects)

    def rows(self) -> dict[str, int]:
        return rows_of(self.units, self.goals, self.projects)


UnitKey = tuple[str, int]  # (unit code, -1) or ("", file index) for rows without a unit code


def split_by_unit(loaded: list[Loaded]) -> dict[UnitKey, list[UnitPart]]:
    parts: dict[UnitKey, list[UnitPart]] = {}
    for i, x in enumerate(loaded):
        mine: dict[UnitKey, UnitPart] = {}

        def part(code: str | None, i: int = i, mine: dict[UnitKey, UnitPart] = mine) -> UnitPart:
            key: UnitKey = (code, -1) if code else ("", i)
            if key not in mine:
                mine[key] = UnitPart(file_index=i)
                parts.setdefault(key, []).append(mine[key])
            return mine[key]

        for u in x.dataset.units:
            part(u.code).units.append(u)
        for g in x.dataset.department_goals:
            part(g.unit_code).goals.append(g)
        for p in x.dataset.projects:
            part(p.unit_code).projects.append(p)
    return parts


def _pick(candidates: list[int], on_conflict: str) -> int:
    return candidates[-1] if on_conflict == "last" else candidates[0]


def resolve_units(
    parts: dict[UnitKey, list[UnitPart]],
    loaded: list[Loaded],
    on_conflict: str,
    findings: list[Finding],
    replacements: list[Replacement],
) -> dict[UnitKey, UnitPart]:
    """One part per unit; the losers' rows are recorded as replacements."""
    names = [x.source.name for x in loaded]
    chosen: dict[UnitKey, UnitPart] = {}
    for key, occurrences in parts.items():
        if len(occurrences) == 1:
            chosen[key] = occurrences[0]
            continue
        files = "、".join(names[o.file_index] for o in occurrences)
        contents = {o.content() for o in occurrences}
        substantive = [o for o in occurrences if o.substantive()]
        same_rows = len({tuple(o.units) for o in occurrences}) == 1
        if len(contents) == 1 or (len(substantive) <= 1 and same_rows):
            # Identical copies, or one real part plus bare 单位 rows: no conflict.
            winner = substantive[0] if substantive else occurrences[0]
            findings.append(
                merge_finding(
                    "merge-unit-duplicate",
                    "info",
                    value=key[0],
                    ctx={"files": files, "kept": names[winner.file_index]},
                )
            )
        else:
            winner = occurrences[_pick(list(range(len(occurrences))), on_conflict)]
            kept = names[winner.file_index]
            findings.append(
                merge_finding(
                    "merge-unit-conflict",
                    "error" if on_conflict == "error" else "warning",
                    value=key[0],
                    ctx={"files": files, "kept": kept, **outcome(on_conflict, kept)},
                )
            )
        chosen[key] = winner
        for o in occurrences:
            if o is not winner:
                replacements.append(
                    Replacement("unit", key[0], names[o.file_index], names[winner.file_index], o.rows())
                )
    return chosen


def resolve_projects(
    chosen: dict[UnitKey, UnitPart],
    loaded: list[Loaded],
    on_conflict: str,
    findings: list[Finding],
    replacements: list[Replacement],
) -> set[int]:
    """Project codes claimed by two surviving units; returns ids of the losing Project objects."""
    names = [x.source.name for x in loaded]
    by_code: dict[str, list[tuple[int, Project]]] = {}
    for part in chosen.values():
        for p in part.projects:
            by_code.setdefault(p.code, []).append((part.file_index, p))
    losers: set[int] = set()
    for code, claims in by_code.items():
        if len(claims) == 1:
            continue
        files = "、".join(names[i] for i, _ in claims)
        if len({p for _, p in claims}) == 1:
            win = 0
            findings.append(
                merge_finding(
                    "merge-project-duplicate",
                    "info",
                    value=code,
                    project_code=code,
                    ctx={"files": files, "kept": names[claims[0][0]]},
                )
            )
        else:
            win = _pick(list(range(len(claims))), on_conflict)
            kept = names[claims[win][0]]
            findings.append(
                merge_finding(
                    "merge-project-conflict",
                    "error" if on_conflict == "error" else "warning",
                    value=code,
                    project_code=code,
                    ctx={"files": files, "kept": kept, **outcome(on_conflict, kept)},
                )
            )
        for j, (i, p) in enumerate(claims):
            if j != win:
                losers.add(id(p))
                replacements.append(Replacement("project", code, names[i], names[claims[win][0]], rows_of([], [], [p])))
    return losers
