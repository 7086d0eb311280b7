"""Read a perfxl workbook into a :class:`~perfxl.core.model.Dataset`.

Reading goes in three steps, each usable on its own:

1. :func:`load_sheets` — guard the file (:mod:`perfxl.workbook.guard`), then let
   python-calamine read every sheet into :class:`RawSheet` (header + rows, with
   their spreadsheet row numbers).
2. :func:`build_dataset` — match columns by header name, convert cells by the
   column's kind (text, money, percent …) and assemble the Dataset, remembering
   where each record came from (:class:`Locations`).
3. Structure problems that are not fatal (unknown column, missing sheet) become
   :class:`~perfxl.core.findings.Finding` values; a cell that cannot be understood
   at all raises :class:`~perfxl.core.errors.InputError` naming file, sheet and cell.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Any

from perfxl.core.errors import InputError
from perfxl.core.findings import Finding, Severity
from perfxl.core.model import Budget, Dataset, DepartmentGoal, Division, Indicator, Project, Schedule, Unit
from perfxl.core.values import float_to_decimal, number_text, parse_decimal, parse_percent
from perfxl.workbook import guard
from perfxl.workbook import schema as S

Cell = Any  # what calamine gives: str | float | int | bool | date | datetime | time | timedelta

_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


@dataclass
class RawSheet:
    """A sheet as read: header texts and non-blank rows with their 1-based numbers."""

    name: str
    header: list[str]
    rows: list[tuple[int, list[Cell]]]
    columns: dict[str, int] = field(default_factory=dict)  # header name -> first index

    def __post_init__(self) -> None:
        for i, name in enumerate(self.header):
            if name and name not in self.columns:
                self.columns[name] = i


@dataclass
class RawBook:
    path: Path
    sheets: dict[str, RawSheet]
    sheet_order: list[str]


@dataclass
class Locations:
    """Spreadsheet row of every record, parallel to the Dataset's tuples."""

    units: list[int] = field(default_factory=list)
    goals: list[int] = field(default_factory=list)
    projects: list[int] = field(default_factory=list)
    schedules: list[int | None] = field(default_factory=list)
    indicators: list[list[int]] = field(default_factory=list)
    info: dict[str, int] = field(default_factory=dict)  # 基本信息 key -> row


