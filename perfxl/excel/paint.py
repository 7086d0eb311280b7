"""perfxl's one painter: findings onto the cells of a workbook, and off again.

Both ``perfxl validate --annotate`` (an openpyxl copy,
:class:`~perfxl.excel.memory.MemoryBook`) and live Excel
(:class:`~perfxl.excel.xlwings_backend.XlwingsBook`) paint through here, on any
:class:`~perfxl.excel.backend.BookBackend`: a fill by severity and a note with
the messages on each cell, and a ``校验结果`` sheet listing every finding with
links to its cell.

Painting is reversible.  Before touching a cell, perfxl records the cell's own
fill and note on a hidden sheet (``MARKS_SHEET``); :func:`clear_marks` puts them
back and removes only what perfxl added, so the user's formatting and notes
survive any number of paint/clear rounds.  Callers clear before they paint, so
the "previous" fill recorded is always the user's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from perfxl.check.report import SEVERITY_NAMES
from perfxl.core.errors import PerfxlError
from perfxl.core.findings import SEVERITY_ORDER, Finding, sort_key
from perfxl.excel.backend import BookBackend, Value

RESULTS_SHEET = "校验结果"
MARKS_SHEET = "perfxl标记"
FILLS = {"error": "#FFC7CE", "warning": "#FFEB9C", "info": "#BDD7EE"}
NOTE_HEAD = "【perfxl 校验】"
RESULTS_HEADER = {
    "zh": ["严重程度", "位置", "工作表", "单元格", "代码", "项目编码", "说明"],
    "en": ["severity", "location", "sheet", "cell", "code", "project", "message"],
}
RESULTS_WIDTHS = (10, 18, 12, 8, 24, 26, 80)  # characters, one per RESULTS_HEADER column
NO_FINDINGS = {"zh": "没有发现问题", "en": "no findings"}
MARKS_HEADER = ["sheet", "cell", "had_fill", "old_fill", "had_note", "old_note", "fill", "note"]
OWN_SHEETS = (RESULTS_SHEET, MARKS_SHEET)


class SheetInTheWay(PerfxlError):
    """A sheet perfxl needs to create already exists and is the user's."""


@dataclass(frozen=True)
class Mark:
    """One painted cell: what it had before and what perfxl put there."""

    sheet: str
    cell: str
    old_fill: str | None
    old_note: str | None
    fill: str
    note: str

    def row(self) -> list[Value]:
        return [
            self.sheet,
            self.cell,
            int(self.old_fill is not None),
            self.old_fill or "",
            int(self.old_note is not None),
            self.old_note or "",
            self.fill,
            self.note,
        ]

    @classmethod
    def from_row(cls, row: list[Any]) -> Mark:
        cells = [*row, *[None] * (len(MARKS_HEADER) - len(row))]

        def text(v: Any) -> str:
            return "" if v is None else str(v)

        def flag(v: Any) -> bool:
            return str(v).strip() in ("1", "1.0", "True", "TRUE")

        return cls(
            sheet=text(cells[0]),
            cell=text(cells[1]),
            old_fill=text(cells[3]) if flag(cells[2]) else None,
            old_note=text(cells[5]) if flag(cells[4]) else None,
            fill=text(cells[6]),
            note=text(cells[7]),
        )


# --- painting ---------------------------------------------------------------------------


def note_text(findings: Iterable[Finding], lang: str) -> str:
    labels = SEVERITY_NAMES.get(lang, SEVERITY_NAMES["zh"])
    lines = [NOTE_HEAD]
    lines += [f"[{labels[f.severity]}] {f.message(lang)} ({f.code})" for f in findings]
    return "\n".join(lines)


