"""The Rule base class and the Context every rule reads from.

A rule is a small class with a stable ``code``, a default ``severity``, its own
message templates ``zh``/``en`` and a docstring: first line = what it checks,
then ``PASS:`` and ``FAIL:`` example lines.  ``check(ctx)`` yields findings and
never touches a file or a cell: the Context holds the records as columns (one
list per field, no model object per row), the Locations of their values, the
reader's structural Facts and findings — built from a :class:`ReadResult`, which
may come from a workbook on disk or from grids held in memory (a live Excel
session).  A rule tests each distinct value of a column once (``ctx.where``) and
goes to rows only for the values that fail.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from perfxl.check.rules.kinds import kind_of
from perfxl.core.findings import Finding, MessageTemplates, Severity
from perfxl.core.profile import Profile, profile_for
from perfxl.core.stages import decimal_or_none
from perfxl.core.taxonomy import Taxonomy, available_versions, default_version, load_taxonomy
from perfxl.core.terms import DEFAULT_AMOUNT_UNIT
from perfxl.core.values import SplitValue, normalize_printed_value, parse_value, value_number
from perfxl.workbook import BookColumns, Facts, Locations, ReadResult
from perfxl.workbook import schema as S

if TYPE_CHECKING:
    from perfxl.core.location import Location
    from perfxl.year.sheetdata import StageData


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


class DivisionInfo(NamedTuple):
    code: str | None
    name: str | None


class Head(NamedTuple):
    """基本信息: the Dataset's fields other than its records (no model object is built for it)."""

    year: int | None
    profile: str | None
    division: DivisionInfo
    amount_unit: str
    taxonomy: str | None


class Indicators:
    """The indicator rows as columns, in the Dataset's order (grouped by project, as 项目 lists them).

    ``rows[i]`` is the 绩效指标 row of indicator ``i``, ``project[i]`` the index of its project,
    ``seq[i]`` its place (1, 2, …) in that project; the other lists are its fields.  Only rows
    that belong to a project are here (the others are ``orphan-row``'s).
    """

    FIELDS = (
        "level1",
        "level2",
        "level3",
        "description",
        "sign",
        "value",
        "unit",
        "basis",
        "previous_value",
        "weight",
    )

    def __init__(self, columns: BookColumns) -> None:
        table = columns.indicators
        self.rows: list[int] = table.rows
        self.project: list[int] = columns.indicator_project
        self.seq: list[int] = columns.indicator_seq
        self.level1: list[str | None] = table.get("level1")
        self.level2: list[str | None] = table.get("level2")
        self.level3: list[str | None] = table.get("level3")
        self.description: list[str | None] = table.get("description")
        self.sign: list[str | None] = table.get("sign")
        self.value: list[str | None] = table.get("value")
        self.unit: list[str | None] = table.get("unit")
        self.basis: list[str | None] = table.get("basis")
        self.previous_value: list[str | None] = table.get("previous_value")
        self.weight: list[Decimal | None] = table.get("weight")
        self.extra = table.extra

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, key: str) -> list[Any]:
        """The column of field ``key`` (one of :attr:`FIELDS`)."""
        if key not in self.FIELDS:
            raise KeyError(key)
        column: list[Any] = getattr(self, key)
        return column


class Projects:
    """The rows of 项目 as columns (money normalised as the model holds it: two places at least)."""

    def __init__(self, columns: BookColumns) -> None:
        table = columns.projects
        self.rows: list[int] = table.rows
        self.code: list[str] = columns.project_codes
        self.unit_code: list[str | None] = table.get("unit_code")
        self.name: list[str | None] = table.get("name")
        self.total: list[Decimal | None] = _money(table.get("total"))
        self.fiscal: list[Decimal | None] = _money(table.get("fiscal"))
        self.other: list[Decimal | None] = _money(table.get("other"))
        self.purpose: list[str | None] = table.get("purpose")
        self.goals: list[str | None] = table.get("goals")
        self.indicators: list[range] = columns.project_indicators  # each project's span of Indicators

    def __len__(self) -> int:
        return len(self.rows)


def _money(column: list[Any]) -> list[Decimal | None]:
    """``column`` normalised as the model holds money (two places at least), once per distinct object.

    The reader converts each distinct cell once, so equal cells share one Decimal object; keyed by
    identity, since Decimals equal in value may differ in places (10 and 10.000).
    """
    objects = {id(v): v for v in column}
    normal = {key: None if v is None else decimal_or_none(v) for key, v in objects.items()}
    return [normal[id(v)] for v in column]


