"""Read a stage sheet a person has already filled in: its month, its rows by key, every typed cell.

Cells are copied as they are (value, type and number format), never converted,
so a refresh writes back exactly what was typed.  Columns outside the layout
(a person's own notes column) are kept too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perfxl.core.errors import InputError
from perfxl.core.values import number_text
from perfxl.year.columns import StageSheet

Key = tuple[str, int | None]  # (项目编码, 序号) — 序号 None on project sheets


@dataclass(frozen=True)
class CellCopy:
    """A cell as found: written back with the same value, type and number format."""

    value: Any
    data_type: str
    number_format: str


@dataclass
class OldRow:
    row: int
    key: Key
    cells: dict[str, CellCopy] = field(default_factory=dict)  # layout field -> cell
    extras: dict[str, CellCopy] = field(default_factory=dict)  # header outside the layout -> cell


@dataclass
class OldSheet:
    month: int | None
    rows: list[OldRow]
    extra_headers: list[str]


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _copy(cell: Any) -> CellCopy:
    return CellCopy(cell.value, cell.data_type, cell.number_format)


def read_existing(ws: Any, spec: StageSheet, path: Path) -> OldSheet:
    """The rows of an existing stage sheet (openpyxl worksheet ``ws``) keyed by 项目编码 (+ 序号)."""
    by_field: dict[str, int] = {}
    extras: dict[str, int] = {}
    month: int | None = None
    for cell in ws[1]:
        header = "" if cell.value is None else str(cell.value).strip()
        if not header:
            continue
        for col in spec.columns:
            matched, named_month = col.match(header)
            if matched and col.field not in by_field:
                by_field[col.field] = cell.column
                month = month if named_month is None else named_month
                break
        else:
            extras.setdefault(header, cell.column)
    for key_col in spec.keys:
        if key_col.field not in by_field:
            raise InputError(
                f"has no {key_col.name} column; perfxl matches rows by it — restore the header in row 1",
                path=path,
                sheet=spec.name,
                cell="A1",
            )
    rows: list[OldRow] = []
    for cells in ws.iter_rows(min_row=2):
        if all(_blank(c.value) for c in cells):
            continue
        rownum = cells[0].row
        by_col = {c.column: c for c in cells}
        code_cell = by_col.get(by_field["code"])
        seq_cell = by_col.get(by_field["seq"]) if "seq" in by_field else None
        key: Key = (_code(code_cell.value if code_cell else None), _seq(seq_cell, spec, path))
        row = OldRow(rownum, key)
        for name, index in by_field.items():
            if index in by_col:
                row.cells[name] = _copy(by_col[index])
        for header, index in extras.items():
            if index in by_col and not _blank(by_col[index].value):
                row.extras[header] = _copy(by_col[index])
        rows.append(row)
    return OldSheet(month, rows, list(extras))


def _code(value: Any) -> str:
    if _blank(value):
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number_text(value)
    return str(value).strip()


def _seq(cell: Any, spec: StageSheet, path: Path) -> int | None:
    if cell is None or _blank(cell.value):
        return None
    value = cell.value
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    raise InputError(
        f"序号 {value!r} is not a whole number; perfxl matches indicator rows by 项目编码 + 序号",
        path=path,
        sheet=spec.name,
        cell=cell.coordinate,
    )
