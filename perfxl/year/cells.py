"""Stage cells as read (python-calamine values) → record values, by the column's kind.

The same conventions as the target sheets: numbers exactly through ``str()``,
text stripped, numbers typed in a text column kept as text (``96`` → ``"96"``),
dates refused with a reason (a text column formatted as a date loses what was typed).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from perfxl.core.values import float_to_decimal, number_text, parse_decimal


class StageCellError(ValueError):
    """A stage cell that cannot be read; the caller adds file, sheet and cell."""


def stage_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool):
        raise StageCellError("expected text, found TRUE/FALSE")
    if isinstance(value, int | float):
        return number_text(value)
    if isinstance(value, dt.date | dt.datetime | dt.time | dt.timedelta):
        raise StageCellError(
            f"expected text, found a date/time ({value}); format the cell as 文本 (text) and retype it"
        )
    raise StageCellError(f"expected text, found {type(value).__name__}")


def stage_number(value: Any, *, as_shown: bool = False) -> Decimal | None:
    """Money (in the dataset's amount unit) or points; ``as_shown`` keeps a number's digits (分值 10 stays 10)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise StageCellError("expected a number, found TRUE/FALSE")
    if isinstance(value, int | float):
        return Decimal(number_text(value)) if as_shown else float_to_decimal(value)
    if isinstance(value, str):
        try:
            return parse_decimal(value)
        except ValueError:
            raise StageCellError(f"expected a number such as 10.00, found {value!r}") from None
    raise StageCellError(f"expected a number, found a date/time ({value})")


def stage_int(value: Any) -> int | None:
    number = stage_number(value)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise StageCellError(f"expected a whole number, found {value!r}")
    return int(number)


def convert_stage_cell(kind: str, value: Any) -> Any:
    if kind in ("money", "points"):
        return stage_number(value, as_shown=kind == "points")
    if kind == "int":
        return stage_int(value)
    return stage_text(value)


def column_letter(index: int) -> str:
    """0-based column index → Excel letters (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
