"""Read a Word ``.docx`` document into blocks.

We walk the body's XML ourselves (python-docx opens and validates the package):
python-docx repeats a merged cell in every grid position it covers, skips
content controls (``w:sdt``) and tracked insertions, which we want to keep.

Merges: ``w:gridSpan`` gives a cell's ``col_span``; a vertical merge
(``w:vMerge`` continue, which Word writes with or without ``val="continue"``)
adds one to the ``row_span`` of the cell above in the same grid column and
emits no cell of its own; the legacy ``w:hMerge`` continue widens the cell to
its left.  A table nested in a cell is flattened into the cell's text (one line
per row, cells separated by `` | ``) and noted.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from perfxl.core.errors import InputError
from perfxl.importers.blocks import Block, Cell, Document, Paragraph, Table
from perfxl.importers.readers.source import Source, clean_lines, load, one_line

EXPECTED = "a Word .docx document"
MAX_PART_BYTES = 256 << 20
MAX_TOTAL_BYTES = 1 << 30
CONTENT_TYPES = "[Content_Types].xml"
TYPES_TAG = "{http://schemas.openxmlformats.org/package/2006/content-types}Types"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Wrappers whose children belong to the level they sit in (content controls, custom XML, smart tags).
_WRAPPERS = {f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}smartTag", f"{W}ins", f"{W}moveTo"}
_BREAKS = {f"{W}br", f"{W}cr"}


def read_docx(source: Source) -> Document:
    """Paragraphs and tables of a .docx body in document order."""
    data, name = load(source, expected=EXPECTED)
    _check_package(data, name)
    import docx  # lazy: python-docx is only needed for .docx input
    from docx.opc.exceptions import PackageNotFoundError

    try:
        body = docx.Document(io.BytesIO(data)).element.body
        if body is None:
            raise InputError("damaged Word document (the document has no body)", path=name)
        reader = _Reader()
        reader.body(body)
    except PackageNotFoundError:
        raise InputError(f"not {EXPECTED}", path=name) from None
    except _damaged() as exc:
        raise InputError(f"damaged Word document ({_detail(exc)})", path=name) from None
    return Document(reader.blocks, "docx", reader.notes)


# ---------------------------------------------------------------------------
# The package, checked before python-docx trusts it


def _check_package(data: bytes, name: str | None) -> None:
    """Refuse what is not a Word package, or would expand absurdly, before parsing it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            _check_parts(zf.infolist(), name)
            names = zf.namelist()
            _check_content_types(zf.read(CONTENT_TYPES) if CONTENT_TYPES in names else None, name)
    except (zipfile.BadZipFile, zlib.error, EOFError):
        raise InputError(f"not {EXPECTED} (corrupt zip package)", path=name) from None


def _check_parts(infos: list[zipfile.ZipInfo], name: str | None) -> None:
    names = {i.filename for i in infos}
    if "xl/workbook.xml" in names:
        raise InputError("an Excel workbook, expected a .docx document", path=name)
    # The word/ folder, not word/document.xml: Word Online names the body word/document2.xml.
    if not any(n.startswith("word/") for n in names):
        raise InputError("a zip file but not a Word document, expected a .docx document", path=name)
    total = sum(i.file_size for i in infos)
    biggest = max(infos, key=lambda i: i.file_size)
    if biggest.file_size > MAX_PART_BYTES or total > MAX_TOTAL_BYTES:
        raise InputError(
            f"part {biggest.filename} would expand to {biggest.file_size:,} bytes: refusing a possible zip bomb",
            path=name,
        )


def _check_content_types(data: bytes | None, name: str | None) -> None:
    """The package's list of parts, which python-docx trusts blindly, must be there and be one."""
    from lxml import etree  # type: ignore[import-untyped]

    if data is None:
        raise InputError(f"damaged Word document: {CONTENT_TYPES} is missing", path=name)
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise InputError(f"damaged Word document: {CONTENT_TYPES} is not well-formed XML ({exc})", path=name) from None
    if root.tag != TYPES_TAG:
        raise InputError(f"damaged Word document: {CONTENT_TYPES} has no <Types> list of parts", path=name)