@dataclass
class ReadResult:
    dataset: Dataset
    book: RawBook
    locations: Locations
    findings: list[Finding]

    def cell(self, sheet: str, key: str, row: int) -> str | None:
        """A1 reference of column ``key`` of ``sheet`` at ``row`` (None if the column is absent)."""
        raw = self.book.sheets.get(sheet)
        if raw is None:
            return None
        name = S.standard().sheet(sheet).column(key).name
        idx = raw.columns.get(name)
        return None if idx is None else S.cell_ref(row, idx)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    def unplaced_rows(self) -> list[tuple[str, int]]:
        """(sheet, row) of data rows that belong to no record of the Dataset.

        Examples: a second 支出计划 row for the same project code, an indicator
        whose project code matches no project.  Conversions refuse such files
        so that nothing is dropped silently.
        """
        loc = self.locations
        placed: dict[str, set[int]] = {
            S.UNITS: set(loc.units),
            S.GOALS: set(loc.goals),
            S.PROJECTS: set(loc.projects),
            S.SCHEDULE: {r for r in loc.schedules if r is not None},
            S.INDICATORS: {r for rows in loc.indicators for r in rows},
        }
        std = S.standard()
        unplaced: list[tuple[str, int]] = []
        for sheet, rows in placed.items():
            raw = self.book.sheets.get(sheet)
            if raw is None:
                continue
            spec = std.sheet(sheet).by_name()
            # 序号 is not data of its own: a row with only 序号 is blank for this purpose.
            known = [i for name, i in raw.columns.items() if name in spec and spec[name].key != "seq"]
            for rownum, cells in raw.rows:
                if rownum in rows:
                    continue
                if any(
                    i < len(cells) and isinstance(cells[i], str | int | float) and str(cells[i]).strip() for i in known
                ):
                    unplaced.append((sheet, rownum))
        return unplaced


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> part path, from workbook.xml and its relationships."""
    try:
        wb = ET.fromstring(zf.read("xl/workbook.xml"))
        rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ET.ParseError) as exc:
        raise InputError(f"damaged workbook structure ({exc})") from None
    targets = {r.get("Id"): r.get("Target", "") for r in rels.findall("rel:Relationship", _NS)}
    parts: dict[str, str] = {}
    for sheet in wb.findall("m:sheets/m:sheet", _NS):
        rid = sheet.get(f"{{{_NS['r']}}}id")
        target = targets.get(rid, "")
        if not target:
            continue
        path = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        parts[sheet.get("name", "")] = path
    return parts


def load_sheets(path: str | Path, *, only: Iterable[str] | None = None) -> RawBook:
    """Guard ``path`` and read its sheets with python-calamine."""
    path = Path(path)
    zf = guard.check_container(path)
    try:
        try:
            parts = _sheet_parts(zf)
        except InputError as exc:
            raise InputError(exc.reason, path=path) from None
        wanted = set(only) if only is not None else None
        for name, part in parts.items():
            if wanted is not None and name not in wanted:
                continue
            if part not in zf.namelist():
                continue
            extent = guard.scan_sheet(zf, part)
            guard.check_extent(path, name, extent)
            if extent.formula_cells and name in (*S.standard().data_sheet_names, S.INFO):
                raise InputError(
                    "holds a formula; perfxl reads values only — copy the cells and "
                    "paste them back as values (选择性粘贴 → 数值)",
                    path=path,
                    sheet=name,
                    cell=extent.formula_cells[0],
                )
    finally:
        zf.close()
    return _read_with_calamine(path, wanted)


def _read_with_calamine(path: Path, wanted: set[str] | None) -> RawBook:
    import python_calamine as pc  # lazy: a native module, not needed for --help

    data_sheets = set(S.standard().data_sheet_names) | {S.INFO}
    try:
        book = pc.CalamineWorkbook.from_path(str(path))
    except pc.PasswordError:
        raise InputError("password-protected workbook; remove the password and try again", path=path) from None
    except (pc.CalamineError, OSError, ValueError) as exc:
        raise InputError(f"cannot read the workbook: {_short(exc)}", path=path) from None
    sheets: dict[str, RawSheet] = {}
    order: list[str] = []
    with book:
        for meta in book.sheets_metadata:
            name = meta.name
            if wanted is not None and name not in wanted:
                continue
            order.append(name)
            try:
                sheet = book.get_sheet_by_name(name)
                merged = sheet.merged_cell_ranges or []
                grid = sheet.to_python(skip_empty_area=False)
            except pc.CalamineError as exc:
                raise InputError(f"cannot read this sheet: {_short(exc)}", path=path, sheet=name) from None
            if merged and name in data_sheets:
                (r0, c0), (r1, c1) = merged[0]
                rng = f"{S.cell_ref(r0 + 1, c0)}:{S.cell_ref(r1 + 1, c1)}"
                raise InputError(
                    f"merged cells {rng}; each row needs its own values — unmerge them and fill every cell",
                    path=path,
                    sheet=name,
                    cell=S.cell_ref(r0 + 1, c0),
                )
            sheets[name] = raw_sheet_from_grid(name, grid)
    return RawBook(path=path, sheets=sheets, sheet_order=order)


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


def raw_sheet_from_grid(name: str, grid: list[list[Cell]]) -> RawSheet:
    """A RawSheet from a grid of cell values whose first row is the header.

    Also used for workbooks read by other means (a live Excel session).
    """
    if not grid:
        return RawSheet(name=name, header=[], rows=[])
    header = [_header_text(v) for v in grid[0]]
    rows: list[tuple[int, list[Cell]]] = []
    for i, row in enumerate(grid[1:], start=2):
        # list.count runs in C; whitespace-only rows are dropped later, per column.
        if row.count("") != len(row):
            rows.append((i, row))
    return RawSheet(name=name, header=header, rows=rows)


def _header_text(value: Cell) -> str:
    if isinstance(value, float | int) and not isinstance(value, bool):
        return number_text(value)
    return str(value).strip() if value is not None else ""


# --- cell conversion by column kind ------------------------------------------------


UNNAMED_COLUMN = "（无表头）"


def _has_value(value: Cell) -> bool:
    return not (value is None or value == "" or (isinstance(value, str) and not value.strip()))


class _CellError(Exception):
    pass


def _text(value: Cell) -> str | None:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if value is None:
        return None
    if isinstance(value, bool):
        raise _CellError("expected text, found TRUE/FALSE")
    if isinstance(value, float | int):
        return number_text(value)
    if isinstance(value, dt.date | dt.datetime | dt.time | dt.timedelta):
        raise _CellError(f"expected text, found a date/time ({value}); format the cell as 文本 (text) and retype it")
    raise _CellError(f"expected text, found {type(value).__name__}")


def _decimal_cell(value: Cell, *, expected: str, scale: int, parse_text: Callable[[str], Decimal]) -> Decimal | None:
    """A number cell: numbers exactly via str(), text parsed leniently, anything else refused."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise _CellError(f"expected {expected}, found TRUE/FALSE")
    if isinstance(value, float | int):
        return float_to_decimal(value) * scale  # the model gives it its two places
    if isinstance(value, str):
        try:
            return parse_text(value)
        except ValueError:
            raise _CellError(f"expected {expected}, found {value!r}") from None
    raise _CellError(f"expected {expected}, found a date/time ({value})")


