"""Where a sheet's header sits, and which sheet looks like a missing standard one.

Two common ways a workbook loses its shape: a title row typed above the header
(the header is then on row 2), and a standard sheet renamed (项目 → 项目表).
Read naively, each gives dozens of findings (every column missing and unknown,
every indicator an orphan); found here, each gives one that says what happened.
A header "matches" a sheet when it holds at least half of that sheet's standard
columns (and at least two), so one renamed column still matches.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from perfxl.workbook import schema as S
from perfxl.workbook.cells import Cell, cell_text

if TYPE_CHECKING:
    from perfxl.workbook.sheets import RawBook, RawSheet

HEADER_SEARCH_ROWS = 10  # a title block above the header is a few rows at most
NOT_CANDIDATES = frozenset({S.LISTS, S.README})  # perfxl's own sheets (说明 shows every header)


def standard_sheet_names() -> tuple[str, ...]:
    """基本信息 and the data sheets, in the order perfxl writes them."""
    return (S.INFO, *S.standard().data_sheet_names)


def _matches(cells: Sequence[Cell], spec: S.SheetSpec) -> bool:
    wanted = [c.name for c in spec.columns if not c.optional and not c.derived]
    found = {cell_text(v) for v in cells} & set(wanted)
    return len(found) >= max(2, (len(wanted) + 1) // 2)


def _looks_like_info(raw: RawSheet) -> bool:
    keys = {cell_text(cells[0]) for _, cells in [(1, raw.header), *raw.rows] if cells}
    return len(keys & set(S.standard().info_keys)) >= 2


def header_row(raw: RawSheet, spec: S.SheetSpec) -> int | None:
    """The row below row 1 that holds ``spec``'s header, when row 1 does not (else None)."""
    if _matches(raw.header, spec):
        return None
    for rownum, cells in raw.rows:
        if rownum > HEADER_SEARCH_ROWS:
            break
        if _matches(cells, spec):
            return rownum
    return None


def look_alike(book: RawBook, missing: str) -> str | None:
    """The first sheet outside the standard whose rows look like those of the ``missing`` standard sheet."""
    standard = set(standard_sheet_names()) | NOT_CANDIDATES
    for name in book.sheet_order:
        raw = book.sheets.get(name)
        if raw is None or name in standard:
            continue
        if missing == S.INFO:
            if _looks_like_info(raw):
                return name
        elif _matches(raw.header, S.standard().sheet(missing)) or header_row(raw, S.standard().sheet(missing)):
            return name
    return None
