"""Part 1, 部门整体绩效目标: the numbered items of each section, in document order.

A section opens with a heading such as ``一、总体绩效目标``.  The labels file says
which headings mean the standard sections; a numbered heading outside them
(``一、部门整体绩效目标``) still opens a section, kept under its own name with a
warning, so no goal item is dropped because of a heading's wording.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from perfxl.core.model import DepartmentGoal
from perfxl.core.numbering import CHINESE_DIGITS, split_items
from perfxl.importers.blocks import Paragraph
from perfxl.importers.labels import Lexicon

_NUMBERED = re.compile(rf"^[{CHINESE_DIGITS}]+[、.．]\s*(\S.{{0,29}})$")


@dataclass(frozen=True)
class Section:
    name: str
    standard: bool
    line: int | None


def section_of(text: str, lex: Lexicon) -> Section | None:
    key = lex.key(text).text
    m = _NUMBERED.match(key)
    body = m.group(1) if m else key
    standard = lex.part_of(body)
    if standard is not None:
        return Section(standard, True, None)
    if m and not re.search(r"[。；;，,]", body):
        return Section(body, False, None)
    return None


def department_goals(
    paragraphs: Sequence[Paragraph], unit_code: str | None, lex: Lexicon, parts: Sequence[str]
) -> tuple[list[DepartmentGoal], list[Section]]:
    """The goal items, and the sections whose names are outside ``parts`` (for warnings)."""
    goals: list[DepartmentGoal] = []
    odd: list[Section] = []
    part: str | None = None
    # With 第一部分 written, part 1 starts there: what is above it is a cover or a table of contents.
    starts = [i for i, p in enumerate(paragraphs) if lex.is_part_heading(p.text)]
    for para in paragraphs[starts[0] if starts else 0 :]:
        text = para.text
        if lex.is_part_heading(text):
            if part is not None:
                break  # 第二部分: part 1 is over
            continue
        section = section_of(text, lex)
        if section is not None:
            part = section.name
            if not section.standard or section.name not in parts:
                odd.append(Section(section.name, False, para.line))
            continue
        if part is None:
            continue
        for number, body in split_items(text):
            title, rest = _title_and_text(number, body)
            goals.append(DepartmentGoal(unit_code=unit_code, part=part, number=number, title=title, text=rest))
    return goals, odd


def _title_and_text(number: str | None, body: str) -> tuple[str | None, str | None]:
    if number is None:
        return None, body or None
    head, sep, rest = body.partition("。")
    if sep and len(head) <= 60:
        return head or None, rest.strip() or None
    return body or None, None
