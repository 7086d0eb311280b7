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

from perfxl.core.errors import OutputError


def _read_umask() -> int:
    """The process umask, read without changing it where the OS allows (Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0)  # elsewhere: once, at import, before any thread exists
    os.umask(mask)
    return mask


_UMASK = _read_umask()


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
    check_target(target, overwrite=overwrite)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp" + target.suffix, dir=folder)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write in {folder}: {exc.strerror}") from None
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        try:
            mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o666 & ~_UMASK
            os.chmod(tmp_path, mode)
            if overwrite:
                os.replace(tmp_path, target)
            else:
                _link_new(tmp_path, target)
        except FileExistsError:
            raise OutputError(f"{target}: already exists; use --force to replace it") from None
        except OSError as exc:
            raise OutputError(f"{target}: cannot write: {exc.strerror}") from None
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def check_target(target: Path, *, overwrite: bool) -> None:
    """Refuse targets we must not replace: folders, devices, links, and existing files unless ``overwrite``."""
    if target.is_dir():
        raise OutputError(f"{target}: is a folder, expected a file name")
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise OutputError(f"{target}: is not a regular file; choose another output name")
    if not overwrite and target.exists():
        raise OutputError(f"{target}: already exists; use --force to replace it")


def _link_new(tmp: Path, target: Path) -> None:
    """Move ``tmp`` to ``target`` only if ``target`` does not exist (no race with another writer)."""
    try:
        os.link(tmp, target)  # fails with FileExistsError instead of replacing
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: the next best thing
        if target.exists():
            raise FileExistsError(target) from None
        os.replace(tmp, target)
        return
    tmp.unlink()


def write_text_atomic(target: str | Path, text: str) -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_bytes_atomic(target: str | Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
