"""The workbook standard, read from ``templates/workbook.yaml``.

Every reader, writer and rule asks this module for sheet and column names, so
the Chinese names are spelled in exactly one place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from perfxl.core.profile import profile_for
from perfxl.core.terms import CHECKPOINT_MONTHS, month_label
from perfxl.files.resources import load_yaml, template_path

if TYPE_CHECKING:
    from perfxl.core.model import Dataset

# Sheet names used throughout the code.  Their columns come from the YAML.
INFO = "基本信息"
UNITS = "单位"
GOALS = "部门目标"
PROJECTS = "项目"
SCHEDULE = "支出计划"
INDICATORS = "绩效指标"
LISTS = "指标体系"
README = "说明"

INFO_YEAR = "预算年度"
INFO_DIVISION_CODE = "行政区划代码"
INFO_DIVISION_NAME = "行政区划名称"
INFO_AMOUNT_UNIT = "金额单位"
INFO_TAXONOMY = "指标体系版本"
INFO_TEMPLATE = "模板版本"
INFO_PROFILE = "配置方案"
INFO_HEADER = ("项目", "内容")


@dataclass(frozen=True)
class Column:
    name: str
    key: str
    kind: str
    width: float
    required: bool = False
    optional: bool = False  # written only when some row has a value
    derived: bool = False  # written from the project (项目名称 beside 项目编码); never needed when reading


@dataclass(frozen=True)
class SheetSpec:
    name: str
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)

    def by_name(self) -> dict[str, Column]:
        return {c.name: c for c in self.columns}

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


@dataclass(frozen=True)
class Standard:
    template_version: str
    info_keys: tuple[str, ...]
    sheets: tuple[SheetSpec, ...]

    def sheet(self, name: str) -> SheetSpec:
        for spec in self.sheets:
            if spec.name == name:
                return spec
        raise KeyError(name)

    @property
    def data_sheet_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.sheets)


@cache
def standard() -> Standard:
    data = load_yaml(template_path("workbook.yaml"))
    sheets = tuple(
        SheetSpec(
            name=s["name"],
            columns=tuple(
                Column(
                    name=c["name"],
                    key=c["key"],
                    kind=c["kind"],
                    width=float(c.get("width", 12)),
                    required=bool(c.get("required", False)),
                    optional=bool(c.get("optional", False)),
                    derived=bool(c.get("derived", False)),
                )
                for c in s["columns"]
            ),
        )
        for s in data["sheets"]
    )
    return Standard(
        template_version=str(data["template_version"]),
        info_keys=tuple(data["info_keys"]),
        sheets=sheets,
    )


# 支出计划 has one column per plan month: `3月底` … `12月底`.  Months 3/6/10/12 keep the keys
# they always had (mar/jun/oct/dec); any other month N is keyed mN.
_MONTH_HEADER = re.compile(r"^(\d{1,2})月底$")
_KEY_OF_MONTH = {m: k for k, m in CHECKPOINT_MONTHS.items()}


def month_key(month: int) -> str:
    return _KEY_OF_MONTH.get(month, f"m{month}")


def month_of_key(key: str) -> int | None:
    if key in CHECKPOINT_MONTHS:
        return CHECKPOINT_MONTHS[key]
    return int(key[1:]) if key.startswith("m") and key[1:].isdigit() else None


def month_of_header(name: str) -> int | None:
    m = _MONTH_HEADER.match(name.strip())
    return int(m.group(1)) if m and 1 <= int(m.group(1)) <= 12 else None


def plan_months(dataset: Dataset) -> tuple[int, ...]:
    """The 支出计划 columns for a dataset: its profile's checkpoints and any other month it uses."""
    used = {m for p in dataset.projects for m, _v in p.schedule.months}
    return tuple(sorted(set(profile_for(dataset.profile).plan_months) | used))


def schedule_spec(months: Iterable[int], *, expected: Iterable[int] = ()) -> SheetSpec:
    """支出计划 with a column per month; months not in ``expected`` are optional (written/read when there)."""
    base = standard().sheet(SCHEDULE)
    template = base.column("dec")
    wanted = set(expected)
    columns = [base.column("code"), *(c for c in base.columns if c.derived)]  # 项目名称 beside 项目编码
    for month in sorted(set(months)):
        columns.append(
            replace(
                template,
                name=month_label(month),
                key=month_key(month),
                required=month == 12,
                optional=month not in wanted,
            )
        )
    return SheetSpec(SCHEDULE, tuple(columns))


PROJECT_NAME = "project_name"  # the key of the derived 项目名称 column of 支出计划 and 绩效指标


@cache  # once per (sheet, key): every finding names its column
def column_name(sheet: str, key: str) -> str:
    """The header of column ``key`` of a standard sheet (支出计划's month columns included)."""
    if sheet == SCHEDULE and key not in ("code", PROJECT_NAME) and (month := month_of_key(key)) is not None:
        return month_label(month)
    return standard().sheet(sheet).column(key).name


def column_letter(index: int) -> str:
    """0-based column index → Excel letters (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_ref(row: int, col: int) -> str:
    """1-based row, 0-based column → A1 reference."""
    return f"{column_letter(col)}{row}"


def column_index(letters: str) -> int:
    """Excel letters → 0-based index (A → 0)."""
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n - 1
