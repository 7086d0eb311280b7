"""Numbering in front of 部门目标 items and sentences: （一） 1. 1、 一、 …

The importer splits part 1 into numbered items, the renderers write them back
(bolding the （一） sub-headings, running short 1. 2. 3. items together) and
the duplicate rules look past numbers when comparing sentences.  The forms of
a number are defined here once so that all of them agree on what a number is.
"""

from __future__ import annotations

import re

CHINESE_DIGITS = "一二三四五六七八九十"

_PARENTHESIZED = rf"[（(][{CHINESE_DIGITS}]+[）)]"  # （一）: a section's sub-heading
_CHINESE = rf"[{CHINESE_DIGITS}]+、"  # 一、
_MARK = "[.．、]"  # after an item number: 1. 1． 1、
_ARABIC = rf"\d{{1,2}}{_MARK}"
# "3提升…": a number written straight before the text, but not a quantity (3个, 5万元).
_BARE = r"\d{1,2}(?=[\u4e00-\u9fff])(?![年月日号个万元人次项家])"

_LEADING = re.compile(rf"^\s*({_PARENTHESIZED}|{_ARABIC}|{_BARE}|{_CHINESE})")
# An item number at the start or after a sentence end: 1.甲。2.乙。
_INLINE = re.compile(rf"(?:^|(?<=[。；;]))\s*(\d{{1,2}}){_MARK}")
_ITEM = re.compile(rf"^(\d{{1,2}}){_MARK}$")
_SUBHEADING = re.compile(rf"^{_PARENTHESIZED}")
# Looser, for comparing sentences: also 1) and （1）, and numbers of any length.
_SENTENCE = re.compile(rf"^(?:\d+[.、．)）]|[（(][{CHINESE_DIGITS}\d]+[)）]|{_CHINESE})\s*")


def split_items(text: str) -> list[tuple[str | None, str]]:
    """A paragraph's numbered items as (number, body).

    ``1.甲。2.乙。`` gives two items when the numbers run 1, 2, 3 … from the
    start; otherwise the paragraph is one item, numbered if it starts with a
    number (（一） 1. 一、 or 3 straight before the text).
    """
    run: list[re.Match[str]] = []
    for m in _INLINE.finditer(text):
        if int(m.group(1)) == len(run) + 1:
            run.append(m)
    if len(run) >= 2 and run[0].start() == 0:
        ends = [m.start() for m in run[1:]] + [len(text)]
        return [(m.group(0).strip(), text[m.end() : end].strip()) for m, end in zip(run, ends, strict=True)]
    lead = _LEADING.match(text)
    if lead is None:
        return [(None, text.strip())]
    return [(lead.group(1), text[lead.end() :].strip())]


def item_number(number: str | None) -> int | None:
    """The n of an item number ``n.`` / ``n．`` / ``n、``; None for other numbering."""
    m = _ITEM.match(number or "")
    return int(m.group(1)) if m else None


def is_subheading(text: str) -> bool:
    """Whether ``text`` starts with a sub-heading number such as （一）."""
    return _SUBHEADING.match(text) is not None


def strip_number(sentence: str) -> str:
    """``sentence`` without the numbering in front of it (and the space after)."""
    return _SENTENCE.sub("", sentence)
