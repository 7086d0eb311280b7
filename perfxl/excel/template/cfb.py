"""MS-CFB compound files: read a ``vbaProject.bin`` into a tree of entries and write one back.

The writer produces a version-3 compound file (512-byte sectors); it is enough
for a VBA project of a few modules, which is all perfxl writes.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

from perfxl.core.errors import PerfxlError

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
