"""The publishable document's layout, and its plain-text form.

The layout (which headings, paragraphs and table rows the document has) is
built here once and shared: :mod:`perfxl.render.docx` lays the same blocks out
as Word paragraphs and tables.  The text form is the one the shared example
document is dumped in — each table cell a line starting with a tab, table rows
separated by blank lines, an empty first cell where Word merged a cell
vertically, and Word's ``TC`` field codes after the headings — so that a
rendered document can be compared with (and re-imported like) a published one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from perfxl.core.model import Dataset, DepartmentGoal, Indicator, Project, Unit
from perfxl.core.numbering import item_number
from perfxl.core.terms import CHECKPOINT_MONTHS, PARTS, month_label
from perfxl.core.values import format_decimal, format_percent
from perfxl.workbook.schema import plan_months

PART1_TITLE = ("第一部分", "部门整体绩效目标")
PART2_TITLE = ("第二部分", "预算项目绩效目标")
SECTION_NUMBERS = ("一", "二", "三")
INDICATOR_HEADER = ("一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据")
BUDGET_LABEL = "预算规模及资金用途"
SCHEDULE_LABEL = "资金支出计划（%）"
GOALS_LABEL = "绩效目标"


@dataclass(frozen=True)
class Heading:
    """A heading line.  ``level`` 0 is a part's title, 1 a TOC entry of the first level.

    ``toc`` is the Word TC field (entry text and table identifier) the
    published document carries after the heading, e.g. ``("总体绩效目标", "A")``.
    """

    text: str
    level: int
    toc: tuple[str, str] | None = None


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class ProjectTable:
    """One project's 绩效目标表: the info rows and the indicator rows (two Word tables)."""

    number: int
    project: Project
    unit: Unit | None
    amount_unit: str
    # The plan's checkpoints (月底), the same for every table of a document: the profile's and any other used.
    months: tuple[int, ...] = tuple(CHECKPOINT_MONTHS.values())

    @property
    def title(self) -> str:
        return f"{self.number}.{self.project.name or self.project.code}绩效目标表"

    @property
    def toc_entry(self) -> str:
        return f"{self.number}、{self.project.name or self.project.code}绩效目标表"

    def unit_line(self) -> str:
        if self.unit is None:
            return self.project.unit_code or ""
        return f"{self.unit.code}{self.unit.name or ''}"

    def info_rows(self) -> list[list[str]]:
        """The first table's rows; an empty first cell continues the label above it."""
        p = self.project
        b = p.budget
        return [
            [self.unit_line(), f"单位：{self.amount_unit}"],
            ["项目编码", p.code, "项目名称", p.name or ""],
            [
                BUDGET_LABEL,
                "预算数",
                format_decimal(b.total),
                "其中：财政资金",
                format_decimal(b.fiscal),
                "其他资金",
                format_decimal(b.other),
            ],
            ["", p.purpose or ""],
            [SCHEDULE_LABEL, *(month_label(m) for m in self.months)],
            ["", *(format_percent(p.schedule.get(m)) for m in self.months)],
            [GOALS_LABEL, p.goals or ""],
        ]

    def indicator_rows(self) -> list[list[str]]:
        """Header plus one row per indicator; 一级指标 left empty where it repeats (merged)."""
        rows = [list(INDICATOR_HEADER)]
        previous: str | None = None
        for i, ind in enumerate(self.project.indicators):
            level1 = ind.level1 or ""
            merged = i > 0 and ind.level1 is not None and ind.level1 == previous
            rows.append(["" if merged else level1, *_indicator_cells(ind)])
            previous = ind.level1
        return rows


Block = Heading | Paragraph | ProjectTable


def _indicator_cells(ind: Indicator) -> list[str]:
    return [ind.level2 or "", ind.level3 or "", ind.description or "", ind.printed, ind.basis or ""]


def _goal_line(goal: DepartmentGoal) -> str:
    """One 部门目标 row as its paragraph: number, title, then ``。`` and the text.

    A numbered item with a title only is a sentence and gets its full stop; a
    section heading such as （一） does not.
    """
    number, title, text = goal.number or "", goal.title or "", goal.text or ""
    if title and text:
        return f"{number}{title}。{text}"
    if title and item_number(number) is not None and not title.endswith(("。", "；", ";")):
        return f"{number}{title}。"
    return f"{number}{title}{text}"


