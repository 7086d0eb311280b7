"""Read plain text: a Word text dump, or tables typed with tabs or pipes.

Three kinds of line make a table:

- a Word text dump cell: a line starting with one tab, followed by further lines
  of the same cell (which may include blank lines for empty paragraphs); rows
  are separated by blank lines; an empty cell often stands for a vertically
  merged one (a dump cannot tell);
- a pipe-separated row ``a | b | c`` (a leading/trailing pipe is allowed, as in
  Markdown; ``|---|`` rule lines are skipped);
- a tab-separated row ``a<TAB>b<TAB>c``.

Consecutive delimited rows form one table; a run of them in which no row has two
non-empty cells is ordinary text.  Empty cells after a row's last text are
dropped (flattened pages pad rows with them); columns are positions, one cell
each: text has no spans.  Everything else is a paragraph, one per line.
"""

from __future__ import annotations

import re

from perfxl.importers.blocks import Block, Cell, Document, Paragraph, Table
from perfxl.importers.readers.source import Source, clean_lines, decode_text, load

EXPECTED = "a text document"
_RULE = re.compile(r"^[\s|:+-]*-{3,}[\s|:+-]*$")


def read_text(source: Source) -> Document:
    data, name = load(source, expected=EXPECTED)
    return Document(text_blocks(decode_text(data, name)), "text")


def _is_dump_cell(line: str) -> bool:
    return line.startswith("\t") and "\t" not in line[1:]


def split_row(line: str) -> list[str] | None:
    """The cells of a pipe- or tab-separated row, or None when the line is not one."""
    if _is_dump_cell(line):
        return None
    if "\t" in line.strip(" "):
        cells = line.split("\t")
    elif "|" in line:
        body = line.strip()
        body = body[1:] if body.startswith("|") else body
        body = body[:-1] if body.endswith("|") else body
        cells = body.split("|")
    else:
        return None
    texts = [clean_lines([c]) for c in cells]
    while texts and not texts[-1]:
        texts.pop()
    return texts


def _row(texts: list[str], row: int, line: int) -> tuple[Cell, ...]:
    return tuple(Cell(t, row, c, line=line) for c, t in enumerate(texts, start=1))


class _DumpTable:
    def __init__(self, number: int, line: int) -> None:
        self.number = number
        self.line = line
        self.rows: list[tuple[Cell, ...]] = []
        self.cells: list[Cell] = []
        self.cell_lines: list[str] = []
        self.cell_line = line

    def add_cell(self, text: str, line: int, new_row: bool) -> None:
        self.close_cell()
        if new_row:
            self.close_row()
        self.cell_lines = [text]
        self.cell_line = line

    def close_cell(self) -> None:
        if self.cell_lines:
            row, col = len(self.rows) + 1, len(self.cells) + 1
            self.cells.append(Cell(clean_lines(self.cell_lines), row, col, line=self.cell_line))
            self.cell_lines = []

    def close_row(self) -> None:
        if self.cells:
            self.rows.append(tuple(self.cells))
            self.cells = []

    def table(self) -> Table:
        self.close_cell()
        self.close_row()
        return Table(tuple(self.rows), self.number, self.line)


def text_blocks(text: str) -> list[Block]:
    """Paragraphs and tables of a text, each with its 1-based line number."""
    lines = [line.rstrip("\r") for line in text.splitlines()]
    blocks: list[Block] = []
    table: _DumpTable | None = None
    blank_run = 0
    i = 0
    while i < len(lines):
        line, lineno = lines[i], i + 1
        if table is not None and line.strip() and not line.startswith("\t") and blank_run == 0:
            table.cell_lines.append(line)  # the dump cell's next paragraph
        elif _is_dump_cell(line) or (table is not None and line.startswith("\t")):
            if table is None:
                table = _DumpTable(_count(blocks) + 1, lineno)
            table.add_cell(line[1:], lineno, new_row=blank_run > 0)
            blank_run = 0
        elif not line.strip():
            blank_run += 1
            if table is not None:
                table.cell_lines.append("")
        elif table is not None and _continues_cell(lines, i):
            # Text after empty paragraphs, followed by more rows: still this cell.
            while i < len(lines) and lines[i].strip() and not lines[i].startswith("\t"):
                table.cell_lines.append(lines[i])
                i += 1
            continue
        else:
            if table is not None:
                blocks.append(table.table())
                table = None
            i = _delimited_or_paragraph(lines, i, blocks)
            blank_run = 0
            continue
        i += 1
    if table is not None:
        blocks.append(table.table())
    return blocks


def _count(blocks: list[Block]) -> int:
    return sum(isinstance(b, Table) for b in blocks)


def _delimited_or_paragraph(lines: list[str], i: int, blocks: list[Block]) -> int:
    """Read a run of delimited rows as a table (or as paragraphs), or line ``i`` as a paragraph; the next index."""
    run: list[tuple[int, list[str]]] = []
    j = i
    while j < len(lines) and (cells := split_row(lines[j])) is not None:
        if not _RULE.match(lines[j]):
            run.append((j + 1, cells))
        j += 1
    if not run:
        if j == i:  # not a delimited line at all
            text = clean_lines([lines[i]])
            if text:
                blocks.append(Paragraph(text, i + 1))
            return i + 1
        return j
    if any(sum(1 for t in cells if t) >= 2 for _, cells in run):
        rows = tuple(_row(cells, r, line) for r, (line, cells) in enumerate(run, start=1))
        blocks.append(Table(rows, _count(blocks) + 1, run[0][0]))
    else:
        for line, cells in run:
            text = " ".join(t for t in cells if t)
            if text:
                blocks.append(Paragraph(text, line))
    return j


def _continues_cell(lines: list[str], i: int) -> bool:
    """Whether text met inside a dump table after blank lines still belongs to the last cell.

    A caption or heading sits directly above its table; text followed by blank
    lines and then more cells is the rest of a cell with empty paragraphs in it.
    """
    end = i
    while end < len(lines) and lines[end].strip() and not lines[end].startswith("\t"):
        end += 1
    if end >= len(lines) or lines[end].startswith("\t"):
        return False
    after = end
    while after < len(lines) and not lines[after].strip():
        after += 1
    return after < len(lines) and lines[after].startswith("\t")
