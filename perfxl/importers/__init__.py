"""Import published performance-target documents (.docx or text dumps).

``import_document(path)`` detects the format by content and extension, reduces
the document to blocks (paragraphs and tables) and builds one Dataset from
them in :mod:`perfxl.importers.common`.
"""

from __future__ import annotations

from pathlib import Path

from perfxl.core.errors import InputError
from perfxl.importers.common import ImportProblem, ImportResult, build

__all__ = ["ImportProblem", "ImportResult", "detect_format", "import_document"]

_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_TEXT_ENCODINGS = ("utf-8-sig", "gb18030")


def detect_format(path: str | Path, head: bytes) -> str:
    """``docx`` or ``text``, from the first bytes and the extension; InputError otherwise."""
    suffix = Path(path).suffix.lower()
    if head.startswith(_ZIP_MAGIC):
        return "docx"
    if head.startswith(_OLE2_MAGIC):
        raise InputError("old Word .doc (or password-protected) file; save it as .docx and try again", path=path)
    if suffix == ".docx":
        raise InputError("not a Word .docx document (not a zip package); corrupt or another file type", path=path)
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("binary file, expected a .docx document or a text dump", path=path)
    return "text"


def _decode(data: bytes, path: Path) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in _TEXT_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError("cannot decode the text (expected UTF-8 or GB18030)", path=path)


def import_document(path: str | Path) -> ImportResult:
    """Read a published document into a Dataset plus the problems met on the way.

    Raises InputError only when the file cannot be opened at all; unreadable
    parts are reported as problems while the rest is still read.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", path=path) from None
    except IsADirectoryError:
        raise InputError("is a folder, expected a .docx or text document", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot open: {exc.strerror}", path=path) from None
    if not data.strip():
        raise InputError("the file is empty, expected a .docx or text document", path=path)
    fmt = detect_format(path, data[:512])
    if fmt == "docx":
        from perfxl.importers.docx import read_docx_blocks

        blocks = read_docx_blocks(path)
    else:
        from perfxl.importers.text import read_text_blocks

        blocks = read_text_blocks(_decode(data, path))
    return build(blocks, path=str(path), fmt=fmt)
