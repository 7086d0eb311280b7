"""Assemble a Dataset from raw sheets, remembering where every value came from.

:func:`build_dataset` matches columns by header name (any order), converts each
cell by its column's kind (:mod:`perfxl.workbook.cells`), builds the records and
records, beside the Dataset, their :class:`~perfxl.workbook.locations.Locations`
and the structural :class:`~perfxl.workbook.facts.Facts` (repeated codes, rows
that belong to no record …).  Problems with sheets and header rows that are not
fatal (unknown column, missing sheet) become findings; a cell that cannot be
understood at all raises :class:`~perfxl.core.errors.InputError` naming file,
sheet and cell.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perfxl.core.errors import InputError
from perfxl.core.findings import Finding, Severity
from perfxl.core.model import Budget, Dataset, DepartmentGoal, Division, Indicator, Project, Schedule, Unit
from perfxl.core.profile import profile_for
from perfxl.workbook import schema as S
from perfxl.workbook.cells import (
    EXCEL_MAX_TEXT,
    MAX_NAMED_CELLS,
    CellError,
    cell_text,
    converter,
    has_value,
    refusal,
    text,
    unreadable_cells,
    whole_number,
)
from perfxl.workbook.facts import ExtraColumn, Facts, UnplacedRow, filled_cells, repeated_codes, repeated_seqs
from perfxl.workbook.layout import header_row, look_alike, standard_sheet_names
from perfxl.workbook.locations import Locations
from perfxl.workbook.sheets import RawBook, load_sheets
from perfxl.workbook.stages import attach_stages, read_stages
from perfxl.year.sheetdata import StageData

UNNAMED_COLUMN = "（无表头）"


@dataclass
class ReadResult:
    """A workbook as read: the Dataset, where each value sits, structural facts and findings.

    ``book`` (the raw cells) is for tools that edit cells (``perfxl fix``); rules
    look at the Dataset, the locations and the facts only.
    """

    dataset: Dataset
    book: RawBook
    locations: Locations
    facts: Facts
    findings: list[Finding]
    stages: StageData = field(default_factory=StageData)  # the stage sheets as read (empty without them)

    def cell(self, sheet: str, key: str, row: int) -> str | None:
        """A1 reference of column ``key`` of ``sheet`` at ``row`` (None if the column is absent)."""
        return self.locations.cell(sheet, key, row)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


def _header_finding(code: str, severity: Severity, sheet: str, i: int, value: str) -> Finding:
    return Finding(
        code=code,
        severity=severity,
        sheet=sheet,
        cell=S.cell_ref(1, i),
        row=1,
        column=S.column_letter(i),
        value=value,
        ctx={"column": value},
    )


def _missing_sheet(book: RawBook, name: str) -> Finding:
    """``missing-sheet``, or ``renamed-sheet`` naming the sheet that has its columns."""
    renamed = look_alike(book, name)
    if renamed is None:
        return Finding(code="missing-sheet", severity="error", sheet=name)
    return Finding(code="renamed-sheet", severity="error", sheet=name, value=renamed)


class _SheetReader:
    """Reads the rows of one standard sheet as dicts keyed by column key.

    A sheet whose header sits below row 1 gets one ``header-row`` finding and is not
    read (its per-column findings would only repeat that).
    """

    def __init__(self, book: RawBook, spec: S.SheetSpec, findings: list[Finding], facts: Facts) -> None:
        self.book = book
        self.spec = spec
        self.raw = book.sheets.get(spec.name)
        self.index: dict[str, int] = {}  # field key -> 0-based column
        self.misplaced: int | None = None  # the row holding the header, when it is not row 1
        if self.raw is None:
            findings.append(_missing_sheet(book, spec.name))
            return
        self.misplaced = header_row(self.raw, spec)
        if self.misplaced is not None:
            row = self.misplaced
            findings.append(
                Finding(
                    code="header-row", severity="error", sheet=spec.name, cell=f"A{row}", row=row, column="A", value=row
                )
            )
            return
        known = spec.by_name()
        seen: set[str] = set()
        for i, name in enumerate(self.raw.header):
            if not name:
                if any(i < len(cells) and has_value(cells[i]) for _, cells in self.raw.rows):
                    findings.append(_header_finding("unknown-column", "warning", spec.name, i, UNNAMED_COLUMN))
                    facts.extra_columns.append(
                        ExtraColumn(spec.name, S.column_letter(i), UNNAMED_COLUMN, filled_cells(self.raw, i))
                    )
            elif name in seen:
                findings.append(_header_finding("duplicate-header", "error", spec.name, i, name))
            elif name in known:
                seen.add(name)
                self.index[known[name].key] = i
            else:
                seen.add(name)
                findings.append(_header_finding("unknown-column", "warning", spec.name, i, name))
                facts.extra_columns.append(ExtraColumn(spec.name, S.column_letter(i), name, filled_cells(self.raw, i)))
        for col in spec.columns:
            if col.key not in self.index and not col.optional:
                findings.append(
                    Finding(
                        code="missing-column",
                        severity="error",
                        sheet=spec.name,
                        ctx={"column": col.name},
                        value=col.name,
                    )
                )

    def reads(self, key: str) -> bool:
        """Whether the column of field ``key`` is read (the sheet, its header and that column are all there)."""
        return key in self.index

    def letters(self) -> dict[str, str]:
        return {key: S.column_letter(i) for key, i in self.index.items()}

    def rows(self, *, skip: tuple[str, ...] = ()) -> Iterable[tuple[int, dict[str, Any]]]:
        """(row, record) of every row with a value in a read column; ``skip`` columns are not read."""
        if self.raw is None:
            return
        plan = [
            (col.key, col.kind, self.index[col.key])
            for col in self.spec.columns
            if col.key in self.index and col.key not in skip
        ]
        width_needed = max((i for _, _, i in plan), default=-1) + 1
        converters = [(key, converter(kind), i) for key, kind, i in plan]
        for rownum, cells in self.raw.rows:
            if len(cells) < width_needed:
                cells = cells + [""] * (width_needed - len(cells))
            record: dict[str, Any] = {}
            filled = False
            for key, conv, i in converters:
                value = cells[i]
                if conv is text and value.__class__ is str and len(value) <= EXCEL_MAX_TEXT:  # the hot path, inlined
                    value = value.strip() or None
                else:
                    try:
                        value = conv(value)
                    except CellError as exc:
                        # Name every cell that cannot be read, not only this first one.
                        here = (self.spec.name, S.cell_ref(rownum, i), str(exc))
                        found = unreadable_cells(self.book.sheets, limit=MAX_NAMED_CELLS + 1) or [here]
                        raise refusal(
                            self.book.path, found[:MAX_NAMED_CELLS], more=len(found) > MAX_NAMED_CELLS
                        ) from None
                record[key] = value
                filled = filled or value is not None
            if filled:
                yield rownum, record


def _read_info(book: RawBook, locations: Locations, findings: list[Finding]) -> dict[str, Any]:
    raw = book.sheets.get(S.INFO)
    info: dict[str, Any] = {}
    if raw is None:
        return info
    for rownum, cells in [(1, raw.header), *raw.rows]:
        key = cell_text(cells[0]) if cells else ""
        known = key in S.standard().info_keys
        # Key/value in columns A/B; anything else on this sheet would not survive a
        # conversion, so it is reported (and conversions refuse it).
        first_lost = 0 if not known and rownum > 1 else 2
        lost = [i for i in range(first_lost, len(cells)) if has_value(cells[i])]
        if lost:
            findings.append(
                Finding(
                    code="unknown-info-key",
                    severity="warning",
                    sheet=S.INFO,
                    cell=S.cell_ref(rownum, lost[0]),
                    row=rownum,
                    column=S.column_letter(lost[0]),
                    value=cell_text(cells[lost[0]]),
                )
            )
        if not known or len(cells) < 2:
            continue
        locations.info[key] = rownum
        try:
            info[key] = whole_number(cells[1]) if key == S.INFO_YEAR else text(cells[1])
        except CellError as exc:
            raise InputError(str(exc), path=book.path, sheet=S.INFO, cell=S.cell_ref(rownum, 1)) from None
    return info


def _schedule_spec(book: RawBook, profile: str | None) -> S.SheetSpec:
    """支出计划's columns: the profile's checkpoints (required) and any other `N月底` the sheet has."""
    expected = profile_for(profile).plan_months
    raw = book.sheets.get(S.SCHEDULE)
    found = [m for name in (raw.header if raw is not None else []) if (m := S.month_of_header(name)) is not None]
    return S.schedule_spec([*expected, *found], expected=expected)


def build_dataset(book: RawBook) -> ReadResult:
    """Turn raw sheets into a Dataset plus locations, structural facts and structure findings."""
    std = S.standard()
    if not set(book.sheets) & set(standard_sheet_names()):
        found = ", ".join(book.sheet_order) or "none"
        raise InputError(f"not a perfxl workbook; sheets found: {found}", path=book.path)
    findings: list[Finding] = []
    facts = Facts()
    loc = Locations(sheets=frozenset(book.sheets))
    if S.INFO not in book.sheets:
        findings.append(_missing_sheet(book, S.INFO))
    info = _read_info(book, loc, findings)

    readers = {name: _SheetReader(book, std.sheet(name), findings, facts) for name in (S.UNITS, S.GOALS)}
    readers[S.SCHEDULE] = _SheetReader(book, _schedule_spec(book, info.get(S.INFO_PROFILE)), findings, facts)
    month_keys = [c.key for c in readers[S.SCHEDULE].spec.columns if c.key != "code"]
    units: list[Unit] = []
    for rownum, rec in readers[S.UNITS].rows():
        units.append(Unit(code=rec.get("code") or "", name=rec.get("name"), parent_code=rec.get("parent_code")))
        loc.units.append(rownum)

    goals: list[DepartmentGoal] = []
    for rownum, rec in readers[S.GOALS].rows():
        goals.append(DepartmentGoal(**rec))
        loc.goals.append(rownum)

    schedule_rows = [(rownum, rec.get("code") or "", rec) for rownum, rec in readers[S.SCHEDULE].rows()]
    schedules: dict[str, tuple[int, dict[str, Any]]] = {}
    for rownum, code, rec in schedule_rows:
        schedules.setdefault(code, (rownum, rec))

    # 序号 is renumbered on writing, so it is no part of an Indicator (see facts.repeated_seqs).
    ind_reader = readers[S.INDICATORS] = _SheetReader(book, std.sheet(S.INDICATORS), findings, facts)
    indicator_rows: list[tuple[int, str]] = []
    indicators: dict[str, list[tuple[int, Indicator]]] = {}
    for rownum, rec in ind_reader.rows(skip=("seq",)):
        code = rec.pop("project_code", None) or ""
        indicator_rows.append((rownum, code))
        indicators.setdefault(code, []).append((rownum, Indicator.model_validate(rec)))

    projects: list[Project] = []
    attached: set[str] = set()
    readers[S.PROJECTS] = _SheetReader(book, std.sheet(S.PROJECTS), findings, facts)
    for rownum, rec in readers[S.PROJECTS].rows():
        code = rec.get("code") or ""
        # A repeated code gets its schedule and indicators once, on the first
        # occurrence, so nothing is counted twice (facts.repeated_project_codes).
        first = code not in attached
        attached.add(code)
        sched_row, sched = schedules.get(code, (None, {})) if first else (None, {})
        inds = indicators.get(code, []) if first else []
        projects.append(
            Project(
                unit_code=rec.get("unit_code"),
                code=code,
                name=rec.get("name"),
                budget=Budget(total=rec.get("total"), fiscal=rec.get("fiscal"), other=rec.get("other")),
                purpose=rec.get("purpose"),
                goals=rec.get("goals"),
                schedule=Schedule(**{k: sched.get(k) for k in month_keys}),
                indicators=tuple(i for _, i in inds),
            )
        )
        loc.projects.append(rownum)
        loc.schedules.append(sched_row)
        loc.indicators.append([r for r, _ in inds])
    loc.columns = {name: reader.letters() for name, reader in readers.items() if reader.raw is not None}
    # Rules about a sheet's rows stay quiet about a sheet whose rows could not be read or placed.
    unread = {name for name, reader in readers.items() if reader.misplaced is not None}
    unread |= {
        name for name, key in ((S.SCHEDULE, "code"), (S.INDICATORS, "project_code")) if not readers[name].reads(key)
    }
    loc.sheets = loc.sheets - unread

    facts.repeated_project_codes = repeated_codes(S.PROJECTS, [p.code for p in projects], loc.projects)
    facts.repeated_unit_codes = repeated_codes(S.UNITS, [u.code for u in units], loc.units)
    # Rows are placed by 项目编码: when one side cannot be read (sheet missing, header
    # misplaced, column missing) that one finding explains it, not one orphan per row.
    if readers[S.PROJECTS].reads("code"):
        facts.unplaced = _unplaced(
            schedule_rows if readers[S.SCHEDULE].reads("code") else [],
            schedules,
            indicator_rows if ind_reader.reads("project_code") else [],
            attached,
        )
    seq_col, code_col = ind_reader.index.get("seq"), ind_reader.index.get("project_code")
    if ind_reader.raw is not None and seq_col is not None and code_col is not None:
        facts.repeated_seqs = repeated_seqs(ind_reader.raw, code_col, seq_col)

    dataset = Dataset(
        year=info.get(S.INFO_YEAR),
        profile=info.get(S.INFO_PROFILE),
        division=Division(code=info.get(S.INFO_DIVISION_CODE), name=info.get(S.INFO_DIVISION_NAME)),
        amount_unit=info.get(S.INFO_AMOUNT_UNIT) or "万元",
        taxonomy=info.get(S.INFO_TAXONOMY),
        units=tuple(units),
        department_goals=tuple(goals),
        projects=tuple(projects),
    )
    stages = read_stages(book)
    dataset = attach_stages(dataset, stages)
    return ReadResult(dataset=dataset, book=book, locations=loc, facts=facts, findings=findings, stages=stages)


def _unplaced(
    schedule_rows: list[tuple[int, str, dict[str, Any]]],
    schedules: dict[str, tuple[int, dict[str, Any]]],
    indicator_rows: list[tuple[int, str]],
    project_codes: set[str],
) -> list[UnplacedRow]:
    """Plan rows other than the first for a project's code, and indicator rows naming no project."""
    out: list[UnplacedRow] = []
    for rownum, code, _ in schedule_rows:
        first_row = schedules[code][0]
        matches = code in project_codes
        if not matches or first_row != rownum:
            out.append(UnplacedRow(S.SCHEDULE, rownum, code, matches, first_row if matches else None))
    out += [
        UnplacedRow(S.INDICATORS, rownum, code, False) for rownum, code in indicator_rows if code not in project_codes
    ]
    return out


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building millions of acyclic objects.

    Reading 100k indicator rows allocates over a million objects; the collector
    would re-scan them again and again (measured: ~40 % of build time).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_workbook(path: str | Path) -> ReadResult:
    """Read a perfxl workbook: the Dataset, where each value sits, structural facts and findings."""
    with gc_paused():
        return build_dataset(load_sheets(path))
