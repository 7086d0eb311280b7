"""A workbook held in memory by openpyxl, implementing :class:`~perfxl.excel.backend.BookBackend`.

It stands in for a live Excel session where there is none, so the one painter
in :mod:`perfxl.excel.live` serves both paths: ``perfxl validate --annotate``
opens the file with :meth:`MemoryBook.open`, paints it and :meth:`MemoryBook.save`\\ s
the copy; tests run validate → paint → clear against it exactly as against Excel.
openpyxl is imported only when a book is made (``perfxl.excel`` stays light).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from perfxl.core.errors import InputError
from perfxl.excel.backend import Value
from perfxl.excel.sizes import HEADER_FILL, note_size
from perfxl.files.atomic import atomic_path
from perfxl.workbook import schema as S
from perfxl.workbook.text_size import row_height

LINK_COLOR = "0563C1"  # Excel's own hyperlink blue


class MemoryBook:
    """An openpyxl ``Workbook`` seen through the backend interface; ``save`` writes it out atomically."""

    def __init__(self, workbook: Any = None, *, name: str = "Book1.xlsx", full_name: str = "") -> None:
        if workbook is None:
            from openpyxl import Workbook

            workbook = Workbook()
            workbook.remove(workbook.active)  # start with no sheets, like from_grids expects
        self.workbook = workbook
        self._name = name
        self._full_name = full_name
        self.batches = 0  # how many batch() blocks ran (tests check edits are grouped)

    @classmethod
    def open(cls, path: str | Path) -> MemoryBook:
        """Load an .xlsx/.xlsm file with its values, formatting and notes; the file itself is not touched."""
        import openpyxl

        path = Path(path)
        try:
            wb = openpyxl.load_workbook(path)
        except Exception as exc:  # openpyxl raises many kinds (IndexError, TypeError, KeyError …) on odd files
            reason = " ".join(str(exc).split()) or type(exc).__name__
            raise InputError(f"openpyxl cannot open this workbook to mark it up ({reason})", path=path) from None
        return cls(wb, name=path.name, full_name=str(path.resolve()))

    def save(self, path: str | Path) -> Path:
        """Write the workbook to ``path`` atomically (a temporary file, then rename)."""
        path = Path(path)
        if self.workbook.active is None or self.workbook.active.sheet_state != "visible":
            self.activate(next(ws.title for ws in self.workbook.worksheets if ws.sheet_state == "visible"))
        with atomic_path(path) as tmp:
            self.workbook.save(tmp)
        return path

    def activate(self, sheet: str) -> None:
        """Open the workbook on ``sheet`` (only that tab selected, else Excel opens with sheets grouped)."""
        for ws in self.workbook.worksheets:
            ws.sheet_view.tabSelected = ws.title == sheet
        self.workbook.active = self.workbook.sheetnames.index(sheet)

    # --- BookBackend -------------------------------------------------------------

    @property
    def name(self) -> str:
        return self._name

    @property
    def full_name(self) -> str:
        return self._full_name

    def sheet_names(self) -> list[str]:
        return list(self.workbook.sheetnames)

    def _ws(self, name: str) -> Any:
        if name not in self.workbook.sheetnames:
            raise KeyError(f"no sheet {name!r} in {self._name}")
        return self.workbook[name]

    def read_grid(self, sheet: str) -> list[list[Any]]:
        grid = [list(row) for row in self._ws(sheet).iter_rows(values_only=True)]
        while grid and all(v is None for v in grid[-1]):
            grid.pop()
        width = max((i + 1 for row in grid for i, v in enumerate(row) if v is not None), default=0)
        return [row[:width] for row in grid]

    def get_fill(self, sheet: str, cell: str) -> str | None:
        fill = self._ws(sheet)[cell].fill
        rgb = fill.fgColor.rgb if fill is not None and fill.fill_type == "solid" else None
        # Theme or indexed colours have no RGB here; they read as no fill.
        return "#" + rgb[2:].upper() if isinstance(rgb, str) and len(rgb) == 8 else None

    def set_fill(self, sheet: str, cell: str, color: str | None) -> None:
        from openpyxl.styles import PatternFill

        target = self._ws(sheet)[cell]
        if color is None:
            target.fill = PatternFill(fill_type=None)
        else:
            argb = "FF" + color.lstrip("#").upper()
            target.fill = PatternFill(fill_type="solid", start_color=argb, end_color=argb)

    def get_note(self, sheet: str, cell: str) -> str | None:
        comment = self._ws(sheet)[cell].comment
        return None if comment is None else str(comment.text)

    def set_note(self, sheet: str, cell: str, text: str | None) -> None:
        from openpyxl.comments import Comment

        if not text:
            self._ws(sheet)[cell].comment = None
            return
        text = _xml_safe(text)
        width, height = note_size(text)
        self._ws(sheet)[cell].comment = Comment(text, "perfxl", width=width, height=height)

    def notes(self, sheet: str) -> dict[str, str]:
        return {
            S.cell_ref(c.row, c.column - 1): str(c.comment.text)
            for row in self._ws(sheet).iter_rows()
            for c in row
            if c.comment is not None
        }

    def add_sheet(self, name: str, *, hidden: bool = False) -> None:
        if name in self.workbook.sheetnames:
            raise ValueError(f"sheet {name!r} already exists")
        ws = self.workbook.create_sheet(name)
        if hidden:
            ws.sheet_state = "hidden"

    def delete_sheet(self, name: str) -> None:
        self.workbook.remove(self._ws(name))

    def write_rows(self, sheet: str, cell: str, rows: list[list[Value]]) -> None:
        ws = self._ws(sheet)
        top = ws[cell]
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                _put(ws.cell(row=top.row + i, column=top.column + j), None if value == "" else value)

    def add_link(self, sheet: str, cell: str, target_sheet: str, target_cell: str, text: str) -> None:
        from openpyxl.styles import Font
        from openpyxl.worksheet.hyperlink import Hyperlink

        target = self._ws(sheet)[cell]
        _put(target, text)
        quoted = target_sheet.replace("'", "''")
        target.hyperlink = Hyperlink(ref=target.coordinate, location=f"'{quoted}'!{target_cell}")
        target.font = Font(color=LINK_COLOR, underline="single")

    def format_table(self, sheet: str, widths: Sequence[float]) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
        from openpyxl.worksheet.properties import PageSetupProperties

        ws = self._ws(sheet)
        fill = PatternFill(fill_type="solid", start_color="FF" + HEADER_FILL[1:], end_color="FF" + HEADER_FILL[1:])
        thin = Side(style="thin")
        last = S.column_letter(len(widths) - 1)
        for col, width in enumerate(widths):
            ws.column_dimensions[S.column_letter(col)].width = width
            header = ws.cell(row=1, column=col + 1)
            header.font = Font(bold=True)
            header.fill = fill
            header.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            header.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{last}{max(ws.max_row, 2)}"
        # The last column holds the message: wrapped, each row as tall as its text.
        top = Alignment(vertical="top")
        wrapped = Alignment(vertical="top", wrap_text=True)
        for row in ws.iter_rows(min_row=2, max_col=len(widths)):
            for cell in row:
                cell.alignment = wrapped if cell.column == len(widths) else top
            message = row[-1].value
            height = row_height([(str(message), widths[-1])]) if message else None
            if height is not None:
                ws.row_dimensions[row[0].row].height = height
        # Printed landscape on A4, one page wide, the header on every page.
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.print_title_rows = "1:1"

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        self.batches += 1
        yield

    # --- conveniences for tests ---------------------------------------------------

    def value(self, sheet: str, cell: str) -> Any:
        return self._ws(sheet)[cell].value

    def link(self, sheet: str, cell: str) -> str | None:
        """Where the cell's hyperlink points (``'Sheet'!A1``), if it has one."""
        hyperlink = self._ws(sheet)[cell].hyperlink
        return None if hyperlink is None else str(hyperlink.location)

    def insert_rows(self, sheet: str, before: int, count: int = 1) -> None:
        """Insert blank rows the way Excel does: everything from ``before`` down moves, fills and notes too."""
        self._ws(sheet).insert_rows(before, count)


def _xml_safe(text: str) -> str:
    """Drop control characters XML cannot hold (a workbook value quoted in a message may carry one)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return str(ILLEGAL_CHARACTERS_RE.sub("", text))


def _put(cell: Any, value: Value) -> None:
    """Assign a value; a string stays text even when it starts with = + - @ (never a formula)."""
    if isinstance(value, str):
        value = _xml_safe(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
