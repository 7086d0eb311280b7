"""Read a text dump of a Word document into blocks.

The dump format: paragraphs are plain lines; each table cell is a line starting
with a tab, followed by further lines of the same cell (which may include blank
lines for empty paragraphs); table rows are separated by blank lines; an empty
first cell stands for a vertically merged cell.
"""

from __future__ import annotations

from perfxl.importers.common import Block, Cell, Paragraph, Row, Table, clean_cell_text


def _is_cell(line: str) -> bool:
    return line.startswith("\t")


def _next_content(lines: list[str], start: int) -> int:
    """Index of the first non-blank line at or after ``start`` (len(lines) if none)."""
    i = start
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


class _TableBuilder:
    def __init__(self, number: int, line: int) -> None:
        self.number = number
        self.line = line
        self.rows: list[Row] = []
        self.cells: list[Cell] = []
        self.cell_lines: list[str] = []
        self.cell_line = line
        self.row_line = line

    def add_cell(self, text: str, line: int, new_row: bool) -> None:
        self.close_cell()
        if new_row:
            self.close_row()
        if not self.cells:
            self.row_line = line
        self.cell_lines = [text]
        self.cell_line = line

    def close_cell(self) -> None:
        if self.cell_lines:
            self.cells.append(Cell(clean_cell_text(self.cell_lines), line=self.cell_line))
            self.cell_lines = []

    def close_row(self) -> None:
        if self.cells:
            self.rows.append(Row(tuple(self.cells), len(self.rows) + 1, self.row_line))
            self.cells = []

    def table(self) -> Table:
        self.close_cell()
        self.close_row()
        return Table(tuple(self.rows), self.number, self.line)


def read_text_blocks(text: str) -> list[Block]:
    """Paragraphs and tables of a text dump, each with its 1-based line number."""
    lines = text.splitlines()
    blocks: list[Block] = []
    table: _TableBuilder | None = None
    tables = 0
    blank_run = 0
    i = 0
    while i < len(lines):
        line = lines[i].rstrip("\r")
        lineno = i + 1
        if _is_cell(line):
            if table is None:
                tables += 1
                table = _TableBuilder(tables, lineno)
                table.add_cell(line[1:], lineno, new_row=True)
            else:
                table.add_cell(line[1:], lineno, new_row=blank_run > 0)
            blank_run = 0
        elif not line.strip():
            blank_run += 1
            if table is not None:
                table.cell_lines.append("")
        elif table is not None and blank_run == 0:
            table.cell_lines.append(line)  # the cell's next paragraph
        elif table is not None and _continues_cell(lines, i):
            # Text after empty paragraphs, followed by more rows: still this cell.
            while i < len(lines) and lines[i].strip() and not _is_cell(lines[i]):
                table.cell_lines.append(lines[i])
                i += 1
            continue
        else:
            if table is not None:
                blocks.append(table.table())
                table = None
            blocks.append(Paragraph(line, lineno))
            blank_run = 0
        i += 1
    if table is not None:
        blocks.append(table.table())
    return blocks


def _continues_cell(lines: list[str], i: int) -> bool:
    """Whether text met inside a table after blank lines still belongs to the last cell.

    A caption or heading sits directly above its table; text followed by blank
    lines and then more cells is the rest of a cell with empty paragraphs in it.
    """
    end = i
    while end < len(lines) and lines[end].strip() and not _is_cell(lines[end]):
        end += 1
    if end >= len(lines) or _is_cell(lines[end]):
        return False
    after = _next_content(lines, end)
    return after < len(lines) and _is_cell(lines[after])
