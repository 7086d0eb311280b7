"""Raw sheets: guard the file, then read every sheet's cells with python-calamine.

:func:`load_sheets` checks the container first (:mod:`perfxl.workbook.guard`:
size, extent, formulas, merged cells), then returns a :class:`RawBook` of
:class:`RawSheet` — header texts and non-blank rows with their spreadsheet row
numbers.  Nothing here knows what the columns mean; see
:mod:`perfxl.workbook.assemble`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from perfxl.core.errors import InputError
from perfxl.workbook import guard
from perfxl.workbook import schema as S
from perfxl.workbook.cells import MAX_NAMED_CELLS, Cell, cell_text, refusal, unreadable_cells
from perfxl.workbook.columns import transpose

FORMULA_REASON = (
    "holds a formula; perfxl reads values only — copy the cells and paste them back as values (选择性粘贴 → 数值)"
)

_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


class RawSheet:
    """A sheet as read: header texts and the non-blank rows below it with their 1-based numbers.

    Held either as rows (``RawSheet(name, header, rows)``: a grid from a live Excel session,
    tests) or as columns (:meth:`from_columns`: the file reader streams big sheets into
    columns, so a sheet of 100k rows never exists as 100k row lists).  ``rows`` and
    ``column(i)`` give either view; the other is derived on first use.
    """

    def __init__(self, name: str, header: list[str], rows: list[tuple[int, list[Cell]]]) -> None:
        self.name = name
        self.header = header
        self._rows: list[tuple[int, list[Cell]]] | None = rows
        self._numbers: Sequence[int] | None = None
        self._columns: list[list[Cell]] | None = None
        self.columns: dict[str, int] = {}  # header name -> first index
        for i, text in enumerate(header):
            if text and text not in self.columns:
                self.columns[text] = i

    @classmethod
    def from_columns(cls, name: str, header: list[str], numbers: Sequence[int], columns: list[list[Cell]]) -> RawSheet:
        """A sheet held as columns: ``columns[j][k]`` is the cell of column j in row ``numbers[k]``."""
        sheet = cls(name, header, [])
        sheet._rows, sheet._numbers, sheet._columns = None, numbers, columns
        return sheet

    @property
    def rows(self) -> list[tuple[int, list[Cell]]]:
        if self._rows is None:
            columns = self._columns or []
            grid = [list(cells) for cells in zip(*columns, strict=True)] if columns else [[] for _ in self.numbers]
            self._rows = list(zip(self.numbers, grid, strict=True))
        return self._rows

    @property
    def numbers(self) -> Sequence[int]:
        """The spreadsheet row of each data row."""
        if self._numbers is None:
            self._numbers = [n for n, _ in self.rows]
        return self._numbers

    def column(self, i: int) -> list[Cell]:
        """Column ``i`` (0-based) of the data rows; a row too short for it gives ``""`` (a blank cell)."""
        if self._columns is not None:
            return self._columns[i] if i < len(self._columns) else [""] * len(self.numbers)
        return transpose([cells for _, cells in self.rows], [i])[i]


@dataclass
class RawBook:
    path: Path
    sheets: dict[str, RawSheet]
    sheet_order: list[str]


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> part path, from workbook.xml and its relationships."""
    try:
        wb = ET.fromstring(zf.read("xl/workbook.xml"))
        rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ET.ParseError) as exc:
        raise InputError(f"damaged workbook structure ({exc})") from None
    targets = {r.get("Id"): r.get("Target", "") for r in rels.findall("rel:Relationship", _NS)}
    parts: dict[str, str] = {}
    for sheet in wb.findall("m:sheets/m:sheet", _NS):
        rid = sheet.get(f"{{{_NS['r']}}}id")
        target = targets.get(rid, "")
        if not target:
            continue
        path = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        parts[sheet.get("name", "")] = path
    return parts


def load_sheets(path: str | Path, *, only: Iterable[str] | None = None) -> RawBook:
    """Guard ``path`` and read its sheets with python-calamine."""
    path = Path(path)
    zf = guard.check_container(path)
    try:
        try:
            parts = _sheet_parts(zf)
        except InputError as exc:
            raise InputError(exc.reason, path=path) from None
        wanted = set(only) if only is not None else None
        formulas: list[tuple[str, str, str]] = []
        sizes: dict[str, int] = {}
        for name, part in parts.items():
            if wanted is not None and name not in wanted:
                continue
            if part not in zf.namelist():
                continue
            extent = guard.scan_sheet(zf, part)
            guard.check_extent(path, name, extent)
            sizes[name] = zf.getinfo(part).file_size  # the sheet's XML: its size follows its cell count
            if name in (*S.standard().data_sheet_names, S.INFO):
                formulas += [(name, ref, FORMULA_REASON) for ref in extent.formula_cells]
    finally:
        zf.close()
    book = _read_with_calamine(path, wanted, sizes)
    if formulas:
        # Name every cell that cannot be read, formulas and values alike, not just the first.
        found = [*formulas, *unreadable_cells(book.sheets, limit=MAX_NAMED_CELLS + 1)]
        raise refusal(path, found[:MAX_NAMED_CELLS], more=len(found) > MAX_NAMED_CELLS)
    return book


