"""The stage sheets' layout, read from ``templates/stages.yaml``.

Every reader and writer of stage sheets asks this module for sheet and column
names, so the Chinese names are spelled in one place (like workbook.yaml for
the target sheets).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from perfxl.files.resources import load_yaml, template_path

Stage = Literal["monitor", "evaluate"]
Level = Literal["project", "indicator"]
Role = Literal["key", "target", "stage", "derived"]
STAGES: tuple[Stage, ...] = ("monitor", "evaluate")
MONTH = "{month}"
NAME = "name"  # the project's 项目名称, shown beside 项目编码 (a blank cell is fine)


@dataclass(frozen=True)
class StageColumn:
    name: str  # may hold {month}
    field: str
    role: Role
    kind: str
    width: float
    choices: tuple[str, ...] = ()

    def header(self, month: int | None) -> str:
        return self.name.replace(MONTH, str(month)) if month is not None else self.name

    def match(self, header: str) -> tuple[bool, int | None]:
        """Whether ``header`` is this column's, and the month it names (for a name with {month})."""
        if MONTH not in self.name:
            return header == self.name, None
        before, after = self.name.split(MONTH)
        m = re.fullmatch(re.escape(before) + r"(\d{1,2})" + re.escape(after), header)
        return (True, int(m[1])) if m else (False, None)

    @property
    def read_only(self) -> bool:
        return self.role in ("target", "derived")


@dataclass(frozen=True)
class StageSheet:
    name: str
    stage: Stage
    level: Level
    columns: tuple[StageColumn, ...]

    def column(self, field: str) -> StageColumn:
        for col in self.columns:
            if col.field == field:
                return col
        raise KeyError(field)

    @property
    def keys(self) -> tuple[StageColumn, ...]:
        return tuple(c for c in self.columns if c.role == "key")

    @property
    def frozen(self) -> int:
        """How many leading columns stay in view when scrolling: through the keys and 项目名称."""
        return max(i for i, c in enumerate(self.columns) if c.role == "key" or c.field == NAME) + 1

    def headers(self, month: int | None) -> list[str]:
        return [c.header(month) for c in self.columns]

    @property
    def has_month(self) -> bool:
        return any(MONTH in c.name for c in self.columns)


@cache
def stage_sheets() -> tuple[StageSheet, ...]:
    data = load_yaml(template_path("stages.yaml"))
    return tuple(
        StageSheet(
            name=s["name"],
            stage=s["stage"],
            level=s["level"],
            columns=tuple(
                StageColumn(
                    name=c["name"],
                    field=c["field"],
                    role=c["role"],
                    kind=c["kind"],
                    width=float(c.get("width", 12)),
                    choices=tuple(c.get("choices", ())),
                )
                for c in s["columns"]
            ),
        )
        for s in data["sheets"]
    )


def sheets_for(stage: Stage) -> tuple[StageSheet, StageSheet]:
    """The (project, indicator) sheets of a stage."""
    found = {s.level: s for s in stage_sheets() if s.stage == stage}
    return found["project"], found["indicator"]


def stage_sheet_names() -> tuple[str, ...]:
    return tuple(s.name for s in stage_sheets())
