"""A table as the parser sees it: rows of the cells that start in them, and what each text looks like.

Tables from Word, web pages, spreadsheets and PDFs are *geometric*: a cell's
grid column is where it really is, and a merged cell covers the rows and columns
it spans.  Tables recovered from text dumps are not: cells that were merged or
empty may be missing, so a row's cells are matched to columns by what they look
like (:mod:`perfxl.importers.align`).  A run of one-cell rows (a page that put
every cell on its own line) is regrouped into rows here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from perfxl.core.values import LOOKALIKE_SIGNS, QUALITATIVE, normalize_text, parse_value
from perfxl.importers.blocks import Cell, Table
from perfxl.importers.labels import Lexicon, base_key

GEOMETRIC_FORMATS = frozenset({"docx", "html", "xlsx", "xls", "pdf"})

# `316001魏县人力资源和社会保障局本级`, `820001-井研县马踏镇人民政府`, `820-马踏镇部门`:
# a code of digits (any length from 3), then a name in Chinese.
# Not a year or a quantity: `2022年…`, `230人…` are not unit lines.
UNIT_LINE = re.compile(r"^(\d{3,})\s*[-－—_ ]?\s*(?![年月日号个人次元万亿%])([\u4e00-\u9fff（(].*)$")
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_MONEY = re.compile(r"^[+-]?\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?$")
_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z\-_.]{5,}$")
SIGN_TEXTS = frozenset({"=", "≥", "≤", ">", "<", QUALITATIVE, *LOOKALIKE_SIGNS})


class Kind(Enum):
    LEVEL1 = "level1"  # a 一级 name (maybe also a 二级 name: 成本指标)
    LEVEL2 = "level2"
    SIGN = "sign"
    DIRECTION = "direction"
    NUMBER = "number"  # a plain number
    MONEY = "money"  # thousands separators, or a number with an amount unit
    VALUE = "value"  # sign/number/unit: ≥95%, 280人次
    UNIT_LINE = "unit_line"
    CODE = "code"
    SHORT = "short"  # a few characters without digits: a unit of measure (个, %, 人/年)
    TEXT = "text"


@dataclass(frozen=True)
class Kinds:
    kinds: frozenset[Kind]
    length: int

    def __contains__(self, kind: Kind) -> bool:
        return kind in self.kinds


def kinds_of(text: str, lex: Lexicon) -> Kinds:
    folded = normalize_text(text).strip()
    out: set[Kind] = set()
    key = base_key(folded)
    if lex.level1_of(folded):
        out.add(Kind.LEVEL1)
    if lex.is_level2(folded):
        out.add(Kind.LEVEL2)
    if folded in SIGN_TEXTS:
        out.add(Kind.SIGN)
    if lex.direction_of(folded):
        out.add(Kind.DIRECTION)
    if _NUMBER.match(key):
        out.add(Kind.NUMBER)
    amount = amount_prefix(folded, lex)
    if _MONEY.match(key) or (amount and amount[1] and (not amount[2] or amount[2][0] in "(（")):
        out.add(Kind.MONEY)
    if parse_value(key.replace("，", ",")).sign != QUALITATIVE:
        out.add(Kind.VALUE)
    if UNIT_LINE.match(folded):
        out.add(Kind.UNIT_LINE)
    if _CODE.match(key) and any(ch.isdigit() for ch in key) and len(key) >= 8:
        out.add(Kind.CODE)
    if 0 < len(key) <= 6 and not any(ch.isdigit() for ch in key) and not out:
        out.add(Kind.SHORT)
    if not out or Kind.SHORT in out:
        out.add(Kind.TEXT)
    return Kinds(frozenset(out), len(key))


_AMOUNT = re.compile(r"^([+-]?\d[\d,，]*(?:\.\d+)?)\s*([^\d\s（(]*)")


def amount_prefix(text: str, lex: Lexicon) -> tuple[str, str | None, str] | None:
    """``164万元`` → ("164", "万元", ""); ``854万(…)`` → ("854", "万", "(…)"); None if no amount leads."""
    folded = normalize_text(text).strip()
    m = _AMOUNT.match(folded)
    if m is None:
        return None
    number, unit = m.group(1), m.group(2)
    rest = folded[m.end() :].strip()
    if unit and unit not in lex.amount_units:
        for name in sorted(lex.amount_units, key=len, reverse=True):
            if unit.startswith(name):
                rest = (unit[len(name) :] + rest).strip()
                unit = name
                break
        else:
            return None
    return number, unit or None, rest


@dataclass
class Sheet:
    """One table (or a regrouped run of lines) ready for the parser."""

    table: Table
    geometric: bool
    heading: str | None = None
    grid: list[list[Cell | None]] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)  # cells starting in each grid row

    @classmethod
    def of(cls, table: Table, *, geometric: bool, heading: str | None = None) -> Sheet:
        rows: list[list[Cell]] = [[] for _ in range(table.height)]
        for cell in table.cells():
            rows[cell.row - 1].append(cell)
        for row in rows:
            row.sort(key=lambda c: c.column)
        return cls(table, geometric, heading, table.grid(), rows)

    @property
    def width(self) -> int:
        return self.table.width

    def covering(self, row: int, column: int) -> Cell | None:
        """The cell covering a 1-based grid position (a merged cell covers all of its span)."""
        if 1 <= row <= len(self.grid) and 1 <= column <= len(self.grid[row - 1]):
            return self.grid[row - 1][column - 1]
        return None

    def filled(self, row: int) -> list[Cell]:
        return [c for c in self.rows[row - 1] if c.text.strip()]
