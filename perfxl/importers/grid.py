"""Label/value grids: the rows above a project's indicator table, in any order and shape.

A label's value is the cell to its right; a label with nothing to its right (or
a row holding only labels, such as ``3月底 | 6月底 | 10月底 | 12月底``) takes the
cells of the next row beneath it.  A group label (``预算规模及资金用途``, often
merged down over several rows) owns the rows beside it: a value there with no
label of its own gets the group's ``unlabelled`` field.  ``标签：值`` in one cell
counts as a label and its value.  Every cell is used or reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from perfxl.importers.blocks import Cell
from perfxl.importers.drafts import Drafts, Value
from perfxl.importers.labels import Group, Lexicon
from perfxl.importers.report import Ledger
from perfxl.importers.sheet import UNIT_LINE, Sheet

_INLINE = re.compile(r"^\s*([^:：]{1,20}?)\s*[:：]\s*(\S.*)$", re.S)


@dataclass
class Item:
    cell: Cell
    kind: str  # field, kept_out, checkpoint, group, value, empty
    name: str | None = None  # field name; for checkpoints the month as text
    label_unit: str | None = None
    inline: str | None = None  # the value written in the label's own cell
    group: Group | None = None


def classify(cell: Cell, lex: Lexicon) -> Item:
    text = cell.text.strip()
    if not text:
        return Item(cell, "empty")
    unit = lex.key(text).amount_unit
    if (name := lex.field_of(text)) is not None:
        return Item(cell, "field", name, unit)
    if (month := lex.checkpoint_of(text)) is not None:
        return Item(cell, "checkpoint", str(month))
    if (group := lex.group_of(text)) is not None:
        return Item(cell, "group", label_unit=unit, group=group)
    if lex.is_kept_out(text):
        return Item(cell, "kept_out")
    m = _INLINE.match(text)
    if m and not UNIT_LINE.match(text):
        label, value = m.group(1), m.group(2).strip()
        if (name := lex.field_of(label)) is not None:
            return Item(cell, "field", name, lex.key(label).amount_unit, inline=value)
        if lex.is_kept_out(label):
            return Item(cell, "kept_out", inline=value)
    return Item(cell, "value")


def is_label_item(item: Item) -> bool:
    return item.kind in ("field", "kept_out", "checkpoint", "group")


class GridReader:
    """Reads rows of one sheet into the current draft(s)."""

    def __init__(self, sheet: Sheet, lex: Lexicon, ledger: Ledger, drafts: Drafts) -> None:
        self.sheet, self.lex, self.ledger, self.drafts = sheet, lex, ledger, drafts
        self.below: list[Item | None] = []  # labels waiting for their values in the next row
        self.group_col1: Item | None = None  # text dumps: the group label last seen in column 1
        self.labels_seen = False
        self.titles: list[Cell] = []  # unlabelled cells above the first label (title, year line)

    @property
    def heading(self) -> str | None:
        return self.sheet.heading

    def rows(self, first: int, last: int) -> None:
        for r in range(first, last + 1):
            self.row(r)
        self.flush_below()

    # -- one row -------------------------------------------------------------
    def row(self, r: int) -> None:
        own = self.sheet.rows[r - 1]
        items = [classify(c, self.lex) for c in own]
        group = self.row_group(r, items)
        if not any(i.kind != "empty" for i in items):
            return
        labels = [i for i in items if i.kind in ("field", "kept_out", "checkpoint") and i.inline is None]
        for item in items:
            if item.kind in ("group", "field", "kept_out", "checkpoint"):
                self.ledger.use(self.sheet.table, item.cell)
                self.labels_seen = True
                if item.kind == "group" and item.label_unit and self.drafts.current is not None:
                    self.drafts.current.amount_unit = self.drafts.current.amount_unit or item.label_unit
        if labels and not [i for i in items if i.kind == "value"] and all(i.inline is None for i in items):
            # A row of labels only: each label's value is beneath it — unless (in a real grid)
            # the label's own cell to its right is there and empty.
            self.flush_below()
            for index, item in enumerate(items):
                if item.kind not in ("field", "kept_out", "checkpoint"):
                    continue
                after = items[index + 1] if index + 1 < len(items) else None
                if after is not None and after.kind == "empty":
                    self.close(item, None)
                else:
                    self.below.append(item)
            return
        waiting = self.below
        self.below = []
        pending: Item | None = None
        for index, item in enumerate(items):
            if item.inline is not None:
                self.close(pending, None)
                pending = None
                self.put(item, item.inline, item.cell)
            elif item.kind in ("field", "kept_out", "checkpoint"):
                self.close(pending, None)
                pending = item
            elif item.kind == "group":
                self.close(pending, None)
                pending = None
            elif item.kind == "empty":
                if pending is not None:
                    self.close(pending, None)  # the label's own value cell, left empty
                    pending = None
            elif pending is not None:
                self.put(pending, item.cell.text, item.cell)
                pending = None
            else:
                self.orphan(item, index, items, waiting, group)
        if pending is not None:
            # Nothing to its right: the value is beneath it (or it was left empty).
            self.below = [pending]
        for label in waiting:
            self.close(label, None)

    def row_group(self, r: int, items: list[Item]) -> Item | None:
        """The group label beside this row: merged down from above, or (text dumps) the last one in column 1."""
        if self.sheet.geometric:
            first = items[0].cell.column if items else self.sheet.width + 1
            for column in range(1, first):
                cell = self.sheet.covering(r, column)
                if cell is not None and cell.row < r:
                    item = classify(cell, self.lex)
                    if item.kind == "group" or item.kind == "field":
                        return item
            return None
        if items and items[0].kind == "group":
            self.group_col1 = items[0]
            return None
        if items and items[0].kind == "field" and items[0].cell.column == 1:
            self.group_col1 = items[0]
            return None
        if items and items[0].kind == "empty" and items[0].cell.column == 1:
            return self.group_col1
        self.group_col1 = None
        return None

    def orphan(self, item: Item, index: int, items: list[Item], waiting: list[Item | None], group: Item | None) -> None:
        """A value with no label to its left: beneath a label, in a group, a unit line, or a title."""
        label = self.label_above(item, index, items, waiting)
        if label is not None:
            waiting[waiting.index(label)] = None
            self.put(label, item.cell.text, item.cell)
            return
        if group is not None and group.kind == "group" and group.group and group.group.unlabelled:
            self.assign(group.group.unlabelled, item.cell.text, item.cell, group.label_unit)
            return
        if group is not None and group.kind == "field" and group.name in ("purpose", "goals"):
            self.assign(group.name, item.cell.text, item.cell, None)
            return
        if UNIT_LINE.match(item.cell.text.strip()):
            self.assign("unit", item.cell.text.strip(), item.cell, None)
            return
        if not self.labels_seen:
            self.titles.append(item.cell)  # the caller reads the year from it, or reports it
            return
        self.ledger.cell(self.sheet.table, item.cell, "value without a label", level="error", heading=self.title())

    def label_above(self, item: Item, index: int, items: list[Item], waiting: list[Item | None]) -> Item | None:
        live = [w for w in waiting if w is not None]
        if not live:
            return None
        cell = item.cell
        if self.sheet.geometric:
            for label in live:
                lc = label.cell
                if lc.column < cell.column + cell.col_span and cell.column < lc.column + lc.col_span:
                    return label
            return None
        by_column = [w for w in live if w.cell.column == cell.column]
        if by_column:
            return by_column[0]
        if len(waiting) < 2:
            return None  # one label's value sits beneath it, not elsewhere
        # Positions lost in the dump: the row's values fill the last labels (plans fill up late).
        values = [i for i in items if i.kind == "value"]
        offset = len(live) - len(values)
        position = values.index(item) + offset if item in values else -1
        return live[position] if 0 <= position < len(live) else None

    # -- assigning -----------------------------------------------------------
    def title(self) -> str | None:
        draft = self.drafts.current
        return draft.title if draft is not None else self.heading

    def put(self, label: Item, text: str, cell: Cell) -> None:
        if label.kind == "kept_out":
            self.ledger.cell(self.sheet.table, cell, f"«{label.cell.text.strip()}» is not kept in the dataset")
            return
        if label.kind == "checkpoint":
            assert label.name is not None
            draft = self.drafts.current or self.drafts.start(self.sheet.table, self.heading)
            draft.plan[int(label.name)] = Value(text.strip(), self.sheet.table, cell)
            self.ledger.use(self.sheet.table, cell)
            return
        assert label.name is not None
        self.assign(label.name, text.strip(), cell, label.label_unit)

    def assign(self, name: str, text: str, cell: Cell | None, label_unit: str | None) -> None:
        if name == "amount_unit":
            if text in self.lex.amount_units:
                draft = self.drafts.current or self.drafts.start(self.sheet.table, self.heading)
                draft.amount_unit = text
                self.ledger.use(self.sheet.table, cell)
                return
            name = "unit"  # 单位：东莞市交通运输局
        if name == "plan":
            if cell is not None:
                self.ledger.cell(self.sheet.table, cell, "a plan written as text, not by checkpoints; not kept")
            return
        self.drafts.assign(name, Value(text, self.sheet.table, cell, label_unit), self.heading)
        self.ledger.use(self.sheet.table, cell)

    def close(self, label: Item | None, _value: None) -> None:
        """A label whose value cell is empty: the field is blank (an empty 其他资金 is not zero)."""
        if label is None or label.kind != "field" or label.name is None or label.name in ("plan", "amount_unit"):
            return
        draft = self.drafts.current
        if label.name in ("unit", "code", "name") and (draft is None or label.name in draft.values):
            draft = self.drafts.for_field(label.name, self.sheet.table, self.heading)
        if draft is None:
            draft = self.drafts.start(self.sheet.table, self.heading)
        draft.values.setdefault(label.name, None)

    def flush_below(self) -> None:
        for label in self.below:
            self.close(label, None)
        self.below = []
