"""The block model every document reader produces and the one parser reads.

A document is a sequence of :class:`Paragraph` and :class:`Table` blocks.  A table
is a list of rows of :class:`Cell`; a merged cell appears once, at its top-left
grid position, with its ``row_span``/``col_span``.  :meth:`Table.grid` expands
the spans to a dense grid so that a parser can ask "which cell covers row r,
column c?" the same way for Word, HTML, PDF, spreadsheets and text dumps.

Every cell knows where it came from (table number, grid row and column, and the
source line or page when the format has one), so the import report can name the
place of anything it does not use.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cell:
    """One table cell as written (text already trimmed; paragraphs joined by newlines)."""

    text: str
    row: int  # 1-based grid row of the cell's top-left corner within its table
    column: int  # 1-based grid column of the cell's top-left corner
    row_span: int = 1
    col_span: int = 1
    line: int | None = None  # source line (text dumps) where known


@dataclass(frozen=True)
class Table:
    """A table: its cells row by row, its 1-based number in the document, where it starts."""

    rows: tuple[tuple[Cell, ...], ...]
    number: int
    line: int | None = None  # first source line (text dumps)
    page: int | None = None  # first page (PDF)
    sheet: str | None = None  # sheet name (spreadsheets)

    @property
    def width(self) -> int:
        return max((c.column + c.col_span - 1 for row in self.rows for c in row), default=0)

    @property
    def height(self) -> int:
        return max((c.row + c.row_span - 1 for row in self.rows for c in row), default=0)

    def cells(self) -> list[Cell]:
        return [c for row in self.rows for c in row]

    def grid(self) -> list[list[Cell | None]]:
        """Dense grid (height × width): each position holds the cell covering it, or None."""
        out: list[list[Cell | None]] = [[None] * self.width for _ in range(self.height)]
        for cell in self.cells():
            for r in range(cell.row - 1, cell.row - 1 + cell.row_span):
                for c in range(cell.column - 1, cell.column - 1 + cell.col_span):
                    out[r][c] = cell
        return out


@dataclass(frozen=True)
class Paragraph:
    text: str
    line: int | None = None
    page: int | None = None


Block = Paragraph | Table


@dataclass
class Document:
    """What a reader returns: the blocks, the detected format, and notes met while reading."""

    blocks: list[Block]
    format: str  # "docx", "html", "pdf", "xlsx", "text"
    notes: list[str] = field(default_factory=list)


def table_from_rows(rows: list[list[str]], number: int, *, line: int | None = None) -> Table:
    """A table of plain cells (no merges) from rows of texts; empty strings stay empty cells."""
    return Table(
        rows=tuple(
            tuple(Cell(text, r, c) for c, text in enumerate(row, start=1)) for r, row in enumerate(rows, start=1)
        ),
        number=number,
        line=line,
    )
