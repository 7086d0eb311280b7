"""The one check every command makes before it writes a file.

Workbooks are filled in by hand, so an output is never one of the command's
inputs, never a folder, device or link, of a file type the command can write,
and an existing file is replaced only when the caller says so (``--force``).
The atomic writers check the last two again when they move the file into place.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from perfxl.core.errors import OutputError
from perfxl.files.atomic import check_target


def check_output(
    target: Path,
    *,
    suffixes: Sequence[str] = (),
    inputs: Iterable[Path] = (),
    force: bool = False,
    what: str = "the output",
    same_input_hint: str = "choose another file name",
) -> None:
    """Raise OutputError (one line naming ``target``) unless ``target`` may be written now.

    ``suffixes`` are the file types allowed (lower case, with the dot; empty = any);
    ``what`` names the output in the message (``the new workbook``, ``--json``).
    """
    if suffixes and target.suffix.lower() not in suffixes:
        raise OutputError(f"{target}: {what} must be {_kinds(suffixes)} file")
    if target.exists() and any(p.exists() and p.resolve() == target.resolve() for p in inputs):
        raise OutputError(f"{target}: refusing to overwrite the input; {same_input_hint}")
    check_target(target, overwrite=force)


def _kinds(suffixes: Sequence[str]) -> str:
    """``an .xlsx`` / ``a .json, .yaml or .yml``: the article of the first suffix as it is spoken."""
    names = ", ".join(suffixes[:-1]) + f" or {suffixes[-1]}" if len(suffixes) > 1 else suffixes[0]
    article = "an" if suffixes[0][1:2].lower() in "aeiox" else "a"  # "an .xlsx": x is spoken "ex"
    return f"{article} {names}"
