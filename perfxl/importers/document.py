"""A document's blocks → one Dataset and its import report.

Walks paragraphs and tables in order: part 1's goals are the paragraphs before
the first project table; a paragraph right above a table is its heading; unit
and amount-unit lines above a table belong to it; a run of one-line cells is
regrouped into a table first.  The budget year comes from ``(2022年度)``, a title
(``2021年度部门预算``), the profile's code digits, a date line, or the year the
text mentions most — in that order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from perfxl.core.errors import InputError
from perfxl.core.model import Dataset, Division
from perfxl.core.profile import GENERIC, Profile, bundled_profiles, load_profile
from perfxl.core.taxonomy import default_version
from perfxl.core.terms import DEFAULT_AMOUNT_UNIT, is_placeholder_code
from perfxl.importers.assemble import ProjectBuilder, amount_unit_of
from perfxl.importers.blocks import Block, Document, Paragraph, Table
from perfxl.importers.cleanup import strip_field_codes
from perfxl.importers.drafts import Draft, Drafts, Value
from perfxl.importers.goals import department_goals
from perfxl.importers.labels import Lexicon
from perfxl.importers.report import ImportProblem, Ledger
from perfxl.importers.sheet import GEOMETRIC_FORMATS, UNIT_LINE, Sheet
from perfxl.importers.stream import Line, regroup
from perfxl.importers.tables import TableContext, read_table

_STATED_YEAR = re.compile(r"[（(]\s*(20\d{2})\s*年度?\s*[）)]")
_BUDGET_YEAR = re.compile(r"(20\d{2})\s*年?度?\s*(?:部门|单位)?\s*(?:预算|绩效目标)")
_DATE = re.compile(r"(20\d{2})\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
_ANY_YEAR = re.compile(r"(20\d{2})\s*年")
_REGION = re.compile(r"^(\S{1,8}?(?:省|市|县|区|旗))")
_BARE_YEAR = re.compile(r"[（(]\s*20\d{2}\s*年度?\s*[）)]")
_AMOUNT_LINE = re.compile(r"^(?:金额)?单位\s*[:：]\s*(\S+)$")


@dataclass
class ImportResult:
    dataset: Dataset
    report: list[ImportProblem]
    format: str = "text"
    profile: str = GENERIC

    @property
    def problems(self) -> list[ImportProblem]:
        """What could not be read (the import is incomplete)."""
        return [p for p in self.report if p.level == "error"]

    @property
    def warnings(self) -> list[ImportProblem]:
        return [p for p in self.report if p.level == "warning"]

    @property
    def unused(self) -> list[ImportProblem]:
        return [p for p in self.report if p.level == "unused"]

    @property
    def readable(self) -> bool:
        return bool(self.dataset.projects or self.dataset.department_goals)


def _amount_line(text: str, lex: Lexicon) -> str | None:
    m = _AMOUNT_LINE.match(re.sub(r"\s+", "", text))
    return m.group(1) if m and m.group(1) in lex.amount_units else None


def _is_unit_line(text: str, lex: Lexicon) -> bool:
    parts = text.split()
    return bool(parts) and all(UNIT_LINE.match(p) or _amount_line(p, lex) for p in parts)


def _single_cell_rows(table: Table) -> bool:
    rows = [[c for c in row if c.text.strip()] for row in table.rows]
    rows = [r for r in rows if r]
    return len(rows) >= 6 and sum(len(r) == 1 for r in rows) >= 0.8 * len(rows)


def prepare(blocks: Sequence[Block], lex: Lexicon, geometric: bool) -> list[Paragraph | Sheet]:
    """Clean paragraphs and turn one-line-per-cell runs into tables."""
    out: list[Paragraph | Sheet] = []
    run: list[Paragraph] = []
    pseudo = 0

    def flush() -> None:
        nonlocal pseudo
        while run:
            lines = [Line(p.text, p.line, i) for i, p in enumerate(run)]
            starts = [i for i, p in enumerate(run) if lex.field_of(p.text) in ("name", "code", "unit")]
            found = regroup(lines[starts[0] :] if starts else lines, lex, -(pseudo + 1)) if lines else None
            if found is None:
                out.extend(run)
                run.clear()
                return
            pseudo += 1
            table, used = found
            begin = starts[0] if starts else 0
            out.extend(run[:begin])
            titles = [p.text for p in run[:begin] if not _BARE_YEAR.fullmatch(p.text)]
            out.append(Sheet.of(table, geometric=False, heading=titles[-1] if titles else None))
            del run[: begin + used]

    for block in blocks:
        if isinstance(block, Paragraph):
            text = strip_field_codes(block.text).strip()
            if text:
                run.append(Paragraph(text, block.line, block.page))
            continue
        flush()
        if not geometric and _single_cell_rows(block):
            cells = [c for row in block.rows for c in row if c.text.strip()]
            found = regroup([Line(c.text, c.line, i) for i, c in enumerate(cells)], lex, block.number)
            if found is not None:
                out.append(Sheet.of(found[0], geometric=False))
                continue
        out.append(Sheet.of(block, geometric=geometric))
    flush()
    return out


def budget_year(texts: Sequence[str], codes: Sequence[str], profile: Profile) -> tuple[int | None, str | None]:
    """The budget year and the text it was read from (None when it came from codes or mentions)."""
    for pattern in (_STATED_YEAR, _BUDGET_YEAR):
        for text in texts:
            m = pattern.search(text)
            if m:
                return int(m.group(1)), text
    hints = Counter(y for c in codes if (y := profile.year_of(c)) is not None)
    if hints:
        return hints.most_common(1)[0][0], None
    for text in texts:
        m = _DATE.search(text)
        if m:
            return int(m.group(1)), text
    mentions = Counter(m.group(1) for t in texts for m in _ANY_YEAR.finditer(t))
    return (int(mentions.most_common(1)[0][0]), None) if mentions else (None, None)


def choose_profile(codes: Sequence[str], chosen: Profile | None) -> Profile:
    """The profile asked for, else the first bundled one whose code pattern every real code matches."""
    if chosen is not None:
        return chosen
    real = [c for c in codes if not is_placeholder_code(c)]
    for profile in bundled_profiles():
        if profile.code_pattern and real and all(profile.code_matches(c) for c in real):
            return profile
    return load_profile(GENERIC)


def parse_document(doc: Document, *, path: str | None, lex: Lexicon, profile: Profile | None = None) -> ImportResult:
    ledger = Ledger(path)
    drafts = Drafts()
    ctx = TableContext(lex, ledger, drafts)
    items = prepare(doc.blocks, lex, doc.format in GEOMETRIC_FORMATS)
    sheets: list[Sheet] = []
    paragraphs: list[Paragraph] = []
    part1: list[Paragraph] = []
    preface: list[Paragraph] = []
    stated_unit: str | None = None
    heading: str | None = None
    seen_table = False
    for item in items:
        if isinstance(item, Paragraph):
            if _is_unit_line(item.text, lex):
                preface.append(item)
                continue
            paragraphs.append(item)
            if not seen_table:
                part1.append(item)
                stated_unit = stated_unit or _amount_line(item.text, lex)
            if not _BARE_YEAR.fullmatch(item.text):
                heading = item.text
            preface = []
            continue
        sheets.append(item)
        item.heading = item.heading or heading
        values = [Value(part, item.table, None) for p in preface for part in p.text.split() if part]
        values = [Value(_amount_line(v.text, lex) or v.text, v.table, None) for v in values]
        if read_table(item, ctx, values) and not seen_table:
            seen_table = True  # part 1 ends at the first project table …
            if heading is not None and part1 and part1[-1].text == heading:
                part1.pop()  # … and its heading is the table's, not a goal
        heading, preface = None, []
    return _finish(doc, ctx, sheets, paragraphs, part1, stated_unit, path, lex, profile)


def _finish(
    doc: Document,
    ctx: TableContext,
    sheets: list[Sheet],
    paragraphs: list[Paragraph],
    part1: list[Paragraph],
    stated_unit: str | None,
    path: str | None,
    lex: Lexicon,
    chosen: Profile | None,
) -> ImportResult:
    ledger, drafts = ctx.ledger, [d for d in ctx.drafts.items]
    amount_unit = amount_unit_of(drafts, stated_unit, lex) or DEFAULT_AMOUNT_UNIT
    builder = ProjectBuilder(lex, ledger, amount_unit)
    projects = [builder.project(d) for d in drafts if _is_project(d)]
    codes = [p.code for p in projects]
    profile = choose_profile(codes, chosen)
    titles = [c for _s, c in ctx.titles]
    year, source = budget_year([p.text for p in paragraphs[:60]] + [c.text for c in titles], codes, profile)
    for sheet, cell in ctx.titles:
        if (source is not None and cell.text == source) or _amount_line(cell.text, lex):
            ledger.use(sheet.table, cell)
        else:
            ledger.cell(sheet.table, cell, "title; not kept", heading=sheet.heading)
    units = builder.units.by_code
    goals, odd = department_goals(part1, next(iter(units), None), lex, profile.parts)
    for section in odd:
        ledger.note(
            f"part-1 section «{section.name}» is not one of {', '.join(profile.parts)}; kept under its own name",
            level="warning",
            line=section.line,
        )
    divisions = {d for c in codes if (d := profile.division_of(c)) is not None}
    # The region from coded units' names (`魏县人力资源…` → 魏县); a name alone is too loose a hint.
    regions = {
        m.group(1)
        for u in units.values()
        if u.name and not is_placeholder_code(u.code) and (m := _REGION.match(u.name))
    }
    dataset = Dataset(
        year=year,
        profile=profile.name,
        division=Division(
            code=divisions.pop() if len(divisions) == 1 else None, name=regions.pop() if len(regions) == 1 else None
        ),
        amount_unit=amount_unit,
        taxonomy=default_version(year),
        units=tuple(units.values()),
        department_goals=tuple(goals),
        projects=tuple(projects),
    )
    ledger.sweep([s.table for s in sheets])
    if not dataset.indicator_count() and not dataset.department_goals:
        raise InputError(_nothing_read(sheets, drafts), path=path)
    return ImportResult(dataset, ledger.items, doc.format, profile.name)


def _is_project(draft: Draft) -> bool:
    return bool(draft.indicators or any(draft.values.get(k) is not None for k in ("name", "code", "total", "goals")))


def _nothing_read(sheets: list[Sheet], drafts: list[Draft]) -> str:
    if not sheets:
        return "no tables and no part-1 goals found: not a performance-target document"
    if any(d.values for d in drafts):
        return "the tables have no indicator header (一级指标 / 三级指标 / 指标值 …): nothing to import"
    return "no table has project labels (项目名称 …) or an indicator header (一级指标 …): nothing to import"
