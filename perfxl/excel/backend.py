"""The small interface between perfxl and an open workbook.

Cells are addressed by sheet name and A1 reference.  Fills are ``"#RRGGBB"``
strings (``None`` = no fill); notes are plain text (``None`` = no note).  Two
implementations: :class:`perfxl.excel.memory.MemoryBook` (openpyxl: annotated
copies, tests) and :class:`perfxl.excel.xlwings_backend.XlwingsBook` (a running Excel).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

Value = str | int | float | bool | None


class BookBackend(Protocol):
    """What perfxl needs from an open workbook — nothing more."""

    @property
    def name(self) -> str:
        """The workbook's file name (e.g. ``2022.xlsx``), used in messages."""
        ...

    @property
    def full_name(self) -> str:
        """Full path of the workbook ('' for an unsaved one); settings are looked up beside it."""
        ...

    def sheet_names(self) -> list[str]:
        """Worksheet names in tab order (hidden ones included)."""
        ...

    def read_grid(self, sheet: str) -> list[list[Any]]:
        """Current values from A1 to the last used cell, one list per row (unsaved edits included)."""
        ...

    def get_fill(self, sheet: str, cell: str) -> str | None: ...

    def set_fill(self, sheet: str, cell: str, color: str | None) -> None: ...

    def get_note(self, sheet: str, cell: str) -> str | None: ...

    def set_note(self, sheet: str, cell: str, text: str | None) -> None:
        """Replace the cell's note with ``text``; ``None`` deletes it."""
        ...

    def notes(self, sheet: str) -> dict[str, str]:
        """Every note on ``sheet``: A1 reference -> text."""
        ...

    def add_sheet(self, name: str, *, hidden: bool = False) -> None:
        """Add an empty worksheet after the last one."""
        ...

    def delete_sheet(self, name: str) -> None: ...

    def write_rows(self, sheet: str, cell: str, rows: list[list[Value]]) -> None:
        """Write a block of values with its top-left at ``cell``; strings stay text (never formulas)."""
        ...

    def add_link(self, sheet: str, cell: str, target_sheet: str, target_cell: str, text: str) -> None:
        """Put a hyperlink to ``target_sheet!target_cell`` showing ``text`` into ``cell``."""
        ...

    def format_table(self, sheet: str, widths: Sequence[float]) -> None:
        """Lay out a written table like the standard sheets: the column widths (in characters) from
        column A on; row 1 a bold, filled, framed header, frozen, with a filter; the last column
        wrapped, each row tall enough for it; printed landscape, one page wide, row 1 on every page."""
        ...

    def batch(self) -> AbstractContextManager[None]:
        """Group many edits (screen updating off, protected sheets opened and closed once)."""
        ...
