"""Load workbooks into a relational database (``perfxl db load``), SQLAlchemy 2 Core.

The tables are described in :mod:`perfxl.db.schema`.  Loading is idempotent per unit: every (year, division, unit) found in the
inputs is deleted and reinserted inside one transaction, so loading the same
workbook again updates rather than duplicates, and a failed load changes
nothing.  The default database is the SQLite file ``perfxl.db``; a
``postgresql://`` URL is driven by psycopg 3.

Amounts are stored as whole hundredths; an amount with more than two
decimals is refused, not rounded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfxl.core.errors import InputError, PerfxlError
from perfxl.core.model import Dataset, Project, Schedule
from perfxl.core.terms import month_label
from perfxl.db.money import CENTS, to_cents
from perfxl.db.schema import (
    DEFAULT_URL,
    MONEY_COLUMNS,
    MONTH_COLUMNS,
    TABLES,
    check_schema,
    create_engine_for,
    metadata,
    safe_url,
)
from perfxl.db.stages import stage_rows
from perfxl.workbook import ReadResult, conversion_problems, read_workbook
from perfxl.workbook import schema as S

if TYPE_CHECKING:
    from sqlalchemy import Connection, MetaData, Table

ProgressFn = Callable[[int, int, Path], None]


def _amounts(project: Project) -> dict[str, tuple[str, Decimal | None]]:
    """Column → (key of the 项目 column it comes from, amount)."""
    b = project.budget
    return dict(zip(MONEY_COLUMNS, (("total", b.total), ("fiscal", b.fiscal), ("other", b.other)), strict=True))


MAX_CENTS = 2**63 - 1  # BIGINT


def excess_decimals(project: Project) -> list[tuple[str, Decimal]]:
    """(key, amount) of the project's amounts that whole hundredths in a BIGINT cannot hold exactly."""
    out: list[tuple[str, Decimal]] = []
    for key, amount in _amounts(project).values():
        if amount is None:
            continue
        cents = amount * CENTS
        if cents != cents.to_integral_value() or abs(cents) > MAX_CENTS:
            out.append((key, amount))
    return out


def amount_problems(dataset: Dataset, path: Path, result: ReadResult | None = None) -> list[InputError]:
    """Amounts with more than two decimals: refused, never rounded; ``result`` locates their cells."""
    problems: list[InputError] = []
    for i, project in enumerate(dataset.projects):
        for key, amount in excess_decimals(project):
            name = S.standard().sheet(S.PROJECTS).column(key).name
            problems.append(
                InputError(
                    f"{name} {amount} of project {project.code} cannot be stored exactly: more than two "
                    f"decimals or out of range ({dataset.amount_unit} are loaded to 0.01); correct it in the workbook",
                    path=path,
                    sheet=S.PROJECTS,
                    cell=result.cell(S.PROJECTS, key, result.locations.projects[i]) if result is not None else None,
                )
            )
        for month, pct in project.schedule.months:
            # NUMERIC(7,2) would round 33.333 silently: refuse like money.
            if pct != pct.quantize(Decimal("0.01")) or abs(pct) >= 100_000:
                row = result.locations.schedules[i] if result is not None else None
                key = S.month_key(month)
                problems.append(
                    InputError(
                        f"{month_label(month)} {pct}% of project {project.code} "
                        "has more than two decimals or is out of range; correct it in the workbook",
                        path=path,
                        sheet=S.SCHEDULE,
                        cell=result.cell(S.SCHEDULE, key, row) if result is not None and row is not None else None,
                    )
                )
    return problems


def schedule_columns(schedule: Schedule) -> dict[str, Decimal | None]:
    """A plan as the schedules table's month columns (jan … dec; unfilled months None)."""
    return {name: schedule.get(month) for month, name in enumerate(MONTH_COLUMNS, start=1)}


