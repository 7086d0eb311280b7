"""Just enough of the VBA project format to swap one module's source code.

A ``vbaProject.bin`` is a Compound File (MS-CFB) whose ``VBA/dir`` stream lists
the modules; each module stream holds optional compiled p-code followed, at
``MODULEOFFSET``, by the source compressed with the MS-OVBA algorithm.  When
the ``_VBA_PROJECT`` stream's version is ``0xFFFF`` (as in the project xlwings
ships) Excel ignores any p-code and compiles the source when the file opens,
so replacing the compressed source is all it takes to change a module.

This module reads a compound file, recompresses one module and writes a new
compound file (version 3, 512-byte sectors).  No Excel is needed, and nothing
here executes or interprets VBA.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

from perfxl.core.errors import PerfxlError

# --- MS-OVBA compression (2.4.1) ---------------------------------------------------------

_CHUNK = 4096


def _copy_token_layout(difference: int) -> tuple[int, int]:
    """(bit count of the offset, maximum length) for a copy token ``difference`` bytes into a chunk."""
    bit_count = max((difference - 1).bit_length(), 4)
    return bit_count, (0xFFFF >> bit_count) + 3


def decompress(data: bytes) -> bytes:
    """Decompress an MS-OVBA compressed container."""
    if not data or data[0] != 1:
        raise PerfxlError("not a VBA compressed container (signature byte is not 1)")
    out = bytearray()
    pos = 1
    while pos < len(data):
        if pos + 2 > len(data):
            break
        header = struct.unpack_from("<H", data, pos)[0]
        size = (header & 0x0FFF) + 3
        end = min(pos + size, len(data))
        pos += 2
        start = len(out)
        if not header & 0x8000:  # a raw chunk: 4096 bytes as they are
            out += data[pos : pos + _CHUNK]
            pos += _CHUNK
            continue
        while pos < end:
            flags = data[pos]
            pos += 1
            for bit in range(8):
                if pos >= end:
                    break
                if not flags >> bit & 1:
                    out.append(data[pos])
                    pos += 1
                    continue
                token = struct.unpack_from("<H", data, pos)[0]
                pos += 2
                bit_count, _ = _copy_token_layout(len(out) - start)
                length = (token & (0xFFFF >> bit_count)) + 3
                offset = (token >> (16 - bit_count)) + 1
                for _ in range(length):  # byte by byte: a copy may overlap itself
                    out.append(out[-offset])
    return bytes(out)


def _compress_chunk(chunk: bytes) -> bytes:
    body = bytearray()
    pos = 0
    while pos < len(chunk):
        flag_at = len(body)
        body.append(0)
        for bit in range(8):
            if pos >= len(chunk):
                break
            best_len = best_off = 0
            if pos:
                bit_count, max_len = _copy_token_layout(pos)
                max_off = 1 << bit_count
                limit = min(max_len, len(chunk) - pos)
                for cand in range(pos - 1, max(0, pos - max_off) - 1, -1):  # nearest first, as the spec does
                    n = 0
                    while n < limit and chunk[cand + n] == chunk[pos + n]:
                        n += 1
                    if n > best_len:
                        best_len, best_off = n, pos - cand
            if best_len >= 3:
                token = ((best_off - 1) << (16 - bit_count)) | (best_len - 3)
                body += struct.pack("<H", token)
                body[flag_at] |= 1 << bit
                pos += best_len
            else:
                body.append(chunk[pos])
                pos += 1
    if len(body) > _CHUNK:  # incompressible: store raw (always 4096 bytes)
        return struct.pack("<H", 0x3FFF) + chunk.ljust(_CHUNK, b"\0")
    return struct.pack("<H", 0xB000 | (len(body) - 1)) + bytes(body)


def compress(data: bytes) -> bytes:
    """Compress ``data`` into an MS-OVBA compressed container."""
    return b"\x01" + b"".join(_compress_chunk(data[i : i + _CHUNK]) for i in range(0, len(data), _CHUNK))


# --- MS-CFB compound files ---------------------------------------------------------------

_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_FREE, _END, _FATSECT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
_SECTOR, _MINI, _CUTOFF = 512, 64, 4096


@dataclass
class Entry:
    """A storage (``children``) or a stream (``data``) in a compound file."""

    name: str
    data: bytes | None = None  # None for a storage
    children: list[Entry] = field(default_factory=list)
    clsid: bytes = b"\0" * 16

    def find(self, path: str) -> Entry:
        node = self
        for part in path.split("/"):
            matches = [c for c in node.children if c.name.upper() == part.upper()]
            if not matches:
                raise KeyError(path)
            node = matches[0]
        return node


def read_cfb(blob: bytes) -> Entry:
    """Parse a compound file into a tree of :class:`Entry` (the root is the Root Entry)."""
    if blob[:8] != _MAGIC:
        raise PerfxlError("not a compound file (OLE) — expected a vbaProject.bin")
    sector_size = 1 << struct.unpack_from("<H", blob, 0x1E)[0]
    mini_size = 1 << struct.unpack_from("<H", blob, 0x20)[0]
    (n_fat, first_dir, _tx, cutoff, first_minifat, _n_minifat, first_difat, _n_difat) = struct.unpack_from(
        "<IIIIIIII", blob, 0x2C
    )

    def sector(i: int) -> bytes:
        off = (i + 1) * sector_size
        return blob[off : off + sector_size]

    difat = list(struct.unpack_from("<109I", blob, 0x4C))
    nxt = first_difat
    while nxt not in (_END, _FREE):
        words = struct.unpack(f"<{sector_size // 4}I", sector(nxt))
        difat += words[:-1]
        nxt = words[-1]
    fat: list[int] = []
    for s in difat[:n_fat]:
        fat += struct.unpack(f"<{sector_size // 4}I", sector(s))

    def chain(start: int, table: list[int]) -> list[int]:
        out: list[int] = []
        while start not in (_END, _FREE) and len(out) <= len(table):
            out.append(start)
            start = table[start]
        return out

    dir_bytes = b"".join(sector(s) for s in chain(first_dir, fat))
    raw = [dir_bytes[i : i + 128] for i in range(0, len(dir_bytes), 128)]
    minifat: list[int] = []
    for s in chain(first_minifat, fat):
        minifat += struct.unpack(f"<{sector_size // 4}I", sector(s))
    root_start, root_size = struct.unpack_from("<IQ", raw[0], 0x74)
    ministream = b"".join(sector(s) for s in chain(root_start, fat))[:root_size]

    def entry(i: int) -> Entry:
        e = raw[i]
        name_len = struct.unpack_from("<H", e, 0x40)[0]
        name = e[: max(name_len - 2, 0)].decode("utf-16-le")
        kind = e[0x42]
        start, size = struct.unpack_from("<IQ", e, 0x74)
        node = Entry(name=name, clsid=e[0x50:0x60])
        if kind == 2:
            if size < cutoff:
                node.data = b"".join(ministream[s * mini_size : (s + 1) * mini_size] for s in chain(start, minifat))[
                    :size
                ]
            else:
                node.data = b"".join(sector(s) for s in chain(start, fat))[:size]
        else:
            node.children = [entry(c) for c in siblings(struct.unpack_from("<I", e, 0x4C)[0])]
        return node

    def siblings(i: int) -> list[int]:
        if i == _NOSTREAM:
            return []
        left, right = struct.unpack_from("<II", raw[i], 0x44)
        return [*siblings(left), i, *siblings(right)]

    return entry(0)


def _cfb_key(name: str) -> tuple[int, str]:
    return (len(name), name.upper())


def write_cfb(root: Entry) -> bytes:
    """Serialize a tree of entries as a version-3 compound file."""
    entries: list[Entry] = []
    links: dict[int, list[int]] = {}  # entry index -> [left, right, child]

    def add(node: Entry) -> int:
        index = len(entries)
        entries.append(node)
        links[index] = [_NOSTREAM, _NOSTREAM, _NOSTREAM]
        kids = sorted(node.children, key=lambda c: _cfb_key(c.name))
        indices = [add(k) for k in kids]

        def balance(lo: int, hi: int) -> int:
            if lo >= hi:
                return _NOSTREAM
            mid = (lo + hi) // 2
            links[indices[mid]][0] = balance(lo, mid)
            links[indices[mid]][1] = balance(mid + 1, hi)
            return indices[mid]

        links[index][2] = balance(0, len(indices))
        return index

    add(root)
    mini = bytearray()
    minifat: list[int] = []
    big: list[tuple[int, bytes]] = []
    starts: dict[int, tuple[int, int]] = {}
    for i, node in enumerate(entries):
        if node.data is None or i == 0:
            continue
        if len(node.data) < _CUTOFF:
            if not node.data:
                starts[i] = (_END, 0)
                continue
            first = len(mini) // _MINI
            n = -(-len(node.data) // _MINI)
            minifat += [first + k + 1 for k in range(n - 1)] + [_END]
            mini += node.data.ljust(n * _MINI, b"\0")
            starts[i] = (first, len(node.data))
        else:
            big.append((i, node.data))

    def sectors(n_bytes: int) -> int:
        return -(-n_bytes // _SECTOR)

    plan: list[tuple[str, int, int]] = []  # (what, first sector, count)
    cursor = 0
    for i, data in big:
        plan.append((f"e{i}", cursor, sectors(len(data))))
        starts[i] = (cursor, len(data))
        cursor += sectors(len(data))
    mini_first, mini_count = cursor, sectors(len(mini))
    cursor += mini_count
    minifat_bytes = b"".join(struct.pack("<I", v) for v in minifat)
    minifat_first, minifat_count = cursor, sectors(len(minifat_bytes))
    cursor += minifat_count
    dir_first, dir_count = cursor, sectors(len(entries) * 128)
    cursor += dir_count
    n_fat = 1
    while (cursor + n_fat) > n_fat * (_SECTOR // 4):
        n_fat += 1
    if n_fat > 109:
        raise PerfxlError("VBA project too large for this writer")
    fat = [_FREE] * (n_fat * (_SECTOR // 4))
    for first, count in [(p[1], p[2]) for p in plan] + [
        (mini_first, mini_count),
        (minifat_first, minifat_count),
        (dir_first, dir_count),
    ]:
        for k in range(count):
            fat[first + k] = first + k + 1 if k < count - 1 else _END
    for k in range(n_fat):
        fat[cursor + k] = _FATSECT

    body = bytearray()
    for _, data in big:
        body += data.ljust(sectors(len(data)) * _SECTOR, b"\0")
    body += bytes(mini).ljust(mini_count * _SECTOR, b"\0")
    body += minifat_bytes.ljust(minifat_count * _SECTOR, b"\xff")
    dir_blob = bytearray()
    for i, node in enumerate(entries):
        name = node.name.encode("utf-16-le")[:62]
        kind = 5 if i == 0 else (1 if node.data is None else 2)
        if i == 0:
            start, size = (mini_first, len(mini)) if mini else (_END, 0)
        else:
            start, size = starts.get(i, (0, 0)) if node.data is not None else (0, 0)
        left, right, child = links[i]
        dir_blob += (
            name.ljust(64, b"\0")
            + struct.pack("<HBB", len(name) + 2, kind, 1)
            + struct.pack("<III", left, right, child)
            + node.clsid.ljust(16, b"\0")[:16]
            + b"\0" * 20
            + struct.pack("<IQ", start, size)
        )
    empty = b"\0" * 64 + struct.pack("<HBB", 0, 0, 0) + struct.pack("<III", _NOSTREAM, _NOSTREAM, _NOSTREAM)
    empty += b"\0" * (128 - len(empty))
    while len(dir_blob) < dir_count * _SECTOR:
        dir_blob += empty
    body += dir_blob
    body += b"".join(struct.pack("<I", v) for v in fat)

    difat = [cursor + k for k in range(n_fat)] + [_FREE] * (109 - n_fat)
    header = (
        _MAGIC
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack(
            "<IIIIIIIII",
            0,
            n_fat,
            dir_first,
            0,
            _CUTOFF,
            minifat_first if minifat_count else _END,
            minifat_count,
            _END,
            0,
        )
        + struct.pack("<109I", *difat)
    )
    return header + bytes(body)


# --- the VBA project ---------------------------------------------------------------------


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
