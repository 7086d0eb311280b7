"""A sheet's records held as columns: one list per field, parallel to the spreadsheet rows.

Reading 100k indicator rows as one Python object per row costs ~25 µs and 3 KB a
row; as columns, a sheet costs one list per field, and a column is converted once
per *distinct* value (a workbook repeats a few hundred values thousands of times).
Model objects (:mod:`perfxl.core.model`) are built from these columns only for
the callers that want them (interchange, writers, merge).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from perfxl.workbook.cells import EXCEL_MAX_TEXT, Cell, text


@dataclass
class SheetColumns:
    """The records of one sheet: ``rows[i]`` is the spreadsheet row of record ``i``, ``values[key][i]`` its field.

    ``extra`` holds, per record, the values of the columns a person added (header → text),
    or is None when the sheet has no such column.
    """

    rows: list[int]
    values: dict[str, list[Any]]
    extra: list[dict[str, str]] | None = None

    @classmethod
    def empty(cls) -> SheetColumns:
        return cls([], {}, None)

    def __len__(self) -> int:
        return len(self.rows)

    def get(self, key: str) -> list[Any]:
        """The column of field ``key`` (all None when the sheet lacks it)."""
        column = self.values.get(key)
        return column if column is not None else [None] * len(self.rows)

    def extra_of(self, i: int) -> dict[str, str]:
        return self.extra[i] if self.extra is not None else {}

    def pick(self, indices: list[int]) -> SheetColumns:
        """The records at ``indices``, in that order."""
        pick = _picker(indices)
        return SheetColumns(
            pick(self.rows),
            {k: pick(v) for k, v in self.values.items()},
            pick(self.extra) if self.extra is not None else None,
        )

    @classmethod
    def keep_filled(
        cls, rows: list[int], values: dict[str, list[Any]], extra: list[dict[str, str]] | None
    ) -> SheetColumns:
        """Only the records with a value in some read column or a kept column (a row holding only a note is a row)."""
        columns = list(values.values())
        if extra is not None:
            columns.append([e or None for e in extra])
        if not columns:  # no column read (the header is not on row 1): no record
            return cls([], {}, None)
        # Most sheets have a column filled on every row (项目编码): then every row is kept.
        if any(None not in c for c in columns):
            return cls(rows, values, extra)
        width = len(columns)
        keep = [i for i, t in enumerate(zip(*columns, strict=True)) if t.count(None) != width]
        if len(keep) == len(rows):
            return cls(rows, values, extra)
        return cls(rows, values, extra).pick(keep)


def _picker(indices: list[int]) -> Callable[[Sequence[Any]], list[Any]]:
    """A function taking the items at ``indices`` of a list (itemgetter, which runs in C)."""
    if not indices:
        return lambda seq: []
    get = itemgetter(*indices)
    if len(indices) == 1:
        return lambda seq: [get(seq)]
    return lambda seq: list(get(seq))


def transpose(rows: Sequence[Sequence[Cell]], wanted: Sequence[int]) -> dict[int, list[Cell]]:
    """The columns ``wanted`` (0-based) of ``rows`` as lists; a short row gives ``""`` (a blank cell)."""
    if not rows:
        return {i: [] for i in wanted}
    widest = max(wanted, default=-1) + 1
    if min(map(len, rows)) >= widest:  # calamine's grids are rectangular: the fast path
        return {i: list(map(itemgetter(i), rows)) for i in wanted}
    return {i: [cells[i] if i < len(cells) else "" for cells in rows] for i in wanted}


def convert_column(convert: Callable[[Cell], Any], column: list[Cell]) -> list[Any]:
    """``convert`` applied to every cell of ``column``, once per distinct value.

    Text cells are looked up by value.  Other cells are keyed by (type, value), since
    1, 1.0 and True are equal in Python but not as cells; zero keeps its sign in the key
    (0.0 == -0.0).  A cell ``convert`` refuses raises :class:`CellError` as it would alone.
    """
    distinct = set(column)
    kinds = set(map(type, column)) - {str}
    # Equal values of different types (1.0 and True) or signed zeros share one set entry:
    # such a column is converted cell by cell below.  Otherwise one lookup per cell.
    if not kinds or (len(kinds) == 1 and 0 not in distinct):
        if convert is text and not kinds:  # the hot path: strip, blank → None, over-long text refused by text()
            table = {v: (v.strip() or None) if len(v) <= EXCEL_MAX_TEXT else text(v) for v in distinct}
        else:
            table = {v: convert(v) for v in distinct}
        return list(map(table.__getitem__, column))
    by_text: dict[str, Any] = {}
    by_key: dict[Any, Any] = {}
    out: list[Any] = []
    for v in column:
        if v.__class__ is str:
            got = by_text.get(v, by_text)
            if got is by_text:
                got = by_text[v] = convert(v)
        else:
            key = (v.__class__, v) if v else (v.__class__, repr(v))
            got = by_key.get(key, by_key)
            if got is by_key:
                got = by_key[key] = convert(v)
        out.append(got)
    return out
