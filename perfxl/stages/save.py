"""Open a user's workbook for changing it, and save it atomically — in place only after a backup."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from perfxl.check.fix import keep_backup
from perfxl.core.errors import InputError, OutputError
from perfxl.files.atomic import atomic_path


def output_for(path: Path, output: str | Path | None) -> Path:
    out = Path(output) if output is not None else path
    if out.suffix.lower() != path.suffix.lower() or out.suffix.lower() not in (".xlsx", ".xlsm"):
        raise OutputError(f"{out}: the output must be a workbook of the same type as {path.name}")
    return out


def open_book(path: Path) -> Any:
    import openpyxl

    try:
        return openpyxl.load_workbook(path, keep_vba=path.suffix.lower() == ".xlsm")
    except Exception as exc:  # openpyxl raises many kinds; the reader has vetted the file already
        raise InputError(f"cannot open for changing: {exc}", path=path) from None


def save_book(wb: Any, path: Path, out: Path) -> Path | None:
    """Write ``wb`` to ``out`` atomically; when ``out`` is ``path`` keep a backup first and return it."""
    backup = keep_backup(path) if out.resolve() == path.resolve() else None
    with atomic_path(out) as tmp:
        wb.save(tmp)
    return backup
