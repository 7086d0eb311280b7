"""Cell converters: what calamine gives for one cell → the value the Dataset holds.

Numbers go through ``str()`` into Decimal (never binary noise), text that looks
like a formula stays text, and a cell that cannot be understood raises
:class:`CellError` with what was expected (the assembler adds file, sheet and cell).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from perfxl.core.values import float_to_decimal, number_text, parse_decimal, parse_percent

Cell = Any  # what calamine gives: str | float | int | bool | date | datetime | time | timedelta


class CellError(Exception):
    """A cell whose content does not fit its column (the message says what was expected)."""


def has_value(value: Cell) -> bool:
    return not (value is None or value == "" or (isinstance(value, str) and not value.strip()))


def cell_text(value: Cell) -> str:
    """A cell as the text a person sees, leniently ('' for blank; 316001.0 → 316001); never raises."""
    if isinstance(value, float | int) and not isinstance(value, bool):
        return number_text(value)
    return str(value).strip() if value is not None else ""


def text(value: Cell) -> str | None:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if value is None:
        return None
    if isinstance(value, bool):
        raise CellError("expected text, found TRUE/FALSE")
    if isinstance(value, float | int):
        return number_text(value)
    if isinstance(value, dt.date | dt.datetime | dt.time | dt.timedelta):
        raise CellError(f"expected text, found a date/time ({value}); format the cell as 文本 (text) and retype it")
    raise CellError(f"expected text, found {type(value).__name__}")


def _decimal_cell(value: Cell, *, expected: str, scale: int, parse_text: Callable[[str], Decimal]) -> Decimal | None:
    """A number cell: numbers exactly via str(), text parsed leniently, anything else refused."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise CellError(f"expected {expected}, found TRUE/FALSE")
    if isinstance(value, float | int):
        return float_to_decimal(value) * scale  # the model gives it its two places
    if isinstance(value, str):
        try:
            return parse_text(value)
        except ValueError:
            raise CellError(f"expected {expected}, found {value!r}") from None
    raise CellError(f"expected {expected}, found a date/time ({value})")


def money(value: Cell) -> Decimal | None:
    return _decimal_cell(value, expected="an amount in 万元 such as 10.00", scale=1, parse_text=parse_decimal)


def percent(value: Cell) -> Decimal | None:
    # Cells are %-formatted: Excel stores 25 % as 0.25, hence the scale for numbers.
    return _decimal_cell(value, expected="a percentage such as 25.00%", scale=100, parse_text=parse_percent)


def number(value: Cell) -> Decimal | None:
    """A plain number kept with the digits it shows (a weight: 10 stays 10, 2.5 stays 2.5)."""
    if isinstance(value, float | int) and not isinstance(value, bool):
        return Decimal(number_text(value))
    return _decimal_cell(value, expected="a number such as 10", scale=1, parse_text=parse_decimal)


def whole_number(value: Cell) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float | int) and not isinstance(value, bool):
        if float(value).is_integer():
            return int(value)
        raise CellError(f"expected a whole number, found {value}")
    if isinstance(value, str):
        try:
            dec = parse_decimal(value)
        except ValueError:
            raise CellError(f"expected a whole number, found {value!r}") from None
        if dec == dec.to_integral_value():
            return int(dec)
    raise CellError(f"expected a whole number, found {value!r}")


CONVERTERS: dict[str, Callable[[Cell], Any]] = {
    "money": money,
    "percent": percent,
    "int": whole_number,
    "number": number,
}


def converter(kind: str) -> Callable[[Cell], Any]:
    """The converter for a column kind of the schema (text for any other kind)."""
    return CONVERTERS.get(kind, text)


def convert(kind: str, value: Cell) -> Any:
    return converter(kind)(value)
