"""Document readers: each reduces one file format to the block model of :mod:`perfxl.importers.blocks`.

``read_document(path)`` detects the format by content first and extension
second, and calls the one reader for it; each reader is also usable alone
(``read_docx``, ``read_html``, ``read_pdf``, ``read_xlsx``, ``read_text``) on a
path or the file's bytes.  Every failure is an InputError of one line naming
the file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from perfxl.importers.blocks import Document
from perfxl.importers.readers.detect import detect_format
from perfxl.importers.readers.docx import read_docx
from perfxl.importers.readers.html import read_html
from perfxl.importers.readers.pdf import read_pdf
from perfxl.importers.readers.source import Source, load
from perfxl.importers.readers.text import read_text
from perfxl.importers.readers.xlsx import read_xlsx

__all__ = ["detect_format", "read_document", "read_docx", "read_html", "read_pdf", "read_text", "read_xlsx"]

EXPECTED = "a .docx, .html, .pdf, .xlsx/.xls or text document"
READERS: dict[str, Callable[[Source], Document]] = {
    "docx": read_docx,
    "html": read_html,
    "pdf": read_pdf,
    "xlsx": read_xlsx,
    "xls": read_xlsx,
    "text": read_text,
}


def read_document(path: str | Path) -> Document:
    """The blocks of a document in any supported format."""
    data, name = load(path, expected=EXPECTED)
    # Each reader is given the path (not the bytes read here) so that its errors name the file.
    return READERS[detect_format(name, data)](path)
