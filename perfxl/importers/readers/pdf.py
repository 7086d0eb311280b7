"""Read a PDF with a text layer into blocks with pdfplumber.

Tables come from pdfplumber's table finder with the "lines" strategy (ruled
tables, as budget tables are printed).  pdfplumber gives each cell's box; a
merged cell is one box over several grid rows or columns, so the grid lines are
the distinct left and top edges of all boxes and a box's spans are the number
of grid lines it crosses.  Text outside the tables becomes one Paragraph per
line; blocks on a page follow each other from top to bottom, each with its page.

A table continued at the top of the next page is joined to the one before (only a
page number may sit between them) and noted, when its column lines are those of the
table before or of that table's last row (two tables printed one under the other
are found as one grid: the continuation has the lower table's lines only).  A
header row the word processor repeats on the new page is dropped, and a cell merged
down over the page break becomes one cell again; a row split by the page break
stays two rows.  Wrapped lines are joined again (pdf_lines): in a cell, in the
body and over a page break (past the page number).
"""

from __future__ import annotations

import bisect
import io
import re
from dataclasses import replace
from typing import Any

from perfxl.core.errors import InputError
from perfxl.importers.blocks import Block, Cell, Document, Paragraph, Table
from perfxl.importers.readers.pdf_lines import Line, body_edges, join_lines, joined, line_of, reaches, starts_indented
from perfxl.importers.readers.source import Source, load, one_line

EXPECTED = "a PDF document"
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
TOLERANCE = 2.0  # points: box edges closer than this are the same grid line
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(第\s*)?\d+(\s*页)?(\s*/\s*\d+|\s*共\s*\d+\s*页)?[-—–\s]*$")


def read_pdf(source: Source) -> Document:
    """Paragraphs and ruled tables of a PDF, page by page; InputError for a PDF without text."""
    data, name = load(source, expected=EXPECTED)
    import pdfplumber
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    broken = (PdfminerException, MalformedPDFException, ValueError, KeyError, TypeError, AttributeError, EOFError)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except broken as exc:
        raise InputError(_open_error(exc), path=name) from None
    blocks: list[Block] = []
    notes: list[str] = []
    columns: dict[int, list[float]] = {}  # table number -> its column lines
    lines: dict[int, Line] = {}  # id of a body Paragraph -> its printed line
    chars = 0
    try:
        with pdf:
            for page in pdf.pages:
                chars += len(page.chars)
                first = sum(isinstance(b, Table) for b in blocks) + 1
                page_blocks, page_columns = _page_blocks(page, lines, first_table=first)
                if (mapping := _continues(blocks, page_blocks, columns, page_columns)) is not None:
                    joined = page_blocks[0].number  # type: ignore[union-attr]
                    _join(blocks, page_blocks, notes, mapping)
                    # The joined part keeps the lines of the table it joins; the others move up a number.
                    page_columns = {n - 1: xs for n, xs in page_columns.items() if n != joined}
                columns.update(page_columns)
                blocks.extend(page_blocks)
    except broken as exc:
        raise InputError(f"damaged PDF ({one_line(exc)})", path=name) from None
    if chars == 0:
        raise InputError(
            "no text layer (scanned PDF?): the pages are images; run OCR or get the .docx/.html original", path=name
        )
    return Document(_paragraphs(blocks, lines), "pdf", notes)


def _paragraphs(blocks: list[Block], lines: dict[int, Line]) -> list[Block]:
    """The body's lines joined into paragraphs: a line reaching the text area's edge goes on.

    A paragraph goes on over a page break; the page number at the foot of a page is
    left out (it is no part of the text, and would sit inside a paragraph).
    """
    left, right = body_edges(list(lines.values()))
    out: list[Block] = []
    carry: tuple[int, Line] | None = None  # the paragraph (index in out) that may go on, and its last line
    for n, block in enumerate(blocks):
        line = lines.get(id(block))
        if not isinstance(block, Paragraph) or line is None:
            out.append(block)
            carry = None
        elif _PAGE_NUMBER.match(block.text) and (n + 1 == len(blocks) or blocks[n + 1].page != block.page):
            continue
        elif carry is not None and reaches(carry[1], right, line) and not starts_indented(line, left):
            head = out[carry[0]]
            assert isinstance(head, Paragraph)
            out[carry[0]] = replace(head, text=joined(head.text, block.text))
            carry = (carry[0], line)
        else:
            out.append(block)
            carry = (len(out) - 1, line)
    return out


def _continues(
    blocks: list[Block], page: list[Block], columns: dict[int, list[float]], page_columns: dict[int, list[float]]
) -> list[int] | None:
    """Whether the page starts with the rest of the previous page's last table.

    Returns, for each column line of the page's first table, the matching column line
    of the table before (None: not a continuation).  It continues when its lines are
    all of the table's, or those the table's last row uses.
    """
    if not page or not isinstance(page[0], Table):
        return None
    i = len(blocks) - 1
    while i >= 0 and isinstance(blocks[i], Paragraph) and _PAGE_NUMBER.match(blocks[i].text):  # type: ignore[union-attr]
        i -= 1
    head = blocks[i] if i >= 0 else None
    if not isinstance(head, Table) or not head.rows:
        return None
    before, after = columns[head.number], page_columns[page[0].number]
    # The cells of the bottom grid row, including those merged down into it from above.
    last = [c for row in head.rows for c in row if c.row + c.row_span - 1 == head.height]
    used = sorted({c.column - 1 for c in last} | {c.column - 1 + c.col_span for c in last})
    for lines in (list(range(len(before))), used):
        if len(lines) == len(after) and all(abs(before[k] - x) <= TOLERANCE for k, x in zip(lines, after, strict=True)):
            return lines
    return None


