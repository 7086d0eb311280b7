"""Required cells: what every row of a standard sheet must fill in."""

from __future__ import annotations

from collections.abc import Iterator

from perfxl.check.rules.base import Context, Rule
from perfxl.core.findings import Finding
from perfxl.workbook import schema as S


class RequiredCell(Rule):
    """A required cell is empty (单位编码/名称, 部分, 项目编码/名称, 预算数, 绩效目标, 一级/二级/三级指标, 指标值; 预算年度).

    PASS: 项目 row 2 has 项目编码, 项目名称, 预算数 and 绩效目标 filled in.
    FAIL: 绩效指标 row 7 has an empty 三级指标.
    """

    code = "required-cell"
    severity = "error"
    zh = "必填项“{column}”为空"
    en = "required cell '{column}' is empty"

    def check(self, ctx: Context) -> Iterator[Finding]:
        ds, loc = ctx.dataset, ctx.locations
        if ds.year is None and loc.has_sheet(S.INFO):
            yield self.finding(loc.info_at(S.INFO_YEAR), column=S.INFO_YEAR)
        # A column missing altogether is one missing-column finding, not one per row.
        has = {
            sheet: tuple(key for key in keys if loc.column(sheet, key) is not None)
            for sheet, keys in (
                (S.UNITS, ("code", "name")),
                (S.GOALS, ("unit_code", "part")),
                (S.PROJECTS, ("unit_code", "code", "name", "total", "goals")),
                (S.INDICATORS, ("level1", "level2", "level3", "sign", "value")),
            )
        }
        for unit, row in zip(ds.units, loc.units, strict=True):
            for key in has[S.UNITS]:
                if not getattr(unit, key):
                    yield self.at(ctx, S.UNITS, key, row)
        for goal, row in zip(ds.department_goals, loc.goals, strict=True):
            for key in has[S.GOALS]:
                if not getattr(goal, key):
                    yield self.at(ctx, S.GOALS, key, row)
        for i, project in enumerate(ds.projects):
            for key, value in (
                ("unit_code", project.unit_code),
                ("code", project.code),
                ("name", project.name),
                ("total", project.budget.total),
                ("goals", project.goals),
            ):
                if (value is None or value == "") and key in has[S.PROJECTS]:
                    yield self.at_project(ctx, i, key)
        read = has[S.INDICATORS]
        for item in ctx.indicator_rows:
            ind = item.indicator
            if ind.level1 and ind.level2 and ind.level3 and ind.value:
                continue  # the common case, checked at C speed
            for key, text in (("level1", ind.level1), ("level2", ind.level2), ("level3", ind.level3)):
                if not text and key in read:
                    yield self.at_indicator(ctx, item, key)
            if not ind.value:
                # An empty value with a sign is reported once, on the value; with
                # neither, both cells are pointed at.
                if not ind.sign and "sign" in read:
                    yield self.at_indicator(ctx, item, "sign")
                if "value" in read:
                    yield self.at_indicator(ctx, item, "value")
