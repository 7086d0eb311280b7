"""The workbook standard, read from ``templates/workbook.yaml``.

Every reader, writer and rule asks this module for sheet and column names, so
the Chinese names are spelled in exactly one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from perfxl.files.resources import load_yaml, template_path

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
INFO_HEADER = ("项目", "内容")


@dataclass(frozen=True)
class Column:
    name: str
    key: str
    kind: str
    width: float
    required: bool = False
    optional: bool = False  # written only when some row has a value


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
