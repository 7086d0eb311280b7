"""Just enough of the VBA project format to swap one module's source code.

A ``vbaProject.bin`` is a compound file (:mod:`~perfxl.excel.template.cfb`) whose
``VBA/dir`` stream lists the modules; each module stream holds optional compiled
p-code followed, at ``MODULEOFFSET``, by the source compressed with the MS-OVBA
algorithm (:mod:`~perfxl.excel.template.ovba`).  When the ``_VBA_PROJECT``
stream's version is ``0xFFFF`` (as in the project xlwings ships) Excel ignores
any p-code and compiles the source when the file opens, so replacing the
compressed source is all it takes to change a module.  No Excel is needed, and
nothing here executes or interprets VBA.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from perfxl.core.errors import PerfxlError
from perfxl.excel.template.cfb import Entry, read_cfb, write_cfb
from perfxl.excel.template.ovba import compress, decompress


def _dir_records(data: bytes) -> list[tuple[int, int, bytes]]:
    """(record id, position of its data, data) of every record of a decompressed ``VBA/dir``."""
    records = []
    pos = 0
    while pos + 6 <= len(data):
        rid, size = struct.unpack_from("<HI", data, pos)
        if rid == 0x09:  # PROJECTVERSION: its size field is fixed at 4 but 6 bytes follow
            size = 6
        records.append((rid, pos + 6, data[pos + 6 : pos + 6 + size]))
        pos += 6 + size
    return records


@dataclass(frozen=True)
class ModuleInfo:
    name: str
    stream: str
    offset: int
    offset_at: int  # where MODULEOFFSET's value sits in the decompressed dir stream


def modules(project: Entry) -> tuple[list[ModuleInfo], str]:
    """The modules listed in ``VBA/dir`` and the project's code page (e.g. ``cp1252``)."""
    records = _dir_records(decompress(project.find("VBA/dir").data or b""))
    codepage = "cp1252"
    found: list[ModuleInfo] = []
    name = stream = ""
    for rid, at, data in records:
        if rid == 0x03:
            codepage = f"cp{struct.unpack('<H', data)[0]}"
        elif rid == 0x19:
            name = data.decode("latin-1")
        elif rid == 0x1A:
            stream = data.decode("latin-1")
        elif rid == 0x31:
            found.append(ModuleInfo(name, stream, struct.unpack("<I", data)[0], at))
    return found, codepage


def module_source(blob: bytes, module: str) -> str:
    """The source code of ``module`` in a vbaProject.bin."""
    root = read_cfb(blob)
    infos, codepage = modules(root)
    info = next(m for m in infos if m.name == module)
    data = root.find(f"VBA/{info.stream}").data or b""
    return decompress(data[info.offset :]).decode(codepage)


def replace_module(blob: bytes, module: str, source: str) -> bytes:
    """A copy of vbaProject.bin ``blob`` with the source of ``module`` replaced by ``source``.

    The module's stream becomes source only (``MODULEOFFSET`` 0, no compiled
    p-code), like the ``xlwings`` module in the same project; the project's
    version must already be 0xFFFF ("compile from source"), which is checked.
    """
    root = read_cfb(blob)
    header = root.find("VBA/_VBA_PROJECT").data or b""
    if header[2:4] != b"\xff\xff":
        raise PerfxlError("this VBA project carries compiled code for one Excel version; use xlwings' standalone one")
    infos, codepage = modules(root)
    matches = [m for m in infos if m.name == module]
    if not matches:
        raise PerfxlError(f"the VBA project has no module {module!r}")
    info = matches[0]
    dir_entry = root.find("VBA/dir")
    dir_data = bytearray(decompress(dir_entry.data or b""))
    dir_data[info.offset_at : info.offset_at + 4] = struct.pack("<I", 0)
    dir_entry.data = compress(bytes(dir_data))
    code = source.replace("\r\n", "\n").replace("\n", "\r\n").encode(codepage)
    root.find(f"VBA/{info.stream}").data = compress(code)
    return write_cfb(root)
