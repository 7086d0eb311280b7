"""Code formats: 单位编码, 项目编码 and the 部分 of department goals.

What a 项目编码 looks like is the profile's (配置方案): the pattern, whether it starts with
the division code, where its year digits are.  A placeholder code the importer made up
(待补-…) is reported as such, whatever the profile.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from perfxl.check.rules.base import Context, Rule
from perfxl.core.terms import is_placeholder_code
from perfxl.core.values import normalize_text
from perfxl.workbook import schema as S

if TYPE_CHECKING:
    from perfxl.core.findings import Finding


def full_width_hint(code: str) -> dict[str, str]:
    """hint/hint_en for a code typed with full-width characters (３１６００１ means 316001); empty otherwise."""
    folded = normalize_text(code)
    if folded != code and folded.isascii():
        return {"hint": f"（含全角字符，应为“{folded}”）", "hint_en": f" (full-width characters: type '{folded}')"}
    return {"hint": "", "hint_en": ""}


class UnitCodeFormat(Rule):
    """A 单位编码 (in 单位 or 项目) must be digits only.

    PASS: 316001
    FAIL: 316-001, 316OO1 (letter O instead of zero) or ３１６００１ (full-width digits)
    """

    code = "unit-code-format"
    severity = "error"
    zh = "单位编码“{value}”应只含数字{hint}"
    en = "unit code '{value}' must be digits only{hint_en}"

    def check(self, ctx: Context) -> Iterator[Finding]:
        def fails(code: str | None) -> bool:
            return bool(code) and not _digits_or_placeholder(code or "")

        units = ctx.columns.units
        codes = units.get("code")
        for i in ctx.where(fails, codes):
            yield self.at(ctx, S.UNITS, "code", units.rows[i], value=codes[i], **full_width_hint(codes[i]))
        unit_codes = ctx.proj.unit_code
        for i in ctx.where(fails, unit_codes):
            code = unit_codes[i] or ""
            yield self.at_project(ctx, i, "unit_code", value=code, **full_width_hint(code))


def _digits_or_placeholder(code: str) -> bool:
    # A placeholder unit code (待补-…) is the importer's; placeholder-code names placeholders.
    return (code.isascii() and code.isdigit()) or is_placeholder_code(code)


class ProjectCodeFormat(Rule):
    """A 项目编码 is 21 characters of 0-9/A-Z and starts with the 行政区划代码.

    PASS: 130434211Y0DO65S99Z10 (division 130434)
    FAIL: 130434211y0do65s99z1 (20 characters, lower case) or 130435211Y0DO65S99Z10 (other division)
    """

    code = "project-code-format"
    severity = "error"
    zh = "项目编码“{value}”格式不对：{reason}"
    en = "project code '{value}' is malformed: {reason_en}"

    def check(self, ctx: Context) -> Iterator[Finding]:
        profile = ctx.profile
        division = ctx.head.division.code if profile.division_digits else None

        def fails(code: str) -> bool:
            # A placeholder is placeholder-code's (a warning: the import made it up).
            if not code or is_placeholder_code(code):
                return False
            return not profile.code_matches(code) or bool(division and not code.startswith(division))

        codes = ctx.proj.code
        for i in ctx.where(fails, codes):
            code = codes[i]
            if not profile.code_matches(code):
                hint = full_width_hint(code)
                yield self.at_project(
                    ctx,
                    i,
                    "code",
                    value=code,
                    reason=f"应为 {profile.code_description}（现为 {len(code)} 位）{hint['hint']}",
                    reason_en=f"expected {profile.code_description_en} (found {len(code)}){hint['hint_en']}",
                )
            else:
                yield self.at_project(
                    ctx,
                    i,
                    "code",
                    value=code,
                    reason=f"应以行政区划代码 {division} 开头",
                    reason_en=f"should start with the division code {division}",
                )


class PlaceholderCode(Rule):
    """A 项目编码 or 单位编码 the importer made up (待补-…) because the document had none: fill in the real one.

    PASS: 130434211Y0DO65S99Z10
    FAIL: 待补-354F730773 (a project published without 项目编码)
    """

    code = "placeholder-code"
    severity = "warning"
    zh = "{what}“{value}”是导入时生成的临时编码，请填写正式编码"
    en = "{what_en} '{value}' is a placeholder made up on import; fill in the real code"

    def check(self, ctx: Context) -> Iterator[Finding]:
        units = ctx.columns.units
        codes = units.get("code")
        for i in ctx.where(is_placeholder_code, codes):
            yield self.at(ctx, S.UNITS, "code", units.rows[i], value=codes[i], what="单位编码", what_en="unit code")
        proj = ctx.proj
        # One project's unit code before its code, projects in sheet order (as the rows were walked).
        either = ctx.where(
            lambda unit, code: is_placeholder_code(unit) or is_placeholder_code(code), proj.unit_code, proj.code
        )
        for i in either:
            if is_placeholder_code(proj.unit_code[i]):
                yield self.at_project(
                    ctx, i, "unit_code", value=proj.unit_code[i], what="单位编码", what_en="unit code"
                )
            if is_placeholder_code(proj.code[i]):
                yield self.at_project(ctx, i, "code", value=proj.code[i], what="项目编码", what_en="project code")


class ProjectCodeYear(Rule):
    """The year part of a 项目编码 (two digits after the division code) differs from the budget year.

    PASS: 130434211Y0DO65S99Z10 in budget year 2021 (year part 21)
    FAIL: 130434201Y0DO65S99Z10 in budget year 2021 (year part 20: a project carried over, check it)
    """

    code = "project-code-year"
    severity = "warning"
    zh = "项目编码“{value}”中的年份 {part} 与预算年度 {year} 不一致"
    en = "project code '{value}' has year part {part}, the budget year is {year}"

    def check(self, ctx: Context) -> Iterator[Finding]:
        year = ctx.head.year
        if year is None:
            return
        digits = ctx.profile.year_digits
        if digits is None:
            return
        start = len(ctx.head.division.code or "") or digits[0]
        expected = f"{year % 100:02d}"

        def fails(code: str) -> bool:
            if not code or is_placeholder_code(code) or not ctx.profile.code_matches(code):
                return False
            part = code[start : start + 2]
            return part.isdigit() and part != expected

        codes = ctx.proj.code
        for i in ctx.where(fails, codes):
            yield self.at_project(ctx, i, "code", value=codes[i], part=codes[i][start : start + 2], year=year)


class UnknownPart(Rule):
    """部门目标.部分 must be one of 总体绩效目标, 分项绩效目标, 工作保障措施.

    PASS: 分项绩效目标
    FAIL: 分项目标
    """

    code = "unknown-part"
    severity = "error"
    zh = "“部分”应为 总体绩效目标/分项绩效目标/工作保障措施 之一，现为“{value}”"
    en = "部分 must be one of 总体绩效目标/分项绩效目标/工作保障措施, found '{value}'"

    def check(self, ctx: Context) -> Iterator[Finding]:
        goals = ctx.columns.goals
        parts = goals.get("part")
        for i in ctx.where(lambda part: part and part not in ctx.profile.parts, parts):
            yield self.at(ctx, S.GOALS, "part", goals.rows[i], value=parts[i])
