"""The Rule base class and the Context every rule reads from.

A rule is a small class with a stable ``code``, a default ``severity``, its own
message templates ``zh``/``en`` and a docstring: first line = what it checks,
then ``PASS:`` and ``FAIL:`` example lines.  ``check(ctx)`` yields findings and
never touches a file or a cell: the Context holds the Dataset, the Locations of
its values, the reader's structural Facts and findings — built from a
:class:`ReadResult`, which may come from a workbook on disk or from grids held
in memory (a live Excel session).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import Any, ClassVar, NamedTuple

from perfxl.check.rules.kinds import kind_of
from perfxl.core.findings import Finding, MessageTemplates, Severity
from perfxl.core.location import Location
from perfxl.core.model import Dataset, Indicator, Project
from perfxl.core.profile import Profile, profile_for
from perfxl.core.taxonomy import Taxonomy, available_versions, default_version, load_taxonomy
from perfxl.core.values import SplitValue, normalize_printed_value, parse_value, value_number
from perfxl.workbook import Facts, Locations, ReadResult
from perfxl.workbook import schema as S
from perfxl.year.sheetdata import StageData


class IndicatorRow(NamedTuple):
    """One indicator with its project and where it sits (a NamedTuple: 100k are built per check)."""

    project_index: int
    project: Project
    indicator: Indicator
    row: int


@lru_cache(maxsize=1 << 16)
def split_text(text: str) -> SplitValue:
    """``parse_value`` of the standard printed form (≧８０ ％ → ≥80%), cached: the same values recur thousands of times."""
    return parse_value(normalize_printed_value(text))


@lru_cache(maxsize=1 << 16)
def number_of(text: str | None) -> Decimal | None:
    """``value_number``, cached."""
    return value_number(text)


class Levels(NamedTuple):
    """An indicator's (一级, 二级) as the taxonomy sees them.

    ``level1``/``level2`` are canonical names (aliases resolved) or None when unknown;
    a known 二级 keeps its name even under a wrong 一级, so kind checks (成本, 时效 …)
    follow the 二级.  ``parent`` is the 一级 the 二级 belongs under.
    """

    level1: str | None
    level2: str | None
    parent: str | None
    deprecated: bool
    kind: str | None


class Context:
    """What rules look at: the dataset, where each value sits, the reader's facts and findings, the taxonomy."""

    def __init__(self, result: ReadResult) -> None:
        self.dataset: Dataset = result.dataset
        self.locations: Locations = result.locations
        self.facts: Facts = result.facts
        self.reader_findings: list[Finding] = result.findings
        self.stages: StageData = result.stages  # the stage sheets as read (empty without them)

    def column(self, sheet: str, key: str) -> str | None:
        """Column letter of field ``key`` in ``sheet`` as the workbook has it (None if absent)."""
        return self.locations.column(sheet, key)

    @cached_property
    def taxonomy_version(self) -> str:
        version = self.dataset.taxonomy
        if version in available_versions():
            return str(version)
        return default_version(self.dataset.year)

    @cached_property
    def taxonomy(self) -> Taxonomy:
        return load_taxonomy(self.taxonomy_version)

    @cached_property
    def indicator_rows(self) -> list[IndicatorRow]:
        return [
            IndicatorRow(i, project, indicator, row)
            for i, (project, rows) in enumerate(zip(self.dataset.projects, self.locations.indicators, strict=True))
            for indicator, row in zip(project.indicators, rows, strict=True)
        ]

    @cached_property
    def levels(self) -> list[Levels]:
        """The taxonomy's view of every indicator, parallel to ``indicator_rows``.

        Computed once per distinct (一级, 二级) pair: a workbook repeats a handful of
        pairs thousands of times.
        """
        tax = self.taxonomy
        cache: dict[tuple[str | None, str | None], Levels] = {}
        out = []
        for item in self.indicator_rows:
            key = (item.indicator.level1, item.indicator.level2)
            got = cache.get(key)
            if got is None:
                l1, l2 = tax.canonical1(key[0]), tax.canonical2(key[1])
                got = cache[key] = Levels(
                    l1, l2, tax.parent_of(l2) if l2 else None, bool(l2) and tax.is_deprecated(l2 or ""), kind_of(l1, l2)
                )
            out.append(got)
        return out

    @cached_property
    def profile(self) -> Profile:
        """The regional profile the dataset records (配置方案; none recorded: the legacy one)."""
        return profile_for(self.dataset.profile)

    @cached_property
    def plans(self) -> list[tuple[int, int, list[tuple[str, Decimal | None]]]]:
        """(project index, 支出计划 row, [(checkpoint key, value)]) for projects that have a plan row.

        The checkpoints are the 支出计划 month columns: the profile's and any other month used.
        """
        months = S.plan_months(self.dataset)
        out = []
        for i, p in enumerate(self.dataset.projects):
            row = self.locations.schedules[i]
            if row is not None:
                out.append((i, row, [(S.month_key(m), p.schedule.get(m)) for m in months]))
        return out

    @cached_property
    def first_occurrence(self) -> list[bool]:
        """Per project: True unless an earlier project has the same code (those get no children)."""
        seen: set[str] = set()
        out = []
        for p in self.dataset.projects:
            out.append(p.code not in seen)
            seen.add(p.code)
        return out


