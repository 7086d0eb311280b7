"""Code formats: 单位编码, 项目编码 and the 部分 of department goals.

What a 项目编码 looks like is the profile's (配置方案): the pattern, whether it starts with
the division code, where its year digits are.  A placeholder code the importer made up
(待补-…) is reported as such, whatever the profile.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfxl.check.rules.base import Context, Rule
from perfxl.core.findings import Finding
from perfxl.core.model import is_placeholder_code
from perfxl.core.values import normalize_text
from perfxl.workbook import schema as S


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
        for unit, row in zip(ctx.dataset.units, ctx.locations.units, strict=True):
            if unit.code and not _digits_or_placeholder(unit.code):
                yield self.at(ctx, S.UNITS, "code", row, value=unit.code, **full_width_hint(unit.code))
        for i, p in enumerate(ctx.dataset.projects):
            if p.unit_code and not _digits_or_placeholder(p.unit_code):
                yield self.at_project(ctx, i, "unit_code", value=p.unit_code, **full_width_hint(p.unit_code))


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
        division = ctx.dataset.division.code if profile.division_digits else None
        for i, p in enumerate(ctx.dataset.projects):
            if not p.code or is_placeholder_code(p.code):
                continue  # a placeholder is placeholder-code's (a warning: the import made it up)
            if not profile.code_matches(p.code):
                hint = full_width_hint(p.code)
                yield self.at_project(
                    ctx,
                    i,
                    "code",
                    value=p.code,
                    reason=f"应为 {profile.code_description}（现为 {len(p.code)} 位）{hint['hint']}",
                    reason_en=f"expected {profile.code_description_en} (found {len(p.code)}){hint['hint_en']}",
                )
            elif division and not p.code.startswith(division):
                yield self.at_project(
                    ctx,
                    i,
                    "code",
                    value=p.code,
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
        for unit, row in zip(ctx.dataset.units, ctx.locations.units, strict=True):
            if is_placeholder_code(unit.code):
                yield self.at(ctx, S.UNITS, "code", row, value=unit.code, what="单位编码", what_en="unit code")
        for i, p in enumerate(ctx.dataset.projects):
            if is_placeholder_code(p.unit_code):
                yield self.at_project(ctx, i, "unit_code", value=p.unit_code, what="单位编码", what_en="unit code")
            if is_placeholder_code(p.code):
                yield self.at_project(ctx, i, "code", value=p.code, what="项目编码", what_en="project code")


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
        year = ctx.dataset.year
        if year is None:
            return
        digits = ctx.profile.year_digits
        if digits is None:
            return
        start = len(ctx.dataset.division.code or "") or digits[0]
        expected = f"{year % 100:02d}"
        for i, p in enumerate(ctx.dataset.projects):
            if not p.code or is_placeholder_code(p.code) or not ctx.profile.code_matches(p.code):
                continue
            part = p.code[start : start + 2]
            if part.isdigit() and part != expected:
                yield self.at_project(ctx, i, "code", value=p.code, part=part, year=year)


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
        for goal, row in zip(ctx.dataset.department_goals, ctx.locations.goals, strict=True):
            if goal.part and goal.part not in ctx.profile.parts:
                yield self.at(ctx, S.GOALS, "part", row, value=goal.part)
