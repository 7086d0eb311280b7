"""How tall a row must be for its wrapped text to show whole.

Excel sizes a row to its wrapped text only when it recalculates the row itself;
a row written without a height opens one line high in LibreOffice and WPS, the
rest of the text cut off.  So the writer estimates: a column ``width`` wide
(Excel's unit, the width of one ``0`` of the default font) holds about
``width`` half-width characters per line, and a Chinese character takes two
(East Asian Wide/Fullwidth).  One line of 10.5 pt text takes 15 pt — the
height of the Noto CJK fonts LibreOffice draws 宋体 with, a little more than
Excel's 13.5 pt, so the row is never too short anywhere.
"""

from __future__ import annotations

import math
import unicodedata
from functools import lru_cache

LINE_POINTS = 15.0
PADDING_POINTS = 3.0
MAX_ROW_POINTS = 409.0  # Excel's limit


def display_width(text: str) -> int:
    """Width in half-width character cells: CJK and fullwidth forms count double."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@lru_cache(maxsize=1 << 16)  # a workbook repeats its texts: measured once per (text, width)
def wrapped_lines(text: str, width: float) -> int:
    """Lines ``text`` takes when wrapped in a column ``width`` wide (each line break starts one)."""
    # Excel draws a column width*7+5 px wide, a 10.5 pt Chinese character 14 px: two units.
    usable = max(width, 1.0)
    return sum(max(1, math.ceil(display_width(line) / usable)) for line in text.split("\n"))


def row_points(lines: int) -> float:
    """Row height in points for ``lines`` lines of text."""
    return min(MAX_ROW_POINTS, lines * LINE_POINTS + PADDING_POINTS)


def row_height(cells: list[tuple[str, float]]) -> float | None:
    """Height for a row of wrapped ``(text, column width)`` cells; None when one line is enough."""
    lines = max((wrapped_lines(text, width) for text, width in cells if text), default=1)
    return row_points(lines) if lines > 1 else None