class Context:
    """What rules look at: the records as columns, where each value sits, the reader's facts and findings.

    Rules read columns (:attr:`ind`, :attr:`proj`) and test each *distinct* value once
    (:meth:`where`); no model object is built for them (``result.dataset`` stays unbuilt).
    """

    def __init__(self, result: ReadResult) -> None:
        self.columns: BookColumns = result.columns
        self.locations: Locations = result.locations
        self.facts: Facts = result.facts
        self.reader_findings: list[Finding] = result.findings
        self.stages: StageData = result.stages  # the stage sheets as read (empty without them)
        self.info: dict[str, Any] = result.columns.info
        self._distinct: dict[tuple[int, ...], tuple[tuple[Sequence[Any], ...], set[Any]]] = {}

    def column(self, sheet: str, key: str) -> str | None:
        """Column letter of field ``key`` in ``sheet`` as the workbook has it (None if absent)."""
        return self.locations.column(sheet, key)

    @cached_property
    def ind(self) -> Indicators:
        return Indicators(self.columns)

    @cached_property
    def proj(self) -> Projects:
        return Projects(self.columns)

    @cached_property
    def head(self) -> Head:
        """基本信息 as the Dataset holds it (the amount unit defaults to 万元)."""
        info = self.info
        return Head(
            year=info.get(S.INFO_YEAR),
            profile=info.get(S.INFO_PROFILE),
            division=DivisionInfo(info.get(S.INFO_DIVISION_CODE), info.get(S.INFO_DIVISION_NAME)),
            amount_unit=info.get(S.INFO_AMOUNT_UNIT) or DEFAULT_AMOUNT_UNIT,
            taxonomy=info.get(S.INFO_TAXONOMY),
        )

    def where(self, test: Callable[..., object], *columns: Sequence[Any]) -> list[int]:
        """Indices ``i`` where ``test(columns[0][i], columns[1][i], …)`` is true, testing each distinct tuple once."""
        if len(columns) == 1:
            (only,) = columns
            bad = {v for v in self.distinct(only) if test(v)}
            return [i for i, v in enumerate(only) if v in bad] if bad else []
        bad = {t for t in self.distinct(*columns) if test(*t)}
        return [i for i, t in enumerate(zip(*columns, strict=True)) if t in bad] if bad else []

    def distinct(self, *columns: Sequence[Any]) -> set[Any]:
        """The distinct values of a column, or distinct tuples of several, found once per check.

        Rules ask for the same columns again and again (sign, value, unit …).  The cache holds
        the columns themselves, so their ids, its keys, cannot be reused by other lists.
        """
        key = tuple(map(id, columns))
        got = self._distinct.get(key)
        if got is None:
            found = set(columns[0]) if len(columns) == 1 else set(zip(*columns, strict=True))
            got = self._distinct[key] = (columns, found)
        return got[1]

    def where_among(self, indices: list[int], test: Callable[..., object], *columns: Sequence[Any]) -> list[int]:
        """Those of ``indices`` where ``test`` holds for the columns (each distinct tuple tested once)."""
        found = self.where(test, *([column[i] for i in indices] for column in columns))
        return [indices[j] for j in found]

    @cached_property
    def taxonomy_version(self) -> str:
        version = self.info.get(S.INFO_TAXONOMY)
        if version in available_versions():
            return str(version)
        return default_version(self.info.get(S.INFO_YEAR))

    @cached_property
    def taxonomy(self) -> Taxonomy:
        return load_taxonomy(self.taxonomy_version)

    @cached_property
    def levels(self) -> list[Levels]:
        """The taxonomy's view of every indicator, parallel to :attr:`ind`.

        Computed once per distinct (一级, 二级) pair: a workbook repeats a handful of
        pairs thousands of times.
        """
        tax = self.taxonomy
        pairs = list(zip(self.ind.level1, self.ind.level2, strict=True))
        table: dict[tuple[str | None, str | None], Levels] = {}
        for key in set(pairs):
            l1, l2 = tax.canonical1(key[0]), tax.canonical2(key[1])
            table[key] = Levels(
                l1, l2, tax.parent_of(l2) if l2 else None, bool(l2) and tax.is_deprecated(l2 or ""), kind_of(l1, l2)
            )
        return list(map(table.__getitem__, pairs))

    @cached_property
    def profile(self) -> Profile:
        """The regional profile the dataset records (配置方案; none recorded: the legacy one)."""
        return profile_for(self.info.get(S.INFO_PROFILE))

    @cached_property
    def plans(self) -> list[tuple[int, int, list[tuple[str, Decimal | None]]]]:
        """(project index, 支出计划 row, [(checkpoint key, value)]) for projects that have a plan row.

        The checkpoints are the 支出计划 month columns: the profile's and any other month used.
        """
        cols = self.columns
        table = cols.schedules
        placed = [(p, s) for p, s in enumerate(cols.schedule_of) if s is not None]
        by_month: dict[int, list[Any]] = {}
        for key in cols.month_keys:
            month = S.month_of_key(key)
            if month is not None:
                by_month[month] = _money(table.get(key))  # percentages normalised as money is
        used = {m for m, column in by_month.items() if any(column[s] is not None for _, s in placed)}
        months = sorted(set(self.profile.plan_months) | used)
        keys = [S.month_key(m) for m in months]
        columns = [by_month.get(m) for m in months]
        return [
            (p, table.rows[s], [(key, c[s] if c is not None else None) for key, c in zip(keys, columns, strict=True)])
            for p, s in placed
        ]

    @cached_property
    def first_occurrence(self) -> list[bool]:
        """Per project: True unless an earlier project has the same code (those get no children)."""
        seen: set[str] = set()
        out = []
        for code in self.proj.code:
            out.append(code not in seen)
            seen.add(code)
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
            for f in ctx.reader_findings:
                if f.code == self.code:
                    yield f.replace(severity=self.level, templates=self.templates)

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
        return self.at(
            ctx, S.PROJECTS, key, ctx.proj.rows[index], value=value, project_code=ctx.proj.code[index] or None, **extra
        )

    def at_ind(self, ctx: Context, i: int, key: str, *, value: Any = None, **extra: Any) -> Finding:
        """A finding at field ``key`` of indicator ``i`` (an index into :attr:`Context.ind`)."""
        ind = ctx.ind
        extra.setdefault("name", ind.level3[i] or "")
        code = ctx.proj.code[ind.project[i]]
        return self.at(ctx, S.INDICATORS, key, ind.rows[i], value=value, project_code=code or None, **extra)

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
