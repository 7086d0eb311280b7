"""Every file type a Dataset can be read from or written to, chosen by the file's suffix.

The one place that knows ``.xlsx`` means the standard workbook and ``.json`` /
``.yaml`` the interchange document: every command loads and saves datasets
through :func:`load_dataset` and :func:`save_dataset`.  To add a format, write
its load/save functions (``Path → Dataset``, ``(Dataset, Path, force) → None``)
in a module of this package and add a :class:`DatasetFormat` row to ``FORMATS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from perfxl.core.errors import InputError, OutputError
from perfxl.core.model import Dataset
from perfxl.files.atomic import write_text_atomic
from perfxl.files.outputs import check_output
from perfxl.formats import interchange
from perfxl.workbook import read_dataset
from perfxl.workbook.writer import write_workbook

Load = Callable[[Path], Dataset]
Save = Callable[[Dataset, Path, bool], None]


@dataclass(frozen=True)
class DatasetFormat:
    name: str
    suffixes: tuple[str, ...]  # lower case, with the dot
    load: Load
    save: Save | None = None  # None: read-only here (a macro workbook is written by `perfxl new --excel-macros`)


def _load_workbook(path: Path) -> Dataset:
    if not path.is_file():  # before the reader, which would name the zip container instead
        raise InputError("file not found", path=path)
    return read_dataset(path)


def _save_workbook(dataset: Dataset, path: Path, force: bool) -> None:
    write_workbook(dataset, path, overwrite=force)


def _save_json(dataset: Dataset, path: Path, force: bool) -> None:
    check_output(path, force=force)
    write_text_atomic(path, interchange.dumps_json(dataset))


def _save_yaml(dataset: Dataset, path: Path, force: bool) -> None:
    check_output(path, force=force)
    write_text_atomic(path, interchange.dumps_yaml(dataset))


FORMATS: tuple[DatasetFormat, ...] = (
    DatasetFormat("workbook", (".xlsx",), _load_workbook, _save_workbook),
    DatasetFormat("macro workbook", (".xlsm",), _load_workbook),
    DatasetFormat("JSON interchange", (".json",), interchange.load, _save_json),
    DatasetFormat("YAML interchange", (".yaml", ".yml"), interchange.load, _save_yaml),
)
READABLE: tuple[str, ...] = tuple(s for f in FORMATS for s in f.suffixes)
WRITABLE: tuple[str, ...] = tuple(s for f in FORMATS if f.save is not None for s in f.suffixes)
INTERCHANGE: tuple[str, ...] = (".json", ".yaml", ".yml")


def format_of(path: Path) -> DatasetFormat | None:
    suffix = path.suffix.lower()
    return next((f for f in FORMATS if suffix in f.suffixes), None)


def load_dataset(path: str | Path) -> Dataset:
    """The Dataset in a workbook (.xlsx/.xlsm) or an interchange file (.json/.yaml/.yml).

    InputError (one line naming the file) for any other file type, a missing
    file, or a workbook whose conversion would lose or double rows.
    """
    path = Path(path)
    fmt = format_of(path)
    if fmt is None:
        raise InputError("expected a perfxl workbook (.xlsx) or an interchange file (.json/.yaml)", path=path)
    return fmt.load(path)


def save_dataset(dataset: Dataset, path: str | Path, *, force: bool = False) -> Path:
    """Write ``dataset`` atomically in the format the suffix of ``path`` names; returns the path.

    An existing file is replaced only with ``force`` (OutputError otherwise).
    """
    path = Path(path)
    fmt = format_of(path)
    if fmt is None or fmt.save is None:
        kind = path.suffix or "a file without extension"
        raise OutputError(f"{path}: cannot write a dataset as {kind}; use {', '.join(WRITABLE)}")
    fmt.save(dataset, path, force)
    return path
