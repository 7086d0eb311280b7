"""Read a Word ``.docx`` document into blocks with python-docx.

python-docx repeats a merged cell in every grid position it covers: a
horizontal span yields the same ``_tc`` several times in a row, and a vertical
continuation (``vMerge="continue"``) yields the ``_tc`` of the cell above.  We
keep each ``_tc`` once per row (with its span) and turn a continuation into an
empty cell flagged ``continued`` — the same shape a text dump has.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from perfxl.errors import InputError
from perfxl.importers.common import Block, Cell, Paragraph, Row, Table, clean_cell_text

MAX_PART_BYTES = 256 << 20
MAX_TOTAL_BYTES = 1 << 30


def _check_package(path: Path) -> None:
    """Refuse what is not a Word package, or would expand absurdly, before parsing it."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
    except zipfile.BadZipFile:
        raise InputError("not a Word .docx document (corrupt zip package)", path=path) from None
    if "word/document.xml" not in names:
        kind = "an Excel workbook" if "xl/workbook.xml" in names else "a zip file but not a Word document"
        raise InputError(f"{kind}, expected a .docx document", path=path)
    total = sum(i.file_size for i in infos)
    biggest = max(infos, key=lambda i: i.file_size)
    if biggest.file_size > MAX_PART_BYTES or total > MAX_TOTAL_BYTES:
        raise InputError(
            f"part {biggest.filename} would expand to {biggest.file_size:,} bytes: refusing a possible zip bomb",
            path=path,
        )


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
    except (KeyError, ValueError, IndexError, SyntaxError) as exc:
        # lxml's XMLSyntaxError is a SyntaxError; python-docx raises the others on broken parts.
        raise InputError(f"damaged Word document ({type(exc).__name__}: {exc})", path=path) from None
    return blocks
