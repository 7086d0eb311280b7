"""An in-memory workbook implementing :class:`~perfxl.excel.backend.BookBackend`.

It stands in for a live Excel session where there is none (Linux, tests): the
whole validate → paint → clear path runs against it exactly as against Excel.
``from_xlsx`` loads a real file's values, fills and notes with openpyxl.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perfxl.excel.backend import Value
from perfxl.workbook import schema as S

_REF = re.compile(r"^\$?([A-Z]{1,3})\$?([1-9][0-9]*)$")


def split_ref(ref: str) -> tuple[int, int]:
    """A1 reference → (1-based row, 0-based column)."""
    m = _REF.match(ref.upper())
    if m is None:
        raise ValueError(f"not an A1 cell reference: {ref!r}")
    return int(m.group(2)), S.column_index(m.group(1))


@dataclass
class MemorySheet:
    name: str
    values: dict[tuple[int, int], Any] = field(default_factory=dict)
    fills: dict[tuple[int, int], str] = field(default_factory=dict)
    notes: dict[tuple[int, int], str] = field(default_factory=dict)
    links: dict[tuple[int, int], str] = field(default_factory=dict)  # cell -> "Sheet!A1"
    hidden: bool = False


class MemoryBook:
    """A workbook held in dicts; sheets keep insertion (tab) order."""

    def __init__(self, name: str = "Book1.xlsx", full_name: str = "") -> None:
        self._name = name
        self._full_name = full_name
        self.sheets: dict[str, MemorySheet] = {}
        self.batches = 0  # how many batch() blocks ran (tests check edits are grouped)

    @classmethod
    def from_grids(cls, grids: dict[str, list[list[Any]]], *, name: str = "Book1.xlsx") -> MemoryBook:
        book = cls(name)
        for sheet, grid in grids.items():
            book.add_sheet(sheet)
            book.sheets[sheet].values.update(
                {(r, c): v for r, row in enumerate(grid, start=1) for c, v in enumerate(row) if v is not None}
            )
        return book

    @classmethod
    def from_xlsx(cls, path: str | Path) -> MemoryBook:
        """Load values, solid fills and notes of every sheet of an .xlsx file."""
        from openpyxl import load_workbook

        path = Path(path)
        wb = load_workbook(path)
        book = cls(path.name, str(path.resolve()))
        for ws in wb.worksheets:
            book.add_sheet(ws.title, hidden=ws.sheet_state != "visible")
            sheet = book.sheets[ws.title]
            for row in ws.iter_rows():
                for c in row:
                    key = (c.row, c.column - 1)
                    if c.value is not None:
                        sheet.values[key] = c.value
                    rgb = c.fill.fgColor.rgb if c.fill is not None and c.fill.fill_type == "solid" else None
                    if isinstance(rgb, str) and len(rgb) == 8:
                        sheet.fills[key] = "#" + rgb[2:].upper()
                    if c.comment is not None:
                        sheet.notes[key] = c.comment.text
        wb.close()
        return book

    # --- BookBackend -------------------------------------------------------------

    @property
    def name(self) -> str:
        return self._name

    @property
    def full_name(self) -> str:
        return self._full_name

    def sheet_names(self) -> list[str]:
        return list(self.sheets)

    def _sheet(self, name: str) -> MemorySheet:
        try:
            return self.sheets[name]
        except KeyError:
            raise KeyError(f"no sheet {name!r} in {self._name}") from None

    def read_grid(self, sheet: str) -> list[list[Any]]:
        values = self._sheet(sheet).values
        if not values:
            return []
        rows = max(r for r, _ in values)
        cols = max(c for _, c in values) + 1
        return [[values.get((r, c)) for c in range(cols)] for r in range(1, rows + 1)]

    def get_fill(self, sheet: str, cell: str) -> str | None:
        return self._sheet(sheet).fills.get(split_ref(cell))

    def set_fill(self, sheet: str, cell: str, color: str | None) -> None:
        fills = self._sheet(sheet).fills
        if color is None:
            fills.pop(split_ref(cell), None)
        else:
            fills[split_ref(cell)] = color.upper()

    def get_note(self, sheet: str, cell: str) -> str | None:
        return self._sheet(sheet).notes.get(split_ref(cell))

    def set_note(self, sheet: str, cell: str, text: str | None) -> None:
        notes = self._sheet(sheet).notes
        if text is None:
            notes.pop(split_ref(cell), None)
        else:
            notes[split_ref(cell)] = text

    def notes(self, sheet: str) -> dict[str, str]:
        return {S.cell_ref(r, c): text for (r, c), text in self._sheet(sheet).notes.items()}

    def add_sheet(self, name: str, *, hidden: bool = False) -> None:
        if name in self.sheets:
            raise ValueError(f"sheet {name!r} already exists")
        self.sheets[name] = MemorySheet(name, hidden=hidden)

    def delete_sheet(self, name: str) -> None:
        self._sheet(name)
        del self.sheets[name]

    def write_rows(self, sheet: str, cell: str, rows: list[list[Value]]) -> None:
        values = self._sheet(sheet).values
        top, left = split_ref(cell)
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                key = (top + i, left + j)
                if value is None or value == "":
                    values.pop(key, None)
                else:
                    values[key] = value

    def add_link(self, sheet: str, cell: str, target_sheet: str, target_cell: str, text: str) -> None:
        ws = self._sheet(sheet)
        key = split_ref(cell)
        ws.values[key] = text
        ws.links[key] = f"{target_sheet}!{target_cell}"

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        self.batches += 1
        yield

    # --- conveniences for tests ---------------------------------------------------

    def value(self, sheet: str, cell: str) -> Any:
        return self._sheet(sheet).values.get(split_ref(cell))

    def insert_rows(self, sheet: str, before: int, count: int = 1) -> None:
        """Insert blank rows the way Excel does: everything from ``before`` down moves, fills and notes too."""
        ws = self._sheet(sheet)
        for store in (ws.values, ws.fills, ws.notes, ws.links):
            moved = {((r + count) if r >= before else r, c): v for (r, c), v in store.items()}
            store.clear()
            store.update(moved)
