"""The import report: what could not be read, what was made up, and every cell left unused.

Every non-empty cell of every table ends up either *used* (placed in the
dataset, or read as a label, a title or the year) or in the report with its
place (table, row, column), its text and why.  The :class:`Ledger` enforces
that: :meth:`Ledger.sweep` lists whatever no rule claimed, so nothing is ever
dropped silently, whatever the layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from perfxl.importers.blocks import Cell, Table

Level = Literal["error", "warning", "unused"]
# error: something that belongs in the dataset could not be read (the import is incomplete);
# warning: read, but made up or guessed (a placeholder code, a section outside the standard);
# unused: text that is not part of the dataset (titles, signatures, labels perfxl does not keep).
LEVELS: tuple[Level, ...] = ("error", "warning", "unused")


@dataclass(frozen=True)
class ImportProblem:
    """One line of the import report, with where it was."""

    message: str
    path: str | None = None
    heading: str | None = None  # the project table's heading (or the project's name)
    table: int | None = None  # 1-based table number in the document (None: outside tables)
    row: int | None = None  # 1-based grid row within the table
    column: int | None = None  # 1-based grid column within the table
    line: int | None = None  # source line (text dumps)
    text: str | None = None  # the cell's text, when the problem is one cell
    level: Level = "error"

    def place(self) -> str:
        where: list[str] = []
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.table is not None:
            cell = f"table {self.table}"
            if self.row is not None and self.line is None:
                cell += f" row {self.row}"
            if self.column is not None:
                cell += f" column {self.column}"
            where.append(cell)
        place = ", ".join(where)
        if self.heading:
            place = f"{place} «{self.heading}»" if place else f"«{self.heading}»"
        return place

    def describe(self) -> str:
        message = self.message
        if self.text is not None:
            message = f"{message}: «{short(self.text)}»"
        parts = [p for p in (self.path, self.place()) if p]
        return ": ".join([*parts, message])

    def location(self) -> dict[str, str | int | None]:
        """The flat location keys findings use: a document table is the "sheet" 表N, columns are numbers."""
        return {
            "sheet": None if self.table is None else f"表{self.table}",
            "cell": None,
            "row": self.row if self.line is None else self.line,
            "column": None if self.column is None else str(self.column),
        }


def short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


CellRef = tuple[int, int, int]  # (table number, row, column)


def ref(table: Table, cell: Cell) -> CellRef:
    return (table.number, cell.row, cell.column)


class Ledger:
    """Collects the report and remembers which cells were used or reported."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.items: list[ImportProblem] = []
        self._done: set[CellRef] = set()

    def use(self, table: Table, *cells: Cell | None) -> None:
        for cell in cells:
            if cell is not None:
                self._done.add(ref(table, cell))

    def is_done(self, table: Table, cell: Cell) -> bool:
        return ref(table, cell) in self._done

    def cell(
        self, table: Table, cell: Cell, message: str, *, level: Level = "unused", heading: str | None = None
    ) -> None:
        """Report one cell (once: a cell already used or reported is not listed again)."""
        if ref(table, cell) in self._done or not cell.text.strip():
            return
        self._done.add(ref(table, cell))
        self.items.append(
            ImportProblem(
                message,
                path=self.path,
                heading=heading,
                table=table.number if table.number > 0 else None,
                row=cell.row,
                column=cell.column,
                line=cell.line,
                text=cell.text,
                level=level,
            )
        )

    def extra(
        self, table: Table, cell: Cell, message: str, *, level: Level = "unused", heading: str | None = None
    ) -> None:
        """Report about a cell that was used (part of its text not kept, a bad number …)."""
        self._done.add(ref(table, cell))
        self.items.append(
            ImportProblem(
                message,
                path=self.path,
                heading=heading,
                table=table.number if table.number > 0 else None,
                row=cell.row,
                column=cell.column,
                line=cell.line,
                text=cell.text,
                level=level,
            )
        )

    def note(
        self,
        message: str,
        *,
        level: Level = "error",
        heading: str | None = None,
        table: Table | None = None,
        row: int | None = None,
        line: int | None = None,
    ) -> None:
        """Report something that is not one cell (a project left without indicators …)."""
        number = table.number if table is not None and table.number > 0 else None
        self.items.append(
            ImportProblem(message, path=self.path, heading=heading, table=number, row=row, line=line, level=level)
        )

    def sweep(self, tables: list[Table], reason: str = "not read: no label or column places this cell") -> None:
        """List every non-empty cell no rule claimed — the guarantee that nothing is dropped silently."""
        for table in tables:
            for cell in table.cells():
                self.cell(table, cell, reason)
