"""Checks a workbook must pass before any spreadsheet library touches it.

Why: python-calamine builds a dense grid, so one stray value at XFD1048576 in a
5 KB file makes it abort the whole process (a Rust allocation failure, not a
Python exception); a zip bomb costs its full uncompressed size in memory in
calamine and openpyxl alike; XML entity declarations make both raise obscure
parse errors.  We therefore look at the zip directory and stream each sheet once
with ``zlib`` + a few C-level byte searches (no XML parsing of our own) to learn
its extent, and refuse with a clear message before anything allocates.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from perfxl.core.errors import InputError
from perfxl.workbook.schema import column_index

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_TOTAL_UNCOMPRESSED = 1 << 30  # 1 GiB for the whole package
MAX_MEMBER_UNCOMPRESSED = 512 << 20
SUSPICIOUS_RATIO = 200  # real sheet XML compresses ~5-20×; whitespace bombs ~1000×
SUSPICIOUS_MIN_SIZE = 32 << 20
MAX_ROWS = 1_000_000
MAX_COLUMNS = 512
MAX_CELLS = 40_000_000  # rows × columns of the dense grid calamine would build

_ENTITY = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_PREFIX = re.compile(rb"<(\w+):worksheet\b")
_ROW_NUMBER = re.compile(rb"\sr=\"(\d+)\"")
# Cell references whose column is beyond CZ (104): rare, so the search stays cheap.
# Patterns start with a literal so the regex engine can skip ahead quickly.
_WIDE_CELL = re.compile(rb"r=\"((?:[D-Z][A-Z]|[A-Z]{3})[A-Z]*)(\d+)\"")
_CELL_START = re.compile(rb"\sr=\"([A-Z]+\d+)\"")
_TAIL = 512  # bytes kept between chunks so matches spanning a boundary are seen


@dataclass
class SheetExtent:
    part: str
    max_row: int = 0
    max_col: int = 0
    formula_cells: list[str] = field(default_factory=list)


def check_container(path: Path) -> zipfile.ZipFile:
    """Open ``path`` as an xlsx package or raise InputError saying what it is instead."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        raise InputError("file not found", path=path) from None
    except IsADirectoryError:
        raise InputError("is a folder, expected an .xlsx file", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot open: {exc.strerror}", path=path) from None
    if not head:
        raise InputError("the file is empty, expected an .xlsx workbook", path=path)
    if head == OLE2_MAGIC:
        raise InputError(
            "password-protected or old-format (.xls) workbook; "
            "remove the password / save as .xlsx in Excel or WPS and try again",
            path=path,
        )
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise InputError("not an .xlsx workbook (not a zip package); corrupt or another file type", path=path) from None
    names = set(zf.namelist())
    if "xl/workbook.xml" not in names:
        kind = "a Word document (.docx)" if "word/document.xml" in names else "not an Excel workbook"
        zf.close()
        raise InputError(f"{kind}, expected an .xlsx workbook", path=path)
    total = 0
    for info in zf.infolist():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER_UNCOMPRESSED or (
            info.file_size > SUSPICIOUS_MIN_SIZE and ratio > SUSPICIOUS_RATIO
        ):
            zf.close()
            raise InputError(
                f"part {info.filename} would expand to {info.file_size:,} bytes "
                f"(×{ratio:.0f} compression): refusing a possible zip bomb",
                path=path,
            )
    if total > MAX_TOTAL_UNCOMPRESSED:
        zf.close()
        raise InputError(f"expands to {total:,} bytes, over the {MAX_TOTAL_UNCOMPRESSED:,} limit", path=path)
    for info in zf.infolist():
        if info.filename.endswith((".xml", ".rels", ".vml")):
            with zf.open(info) as fh:
                head = fh.read(4096)
            if _ENTITY.search(head):
                zf.close()
                raise InputError(
                    f"part {info.filename} declares XML entities (DOCTYPE/ENTITY), "
                    "which workbooks never need: refusing a possible entity bomb",
                    path=path,
                )
    return zf


def scan_sheet(zf: zipfile.ZipFile, part: str) -> SheetExtent:
    """Stream one sheet part and find its extent and any formula cells.

    Rows are stored in order, so the last ``<row`` of the stream gives the last
    row; columns are checked only for references beyond column CZ.
    """
    extent = SheetExtent(part)
    carry = b""
    row_tag = b"<row "
    formula = re.compile(rb"<f[ >/]")
    with zf.open(part) as fh:
        first = True
        while True:
            chunk = fh.read(1 << 22)
            if not chunk:
                break
            buf = carry + chunk
            if first:
                first = False
                m = _PREFIX.search(buf, 0, 4096)
                if m:  # namespace-prefixed XML such as <x:row> (some .NET tools)
                    prefix = m.group(1)
                    row_tag = b"<" + prefix + b":row "
                    formula = re.compile(b"<" + re.escape(prefix) + rb":f[ >/]")
            pos = buf.rfind(row_tag)
            if pos >= 0:
                m = _ROW_NUMBER.search(buf, pos, buf.find(b">", pos) + 1 or len(buf))
                if m:
                    extent.max_row = max(extent.max_row, int(m.group(1)))
            for col_letters, row_text in _WIDE_CELL.findall(buf):
                extent.max_col = max(extent.max_col, column_index(col_letters.decode()) + 1)
                extent.max_row = max(extent.max_row, int(row_text))
            if len(extent.formula_cells) < 5:
                for m in formula.finditer(buf):
                    cell_start = buf.rfind(b"<", 0, m.start())
                    ref = _CELL_START.search(buf, cell_start, m.start())
                    if ref is None:  # the cell tag is further back: look behind a little more
                        window = buf[max(0, m.start() - 400) : m.start()]
                        refs = _CELL_START.findall(window)
                        ref_text = refs[-1].decode() if refs else "?"
                    else:
                        ref_text = ref.group(1).decode()
                    if ref_text not in extent.formula_cells:
                        extent.formula_cells.append(ref_text)
                    if len(extent.formula_cells) >= 5:
                        break
            carry = buf[-_TAIL:]
    return extent


def check_extent(path: Path, sheet: str, extent: SheetExtent) -> None:
    """Refuse a sheet whose dense grid would be dangerously large."""
    cols = max(extent.max_col, 26)
    if extent.max_row > MAX_ROWS or extent.max_col > MAX_COLUMNS or extent.max_row * cols > MAX_CELLS:
        raise InputError(
            f"the sheet reaches row {extent.max_row:,}"
            + (f", column {extent.max_col:,}" if extent.max_col > 26 else "")
            + f" (limit {MAX_ROWS:,} rows × {MAX_COLUMNS} columns); delete the empty or "
            "formatted rows/columns below and to the right of the data",
            path=path,
            sheet=sheet,
        )
