"""Projects while they are being read: raw texts with the cells they came from.

The grid, indicator and flat-table readers fill :class:`Draft` objects; only
:mod:`perfxl.importers.document` turns them into model objects, once the
document's amount unit and profile are known.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from perfxl.core.model import Indicator
from perfxl.importers.blocks import Cell, Table

# A second one of these in the same project means the next project has begun.
IDENTITY = ("unit", "code", "name")


@dataclass(frozen=True)
class Value:
    """A field's text as written, where it was, and the amount unit its label named."""

    text: str
    table: Table
    cell: Cell | None
    label_unit: str | None = None


@dataclass
class Draft:
    table: Table
    heading: str | None = None
    values: dict[str, Value | None] = field(default_factory=dict)
    plan: dict[int, Value] = field(default_factory=dict)
    indicators: list[Indicator] = field(default_factory=list)
    header_seen: bool = False
    amount_unit: str | None = None  # stated in the table (单位：万元)
    parent_unit: Value | None = None  # a unit total row above (flat tables)

    def text(self, name: str) -> str | None:
        value = self.values.get(name)
        return value.text if value is not None else None

    @property
    def title(self) -> str | None:
        """What problems call this project: its table heading, else its name."""
        return self.heading or self.text("name") or self.text("code")

    @property
    def started(self) -> bool:
        return bool(self.values or self.plan or self.indicators or self.header_seen)


class Drafts:
    """The projects of a document in order; decides where one ends and the next begins."""

    def __init__(self) -> None:
        self.items: list[Draft] = []
        self.current: Draft | None = None

    def start(self, table: Table, heading: str | None) -> Draft:
        draft = Draft(table, heading)
        self.items.append(draft)
        self.current = draft
        return draft

    def for_field(self, name: str, table: Table, heading: str | None) -> Draft:
        """The draft a field belongs to: the current one, or a new one if it is already complete."""
        draft = self.current
        if draft is None:
            return self.start(table, heading)
        if name in IDENTITY and (name in draft.values or draft.header_seen or draft.indicators):
            return self.start(table, None if draft.heading == heading else heading)
        return draft

    def assign(self, name: str, value: Value | None, heading: str | None) -> Draft:
        table = value.table if value is not None else (self.current.table if self.current else None)
        assert table is not None
        draft = self.for_field(name, table, heading)
        if name == "goals" and draft.values.get("goals") is not None and value is not None:
            # A goal continued on a second row (merged label): kept as one text.
            old = draft.values["goals"]
            assert old is not None
            draft.values["goals"] = Value(f"{old.text}\n{value.text}", old.table, old.cell, old.label_unit)
            return draft
        draft.values[name] = value
        return draft
