"""Read a Word ``.docx`` document into blocks with python-docx.

python-docx repeats a merged cell in every grid position it covers: a
horizontal span yields the same ``_tc`` several times in a row, and a vertical
continuation (``vMerge="continue"``) yields the ``_tc`` of the cell above.  We
keep each ``_tc`` once per row (with its span) and turn a continuation into an
empty cell flagged ``continued`` — the same shape a text dump has.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from typing import Any

from perfxl.core.errors import InputError
from perfxl.importers.common import Block, Cell, Paragraph, Row, Table, clean_cell_text

MAX_PART_BYTES = 256 << 20
MAX_TOTAL_BYTES = 1 << 30
CONTENT_TYPES = "[Content_Types].xml"
TYPES_TAG = "{http://schemas.openxmlformats.org/package/2006/content-types}Types"


def _check_package(path: Path) -> None:
    """Refuse what is not a Word package, or would expand absurdly, before parsing it."""
    try:
        with zipfile.ZipFile(path) as zf:
            _check_parts(zf.infolist(), path)
            names = zf.namelist()
            _check_content_types(zf.read(CONTENT_TYPES) if CONTENT_TYPES in names else None, path)
    except (zipfile.BadZipFile, zlib.error, EOFError):
        raise InputError("not a Word .docx document (corrupt zip package)", path=path) from None


def _check_parts(infos: list[zipfile.ZipInfo], path: Path) -> None:
    names = {i.filename for i in infos}
    if "xl/workbook.xml" in names:
        raise InputError("an Excel workbook, expected a .docx document", path=path)
    # The word/ folder, not word/document.xml: Word Online names the body word/document2.xml.
    if not any(name.startswith("word/") for name in names):
        raise InputError("a zip file but not a Word document, expected a .docx document", path=path)
    total = sum(i.file_size for i in infos)
    biggest = max(infos, key=lambda i: i.file_size)
    if biggest.file_size > MAX_PART_BYTES or total > MAX_TOTAL_BYTES:
        raise InputError(
            f"part {biggest.filename} would expand to {biggest.file_size:,} bytes: refusing a possible zip bomb",
            path=path,
        )


def _check_content_types(data: bytes | None, path: Path) -> None:
    """The package's list of parts, which python-docx trusts blindly, must be there and be one."""
    from lxml import etree  # type: ignore[import-untyped]

    if data is None:
        raise InputError(f"damaged Word document: {CONTENT_TYPES} is missing", path=path)
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise InputError(f"damaged Word document: {CONTENT_TYPES} is not well-formed XML ({exc})", path=path) from None
    if root.tag != TYPES_TAG:
        raise InputError(f"damaged Word document: {CONTENT_TYPES} has no <Types> list of parts", path=path)


def _row_cells(row: Any) -> list[Cell]:
    """Each ``_tc`` of the row once, with its grid span; a vertical continuation as an empty cell.

    Reading the row's own ``<w:tc>`` elements is the same as deduplicating
    ``row.cells`` by ``_tc``, without building the repeated grid (which is slow).
    """
    from docx.table import _Cell

    cells: list[Cell] = []
    if row.grid_cols_before:
        cells.append(Cell("", span=row.grid_cols_before))
    for tc in row._tr.tc_lst:
        span = tc.grid_span
        if tc.vMerge == "continue":
            cells.append(Cell("", continued=True, span=span))
        else:
            paragraphs = _Cell(tc, row.table).paragraphs
            cells.append(Cell(clean_cell_text([p.text for p in paragraphs]), span=span))
    return cells


def read_docx_blocks(path: str | Path) -> list[Block]:
    """Paragraphs and tables of a .docx body in document order."""
    path = Path(path)
    _check_package(path)
    import docx  # lazy: python-docx is only needed for .docx input
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table as DocxTable

    try:
        document = docx.Document(str(path))
        blocks: list[Block] = []
        tables = 0
        for item in document.iter_inner_content():
            if isinstance(item, DocxTable):
                tables += 1
                rows = tuple(Row(tuple(_row_cells(row)), number) for number, row in enumerate(item.rows, start=1))
                blocks.append(Table(rows, tables))
            else:
                blocks.append(Paragraph(item.text))
    except PackageNotFoundError:
        raise InputError("not a Word .docx document", path=path) from None
    except _damaged() as exc:
        raise InputError(f"damaged Word document ({_detail(exc)})", path=path) from None
    return blocks


def _damaged() -> tuple[type[BaseException], ...]:
    """What python-docx, lxml and zipfile raise on a damaged package or on XML Word does not write.

    Broken XML surfaces as lxml's errors (XMLSyntaxError is also a SyntaxError),
    a missing part as KeyError, an element that is not what python-docx expects
    (a wrong root, a missing attribute) as AttributeError or TypeError, a bad
    number as ValueError, a corrupt zip member as BadZipFile or zlib.error.
    """
    from docx.exceptions import PythonDocxError
    from docx.opc.exceptions import OpcError
    from lxml import etree

    return (
        etree.LxmlError,
        PythonDocxError,
        OpcError,
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        KeyError,
        ValueError,
        IndexError,
        TypeError,
        AttributeError,
        SyntaxError,
    )


def _detail(exc: BaseException) -> str:
    # KeyError repr-quotes its message; the rest is kept on one line.
    text = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
    name = "corrupt zip member" if isinstance(exc, zlib.error) else type(exc).__name__
    return f"{name}: {' '.join(text.split())}"
