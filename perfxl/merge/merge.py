"""Consolidate many units' workbooks into one Dataset (``perfxl merge``).

The merge never drops a row silently.  Each input is read with
:func:`perfxl.workbook.reader.read_workbook`; a file that cannot be read, is
not a perfxl workbook, loses rows in reading, or belongs to another budget
year / taxonomy / amount unit is *bad*: it is reported by name and left out
(the CLI refuses to write unless ``--skip-bad``).  Among good files, the same
unit in two files is a conflict (identical copies are merged with an info);
``on_conflict`` decides whether the first or the last file wins, and every
row that loses is counted as *replaced*, so that for units, goals, projects,
schedule rows and indicators: rows in = rows out + rows replaced.

Everything is returned as values (:class:`MergeResult`); nothing prints.
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar

from perfxl.check.config import Config, load_config
from perfxl.core.errors import InputError
from perfxl.core.findings import Finding, register_messages
from perfxl.core.model import Dataset, DepartmentGoal, Division, Project, Unit
from perfxl.core.taxonomy import default_version
from perfxl.workbook import schema as S

OnConflict = Literal["error", "first", "last"]
ON_CONFLICT: tuple[str, ...] = ("error", "first", "last")
KINDS: tuple[str, ...] = ("units", "goals", "projects", "schedules", "indicators")
KIND_LABELS: dict[str, str] = {
    "units": "单位",
    "goals": "部门目标",
    "projects": "项目",
    "schedules": "支出计划",
    "indicators": "绩效指标",
}
_GLOB_CHARS = set("*?[")
_MAX_PROBLEMS = 5  # per bad file, so that its line stays readable

ProgressFn = Callable[[int, int, Path], None]
_T = TypeVar("_T")


# --- values ----------------------------------------------------------------------


@dataclass
class Source:
    """One input file: what it held and what became of it (a row of 来源)."""

    path: Path
    sha256: str | None = None
    year: int | None = None
    division: Division = field(default_factory=Division)
    unit_codes: tuple[str, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    read_at: dt.datetime | None = None
    status: str = "merged"  # merged | partly-replaced | replaced | bad
    reason: str | None = None

    @property
    def name(self) -> str:
        return str(self.path)  # as given: unique where bare file names might not be

    @property
    def ok(self) -> bool:
        return self.status != "bad"

    def severity_count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


@dataclass(frozen=True)
class Replacement:
    """Rows of one unit or project from ``file`` that lost to ``kept_file``."""

    level: str  # "unit" | "project"
    key: str
    file: str
    kept_file: str
    rows: dict[str, int]


@dataclass
class MergeResult:
    dataset: Dataset
    sources: list[Source]
    findings: list[Finding]
    rows_in: dict[str, int]
    rows_out: dict[str, int]
    rows_replaced: dict[str, int]
    replacements: list[Replacement]
    on_conflict: str = "error"

    @property
    def bad_sources(self) -> list[Source]:
        return [s for s in self.sources if not s.ok]

    @property
    def merged_sources(self) -> list[Source]:
        return [s for s in self.sources if s.ok]

    @property
    def conflicts(self) -> list[Finding]:
        """Errors between good files (not bad inputs): these stop a merge in ``error`` mode."""
        return [f for f in self.findings if f.severity == "error" and f.code in _CONFLICT_CODES]

    def balanced(self) -> bool:
        return all(self.rows_in[k] == self.rows_out[k] + self.rows_replaced[k] for k in KINDS)

    def unit_of_project(self) -> dict[str, str | None]:
        return {p.code: p.unit_code for p in self.dataset.projects}


_CONFLICT_CODES = ("merge-unit-conflict", "merge-project-conflict")
# Findings that make an input file bad (left out of the merge).
BAD_INPUT_CODES = ("merge-bad-input", "merge-year", "merge-taxonomy", "merge-amount-unit")


# --- messages ----------------------------------------------------------------------

register_messages("merge-bad-input", zh="{file}：{reason}", en="{file}: {reason}")
register_messages(
    "merge-year",
    zh="{file}：预算年度为 {year}，与 {ref_file} 的 {ref_year} 不同",
    en="{file}: budget year {year} differs from {ref_year} in {ref_file}",
)
register_messages(
    "merge-taxonomy",
    zh="{file}：指标体系版本 {value}，与 {ref_file} 的 {ref_value} 不同",
    en="{file}: taxonomy {value} differs from {ref_value} in {ref_file}",
)
register_messages(
    "merge-amount-unit",
    zh="{file}：金额单位“{value}”，与 {ref_file} 的“{ref_value}”不同",
    en="{file}: amount unit '{value}' differs from '{ref_value}' in {ref_file}",
)
register_messages(
    "merge-division",
    zh="{file}：行政区划“{value}”，与 {ref_file} 的“{ref_value}”不同；合并结果采用后者",
    en="{file}: division '{value}' differs from '{ref_value}' in {ref_file}; the merge uses the latter",
)
register_messages(
    "merge-unit-conflict",
    zh="单位 {value} 同时出现在 {files} 中且内容不同{outcome_zh}",
    en="unit {value} appears with different data in {files}{outcome_en}",
)
register_messages(
    "merge-unit-duplicate",
    zh="单位 {value} 在 {files} 中内容完全相同，只保留一份（{kept}）",
    en="unit {value} is identical in {files}; kept once (from {kept})",
)
register_messages(
    "merge-project-conflict",
    zh="项目编码 {value} 同时出现在 {files} 中且内容不同{outcome_zh}",
    en="project code {value} appears with different data in {files}{outcome_en}",
)
register_messages(
    "merge-project-duplicate",
    zh="项目编码 {value} 在 {files} 中内容完全相同，只保留一份（{kept}）",
    en="project code {value} is identical in {files}; kept once (from {kept})",
)
register_messages(
    "merge-same-goals",
    zh="不同单位的项目绩效目标文字完全相同：{places}",
    en="identical 绩效目标 text in different units' files: {places}",
)
register_messages(
    "merge-same-indicators",
    zh="不同单位的项目绩效指标表完全相同：{places}",
    en="identical indicator tables in different units' files: {places}",
)


def _outcome(on_conflict: str, kept: str) -> dict[str, str]:
    if on_conflict == "error":
        return {
            "outcome_zh": "；请改正，或用 --on-conflict first|last 指定保留哪个文件",
            "outcome_en": "; fix it, or choose a file with --on-conflict first|last",
        }
    return {
        "outcome_zh": f"；按 --on-conflict {on_conflict} 保留 {kept}",
        "outcome_en": f"; kept {kept} (--on-conflict {on_conflict})",
    }


# --- inputs ------------------------------------------------------------------------


def _is_candidate(path: Path) -> bool:
    # Excel lock files (~$x.xlsx) and hidden/temporary files are never data.
    return path.suffix.lower() == ".xlsx" and not path.name.startswith(("~$", "."))


def resolve_inputs(
    inputs: Iterable[str | Path], *, exclude: Iterable[str | Path] = ()
) -> tuple[list[Path], list[Finding]]:
    """Files, folders (searched recursively for .xlsx) and globs → ordered, de-duplicated paths.

    An input that matches nothing is returned as a ``merge-bad-input`` finding,
    never dropped.  Folders and globs are expanded in name order.
    """
    skip = {Path(p).resolve() for p in exclude}
    seen: set[Path] = set()
    paths: list[Path] = []
    problems: list[Finding] = []

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen and key not in skip:
            seen.add(key)
            paths.append(path)

    for item in inputs:
        text = str(item)
        path = Path(text)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and _is_candidate(p))
            if not found:
                problems.append(_bad(path, "folder holds no .xlsx workbook"))
            for p in found:
                add(p)
        elif path.exists() or not (_GLOB_CHARS & set(text)):
            add(path)  # a missing plain path is reported by the reader, by name
        else:
            matches = sorted(Path(m) for m in glob.glob(text, recursive=True))
            files = [m for m in matches if m.is_file() and _is_candidate(m)]
            if not files:
                problems.append(_bad(path, "pattern matches no .xlsx workbook"))
            for p in files:
                add(p)
    return paths, problems


def _bad(path: Path, reason: str) -> Finding:
    return Finding(code="merge-bad-input", severity="error", value=str(path), ctx={"file": str(path), "reason": reason})


# --- reading one input --------------------------------------------------------------


def count_rows(dataset: Dataset) -> dict[str, int]:
    """Rows of each kind a dataset holds (schedule rows: projects with any checkpoint filled)."""
    return _rows_of(dataset.units, dataset.department_goals, dataset.projects)


def _has_schedule(project: Project) -> bool:
    return any(v is not None for v in project.schedule.values())


def _sha256(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


@dataclass
class _Loaded:
    source: Source
    dataset: Dataset


def _unit_codes(dataset: Dataset) -> tuple[str, ...]:
    codes: dict[str, None] = {}
    for u in dataset.units:
        codes.setdefault(u.code, None)
    for g in dataset.department_goals:
        if g.unit_code:
            codes.setdefault(g.unit_code, None)
    for p in dataset.projects:
        if p.unit_code:
            codes.setdefault(p.unit_code, None)
    return tuple(codes)


class _Settings:
    """The validation settings of each folder (as ``perfxl validate FILE`` finds them), read once per folder."""

    def __init__(self) -> None:
        self._by_folder: dict[Path, Config] = {}

    def __call__(self, path: Path) -> Config:
        folder = path.resolve().parent
        if folder not in self._by_folder:
            self._by_folder[folder] = load_config(path)
        return self._by_folder[folder]


def read_source(
    path: Path, *, validate: bool = True, settings: Callable[[Path], Config] = load_config
) -> tuple[Source, Dataset | None]:
    """Read one input; a bad one comes back with ``status="bad"`` and a reason, never an exception.

    A file is bad when it cannot be read, when converting it would lose or
    double rows (:func:`perfxl.workbook.reader.conversion_problems`, every
    problem listed), or when its budget year is blank.  Files that are merged
    are validated with the settings ``perfxl validate FILE`` would use.
    """
    from perfxl.workbook.reader import conversion_problems, read_workbook

    source = Source(path=path, read_at=dt.datetime.now(dt.UTC).replace(microsecond=0))
    try:
        result = read_workbook(path)
        source.sha256 = _sha256(path)
    except InputError as exc:
        source.status, source.reason = "bad", _without_path(exc, path)
        return source, None
    except OSError as exc:
        source.status, source.reason = "bad", f"cannot open: {exc.strerror}"
        return source, None
    dataset = result.dataset
    source.findings = list(result.findings)
    source.year = dataset.year
    source.division = dataset.division
    source.unit_codes = _unit_codes(dataset)
    source.counts = count_rows(dataset)
    problems = conversion_problems(result)
    reason: str | None = None
    if not {S.INFO, S.PROJECTS} & set(result.book.sheets):
        reason = "not a perfxl workbook (no 基本信息 or 项目 sheet)"
    elif problems:
        more = len(problems) - _MAX_PROBLEMS
        reason = "; ".join(_without_path(p, path) for p in problems[:_MAX_PROBLEMS])
        reason += f" (+{more} more problem(s); `perfxl validate` lists them)" if more > 0 else ""
    elif dataset.year is None:
        reason = f"{S.INFO}!{S.INFO_YEAR} is blank; the budget year is needed to merge"
    if reason is None and validate:  # only on files we merge: the rules expect a readable perfxl workbook
        from perfxl.check.engine import validate as run_rules

        try:
            source.findings = run_rules(result, config=settings(path))
        except InputError as exc:  # the settings file next to the workbook is broken
            reason = exc.describe()
    if reason is not None:
        source.status, source.reason = "bad", reason
        return source, None
    return source, dataset


def _without_path(exc: InputError, path: Path) -> str:
    """``sheet!cell: reason``: the file itself is named in its 来源 row and in the merge message."""
    where = "!".join(x for x in (exc.sheet, exc.cell) if x)
    if exc.path and Path(exc.path) != path:
        where = f"{exc.path} {where}".strip()
    return f"{where}: {exc.reason}" if where else exc.reason


# --- merging ------------------------------------------------------------------------


def _most_common(values: Sequence[_T]) -> _T:
    """Most frequent value; ties go to the one seen first."""
    counts = Counter(values)
    best = max(counts.values())
    return next(v for v in values if counts[v] == best)


def _check_compatible(loaded: list[_Loaded], year: int | None, findings: list[Finding]) -> list[_Loaded]:
    """Keep files of one year, taxonomy and amount unit; warn on a different division."""
    if not loaded:
        return loaded
    ref_year = year if year is not None else _most_common([x.dataset.year for x in loaded])

    def tax(x: _Loaded) -> str:
        return x.dataset.taxonomy or default_version(x.dataset.year)

    def div(x: _Loaded) -> str:
        d = x.dataset.division
        return " ".join(v for v in (d.code, d.name) if v)

    same_year = [x for x in loaded if x.dataset.year == ref_year]
    ref_year_file = same_year[0].source.name if same_year else "--year"
    ref_tax = _most_common([tax(x) for x in same_year]) if same_year else None
    ref_unit = _most_common([x.dataset.amount_unit for x in same_year]) if same_year else None
    kept: list[_Loaded] = []
    for x in loaded:
        name = x.source.name
        if x.dataset.year != ref_year:
            f = Finding(
                code="merge-year",
                severity="error",
                value=x.dataset.year,
                ctx={"file": name, "year": x.dataset.year, "ref_file": ref_year_file, "ref_year": ref_year},
            )
        elif tax(x) != ref_tax:
            ref = next(y.source.name for y in same_year if tax(y) == ref_tax)
            f = Finding(
                code="merge-taxonomy",
                severity="error",
                value=tax(x),
                ctx={"file": name, "ref_file": ref, "ref_value": ref_tax},
            )
        elif x.dataset.amount_unit != ref_unit:
            ref = next(y.source.name for y in same_year if y.dataset.amount_unit == ref_unit)
            f = Finding(
                code="merge-amount-unit",
                severity="error",
                value=x.dataset.amount_unit,
                ctx={"file": name, "ref_file": ref, "ref_value": ref_unit},
            )
        else:
            kept.append(x)
            continue
        findings.append(f)
        x.source.status, x.source.reason = "bad", f.message("en").removeprefix(f"{name}: ")
    if kept:
        ref_div = _most_common([div(x) for x in kept])
        ref_file = next(x.source.name for x in kept if div(x) == ref_div)
        for x in kept:
            if div(x) != ref_div:
                findings.append(
                    Finding(
                        code="merge-division",
                        severity="warning",
                        value=div(x),
                        ctx={"file": x.source.name, "ref_file": ref_file, "ref_value": ref_div},
                    )
                )
    return kept


@dataclass
class _UnitPart:
    """Everything one file holds about one unit."""

    file_index: int
    units: list[Unit] = field(default_factory=list)
    goals: list[DepartmentGoal] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)

    def content(self) -> tuple[Any, ...]:
        return (tuple(self.units), tuple(self.goals), tuple(self.projects))

    def substantive(self) -> bool:
        return bool(self.goals or self.projects)

    def rows(self) -> dict[str, int]:
        return _rows_of(self.units, self.goals, self.projects)


def _rows_of(units: Sequence[Unit], goals: Sequence[DepartmentGoal], projects: Sequence[Project]) -> dict[str, int]:
    return {
        "units": len(units),
        "goals": len(goals),
        "projects": len(projects),
        "schedules": sum(1 for p in projects if _has_schedule(p)),
        "indicators": sum(len(p.indicators) for p in projects),
    }


UnitKey = tuple[str, int]  # (unit code, -1) or ("", file index) for rows without a unit code


def _split_by_unit(loaded: list[_Loaded]) -> dict[UnitKey, list[_UnitPart]]:
    parts: dict[UnitKey, list[_UnitPart]] = {}
    for i, x in enumerate(loaded):
        mine: dict[UnitKey, _UnitPart] = {}

        def part(code: str | None, i: int = i, mine: dict[UnitKey, _UnitPart] = mine) -> _UnitPart:
            key: UnitKey = (code, -1) if code else ("", i)
            if key not in mine:
                mine[key] = _UnitPart(file_index=i)
                parts.setdefault(key, []).append(mine[key])
            return mine[key]

        for u in x.dataset.units:
            part(u.code).units.append(u)
        for g in x.dataset.department_goals:
            part(g.unit_code).goals.append(g)
        for p in x.dataset.projects:
            part(p.unit_code).projects.append(p)
    return parts


def _pick(candidates: list[int], on_conflict: str) -> int:
    return candidates[-1] if on_conflict == "last" else candidates[0]


def _resolve_units(
    parts: dict[UnitKey, list[_UnitPart]],
    loaded: list[_Loaded],
    on_conflict: str,
    findings: list[Finding],
    replacements: list[Replacement],
) -> dict[UnitKey, _UnitPart]:
    """One part per unit; the losers' rows are recorded as replacements."""
    names = [x.source.name for x in loaded]
    chosen: dict[UnitKey, _UnitPart] = {}
    for key, occurrences in parts.items():
        if len(occurrences) == 1:
            chosen[key] = occurrences[0]
            continue
        files = "、".join(names[o.file_index] for o in occurrences)
        contents = {o.content() for o in occurrences}
        substantive = [o for o in occurrences if o.substantive()]
        same_rows = len({tuple(o.units) for o in occurrences}) == 1
        if len(contents) == 1 or (len(substantive) <= 1 and same_rows):
            # Identical copies, or one real part plus bare 单位 rows: no conflict.
            winner = substantive[0] if substantive else occurrences[0]
            findings.append(
                Finding(
                    code="merge-unit-duplicate",
                    severity="info",
                    value=key[0],
                    ctx={"files": files, "kept": names[winner.file_index]},
                )
            )
        else:
            winner = occurrences[_pick(list(range(len(occurrences))), on_conflict)]
            kept = names[winner.file_index]
            findings.append(
                Finding(
                    code="merge-unit-conflict",
                    severity="error" if on_conflict == "error" else "warning",
                    value=key[0],
                    ctx={"files": files, "kept": kept, **_outcome(on_conflict, kept)},
                )
            )
        chosen[key] = winner
        for o in occurrences:
            if o is not winner:
                replacements.append(
                    Replacement("unit", key[0], names[o.file_index], names[winner.file_index], o.rows())
                )
    return chosen