def _refuse(problems: list[InputError]) -> None:
    """Raise the first problem as one line, counting the others; nothing is loaded."""
    if problems:
        first, others = problems[0], len(problems) - 1
        tail = f" (+{others} more problem(s))" if others else ""
        raise InputError(
            f"{first.reason}; nothing was loaded{tail}", path=first.path, sheet=first.sheet, cell=first.cell
        )


@dataclass
class LoadReport:
    url: str
    files: int = 0
    units: list[tuple[int, str, str]] = field(default_factory=list)  # (year, division, unit) loaded
    replaced: int = 0  # of those, how many were in the database before
    rows: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        counts = ", ".join(f"{self.rows.get(t, 0)} {t}" for t in TABLES[1:])
        return (
            f"loaded {self.files} file(s) into {self.url}: {len(self.units)} unit(s) "
            f"({self.replaced} replaced), {counts}"
        )


@dataclass
class _Input:
    path: Path
    sha256: str
    dataset: Dataset


def _unit_rows(inp: _Input, loaded_at: dt.datetime) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Rows per unit code, per table, for one workbook."""
    d = inp.dataset
    if d.year is None:
        raise InputError(f"{S.INFO_YEAR} is blank; the database is keyed by year", path=inp.path, sheet=S.INFO)
    key = {"year": d.year, "division_code": d.division.code or ""}
    out: dict[str, dict[str, list[dict[str, Any]]]] = {}

    def rows(unit: str | None, table: str) -> list[dict[str, Any]]:
        return out.setdefault(unit or "", {t: [] for t in TABLES}).setdefault(table, [])

    for u in d.units:
        rows(u.code, "units").append({**key, "unit_code": u.code, "name": u.name, "parent_code": u.parent_code})
    seqs: dict[str, int] = {}
    for g in d.department_goals:
        unit = g.unit_code or ""
        seqs[unit] = seqs.get(unit, 0) + 1
        rows(unit, "department_goals").append(
            {
                **key,
                "unit_code": unit,
                "seq": seqs[unit],
                "part": g.part,
                "number": g.number,
                "title": g.title,
                "text": g.text,
            }
        )
    for p in d.projects:
        unit = p.unit_code or ""
        pk = {**key, "unit_code": unit, "project_code": p.code}
        rows(unit, "projects").append(
            {
                **pk,
                "name": p.name,
                **{column: to_cents(amount) for column, (_, amount) in _amounts(p).items()},
                "purpose": p.purpose,
                "goals": p.goals,
            }
        )
        rows(unit, "schedules").append({**pk, **schedule_columns(p.schedule)})
        rows(unit, "indicators").extend(
            {**pk, "seq": j, **i.model_dump(), "printed": i.printed} for j, i in enumerate(p.indicators, start=1)
        )
        for table, stage in stage_rows(pk, p).items():
            rows(unit, table).extend(stage)
    for unit, tables in out.items():
        tables["sources"] = [
            {
                **key,
                "unit_code": unit,
                "division_name": d.division.name,
                "amount_unit": d.amount_unit,
                "file": inp.path.name,
                "sha256": inp.sha256,
                "projects": len(tables.get("projects", [])),
                "indicators": len(tables.get("indicators", [])),
                "loaded_at": loaded_at,
            }
        ]
    return out


def _read_inputs(paths: Sequence[Path], progress: ProgressFn | None) -> list[_Input]:
    inputs: list[_Input] = []
    owner: dict[tuple[int | None, str, str], Path] = {}
    for n, path in enumerate(paths, start=1):
        result = read_workbook(path)
        dataset = result.dataset
        _refuse([*conversion_problems(result), *amount_problems(dataset, path, result)])
        with open(path, "rb") as fh:
            digest = hashlib.file_digest(fh, "sha256").hexdigest()
        for code in {u.code for u in dataset.units} | {p.unit_code or "" for p in dataset.projects}:
            k = (dataset.year, dataset.division.code or "", code)
            if k in owner:
                # Two inputs for one unit in the same load: which one wins would be arbitrary.
                raise InputError(
                    f"unit {code or '(blank)'} of {dataset.year} is also in {owner[k]}; "
                    f"load one file per unit (merge them first)",
                    path=path,
                )
            owner[k] = path
        inputs.append(_Input(path, digest, dataset))
        if progress is not None:
            progress(n, len(paths), path)
    return inputs


def load_datasets(inputs: Sequence[tuple[Path, str, Dataset]], *, url: str = DEFAULT_URL) -> LoadReport:
    """Load (path, sha256, dataset) triples in one transaction; returns what was loaded."""
    from sqlalchemy import insert
    from sqlalchemy.exc import SQLAlchemyError

    for path, _, dataset in inputs:
        _refuse(amount_problems(dataset, path))
    report = LoadReport(url=safe_url(url), files=len(inputs), rows={t: 0 for t in TABLES})
    loaded_at = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    md = metadata()
    try:
        engine = create_engine_for(url)
        try:
            md.create_all(engine)
            with engine.begin() as conn:
                check_schema(conn)
                check_amount_unit(conn, md, inputs, url)
                for path, digest, dataset in inputs:
                    by_unit = _unit_rows(_Input(path, digest, dataset), loaded_at)
                    for unit, tables in by_unit.items():
                        key = (dataset.year or 0, dataset.division.code or "", unit)
                        report.replaced += _delete_unit(conn, md, key)
                        report.units.append(key)
                        for name in TABLES:
                            rows = tables.get(name) or []
                            if rows:
                                conn.execute(insert(md.tables[name]), rows)
                                report.rows[name] += len(rows)
        finally:
            engine.dispose()
    except SQLAlchemyError as exc:
        detail = " ".join(str(exc.orig if hasattr(exc, "orig") else exc).split())  # one line, whatever the driver
        raise PerfxlError(f"database {safe_url(url)}: {detail[:300]}") from None
    return report


def check_amount_unit(conn: Connection, md: MetaData, inputs: Sequence[tuple[Path, str, Dataset]], url: str) -> None:
    """One database, one amount unit: 元 and 万元 cents side by side would sum to nonsense."""
    from sqlalchemy import select

    stored = {row[0] for row in conn.execute(select(md.tables["sources"].c.amount_unit).distinct())}
    seen: dict[str, str] = {unit: f"database {safe_url(url)}" for unit in stored}
    for path, _, dataset in inputs:
        other = next((where for unit, where in seen.items() if unit != dataset.amount_unit), None)
        if other is not None:
            first = next(unit for unit in seen if unit != dataset.amount_unit)
            raise InputError(
                f"amounts are in {dataset.amount_unit}, but {other} holds amounts in {first}; "
                "load workbooks of one 金额单位 into one database",
                path=path,
                sheet=S.INFO,
            )
        seen.setdefault(dataset.amount_unit, str(path.name))


def _delete_unit(conn: Connection, md: MetaData, key: tuple[int, str, str]) -> int:
    """Delete one (year, division, unit) from every table; 1 if it had been loaded before."""
    from sqlalchemy import and_, delete, func, select

    year, division, unit = key

    def where(table: Table) -> Any:
        return and_(table.c.year == year, table.c.division_code == division, table.c.unit_code == unit)

    sources = md.tables["sources"]
    existed = conn.execute(select(func.count()).select_from(sources).where(where(sources))).scalar_one()
    for name in TABLES:
        conn.execute(delete(md.tables[name]).where(where(md.tables[name])))
    return 1 if existed else 0


def load_paths(paths: Sequence[Path], *, url: str = DEFAULT_URL, progress: ProgressFn | None = None) -> LoadReport:
    """Read every workbook first (nothing is written if one is bad), then load them in one transaction."""
    inputs = _read_inputs(paths, progress)
    return load_datasets([(i.path, i.sha256, i.dataset) for i in inputs], url=url)
