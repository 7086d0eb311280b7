"""Assemble the records of raw sheets as columns, remembering where every value came from.

:func:`build_dataset` matches columns by header name (any order), converts each
column by its kind (:mod:`perfxl.workbook.columns`), places the records
(:class:`~perfxl.workbook.records.BookColumns`) and records beside them their
:class:`~perfxl.workbook.locations.Locations` and the structural
:class:`~perfxl.workbook.facts.Facts` (repeated codes, rows that belong to no
record …).  The Dataset is built from the columns when first asked for.  Problems with sheets and header rows that are not
fatal (unknown column, missing sheet) become findings; a cell that cannot be
understood at all raises :class:`~perfxl.core.errors.InputError` naming file,
sheet and cell.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfxl.core.errors import InputError
from perfxl.core.findings import Finding
from perfxl.core.profile import profile_for
from perfxl.workbook import schema as S
from perfxl.workbook.cells import CellError, cell_text, has_value, text, whole_number
from perfxl.workbook.facts import Facts, ShownColumn, UnplacedRow, repeated_codes, repeated_seqs
from perfxl.workbook.layout import standard_sheet_names
from perfxl.workbook.locations import Locations
from perfxl.workbook.records import BookColumns
from perfxl.workbook.sheet_reader import SheetReader, missing_sheet
from perfxl.workbook.sheets import RawBook, load_sheets
from perfxl.workbook.stages import read_stages
from perfxl.year.sheetdata import StageData

if TYPE_CHECKING:
    from perfxl.core.model import Dataset
    from perfxl.workbook.columns import SheetColumns


class ReadResult:
    """A workbook as read: its records as columns, where each value sits, structural facts and findings.

    ``dataset`` (the model objects) is built from the columns on first use: validating
    needs only the columns.  ``book`` (the raw cells) is for tools that edit cells
    (``perfxl fix``).
    """

    def __init__(
        self,
        columns: BookColumns,
        book: RawBook,
        locations: Locations,
        facts: Facts,
        findings: list[Finding],
        stages: StageData | None = None,
    ) -> None:
        self.columns = columns
        self.book = book
        self.locations = locations
        self.facts = facts
        self.findings = findings
        self.stages = stages if stages is not None else StageData()

    @cached_property
    def dataset(self) -> Dataset:
        # Imported here, on first use: the model classes (pydantic) are the one part of reading
        # that validating never needs, and importing them costs more than checking a small book.
        from perfxl.workbook import to_dataset

        with gc_paused():
            return to_dataset.build(self.columns, self.stages)

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
    """Turn raw sheets into columns plus locations, structural facts and structure findings."""
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
    units = readers[S.UNITS].columns()
    unit_codes = [code or "" for code in units.get("code")]
    loc.units = units.rows
    goals = readers[S.GOALS].columns()
    loc.goals = goals.rows

    schedules = readers[S.SCHEDULE].columns()
    schedule_codes = [code or "" for code in schedules.get("code")]
    first_schedule: dict[str, int] = {}
    for i, code in enumerate(schedule_codes):
        first_schedule.setdefault(code, i)
    _shown_names(readers[S.SCHEDULE], facts, schedules, schedule_codes)

    # 序号 is renumbered on writing, so it is no part of an Indicator (see facts.repeated_seqs).
    ind_reader = readers[S.INDICATORS] = SheetReader(book, std.sheet(S.INDICATORS), findings, facts)
    sheet_indicators = ind_reader.columns(skip=("seq",))
    indicator_codes = [code or "" for code in sheet_indicators.get("project_code")]
    _shown_names(ind_reader, facts, sheet_indicators, indicator_codes)
    by_code: dict[str, list[int]] = {}
    for i, code in enumerate(indicator_codes):
        by_code.setdefault(code, []).append(i)

    readers[S.PROJECTS] = SheetReader(book, std.sheet(S.PROJECTS), findings, facts)
    projects = readers[S.PROJECTS].columns()
    project_codes = [code or "" for code in projects.get("code")]
    loc.projects = projects.rows
    # A repeated code gets its schedule and indicators once, on the first
    # occurrence, so nothing is counted twice (facts.repeated_project_codes).
    attached: set[str] = set()
    schedule_of: list[int | None] = []
    order: list[int] = []
    indicator_project: list[int] = []
    indicator_seq: list[int] = []
    project_indicators: list[range] = []
    for p, code in enumerate(project_codes):
        first = code not in attached
        attached.add(code)
        schedule_of.append(first_schedule.get(code) if first else None)
        group = by_code.get(code, []) if first else []
        project_indicators.append(range(len(order), len(order) + len(group)))
        order += group
        indicator_project += [p] * len(group)
        indicator_seq += range(1, len(group) + 1)
    indicators = sheet_indicators.pick(order)
    loc.schedules = [schedules.rows[i] if i is not None else None for i in schedule_of]
    loc.indicators = [indicators.rows[r.start : r.stop] for r in project_indicators]
    loc.columns = {name: reader.letters() for name, reader in readers.items() if reader.raw is not None}
    # Rules about a sheet's rows stay quiet about a sheet whose rows could not be read or placed.
    unread = {name for name, reader in readers.items() if reader.misplaced is not None}
    unread |= {
        name for name, key in ((S.SCHEDULE, "code"), (S.INDICATORS, "project_code")) if not readers[name].reads(key)
    }
    loc.sheets = loc.sheets - unread

    facts.repeated_project_codes = repeated_codes(S.PROJECTS, project_codes, loc.projects)
    facts.repeated_unit_codes = repeated_codes(S.UNITS, unit_codes, loc.units)
    # Rows are placed by 项目编码: when one side cannot be read (sheet missing, header
    # misplaced, column missing) that one finding explains it, not one orphan per row.
    if readers[S.PROJECTS].reads("code"):
        facts.unplaced = _unplaced(
            (schedules.rows, schedule_codes) if readers[S.SCHEDULE].reads("code") else ([], []),
            first_schedule,
            (sheet_indicators.rows, indicator_codes) if ind_reader.reads("project_code") else ([], []),
            attached,
        )
    seq_col, code_col = ind_reader.index.get("seq"), ind_reader.index.get("project_code")
    if ind_reader.raw is not None and seq_col is not None and code_col is not None:
        facts.repeated_seqs = repeated_seqs(ind_reader.raw, code_col, seq_col)

    columns = BookColumns(
        info=info,
        units=units,
        goals=goals,
        projects=projects,
        schedules=schedules,
        indicators=indicators,
        month_keys=month_keys,
        project_codes=project_codes,
        schedule_of=schedule_of,
        indicator_project=indicator_project,
        indicator_seq=indicator_seq,
        project_indicators=project_indicators,
    )
    return ReadResult(columns, book, loc, facts, findings, read_stages(book))


def _shown_names(reader: SheetReader, facts: Facts, records: SheetColumns, codes: list[str]) -> None:
    """The derived 项目名称 cells (项目 holds the name) go to the facts, to be checked; they are no field."""
    if reader.reads(S.PROJECT_NAME):
        facts.shown.append(ShownColumn(reader.spec.name, records.rows, codes, records.get(S.PROJECT_NAME)))


def _unplaced(
    schedule_rows: tuple[list[int], list[str]],
    first_schedule: dict[str, int],
    indicator_rows: tuple[list[int], list[str]],
    project_codes: set[str],
) -> list[UnplacedRow]:
    """Plan rows other than the first for a project's code, and indicator rows naming no project."""
    out: list[UnplacedRow] = []
    rows, codes = schedule_rows
    for i, (rownum, code) in enumerate(zip(rows, codes, strict=True)):
        first = first_schedule[code]
        matches = code in project_codes
        if not matches or first != i:
            out.append(UnplacedRow(S.SCHEDULE, rownum, code, matches, rows[first] if matches else None))
    rows, codes = indicator_rows
    out += [
        UnplacedRow(S.INDICATORS, rownum, code, False)
        for rownum, code in zip(rows, codes, strict=True)
        if code not in project_codes
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