def _money(value: Cell) -> Decimal | None:
    return _decimal_cell(value, expected="an amount in 万元 such as 10.00", scale=1, parse_text=parse_decimal)


def _percent(value: Cell) -> Decimal | None:
    # Cells are %-formatted: Excel stores 25 % as 0.25, hence the scale for numbers.
    return _decimal_cell(value, expected="a percentage such as 25.00%", scale=100, parse_text=parse_percent)


def _int(value: Cell) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float | int) and not isinstance(value, bool):
        if float(value).is_integer():
            return int(value)
        raise _CellError(f"expected a whole number, found {value}")
    if isinstance(value, str):
        try:
            dec = parse_decimal(value)
        except ValueError:
            raise _CellError(f"expected a whole number, found {value!r}") from None
        if dec == dec.to_integral_value():
            return int(dec)
    raise _CellError(f"expected a whole number, found {value!r}")


CONVERTERS: dict[str, Callable[[Cell], Any]] = {
    "money": _money,
    "percent": _percent,
    "int": _int,
}


def convert(kind: str, value: Cell) -> Any:
    return CONVERTERS.get(kind, _text)(value)


# --- assembling the dataset ---------------------------------------------------------


class _SheetReader:
    """Reads the rows of one standard sheet as dicts keyed by column key."""

    def __init__(
        self, book: RawBook, spec: S.SheetSpec, findings: list[Finding], *, skip: tuple[str, ...] = ()
    ) -> None:
        self.book = book
        self.spec = spec
        self.skip = skip  # columns not part of the Dataset (checked by the validator from raw cells)
        self.raw = book.sheets.get(spec.name)
        self.index: dict[str, int] = {}
        if self.raw is None:
            findings.append(Finding(code="missing-sheet", severity="error", sheet=spec.name))
            return
        known = spec.by_name()
        seen: set[str] = set()

        def header_finding(code: str, severity: Severity, i: int, value: str) -> Finding:
            return Finding(
                code=code,
                severity=severity,
                sheet=spec.name,
                cell=S.cell_ref(1, i),
                row=1,
                column=S.column_letter(i),
                value=value,
                ctx={"column": value},
            )

        for i, name in enumerate(self.raw.header):
            if not name:
                if any(i < len(cells) and _has_value(cells[i]) for _, cells in self.raw.rows):
                    findings.append(header_finding("unknown-column", "warning", i, UNNAMED_COLUMN))
            elif name in seen:
                findings.append(header_finding("duplicate-header", "error", i, name))
            elif name in known:
                seen.add(name)
                self.index[known[name].key] = i
            else:
                seen.add(name)
                findings.append(header_finding("unknown-column", "warning", i, name))
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

    def rows(self) -> Iterable[tuple[int, dict[str, Any]]]:
        if self.raw is None:
            return
        plan = [
            (col.key, col.kind, self.index[col.key])
            for col in self.spec.columns
            if col.key in self.index and col.key not in self.skip
        ]
        width_needed = max((i for _, _, i in plan), default=-1) + 1
        converters = [(key, CONVERTERS.get(kind, _text), i) for key, kind, i in plan]
        for rownum, cells in self.raw.rows:
            if len(cells) < width_needed:
                cells = cells + [""] * (width_needed - len(cells))
            record: dict[str, Any] = {}
            filled = False
            for key, conv, i in converters:
                value = cells[i]
                if conv is _text and value.__class__ is str:  # the hot path, inlined
                    value = value.strip() or None
                else:
                    try:
                        value = conv(value)
                    except _CellError as exc:
                        raise InputError(
                            str(exc), path=self.book.path, sheet=self.spec.name, cell=S.cell_ref(rownum, i)
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
        key = _header_text(cells[0]) if cells else ""
        known = key in S.standard().info_keys
        # Key/value in columns A/B; anything else on this sheet would not survive a
        # conversion, so it is reported (and conversions refuse it).
        first_lost = 0 if not known and rownum > 1 else 2
        lost = [i for i in range(first_lost, len(cells)) if _has_value(cells[i])]
        if lost:
            findings.append(
                Finding(
                    code="unknown-info-key",
                    severity="warning",
                    sheet=S.INFO,
                    cell=S.cell_ref(rownum, lost[0]),
                    row=rownum,
                    column=S.column_letter(lost[0]),
                    value=_header_text(cells[lost[0]]),
                )
            )
        if not known or len(cells) < 2:
            continue
        locations.info[key] = rownum
        try:
            if key == S.INFO_YEAR:
                info[key] = _int(cells[1])
            else:
                info[key] = _text(cells[1])
        except _CellError as exc:
            raise InputError(str(exc), path=book.path, sheet=S.INFO, cell=S.cell_ref(rownum, 1)) from None
    return info


def build_dataset(book: RawBook) -> ReadResult:
    """Turn raw sheets into a Dataset plus locations and structure findings."""
    std = S.standard()
    findings: list[Finding] = []
    loc = Locations()
    if S.INFO not in book.sheets:
        findings.append(Finding(code="missing-sheet", severity="error", sheet=S.INFO))
    info = _read_info(book, loc, findings)

    units: list[Unit] = []
    for rownum, rec in _SheetReader(book, std.sheet(S.UNITS), findings).rows():
        units.append(Unit(code=rec.get("code") or "", name=rec.get("name"), parent_code=rec.get("parent_code")))
        loc.units.append(rownum)

    goals: list[DepartmentGoal] = []
    for rownum, rec in _SheetReader(book, std.sheet(S.GOALS), findings).rows():
        goals.append(DepartmentGoal(**rec))
        loc.goals.append(rownum)

    schedules: dict[str, tuple[int, dict[str, Any]]] = {}
    for rownum, rec in _SheetReader(book, std.sheet(S.SCHEDULE), findings).rows():
        code = rec.get("code") or ""
        schedules.setdefault(code, (rownum, rec))

    indicators: dict[str, list[tuple[int, Indicator]]] = {}
    ind_reader = _SheetReader(book, std.sheet(S.INDICATORS), findings, skip=("seq",))
    for rownum, rec in ind_reader.rows():
        code = rec.pop("project_code", None) or ""
        indicators.setdefault(code, []).append((rownum, Indicator.model_validate(rec)))

    projects: list[Project] = []
    attached: set[str] = set()
    for rownum, rec in _SheetReader(book, std.sheet(S.PROJECTS), findings).rows():
        code = rec.get("code") or ""
        # A duplicated code gets its schedule and indicators once, on the first
        # occurrence, so nothing is counted twice (the validator reports it).
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
                schedule=Schedule(**{k: sched.get(k) for k in ("mar", "jun", "oct", "dec")}),
                indicators=tuple(i for _, i in inds),
            )
        )
        loc.projects.append(rownum)
        loc.schedules.append(sched_row)
        loc.indicators.append([r for r, _ in inds])

    known_codes = {p.code for p in projects}
    code_col = ind_reader.index.get("project_code")
    for code, rows in indicators.items():
        if code not in known_codes:
            for rownum, _ in rows:
                findings.append(
                    Finding(
                        code="orphan-row",
                        severity="error",
                        sheet=S.INDICATORS,
                        cell=S.cell_ref(rownum, code_col or 0),
                        row=rownum,
                        column=S.column_letter(code_col or 0),
                        value=code,
                    )
                )

    year = info.get(S.INFO_YEAR)
    dataset = Dataset(
        year=year,
        division=Division(code=info.get(S.INFO_DIVISION_CODE), name=info.get(S.INFO_DIVISION_NAME)),
        amount_unit=info.get(S.INFO_AMOUNT_UNIT) or "万元",
        taxonomy=info.get(S.INFO_TAXONOMY),
        units=tuple(units),
        department_goals=tuple(goals),
        projects=tuple(projects),
    )
    return ReadResult(dataset=dataset, book=book, locations=loc, findings=findings)


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
    """Read a perfxl workbook: the Dataset, where each record sits, and structure findings."""
    with gc_paused():
        return build_dataset(load_sheets(path))


