"""Consolidate many units' workbooks into one Dataset (``perfxl merge``).

The merge never drops a row silently.  Each input is read
(:mod:`perfxl.merge.sources`); a file that cannot be read, is not a perfxl
workbook, loses rows in reading, or belongs to another budget year / taxonomy
/ amount unit is *bad*: it is reported by name and left out (the CLI refuses
to write unless ``--skip-bad``).  Among good files, the same unit in two files
is a conflict (identical copies are merged with an info); ``on_conflict``
decides whether the first or the last file wins, and every row that loses is
counted as *replaced*, so that for units, goals, projects, schedule rows and
indicators: rows in = rows out + rows replaced.

Everything is returned as values (:class:`MergeResult`); nothing prints.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from perfxl.core.findings import Finding
from perfxl.core.model import Dataset, DepartmentGoal, Division, Project, Unit
from perfxl.core.taxonomy import default_version
from perfxl.merge.compatibility import Loaded, check_compatible, most_common
from perfxl.merge.conflicts import resolve_projects, resolve_units, split_by_unit
from perfxl.merge.copies import cross_unit_findings
from perfxl.merge.inputs import bad_input, resolve_inputs
from perfxl.merge.result import (
    KINDS,
    ON_CONFLICT,
    MergeResult,
    OnConflict,
    Replacement,
    Source,
    count_rows,
    unit_codes,
)
from perfxl.merge.sources import FolderSettings, read_source

ProgressFn = Callable[[int, int, Path], None]


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
    settings = FolderSettings()
    sources: list[Source] = []
    loaded: list[Loaded] = []
    for n, path in enumerate(paths, start=1):
        source, dataset = read_source(path, validate=validate, settings=settings)
        sources.append(source)
        if dataset is None:
            findings.append(bad_input(path, source.reason or "unreadable"))
        else:
            loaded.append(Loaded(source, dataset))
        if progress is not None:
            progress(n, len(paths), path)
    for f in findings:
        if f.code == "merge-bad-input" and not any(s.path == Path(f.ctx["file"]) for s in sources):
            sources.append(Source(path=Path(f.ctx["file"]), status="bad", reason=f.ctx["reason"]))
    loaded = check_compatible(loaded, year, findings)
    return _combine(loaded, sources, findings, on_conflict)


def merge_datasets(
    datasets: Sequence[tuple[str, Dataset]], *, on_conflict: OnConflict = "error", year: int | None = None
) -> MergeResult:
    """Merge in-memory datasets named like files (for callers that already hold them)."""
    findings: list[Finding] = []
    loaded = [
        Loaded(
            Source(path=Path(name), year=d.year, division=d.division, unit_codes=unit_codes(d), counts=count_rows(d)),
            d,
        )
        for name, d in datasets
    ]
    sources = [x.source for x in loaded]
    loaded = check_compatible(loaded, year, findings)
    return _combine(loaded, sources, findings, on_conflict)


def _combine(loaded: list[Loaded], sources: list[Source], findings: list[Finding], on_conflict: str) -> MergeResult:
    replacements: list[Replacement] = []
    parts = split_by_unit(loaded)
    chosen = resolve_units(parts, loaded, on_conflict, findings, replacements)
    losers = resolve_projects(chosen, loaded, on_conflict, findings, replacements)
    findings.extend(cross_unit_findings(chosen, loaded))

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
        # The profile most inputs recorded (its plan months become the merged 支出计划's columns).
        profile=most_common(profiles)
        if (profiles := [x.dataset.profile for x in loaded if x.dataset.profile])
        else None,
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


def _reference_division(loaded: list[Loaded]) -> Division:
    if not loaded:
        return Division()
    return most_common([x.dataset.division for x in loaded])


def _mark_replaced(loaded: list[Loaded], replacements: list[Replacement]) -> None:
    lost: Counter[str] = Counter()
    for r in replacements:
        if r.level == "unit":
            lost[r.file] += 1
    for x in loaded:
        if lost[x.source.name]:
            whole = lost[x.source.name] >= len(x.source.unit_codes)
            x.source.status = "replaced" if whole else "partly-replaced"