def _resolve_projects(
    chosen: dict[UnitKey, _UnitPart],
    loaded: list[_Loaded],
    on_conflict: str,
    findings: list[Finding],
    replacements: list[Replacement],
) -> set[int]:
    """Project codes claimed by two surviving units; returns ids of the losing Project objects."""
    names = [x.source.name for x in loaded]
    by_code: dict[str, list[tuple[int, Project]]] = {}
    for part in chosen.values():
        for p in part.projects:
            by_code.setdefault(p.code, []).append((part.file_index, p))
    losers: set[int] = set()
    for code, claims in by_code.items():
        if len(claims) == 1:
            continue
        files = "、".join(names[i] for i, _ in claims)
        if len({p for _, p in claims}) == 1:
            win = 0
            findings.append(
                Finding(
                    code="merge-project-duplicate",
                    severity="info",
                    value=code,
                    project_code=code,
                    ctx={"files": files, "kept": names[claims[0][0]]},
                )
            )
        else:
            win = _pick(list(range(len(claims))), on_conflict)
            kept = names[claims[win][0]]
            findings.append(
                Finding(
                    code="merge-project-conflict",
                    severity="error" if on_conflict == "error" else "warning",
                    value=code,
                    project_code=code,
                    ctx={"files": files, "kept": kept, **_outcome(on_conflict, kept)},
                )
            )
        for j, (i, p) in enumerate(claims):
            if j != win:
                losers.add(id(p))
                replacements.append(
                    Replacement("project", code, names[i], names[claims[win][0]], _rows_of([], [], [p]))
                )
    return losers


