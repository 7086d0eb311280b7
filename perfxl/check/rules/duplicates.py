"""Copy-paste: the same indicator, table or text repeated where it should differ."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from perfxl.check.rules.base import Context, Rule
from perfxl.core.copies import MIN_TABLE_ROWS, ROW_FIELDS
from perfxl.core.numbering import strip_number
from perfxl.workbook import schema as S

if TYPE_CHECKING:
    from perfxl.core.findings import Finding

MIN_SENTENCE = 8  # shorter fragments (编号, 无) repeat innocently
MIN_GOALS_TEXT = 6
_SENTENCE_END = re.compile(r"[。；;！!？?\n]+")
_CLAUSE_END = re.compile(r"[，,]+")
NEAR_COPY_MIN_ROWS = 4  # shorter tables share their few standard rows innocently
NEAR_COPY_SHARE = (2, 3)  # at least 2/3 of the rows equal …
NEAR_COPY_MAX_SHARERS = 64  # a row that many projects have says nothing about copying
TableKey = tuple[int, ...]  # a table as the ids of its rows (see _row_ids)


def _row_ids(ctx: Context) -> list[int]:
    """Per indicator, a number standing for its row as tables are compared (equal rows, equal numbers).

    An int hashes and compares at C speed; the tuple of six texts would be hashed again at every use.
    A row's number is the index of its last occurrence: all that matters is equal rows, equal numbers.
    """
    rows = list(zip(*map(ctx.ind.column, ROW_FIELDS), strict=True))
    ids = dict(zip(rows, range(len(rows)), strict=True))
    return list(map(ids.__getitem__, rows))


# Both table rules of one check share the keys (computed once per Context; dropped with it).
_KEYS: WeakKeyDictionary[Context, list[TableKey | None]] = WeakKeyDictionary()


def _table_keys(ctx: Context) -> list[TableKey | None]:
    """Per project, the key under which two indicator tables are equal (None for a table too short to judge)."""
    keys = _KEYS.get(ctx)
    if keys is None:
        ids = _row_ids(ctx)
        keys = [tuple(ids[r.start : r.stop]) if len(r) >= MIN_TABLE_ROWS else None for r in ctx.proj.indicators]
        _KEYS[ctx] = keys
    return keys


class DuplicateIndicatorName(Rule):
    """The same 三级指标 name appears twice in one project.

    PASS: 培训人数 and 培训合格率 in one project
    FAIL: 培训人数 twice in one project
    """

    code = "duplicate-indicator-name"
    severity = "warning"
    zh = "三级指标“{value}”在本项目中重复（首次出现在第 {first} 行）"
    en = "indicator '{value}' appears twice in this project (first on row {first})"

    def check(self, ctx: Context) -> Iterator[Finding]:
        ind = ctx.ind
        level3 = ind.level3
        for span in ctx.proj.indicators:
            names = [n for n in level3[span.start : span.stop] if n]
            if len(set(names)) != len(names):  # rare: only then find which rows
                seen: dict[str, int] = {}
                for i in span:
                    name = level3[i]
                    if name and name in seen:
                        yield self.at_ind(ctx, i, "level3", value=name, first=seen[name])
                    elif name:
                        seen[name] = ind.rows[i]


class DuplicateIndicatorTable(Rule):
    """Two projects have identical indicator tables (at least two rows): copied without adapting.

    PASS: each project's indicators describe that project
    FAIL: project B's indicator rows equal project A's, name for name and value for value
    """

    code = "duplicate-indicator-table"
    severity = "warning"
    zh = "本项目的绩效指标与项目“{other}”（第 {first} 行）完全相同"
    en = "this project's indicators are identical to project '{other}' (row {first})"

    def check(self, ctx: Context) -> Iterator[Finding]:
        proj = ctx.proj
        seen: dict[TableKey, int] = {}
        for i, key in enumerate(_table_keys(ctx)):
            if key is None:
                continue
            if key in seen:
                j = seen[key]
                yield self.at_project(ctx, i, "name", value=proj.name[i], other=proj.code[j], first=proj.rows[j])
            else:
                seen[key] = i


def _shared_rows(a: Counter[int], b: Counter[int]) -> int:
    """Rows two tables have in common, a repeated row counted as often as both have it."""
    return sum(min(n, b[r]) for r, n in a.items() if r in b)


class NearCopyIndicatorTable(Rule):
    """Two projects' indicator tables are nearly the same: most rows equal, a few changed (copied, partly adapted).

    Rows are compared as in duplicate-indicator-table (一级, 二级, 三级, sign, value, unit, in any order);
    reported when at least 2/3 of the rows of the longer table (of 4 rows or more) are equal.
    PASS: each project's indicators describe that project
    FAIL: project B has 7 of project A's 9 rows unchanged and 2 with another value
    """

    code = "near-copy-indicator-table"
    severity = "warning"
    zh = "本项目的绩效指标与项目“{other}”（第 {first} 行）有 {matched}/{rows} 行相同，只改了 {changed} 行"
    en = "this project's indicators match project '{other}' (row {first}) in {matched} of {rows} rows; only {changed} changed"

    def check(self, ctx: Context) -> Iterator[Finding]:
        proj = ctx.proj
        keys = _table_keys(ctx)
        tables: list[Counter[int]] = []  # each table's rows counted, for tables that repeat a row (else empty)
        distinct: list[frozenset[int]] = []  # each table's rows without repeats, for C-speed intersections
        repeated: list[bool] = []  # whether a table has a row twice (then counts matter)
        exact: set[TableKey] = set()
        sharers: dict[int, list[int]] = {}
        nothing: Counter[int] = Counter()
        for i, key in enumerate(keys):
            if key is None or len(key) < NEAR_COPY_MIN_ROWS:  # never compared: placeholders keep the indices
                tables.append(nothing)
                distinct.append(frozenset())
                repeated.append(False)
                continue
            mine = frozenset(key)
            twice = len(key) > len(mine)
            tables.append(Counter(key) if twice else nothing)
            distinct.append(mine)
            repeated.append(twice)
            if key in exact:  # an exact copy: duplicate-indicator-table
                continue
            exact.add(key)
            best, matched = self._closest(tables, distinct, repeated, sharers)
            if best is not None:
                size = max(len(key), len(keys[best] or ()))
                num, den = NEAR_COPY_SHARE
                if matched * den >= size * num and matched < size:
                    yield self.at_project(
                        ctx,
                        i,
                        "name",
                        value=proj.name[i],
                        other=proj.code[best],
                        first=proj.rows[best],
                        matched=matched,
                        rows=size,
                        changed=size - matched,
                    )
            for row in mine:
                holders = sharers.setdefault(row, [])
                if len(holders) < NEAR_COPY_MAX_SHARERS:
                    holders.append(i)

    @staticmethod
    def _closest(
        tables: list[Counter[int]],
        distinct: list[frozenset[int]],
        repeated: list[bool],
        sharers: dict[int, list[int]],
    ) -> tuple[int | None, int]:
        """(the earlier project sharing most rows with the last table — the first of equals —, how many), or (None, 0).

        Candidates are the remembered holders of any of its rows.  Unless both tables repeat a
        row, the count is the size of a frozenset intersection, taken in C for all candidates at
        once: this runs for every candidate of every project (12,500 × ~77 at 100k indicator rows).
        """
        mine = distinct[-1]
        candidates = sorted(set().union(*(sharers.get(row, ()) for row in mine)))
        if not candidates:
            return None, 0
        if repeated[-1]:
            rows = tables[-1]
            counts = [_shared_rows(rows, tables[j]) if repeated[j] else len(mine & distinct[j]) for j in candidates]
        else:  # the common case, in C: one intersection per candidate
            counts = list(map(len, map(mine.intersection, map(distinct.__getitem__, candidates))))
        first = counts.index(max(counts))  # the first of equals
        return candidates[first], counts[first]


class DuplicateGoalsText(Rule):
    """Two projects have the identical 绩效目标 text.

    PASS: each project states its own goal
    FAIL: projects A and B both say 提高服务质量，群众满意度明显提升。
    """

    code = "duplicate-goals-text"
    severity = "warning"
    zh = "绩效目标与项目“{other}”（第 {first} 行）完全相同"
    en = "绩效目标 is identical to project '{other}' (row {first})"

    def check(self, ctx: Context) -> Iterator[Finding]:
        proj = ctx.proj
        stripped = {g: (g or "").strip() for g in set(proj.goals)}
        seen: dict[str, int] = {}
        for i, goals in enumerate(proj.goals):
            text = stripped[goals]
            if len(text) < MIN_GOALS_TEXT:
                continue
            if text in seen:
                j = seen[text]
                yield self.at_project(ctx, i, "goals", value=text, other=proj.code[j], first=proj.rows[j])
            else:
                seen[text] = i


def _first_repeat(parts: list[str]) -> str | None:
    seen: set[str] = set()
    for part in parts:
        # Numbering in front of a sentence (1. （一） 二、) is not part of what it says.
        piece = strip_number(part.strip()).strip(" \t，,")
        if len(piece) < MIN_SENTENCE:
            continue
        if piece in seen:
            return piece
        seen.add(piece)
    return None


def repeated_sentence(text: str | None) -> str | None:
    """The first sentence, else the first clause (split at ，,), of at least MIN_SENTENCE characters found twice.

    Clauses too: a sentence pasted twice with its last clause changed
    (甲，乙。甲，乙,丙。) repeats no whole sentence, but 甲 twice.
    """
    if not text:
        return None
    sentences = _SENTENCE_END.split(text)
    return _first_repeat(sentences) or _first_repeat([c for s in sentences for c in _CLAUSE_END.split(s)])


class RepeatedSentence(Rule):
    """The same sentence twice within one text (资金用途, 绩效目标, 部门目标 内容).

    PASS: 加强培训。提高就业率。
    FAIL: 帮助劳动者实现就业创业。……帮助劳动者实现就业创业。
    """

    code = "repeated-sentence"
    severity = "warning"
    zh = "同一句话出现两次：“{value}”"
    en = "the same sentence appears twice: '{value}'"

    def check(self, ctx: Context) -> Iterator[Finding]:
        proj = ctx.proj
        found: dict[str, str] = {}  # text → its repeated sentence, each distinct text looked at once

        def repeats(text: str | None) -> bool:
            sentence = repeated_sentence(text)
            if sentence and text:
                found[text] = sentence
            return bool(sentence)

        # Project by project, 资金用途 before 绩效目标, as the rows read.
        hits = [(i, n) for n, column in enumerate((proj.purpose, proj.goals)) for i in ctx.where(repeats, column)]
        for i, n in sorted(hits):
            key = ("purpose", "goals")[n]
            yield self.at_project(ctx, i, key, value=found[getattr(proj, key)[i]])
        goals = ctx.columns.goals
        texts = goals.get("text")
        for i in ctx.where(repeats, texts):
            yield self.at(ctx, S.GOALS, "text", goals.rows[i], value=found[texts[i]])