class Rule:
    """Base class; subclasses set ``code``, ``severity``, ``zh``, ``en`` and a docstring."""

    code: ClassVar[str] = ""
    severity: ClassVar[Severity] = "error"
    zh: ClassVar[str] = ""
    en: ClassVar[str] = ""
    templates: ClassVar[MessageTemplates | None] = None  # zh/en, made from the class's own
    # Reader-backed rules pass on findings the reader made about sheets and headers
    # (the reader knows no messages: their templates are the rule's).
    from_reader: ClassVar[bool] = False
    # Whether ``perfxl fix`` can mend what this rule reports.
    fixable: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.zh and cls.en:
            cls.templates = MessageTemplates(zh=cls.zh, en=cls.en)

    def __init__(self, severity: Severity | None = None) -> None:
        self.level: Severity = severity or self.severity

    @classmethod
    def template(cls, lang: str) -> str:
        """The message template in ``lang`` ('' if the rule has none)."""
        return cls.templates.get(lang) if cls.templates else ""

    def check(self, ctx: Context) -> Iterator[Finding]:
        if self.from_reader:
            update = {"severity": self.level, "templates": self.templates}
            for f in ctx.reader_findings:
                if f.code == self.code:
                    yield f.model_copy(update=update)

    # --- helpers that build findings at the right cell ---------------------------

    def finding(self, location: Location, *, value: Any = None, **extra: Any) -> Finding:
        """A finding of this rule at ``location``."""
        return Finding(
            code=self.code, severity=self.level, location=location, value=value, ctx=extra, templates=self.templates
        )

    def at(
        self,
        ctx: Context,
        sheet: str,
        key: str | None,
        row: int | None,
        *,
        value: Any = None,
        project_code: str | None = None,
        **extra: Any,
    ) -> Finding:
        """A finding at column ``key`` of ``sheet`` in ``row`` (workbook-level when row is None)."""
        if key is not None:
            extra.setdefault("column", S.column_name(sheet, key))
        return self.finding(ctx.locations.at(sheet, key, row, project_code=project_code), value=value, **extra)

    def at_project(self, ctx: Context, index: int, key: str, *, value: Any = None, **extra: Any) -> Finding:
        project = ctx.dataset.projects[index]
        return self.at(
            ctx, S.PROJECTS, key, ctx.locations.projects[index], value=value, project_code=project.code or None, **extra
        )

    def at_indicator(self, ctx: Context, item: IndicatorRow, key: str, *, value: Any = None, **extra: Any) -> Finding:
        extra.setdefault("name", item.indicator.level3 or "")
        return self.at(ctx, S.INDICATORS, key, item.row, value=value, project_code=item.project.code or None, **extra)

    @classmethod
    def doc_parts(cls) -> tuple[str, list[str], list[str]]:
        """(description, PASS examples, FAIL examples) parsed from the docstring."""
        lines = [line.strip() for line in (cls.__doc__ or "").strip().splitlines()]
        desc: list[str] = []
        passes: list[str] = []
        fails: list[str] = []
        for line in lines:
            if line.startswith("PASS:"):
                passes.append(line[5:].strip())
            elif line.startswith("FAIL:"):
                fails.append(line[5:].strip())
            elif line and not passes and not fails:
                desc.append(line)
        return " ".join(desc), passes, fails