def _joinable(goal: DepartmentGoal, expected: int) -> bool:
    title = goal.title or ""
    return item_number(goal.number) == expected and bool(title) and not goal.text and not re.search(r"[。；;\n]", title)


def goal_paragraphs(goals: list[DepartmentGoal]) -> list[str]:
    """The paragraphs for a section's goals, in order.

    Short items numbered 1., 2., 3. … with no text beyond their title are run
    together in one paragraph (``1.甲。2.乙。``), the way documents list them.
    """
    out: list[str] = []
    i = 0
    while i < len(goals):
        run = 0
        while i + run < len(goals) and _joinable(goals[i + run], run + 1):
            run += 1
        if run >= 2:
            out.append("".join(_goal_line(g) for g in goals[i : i + run]))
            i += run
            continue
        out.extend(_goal_line(goals[i]).split("\n"))
        i += 1
    return out


def layout(dataset: Dataset, *, unit: str | None = None) -> list[Block]:
    """The document's blocks, in order; ``unit`` keeps only that unit's goals and projects."""
    units = {u.code: u for u in dataset.units}
    goals = [g for g in dataset.department_goals if unit is None or g.unit_code == unit]
    projects = [p for p in dataset.projects if unit is None or p.unit_code == unit]
    months = plan_months(dataset)
    blocks: list[Block] = []
    if goals:
        blocks.append(Heading(PART1_TITLE[0], 0))
        blocks.append(Heading(PART1_TITLE[1], 0))
        blocks.extend(_part1(goals, units))
    if projects:
        blocks.append(Heading(PART2_TITLE[0], 0))
        blocks.append(Heading(PART2_TITLE[1], 0))
        for number, project in enumerate(projects, start=1):
            owner = units.get(project.unit_code) if project.unit_code else None
            blocks.append(ProjectTable(number, project, owner, dataset.amount_unit, months))
    return blocks


def _part1(goals: list[DepartmentGoal], units: dict[str, Unit]) -> Iterator[Block]:
    # Several units' goals in one document: each unit's goals under its own name.
    owners = list(dict.fromkeys(g.unit_code for g in goals))
    for owner in owners:
        if len(owners) > 1:
            known = units.get(owner) if owner else None
            yield Paragraph(f"{owner or ''}{known.name if known and known.name else ''}")
        mine = [g for g in goals if g.unit_code == owner]
        parts = [p for p in PARTS if any(g.part == p for g in mine)]
        parts += list(dict.fromkeys(g.part or "" for g in mine if g.part not in PARTS))
        for index, part in enumerate(parts):
            title = part or ""
            if part in PARTS:
                yield Heading(f"{SECTION_NUMBERS[PARTS.index(part)]}、{title}", 1, (title, "A"))
            elif title:
                yield Heading(f"{_chinese_number(index + 1)}、{title}", 1)
            section = [g for g in mine if (g.part or "") == part]
            yield from (Paragraph(line) for line in goal_paragraphs(section))


def _chinese_number(n: int) -> str:
    digits = "零一二三四五六七八九十"
    return digits[n] if n <= 10 else str(n)


# ---------------------------------------------------------------- text form


def _tc(entry: str, table: str) -> str:
    return f" TC {entry} \\f {table} \\l 1 "


def _cell(text: str) -> list[str]:
    # A multi-line cell: the first line carries the tab, the rest follow as written.
    lines = text.split("\n")
    return ["\t" + lines[0], *lines[1:]]


def _table_lines(rows: list[list[str]]) -> list[str]:
    out: list[str] = []
    for i, row in enumerate(rows):
        if i:
            out.append("")
        for cell in row:
            out.extend(_cell(cell))
    out.append("")
    out.append("")
    return out


def to_text(blocks: list[Block]) -> str:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            toc = _tc(*block.toc) if block.toc else ""
            lines.append(block.text + toc)
        elif isinstance(block, Paragraph):
            lines.append(block.text)
            lines.append("")
        else:
            lines.append(block.title + _tc(block.toc_entry, "C"))
            lines.extend(_table_lines(block.info_rows()))
            lines.extend(_table_lines(block.indicator_rows()))
    return "\n".join(lines) + "\n"


def render_text(dataset: Dataset, *, unit: str | None = None) -> str:
    """The document as text, in the layout of a published document's text dump."""
    return to_text(layout(dataset, unit=unit))
