"""Join a PDF's wrapped lines back into the paragraphs they were printed from.

A PDF keeps only lines.  A line that reaches the right edge of its text area was
wrapped and continues on the next: the next line's first piece (a CJK character
with the marks that may not be parted from it, or a Latin word) would not have
fit after it.  A line that ends short of that ends its paragraph.  The text area of a table cell is its box less the padding seen on
the left; that of the body is where most lines end, and in the body a line
that starts indented begins a new paragraph.
Table-of-contents lines (dot leaders, a page number at the end) are never joined.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from perfxl.importers.readers.source import strip_field_codes

REACH = 0.7  # of a character width: a line starting this much right of the edge is indented
SPACE = 0.5  # of the last character's width: a space between Latin words (about a quarter em)
AUTOSPACE = 0.2  # of a character's width: the gap word processors put between CJK and Latin text
SLACK = 0.5  # points: rounding in the positions of characters
_TOC = re.compile(r"(\.{3,}|…+|·{3,})\s*\d*\s*$|\s{2,}\d+\s*$")
_HANGING = set("，。、；：！？）」』”’》〉】")
_CLOSING = _HANGING | set("〕］｝,.;:!?)]}%")  # may not start a line: goes down with the character before
_OPENING = set("（「『“‘《〈【〔［｛([{")  # may not end a line: goes down with the character after
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


@dataclass(frozen=True)
class Line:
    """One printed line: its text, its left and right ends (points) and its last character's width."""

    text: str
    x0: float
    x1: float
    width: float
    hang: float  # where the line ends not counting a full-width mark hanging past the edge
    lead: float  # width of what the line starts with that cannot be broken (a word, a character and its marks)

    @property
    def toc(self) -> bool:
        return bool(_TOC.search(self.text))


def line_of(found: dict[str, Any]) -> Line | None:
    """A Line from one of pdfplumber's text lines (with its chars); None for an empty one."""
    text = strip_field_codes(found["text"]).strip()
    chars = [c for c in found.get("chars", []) if c["text"].strip()]
    if not text or not chars:
        return None
    last = chars[-1]
    width = float(last["x1"] - last["x0"]) or float(last.get("size", 0))
    hang = float(last["x0"]) if last["text"] in _HANGING else float(last["x1"])
    return Line(text, float(chars[0]["x0"]), float(last["x1"]), width, hang, _lead(chars))


def _lead(chars: list[dict[str, Any]]) -> float:
    """Width of the line's first unbreakable piece: opening marks, a CJK character or a Latin word, closing marks."""
    i, n = 0, len(chars)
    while i < n and chars[i]["text"] in _OPENING:
        i += 1
    if i < n and _CJK.match(chars[i]["text"]) and chars[i]["text"] not in _CLOSING:
        i += 1
    else:
        while i < n and not _CJK.match(chars[i]["text"]) and chars[i]["text"] not in _OPENING:
            i += 1
    while i < n and chars[i]["text"] in _CLOSING:
        i += 1
    return float(chars[max(i, 1) - 1]["x1"] - chars[0]["x0"])


def reaches(line: Line, right: float, after: Line) -> bool:
    """Whether ``line`` wrapped in a text area ending at ``right``: ``after``'s first piece would not have fit."""
    cjk = bool(_CJK.match(line.text[-1])) + bool(_CJK.match(after.text[0]))
    space = (SPACE, AUTOSPACE, 0.0)[cjk] * line.width
    return not line.toc and line.x1 + space + after.lead > right + SLACK


def joined(before: str, after: str) -> str:
    """Two pieces of a wrapped line: a space between Latin words, nothing next to CJK."""
    if not before or not after:
        return before + after
    last = before.rsplit("\n", 1)[-1]
    # A word is broken only when it fills the whole line (a number in a narrow cell): no space then.
    if _CJK.match(before[-1]) or _CJK.match(after[0]) or before[-1] == "-" or " " not in last:
        return before + after
    return f"{before} {after}"


def join_lines(lines: list[Line], right: float) -> str:
    """The lines of one text area as paragraphs, one per text line."""
    out: list[str] = []
    for n, line in enumerate(lines):
        if n and reaches(lines[n - 1], right, line):
            out[-1] = joined(out[-1], line.text)
        else:
            out.append(line.text)
    return "\n".join(out)


def body_edges(lines: list[Line]) -> tuple[float, float]:
    """The left and right edges of the body text: where most lines start and end.

    Most lines of running text are full ones; the widest line may be a heading or a
    contents entry set to other margins, so the commonest edge is the text area's.
    A full-width mark hanging past the edge counts from its left side.
    """
    kept = [ln for ln in lines if not ln.toc]
    return _commonest([ln.x0 for ln in kept]), _commonest([ln.hang for ln in kept])


def _commonest(values: list[float]) -> float:
    """The commonest position (to the point); infinity when none is shared (no full lines: nothing wrapped)."""
    counts = Counter(round(v) for v in values)
    top = max(counts, key=lambda v: (counts[v], v)) if counts else 0
    return float(top) if counts and counts[top] > 1 else float("inf")


def starts_indented(line: Line, left: float) -> bool:
    """Whether a line starts clearly right of the text area's left edge (a new paragraph's indent)."""
    return line.x0 - left >= REACH * line.width
