"""Turn a published document, reduced to blocks, into a :class:`Dataset`.

Both readers (text dumps and ``.docx``) produce the same intermediate: a list of
:class:`Paragraph` and :class:`Table` blocks, a table being rows of cell texts
with a flag for vertically merged continuation cells.  Everything about the
document's *layout* — row labels, the indicator table, part 1's numbered
sections — lives here once, which is why both formats give the same Dataset.

Values are kept as written: the importer never corrects content (that is the
validator's and ``perfxl fix``'s job); it only reports what it cannot read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from perfxl.core.model import (
    CHECKPOINT_LABELS,
    DEFAULT_AMOUNT_UNIT,
    Budget,
    Dataset,
    DepartmentGoal,
    Division,
    Indicator,
    Project,
    Schedule,
    Unit,
)
from perfxl.core.numbering import CHINESE_DIGITS, split_items
from perfxl.core.taxonomy import default_version
from perfxl.core.values import normalize_text, parse_decimal, parse_percent, parse_value

# ---------------------------------------------------------------------------
# The intermediate both readers produce


@dataclass(frozen=True)
class Cell:
    """One table cell: its text (empty paragraphs already dropped).

    ``continued`` marks a vertically merged continuation cell (Word's
    ``vMerge="continue"``); a text dump cannot tell, so there it is always False
    and an empty cell stands for it.  ``span`` is the number of grid columns.
    """

    text: str
    continued: bool = False
    span: int = 1
    line: int | None = None


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    number: int  # 1-based within its table
    line: int | None = None

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass(frozen=True)
class Table:
    rows: tuple[Row, ...]
    number: int  # 1-based within the document
    line: int | None = None


@dataclass(frozen=True)
class Paragraph:
    text: str
    line: int | None = None


Block = Paragraph | Table


@dataclass(frozen=True)
class ImportProblem:
    """Something the importer could not read, with where it was."""

    message: str
    path: str | None = None
    heading: str | None = None
    table: int | None = None
    row: int | None = None
    line: int | None = None

    def describe(self) -> str:
        where: list[str] = []
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.table is not None:
            where.append(f"table {self.table}" + (f" row {self.row}" if self.row and self.line is None else ""))
        place = ", ".join(where)
        if self.heading:
            place = f"{place} «{self.heading}»" if place else f"«{self.heading}»"
        parts = [p for p in (self.path, place) if p]
        return ": ".join([*parts, self.message])


@dataclass
class ImportResult:
    dataset: Dataset
    problems: list[ImportProblem] = field(default_factory=list)
    format: str = "text"

    @property
    def readable(self) -> bool:
        """False when nothing at all could be read from the document."""
        return bool(self.dataset.projects or self.dataset.department_goals)


# ---------------------------------------------------------------------------
# Text clean-up shared by both readers

# Word table-of-contents entries: ` TC "text" \f A \l 1 ` (quotes and braces optional).
_TC_FIELD = re.compile(r"\s*\{?\s*\bTC\s+(?:\"[^\"]*\"|[^\\{}\n]*?)\s*(?:\\[a-zA-Z](?:\s+[^\s\\{}]+)?\s*)+\}?")


def strip_field_codes(text: str) -> str:
    return _TC_FIELD.sub("", text)


def clean_cell_text(lines: Sequence[str]) -> str:
    """Join a cell's paragraphs, trimming each and dropping empty ones."""
    kept = [strip_field_codes(line).strip() for line in lines]
    return "\n".join(line for line in kept if line)


def _key(text: str) -> str:
    """A label as a lookup key: no spaces, ASCII digits, Chinese colons/brackets."""
    text = re.sub(r"\s+", "", normalize_text(text))
    return text.replace(":", "：").replace("(", "（").replace(")", "）")


# ---------------------------------------------------------------------------
# Part 2: project tables

# `316001魏县人力资源和社会保障局本级`: six digits, then a (Chinese) name.
_UNIT_HEADER = re.compile(r"^(\d{6})\s*([^\x00-\x7f].*)$")
_AMOUNT_UNIT = re.compile(r"^单位：\s*(\S+)$")
_AMOUNT_SUFFIX = re.compile(r"\s*(?:万元|元)$")
_INDICATOR_COLUMNS: dict[str, str] = {
    "一级指标": "level1",
    "二级指标": "level2",
    "三级指标": "level3",
    "绩效指标描述": "description",
    "指标描述": "description",
    "指标值": "value",
    "绩效指标值": "value",
    "指标值确定依据": "basis",
    "确定依据": "basis",
    "计算符号": "sign",
    "计量单位": "unit",
}
_CHECKPOINTS = {label: key for key, label in CHECKPOINT_LABELS.items()}