def _cross_unit_findings(chosen: dict[UnitKey, _UnitPart], loaded: list[_Loaded]) -> list[Finding]:
    """Info: the same 绩效目标 text or indicator table in different units' files."""
    names = [x.source.name for x in loaded]
    goals: dict[str, list[tuple[int, str, Project]]] = {}
    tables: dict[tuple[Any, ...], list[tuple[int, str, Project]]] = {}
    for key, part in chosen.items():
        for p in part.projects:
            place = (part.file_index, key[0], p)
            if p.goals and p.goals.strip():
                goals.setdefault("".join(p.goals.split()), []).append(place)
            if p.indicators:
                # previous_value (上年指标值) is history, not the unit's own table.
                table = tuple(
                    (i.level1, i.level2, i.level3, i.description, i.sign, i.value, i.unit, i.basis)
                    for i in p.indicators
                )
                tables.setdefault(table, []).append(place)
    out: list[Finding] = []
    for code, groups in (("merge-same-goals", goals), ("merge-same-indicators", tables)):
        for places in groups.values():
            if len({(f, u) for f, u, _ in places}) < 2 or len({f for f, _, _ in places}) < 2:
                continue
            text = "；".join(f"{names[f]} {u or '-'} {p.code}" for f, u, p in places[:5])
            if len(places) > 5:
                text += f" …(+{len(places) - 5})"
            out.append(
                Finding(
                    code=code,
                    severity="info",
                    project_code=places[0][2].code,
                    value=places[0][2].code,
                    ctx={"places": text},
                )
            )
    return out


