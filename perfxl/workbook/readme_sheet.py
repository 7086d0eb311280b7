"""The 说明 sheet: how to fill the workbook, then one block per sheet.

Each block is the sheet's name and guidance, the sheet's own column headers,
and one example row under them written as that sheet writes it (money and
percentages as numbers in their formats), the budget year being the
workbook's own.  The text comes from ``templates/readme.yaml``, the columns
from the workbook standard, so the blocks cannot drift from the real sheets.
Printed landscape, one page wide; a page break goes before any block that
would otherwise run over the bottom of a page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from perfxl.files.resources import load_yaml, template_path
from perfxl.workbook import schema as S
from perfxl.workbook.text_size import LINE_POINTS, row_height

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

    from perfxl.workbook.writer import Formats

# The widest standard sheet (绩效指标 without its optional columns, with 项目名称) has 11 columns;
# the first two are wide enough for a 21-character 项目编码 on one line (it is the first or second column)
# and for the 项目名称 beside it.
WIDTHS = (24.0, 24.0, *(16.0,) * 9)
COLUMNS = len(WIDTHS)
TITLE_POINTS = 30.0  # room for the .xlsm's buttons beside the title
BUTTON_CELL = (0, 3)  # (row, column) where the .xlsm's buttons start: right of the title
NOTE_CELL = (1, 5)  # the .xlsm's note on the buttons: right of the introduction
YEAR = "{year}"
# The printable area of an A4 landscape page with XlsxWriter's default margins (0.7" sides, 0.75" top/bottom).
PAGE_WIDTH_POINTS = (29.7 / 2.54 - 1.4) * 72
PAGE_HEIGHT_POINTS = (21.0 / 2.54 - 1.5) * 72
INFO_COLUMNS = (
    S.Column(S.INFO_HEADER[0], "key", "text", 16),
    S.Column(S.INFO_HEADER[1], "value", "int", 16),
)


def column_width(col: int) -> float:
    return WIDTHS[col]


def column_pixels(col: int) -> int:
    """A column's width in pixels as Excel draws it (7 px per unit of the default font, 5 px of padding)."""
    return int(column_width(col) * 7 + 0.5) + 5


def _print_scale() -> float:
    """The shrink factor of "fit to one page wide" for the 说明 columns."""
    width_points = sum(column_pixels(c) for c in range(COLUMNS)) * 0.75
    return min(1.0, PAGE_WIDTH_POINTS / width_points)


def _block_columns(sheet: str) -> tuple[S.Column, ...]:
    if sheet == S.INFO:
        return INFO_COLUMNS
    return tuple(c for c in S.standard().sheet(sheet).columns if not c.optional)


def _example_value(value: Any, year: int | None) -> str:
    text = "" if value is None else str(value)
    return text.replace(YEAR, "" if year is None else str(year))


class _Rows:
    """Writes rows one after the other, keeping count of the height used (constant_memory writes in order)."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.row = 0
        self.heights: list[float] = []

    def next(self, height: float | None = None) -> int:
        if height is not None:
            self.ws.set_row(self.row, height)
        self.heights.append(height or LINE_POINTS)
        self.row += 1
        return self.row - 1


def write_readme(wb: Workbook, fmt: Formats, year: int | None, write_cell: Any) -> Worksheet:
    """Add the 说明 sheet; ``write_cell(ws, row, col, kind, value, format, sheet)`` writes a typed cell."""
    text = load_yaml(template_path("readme.yaml"))
    ws = wb.add_worksheet(S.README)
    for c in range(COLUMNS):
        ws.set_column(c, c, column_width(c))
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    rows = _Rows(ws)
    ws.write_string(rows.next(TITLE_POINTS), 0, text["title"], fmt.title)
    rows.next()
    for line in text["intro"]:
        ws.write_string(rows.next(), 0, line, fmt.line)
    rows.next()
    breaks: list[int] = []
    capacity = PAGE_HEIGHT_POINTS / _print_scale()
    page_top = 0.0
    for sheet, entry in text["sheets"].items():
        columns = _block_columns(sheet)
        example = entry.get("example", {})
        values = [_example_value(example.get(c.name), year) for c in columns]
        header_height = row_height([(c.name, column_width(i)) for i, c in enumerate(columns)])
        example_height = row_height([(v, column_width(i)) for i, v in enumerate(values)])
        block = LINE_POINTS * 2 + (header_height or LINE_POINTS) + (example_height or LINE_POINTS)
        used = sum(rows.heights) - page_top
        if used + block > capacity and rows.row > 0:
            breaks.append(rows.row)
            page_top = sum(rows.heights)
        ws.write_string(rows.next(), 0, f"{sheet}：{entry['guide']}", fmt.section)
        r = rows.next(header_height)
        for i, col in enumerate(columns):
            ws.write_string(r, i, col.name, fmt.header)
        r = rows.next(example_height)
        for i, (col, value) in enumerate(zip(columns, values, strict=True)):
            kind = col.kind if col.kind in ("money", "percent", "int") else "text"
            if value:
                write_cell(ws, r, i, kind, value, fmt.example(kind), S.README)
            else:
                ws.write_blank(r, i, None, fmt.example(kind))  # framed like the rest of the row
        rows.next()
    if breaks:
        ws.set_h_pagebreaks(breaks)
    # Codes and numbers in the examples are text on purpose: no green "number stored as text" marks.
    ws.ignore_errors({"number_stored_as_text": f"A1:{S.cell_ref(rows.row, COLUMNS - 1)}"})
    ws.activate()
    return ws
