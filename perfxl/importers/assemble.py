"""Drafts → model objects: amounts in the document's unit, plans by month, codes, units.

Money is read exactly: ``3,309,840.00`` under ``金额单位：元`` stays 3309840.00 元;
``164万元`` is 164 万元; an amount written in another unit than the document's is
converted exactly (never rounded) and said so.  A project without 项目编码 gets
a stable placeholder code (:func:`perfxl.core.terms.placeholder_code`) and a
warning; a unit without a code likewise.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from perfxl.core.model import Budget, Project, Schedule, Unit
from perfxl.core.terms import placeholder_code
from perfxl.core.values import normalize_text, parse_percent, strict_decimal
from perfxl.importers.drafts import Draft, Value
from perfxl.importers.labels import Lexicon
from perfxl.importers.report import Ledger, Level
from perfxl.importers.sheet import UNIT_LINE, amount_prefix

_UNIT_SALT = "单位"
LABELS = {
    "total": "预算数",
    "fiscal": "财政资金",
    "other": "其他资金",
    "total_term": "项目总预算",
}  # units and projects hash differently, so a unit never shares a project's code


@dataclass
class Units:
    """Units met so far, by code, in order."""

    by_code: dict[str, Unit]

    def add(self, value: Value | None, parent: str | None, ledger: Ledger) -> str | None:
        if value is None or not value.text.strip():
            return None
        text = value.text.strip()
        m = UNIT_LINE.match(normalize_text(text))
        if m:
            code, name = m.group(1), m.group(2).strip()
        else:
            code, name = placeholder_code(_UNIT_SALT, text), text
        if code not in self.by_code:
            self.by_code[code] = Unit(code=code, name=name, parent_code=parent if parent != code else None)
            if not m:
                ledger.note(
                    f"unit «{name}» has no code; placeholder {code} given (fill in the real one)",
                    level="warning",
                    table=value.table,
                    row=value.cell.row if value.cell else None,
                    line=value.cell.line if value.cell else None,
                )
        return code


def amount_unit_of(drafts: list[Draft], stated: str | None, lex: Lexicon) -> str | None:
    """The document's amount unit: stated on a line, else stated in the tables, else written in cells."""
    if stated:
        return stated
    in_tables = Counter(d.amount_unit for d in drafts if d.amount_unit)
    if in_tables:
        return in_tables.most_common(1)[0][0]
    written: Counter[str] = Counter()
    for draft in drafts:
        for name in ("total", "fiscal", "other", "total_term"):
            value = draft.values.get(name)
            if value is not None:
                found = amount_prefix(value.text, lex)
                unit = (found[1] if found else None) or value.label_unit
                if unit:
                    written[_canonical_unit(unit, lex)] += 1
    return written.most_common(1)[0][0] if written else None


def _canonical_unit(unit: str, lex: Lexicon) -> str:
    """万 → 万元, 亿 → 亿元: the name of the unit with the same worth that ends in 元."""
    worth = lex.amount_units.get(unit)
    if worth is None or unit.endswith("元"):
        return unit
    return next((name for name, w in lex.amount_units.items() if w == worth and name.endswith("元")), unit)


