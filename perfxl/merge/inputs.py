"""Which files a merge reads: files, folders (searched for .xlsx) and globs, in a stable order."""

from __future__ import annotations

import glob
from collections.abc import Iterable
from pathlib import Path

from perfxl.core.findings import Finding
from perfxl.merge.messages import merge_finding

_GLOB_CHARS = set("*?[")


def _is_candidate(path: Path) -> bool:
    # Excel lock files (~$x.xlsx) and hidden/temporary files are never data.
    return path.suffix.lower() == ".xlsx" and not path.name.startswith(("~$", "."))


def resolve_inputs(
    inputs: Iterable[str | Path], *, exclude: Iterable[str | Path] = ()
) -> tuple[list[Path], list[Finding]]:
    """Files, folders (searched recursively for .xlsx) and globs → ordered, de-duplicated paths.

    An input that matches nothing is returned as a ``merge-bad-input`` finding,
    never dropped.  Folders and globs are expanded in name order.
    """
    skip = {Path(p).resolve() for p in exclude}
    seen: set[Path] = set()
    paths: list[Path] = []
    problems: list[Finding] = []

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen and key not in skip:
            seen.add(key)
            paths.append(path)

    for item in inputs:
        text = str(item)
        path = Path(text)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and _is_candidate(p))
            if not found:
                problems.append(bad_input(path, "folder holds no .xlsx workbook"))
            for p in found:
                add(p)
        elif path.exists() or not (_GLOB_CHARS & set(text)):
            add(path)  # a missing plain path is reported by the reader, by name
        else:
            matches = sorted(Path(m) for m in glob.glob(text, recursive=True))
            files = [m for m in matches if m.is_file() and _is_candidate(m)]
            if not files:
                problems.append(bad_input(path, "pattern matches no .xlsx workbook"))
            for p in files:
                add(p)
    return paths, problems


def bad_input(path: Path, reason: str) -> Finding:
    """The finding for an input left out of the merge: ``file: reason``."""
    return merge_finding("merge-bad-input", "error", value=str(path), ctx={"file": str(path), "reason": reason})
