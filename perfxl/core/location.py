"""Where something sits: one shape for findings, input errors and import problems.

A :class:`Location` names a sheet (or a part of a document, such as 表3), an A1
cell, its row and column letter, and the project the row belongs to.  Every
one-line message that says where something is goes through
:func:`format_location`, so a file, sheet and cell read the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


# A plain dataclass, not a pydantic model: InputError uses it, and importing pydantic
# would slow down `perfxl --help` (findings hold it as a pydantic field all the same).
@dataclass(frozen=True, slots=True)
class Location:
    """A place in a workbook or document; every part is optional."""

    sheet: str | None = None  # sheet name, or a document part such as "表3"
    cell: str | None = None  # A1 reference
    row: int | None = None  # 1-based
    column: str | None = None  # column letter (for documents: the column number as text)
    project_code: str | None = None

    @property
    def reference(self) -> str:
        """The spreadsheet reference ``sheet!A1`` (just the sheet when there is no cell)."""
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet or ""


def format_location(path: str | Path | None, loc: Location) -> str:
    """``file: sheet: cell`` with the parts that are known ('' when none is).

    Without a cell, the row (``row 12``) or column (``column C``) stands in for it.
    """
    if loc.cell:
        place = loc.cell
    elif loc.row is not None:
        place = f"row {loc.row}"
    elif loc.column:
        place = f"column {loc.column}"
    else:
        place = ""
    return ": ".join(str(p) for p in (path, loc.sheet, place) if p)
