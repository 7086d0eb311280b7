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
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perfxl.core.errors import InputError
from perfxl.core.findings import Finding
from perfxl.core.model import Budget, Dataset, DepartmentGoal, Division, Indicator, Project, Schedule, Unit
from perfxl.core.profile import profile_for
from perfxl.workbook import schema as S
from perfxl.workbook.cells import CellError, cell_text, has_value, text, whole_number
from perfxl.workbook.facts import Facts, ShownName, UnplacedRow, repeated_codes, repeated_seqs
from perfxl.workbook.layout import standard_sheet_names
from perfxl.workbook.locations import Locations
from perfxl.workbook.sheet_reader import EXTRA, SheetReader, missing_sheet
from perfxl.workbook.sheets import RawBook, load_sheets
from perfxl.workbook.stages import attach_stages, read_stages
from perfxl.year.sheetdata import StageData


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
        findings.append(missing_sheet(book, S.INFO))
    info = _read_info(book, loc, findings)

    readers = {name: SheetReader(book, std.sheet(name), findings, facts) for name in (S.UNITS, S.GOALS)}
    readers[S.SCHEDULE] = SheetReader(book, _schedule_spec(book, info.get(S.INFO_PROFILE)), findings, facts)
    month_keys = [c.key for c in readers[S.SCHEDULE].spec.columns if S.month_of_header(c.name) is not None]
    units: list[Unit] = []
    for rownum, rec in readers[S.UNITS].rows():
        units.append(
            Unit(
                code=rec.get("code") or "",
                name=rec.get("name"),
                parent_code=rec.get("parent_code"),
                extra=rec.get(EXTRA, {}),
            )
        )
        loc.units.append(rownum)

    goals: list[DepartmentGoal] = []
    for rownum, rec in readers[S.GOALS].rows():
        goals.append(DepartmentGoal(**rec))
        loc.goals.append(rownum)

    schedule_rows = [(rownum, rec.get("code") or "", rec) for rownum, rec in readers[S.SCHEDULE].rows()]
    schedules: dict[str, tuple[int, dict[str, Any]]] = {}
    for rownum, code, rec in schedule_rows:
        schedules.setdefault(code, (rownum, rec))
        _shown_name(readers[S.SCHEDULE], facts, rownum, code, rec)

    # 序号 is renumbered on writing, so it is no part of an Indicator (see facts.repeated_seqs).
    ind_reader = readers[S.INDICATORS] = SheetReader(book, std.sheet(S.INDICATORS), findings, facts)
    indicator_rows: list[tuple[int, str]] = []
    indicators: dict[str, list[tuple[int, Indicator]]] = {}
    for rownum, rec in ind_reader.rows(skip=("seq",)):
        code = rec.pop("project_code", None) or ""
        _shown_name(ind_reader, facts, rownum, code, rec)
        indicator_rows.append((rownum, code))
        indicators.setdefault(code, []).append((rownum, Indicator.model_validate(rec)))

    projects: list[Project] = []
    attached: set[str] = set()
    readers[S.PROJECTS] = SheetReader(book, std.sheet(S.PROJECTS), findings, facts)
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
                schedule=Schedule(**{k: sched.get(k) for k in month_keys}, extra=sched.get(EXTRA, {})),
                indicators=tuple(i for _, i in inds),
                extra=rec.get(EXTRA, {}),
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


def _shown_name(reader: SheetReader, facts: Facts, row: int, code: str, rec: dict[str, Any]) -> None:
    """Take the derived 项目名称 out of the record (项目 holds the name) into the facts, to be checked."""
    name = rec.pop(S.PROJECT_NAME, None)
    if reader.reads(S.PROJECT_NAME):
        facts.shown_names.append(ShownName(reader.spec.name, row, code, name))


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
