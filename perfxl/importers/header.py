"""The header of an indicator table: which column holds what, wherever the header sits.

Handles the shapes seen in published tables: the header row anywhere in the
table with a block label beside it (``绩效指标`` merged down), a two-row header
whose 指标值 splits into last year's actual and this year's target, and two
indicator sets side by side (中期 and 年度: the yearly set is read, the other's
cells are reported).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from perfxl.importers.blocks import Cell
from perfxl.importers.labels import Lexicon
from perfxl.importers.sheet import Sheet

# Roles an indicator table's columns can have (see templates/labels.yaml indicator_columns).
NAME_ROLES = ("level1", "level2", "level3")
# Project columns of a flat table (one row per indicator); beside an ordinary header they are block labels.
PROJECT_FIELDS = ("unit", "code", "name", "total", "fiscal", "other", "purpose", "goals")
PROJECT_ROLES = ("unit_name", "code", "name", "total", "fiscal", "other", "purpose", "goals")
_VALUE_LIKE = re.compile(r"(指标值|目标值|实现值|完成值)$")


@dataclass
class Column:
    role: str  # a column role, "value_other", "block" (a label beside the header) or "unknown"
    first: int  # grid columns covered (geometric); position in the row (text dumps)
    last: int
    label: Cell
    set_name: str | None = None  # which side-by-side set (None: the only one)


@dataclass
class Header:
    first_row: int
    last_row: int
    columns: list[Column]  # the columns read
    ignored: list[tuple[Column, str]] = field(default_factory=list)  # columns not read, and why
    cells: list[Cell] = field(default_factory=list)  # every header cell (all used)
    warning: str | None = None

    def roles(self) -> list[str]:
        return [c.role for c in self.columns]


def role_of(text: str, lex: Lexicon) -> str:
    role = lex.column_of(text)
    key = lex.key(text).text
    if role is None and _VALUE_LIKE.search(key):
        role = "value"
    if role == "value" and any(p.search(key) for p in lex.sets_other):
        return "value_other"
    if role is not None:
        return role
    group = lex.group_of(text)
    if group is not None and group.indicators:
        return "block"
    name = lex.field_of(text)
    if name in PROJECT_FIELDS:
        return "unit_name" if name == "unit" else name
    return "block" if name == "goals_term" else "unknown"


def is_header_row(cells: list[Cell], lex: Lexicon) -> bool:
    """At least two indicator column labels, one of them a name or value column."""
    roles = [lex.column_of(c.text) for c in cells if c.text.strip()]
    found = [r for r in roles if r is not None]
    return len(found) >= 2 and any(r in (*NAME_ROLES, "value") for r in found)


def is_subheader(cells: list[Cell], lex: Lexicon) -> bool:
    if not cells:
        return False
    for cell in cells:
        key = lex.key(cell.text).text
        patterns = [*lex.value_target, *lex.value_other]
        if lex.column_of(cell.text) is None and not any(p.search(key) for p in patterns):
            return False
    return True


def _sub_role(text: str, lex: Lexicon) -> str:
    key = lex.key(text).text
    if any(p.search(key) for p in lex.value_other) and not any(p.search(key) for p in lex.value_target):
        return "value_other"
    return lex.column_of(text) or "value"


def read_header(sheet: Sheet, row: int, lex: Lexicon) -> Header:
    own = sheet.filled(row)
    columns: list[Column] = []
    for position, cell in enumerate(own, start=1):
        first, last = (cell.column, cell.column + cell.col_span - 1) if sheet.geometric else (position, position)
        columns.append(Column(role_of(cell.text, lex), first, last, cell))
    if not any(c.role in ("unit_name", "code", "name") for c in columns):
        for col in columns:
            if col.role in PROJECT_ROLES:
                col.role = "block"  # 年度绩效目标(90分) beside the header labels the block
    header = Header(row, row, [], cells=list(own))
    nxt = sheet.filled(row + 1) if row < len(sheet.rows) else []
    if is_subheader(nxt, lex):
        header.last_row = row + 1
        header.cells.extend(nxt)
        columns = _split_values(columns, nxt, sheet, lex)
    _choose_set(sheet, header, columns, lex)
    return header


def _split_values(columns: list[Column], sub: list[Cell], sheet: Sheet, lex: Lexicon) -> list[Column]:
    out: list[Column] = []
    if sheet.geometric:
        for col in columns:
            inside = [c for c in sub if col.first <= c.column <= col.last]
            if not inside or col.role not in ("value", "unknown", "value_other"):
                out.append(col)
                continue
            for c in inside:
                out.append(Column(_sub_role(c.text, lex), c.column, c.column + c.col_span - 1, c))
        return out
    # Text dumps: the sub-header cells stand in for the (first) value column, in order.
    done = False
    for col in columns:
        if col.role == "value" and not done:
            done = True
            out.extend(Column(_sub_role(c.text, lex), 0, 0, c) for c in sub)
        else:
            out.append(col)
    for position, col in enumerate(out, start=1):
        if not sheet.geometric:
            col.first = col.last = position
    return out


def _choose_set(sheet: Sheet, header: Header, columns: list[Column], lex: Lexicon) -> None:
    """Split side-by-side sets; keep the yearly one, report the rest."""
    readable = [c for c in columns if c.role not in ("block", "unknown")]
    starts = [0]
    seen: set[str] = set()
    for index, col in enumerate(readable):
        if col.role in seen and col.role != "value_other":
            starts.append(index)
            seen = set()
        seen.add(col.role)
    for col in columns:
        if col.role == "block":
            continue
        if col.role == "unknown":
            header.ignored.append((col, f"column «{col.label.text.strip()}» is not read"))
        elif col.role == "value_other":
            header.ignored.append((col, f"«{col.label.text.strip()}» is not this year's target; not kept"))
    if len(starts) == 1:
        header.columns = [c for c in readable if c.role != "value_other"]
        return
    sets = [readable[a:b] for a, b in zip(starts, [*starts[1:], len(readable)], strict=True)]
    annual = [i for i, s in enumerate(sets) if _set_is(sheet, header.first_row, s, lex.sets_annual, lex)]
    chosen = annual[0] if len(annual) == 1 else len(sets) - 1
    if len(annual) != 1:
        header.warning = "two indicator sets side by side and neither is marked 年度; the last one is read"
    mine = {c.role for c in sets[chosen]}
    # A column the yearly set lacks (一级指标 written once for both sets) is shared.
    shared = [c for i, s in enumerate(sets) if i != chosen for c in s if c.role not in mine]
    header.columns = sorted([*shared, *(c for c in sets[chosen] if c.role != "value_other")], key=lambda c: c.first)
    for i, s in enumerate(sets):
        if i != chosen:
            header.ignored.extend(
                (c, "another indicator set (中期/实施期) beside the yearly one; not read") for c in s if c not in shared
            )


def _set_is(sheet: Sheet, row: int, columns: list[Column], patterns: list[re.Pattern[str]], lex: Lexicon) -> bool:
    texts = [c.label.text for c in columns]
    if sheet.geometric:
        for r in range(1, row):
            for c in columns:
                cell = sheet.covering(r, c.first)
                if cell is not None:
                    texts.append(cell.text)
    return any(p.search(lex.key(t).text) for t in texts for p in patterns)