def _read_with_calamine(path: Path, wanted: set[str] | None, sizes: dict[str, int]) -> RawBook:
    """Every wanted sheet, read largest first (``sizes``: bytes of each sheet's XML).

    python-calamine's transient memory while it loads a sheet is the peak of a whole
    validation (≈ 1 KB a row); loaded first, the largest sheet peaks before the
    others' columns are held.  ``sheet_order`` and the dict keep the workbook's order.
    """
    import python_calamine as pc  # lazy: a native module, not needed for --help

    data_sheets = set(S.standard().data_sheet_names) | {S.INFO}
    try:
        book = pc.CalamineWorkbook.from_path(str(path))
    except pc.PasswordError:
        raise InputError("password-protected workbook; remove the password and try again", path=path) from None
    except (pc.CalamineError, OSError, ValueError) as exc:
        raise InputError(f"cannot read the workbook: {_short(exc)}", path=path) from None
    sheets: dict[str, RawSheet] = {}
    problems: dict[str, InputError] = {}  # reported for the first sheet in the workbook's order, as before
    with book:
        order = [m.name for m in book.sheets_metadata if wanted is None or m.name in wanted]
        for name in sorted(order, key=lambda n: -sizes.get(n, 0)):  # a stable sort: ties keep their order
            try:
                sheet = book.get_sheet_by_name(name)
                merged = sheet.merged_cell_ranges or []
                raw = stream_sheet(name, sheet)
                if raw is None:  # a shape the streamed read does not expect: the whole grid instead
                    raw = raw_sheet_from_grid(name, sheet.to_python(skip_empty_area=False))
            except pc.CalamineError as exc:
                problems[name] = InputError(f"cannot read this sheet: {_short(exc)}", path=path, sheet=name)
                continue
            if merged and name in data_sheets:
                (r0, c0), (r1, c1) = merged[0]
                rng = f"{S.cell_ref(r0 + 1, c0)}:{S.cell_ref(r1 + 1, c1)}"
                problems[name] = InputError(
                    f"merged cells {rng}; each row needs its own values — unmerge them and fill every cell",
                    path=path,
                    sheet=name,
                    cell=S.cell_ref(r0 + 1, c0),
                )
                continue
            sheets[name] = raw
    if problems:
        raise next(problems[name] for name in order if name in problems)
    return RawBook(path=path, sheets={name: sheets[name] for name in order}, sheet_order=order)


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


def raw_sheet_from_grid(name: str, grid: list[list[Cell]]) -> RawSheet:
    """A RawSheet from a grid of cell values whose first row is the header.

    Also used for workbooks read by other means (a live Excel session).
    """
    if not grid:
        return RawSheet(name=name, header=[], rows=[])
    header = [cell_text(v) for v in grid[0]]
    rows: list[tuple[int, list[Cell]]] = []
    for i, row in enumerate(grid[1:], start=2):
        # list.count runs in C; whitespace-only rows are dropped later, per column.
        if row.count("") != len(row):
            rows.append((i, row))
    return RawSheet(name=name, header=header, rows=rows)


CHUNK_ROWS = 4096  # rows turned into columns at a time: bounds the row lists alive at once


def stream_sheet(name: str, sheet: Any) -> RawSheet | None:
    """A python-calamine sheet read row by row into columns (None when its shape is not the expected one).

    ``to_python`` would build every row as a list before anything is kept; here rows are
    taken CHUNK_ROWS at a time and appended to columns, and a text column keeps one string
    object per distinct value — 100k rows of a few hundred values cost a few lists, not
    a million strings.  python-calamine's ``iter_rows`` starts at row 1 but at the first
    used column: the columns before it are blank.
    """
    if sheet.start is None or sheet.end is None:
        return RawSheet(name, [], [])
    (first_col, last_row, last_col) = (sheet.start[1], sheet.end[0], sheet.end[1])
    width = last_col + 1
    columns: list[list[Cell]] = [[] for _ in range(width)]
    distinct: list[dict[Any, Any]] = [{} for _ in range(width)]
    numbers = array("l")  # row numbers as machine integers: 100k int objects would cost 3 MB at the peak
    header: list[Cell] | None = None
    chunk: list[list[Cell]] = []
    count = 0
    for cells in sheet.iter_rows():
        count += 1
        if len(cells) != width - first_col:
            return None
        if header is None:
            header = [""] * first_col + cells
            continue
        if cells.count("") != len(cells):  # list.count runs in C; blank rows are not rows
            chunk.append(cells)
            numbers.append(count)
            if len(chunk) == CHUNK_ROWS:
                _append(columns, distinct, first_col, chunk)
                chunk = []
    if count != last_row + 1:
        return None
    _append(columns, distinct, first_col, chunk)
    return RawSheet.from_columns(name, [cell_text(v) for v in header or []], numbers, columns)


def _append(columns: list[list[Cell]], distinct: list[dict[Any, Any]], first_col: int, chunk: list[list[Cell]]) -> None:
    if not chunk:
        return
    blank = [""] * len(chunk)
    for j in range(first_col):
        columns[j] += blank
    for j, values in enumerate(zip(*chunk, strict=True), start=first_col):
        kinds = set(map(type, values))
        # One object per distinct text or number (1.0 and True could not share a dict: only columns
        # of one type; and not a chunk holding a zero, since 0.0 and -0.0 are equal keys).
        if kinds == {str} or (kinds == {float} and 0.0 not in values):
            table = distinct[j]
            columns[j] += map(table.setdefault, values, values)
        else:
            columns[j] += values
