"""Flat tables: one row per indicator, the project's columns carried down (Sichuan's form).

``单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 | … | 权重 | 指标方向性``: the project
columns are written on a project's first row only (merged down, or left empty /
missing in a dump), so they carry down; a new 项目名称 starts the next project,
several in one table.  A row with a unit and an amount but no project is the
unit's total line: the unit is kept, the total is reported (totals are computed
from the projects).
"""

from __future__ import annotations

from perfxl.importers.blocks import Cell
from perfxl.importers.drafts import Draft, Drafts, Value
from perfxl.importers.header import PROJECT_ROLES, Header
from perfxl.importers.indicators import IndicatorReader, RowCells, geometric_row, text_row
from perfxl.importers.labels import Lexicon
from perfxl.importers.report import Ledger
from perfxl.importers.sheet import Sheet

FIELD_OF_ROLE = {"unit_name": "unit"}


def is_flat(header: Header) -> bool:
    roles = set(header.roles())
    return bool(roles & {"name", "unit_name", "code"}) and bool(roles & {"level3", "value"})


class FlatReader:
    def __init__(self, sheet: Sheet, header: Header, lex: Lexicon, ledger: Ledger, drafts: Drafts) -> None:
        self.sheet, self.header, self.lex, self.ledger, self.drafts = sheet, header, lex, ledger, drafts
        self.unit: Value | None = None
        self.parent: Value | None = None
        self.reader: IndicatorReader | None = None

    def rows(self, first: int, last: int) -> None:
        for r in range(first, last + 1):
            if not self.sheet.filled(r) and not self.sheet.geometric:
                continue
            self.row(r)
        if self.reader is not None:
            self.reader.finish()

    def row(self, r: int) -> None:
        if self.sheet.geometric:
            rc = geometric_row(self.sheet, r, self.header)
            leftover: list[Cell] = []
        else:
            rc, leftover = text_row(self.sheet.rows[r - 1], r, self.header, self.lex)
        if not rc.fresh:
            return
        table = self.sheet.table
        for cell in leftover:
            self.ledger.cell(table, cell, "does not fit any column of the table", level="error")
        fields = {role: rc.cells[role] for role in PROJECT_ROLES if role in rc.fresh}
        indicator = RowCells(rc.row, line=rc.line)
        for role, cell in rc.cells.items():
            if role not in PROJECT_ROLES:
                indicator.cells[role], indicator.texts[role] = cell, rc.texts[role]
                if role in rc.fresh:
                    indicator.fresh.add(role)
        has_indicator = bool(indicator.texts.get("level3") or indicator.texts.get("value"))
        if "unit_name" in fields:
            cell = fields.pop("unit_name")
            value = Value(cell.text.strip(), table, cell)
            self.ledger.use(table, cell)
            if "name" not in fields and not has_indicator:
                # A unit's total line: its unit is the parent of the units below it.
                self.parent, self.unit = value, None
                for role, other in fields.items():
                    self.ledger.cell(table, other, f"the unit's total ({role}); not kept, totals come from projects")
                return
            self.unit = value
        if "name" in fields or "code" in fields:
            self.start()
        draft = self.drafts.current
        if draft is None or self.reader is None:
            draft = self.start()
        for role, cell in fields.items():
            draft.values[FIELD_OF_ROLE.get(role, role)] = Value(cell.text.strip(), table, cell)
            self.ledger.use(table, cell)
        if indicator.texts:
            assert self.reader is not None
            self.reader.add(indicator)

    def start(self) -> Draft:
        if self.reader is not None:
            self.reader.finish()
        draft = self.drafts.start(self.sheet.table, self.sheet.heading)
        draft.header_seen = True
        if self.unit is not None:
            draft.values["unit"] = self.unit
        draft.parent_unit = self.parent
        self.reader = IndicatorReader(self.sheet, self.header, draft, self.lex, self.ledger)
        return draft
