"""Build workbooks the way people do (openpyxl), for reader tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from perfxl.workbook import schema as S

PROJECT_HEADER = [c.name for c in S.standard().sheet(S.PROJECTS).columns]
# As people build sheets by hand: without the optional columns and the derived 项目名称 (never needed).
INDICATOR_HEADER = [c.name for c in S.standard().sheet(S.INDICATORS).columns if not c.optional and not c.derived]


def write_book(
    path: Path, sheets: dict[str, list[list[Any]]], *, formats: dict[tuple[str, str], str] | None = None
) -> Path:
    """Write ``sheets`` (name -> rows, first row the header) with openpyxl.

    ``formats`` maps (sheet, A1 cell) to a number format.  Strings are stored as
    text even when they start with '=' (people paste such text).
    """
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = ws.cell(row=r, column=c, value=value)
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"
    for (sheet, ref), fmt in (formats or {}).items():
        wb[sheet][ref].number_format = fmt
    wb.save(path)
    return path


def standard_sheets(**overrides: list[list[Any]]) -> dict[str, list[list[Any]]]:
    """Minimal standard sheets with headers only, plus the 基本信息 rows; override any sheet."""
    std = S.standard()
    sheets: dict[str, list[list[Any]]] = {
        S.INFO: [
            list(S.INFO_HEADER),
            [S.INFO_YEAR, 2021],
            [S.INFO_DIVISION_CODE, "130434"],
            [S.INFO_AMOUNT_UNIT, "万元"],
            [S.INFO_TAXONOMY, "v2015"],
        ],
    }
    for spec in std.sheets:
        sheets[spec.name] = [[c.name for c in spec.columns if not c.optional and not c.derived]]
    sheets.update(overrides)
    return sheets
