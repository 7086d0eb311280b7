"""Required cells: what every row of a standard sheet must fill in."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from perfxl.check.rules.base import Context, Rule
from perfxl.workbook import schema as S

if TYPE_CHECKING:
    from perfxl.core.findings import Finding


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
        loc = ctx.locations
        if ctx.head.year is None and loc.has_sheet(S.INFO):
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
        for sheet, table in ((S.UNITS, ctx.columns.units), (S.GOALS, ctx.columns.goals)):
            keys = has[sheet]
            if not keys:
                continue
            columns = [table.get(key) for key in keys]
            for i in _where_any(_blank, columns):
                for key, column in zip(keys, columns, strict=True):
                    if not column[i]:
                        yield self.at(ctx, sheet, key, table.rows[i])
        yield from self._projects(ctx, has[S.PROJECTS])
        yield from self._indicators(ctx, has[S.INDICATORS])

    def _projects(self, ctx: Context, read: tuple[str, ...]) -> Iterator[Finding]:
        proj = ctx.proj
        columns = [
            (key, column)
            for key, column in (
                ("unit_code", proj.unit_code),
                ("code", proj.code),
                ("name", proj.name),
                ("total", proj.total),
                ("goals", proj.goals),
            )
            if key in read
        ]
        if not columns:
            return
        for i in _where_any(_empty, [column for _, column in columns]):
            for key, column in columns:
                if _empty(column[i]):
                    yield self.at_project(ctx, i, key)

    def _indicators(self, ctx: Context, read: tuple[str, ...]) -> Iterator[Finding]:
        ind = ctx.ind
        levels = [(key, ind.column(key)) for key in ("level1", "level2", "level3") if key in read]
        for i in _where_any(_blank, [ind.level1, ind.level2, ind.level3, ind.value]):
            for key, column in levels:
                if not column[i]:
                    yield self.at_ind(ctx, i, key)
            if not ind.value[i]:
                # An empty value with a sign is reported once, on the value; with
                # neither, both cells are pointed at.
                if not ind.sign[i] and "sign" in read:
                    yield self.at_ind(ctx, i, "sign")
                if "value" in read:
                    yield self.at_ind(ctx, i, "value")


def _where_any(test: Callable[[Any], bool], columns: Sequence[Sequence[Any]]) -> list[int]:
    """Indices where ``test`` holds for some column, in order (each column's distinct values tested once)."""
    hits: set[int] = set()
    for column in columns:
        bad = {v for v in set(column) if test(v)}
        if bad:  # the common case (every cell filled in) costs one set() of the column
            hits.update(i for i, v in enumerate(column) if v in bad)
    return sorted(hits)


def _blank(value: object) -> bool:
    return not value


def _empty(value: object) -> bool:
    return value is None or value == ""