# Stages of a project table, in document order; a unit or code row at or after
# its own stage means the next project has begun.
_UNIT, _CODE, _BUDGET, _PURPOSE, _PLAN, _PLAN_VALUES, _GOALS, _INDICATORS = range(8)


@dataclass
class _Draft:
    heading: str | None
    table: int
    stage: int = -1
    unit_code: str | None = None
    unit_name: str | None = None
    amount_unit: str | None = None
    code: str | None = None
    name: str | None = None
    budget: dict[str, Decimal | None] = field(default_factory=dict)
    purpose: str | None = None
    plan_columns: dict[int, str] = field(default_factory=dict)
    schedule: dict[str, Decimal | None] = field(default_factory=dict)
    goals: str | None = None
    columns: dict[int, str] = field(default_factory=dict)
    width: int = 0
    indicators: list[Indicator] = field(default_factory=list)
    pending: list[Cell] = field(default_factory=list)
    pending_row: Row | None = None
    carried: dict[str, str | None] = field(default_factory=dict)


class _Builder:
    """Walks the blocks once, collecting projects, units and problems."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.problems: list[ImportProblem] = []
        self.drafts: list[_Draft] = []
        self.current: _Draft | None = None

    # -- problems -----------------------------------------------------------
    def problem(self, message: str, *, draft: _Draft | None, table: int | None, row: Row | None) -> None:
        heading = None
        if draft is not None:
            heading = draft.heading or draft.name or draft.code or f"project {self.drafts.index(draft) + 1}"
        self.problems.append(
            ImportProblem(
                message,
                path=self.path,
                heading=heading,
                table=table,
                row=row.number if row is not None else None,
                line=row.line if row is not None else None,
            )
        )

    # -- tables --------------------------------------------------------------
    def table(self, table: Table, heading: str | None, preface: Sequence[str] = ()) -> bool:
        """Read one table; False when it is not part of a project table at all."""
        rows = [r for r in table.rows if any(c.text for c in r.cells)]
        if not rows:
            return False
        first = rows[0]
        continues = self.current is not None and _key(first.cells[0].text) == "一级指标"
        if not continues and all(_label_stage(r) is None for r in rows):
            # A table of contents, a signature block …: said once, not row by row.
            self.problem(
                f"not a project table (starts with «{_short(_preview(first.cells))}»); skipped",
                draft=None,
                table=table.number,
                row=first,
            )
            return False
        if not continues:
            draft = self.start(heading, table.number)
            if preface:
                # The unit line and 单位：万元 written as paragraphs above the table.
                self.unit_row(draft, Row(tuple(Cell(t) for t in preface), 0, table.line), table)
                draft.stage = _UNIT
        for row in rows:
            self.row(row, table)
        return True

    def start(self, heading: str | None, table: int) -> _Draft:
        self.finish()
        draft = _Draft(heading=heading, table=table)
        self.drafts.append(draft)
        self.current = draft
        return draft

    def finish(self) -> None:
        draft = self.current
        if draft is not None and draft.pending:
            self.drop_pending(draft, draft.table)
        self.current = None

    def drop_pending(self, draft: _Draft, table: int) -> None:
        """Report the short indicator row whose rest never came, and forget it."""
        pending, draft.pending = draft.pending, []
        self.problem(
            f"indicator row {len(draft.indicators) + 1} is truncated: {len(pending)} of "
            f"{draft.width} cells ({_preview(pending)})",
            draft=draft,
            table=table,
            row=draft.pending_row,
        )

    def row(self, row: Row, table: Table) -> None:
        draft = self.current
        assert draft is not None
        if draft.stage >= _INDICATORS and draft.columns:
            if _key(row.cells[0].text) == "一级指标":
                return  # the header repeated after a page break
            stage = self.classify(row)
            if stage in (_UNIT, _CODE):
                draft = self.start(None, table.number)
            else:
                self.indicator_row(draft, row, table)
                return
        stage = self.classify(row)
        if stage in (_UNIT, _CODE) and draft.stage >= stage:
            draft = self.start(None, table.number)
        if stage is None:
            self.problem(
                f"unknown row label «{_short(row.cells[0].text or _preview(row.cells))}»",
                draft=draft,
                table=table.number,
                row=row,
            )
            return
        handler = {
            _UNIT: self.unit_row,
            _CODE: self.code_row,
            _BUDGET: self.budget_row,
            _PURPOSE: self.purpose_row,
            _PLAN: self.plan_row,
            _PLAN_VALUES: self.plan_values_row,
            _GOALS: self.goals_row,
            _INDICATORS: self.header_row,
        }[stage]
        handler(draft, row, table)
        draft.stage = max(draft.stage, stage)

    def classify(self, row: Row) -> int | None:
        stage = _label_stage(row)
        draft = self.current
        if stage is None and (row.cells[0].text == "" or row.cells[0].continued) and draft is not None:
            # A merged label's continuation row belongs to the label above it.
            if draft.stage == _BUDGET:
                return _PURPOSE
            if draft.stage == _PLAN:
                return _PLAN_VALUES
        return stage

    # -- the labelled rows ----------------------------------------------------
    def unit_row(self, draft: _Draft, row: Row, table: Table) -> None:
        parts = [part for text in row.texts for part in (text.split() if _is_unit_line(text) else [text])]
        for text in parts:
            unit = _UNIT_HEADER.match(text)
            amount = _AMOUNT_UNIT.match(_key(text))
            if unit and draft.unit_code is None:
                draft.unit_code, draft.unit_name = unit.group(1), unit.group(2).strip()
            elif amount:
                draft.amount_unit = amount.group(1)

    def code_row(self, draft: _Draft, row: Row, table: Table) -> None:
        for label, value in _pairs(row):
            if label == "项目编码":
                draft.code = value or None
            elif label == "项目名称":
                draft.name = value or None

    def budget_row(self, draft: _Draft, row: Row, table: Table) -> None:
        for label, value in _pairs(row):
            slot = "total" if label.startswith("预算数") else None
            if "财政资金" in label:
                slot = "fiscal"
            elif "其他资金" in label:
                slot = "other"
            if slot is None:
                continue
            if value == "":
                draft.budget[slot] = None
                continue
            try:
                draft.budget[slot] = parse_decimal(_AMOUNT_SUFFIX.sub("", value))
            except ValueError:
                self.problem(
                    f"{label}: expected an amount, found «{_short(value)}»", draft=draft, table=table.number, row=row
                )

    def purpose_row(self, draft: _Draft, row: Row, table: Table) -> None:
        draft.purpose = "\n".join(t for t in row.texts[1:] if t) or None

    def plan_row(self, draft: _Draft, row: Row, table: Table) -> None:
        for pos, text in _grid(row):
            key = _CHECKPOINTS.get(_key(text))
            if key is not None:
                draft.plan_columns[pos] = key

    def plan_values_row(self, draft: _Draft, row: Row, table: Table) -> None:
        for pos, text in _grid(row):
            key = draft.plan_columns.get(pos)
            if key is None:
                continue
            if text == "":
                draft.schedule[key] = None
                continue
            try:
                draft.schedule[key] = parse_percent(text)
            except ValueError:
                self.problem(
                    f"{CHECKPOINT_LABELS[key]}: expected a percentage, found «{_short(text)}»",
                    draft=draft,
                    table=table.number,
                    row=row,
                )

    def goals_row(self, draft: _Draft, row: Row, table: Table) -> None:
        draft.goals = "\n".join(t for t in row.texts[1:] if t) or None

    def header_row(self, draft: _Draft, row: Row, table: Table) -> None:
        draft.columns = {}
        draft.width = sum(c.span for c in row.cells)
        for pos, text in _grid(row):
            name = _INDICATOR_COLUMNS.get(_key(text))
            if name is None:
                self.problem(f"unknown indicator column «{_short(text)}»", draft=draft, table=table.number, row=row)
            else:
                draft.columns[pos] = name

    def indicator_row(self, draft: _Draft, row: Row, table: Table) -> None:
        # A text dump cannot tell a cell's trailing empty paragraph from a row
        # break, so a short row is joined with the next one when together they
        # fill the header exactly.
        cells = [*draft.pending, *row.cells]
        width = sum(c.span for c in cells)
        if width < draft.width:
            if not draft.pending:
                draft.pending_row = row
            draft.pending = cells
            return
        if width > draft.width and draft.pending:
            self.drop_pending(draft, table.number)
            self.indicator_row(draft, row, table)
            return
        first_row = draft.pending_row if draft.pending and draft.pending_row else row
        draft.pending = []
        if width > draft.width:
            self.problem(
                f"indicator row has {width} cells, expected {draft.width} as in the header",
                draft=draft,
                table=table.number,
                row=row,
            )
            return
        self.add_indicator(draft, Row(tuple(cells), first_row.number, first_row.line), table)

    def add_indicator(self, draft: _Draft, row: Row, table: Table) -> None:
        fields: dict[str, str | None] = {}
        pos = 0
        for cell in row.cells:
            name = draft.columns.get(pos)
            pos += cell.span
            if name is None:
                continue
            text: str | None = cell.text or None
            # 一级指标 is merged down in every real document; other columns
            # only where Word says so (a text dump cannot).
            if text is None and (cell.continued or name == "level1"):
                text = draft.carried.get(name)
            fields[name] = text
            draft.carried[name] = text
        if fields.get("level1") is None:
            self.problem("一级指标 is empty and there is none above it", draft=draft, table=table.number, row=row)
        # Layouts with separate 计算符号/计量单位 columns are joined first, so the
        # split is always the one parse_value gives for the printed text.
        sign_text, unit_text = fields.pop("sign", None), fields.pop("unit", None)
        if sign_text in ("=", "定性"):
            sign_text = None
        printed = "".join(t for t in (sign_text, fields.pop("value", None), unit_text) if t)
        sign, value, unit = parse_value(printed or None)
        draft.indicators.append(Indicator(sign=sign, value=value, unit=unit, **fields))

    # -- the result ------------------------------------------------------------
    def projects(self) -> list[tuple[_Draft, Project]]:
        self.finish()
        out: list[tuple[_Draft, Project]] = []
        for draft in self.drafts:
            if draft.stage < 0:
                continue
            if draft.code is None:
                self.problem("missing 项目编码; the project is left out", draft=draft, table=draft.table, row=None)
                continue
            if draft.stage < _INDICATORS:
                self.problem(
                    "no indicator table (一级指标 …) after the project rows",
                    draft=draft,
                    table=draft.table,
                    row=None,
                )
            out.append(
                (
                    draft,
                    Project(
                        unit_code=draft.unit_code,
                        code=draft.code,
                        name=draft.name,
                        budget=Budget(**draft.budget),
                        purpose=draft.purpose,
                        goals=draft.goals,
                        schedule=Schedule(**draft.schedule),
                        indicators=tuple(draft.indicators),
                    ),
                )
            )
        return out


def _label_stage(row: Row) -> int | None:
    """Which project-table row this is by its labels alone (None: not a labelled row)."""
    keys = [_key(t) for t in row.texts]
    if any(_UNIT_HEADER.match(t) for t in row.texts) or any(_AMOUNT_UNIT.match(k) for k in keys):
        return _UNIT
    if "项目编码" in keys or "项目名称" in keys:
        return _CODE
    first = keys[0]
    if first.startswith("预算规模") or "预算数" in keys:
        return _BUDGET
    if first == "资金用途":
        return _PURPOSE
    if first.startswith("资金支出计划"):
        return _PLAN
    if first in ("绩效目标", "年度绩效目标", "项目绩效目标"):
        return _GOALS
    if first == "一级指标":
        return _INDICATORS
    return None


def _is_unit_line(text: str) -> bool:
    return all(_UNIT_HEADER.match(part) or _AMOUNT_UNIT.match(_key(part)) for part in text.split())


def _grid(row: Row) -> Iterator[tuple[int, str]]:
    pos = 0
    for cell in row.cells:
        yield pos, cell.text
        pos += cell.span


def _pairs(row: Row) -> Iterator[tuple[str, str]]:
    """(label, value) pairs of a row laid out label, value, label, value …"""
    texts = row.texts
    for i, text in enumerate(texts):
        label = _key(text)
        if label and not _is_value(label) and i + 1 < len(texts):
            yield label, texts[i + 1]


def _is_value(key: str) -> bool:
    return bool(re.fullmatch(r"[\d.,%]+", key))


def _short(text: str, limit: int = 30) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _preview(cells: Sequence[Cell]) -> str:
    return " | ".join(_short(c.text, 12) for c in cells)


# ---------------------------------------------------------------------------
# Part 1: department goals

_SECTION = re.compile(rf"^(?:[{CHINESE_DIGITS}]+[、.．]\s*)?(总体绩效目标|分项绩效目标|工作保障措施)$")
_PART_HEADING = re.compile(rf"^第[{CHINESE_DIGITS}\d]+部分")


def department_goals(paragraphs: Sequence[Paragraph], unit_code: str | None) -> list[DepartmentGoal]:
    """The numbered items of the three part-1 sections, in document order."""
    goals: list[DepartmentGoal] = []
    part: str | None = None
    for para in paragraphs:
        text = para.text
        section = _SECTION.match(_key(text))
        if section:
            part = section.group(1)
            continue
        if _PART_HEADING.match(text):
            if part is not None:
                break  # 第二部分: part 1 is over
            continue
        if part is None:
            continue
        for number, body in split_items(text):
            title, rest = _title_and_text(number, body)
            goals.append(DepartmentGoal(unit_code=unit_code, part=part, number=number, title=title, text=rest))
    return goals


def _title_and_text(number: str | None, body: str) -> tuple[str | None, str | None]:
    if number is None:
        return None, body or None
    head, sep, rest = body.partition("。")
    if sep and len(head) <= 60:
        return head or None, rest.strip() or None
    return body or None, None


# ---------------------------------------------------------------------------
# Year, division, assembling the Dataset

_BUDGET_YEAR = re.compile(r"(20\d{2})\s*年?度?\s*(?:部门|单位)?\s*(?:预算|绩效目标)")
_ANY_YEAR = re.compile(r"(20\d{2})\s*年")
_REGION = re.compile(r"^(\S{1,8}?(?:省|市|县|区|旗))")


def budget_year(paragraphs: Sequence[Paragraph], codes: Sequence[str]) -> int | None:
    """The budget year: stated (``2021年度预算``), else from project codes, else most mentioned."""
    for para in paragraphs[:40]:
        m = _BUDGET_YEAR.search(para.text)
        if m:
            return int(m.group(1))
    hints = Counter(c[6:8] for c in codes if len(c) >= 8 and c[6:8].isdigit())
    if hints:
        return 2000 + int(hints.most_common(1)[0][0])
    mentions = Counter(m.group(1) for p in paragraphs[:40] for m in _ANY_YEAR.finditer(p.text))
    if mentions:
        return int(mentions.most_common(1)[0][0])
    return None


def division_code(codes: Sequence[str]) -> str | None:
    prefixes = {c[:6] for c in codes}
    if len(prefixes) == 1:
        prefix = prefixes.pop()
        return prefix if prefix.isdigit() and len(prefix) == 6 else None
    return None


def build(blocks: Sequence[Block], *, path: str | None = None, fmt: str = "text") -> ImportResult:
    """The Dataset (and problems) for a document's blocks."""
    builder = _Builder(path)
    part1: list[Paragraph] = []
    paragraphs: list[Paragraph] = []
    heading: str | None = None
    preface: list[str] = []
    seen_table = False
    for block in blocks:
        if isinstance(block, Paragraph):
            text = strip_field_codes(block.text).strip()
            if not text:
                continue
            if _is_unit_line(text):
                preface.append(text)
                continue
            para = Paragraph(text, block.line)
            paragraphs.append(para)
            if not seen_table:
                part1.append(para)
            heading = text
            preface = []
        else:
            if builder.table(block, heading, preface) and not seen_table:
                seen_table = True  # part 1 ends at the first project table …
                if heading is not None and part1 and part1[-1].text == heading:
                    part1.pop()  # … and its heading is the table's, not a goal
            heading = None
            preface = []
    drafts = builder.projects()
    units: dict[str, Unit] = {}
    amount_units: Counter[str] = Counter()
    for draft, _project in drafts:
        if draft.unit_code is not None and draft.unit_code not in units:
            units[draft.unit_code] = Unit(code=draft.unit_code, name=draft.unit_name)
        if draft.amount_unit:
            amount_units[draft.amount_unit] += 1
    if len(amount_units) > 1:
        builder.problem(
            "tables use different amount units: " + ", ".join(sorted(amount_units)), draft=None, table=None, row=None
        )
    codes = [p.code for _d, p in drafts]
    year = budget_year(paragraphs, codes)
    first_unit = next(iter(units.values()), None)
    regions = {m.group(1) for u in units.values() if u.name and (m := _REGION.match(u.name))}
    dataset = Dataset(
        year=year,
        division=Division(code=division_code(codes), name=regions.pop() if len(regions) == 1 else None),
        amount_unit=amount_units.most_common(1)[0][0] if amount_units else DEFAULT_AMOUNT_UNIT,
        taxonomy=default_version(year),
        units=tuple(units.values()),
        department_goals=tuple(department_goals(part1, first_unit.code if first_unit else None)),
        projects=tuple(p for _d, p in drafts),
    )
    if not dataset.projects and not dataset.department_goals:
        builder.problems.append(ImportProblem("no department goals and no project tables found", path=path))
    return ImportResult(dataset=dataset, problems=builder.problems, format=fmt)
