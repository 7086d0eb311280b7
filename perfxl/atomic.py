"""Write outputs atomically: a temporary file beside the target, then rename.

A crash or an error half-way leaves the previous file (or nothing) in place,
never half a workbook.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from perfxl.errors import OutputError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(target: str | Path, *, overwrite: bool = True) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; move it into place on success.

    With ``overwrite=False`` an existing target is refused (OutputError) — for
    workbooks people fill in by hand.  The result gets the permissions a newly
    created file would get (mkstemp's 0600 would hide it from colleagues on a
    shared folder), or the replaced file's permissions.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{target}: folder {folder} does not exist")
    if target.is_dir():
        raise OutputError(f"{target}: is a folder, expected a file name")
    if not overwrite and target.exists():
        raise OutputError(f"{target}: already exists; use --force to replace it")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp" + target.suffix, dir=folder)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write in {folder}: {exc.strerror}") from None
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        try:
            mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o666 & ~_umask()
            os.chmod(tmp_path, mode)
            os.replace(tmp_path, target)
        except OSError as exc:
            raise OutputError(f"{target}: cannot write: {exc.strerror}") from None
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def write_text_atomic(target: str | Path, text: str) -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_bytes_atomic(target: str | Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
