"""How big perfxl draws its notes, and the look of the 校验结果 table, for every backend.

A note keeps the size it is given: Excel and LibreOffice neither grow it to
its text nor scroll it, so a message longer than the box is cut off.  The box
is made tall enough for its text at a fixed width (9 pt note text: a Chinese
character about 12 px, two half-width characters' worth).
"""

from __future__ import annotations

from perfxl.workbook.text_size import wrapped_lines

NOTE_WIDTH_PX = 360
NOTE_MIN_HEIGHT_PX = 80
NOTE_MAX_HEIGHT_PX = 600
NOTE_LINE_PX = 16
NOTE_PADDING_PX = 12
NOTE_HALF_WIDTH_PX = 6.0
HEADER_FILL = "#DDEBF7"  # the standard sheets' header colour


def note_size(text: str) -> tuple[int, int]:
    """(width, height) in pixels of a note box that shows ``text`` whole."""
    per_line = (NOTE_WIDTH_PX - NOTE_PADDING_PX) / NOTE_HALF_WIDTH_PX
    height = wrapped_lines(text, per_line) * NOTE_LINE_PX + NOTE_PADDING_PX
    return NOTE_WIDTH_PX, max(NOTE_MIN_HEIGHT_PX, min(NOTE_MAX_HEIGHT_PX, height))