def paint_findings(backend: BookBackend, findings: Iterable[Finding], *, lang: str) -> int:
    """Mark each finding's cell and list all findings on ``校验结果``; returns the number of cells marked.

    Call :func:`clear_marks` first: a workbook that still carries perfxl's sheets is refused.
    """
    findings = sorted(findings, key=sort_key)  # the order of 校验结果, most severe first
    names = set(backend.sheet_names())
    for own in OWN_SHEETS:
        if own in names:
            raise SheetInTheWay(
                f"{backend.name}: sheet {own} already exists and was not made by perfxl; rename it and try again"
            )
    by_cell: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        if f.sheet in names and f.cell:
            by_cell.setdefault((f.sheet, f.cell), []).append(f)
    marks: list[Mark] = []
    for (sheet, cell), group in by_cell.items():
        worst = min(group, key=lambda f: SEVERITY_ORDER[f.severity]).severity
        old_note = backend.get_note(sheet, cell)
        ours = note_text(group, lang)
        note = f"{old_note}\n\n{ours}" if old_note else ours
        marks.append(Mark(sheet, cell, backend.get_fill(sheet, cell), old_note, FILLS[worst], note))
    # The record goes in first: if painting stops half-way, clear still knows every cell.
    backend.add_sheet(MARKS_SHEET, hidden=True)
    backend.write_rows(MARKS_SHEET, "A1", [list(MARKS_HEADER), *(m.row() for m in marks)])
    for m in marks:
        backend.set_fill(m.sheet, m.cell, m.fill)
        backend.set_note(m.sheet, m.cell, m.note)
    _write_results(backend, findings, lang)
    return len(marks)


def _write_results(backend: BookBackend, findings: list[Finding], lang: str) -> None:
    labels = SEVERITY_NAMES.get(lang, SEVERITY_NAMES["zh"])
    backend.add_sheet(RESULTS_SHEET)
    header = RESULTS_HEADER.get(lang, RESULTS_HEADER["zh"])
    rows: list[list[Value]] = [list(header)]
    for f in findings:
        where = [f.location.reference, f.sheet or "", f.cell or ""]
        rows.append([labels[f.severity], *where, f.code, f.project_code or "", f.message(lang)])
    if not findings:
        rows.append([*[""] * (len(header) - 1), NO_FINDINGS.get(lang, NO_FINDINGS["zh"])])
    backend.write_rows(RESULTS_SHEET, "A1", rows)
    backend.format_table(RESULTS_SHEET, RESULTS_WIDTHS)
    names = set(backend.sheet_names())
    for i, f in enumerate(findings, start=2):
        if f.sheet in names and f.cell:
            backend.add_link(RESULTS_SHEET, f"B{i}", f.sheet, f.cell, f.location.reference)


# --- clearing ---------------------------------------------------------------------------


def _same(a: str | None, b: str | None) -> bool:
    """Note texts compare equal across Excel's line-ending and trailing-space habits."""

    def norm(s: str | None) -> str:
        return (s or "").replace("\r\n", "\n").replace("\r", "\n").strip()

    return a is not None and b is not None and norm(a) == norm(b)


def clear_marks(backend: BookBackend) -> tuple[int, int]:
    """Undo the last painting; returns (cells restored, marks whose cell could not be found)."""
    names = backend.sheet_names()
    if MARKS_SHEET not in names:
        return 0, 0  # nothing of ours; a user's own 校验结果 sheet is left alone
    grid = backend.read_grid(MARKS_SHEET)
    marks = [Mark.from_row(row) for row in grid[1:] if row and row[0]]
    restored = lost = 0
    moved: dict[str, dict[str, str]] = {}
    for m in marks:
        if m.sheet not in names:
            lost += 1
            continue
        cell: str | None = m.cell
        if not _same(backend.get_note(m.sheet, m.cell), m.note):
            # Rows inserted or deleted since: the note moved with its cell; find it by its text.
            if m.sheet not in moved:
                moved[m.sheet] = backend.notes(m.sheet)
            found = [ref for ref, text in moved[m.sheet].items() if _same(text, m.note)]
            if len(found) == 1:
                cell = found[0]
            elif backend.get_fill(m.sheet, m.cell) != m.fill:
                cell = None
        if cell is None:
            lost += 1
            continue
        if _same(backend.get_note(m.sheet, cell), m.note):
            backend.set_note(m.sheet, cell, m.old_note)
        if (backend.get_fill(m.sheet, cell) or "").upper() == m.fill.upper():
            backend.set_fill(m.sheet, cell, m.old_fill)
        restored += 1
    if RESULTS_SHEET in names:
        backend.delete_sheet(RESULTS_SHEET)
    backend.delete_sheet(MARKS_SHEET)
    return restored, lost
