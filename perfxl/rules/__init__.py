"""The rule registry: every rule class, in the order reports and docs list them.

Add a rule by writing a small class in the family's module and listing it here.
"""

from __future__ import annotations

from perfxl.rules import codes, money, references, required, schedule, structure
from perfxl.rules.base import Rule

RULES: tuple[type[Rule], ...] = (
    # structure (found by the reader)
    structure.MissingSheet,
    structure.MissingColumn,
    structure.DuplicateHeader,
    structure.UnknownColumn,
    # required cells and code formats
    required.RequiredCell,
    codes.UnitCodeFormat,
    codes.ProjectCodeFormat,
    codes.ProjectCodeYear,
    codes.UnknownPart,
    # uniqueness and references
    references.DuplicateUnitCode,
    references.DuplicateProjectCode,
    references.DuplicateSeq,
    references.OrphanRow,
    references.OrphanSchedule,
    references.DuplicateSchedule,
    references.UnknownUnit,
    references.MissingSchedule,
    references.MissingIndicators,
    # money
    money.MoneyDecimals,
    money.MoneyNegative,
    money.BudgetSum,
    # spending plan
    schedule.ScheduleRange,
    schedule.ScheduleDecreasing,
    schedule.ScheduleEnd,
    schedule.ScheduleGap,
)


def rule_codes() -> tuple[str, ...]:
    return tuple(r.code for r in RULES)


def rule_by_code(code: str) -> type[Rule]:
    for rule in RULES:
        if rule.code == code:
            return rule
    raise KeyError(code)