_FATAL_FOR_CONVERSION = ("orphan-row", "duplicate-header", "missing-sheet")


def _repeated_codes(result: ReadResult, sheet: str, what: str, codes: list[str]) -> list[InputError]:
    """A code that appears on two rows of ``sheet`` (the rows are those of ``codes``, in order)."""
    rows = result.locations.projects if sheet == S.PROJECTS else result.locations.units
    first: dict[str, int] = {}
    problems: list[InputError] = []
    for code, row in zip(codes, rows, strict=True):
        if code in first:
            problems.append(
                InputError(
                    f"{what} code {code!r} appears twice (rows {first[code]} and {row})",
                    path=result.book.path,
                    sheet=sheet,
                    cell=result.cell(sheet, "code", row),
                )
            )
        first.setdefault(code, row)
    return problems


def conversion_problems(result: ReadResult) -> list[InputError]:
    """Why converting this workbook would lose or double data; empty when it is safe.

    The one place that decides whether a workbook may be exported, merged,
    rendered, loaded or rolled over: rows that belong to no record, a repeated
    project code, a duplicated header, a missing sheet, or a column outside the
    standard that holds values (a renamed header, typically).
    """
    path = result.book.path
    problems: list[InputError] = []
    problems += _repeated_codes(result, S.PROJECTS, "project", [p.code for p in result.dataset.projects])
    problems += _repeated_codes(result, S.UNITS, "unit", [u.code for u in result.dataset.units])
    for f in result.findings:
        if f.code in _FATAL_FOR_CONVERSION and f.severity == "error":
            problems.append(InputError(f.message("en"), path=path, sheet=f.sheet, cell=f.cell))
        elif f.code == "unknown-column" and f.sheet is not None and f.column is not None:
            raw = result.book.sheets[f.sheet]
            col = S.column_index(f.column)
            filled = sum(1 for _, cells in raw.rows if col < len(cells) and _has_value(cells[col]))
            if filled:
                problems.append(
                    InputError(
                        f"column {f.value!r} is not part of the standard and holds {filled} value(s) that "
                        "would be lost: rename its header to a standard column name or delete the column",
                        path=path,
                        sheet=f.sheet,
                        cell=f.cell,
                    )
                )
        elif f.code == "unknown-info-key":
            problems.append(
                InputError(
                    f"{f.value!r} is outside the key/value pairs of {S.INFO} "
                    f"({', '.join(S.standard().info_keys)} in columns A/B) and would be lost: delete it",
                    path=path,
                    sheet=f.sheet,
                    cell=f.cell,
                )
            )
    unplaced = result.unplaced_rows()
    if unplaced:
        sheet, row = unplaced[0]
        more = f" (and {len(unplaced) - 1} more such row(s))" if len(unplaced) > 1 else ""
        problems.append(
            InputError(
                f"row {row} belongs to no record: {_why_unplaced(result, sheet, row)}{more}",
                path=path,
                sheet=sheet,
                cell=f"A{row}",
            )
        )
    return problems


def _why_unplaced(result: ReadResult, sheet: str, row: int) -> str:
    key = {S.SCHEDULE: "code", S.INDICATORS: "project_code"}.get(sheet)
    raw = result.book.sheets[sheet]
    if key is None:
        return "it could not be read as a record"
    col = raw.columns.get(S.standard().sheet(sheet).column(key).name)
    cells = dict(raw.rows)[row]
    code = _header_text(cells[col]) if col is not None and col < len(cells) else ""
    if not code:
        return "its 项目编码 is blank"
    if code not in {p.code for p in result.dataset.projects}:
        return f"项目编码 {code!r} matches no project in {S.PROJECTS}"
    return f"project {code!r} already has a row here"


def read_dataset(path: str | Path) -> Dataset:
    """Read a workbook for conversion; InputError if that would lose or double data.

    Used by commands that must not lose data (export, render, rollover, …);
    see :func:`conversion_problems`.
    """
    result = read_workbook(path)
    problems = conversion_problems(result)
    if problems:
        first = problems[0]
        more = f" (+{len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        raise InputError(f"{first.reason}; nothing was converted{more}", path=path, sheet=first.sheet, cell=first.cell)
    return result.dataset