def merge(
    inputs: Iterable[str | Path],
    *,
    on_conflict: OnConflict = "error",
    year: int | None = None,
    validate: bool = True,
    exclude: Iterable[str | Path] = (),
    progress: ProgressFn | None = None,
) -> MergeResult:
    """Merge workbooks (files, folders, globs) into one Dataset with provenance and conflicts.

    ``progress(done, total, path)`` is called after each file is read.
    """
    if on_conflict not in ON_CONFLICT:
        raise ValueError(f"on_conflict must be one of {ON_CONFLICT}")
    paths, findings = resolve_inputs(inputs, exclude=exclude)
    settings = _Settings()
    sources: list[Source] = []
    loaded: list[_Loaded] = []
    for n, path in enumerate(paths, start=1):
        source, dataset = read_source(path, validate=validate, settings=settings)
        sources.append(source)
        if dataset is None:
            findings.append(_bad(path, source.reason or "unreadable"))
        else:
            loaded.append(_Loaded(source, dataset))
        if progress is not None:
            progress(n, len(paths), path)
    for f in findings:
        if f.code == "merge-bad-input" and not any(s.path == Path(f.ctx["file"]) for s in sources):
            sources.append(Source(path=Path(f.ctx["file"]), status="bad", reason=f.ctx["reason"]))
    loaded = _check_compatible(loaded, year, findings)
    return _combine(loaded, sources, findings, on_conflict)


