"""What every reader shares: loading the input, decoding text, cleaning cell text.

A reader accepts a path or the file's bytes; errors always name the file when
there is one, on one line.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from perfxl.core.errors import InputError

Source = str | os.PathLike[str] | bytes

UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

# Word table-of-contents entries: ` TC "text" \f A \l 1 ` (quotes and braces optional).
_TC_FIELD = re.compile(r"\s*\{?\s*\bTC\s+(?:\"[^\"]*\"|[^\\{}\n]*?)\s*(?:\\[a-zA-Z](?:\s+[^\s\\{}]+)?\s*)+\}?")


def load(source: Source, *, expected: str) -> tuple[bytes, str | None]:
    """The input's bytes and its name (None for bytes given directly); InputError if unreadable or empty."""
    if isinstance(source, bytes | bytearray):
        data, name = bytes(source), None
    else:
        name = str(source)
        try:
            data = Path(source).read_bytes()
        except FileNotFoundError:
            raise InputError("file not found", path=name) from None
        except IsADirectoryError:
            raise InputError(f"is a folder, expected {expected}", path=name) from None
        except OSError as exc:
            raise InputError(f"cannot open: {exc.strerror}", path=name) from None
    if not data.strip():
        raise InputError(f"the file is empty, expected {expected}", path=name)
    return data, name


def decode_text(data: bytes, name: str | None, *, declared: str | None = None) -> str:
    """Text from bytes: a BOM first, then UTF-8, the declared charset, GB18030 (which covers GBK and GB2312).

    UTF-8 goes before the declared charset because strict UTF-8 almost never
    accepts text in another encoding, while GB18030 accepts nearly any bytes:
    pages that declare gb2312 but are saved as UTF-8 are common.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith(UTF16_BOMS):
        return data.decode("utf-16", errors="replace")
    if (utf16 := sniff_utf16(data)) is not None:
        return data.decode(utf16, errors="replace")
    encodings = ["utf-8", _charset(declared) if declared else "gb18030", "gb18030"]
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise InputError("cannot decode the text (expected UTF-8, GB18030/GBK or UTF-16)", path=name)


def _charset(declared: str) -> str:
    """GB2312 and GBK pages often hold characters only GB18030 has: read them all as GB18030."""
    name = declared.strip().lower()
    return "gb18030" if name in {"gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "euc-cn"} else name


def sniff_utf16(data: bytes) -> str | None:
    """The UTF-16 variant of text without a BOM, or None: text never holds NUL bytes, UTF-16 does.

    Every ASCII character (digits, punctuation, line ends) has a NUL high byte,
    which falls on odd positions in little-endian and even ones in big-endian.
    """
    if data.startswith(UTF16_BOMS):
        return "utf-16"
    head = data[:4096]
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if odd > 2 * even and odd >= 2:
        return "utf-16-le"
    if even > 2 * odd and even >= 2:
        return "utf-16-be"
    return None


def strip_field_codes(text: str) -> str:
    return _TC_FIELD.sub("", text)


def clean_lines(lines: Iterable[str]) -> str:
    """A cell's or paragraph's lines trimmed, field codes removed, empty lines dropped, joined by newlines."""
    kept = (strip_field_codes(line).strip() for line in lines)
    return "\n".join(line for line in kept if line)


def one_line(exc: BaseException) -> str:
    """An exception as one short line: its type and its message with whitespace collapsed."""
    text = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
    text = " ".join(text.split())
    if len(text) > 160:
        text = text[:157] + "…"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