def _damaged() -> tuple[type[BaseException], ...]:
    """What python-docx, lxml and zipfile raise on a damaged package or on XML Word does not write.

    Broken XML surfaces as lxml's errors (XMLSyntaxError is also a SyntaxError),
    a missing part as KeyError, an element that is not what python-docx expects
    as AttributeError or TypeError, a bad number as ValueError, a corrupt zip
    member as BadZipFile or zlib.error.
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
    return "corrupt zip member" if isinstance(exc, zlib.error) else one_line(exc)


# ---------------------------------------------------------------------------
# The body


def _children(element: Any) -> Iterator[Any]:
    """Child elements, looking through content controls and other wrappers."""
    for child in element:
        if child.tag in _WRAPPERS:
            yield from _children(child)
        elif isinstance(child.tag, str):
            yield child


def _attr(element: Any, path: str) -> str | None:
    """``w:val`` of the first element at ``path`` ('' when present without a value, None when absent)."""
    found = element.find(path)
    if found is None:
        return None
    value: str | None = found.get(f"{W}val")
    return value if value is not None else ""


def _int(value: str | None, default: int, minimum: int = 1) -> int:
    try:
        return max(minimum, int(value)) if value else default
    except ValueError:
        return default


def paragraph_lines(p: Any) -> list[str]:
    """A paragraph's text split at line breaks; field instructions and deleted text are not text."""
    parts: list[str] = []
    stack = [p]
    while stack:
        element = stack.pop()
        tag = element.tag
        if tag == f"{W}t":
            parts.append(element.text or "")
        elif tag in _BREAKS:
            parts.append("\n")
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        elif tag == MC_FALLBACK or tag == f"{W}del":
            continue  # a copy of mc:Choice for old readers; deleted text
        stack.extend(reversed(list(element)))
    return "".join(parts).split("\n")


@dataclass
class _Draft:
    lines: list[str]
    row: int
    column: int
    col_span: int
    row_span: int = 1
    extra: list[str] = field(default_factory=list)

    def cell(self) -> Cell:
        return Cell(clean_lines([*self.lines, *self.extra]), self.row, self.column, self.row_span, self.col_span)


class _Reader:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.notes: list[str] = []
        self.tables = 0

    def body(self, body: Any) -> None:
        for child in _children(body):
            if child.tag == f"{W}p":
                text = clean_lines(paragraph_lines(child))
                if text:
                    self.blocks.append(Paragraph(text))
            elif child.tag == f"{W}tbl":
                self.tables += 1
                self.blocks.append(self.table(child, self.tables))

    def table(self, tbl: Any, number: int) -> Table:
        rows: list[list[_Draft]] = []
        above: dict[int, _Draft] = {}  # grid column -> the cell a vertical merge there would continue
        for r, tr in enumerate((c for c in _children(tbl) if c.tag == f"{W}tr"), start=1):
            row: list[_Draft] = []
            col = 1 + _int(_attr(tr, f"{W}trPr/{W}gridBefore"), 0, minimum=0)
            for tc in (c for c in _children(tr) if c.tag == f"{W}tc"):
                span = _int(_attr(tc, f"{W}tcPr/{W}gridSpan"), 1)
                lines = self.cell_lines(tc, number, r, col)
                vmerge = _attr(tc, f"{W}tcPr/{W}vMerge")
                top = above.get(col)
                if vmerge in ("", "continue") and top and top.col_span == span and top.row + top.row_span == r:
                    top.row_span += 1
                    if clean_lines(lines):
                        top.extra.extend(lines)
                        self.notes.append(
                            f"table {number} row {r} column {col}: text in a vertically merged cell "
                            "joined to the cell above"
                        )
                    col += span
                    continue
                if _attr(tc, f"{W}tcPr/{W}hMerge") in ("", "continue") and row:
                    row[-1].col_span += span
                    row[-1].extra.extend(lines)
                    col += span
                    continue
                draft = _Draft(lines, r, col, span)
                row.append(draft)
                for c in range(col, col + span):
                    above[c] = draft
                col += span
            rows.append(row)
        return Table(tuple(tuple(d.cell() for d in row) for row in rows), number)

    def cell_lines(self, tc: Any, number: int, row: int, col: int) -> list[str]:
        lines: list[str] = []
        for child in _children(tc):
            if child.tag == f"{W}p":
                lines.extend(paragraph_lines(child))
            elif child.tag == f"{W}tbl":
                lines.extend(_flatten(child))
                self.notes.append(f"table {number} row {row} column {col}: a nested table flattened into the cell text")
        return lines


def _flatten(tbl: Any) -> list[str]:
    """A nested table as lines of text: one per row, its non-empty cells separated by `` | ``."""
    lines: list[str] = []
    for tr in (c for c in _children(tbl) if c.tag == f"{W}tr"):
        texts: list[str] = []
        for tc in (c for c in _children(tr) if c.tag == f"{W}tc"):
            inner: list[str] = []
            for child in _children(tc):
                if child.tag == f"{W}p":
                    inner.extend(paragraph_lines(child))
                elif child.tag == f"{W}tbl":
                    inner.extend(_flatten(child))
            text = clean_lines(inner).replace("\n", " ")
            if text:
                texts.append(text)
        if texts:
            lines.append(" | ".join(texts))
    return lines