def merge_datasets(
    datasets: Sequence[tuple[str, Dataset]], *, on_conflict: OnConflict = "error", year: int | None = None
) -> MergeResult:
    """Merge in-memory datasets named like files (for callers that already hold them)."""
    findings: list[Finding] = []
    loaded = [
        _Loaded(
            Source(path=Path(name), year=d.year, division=d.division, unit_codes=_unit_codes(d), counts=count_rows(d)),
            d,
        )
        for name, d in datasets
    ]
    sources = [x.source for x in loaded]
    loaded = _check_compatible(loaded, year, findings)
    return _combine(loaded, sources, findings, on_conflict)


def _combine(loaded: list[_Loaded], sources: list[Source], findings: list[Finding], on_conflict: str) -> MergeResult:
    replacements: list[Replacement] = []
    parts = _split_by_unit(loaded)
    chosen = _resolve_units(parts, loaded, on_conflict, findings, replacements)
    losers = _resolve_projects(chosen, loaded, on_conflict, findings, replacements)
    findings.extend(_cross_unit_findings(chosen, loaded))

    units: list[Unit] = []
    goals: list[DepartmentGoal] = []
    projects: list[Project] = []
    for part in chosen.values():  # dict order = first appearance, so a replaced unit keeps its place
        units.extend(part.units)
        goals.extend(part.goals)
        projects.extend(p for p in part.projects if id(p) not in losers)
    ref = loaded[0].dataset if loaded else Dataset()
    division = _reference_division(loaded)
    dataset = Dataset(
        year=ref.year,
        division=division,
        amount_unit=ref.amount_unit,
        taxonomy=ref.taxonomy or (default_version(ref.year) if ref.year else None),
        units=tuple(units),
        department_goals=tuple(goals),
        projects=tuple(projects),
    )
    _mark_replaced(loaded, replacements)
    rows_in = {k: sum(x.source.counts[k] for x in loaded) for k in KINDS}
    replaced = {k: sum(r.rows[k] for r in replacements) for k in KINDS}
    return MergeResult(
        dataset=dataset,
        sources=sources,
        findings=findings,
        rows_in=rows_in,
        rows_out=count_rows(dataset),
        rows_replaced=replaced,
        replacements=replacements,
        on_conflict=on_conflict,
    )


def _reference_division(loaded: list[_Loaded]) -> Division:
    if not loaded:
        return Division()
    return _most_common([x.dataset.division for x in loaded])


def _mark_replaced(loaded: list[_Loaded], replacements: list[Replacement]) -> None:
    lost: Counter[str] = Counter()
    for r in replacements:
        if r.level == "unit":
            lost[r.file] += 1
    for x in loaded:
        if lost[x.source.name]:
            whole = lost[x.source.name] >= len(x.source.unit_codes)
            x.source.status = "replaced" if whole else "partly-replaced"