class ProjectBuilder:
    def __init__(self, lex: Lexicon, ledger: Ledger, amount_unit: str) -> None:
        self.lex, self.ledger, self.amount_unit = lex, ledger, amount_unit
        self.units = Units({})
        self.placeholders: set[str] = set()

    def amount(self, draft: Draft, name: str) -> Decimal | None:
        value = draft.values.get(name)
        if value is None or not value.text.strip():
            return None
        found = amount_prefix(value.text, self.lex)
        if found is None:
            self.report(draft, value, f"{LABELS[name]}: expected an amount; not kept", "error")
            return None
        number, unit, rest = found
        try:
            # Strict: a decimal comma or a misplaced separator (1,0 or 12,34.5) is refused, never re-read.
            amount = strict_decimal(number)
        except (InvalidOperation, ValueError) as exc:
            self.report(draft, value, f"{LABELS[name]}: expected an amount ({exc}); not kept", "error")
            return None
        if rest and not unit and normalize_text(rest).lstrip()[:1].isdigit():
            # Digits right after a bare number may belong to it (a number wrapped in its cell): never guess.
            # (After a unit, "854万854万…" or a bracketed breakdown is other text, reported as not kept below.)
            self.report(draft, value, f"{LABELS[name]}: digits after the amount «{rest}»; not kept", "error")
            return None
        if rest:
            self.report(draft, value, f"text after the amount is not kept: «{rest}»", "unused")
        unit = unit or value.label_unit or draft.amount_unit or self.amount_unit
        if _canonical_unit(unit, self.lex) != self.amount_unit:
            worth, target = self.lex.amount_units.get(unit), self.lex.amount_units.get(self.amount_unit)
            if worth is None or target is None:
                self.report(draft, value, f"{LABELS[name]}: amount unit {unit} cannot be converted; not kept", "error")
                return None
            converted = amount * worth / target
            self.report(
                draft,
                value,
                f"{LABELS[name]}: {number}{unit} converted exactly to {converted}{self.amount_unit}",
                "warning",
            )
            return converted
        return amount

    def report(self, draft: Draft, value: Value, message: str, level: Level) -> None:
        if value.cell is None:
            self.ledger.note(message, level=level, heading=draft.title, table=value.table)
        else:
            self.ledger.extra(value.table, value.cell, message, level=level, heading=draft.title)

    def schedule(self, draft: Draft) -> Schedule:
        months: dict[int, Decimal] = {}
        for month, value in sorted(draft.plan.items()):
            if not value.text:
                continue
            try:
                months[month] = parse_percent(value.text)
            except ValueError:
                self.report(draft, value, f"{month}月底: expected a percentage; not kept", "error")
        return Schedule(months=months)

    def unit_of(self, draft: Draft) -> str | None:
        parent = self.units.add(draft.parent_unit, None, self.ledger)
        unit = draft.values.get("unit")
        department, implementer = draft.values.get("department"), draft.values.get("implementer")
        if unit is None or not unit.text.strip():
            unit = implementer if implementer is not None and implementer.text.strip() else department
            if unit is department:
                department = None
        if department is not None and unit is not None and department.text.strip() not in ("", unit.text.strip()):
            parent = self.units.add(department, parent, self.ledger)
        return self.units.add(unit, parent, self.ledger)

    def project(self, draft: Draft) -> Project:
        unit_code = self.unit_of(draft)
        unit_name = self.units.by_code[unit_code].name if unit_code else None
        name = (draft.text("name") or "").strip() or None
        code = (draft.text("code") or "").strip() or None
        if code is None:
            code = placeholder_code(unit_name, name)
            # Two projects of one unit with the same name: the second gets its own code (by document order).
            repeat = 1
            while code in self.placeholders:
                repeat += 1
                code = placeholder_code(unit_name, f"{name}\x1f{repeat}")
            self.placeholders.add(code)
            self.ledger.note(
                f"no 项目编码; placeholder {code} given (fill in the real code)",
                level="warning",
                heading=draft.title,
                table=draft.table,
            )
        total = self.amount(draft, "total")
        if total is None and draft.values.get("total_term") is not None:
            total = self.amount(draft, "total_term")
        goals = draft.values.get("goals")
        term = draft.values.get("goals_term")
        if goals is None and term is not None:
            goals = term
        elif term is not None and term.cell is not None:
            self.ledger.extra(term.table, term.cell, "实施期 goal beside the yearly one; not kept", heading=draft.title)
        purpose = draft.values.get("purpose")
        if not draft.header_seen:
            self.ledger.note(
                "no indicator table (一级指标 …) after the project rows", heading=draft.title, table=draft.table
            )
        return Project(
            unit_code=unit_code,
            code=code,
            name=name,
            budget=Budget(total=total, fiscal=self.amount(draft, "fiscal"), other=self.amount(draft, "other")),
            purpose=purpose.text.strip() or None if purpose is not None else None,
            goals=goals.text.strip() or None if goals is not None else None,
            schedule=self.schedule(draft),
            indicators=tuple(draft.indicators),
        )
