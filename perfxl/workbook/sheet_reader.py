"""Read one standard sheet by header name, as columns: the standard columns, and the columns a person added.

A column outside the standard that holds values (备注, 责任科室 …) is kept: each
row's values go to the record's ``extra`` (header → text) and the reader notes
the column once (``extra-column``, info).  Not when the sheet also lacks one of
its standard columns: then the unknown column is most likely that column renamed
(预算数 → 预算金额), and it stays an ``unknown-column`` that stops conversions,
so money never slips silently into ``extra``.  A column without a header that
holds values cannot be named in any output: it stays ``unknown-column`` too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from perfxl.core.findings import Finding, Severity
from perfxl.workbook import schema as S
from perfxl.workbook.cells import (
    MAX_NAMED_CELLS,
    CellError,
    cell_text,
    converter,
    has_value,
    refusal,
    unreadable_cells,
)
from perfxl.workbook.columns import SheetColumns, convert_column
from perfxl.workbook.facts import ExtraColumn, Facts, filled_cells
from perfxl.workbook.layout import header_row, look_alike

if TYPE_CHECKING:
    from perfxl.workbook.sheets import RawBook

UNNAMED_COLUMN = "（无表头）"


def header_finding(code: str, severity: Severity, sheet: str, i: int, value: str) -> Finding:
    return Finding(
        code=code,
        severity=severity,
        sheet=sheet,
        cell=S.cell_ref(1, i),
        row=1,
        column=S.column_letter(i),
        value=value,
        ctx={"column": value},
    )


def missing_sheet(book: RawBook, name: str) -> Finding:
    """``missing-sheet``, or ``renamed-sheet`` naming the sheet that has its columns."""
    renamed = look_alike(book, name)
    if renamed is None:
        return Finding(code="missing-sheet", severity="error", sheet=name)
    return Finding(code="renamed-sheet", severity="error", sheet=name, value=renamed)


def _first_refused(convert: Callable[[Any], Any], column: list[Any]) -> int:
    """Index of the first cell of ``column`` that ``convert`` refuses (0 if none does)."""
    for i, value in enumerate(column):
        try:
            convert(value)
        except CellError:
            return i
    return 0


class SheetReader:
    """Reads one standard sheet as columns keyed by column key (kept columns as each row's ``extra``).

    A sheet whose header sits below row 1 gets one ``header-row`` finding and is not
    read (its per-column findings would only repeat that).
    """

    def __init__(self, book: RawBook, spec: S.SheetSpec, findings: list[Finding], facts: Facts) -> None:
        self.book = book
        self.spec = spec
        self.raw = book.sheets.get(spec.name)
        self.index: dict[str, int] = {}  # field key -> 0-based column
        self.extras: list[tuple[str, int]] = []  # (header, 0-based column) of kept columns, in sheet order
        self.misplaced: int | None = None  # the row holding the header, when it is not row 1
        if self.raw is None:
            findings.append(missing_sheet(book, spec.name))
            return
        self.misplaced = header_row(self.raw, spec)
        if self.misplaced is not None:
            row = self.misplaced
            findings.append(
                Finding(
                    code="header-row", severity="error", sheet=spec.name, cell=f"A{row}", row=row, column="A", value=row
                )
            )
            return
        known = spec.by_name()
        present = set(self.raw.header)
        missing = [c for c in spec.columns if c.name not in present and not c.optional and not c.derived]
        seen: set[str] = set()
        for i, name in enumerate(self.raw.header):
            if not name:
                if any(map(has_value, self.raw.column(i))):
                    findings.append(header_finding("unknown-column", "warning", spec.name, i, UNNAMED_COLUMN))
                    facts.extra_columns.append(
                        ExtraColumn(spec.name, S.column_letter(i), UNNAMED_COLUMN, filled_cells(self.raw, i))
                    )
            elif name in seen:
                findings.append(header_finding("duplicate-header", "error", spec.name, i, name))
            elif name in known:
                seen.add(name)
                self.index[known[name].key] = i
            else:
                seen.add(name)
                filled = filled_cells(self.raw, i)
                # Kept, unless a standard column is missing: then it is likely that column renamed.
                kept = filled > 0 and not missing
                if kept:
                    findings.append(header_finding("extra-column", "info", spec.name, i, name))
                else:
                    findings.append(header_finding("unknown-column", "warning", spec.name, i, name))
                facts.extra_columns.append(ExtraColumn(spec.name, S.column_letter(i), name, filled, kept=kept))
                if kept:
                    self.extras.append((name, i))
        for col in missing:
            findings.append(
                Finding(
                    code="missing-column",
                    severity="error",
                    sheet=spec.name,
                    ctx={"column": col.name},
                    value=col.name,
                )
            )

    def reads(self, key: str) -> bool:
        """Whether the column of field ``key`` is read (the sheet, its header and that column are all there)."""
        return key in self.index

    def letters(self) -> dict[str, str]:
        return {key: S.column_letter(i) for key, i in self.index.items()}

    def columns(self, *, skip: tuple[str, ...] = ()) -> SheetColumns:
        """The sheet's records as columns: what :meth:`rows` gives, one list per field (``skip`` columns not read).

        Each column is converted once per distinct value (a sheet repeats a few hundred
        values thousands of times); rows with no value in a read column are left out.
        """
        if self.raw is None:
            return SheetColumns.empty()
        plan = [
            (col.key, col.kind, self.index[col.key])
            for col in self.spec.columns
            if col.key in self.index and col.key not in skip
        ]
        numbers = self.raw.numbers
        raw_columns = {i: self.raw.column(i) for _, _, i in plan}
        values: dict[str, list[Any]] = {}
        for key, kind, i in plan:
            try:
                values[key] = convert_column(converter(kind), raw_columns[i])
            except CellError as exc:
                # Name every cell that cannot be read, not only one.
                here = (
                    self.spec.name,
                    S.cell_ref(numbers[_first_refused(converter(kind), raw_columns[i])], i),
                    str(exc),
                )
                found = unreadable_cells(self.book.sheets, limit=MAX_NAMED_CELLS + 1) or [here]
                raise refusal(self.book.path, found[:MAX_NAMED_CELLS], more=len(found) > MAX_NAMED_CELLS) from None
        extras: list[dict[str, str]] | None = None
        if self.extras:
            kept_columns = {i: self.raw.column(i) for _, i in self.extras}
            extras = [
                {name: shown for (name, i), value in zip(self.extras, row, strict=True) if (shown := cell_text(value))}
                for row in zip(*(kept_columns[i] for _, i in self.extras), strict=True)
            ]
        return SheetColumns.keep_filled(list(numbers), values, extras)
