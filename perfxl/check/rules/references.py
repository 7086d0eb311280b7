"""Uniqueness and references between sheets: codes, 序号, and rows that point nowhere."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from perfxl.check.rules.base import Context, Rule
from perfxl.workbook import name_mismatches
from perfxl.workbook import schema as S

if TYPE_CHECKING:
    from perfxl.core.findings import Finding


class DuplicateProjectCode(Rule):
    """A 项目编码 appears on more than one row of 项目 (the later rows get no plan or indicators).

    PASS: every project row has its own code.
    FAIL: 130434211Y0DO65S99Z10 on rows 2 and 9.
    """

    code = "duplicate-project-code"
    severity = "error"
    zh = "项目编码“{value}”重复（首次出现在第 {first} 行）"
    en = "project code '{value}' is used twice (first on row {first})"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for r in ctx.facts.repeated_project_codes:
            if r.code:  # a blank code is reported by required-cell
                yield self.at_project(ctx, r.index, "code", value=r.code, first=r.first_row)


class DuplicateUnitCode(Rule):
    """A 单位编码 appears on more than one row of 单位.

    PASS: 316001 and 316002 on two rows.
    FAIL: 316001 on rows 2 and 3.
    """

    code = "duplicate-unit-code"
    severity = "error"
    zh = "单位编码“{value}”重复（首次出现在第 {first} 行）"
    en = "unit code '{value}' is used twice (first on row {first})"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for r in ctx.facts.repeated_unit_codes:
            if r.code:  # a blank code is reported by required-cell
                yield self.at(ctx, S.UNITS, "code", r.row, value=r.code, first=r.first_row)


class DuplicateSeq(Rule):
    """An indicator 序号 is used twice within one project.

    PASS: 序号 1, 2, 3 for project A and 1, 2 for project B.
    FAIL: 序号 2 twice for project A.
    """

    code = "duplicate-seq"
    severity = "error"
    zh = "项目“{project}”的指标序号 {value} 重复（首次出现在第 {first} 行）"
    en = "indicator number {value} is used twice in project '{project}' (first on row {first})"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for r in ctx.facts.repeated_seqs:
            yield self.at(
                ctx, S.INDICATORS, "seq", r.row, value=r.seq, project_code=r.code, project=r.code, first=r.first_row
            )


class OrphanRow(Rule):
    """An indicator row's 项目编码 matches no row of 项目 (the row belongs to no project).

    PASS: every 绩效指标 row's 项目编码 is listed in 项目.
    FAIL: 绩效指标 row 12 has 130434211Y0DO65S99Z11, a code not in 项目 (a typo).
    """

    code = "orphan-row"
    severity = "error"
    zh = "项目编码“{value}”在“项目”表中不存在，该行无法归属到项目"
    en = "project code '{value}' is not in sheet 项目; the row belongs to no project"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for u in ctx.facts.unplaced_on(S.INDICATORS):
            # Rows are placed by their 项目编码: without that column none is an orphan (the gate says why).
            yield self.finding(ctx.locations.at(S.INDICATORS, "project_code", u.row), value=u.code)


class ProjectNameMismatch(Rule):
    """A 项目名称 shown beside 项目编码 on 支出计划 or 绩效指标 is not that project's name in 项目.

    The name there is for people to read; 项目 holds it (a blank cell, or a workbook without the
    column, is fine). `perfxl fix` writes 项目's name into the cell.
    PASS: 绩效指标 row 5 shows 主体班 beside 130434211Y0DO65S99Z10, and 项目 names that project 主体班.
    FAIL: 绩效指标 row 5 shows 主体班 but 项目 names the project 主体班培训 (renamed there, or a row pasted under the wrong code).
    """

    code = "project-name-mismatch"
    severity = "warning"
    fixable = True
    zh = "项目名称“{value}”与“项目”表中该项目的名称“{name}”不一致"
    en = "project name '{value}' differs from the project's name in 项目 ('{name}')"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for shown, name in name_mismatches(ctx.proj.code, ctx.proj.name, ctx.facts):
            if shown.name is not None:  # a blank cell is fine
                yield self.at(
                    ctx, shown.sheet, S.PROJECT_NAME, shown.row, value=shown.name, project_code=shown.code, name=name
                )


class OrphanSchedule(Rule):
    """A 支出计划 row's 项目编码 matches no row of 项目.

    PASS: every 支出计划 row names a project of 项目.
    FAIL: 支出计划 row 5 names 130434211Y0DO65S99Z11, which is not in 项目.
    """

    code = "orphan-schedule"
    severity = "error"
    zh = "支出计划的项目编码“{value}”在“项目”表中不存在"
    en = "schedule row's project code '{value}' is not in sheet 项目"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for u in ctx.facts.unplaced_on(S.SCHEDULE):
            if u.code and not u.matches_project:
                yield self.at(ctx, S.SCHEDULE, "code", u.row, value=u.code)


class DuplicateSchedule(Rule):
    """A project has more than one 支出计划 row (only the first is read).

    PASS: one plan row per project.
    FAIL: two rows for 130434211Y0DO65S99Z10.
    """

    code = "duplicate-schedule"
    severity = "error"
    zh = "项目“{value}”有多行支出计划，只读取第一行"
    en = "project '{value}' has more than one schedule row; only the first is read"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for u in ctx.facts.unplaced_on(S.SCHEDULE):
            if u.matches_project:  # another row already holds this project's plan
                yield self.at(ctx, S.SCHEDULE, "code", u.row, value=u.code, project_code=u.code)


class UnknownUnit(Rule):
    """A project's 单位编码 is not listed in 单位.

    PASS: project row's 单位编码 316001 is a row of 单位.
    FAIL: project row's 单位编码 316010 is not in 单位.
    """

    code = "unknown-unit"
    severity = "error"
    zh = "单位编码“{value}”在“单位”表中不存在"
    en = "unit code '{value}' is not in sheet 单位"

    def check(self, ctx: Context) -> Iterator[Finding]:
        if not ctx.locations.has_sheet(S.UNITS):
            return  # reported as missing-sheet
        known = {code or "" for code in ctx.columns.units.get("code")}
        unit_codes = ctx.proj.unit_code
        for i in ctx.where(lambda code: code and code not in known, unit_codes):
            yield self.at_project(ctx, i, "unit_code", value=unit_codes[i])


class MissingSchedule(Rule):
    """A project has no row in 支出计划.

    PASS: each project code appears once in 支出计划.
    FAIL: project 130434214GIWQV0OPVG49 has no plan row.
    """

    code = "missing-schedule"
    severity = "error"
    zh = "项目“{value}”在“支出计划”表中没有对应行"
    en = "project '{value}' has no row in sheet 支出计划"

    def check(self, ctx: Context) -> Iterator[Finding]:
        if not ctx.locations.has_sheet(S.SCHEDULE):
            return
        codes = ctx.proj.code
        for i in ctx.where(
            lambda code, first, s: code and first and s is None, codes, ctx.first_occurrence, ctx.locations.schedules
        ):
            yield self.at_project(ctx, i, "code", value=codes[i])


class MissingIndicators(Rule):
    """A project has no rows in 绩效指标.

    PASS: each project has at least one indicator row.
    FAIL: project 130434214GIWQV0OPVG49 has none.
    """

    code = "missing-indicators"
    severity = "error"
    zh = "项目“{value}”在“绩效指标”表中没有指标"
    en = "project '{value}' has no rows in sheet 绩效指标"

    def check(self, ctx: Context) -> Iterator[Finding]:
        if not ctx.locations.has_sheet(S.INDICATORS):
            return
        codes = ctx.proj.code
        spans = ctx.proj.indicators
        for i in ctx.where(lambda code, first, span: code and first and not span, codes, ctx.first_occurrence, spans):
            yield self.at_project(ctx, i, "code", value=codes[i])
