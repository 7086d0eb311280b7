"""Indicator rows under a header: one :class:`Indicator` per row with a 三级指标 or a value.

In a real grid a merged 一级/二级 cell covers its rows; in a text dump the
merged cells are missing, so a row's cells are placed by what they look like
(:func:`perfxl.importers.align.align`) and 一级/二级 carry down — and, where a
dump wrote a merged 一级 cell's text in the middle of its block, back up over
the rows above it that had none.  A row with neither 三级指标 nor value is a
placeholder, not an indicator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from perfxl.core.model import Indicator
from perfxl.core.values import LOOKALIKE_SIGNS, QUALITATIVE, normalize_text, parse_value
from perfxl.importers.align import align, positional_score
from perfxl.importers.blocks import Cell
from perfxl.importers.drafts import Draft
from perfxl.importers.header import Header
from perfxl.importers.labels import Lexicon
from perfxl.importers.report import Ledger, Level
from perfxl.importers.sheet import Sheet, kinds_of

FIELDS = ("level1", "level2", "level3", "description", "basis")
_WEIGHT = re.compile(r"^\s*([+-]?\d+(?:\.\d+)?)\s*(?:分|%)?\s*$")
_SIGN_LEAD = re.compile(r"^\s*(?:≥|≤|>|<|=|≧|≦|＞|＜|＝)")


@dataclass
class RowCells:
    """The text each role has in one row, and the cells it came from."""

    row: int
    texts: dict[str, str] = field(default_factory=dict)
    cells: dict[str, Cell] = field(default_factory=dict)
    fresh: set[str] = field(default_factory=set)  # roles whose cell starts in this row
    line: int | None = None


def geometric_row(sheet: Sheet, r: int, header: Header) -> RowCells:
    out = RowCells(r)
    taken: set[tuple[int, int]] = set()
    for col in header.columns:
        cell = sheet.covering(r, col.first)
        if cell is None or (cell.row, cell.column) in taken:
            continue
        taken.add((cell.row, cell.column))
        out.cells[col.role] = cell
        out.texts[col.role] = cell.text.strip()
        if cell.row == r and cell.text.strip():
            out.fresh.add(col.role)
            out.line = out.line or cell.line
    return out


def text_row(raw: list[Cell], r: int, header: Header, lex: Lexicon) -> tuple[RowCells, list[Cell]]:
    """Place a text dump's row by position when that fits, else by content; also the cells left over.

    ``raw`` is the row's cells in order, empty ones included (a tab dump keeps them).
    """
    roles = header.roles()
    filled = [c for c in raw if c.text.strip()]
    kinds = [kinds_of(c.text, lex) for c in filled]
    placed, score = align(kinds, roles)
    out = RowCells(r, line=filled[0].line if filled else None)
    if len(raw) == len(header.cells) and len(roles) == len(raw):
        by_position: list[Cell | None] = [
            raw[col.first - 1] if col.first <= len(raw) else None for col in header.columns
        ]
        pos_kinds = [kinds_of(c.text, lex) if c is not None and c.text.strip() else None for c in by_position]
        pos_score = positional_score(pos_kinds, roles)
        if pos_score is not None and pos_score >= score - 2:
            for role, cell in zip(roles, by_position, strict=True):
                if cell is not None and cell.text.strip():
                    out.cells[role], out.texts[role] = cell, cell.text.strip()
                    out.fresh.add(role)
            return out, [c for c in filled if c not in by_position]
    leftover = []
    for cell, index in zip(filled, placed, strict=True):
        if index is None:
            leftover.append(cell)
            continue
        out.cells[roles[index]], out.texts[roles[index]] = cell, cell.text.strip()
        out.fresh.add(roles[index])
    return out, leftover


class IndicatorReader:
    """Turns the rows of one indicator block into indicators of ``draft``."""

    def __init__(self, sheet: Sheet, header: Header, draft: Draft, lex: Lexicon, ledger: Ledger) -> None:
        self.sheet, self.header, self.draft, self.lex, self.ledger = sheet, header, draft, lex, ledger
        self.carried: dict[str, str] = {}
        self.waiting: list[int] = []  # indicators (index in draft) still without a 一级 (text dumps)

    def report(self, cell: Cell, message: str, level: Level = "unused") -> None:
        self.ledger.cell(self.sheet.table, cell, message, level=level, heading=self.draft.title)

    def row(self, r: int, raw: list[Cell] | None = None) -> None:
        if self.sheet.geometric:
            cells = geometric_row(self.sheet, r, self.header)
            leftover: list[Cell] = []
        else:
            cells, leftover = text_row(raw or self.sheet.rows[r - 1], r, self.header, self.lex)
        for cell in leftover:
            self.report(cell, "does not fit any column of the indicator table", "error")
        self.report_ignored(r)
        self.add(cells)

    def report_ignored(self, r: int) -> None:
        if not self.sheet.geometric:
            return
        for col, why in self.header.ignored:
            cell = self.sheet.covering(r, col.first)
            if cell is not None and cell.row == r:
                self.report(cell, why)

    def add(self, rc: RowCells) -> None:
        texts = dict(rc.texts)
        for role in ("level1", "level2"):
            # A merged cell (or, in a dump, a missing one) carries its text down.
            if texts.get(role):
                if role == "level1" and self.waiting and not self.carried.get("level1"):
                    for index in self.waiting:  # a 一级 written mid-block names the rows above it too
                        self.draft.indicators[index] = self.draft.indicators[index].model_copy(
                            update={"level1": self.clean(texts[role], role)}
                        )
                    self.waiting = []
                if role == "level1" and self.carried.get("level1") not in (None, texts[role]):
                    self.carried.pop("level2", None)  # a new 一级 block: the 二级 above does not carry into it
                self.carried[role] = texts[role]
            elif (role == "level1" or not self.sheet.geometric) and self.carried.get(role):
                texts[role] = self.carried[role]
        if not texts.get("level3") and not texts.get("value"):
            for role, cell in rc.cells.items():
                if role in rc.fresh:
                    self.report(cell, "placeholder row (no 三级指标 and no value); not an indicator")
            return
        for cell in rc.cells.values():
            self.ledger.use(self.sheet.table, cell)
        sign, value, unit = self.value(texts, rc)
        indicator = Indicator(
            level1=self.clean(texts.get("level1"), "level1"),
            level2=self.clean(texts.get("level2"), "level2"),
            level3=texts.get("level3") or None,
            description=texts.get("description") or None,
            sign=sign,
            value=value,
            unit=unit,
            basis=texts.get("basis") or None,
            weight=self.weight(texts.get("weight"), rc.cells.get("weight")),
        )
        if indicator.level1 is None:
            if not self.sheet.geometric and not self.carried.get("level1"):
                self.waiting.append(len(self.draft.indicators))
            else:
                self.ledger.note(
                    "一级指标 is empty and there is none above it",
                    heading=self.draft.title,
                    table=self.sheet.table,
                    row=rc.row,
                    line=rc.line,
                )
        self.draft.indicators.append(indicator)

    def clean(self, text: str | None, role: str) -> str | None:
        """一级/二级 names without line breaks, spaces or score brackets (`成本指标(0-20)分`)."""
        if not text:
            return None
        key = self.lex.key(text).text
        if role == "level1":
            return self.lex.level1_of(text) or key
        return key

    def value(self, texts: dict[str, str], rc: RowCells) -> tuple[str | None, str | None, str | None]:
        sign_text = texts.get("sign") or None
        if sign_text is not None:
            sign_text = LOOKALIKE_SIGNS.get(normalize_text(sign_text).strip(), sign_text.strip())
        explicit = sign_text not in (None, "=", QUALITATIVE)
        value_text = texts.get("value") or None
        if sign_text in ("=", QUALITATIVE):
            explicit = True
            sign_text = None
        parts = [t for t in (sign_text, value_text, texts.get("unit") or None) if t]
        sign, value, unit = parse_value("".join(parts) or None)
        explicit = explicit or bool(value_text and _SIGN_LEAD.match(value_text))
        direction = texts.get("direction")
        if direction:
            implied = self.lex.direction_of(direction)
            cell = rc.cells["direction"]
            if implied is None:
                self.report(cell, "指标方向性 not understood (expected 正向 or 反向)", "error")
            elif sign == "=" and not explicit and implied != "=":
                sign = implied  # 指标方向性 fills the sign the value did not write
        return sign, value, unit

    def weight(self, text: str | None, cell: Cell | None) -> Decimal | None:
        if not text:
            return None
        m = _WEIGHT.match(normalize_text(text))
        if m is None:
            if cell is not None:
                self.ledger.extra(self.sheet.table, cell, "权重/分值 is not a number; not kept", level="error")
            return None
        return Decimal(m.group(1))

    def finish(self) -> None:
        for index in self.waiting:
            ind = self.draft.indicators[index]
            self.ledger.note(
                f"一级指标 is missing for «{ind.level3 or ind.value}»", heading=self.draft.title, table=self.sheet.table
            )
        self.waiting = []
