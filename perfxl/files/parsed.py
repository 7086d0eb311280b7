"""The bundled YAML templates, parsed once and kept as marshal data, as Python keeps bytecode.

Importing PyYAML and parsing the five templates a validation reads costs ≈ 50 ms, a
fifth of checking a small workbook.  The parsed value is written where
the package's own bytecode goes (``perfxl/files/__pycache__/``, or under
``PYTHONPYCACHEPREFIX``) and used while the template's bytes are unchanged: each entry
holds the length and CRC-32 of the text it came from and the name of the parser, so
an edited template, or a perfxl that parses differently, parses again.  Like Python's bytecode it is skipped when
``sys.dont_write_bytecode`` is set or the folder is not writable, and a damaged
entry is parsed again.  Only perfxl's own templates are kept, never a user's file.
"""

from __future__ import annotations

import marshal
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from perfxl.core.errors import OutputError
from perfxl.files.atomic import atomic_path

_HERE = Path(__file__).resolve().parent
# Where Python keeps this folder's bytecode: beside it, or under PYTHONPYCACHEPREFIX when that is set.
CACHE_DIR = Path(sys.pycache_prefix, *_HERE.parts[1:]) if sys.pycache_prefix else _HERE / "__pycache__"
_TAG = f"{sys.implementation.cache_tag or 'python'}.m{marshal.version}"


def entry_path(name: str, folder: Path = CACHE_DIR) -> Path:
    """Where the parsed form of template ``name`` (``profiles/hebei.yaml``) is kept."""
    return folder / f"template.{name.replace('/', '.')}.{_TAG}.marshal"


def load_kept(
    name: str, text: bytes, parse: Callable[[bytes], Any], folder: Path = CACHE_DIR, *, parser: str = ""
) -> Any:
    """``parse(text)``, from the kept entry when it was made from these very bytes by the same ``parser``.

    ``parser`` names the parsing (change it when ``parse`` changes what it returns): an entry
    made by another parser is parsed again.
    """
    entry = entry_path(name, folder)
    stamp = (len(text), zlib.crc32(text), parser)
    try:
        kept_stamp, value = marshal.loads(entry.read_bytes())
        if tuple(kept_stamp) == stamp:
            return value
    except (OSError, EOFError, ValueError, TypeError):
        pass  # absent or damaged: parse again
    value = parse(text)
    if not sys.dont_write_bytecode:
        _keep(entry, stamp, value)
    return value


def _keep(entry: Path, stamp: tuple[int, int, str], value: Any) -> None:
    try:
        data = marshal.dumps((stamp, value))
    except ValueError:
        return  # a type marshal cannot hold (a YAML date): parse each time
    try:
        entry.parent.mkdir(exist_ok=True)
        with atomic_path(entry) as tmp:  # a concurrent reader sees the old entry or the new one
            tmp.write_bytes(data)
    except (OSError, OutputError):
        return  # a read-only installation: parse each time
