"""MS-OVBA compression (section 2.4.1): the codec a VBA project uses for its ``dir`` stream and module source.

Nothing here executes or interprets VBA; it only packs and unpacks bytes.
"""

from __future__ import annotations

import struct

from perfxl.core.errors import PerfxlError

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
