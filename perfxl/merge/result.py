"""What a merge returns: the inputs (:class:`Source`), replaced rows, counts, and the merged Dataset.

Plain values only; nothing here reads files or decides anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from perfxl.core.findings import Finding
from perfxl.core.model import Dataset, DepartmentGoal, Division, Project, Unit

OnConflict = Literal["error", "first", "last"]
ON_CONFLICT: tuple[str, ...] = ("error", "first", "last")
KINDS: tuple[str, ...] = ("units", "goals", "projects", "schedules", "indicators")
CONFLICT_CODES = ("merge-unit-conflict", "merge-project-conflict")
# Findings that make an input file bad (left out of the merge).
BAD_INPUT_CODES = ("merge-bad-input", "merge-year", "merge-taxonomy", "merge-amount-unit")


@dataclass
class Source:
    """One input file: what it held and what became of it (a row of 来源)."""

    path: Path
    sha256: str | None = None
    year: int | None = None
    division: Division = field(default_factory=Division)
    unit_codes: tuple[str, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    read_at: dt.datetime | None = None
    status: str = "merged"  # merged | partly-replaced | replaced | bad
    reason: str | None = None

    @property
    def name(self) -> str:
        return str(self.path)  # as given: unique where bare file names might not be

    @property
    def ok(self) -> bool:
        return self.status != "bad"

    def severity_count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


@dataclass(frozen=True)
class Replacement:
    """Rows of one unit or project from ``file`` that lost to ``kept_file``."""

    level: str  # "unit" | "project"
    key: str
    file: str
    kept_file: str
    rows: dict[str, int]


@dataclass
class MergeResult:
    dataset: Dataset
    sources: list[Source]
    findings: list[Finding]
    rows_in: dict[str, int]
    rows_out: dict[str, int]
    rows_replaced: dict[str, int]
    replacements: list[Replacement]
    on_conflict: str = "error"

    @property
    def bad_sources(self) -> list[Source]:
        return [s for s in self.sources if not s.ok]

    @property
    def merged_sources(self) -> list[Source]:
        return [s for s in self.sources if s.ok]

    @property
    def conflicts(self) -> list[Finding]:
        """Errors between good files (not bad inputs): these stop a merge in ``error`` mode."""
        return [f for f in self.findings if f.severity == "error" and f.code in CONFLICT_CODES]

    def balanced(self) -> bool:
        return all(self.rows_in[k] == self.rows_out[k] + self.rows_replaced[k] for k in KINDS)

    def unit_of_project(self) -> dict[str, str | None]:
        return {p.code: p.unit_code for p in self.dataset.projects}


def count_rows(dataset: Dataset) -> dict[str, int]:
    """Rows of each kind a dataset holds (schedule rows: projects with any checkpoint filled)."""
    return rows_of(dataset.units, dataset.department_goals, dataset.projects)


def rows_of(units: Sequence[Unit], goals: Sequence[DepartmentGoal], projects: Sequence[Project]) -> dict[str, int]:
    return {
        "units": len(units),
        "goals": len(goals),
        "projects": len(projects),
        "schedules": sum(1 for p in projects if _has_schedule(p)),
        "indicators": sum(len(p.indicators) for p in projects),
    }


def _has_schedule(project: Project) -> bool:
    return bool(project.schedule.months)  # months holds the filled checkpoints only


def unit_codes(dataset: Dataset) -> tuple[str, ...]:
    """Every unit code the dataset mentions, in order of first appearance."""
    codes: dict[str, None] = {}
    for u in dataset.units:
        codes.setdefault(u.code, None)
    for g in dataset.department_goals:
        if g.unit_code:
            codes.setdefault(g.unit_code, None)
    for p in dataset.projects:
        if p.unit_code:
            codes.setdefault(p.unit_code, None)
    return tuple(codes)
