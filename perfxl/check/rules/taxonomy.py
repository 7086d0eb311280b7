"""Indicator taxonomy (指标体系) of the workbook's version: names, parents and coverage."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple

from perfxl.check.rules.base import Context, Levels, Rule
from perfxl.core.taxonomy import available_versions
from perfxl.workbook import schema as S

if TYPE_CHECKING:
    from perfxl.core.findings import Finding


class UnknownTaxonomy(Rule):
    """基本信息.指标体系版本 names a taxonomy perfxl does not know (the year's default is used instead).

    PASS: v2015 or v2021
    FAIL: v2019
    """

    code = "unknown-taxonomy"
    severity = "error"
    zh = "指标体系版本“{value}”未知（可用：{available}），按默认版本 {used} 校验"
    en = "unknown taxonomy version '{value}' (available: {available}); checked against {used}"

    def check(self, ctx: Context) -> Iterator[Finding]:
        version = ctx.head.taxonomy
        if version and version not in available_versions():
            yield self.finding(
                ctx.locations.info_at(S.INFO_TAXONOMY),
                value=version,
                available=", ".join(available_versions()),
                used=ctx.taxonomy_version,
            )


class UnknownLevel1(Rule):
    """一级指标 is not in the workbook's taxonomy (aliases accepted).

    PASS: 产出指标
    FAIL: 产出目标
    """

    code = "unknown-level1"
    severity = "error"
    zh = "一级指标“{value}”不在指标体系 {version} 中（可选：{choices}）"
    en = "level-1 indicator '{value}' is not in taxonomy {version} (choices: {choices})"

    def check(self, ctx: Context) -> Iterator[Finding]:
        tax = ctx.taxonomy
        level1 = ctx.ind.level1
        for i in ctx.where(lambda name: name and tax.canonical1(name) is None, level1):  # as Levels.level1
            yield self.at_ind(ctx, i, "level1", value=level1[i], version=tax.title, choices="/".join(tax.level1))


class UnknownLevel2(Rule):
    """二级指标 is not in the workbook's taxonomy (aliases such as 环境效益指标 accepted).

    PASS: 社会效益指标, or the alias 环境效益指标 (= 生态效益指标)
    FAIL: 社会效果指标; 成本指标 as a 二级 in a v2021 workbook (there 成本指标 is a 一级)
    """

    code = "unknown-level2"
    severity = "error"
    zh = "二级指标“{value}”不在指标体系 {version} 中"
    en = "level-2 indicator '{value}' is not in taxonomy {version}"

    def check(self, ctx: Context) -> Iterator[Finding]:
        level2 = ctx.ind.level2
        for i in ctx.where(lambda name: name and ctx.taxonomy.canonical2(name) is None, level2):  # as Levels.level2
            yield self.at_ind(ctx, i, "level2", value=level2[i], version=ctx.taxonomy.title)


class Level2WrongParent(Rule):
    """二级指标 is filed under a 一级指标 it does not belong to.

    PASS: 产出指标 / 数量指标
    FAIL: 效益指标 / 数量指标 (数量指标 belongs under 产出指标)
    """

    code = "level2-wrong-parent"
    severity = "error"
    zh = "二级指标“{value}”应归属一级指标“{parent}”，而不是“{level1}”"
    en = "level-2 indicator '{value}' belongs under '{parent}', not '{level1}'"

    def check(self, ctx: Context) -> Iterator[Finding]:
        ind, levels = ctx.ind, ctx.levels
        for i in ctx.where(
            lambda lv: lv.parent != lv.level1 and lv.level1 is not None and lv.level2 is not None, levels
        ):
            yield self.at_ind(ctx, i, "level2", value=ind.level2[i], parent=levels[i].parent, level1=ind.level1[i])


class DeprecatedLevel2(Rule):
    """二级指标 is accepted but no longer listed in this taxonomy version (e.g. 可持续影响指标 in v2021).

    PASS: 社会效益指标 (v2021)
    FAIL: 可持续影响指标 (v2021)
    """

    code = "deprecated-level2"
    severity = "warning"
    zh = "二级指标“{value}”不在 {version} 的指标目录中，建议改用现行二级指标"
    en = "level-2 indicator '{value}' is not listed in {version}; prefer a current one"

    def check(self, ctx: Context) -> Iterator[Finding]:
        tax = ctx.taxonomy
        for i in ctx.where(lambda lv: lv.deprecated, ctx.levels):
            yield self.at_ind(ctx, i, "level2", value=ctx.ind.level2[i], version=tax.title)


class MissingLevel1(Rule):
    """Every project has at least one indicator under each 一级指标 of the taxonomy (severity configurable).

    PASS: a v2015 project with 产出指标, 效益指标 and 满意度指标 rows
    FAIL: a project with no 满意度指标 row
    """

    code = "missing-level1"
    severity = "warning"
    zh = "项目没有“{level1}”类指标"
    en = "the project has no '{level1}' indicator"

    def check(self, ctx: Context) -> Iterator[Finding]:
        tax = ctx.taxonomy
        present = set(zip(ctx.ind.project, map(attrgetter("level1"), ctx.levels), strict=True))
        proj = ctx.proj
        for i, span in enumerate(proj.indicators):
            if not span:
                continue  # no indicators at all: missing-indicators
            for l1 in tax.level1:
                if (i, l1) not in present:
                    yield self.at_project(ctx, i, "name", value=proj.name[i], level1=l1)


class SatisfactionMisfiled(Rule):
    """An indicator whose 三级指标 name contains 满意 is filed outside 满意度指标.

    PASS: 满意度指标 / 服务对象满意度指标 / 群众满意度
    FAIL: 效益指标 / 社会效益指标 / 群众满意度
    """

    code = "satisfaction-misfiled"
    severity = "warning"
    zh = "“{value}”是满意度，应归入“满意度指标”而不是“{level1}”"
    en = "'{value}' measures satisfaction; file it under 满意度指标, not '{level1}'"

    def check(self, ctx: Context) -> Iterator[Finding]:
        ind = ctx.ind
        levels = ctx.levels
        # Names are nearly all distinct and the test is quick: row by row; few say 满意, their levels next.
        for i in [i for i, name in enumerate(ind.level3) if name and "满意" in name]:
            if levels[i].level1 is None or levels[i].level1 == "满意度指标":
                continue
            yield self.at_ind(ctx, i, "level1", value=ind.level3[i], level1=ind.level1[i])


# Words that say an indicator measures how satisfied people are (满意度, 好评率, 认可度, 投诉率 …).
SATISFACTION_WORDS = ("满意", "好评", "认可", "评价", "投诉")


class _Words(NamedTuple):
    """An indicator's 三级指标 and 指标解释 (one distinct pair)."""

    level3: str | None
    description: str | None


class NotSatisfaction(Rule):
    """An indicator under 满意度指标 whose name and description never speak of satisfaction (满意/好评/认可/评价/投诉).

    PASS: 满意度指标 / 服务对象满意度指标 / 受益群众满意度
    FAIL: 满意度指标 / 服务对象满意度指标 / 创业活力 (a benefit: file it under 效益指标)
    """

    code = "not-satisfaction"
    severity = "warning"
    zh = "“{value}”不是满意度，不应归入“满意度指标”"
    en = "'{value}' does not measure satisfaction; it does not belong under 满意度指标"

    def check(self, ctx: Context) -> Iterator[Finding]:
        columns = ctx.ind

        def fails(lv: Levels, *words: str | None) -> bool:
            ind = _Words(*words)
            if lv.level1 != "满意度指标" or not ind.level3:
                return False
            said = f"{ind.level3}|{ind.description or ''}"
            return not any(word in said for word in SATISFACTION_WORDS)

        under = ctx.where(lambda lv: lv.level1 == "满意度指标", ctx.levels)
        for i in ctx.where_among(under, fails, ctx.levels, columns.level3, columns.description):
            yield self.at_ind(ctx, i, "level3", value=columns.level3[i])


_TRAILING_NOTE = re.compile(r"[（(][^（()）]*[)）]$")


def bare_name(name: str | None) -> str:
    """A level name without spaces, a trailing note such as （%） and a trailing 指标: 数量指标 → 数量."""
    text = _TRAILING_NOTE.sub("", "".join((name or "").split()))
    return text.removesuffix("指标")


def _repeats(level3: str, level_names: set[str]) -> bool:
    """level3 is one of the level names as written, or one without 指标 that measures nothing (数量, 质量).

    A bare name ending in 度/率 (服务对象满意度) is itself a measure, so it may stand as a 三级指标.
    """
    names = {"".join(n.split()) for n in level_names if n}
    if _TRAILING_NOTE.sub("", "".join(level3.split())) in names:
        return True
    bare = bare_name(level3)
    return not bare.endswith(("度", "率")) and bare in {bare_name(n) for n in names}


@lru_cache(maxsize=1 << 16)
def _repeats_either(level3: str, first: str, second: str) -> bool:
    """``_repeats`` for two level names, once per distinct (三级, name, name): the same rows recur thousands of times."""
    return _repeats(level3, {first, second})


class Level3Placeholder(Rule):
    """A 三级指标 that only repeats its 二级 or 一级 name (a placeholder left in, it names nothing measurable).

    PASS: 数量指标 / 培训人数; 服务对象满意度指标 / 服务对象满意度 (a measure in itself)
    FAIL: 服务对象满意度指标 / 服务对象满意度指标; 质量指标 / 质量; 效益指标 / 效益指标
    """

    code = "level3-placeholder"
    severity = "warning"
    zh = "三级指标“{value}”只是重复了{level}名称，应写明具体衡量什么"
    en = "level-3 indicator '{value}' only repeats its {level_en} name; say what is measured"

    def check(self, ctx: Context) -> Iterator[Finding]:
        ind = ctx.ind
        repeated: dict[tuple[object, ...], int] = {}  # the level (2 or 1) each failing distinct row repeats

        def fails(level3: str | None, level1: str | None, level2: str | None, lv: Levels) -> bool:
            if not level3:
                return False
            if _repeats_either(level3, level2 or "", lv.level2 or ""):
                repeated[level3, level1, level2, lv] = 2
            elif _repeats_either(level3, level1 or "", lv.level1 or ""):
                repeated[level3, level1, level2, lv] = 1
            return (level3, level1, level2, lv) in repeated

        # Only a 三级指标 that is (or whose bare name is) some level name of the book can repeat its own.
        names = {"".join(n.split()) for lv in set(ctx.levels) for n in (lv.level1, lv.level2) if n}
        names |= {"".join(n.split()) for n in set(ind.level1) | set(ind.level2) if n}
        bares = {bare_name(n) for n in names}

        def may_repeat(level3: str | None) -> bool:
            return bool(level3) and (
                _TRAILING_NOTE.sub("", "".join((level3 or "").split())) in names or bare_name(level3) in bares
            )

        candidates = ctx.where(may_repeat, ind.level3)
        for i in ctx.where_among(candidates, fails, ind.level3, ind.level1, ind.level2, ctx.levels):
            if repeated[ind.level3[i], ind.level1[i], ind.level2[i], ctx.levels[i]] == 2:
                yield self.at_ind(ctx, i, "level3", value=ind.level3[i], level="二级指标", level_en="level-2")
            else:
                yield self.at_ind(ctx, i, "level3", value=ind.level3[i], level="一级指标", level_en="level-1")
