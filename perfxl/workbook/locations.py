"""Where each value of a Dataset sits in its workbook.

The Dataset holds values only; :class:`Locations` keeps, beside it, the
spreadsheet row of every record and, per sheet, the column letter of every
field as that workbook has it (columns may come in any order).  Together they
give the :class:`~perfxl.core.location.Location` of any value, which is all a
rule needs to point at a cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from perfxl.core.location import Location
from perfxl.workbook import schema as S

INFO_VALUE_COLUMN = "B"  # 基本信息 holds key/value pairs in columns A/B


@dataclass
class Locations:
    """Rows of the records, parallel to the Dataset's tuples, and the columns of each sheet."""

    units: list[int] = field(default_factory=list)
    goals: list[int] = field(default_factory=list)
    projects: list[int] = field(default_factory=list)
    schedules: list[int | None] = field(default_factory=list)  # per project: its 支出计划 row
    indicators: list[list[int]] = field(default_factory=list)  # per project: its 绩效指标 rows
    info: dict[str, int] = field(default_factory=dict)  # 基本信息 key -> row
    columns: dict[str, dict[str, str]] = field(default_factory=dict)  # sheet -> field key -> column letter
    # Every sheet the workbook has, less those whose rows could not be read (header not on
    # row 1) or placed (支出计划 or 绩效指标 without 项目编码).
    sheets: frozenset[str] = frozenset()

    def has_sheet(self, sheet: str) -> bool:
        """Whether ``sheet`` was read (rules about a sheet's rows stay quiet when it was not)."""
        return sheet in self.sheets

    def column(self, sheet: str, key: str) -> str | None:
        """Column letter of field ``key`` on ``sheet`` (None if the workbook lacks that column)."""
        return self.columns.get(sheet, {}).get(key)

    def cell(self, sheet: str, key: str, row: int) -> str | None:
        """A1 reference of field ``key`` of ``sheet`` at ``row`` (None if the column is absent)."""
        letter = self.column(sheet, key)
        return None if letter is None else f"{letter}{row}"

    def at(self, sheet: str, key: str | None, row: int | None, *, project_code: str | None = None) -> Location:
        """The Location of field ``key`` of ``sheet`` in ``row`` (only the sheet when row or column is unknown)."""
        letter = self.column(sheet, key) if key is not None else None
        return Location(
            sheet=sheet,
            cell=f"{letter}{row}" if (letter is not None and row is not None) else None,
            row=row,
            column=letter,
            project_code=project_code,
        )

    def info_at(self, key: str) -> Location:
        """The Location of the value of 基本信息 ``key`` (column B of its row; the sheet when the key is absent)."""
        row = self.info.get(key)
        if row is None:
            return Location(sheet=S.INFO)
        return Location(sheet=S.INFO, cell=f"{INFO_VALUE_COLUMN}{row}", row=row, column=INFO_VALUE_COLUMN)
