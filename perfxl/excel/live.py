"""Validate, fix and clear marks in an open workbook through a :class:`BookBackend`.

The path is the one ``perfxl validate`` takes — grids → ``raw_sheet_from_grid``
→ ``build_dataset`` → ``perfxl.check.engine.validate`` — so there is one engine and
no second copy of any rule.  Only the output differs: findings are painted on
the cells (fill by severity, a note with the messages) and listed on a
``校验结果`` sheet with links.  This is perfxl's only painter: ``perfxl validate
--annotate`` paints its copy through the openpyxl backend
(:class:`~perfxl.excel.memory.MemoryBook`) with :func:`paint_book`.

Painting is reversible.  Before touching a cell, perfxl records the cell's own
fill and note on a hidden sheet (``MARKS_SHEET``); ``clear_book`` puts them back
and removes only what perfxl added, so the user's formatting and notes survive
any number of validate/clear rounds.  Each validate starts by clearing the
previous round, so the "previous" fill recorded is always the user's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfxl.check.report import SEVERITY_NAMES
from perfxl.core.errors import PerfxlError
from perfxl.core.findings import SEVERITY_ORDER, Finding, sort_key, summarize
from perfxl.excel.backend import BookBackend, Value
from perfxl.workbook.reader import RawBook, ReadResult, build_dataset, raw_sheet_from_grid

if TYPE_CHECKING:
    from perfxl.check.config import Config

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
_OWN_SHEETS = (RESULTS_SHEET, MARKS_SHEET)


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


@dataclass
class LiveReport:
    """What a validate or fix round did, for the CLI and the Excel message box."""

    book: str
    findings: list[Finding] = field(default_factory=list)
    painted: int = 0
    changes: list[tuple[str, str, Any, Any]] = field(default_factory=list)  # sheet, cell, old, new
    cleared: int = 0
    lost: int = 0  # marks whose cell could no longer be found (rows moved or edited)

    @property
    def summary(self) -> dict[str, int]:
        return summarize(self.findings)


# --- reading -------------------------------------------------------------------------


def read_book(backend: BookBackend) -> ReadResult:
    """Read the open workbook's current values exactly as the file reader would."""
    sheets = {}
    order = []
    for name in backend.sheet_names():
        if name in _OWN_SHEETS:
            continue
        order.append(name)
        sheets[name] = raw_sheet_from_grid(name, backend.read_grid(name))
    path = Path(backend.full_name or backend.name)
    return build_dataset(RawBook(path=path, sheets=sheets, sheet_order=order))


def config_for(backend: BookBackend, config: Config | None) -> Config:
    from perfxl.check.config import Config, load_config

    if config is not None:
        return config
    return load_config(backend.full_name) if backend.full_name else Config()


def run_engine(result: ReadResult, config: Config) -> list[Finding]:
    """The findings of the one rule engine `perfxl validate` uses, most severe first."""
    from perfxl.check.engine import validate

    return sorted(validate(result, config=config), key=sort_key)


# --- the three actions ------------------------------------------------------------------


def validate_book(backend: BookBackend, *, config: Config | None = None) -> LiveReport:
    """Clear the previous marks, validate the current values and paint the findings."""
    config = config_for(backend, config)
    report = LiveReport(book=backend.name)
    with backend.batch():
        report.cleared, report.lost = _clear(backend)
        _validate_and_paint(backend, read_book(backend), config, report)
    return report


def fix_book(backend: BookBackend, *, config: Config | None = None) -> LiveReport:
    """Apply the engine's safe fixes to the cells, then validate and paint what is left."""
    from perfxl.check.fix import plan_fixes

    config = config_for(backend, config)
    report = LiveReport(book=backend.name)
    with backend.batch():
        report.cleared, report.lost = _clear(backend)
        for change in plan_fixes(read_book(backend)):
            backend.write_rows(change.sheet, change.cell, [[_cell_value(change.new)]])
            report.changes.append((change.sheet, change.cell, change.old, change.new))
        _validate_and_paint(backend, read_book(backend), config, report)
    return report


def paint_book(backend: BookBackend, findings: Iterable[Finding], *, lang: str = "zh") -> LiveReport:
    """Clear the previous marks and paint findings found elsewhere (``perfxl validate --annotate``)."""
    report = LiveReport(book=backend.name, findings=sorted(findings, key=sort_key))
    with backend.batch():
        report.cleared, report.lost = _clear(backend)
        report.painted = _paint(backend, report.findings, lang=lang)
    return report


def _validate_and_paint(backend: BookBackend, result: ReadResult, config: Config, report: LiveReport) -> None:
    report.findings = run_engine(result, config)
    report.painted = _paint(backend, report.findings, lang=config.lang)


def clear_book(backend: BookBackend) -> LiveReport:
    """Remove everything perfxl painted and give the cells back their own fills and notes."""
    report = LiveReport(book=backend.name)
    with backend.batch():
        report.cleared, report.lost = _clear(backend)
    return report


def _cell_value(value: Any) -> Value:
    if isinstance(value, Decimal):
        return float(value)  # Decimal → float only at the spreadsheet boundary
    if value is None or value == "":
        return None
    if isinstance(value, str | int | float | bool):
        return value
    return str(value)


# --- painting ---------------------------------------------------------------------------


def note_text(findings: Iterable[Finding], lang: str) -> str:
    labels = SEVERITY_NAMES.get(lang, SEVERITY_NAMES["zh"])
    lines = [NOTE_HEAD]
    lines += [f"[{labels[f.severity]}] {f.message(lang)} ({f.code})" for f in findings]
    return "\n".join(lines)


def _paint(backend: BookBackend, findings: list[Finding], *, lang: str) -> int:
    names = set(backend.sheet_names())
    for own in _OWN_SHEETS:
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
        where = [f.location(), f.sheet or "", f.cell or ""]
        rows.append([labels[f.severity], *where, f.code, f.project_code or "", f.message(lang)])
    if not findings:
        rows.append([*[""] * (len(header) - 1), NO_FINDINGS.get(lang, NO_FINDINGS["zh"])])
    backend.write_rows(RESULTS_SHEET, "A1", rows)
    backend.format_table(RESULTS_SHEET, RESULTS_WIDTHS)
    names = set(backend.sheet_names())
    for i, f in enumerate(findings, start=2):
        if f.sheet in names and f.cell:
            backend.add_link(RESULTS_SHEET, f"B{i}", f.sheet, f.cell, f.location())


# --- clearing ---------------------------------------------------------------------------


def _same(a: str | None, b: str | None) -> bool:
    """Note texts compare equal across Excel's line-ending and trailing-space habits."""

    def norm(s: str | None) -> str:
        return (s or "").replace("\r\n", "\n").replace("\r", "\n").strip()

    return a is not None and b is not None and norm(a) == norm(b)


def _clear(backend: BookBackend) -> tuple[int, int]:
    """Undo the last painting; returns (cells restored, marks not found)."""
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
