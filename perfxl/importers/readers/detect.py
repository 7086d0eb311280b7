"""Tell a document's format from its first bytes, the extension only where content cannot say."""

from __future__ import annotations

import io
import re
import struct
import zipfile
from pathlib import PurePath

from perfxl.core.errors import InputError
from perfxl.importers.readers.source import sniff_utf16

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML = re.compile(r"<\s*(!doctype\s+html|html|table|body|head)\b", re.IGNORECASE)
_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".mht"}


def detect_format(name: str | None, data: bytes) -> str:
    """``docx``, ``xlsx``, ``xls``, ``pdf``, ``html`` or ``text``; InputError naming the file otherwise."""
    suffix = PurePath(name).suffix.lower() if name else ""
    if data.startswith(ZIP_MAGIC):
        return _zip_kind(data, name, suffix)
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(OLE2_MAGIC):
        return _ole_kind(data, name)
    if suffix in {".docx", ".xlsx", ".xlsm", ".pdf"}:
        kind = {".docx": "a Word .docx document", ".pdf": "a PDF"}.get(suffix, "an .xlsx workbook")
        raise InputError(f"not {kind} (the content is not one); corrupt or another file type", path=name)
    head = _head_text(data)
    if _HTML.search(head) or suffix in _HTML_SUFFIXES:
        return "html"
    if "\x00" in head:
        raise InputError(
            "binary file of an unknown type, expected .docx, .html, .pdf, .xlsx/.xls or a text file", path=name
        )
    return "text"


def _head_text(data: bytes) -> str:
    head = data[:8192]
    return head.decode(sniff_utf16(head) or "utf-8", errors="replace")


def _zip_kind(data: bytes, name: str | None, suffix: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = zf.namelist()
    except zipfile.BadZipFile:
        kind = "an .xlsx workbook" if suffix in {".xlsx", ".xlsm"} else "a Word .docx document"
        raise InputError(f"not {kind} (corrupt zip package)", path=name) from None
    if any(n.startswith("word/") for n in names):
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        raise InputError("an Excel binary workbook (.xlsb); save it as .xlsx and try again", path=name)
    if "mimetype" in names:
        raise InputError("an OpenDocument file (.odt/.ods); save it as .docx or .xlsx and try again", path=name)
    if suffix == ".xlsx":
        raise InputError("a zip file but not an Excel workbook, expected an .xlsx workbook", path=name)
    # An unknown zip: the .docx reader says what is missing, as it always has.
    return "docx"


def _ole_kind(data: bytes, name: str | None) -> str:
    """Old Office files share one container (OLE2); its directory names the streams inside."""
    streams = _ole_streams(data)
    if "EncryptedPackage" in streams:
        raise InputError("password-protected Office file; remove the password and try again", path=name)
    if "Workbook" in streams or "Book" in streams:
        return "xls"
    if "WordDocument" in streams:
        raise InputError("old Word .doc file; save it as .docx in Word or WPS and try again", path=name)
    raise InputError("an old Office file that is neither .xls nor .doc; save it as .docx or .xlsx", path=name)


def _ole_streams(data: bytes) -> set[str]:
    """Names of the OLE2 directory entries: 128-byte records, name in UTF-16LE, its byte length at offset 64.

    Looking at every 128-byte boundary finds them without following the sector
    chains (the header is 512 or 4096 bytes, both multiples of 128).
    """
    names: set[str] = set()
    for pos in range(512, len(data) - 127, 128):
        (length,) = struct.unpack_from("<H", data, pos + 64)
        if not 2 <= length <= 64 or length % 2 or data[pos + 66] not in (1, 2, 5):  # storage, stream, root
            continue
        try:
            text = data[pos : pos + length - 2].decode("utf-16-le")
        except UnicodeDecodeError:
            continue
        if text.isprintable():
            names.add(text)
    return names
