"""Read a spreadsheet (``.xlsx`` or old ``.xls``) into blocks with python-calamine.

Each worksheet becomes one Table (``sheet`` = its name) whose cells sit at
their sheet positions (row 1 = the sheet's row 1), so a location names the
cell the user sees.  Merged ranges become spans on their top-left cell.
Numbers become text exactly: calamine's floats go through ``str()`` into
Decimal (``3309840.0`` → ``3309840``, never float arithmetic); a number shown
as a percentage in an ``.xlsx`` (format ``0%``) is written the way it is shown
(``0.95`` → ``95%``); dates are ISO dates.

Before calamine sees an ``.xlsx`` the workbook guard checks the package (zip
bomb, entity declarations) and each sheet's extent, because calamine builds a
dense grid and would abort the process on a huge one; an ``.xls`` is bounded by
its format (65,536 × 256), so only its size is checked.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Any

from perfxl.core.errors import InputError
from perfxl.core.values import number_text
from perfxl.importers.blocks import Cell, Document, Table
from perfxl.importers.readers.source import Source, clean_lines, load, one_line
from perfxl.workbook import guard

EXPECTED = "an .xlsx or .xls spreadsheet"
MAX_XLS_BYTES = 256 << 20
MAX_DOCUMENT_CELLS = 2_000_000  # a document table, not a data dump: beyond this the blocks would not fit in memory
_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


def read_xlsx(source: Source) -> Document:
    """One Table per worksheet of an .xlsx or .xls workbook (detected by content)."""
    data, name = load(source, expected=EXPECTED)
    if data.startswith(guard.OLE2_MAGIC):
        if len(data) > MAX_XLS_BYTES:
            raise InputError(f"the .xls file is {len(data):,} bytes, over the {MAX_XLS_BYTES:,} limit", path=name)
        return _read(data, name, "xls", percent_cells={})
    with tempfile.TemporaryDirectory(prefix="perfxl-") as folder:
        # The guard reads a path; bytes given directly are spilled to a private file.
        path = Path(name) if name is not None else Path(folder) / "input.xlsx"
        if name is None:
            path.write_bytes(data)
        _guard(path, name)
    return _read(data, name, "xlsx", percent_cells=_percent_cells(data))


def _guard(path: Path, name: str | None) -> None:
    try:
        zf = guard.check_container(path)
    except InputError as exc:
        raise InputError(exc.reason, path=name) from None
    try:
        for sheet, part in _sheet_parts(zf, name).items():
            if part in zf.namelist():
                extent = guard.scan_sheet(zf, part)
                try:
                    guard.check_extent(path, sheet, extent)
                except InputError as exc:
                    raise InputError(exc.reason, path=name, sheet=sheet) from None
    finally:
        zf.close()


def _sheet_parts(zf: zipfile.ZipFile, name: str | None) -> dict[str, str]:
    """Sheet name -> part path, from workbook.xml and its relationships."""
    try:
        wb = ET.fromstring(zf.read("xl/workbook.xml"))
        rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ET.ParseError) as exc:
        raise InputError(f"damaged workbook structure ({one_line(exc)})", path=name) from None
    targets = {r.get("Id"): r.get("Target", "") for r in rels.findall("rel:Relationship", _NS)}
    parts: dict[str, str] = {}
    for sheet in wb.findall("m:sheets/m:sheet", _NS):
        target = targets.get(sheet.get(f"{{{_NS['r']}}}id"), "")
        if target:
            parts[sheet.get("name", "")] = (
                target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
            )
    return parts


def _percent_cells(data: bytes) -> dict[str, set[tuple[int, int]]]:
    """(row, column), 0-based, of the numeric cells shown as percentages, per sheet: calamine does not say."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        return {}
    found: dict[str, set[tuple[int, int]]] = {}
    try:
        for ws in book.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    fmt = getattr(cell, "number_format", "") or ""
                    if "%" in fmt and isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                        found.setdefault(ws.title, set()).add((cell.row - 1, cell.column - 1))
    finally:
        book.close()
    return found


def _read(data: bytes, name: str | None, fmt: str, *, percent_cells: dict[str, set[tuple[int, int]]]) -> Document:
    import python_calamine as pc  # lazy: a native module, not needed for --help

    try:
        book = pc.CalamineWorkbook.from_object(io.BytesIO(data))
    except pc.PasswordError:
        raise InputError("password-protected workbook; remove the password and try again", path=name) from None
    except (pc.CalamineError, OSError, ValueError) as exc:
        raise InputError(f"cannot read the workbook ({one_line(exc)})", path=name) from None
    tables: list[Table] = []
    notes: list[str] = []
    with book:
        for meta in book.sheets_metadata:
            if meta.typ != pc.SheetTypeEnum.WorkSheet:
                notes.append(f"sheet {meta.name}: not a worksheet ({meta.typ}), skipped")
                continue
            if meta.visible != pc.SheetVisibleEnum.Visible:
                notes.append(f"sheet {meta.name}: hidden in the workbook, read anyway")
            try:
                sheet = book.get_sheet_by_name(meta.name)
                rows = sheet.to_python(skip_empty_area=False)
                merged = list(sheet.merged_cell_ranges or [])
            except (pc.CalamineError, ValueError, TypeError) as exc:
                raise InputError(f"cannot read the sheet ({one_line(exc)})", path=name, sheet=meta.name) from None
            table = _table(meta.name, rows, merged, percent_cells.get(meta.name, set()), len(tables) + 1, notes)
            if table is None:
                notes.append(f"sheet {meta.name}: empty")
            else:
                tables.append(table)
    return Document(list(tables), fmt, notes)


def _table(
    sheet: str,
    rows: list[list[Any]],
    merged: list[tuple[tuple[int, int], tuple[int, int]]],
    percents: set[tuple[int, int]],
    number: int,
    notes: list[str],
) -> Table | None:
    height = len(rows)
    width = max((len(r) for r in rows), default=0)
    if height * width > MAX_DOCUMENT_CELLS:
        raise InputError(f"the sheet has {height:,} × {width:,} cells, too many for a document import", sheet=sheet)
    texts = [[cell_text(v, (r, c) in percents) for c, v in enumerate(row)] for r, row in enumerate(rows)]
    if not any(t for row in texts for t in row):
        return None
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for (r0, c0), (r1, c1) in merged:
        spans[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    covered.add((r, c))
                    hidden = texts[r][c] if r < height and c < len(texts[r]) else ""
                    if hidden and r0 < height and c0 < len(texts[r0]):
                        texts[r0][c0] = clean_lines([texts[r0][c0], hidden])
                        notes.append(f"sheet {sheet} row {r + 1} column {c + 1}: text under a merged range joined")
    out: list[tuple[Cell, ...]] = []
    for r in range(height):
        cells = []
        for c in range(width):
            if (r, c) in covered:
                continue
            text = texts[r][c] if c < len(texts[r]) else ""
            row_span, col_span = spans.get((r, c), (1, 1))
            cells.append(Cell(text, r + 1, c + 1, row_span, col_span))
        out.append(tuple(cells))
    return Table(tuple(out), number, sheet=sheet)


def cell_text(value: Any, percent: bool = False) -> str:
    """A calamine cell value as the text a reader of the sheet sees, without float arithmetic."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        if percent:
            return f"{number_text_decimal(Decimal(str(value)) * 100)}%"
        return number_text(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return clean_lines(str(value).split("\n"))


def number_text_decimal(value: Decimal) -> str:
    """``95.00`` → ``95``, ``95.50`` → ``95.5``: a decimal without exponent or trailing zeros."""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")
