"""Read a saved web page (``.html``/``.htm``) into blocks with lxml.

Tables keep their ``rowspan``/``colspan`` (placed on the grid the way browsers
place them); ``<br>`` and block elements inside a cell become newlines;
paragraphs, headings, list items and divs outside tables become Paragraph
blocks in document order; scripts, styles and the ``<head>`` are ignored.

Many government sites lay a page out with a table whose cell holds the real
table: a table that holds a nested table of two or more rows is unwrapped (its
cells' content read as blocks) and noted; a smaller nested table is flattened
into its cell's text and noted.
"""

from __future__ import annotations

import re
from typing import Any

from perfxl.importers.blocks import Block, Cell, Document, Paragraph, Table
from perfxl.importers.readers.source import Source, clean_lines, decode_text, load

EXPECTED = "an .html web page"
_SKIP = {"script", "style", "noscript", "template", "head", "title", "iframe", "object", "svg", "select", "button"}
_BLOCK = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section", "article",
    "header", "footer", "main", "nav", "aside", "blockquote", "pre", "address", "center", "form", "fieldset",
    "figure", "figcaption", "hr", "body", "html", "caption", "tr", "td", "th", "thead", "tbody", "tfoot",
}  # fmt: skip
_SPACES = re.compile(r"[ \t\r\n\f\v\xa0]+")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
MAX_SPAN = 1000


def read_html(source: Source) -> Document:
    """Paragraphs and tables of a web page in document order."""
    data, name = load(source, expected=EXPECTED)
    from lxml import html as lxml_html  # type: ignore[import-untyped]

    match = _META_CHARSET.search(data[:8192])
    text = decode_text(data, name, declared=match.group(1).decode("ascii") if match else None)
    # lxml refuses str input that still declares an encoding; the text is decoded already.
    text = _XML_DECL.sub("", text, count=1)
    root = lxml_html.document_fromstring(text)
    reader = _Reader(cell_mode=False)
    reader.flow(root)
    reader.flush()
    return Document(reader.blocks, "html", reader.notes)


def _rows(table: Any) -> list[Any]:
    return list(table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"))


def _is_layout(table: Any) -> bool:
    """Whether a table only lays out the page: it holds a nested table of two or more rows."""
    return any(len(_rows(inner)) >= 2 for inner in table.iterdescendants("table"))


def _span(value: str | None, limit: int, *, zero_to_end: bool = False) -> int:
    """A span attribute clipped to ``limit``; ``rowspan="0"`` runs to the end of the table, ``colspan="0"`` is 1."""
    try:
        number = int((value or "1").strip())
    except ValueError:
        return 1
    return limit if number == 0 and zero_to_end else max(1, min(number, limit))


class _Reader:
    """Walks elements; at top level emits blocks, in a cell (``cell_mode``) collects the cell's lines."""

    def __init__(self, *, cell_mode: bool, tables: int = 0) -> None:
        self.cell_mode = cell_mode
        self.blocks: list[Block] = []
        self.notes: list[str] = []
        self.lines: list[str] = []
        self.buffer: list[str] = []
        self.tables = tables
        self.pre = 0

    def inline(self, text: str | None) -> None:
        if text:
            self.buffer.append(text.replace("\xa0", " ") if self.pre else _SPACES.sub(" ", text))

    def flush(self) -> None:
        text = clean_lines("".join(self.buffer).split("\n"))
        self.buffer = []
        if not text:
            return
        if self.cell_mode:
            self.lines.append(text)
        else:
            self.blocks.append(Paragraph(text))

    def flow(self, element: Any) -> None:
        self.inline(element.text)
        for child in element:
            self.node(child)
            self.inline(child.tail)

    def node(self, element: Any) -> None:
        if not isinstance(element.tag, str):  # comments, processing instructions
            return
        tag = element.tag.lower()
        if tag in _SKIP:
            return
        if tag == "br":
            self.buffer.append("\n")
        elif tag == "table":
            self.flush()
            self.table(element)
        elif tag in _BLOCK:
            self.flush()
            self.pre += tag == "pre"
            self.flow(element)
            self.pre -= tag == "pre"
            self.flush()
        else:
            self.flow(element)

    def table(self, element: Any) -> None:
        if self.cell_mode:
            self.lines.extend(_flatten(element))
            self.notes.append("a nested table flattened into the cell text")
            return
        if _is_layout(element):
            self.notes.append(f"a layout table (before table {self.tables + 1}) unwrapped: its cells read as blocks")
            for child in element:  # caption, rows, cells: their content in order
                self.node(child)
            return
        for caption in element.xpath("./caption"):
            self.node(caption)
        self.tables += 1
        self.blocks.append(self.grid(element, self.tables))

    def grid(self, element: Any, number: int) -> Table:
        """Place cells on the grid as browsers do: each at the first column not covered from above."""
        rows = _rows(element)
        covered: set[tuple[int, int]] = set()
        out: list[tuple[Cell, ...]] = []
        for r, tr in enumerate(rows):
            cells: list[Cell] = []
            col = 0
            for td in tr.xpath("./td|./th"):
                while (r, col) in covered:
                    col += 1
                row_span = _span(td.get("rowspan"), len(rows) - r, zero_to_end=True)
                col_span = _span(td.get("colspan"), MAX_SPAN)
                for dr in range(row_span):
                    for dc in range(col_span):
                        covered.add((r + dr, col + dc))
                cells.append(Cell(self.cell_text(td, number, r + 1, col + 1), r + 1, col + 1, row_span, col_span))
                col += col_span
            out.append(tuple(cells))
        return Table(tuple(out), number)

    def cell_text(self, td: Any, number: int, row: int, col: int) -> str:
        inner = _Reader(cell_mode=True)
        inner.flow(td)
        inner.flush()
        self.notes.extend(f"table {number} row {row} column {col}: {note}" for note in inner.notes)
        return "\n".join(inner.lines)


def _flatten(table: Any) -> list[str]:
    """A nested table as lines of text: one per row, its non-empty cells separated by `` | ``."""
    lines: list[str] = []
    for tr in _rows(table):
        texts = []
        for td in tr.xpath("./td|./th"):
            inner = _Reader(cell_mode=True)
            inner.flow(td)
            inner.flush()
            text = " ".join(inner.lines)
            if text:
                texts.append(text)
        if texts:
            lines.append(" | ".join(texts))
    return lines
