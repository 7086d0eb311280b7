"""The :class:`~perfxl.excel.backend.BookBackend` for a workbook open in Excel, via xlwings.

This is the only module that imports xlwings, and only when a workbook is looked
up (:meth:`XlwingsBook.caller`, :meth:`XlwingsBook.find`): the extra is optional,
so importing perfxl must never need it.  Values are read with
``Range.value`` (the current, unsaved values), fills with ``Range.color`` and
notes with xlwings' ``Note`` API.  perfxl's standard sheets are protected
without a password (header rows guarded); notes cannot be added to a protected
sheet, so on Windows each touched sheet is unprotected for the batch and
protected again with the same permissions.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator, Sequence
from typing import Any

from perfxl.core.errors import InputError
from perfxl.excel.backend import Value
from perfxl.excel.sizes import HEADER_FILL, note_size

MAX_ROW = 1_048_576
MAX_COLUMNS = 256  # perfxl sheets have about ten columns; a bigger used range is stray formatting

# Worksheet.Protect's positional parameters after Password (Excel's documented order).
_PROTECT_FLAGS = (
    "ProtectDrawingObjects",
    "ProtectContents",
    "ProtectScenarios",
    None,
    "AllowFormattingCells",
    "AllowFormattingColumns",
    "AllowFormattingRows",
    "AllowInsertingColumns",
    "AllowInsertingRows",
    "AllowInsertingHyperlinks",
    "AllowDeletingColumns",
    "AllowDeletingRows",
    "AllowSorting",
    "AllowFiltering",
    "AllowUsingPivotTables",
)


def _hex(rgb: Any) -> str | None:
    if rgb is None:
        return None
    r, g, b = rgb
    return f"#{int(r):02X}{int(g):02X}{int(b):02X}"


class XlwingsBook:
    """A workbook open in a running Excel (Windows or macOS)."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self._protected: dict[str, list[bool]] = {}  # sheet -> permissions to restore

    @classmethod
    def caller(cls) -> XlwingsBook:
        """The workbook whose button called Python (``RunPython``)."""
        import xlwings as xw

        return cls(xw.Book.caller())

    @classmethod
    def find(cls, name: str | None = None) -> XlwingsBook:
        """The workbook called ``name`` in any running Excel, or the active one."""
        import xlwings as xw

        if not xw.apps.count:
            raise InputError("no running Excel found; open the workbook in Excel first")
        if name is None:
            return cls(xw.books.active)
        for app in xw.apps:
            for book in app.books:
                if name in (book.name, book.fullname):
                    return cls(book)
        open_names = ", ".join(b.name for app in xw.apps for b in app.books) or "none"
        raise InputError(f"no open workbook named {name!r} (open: {open_names})")

    # --- BookBackend -------------------------------------------------------------

    @property
    def name(self) -> str:
        return str(self.book.name)

    @property
    def full_name(self) -> str:
        full = str(self.book.fullname)
        return full if ("/" in full or "\\" in full) and "://" not in full else ""

    def sheet_names(self) -> list[str]:
        return [s.name for s in self.book.sheets]

    def read_grid(self, sheet: str) -> list[list[Any]]:
        ws = self.book.sheets[sheet]
        last = ws.used_range.last_cell
        ncols = min(last.column, MAX_COLUMNS)
        # A used range can reach row 1,048,576 through formatting alone: find the
        # last row that holds a value, column by column (one call each).
        nrows = max(
            (ws.range((MAX_ROW, c)).end("up").row for c in range(1, ncols + 1)),
            default=1,
        )
        nrows = min(nrows, last.row)
        grid = ws.range((1, 1), (nrows, ncols)).options(ndim=2, empty=None).value
        if nrows == 1 and all(v is None for v in grid[0]):
            return []
        return [list(row) for row in grid]

    def get_fill(self, sheet: str, cell: str) -> str | None:
        return _hex(self.book.sheets[sheet].range(cell).color)

    def set_fill(self, sheet: str, cell: str, color: str | None) -> None:
        self._open(sheet)
        self.book.sheets[sheet].range(cell).color = color

    def get_note(self, sheet: str, cell: str) -> str | None:
        note = self.book.sheets[sheet].range(cell).note
        return None if note is None else str(note.text)

    def set_note(self, sheet: str, cell: str, text: str | None) -> None:
        self._open(sheet)
        rng = self.book.sheets[sheet].range(cell)
        note = rng.note
        if note is not None:
            note.delete()  # replacing keeps no trace of the old text's formatting
        if text:
            # A cell holding a threaded comment cannot take a note (nor can a protected sheet
            # on macOS): the cell is still filled and the finding listed on 校验结果.
            with contextlib.suppress(Exception):
                rng.add_note(text)
                shape = rng.api.Comment.Shape  # Windows; the note keeps Excel's size elsewhere
                width, height = note_size(text)
                shape.Width, shape.Height = width * 0.75, height * 0.75  # points

    def notes(self, sheet: str) -> dict[str, str]:
        return {str(n.location.address).replace("$", ""): str(n.text) for n in self.book.sheets[sheet].notes}

    def add_sheet(self, name: str, *, hidden: bool = False) -> None:
        ws = self.book.sheets.add(name, after=self.book.sheets[-1])
        if hidden:
            ws.visible = False

    def delete_sheet(self, name: str) -> None:
        self._protected.pop(name, None)
        self.book.sheets[name].delete()

    def write_rows(self, sheet: str, cell: str, rows: list[list[Value]]) -> None:
        if not rows:
            return
        self._open(sheet)
        rng = self.book.sheets[sheet].range(cell).resize(len(rows), max(len(r) for r in rows))
        width = rng.shape[1]
        if any(isinstance(v, str) for row in rows for v in row):
            # Text format first, so that '=…', '25%' or '1/2' stay the text they are.
            rng.number_format = "@"
        rng.value = [[*row, *[None] * (width - len(row))] for row in rows]

    def add_link(self, sheet: str, cell: str, target_sheet: str, target_cell: str, text: str) -> None:
        rng = self.book.sheets[sheet].range(cell)
        rng.number_format = "General"  # a text-formatted cell would show the formula as text
        label = text.replace('"', '""')
        target = target_sheet.replace("'", "''")
        rng.formula = f'=HYPERLINK("#\'{target}\'!{target_cell}","{label}")'

    def format_table(self, sheet: str, widths: Sequence[float]) -> None:
        ws = self.book.sheets[sheet]
        header = ws.range((1, 1), (1, len(widths)))
        header.font.bold = True
        header.color = HEADER_FILL
        for col, width in enumerate(widths, start=1):
            ws.range((1, col)).column_width = width
        last_row = max(ws.used_range.last_cell.row, 2)
        messages = ws.range((2, len(widths)), (last_row, len(widths)))
        messages.wrap_text = True
        # Excel sizes rows to wrapped text itself; the rest is Windows Excel's object model
        # (macOS differs): best effort, a table without it is still complete.
        with contextlib.suppress(Exception):
            messages.rows.autofit()
        with contextlib.suppress(Exception):
            ws.range((1, 1), (last_row, len(widths))).api.AutoFilter(1)
        with contextlib.suppress(Exception):
            setup = ws.api.PageSetup
            setup.Orientation = 2  # xlLandscape
            setup.Zoom = False
            setup.FitToPagesWide = 1
            setup.FitToPagesTall = False
            setup.PrintTitleRows = "$1:$1"
        with contextlib.suppress(Exception):
            ws.activate()  # freezing panes works on the active window; batch() restores the active sheet
            window = self.book.app.api.ActiveWindow
            window.SplitColumn, window.SplitRow = 0, 1
            window.FreezePanes = True

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        app = self.book.app
        active = self.book.sheets.active
        updating = app.screen_updating
        app.screen_updating = False
        try:
            yield
        finally:
            try:
                self._close_all()
                with contextlib.suppress(Exception):
                    active.activate()
            finally:
                app.screen_updating = updating

    # --- sheet protection (Windows) -------------------------------------------------

    def _open(self, sheet: str) -> None:
        if sheet in self._protected or sys.platform != "win32":
            return
        api = self.book.sheets[sheet].api
        if not api.ProtectContents:
            return
        permissions = [
            bool(getattr(api, flag) if flag.startswith("Protect") else getattr(api.Protection, flag)) if flag else False
            for flag in _PROTECT_FLAGS
        ]
        try:
            api.Unprotect("")
        except Exception:
            raise InputError(
                "this sheet is protected with a password; unprotect it (审阅 → 撤销工作表保护) and try again",
                path=self.name,
                sheet=sheet,
            ) from None
        self._protected[sheet] = permissions

    def _close_all(self) -> None:
        for sheet, permissions in self._protected.items():
            self.book.sheets[sheet].api.Protect("", *permissions)
        self._protected.clear()
