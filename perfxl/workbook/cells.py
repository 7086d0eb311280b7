"""Cell converters: what calamine gives for one cell → the value the Dataset holds.

Numbers go through ``str()`` into Decimal (never binary noise), text that looks
like a formula stays text, and a cell that cannot be understood raises
:class:`CellError` with what was expected (the assembler adds file, sheet and cell).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from perfxl.core.errors import InputError
from perfxl.core.values import float_to_decimal, normalize_text, number_text, strict_decimal
from perfxl.workbook import schema as S

Cell = Any  # what calamine gives: str | float | int | bool | date | datetime | time | timedelta


EXCEL_MAX_TEXT = 32_767  # characters Excel holds in one cell; a longer text could never be written back
MAX_NAMED_CELLS = 10  # unreadable cells named in one refusal


class CellError(Exception):
    """A cell whose content does not fit its column (the message says what was expected)."""


def has_value(value: Cell) -> bool:
    return not (value is None or (isinstance(value, str) and not value.strip()))


def cell_text(value: Cell) -> str:
    """A cell as the text a person sees, leniently ('' for blank; 316001.0 → 316001); never raises."""
    if isinstance(value, float | int) and not isinstance(value, bool):
        return number_text(value)
    return str(value).strip() if value is not None else ""


def text(value: Cell) -> str | None:
    if isinstance(value, str):
        if len(value) > EXCEL_MAX_TEXT:
            raise CellError(
                f"text of {len(value):,} characters, over Excel's limit of {EXCEL_MAX_TEXT:,} per cell; shorten it"
            )
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
        except ValueError as exc:
            reason = str(exc)
            detail = "" if reason.startswith("expected") else f": {reason}"
            raise CellError(f"expected {expected}, found {value!r}{detail}") from None
    raise CellError(f"expected {expected}, found a date/time ({value})")


def money(value: Cell) -> Decimal | None:
    return _decimal_cell(value, expected="an amount in 万元 such as 10.00", scale=1, parse_text=strict_decimal)


def percent_text(value: str) -> Decimal:
    """A percentage typed as text: ``25%`` → 25; a bare ``0.25`` is read as the number Excel stores (→ 25).

    A bare number means what the same number typed as a number means, so text and
    numbers agree (``25`` → 2500, which ``schedule-range`` reports with a hint).
    """
    cleaned = normalize_text(value).strip()
    if cleaned.endswith("%"):
        return strict_decimal(cleaned[:-1])
    return strict_decimal(cleaned) * 100


def percent(value: Cell) -> Decimal | None:
    # Cells are %-formatted: Excel stores 25 % as 0.25, hence the scale for numbers.
    return _decimal_cell(value, expected="a percentage such as 25.00%", scale=100, parse_text=percent_text)


def number(value: Cell) -> Decimal | None:
    """A plain number kept with the digits it shows (a weight: 10 stays 10, 2.5 stays 2.5)."""
    if isinstance(value, float | int) and not isinstance(value, bool):
        return Decimal(number_text(value))
    return _decimal_cell(value, expected="a number such as 10", scale=1, parse_text=strict_decimal)


def whole_number(value: Cell) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float | int) and not isinstance(value, bool):
        if float(value).is_integer():
            return int(value)
        raise CellError(f"expected a whole number, found {value}")
    if isinstance(value, str):
        try:
            dec = strict_decimal(value)
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


class SheetCells(Protocol):
    """What :func:`unreadable_cells` needs of a sheet (a :class:`~perfxl.workbook.sheets.RawSheet`)."""

    header: list[str]

    @property
    def rows(self) -> list[tuple[int, list[Cell]]]: ...


def unreadable_cells(sheets: Mapping[str, SheetCells], *, limit: int = MAX_NAMED_CELLS) -> list[tuple[str, str, str]]:
    """(sheet, cell, reason) for every cell of the standard sheets its column's converter refuses (up to ``limit``).

    Called once something is refused, so that the refusal names every such cell, not the first.
    """
    out: list[tuple[str, str, str]] = []
    std = S.standard()
    for spec in std.sheets:
        raw = sheets.get(spec.name)
        if raw is None:
            continue
        known = spec.by_name()
        first = {name: i for i, name in reversed(list(enumerate(raw.header)))}  # a repeated header: the first is read
        # 序号 is read leniently (it is renumbered on writing).
        columns = [(i, converter(known[n].kind)) for n, i in first.items() if n in known and known[n].key != "seq"]
        for rownum, cells in raw.rows:
            for i, conv in columns:
                if i >= len(cells):
                    continue
                try:
                    conv(cells[i])
                except CellError as exc:
                    out.append((spec.name, S.cell_ref(rownum, i), str(exc)))
                    if len(out) >= limit:
                        return out
    return out


def refusal(path: str | Path, problems: Sequence[tuple[str, str, str]], *, more: bool = False) -> InputError:
    """One InputError naming every unreadable cell: located at the first, each listed as sheet!cell: reason."""
    sheet, cell, reason = problems[0]
    if len(problems) == 1 and not more:
        return InputError(reason, path=path, sheet=sheet, cell=cell)
    listed = "; ".join(f"{s}!{c}: {r}" for s, c, r in problems)
    count = f"{len(problems)}+" if more else str(len(problems))
    return InputError(f"{count} cells cannot be read — {listed}", path=path, sheet=sheet, cell=cell)
