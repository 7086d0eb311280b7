"""Reading one input of a merge: a :class:`Source` and its Dataset, or the reason it is left out."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path

from perfxl.check.config import Config, load_config
from perfxl.check.engine import validate as run_rules
from perfxl.core.errors import InputError
from perfxl.core.model import Dataset
from perfxl.merge.result import Source, count_rows, unit_codes
from perfxl.workbook import conversion_problems, read_workbook
from perfxl.workbook import schema as S

_MAX_PROBLEMS = 5  # per bad file, so that its line stays readable


class FolderSettings:
    """The validation settings of each folder (as ``perfxl validate FILE`` finds them), read once per folder."""

    def __init__(self) -> None:
        self._by_folder: dict[Path, Config] = {}

    def __call__(self, path: Path) -> Config:
        folder = path.resolve().parent
        if folder not in self._by_folder:
            self._by_folder[folder] = load_config(path)
        return self._by_folder[folder]


def read_source(
    path: Path, *, validate: bool = True, settings: Callable[[Path], Config] = load_config
) -> tuple[Source, Dataset | None]:
    """Read one input; a bad one comes back with ``status="bad"`` and a reason, never an exception.

    A file is bad when it cannot be read, when converting it would lose or
    double rows (:func:`perfxl.workbook.conversion_problems`, every problem
    listed), or when its budget year is blank.  Files that are merged are
    validated with the settings ``perfxl validate FILE`` would use.
    """
    source = Source(path=path, read_at=dt.datetime.now(dt.UTC).replace(microsecond=0))
    try:
        result = read_workbook(path)
        source.sha256 = _sha256(path)
    except InputError as exc:
        source.status, source.reason = "bad", _without_path(exc, path)
        return source, None
    except OSError as exc:
        source.status, source.reason = "bad", f"cannot open: {exc.strerror}"
        return source, None
    dataset = result.dataset
    source.findings = list(result.findings)
    source.year = dataset.year
    source.division = dataset.division
    source.unit_codes = unit_codes(dataset)
    source.counts = count_rows(dataset)
    problems = conversion_problems(result)
    reason: str | None = None
    if not {S.INFO, S.PROJECTS} & set(result.book.sheets):
        reason = f"not a perfxl workbook (no {S.INFO} or {S.PROJECTS} sheet)"
    elif problems:
        more = len(problems) - _MAX_PROBLEMS
        reason = "; ".join(_without_path(p, path) for p in problems[:_MAX_PROBLEMS])
        reason += f" (+{more} more problem(s); `perfxl validate` lists them)" if more > 0 else ""
    elif dataset.year is None:
        reason = f"{S.INFO}!{S.INFO_YEAR} is blank; the budget year is needed to merge"
    if reason is None and validate:  # only on files we merge: the rules expect a readable perfxl workbook
        try:
            source.findings = run_rules(result, config=settings(path))
        except InputError as exc:  # the settings file next to the workbook is broken
            reason = exc.describe()
    if reason is not None:
        source.status, source.reason = "bad", reason
        return source, None
    return source, dataset


def _sha256(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _without_path(exc: InputError, path: Path) -> str:
    """``sheet!cell: reason``: the file itself is named in its 来源 row and in the merge message."""
    where = "!".join(x for x in (exc.sheet, exc.cell) if x)
    if exc.path and Path(exc.path) != path:
        where = f"{exc.path} {where}".strip()
    return f"{where}: {exc.reason}" if where else exc.reason