def _join(blocks: list[Block], page: list[Block], notes: list[str], lines: list[int]) -> None:
    """Append the page's first table to the last table so far; renumber the page's other tables.

    ``lines`` maps the continuation's column lines onto the table's.  A first row that
    repeats a row of the table (the header repeated on every page) is dropped.
    """
    i = max(n for n, b in enumerate(blocks) if isinstance(b, Table))
    head, rest = blocks[i], page[0]
    assert isinstance(head, Table) and isinstance(rest, Table)
    offset = head.height
    moved = [
        tuple(
            replace(
                c,
                row=c.row + offset,
                column=lines[c.column - 1] + 1,
                col_span=lines[c.column - 1 + c.col_span] - lines[c.column - 1],
            )
            for c in row
        )
        for row in rest.rows
    ]
    repeated = ""
    # The first row of the table laid out like the continuation's first row: its header, if it has one.
    first = next((r for r in head.rows if moved and _layout(r) == _layout(moved[0])), None)
    if first is not None and any(c.text for c in first) and [c.text for c in first] == [c.text for c in moved[0]]:
        repeated = "; its repeated header row is left out"
        moved = [tuple(replace(c, row=c.row - 1) for c in row) for row in moved[1:]]
    blocks[i] = replace(head, rows=head.rows + tuple(moved))
    notes.append(
        f"table {head.number} continues on page {rest.page} (rows {offset + 1}–{offset + len(moved)}){repeated}; "
        "a row split by the page break shows as two rows"
    )
    page[:] = [replace(b, number=b.number - 1) if isinstance(b, Table) else b for b in page[1:]]


def _layout(row: tuple[Cell, ...]) -> tuple[tuple[int, int], ...]:
    return tuple((c.column, c.col_span) for c in row)


def _open_error(exc: BaseException) -> str:
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    if "password" in type(inner).__name__.lower() or "encrypt" in str(inner).lower():
        return "password-protected PDF; remove the password (or print it to a new PDF) and try again"
    return f"not a readable PDF ({one_line(inner)})"


def _page_blocks(page: Any, lines: dict[int, Line], *, first_table: int) -> tuple[list[Block], dict[int, list[float]]]:
    found = page.find_tables(TABLE_SETTINGS)
    boxes = [t.bbox for t in found]

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    placed: list[tuple[float, int, Block | Any]] = []
    for printed in page.filter(outside).extract_text_lines():
        if (line := line_of(printed)) is not None:
            paragraph = Paragraph(line.text, page=page.page_number)
            lines[id(paragraph)] = line
            placed.append((printed["top"], 1, paragraph))
    for table in found:
        placed.append((table.bbox[1], 0, table))
    placed.sort(key=lambda item: (item[0], item[1]))
    blocks: list[Block] = []
    columns: dict[int, list[float]] = {}
    number = first_table
    for _, kind, item in placed:
        if kind == 0:
            table, columns[number] = _table(page, item, number)
            blocks.append(table)
            number += 1
        else:
            blocks.append(item)
    return blocks, columns


def _lines(values: list[float]) -> list[float]:
    """Distinct positions, merging those closer than the tolerance."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > TOLERANCE:
            out.append(v)
    return out


def _table(page: Any, table: Any, number: int) -> tuple[Table, list[float]]:
    from pdfplumber.utils.text import chars_to_textmap

    cells = table.cells
    xs = _lines([c[0] for c in cells] + [max(c[2] for c in cells)])
    ys = _lines([c[1] for c in cells] + [max(c[3] for c in cells)])

    def index(lines: list[float], value: float) -> int:
        return bisect.bisect_left(lines, value - TOLERANCE)

    chars = [ch for ch in page.chars if _inside(ch, table.bbox)]
    by_row: dict[int, list[Cell]] = {}
    for x0, top, x1, bottom in cells:
        col, row = index(xs, x0), index(ys, top)
        col_span = max(1, index(xs, x1) - col)
        row_span = max(1, index(ys, bottom) - row)
        inner = [ch for ch in chars if _inside(ch, (x0, top, x1, bottom))]
        text = ""
        if inner:
            found = [ln for ln in map(line_of, chars_to_textmap(inner).extract_text_lines()) if ln is not None]
            # The cell's text area: its box less the padding its text keeps on the left, on both sides.
            pad = min((ln.x0 for ln in found), default=x0) - x0
            text = join_lines(found, x1 - pad)
        by_row.setdefault(row, []).append(Cell(text, row + 1, col + 1, row_span, col_span))
    height = len(ys) - 1
    rows = tuple(tuple(sorted(by_row.get(r, []), key=lambda c: c.column)) for r in range(height))
    return Table(rows, number, page=page.page_number), xs


def _inside(ch: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    """A character belongs to a box when its centre is inside (as pdfplumber's own extract does)."""
    x: float = (ch["x0"] + ch["x1"]) / 2
    y: float = (ch["top"] + ch["bottom"]) / 2
    return box[0] <= x < box[2] and box[1] <= y < box[3]
