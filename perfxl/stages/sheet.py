"""Write one stage sheet with openpyxl: header, rows, formats, dropdowns, read-only target columns.

Target and derived columns are grey and locked, stage columns unlocked, so that
protecting the sheet (``protect=True``, or by hand) leaves only the stage
columns editable.  Text is always written as text (``=…`` never becomes a formula).
"""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from perfxl.stages.existing import CellCopy
from perfxl.year.columns import StageColumn, StageSheet

NUMBER_FORMATS = {"money": "0.00", "percent": "0.00%", "points": "0.00", "int": "0"}
TEXT_FORMAT = "@"
FONT = "宋体"
HEADER_FILL = "DDEBF7"
READ_ONLY_FILL = "F2F2F2"
ORPHAN_FILL = "FCE4D6"  # rows whose indicator is gone from the targets


@dataclass
class SheetRow:
    """A row to write: values by layout field (plain values or cells copied as typed), and extra columns."""

    values: dict[str, Any] = field(default_factory=dict)
    extras: dict[str, CellCopy] = field(default_factory=dict)
    orphan: bool = False


def write_stage_sheet(
    ws: Any,
    spec: StageSheet,
    month: int | None,
    rows: list[SheetRow],
    extra_headers: list[str],
    *,
    protect: bool = False,
) -> None:
    """Fill the empty worksheet ``ws``."""
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    headers = [*spec.headers(month), *extra_headers]
    header_font = Font(name=FONT, bold=True, size=10.5)
    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    grey = PatternFill("solid", fgColor=READ_ONLY_FILL)
    orange = PatternFill("solid", fgColor=ORPHAN_FILL)
    body_font = Font(name=FONT, size=10.5)
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    unlocked = Protection(locked=False)
    columns: list[StageColumn | None] = [*spec.columns, *(None for _ in extra_headers)]
    for i, (header, col) in enumerate(zip(headers, columns, strict=True), start=1):
        cell = ws.cell(row=1, column=i, value=header)
        cell.data_type = "s"
        cell.font, cell.fill = header_font, header_fill
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        ws.column_dimensions[get_column_letter(i)].width = col.width if col else 16
    ws.row_dimensions[1].height = 28
    # Styling cell by cell costs most of the time on big sheets; style one cell per (column, orphan)
    # and give the others a copy of its style array, as openpyxl's own worksheet copy does.
    protos: dict[tuple[int, bool], Any] = {}
    for r, row in enumerate(rows, start=2):
        for i, col in enumerate(columns, start=1):
            kind = col.kind if col else "text"
            cell = ws.cell(row=r, column=i)
            proto = protos.get((i, row.orphan))
            if proto is None:
                cell.font = body_font
                cell.alignment = wrap if kind == "longtext" or col is None else top
                cell.number_format = NUMBER_FORMATS.get(kind, TEXT_FORMAT)
                if col is not None and col.read_only:
                    cell.fill = grey
                else:
                    cell.protection = unlocked
                if row.orphan:
                    cell.fill = orange
                protos[(i, row.orphan)] = copy(cell._style)
            else:
                cell._style = copy(proto)
            value = row.values.get(col.field) if col else row.extras.get(headers[i - 1])
            custom = _put(cell, value, kind)
            if custom is not None:
                cell.number_format = custom
    last = len(rows) + 1
    for i, col in enumerate(spec.columns, start=1):
        if col.choices and rows:
            dv = DataValidation(type="list", formula1='"' + ",".join(col.choices) + '"', allow_blank=True)
            dv.error = "请从下拉列表中选择：" + "、".join(col.choices)
            dv.showErrorMessage = True
            letter = get_column_letter(i)
            dv.add(f"{letter}2:{letter}{last}")
            ws.add_data_validation(dv)
    ws.freeze_panes = ws.cell(row=2, column=spec.frozen + 1)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{last}"
    if protect:
        ws.protection.sheet = True
        ws.protection.formatCells = False
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
        ws.protection.autoFilter = False


def _put(cell: Any, value: Any, kind: str) -> str | None:
    """Set the value; returns the number format a copied cell brings along (None: the column's)."""
    if isinstance(value, CellCopy):
        cell.value = value.value
        if value.data_type in ("s", "f", "n", "b", "d"):
            cell.data_type = value.data_type
        wanted = NUMBER_FORMATS.get(kind, TEXT_FORMAT)
        return value.number_format if value.number_format not in ("General", wanted) else None
    if value is None or value == "":
        cell.value = None
    elif isinstance(value, Decimal):
        # Decimal → float only at the file boundary; percent cells hold the fraction.
        cell.value = float(value / 100) if kind == "percent" else float(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        cell.value = value
    else:
        cell.value = str(value)
        cell.data_type = "s"  # text starting with = stays text
    return None
