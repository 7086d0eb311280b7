"""Tables that lost their rows: one cell per line (a web page saved as text) regrouped into rows.

``项目名称 / 岳阳县…项目 / … / 一级指标 / 二级指标 / 三级指标 / 指标值 / 产出指标 / 数量指标 / 脱贫村… / ≥100公里 / …``:
before the indicator header every line is its own row (a label's value is the
line after it, which the grid reader handles as "beneath"); the header lines
become one row; after it a row is an optional 一级 name, an optional 二级 name
and then as many lines as the header has other columns.  A label broken over
two lines (``经济效益`` / ``指标``) is joined when the second line alone is no label and the
joined text is one.
"""

from __future__ import annotations

from dataclasses import dataclass

from perfxl.importers.blocks import Cell, Table
from perfxl.importers.header import is_subheader
from perfxl.importers.labels import Lexicon


@dataclass(frozen=True)
class Line:
    text: str
    line: int | None
    index: int  # position in the caller's sequence (paragraph or row number)


def _known(text: str, lex: Lexicon) -> bool:
    return lex.is_label(text) or lex.is_level_name(text) or lex.column_of(text) is not None


def join_fragments(lines: list[Line], lex: Lexicon) -> list[Line]:
    out: list[Line] = []
    i = 0
    while i < len(lines):
        cur = lines[i]
        if i + 1 < len(lines):
            nxt = lines[i + 1]
            joined = cur.text.strip() + nxt.text.strip()
            if not _known(nxt.text, lex) and _known(joined, lex):
                out.append(Line(cur.text.strip() + "\n" + nxt.text.strip(), cur.line, cur.index))
                i += 2
                continue
        out.append(cur)
        i += 1
    return out


def header_start(lines: list[Line], lex: Lexicon) -> int | None:
    """Index of the first of two or more consecutive indicator-header lines."""
    for i in range(len(lines) - 1):
        if lex.column_of(lines[i].text) and lex.column_of(lines[i + 1].text):
            return i
    return None


def regroup(lines: list[Line], lex: Lexicon, number: int) -> tuple[Table, int] | None:
    """A table from lines holding an indicator header, and how many lines it used (None: no header)."""
    lines = join_fragments(lines, lex)
    start = header_start(lines, lex)
    if start is None:
        return None
    rows: list[list[Line]] = [[line] for line in lines[:start]]
    end = start
    while end < len(lines) and lex.column_of(lines[end].text):
        end += 1
    header = lines[start:end]
    rows.append(header)
    width = sum(1 for h in header if lex.column_of(h.text) not in ("level1", "level2"))
    probe = [Cell(line.text, 1, 1) for line in lines[end : end + 3]]
    sub = 0
    while sub < len(probe) and is_subheader(probe[: sub + 1], lex):
        sub += 1
    if sub:
        rows.append(lines[end : end + sub])
        width += sub - 1
        end += sub
    i = end
    while i < len(lines):
        row: list[Line] = []
        j = i
        if j < len(lines) and lex.level1_of(lines[j].text) and not lex.is_level2(lines[j].text):
            row.append(lines[j])
            j += 1
        if j < len(lines) and lex.is_level2(lines[j].text):
            row.append(lines[j])
            j += 1
        taken = 0
        while j < len(lines) and taken < width and not lex.is_furniture(lines[j].text):
            if taken == 0 and lex.field_of(lines[j].text) in ("name", "code", "unit"):
                break  # the next project begins
            row.append(lines[j])
            j += 1
            taken += 1
        if j == i or (taken < width and len(row) <= 1):
            break  # not a row of this table: the text after it
        rows.append(row)
        i = j
    used = lines[i - 1].index + 1 - lines[0].index if i > 0 else 0
    cells = tuple(
        tuple(Cell(line.text, r, c, line=line.line) for c, line in enumerate(row, start=1))
        for r, row in enumerate(rows, start=1)
    )
    return Table(cells, number, line=lines[0].line), used
