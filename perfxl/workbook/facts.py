"""Structural facts: what the shape of a workbook says, found once, while assembling.

Repeated unit and project codes, a 序号 used twice in one project, rows that
belong to no record (an indicator or plan row naming no project, a second plan
row for a project), values in columns outside the standard and the project
names shown beside 项目编码.  The rules (:mod:`perfxl.check.rules.references`) and the conversion gate
(:mod:`perfxl.workbook.gate`) both read these facts, so the two can never
disagree about what is repeated or left over; each decides what to make of
them (the rules, for instance, leave blank codes to ``required-cell``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import TYPE_CHECKING

from perfxl.workbook.cells import cell_text, has_value

if TYPE_CHECKING:
    from perfxl.workbook.sheets import RawSheet


@dataclass(frozen=True, slots=True)
class RepeatedCode:
    """A code on a later row of 单位 or 项目 than its first (blank codes included)."""

    sheet: str
    index: int  # of the record in dataset.units / dataset.projects
    row: int
    code: str
    first_row: int


@dataclass(frozen=True, slots=True)
class RepeatedSeq:
    """A (项目编码, 序号) pair on a later 绩效指标 row than its first (both non-blank)."""

    row: int
    code: str
    seq: str
    first_row: int


@dataclass(frozen=True, slots=True)
class UnplacedRow:
    """A 支出计划 or 绩效指标 row that belongs to no record of the Dataset."""

    sheet: str
    row: int
    code: str  # the 项目编码 it names ('' when blank)
    matches_project: bool  # some row of 项目 has that code
    first_row: int | None = None  # the row already holding that project's record on this sheet


@dataclass(frozen=True, slots=True)
class ExtraColumn:
    """A column outside the standard (or without a header) and how many values it holds.

    ``kept``: its values are read into the rows' ``extra`` (a named column with values, on a
    sheet that lacks none of its standard columns); otherwise they are not read.
    """

    sheet: str
    column: str  # letter
    header: str
    filled: int
    kept: bool = False


@dataclass(frozen=True, slots=True)
class ShownName:
    """A 项目名称 cell of 支出计划 or 绩效指标 (shown beside 项目编码; 项目 holds the name)."""

    sheet: str
    row: int
    code: str  # the 项目编码 of that row ('' when blank)
    name: str | None  # as typed (None when blank)


@dataclass(frozen=True, slots=True)
class ShownColumn:
    """The 项目名称 column of 支出计划 or 绩效指标, as columns: row, 项目编码 ('' when blank) and name as typed."""

    sheet: str
    rows: list[int]
    codes: list[str]
    names: list[str | None]


@dataclass
class Facts:
    repeated_project_codes: list[RepeatedCode] = field(default_factory=list)
    repeated_unit_codes: list[RepeatedCode] = field(default_factory=list)
    repeated_seqs: list[RepeatedSeq] = field(default_factory=list)
    unplaced: list[UnplacedRow] = field(default_factory=list)  # 支出计划 rows, then 绩效指标 rows
    extra_columns: list[ExtraColumn] = field(default_factory=list)
    shown: list[ShownColumn] = field(default_factory=list)  # 支出计划, then 绩效指标, when the sheet has the column

    @property
    def shown_names(self) -> list[ShownName]:
        """Every shown 项目名称 cell, one object each (for the few callers that want them)."""
        return [
            ShownName(s.sheet, row, code, name)
            for s in self.shown
            for row, code, name in zip(s.rows, s.codes, s.names, strict=True)
        ]

    def unplaced_on(self, sheet: str) -> list[UnplacedRow]:
        return [u for u in self.unplaced if u.sheet == sheet]


def repeated_codes(sheet: str, codes: Sequence[str], rows: Sequence[int]) -> list[RepeatedCode]:
    """Each record whose code an earlier record of ``sheet`` has already (``rows`` parallel to ``codes``)."""
    first: dict[str, int] = {}
    out: list[RepeatedCode] = []
    for index, (code, row) in enumerate(zip(codes, rows, strict=True)):
        if code in first:
            out.append(RepeatedCode(sheet, index, row, code, first[code]))
        else:
            first[code] = row
    return out


def repeated_seqs(raw: RawSheet, code_col: int, seq_col: int) -> list[RepeatedSeq]:
    """Rows of 绩效指标 whose (项目编码, 序号) an earlier row has, from the cells as typed.

    序号 is not part of the Dataset (it is renumbered on writing), so it is read here
    leniently: any text, never an error.
    """
    numbers = raw.numbers
    # A row too short for either cell gives "" there, which is skipped below as blank.
    pairs = list(zip(raw.column(code_col), raw.column(seq_col), strict=True))
    if len(set(pairs)) == len(pairs) and set(map(type, map(itemgetter(1), pairs))) <= {float}:
        return []  # all distinct and all numbers: no repeat however text is spelled
    first: dict[tuple[str, str], int] = {}
    out: list[RepeatedSeq] = []
    for row, (code_value, seq_value) in zip(numbers, pairs, strict=True):
        code, seq = cell_text(code_value), cell_text(seq_value)
        if not seq or not code:
            continue
        seen = first.setdefault((code, seq), row)
        if seen != row:
            out.append(RepeatedSeq(row, code, seq, seen))
    return out


def filled_cells(raw: RawSheet, col: int) -> int:
    """How many data rows of ``raw`` hold a value in column ``col`` (0-based)."""
    return sum(map(has_value, raw.column(col)))


def name_mismatches(
    project_codes: Sequence[str], project_names: Sequence[str | None], facts: Facts
) -> list[tuple[ShownName, str]]:
    """Each 项目名称 cell (blank ones too) that is not its project's name, with that name.

    Rows naming no project, and projects without a name in 项目, are left to other findings.
    Each distinct (项目编码, 名称) pair is compared once.
    """
    names: dict[str, str | None] = {}
    for code, name in zip(project_codes, project_names, strict=True):
        names.setdefault(code, name)
    out: list[tuple[ShownName, str]] = []
    for shown in facts.shown:
        pairs = list(zip(shown.codes, shown.names, strict=True))
        wrong = {pair for pair in set(pairs) if (name := names.get(pair[0])) and pair[1] != name}
        if not wrong:
            continue
        for row, pair in zip(shown.rows, pairs, strict=True):
            if pair in wrong:
                out.append((ShownName(shown.sheet, row, pair[0], pair[1]), names[pair[0]] or ""))
    return out
