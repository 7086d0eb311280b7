"""One table → projects: its label grid, its indicator block(s), or a flat one-row-per-indicator table.

A table may hold one project (Hebei: one table each), several (a new 项目名称 or
项目编码 row after an indicator block starts the next), or only the rest of the
previous project's indicators (a table split at a page break).  A table with no
label and no indicator header at all is not a project table: its cells are
reported once each.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from perfxl.importers.blocks import Cell
from perfxl.importers.drafts import IDENTITY, Drafts, Value
from perfxl.importers.flat import FlatReader, is_flat
from perfxl.importers.grid import GridReader, classify
from perfxl.importers.header import Header, is_header_row, read_header
from perfxl.importers.indicators import IndicatorReader
from perfxl.importers.labels import Lexicon
from perfxl.importers.report import Ledger
from perfxl.importers.sheet import Sheet


@dataclass
class TableContext:
    lex: Lexicon
    ledger: Ledger
    drafts: Drafts
    titles: list[tuple[Sheet, Cell]] = field(default_factory=list)  # unlabelled cells above the labels
    last_header: Header | None = None


def _is_identity_row(sheet: Sheet, r: int, lex: Lexicon) -> bool:
    return any((item := classify(c, lex)).kind == "field" and item.name in IDENTITY for c in sheet.filled(r))


def _has_labels(sheet: Sheet, first: int, last: int, lex: Lexicon) -> bool:
    for r in range(first, last + 1):
        for cell in sheet.filled(r):
            if classify(cell, lex).kind in ("field", "checkpoint", "group", "kept_out"):
                return True
    return False


def _next_header(sheet: Sheet, first: int, lex: Lexicon) -> int | None:
    for r in range(first, len(sheet.rows) + 1):
        if is_header_row(sheet.filled(r), lex):
            return r
    return None


def read_table(sheet: Sheet, ctx: TableContext, preface: list[Value]) -> bool:
    """Read one table into ``ctx.drafts``; False when it is not a project table."""
    lex, ledger, drafts = ctx.lex, ctx.ledger, ctx.drafts
    height = len(sheet.rows)
    first_filled = next((r for r in range(1, height + 1) if sheet.filled(r)), None)
    if first_filled is None:
        return False
    header_row = _next_header(sheet, 1, lex)
    labelled = _has_labels(sheet, 1, (header_row or height + 1) - 1, lex)
    if header_row is None and not labelled:
        ledger.sweep([sheet.table], "not a project table (no labels, no indicator header); not read")
        return False
    continues = not labelled and header_row == first_filled and drafts.current is not None and not preface
    if not continues:
        drafts.start(sheet.table, sheet.heading)
        grid = GridReader(sheet, lex, ledger, drafts)
        for value in preface:
            grid.assign("amount_unit" if value.text in lex.amount_units else "unit", value.text, value.cell, None)
    r = 1
    while r <= height:
        h = _next_header(sheet, r, lex)
        last = (h or height + 1) - 1
        if r <= last:
            grid = GridReader(sheet, lex, ledger, drafts)
            grid.rows(r, last)
            ctx.titles.extend((sheet, c) for c in grid.titles)
        if h is None:
            break
        header = read_header(sheet, h, lex)
        ctx.last_header = header
        unknown = {id(col.label) for col, _why in header.ignored if col.role == "unknown"}
        for col, why in header.ignored:
            if col.role == "unknown":
                ledger.cell(sheet.table, col.label, why, heading=sheet.heading)
        ledger.use(sheet.table, *(c for c in header.cells if id(c) not in unknown))
        if header.warning:
            ledger.note(header.warning, level="warning", table=sheet.table, row=h, heading=sheet.heading)
        if is_flat(header):
            FlatReader(sheet, header, lex, ledger, drafts).rows(header.last_row + 1, height)
            return True
        r = _indicator_block(sheet, header, ctx)
    return True


def _indicator_block(sheet: Sheet, header: Header, ctx: TableContext) -> int:
    """Read indicator rows after ``header``; the row where a new project begins (or past the end)."""
    drafts, lex, ledger = ctx.drafts, ctx.lex, ctx.ledger
    draft = drafts.current or drafts.start(sheet.table, sheet.heading)
    draft.header_seen = True
    reader = IndicatorReader(sheet, header, draft, lex, ledger)
    r = header.last_row + 1
    height = len(sheet.rows)
    while r <= height:
        filled = sheet.filled(r)
        if is_header_row(filled, lex):
            ledger.use(sheet.table, *filled)  # the header repeated after a page break
        elif _is_identity_row(sheet, r, lex):
            break
        elif filled and all(lex.is_furniture(c.text) for c in filled):
            for cell in filled:
                ledger.cell(sheet.table, cell, "signature or note line; not kept", heading=draft.title)
        elif not sheet.geometric and _joins_next(sheet, r, header, lex):
            # A dump cannot tell a cell's trailing empty paragraph from a row break:
            # a short row that the next one completes exactly is one row.
            reader.row(r, [*sheet.rows[r - 1], *sheet.rows[r]])
            r += 1
        else:
            reader.row(r)
        r += 1
    reader.finish()
    return r


def _joins_next(sheet: Sheet, r: int, header: Header, lex: Lexicon) -> bool:
    width = len(header.cells)
    if r >= len(sheet.rows) or len(sheet.rows[r - 1]) >= width:
        return False
    nxt = sheet.rows[r]
    return (
        len(sheet.rows[r - 1]) + len(nxt) == width
        and not is_header_row(nxt, lex)
        and not _is_identity_row(sheet, r + 1, lex)
    )
