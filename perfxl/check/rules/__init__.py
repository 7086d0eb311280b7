"""The rule registry: every rule class, in the order reports and docs list them.

Add a rule by writing a small class in the family's module and listing it here.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from perfxl.check.rules import (
    codes,
    duplicates,
    evaluation,
    money,
    monitoring,
    percentages,
    references,
    required,
    schedule,
    structure,
    taxonomy,
    textmoney,
    units,
    vague,
    values,
)

if TYPE_CHECKING:
    from perfxl.check.rules.base import Rule

RULES: tuple[type[Rule], ...] = (
    # structure (found by the reader)
    structure.MissingSheet,
    structure.RenamedSheet,
    structure.HeaderRow,
    structure.MissingColumn,
    structure.DuplicateHeader,
    structure.UnknownColumn,
    structure.ExtraColumn,
    structure.UnknownInfoKey,
    # required cells and code formats
    required.RequiredCell,
    codes.UnitCodeFormat,
    codes.ProjectCodeFormat,
    codes.PlaceholderCode,
    codes.ProjectCodeYear,
    codes.UnknownPart,
    # uniqueness and references
    references.DuplicateUnitCode,
    references.DuplicateProjectCode,
    references.DuplicateSeq,
    references.OrphanRow,
    references.ProjectNameMismatch,
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
    # taxonomy
    taxonomy.UnknownTaxonomy,
    taxonomy.UnknownLevel1,
    taxonomy.UnknownLevel2,
    taxonomy.Level2WrongParent,
    taxonomy.DeprecatedLevel2,
    taxonomy.MissingLevel1,
    taxonomy.SatisfactionMisfiled,
    taxonomy.NotSatisfaction,
    taxonomy.Level3Placeholder,
    # values and units
    values.SignUnknown,
    values.ValueNotSplit,
    values.ValueNotNumber,
    values.QualitativeValue,
    units.UnitKind,
    units.CountAsPercent,
    units.UnitNonstandard,
    units.UnitMissing,
    units.NameUnitMismatch,
    percentages.PercentCeiling,
    percentages.PercentOver100,
    # copy-paste
    duplicates.DuplicateIndicatorName,
    duplicates.DuplicateIndicatorTable,
    duplicates.NearCopyIndicatorTable,
    duplicates.DuplicateGoalsText,
    duplicates.RepeatedSentence,
    # money in text
    textmoney.TextMoneyOverBudget,
    textmoney.CostOverBudget,
    # vague targets
    vague.VagueTarget,
    vague.BasisMissing,
    # the performance year: monitoring
    monitoring.MonitorLagging,
    monitoring.MonitorDoubtUnexplained,
    monitoring.MonitorLikelihoodUnknown,
    monitoring.StageTargetChanged,
    # the performance year: self-evaluation
    evaluation.EvaluationScoreRange,
    evaluation.EvaluationWeightsTotal,
    evaluation.EvaluationOverBudget,
    evaluation.EvaluationMissingReason,
    evaluation.EvaluationTextActual,
    evaluation.EvaluationOverTarget,
)


def rule_codes() -> tuple[str, ...]:
    return tuple(r.code for r in RULES)


def rule_by_code(code: str) -> type[Rule]:
    for rule in RULES:
        if rule.code == code:
            return rule
    raise KeyError(code)


def reference_markdown() -> str:
    """The README's rule reference, generated from the rule docstrings (grouped by family)."""
    lines: list[str] = []
    family = None
    for rule in RULES:
        module = sys.modules[rule.__module__]
        if module is not family:
            family = module
            title = (module.__doc__ or rule.__module__).strip().splitlines()[0].rstrip(".")
            lines += [f"#### {title}", ""]
        desc, passes, fails = rule.doc_parts()
        fixable = " · `perfxl fix`" if rule.fixable else ""
        lines.append(f"- **`{rule.code}`** ({rule.severity}{fixable}) — {desc}")
        lines += [f"  - PASS: {p}" for p in passes]
        lines += [f"  - FAIL: {f}" for f in fails]
        if rule is RULES[-1] or sys.modules[RULES[RULES.index(rule) + 1].__module__] is not family:
            lines.append("")
    return "\n".join(lines)
