"""``perfxl render``, ``perfxl rollover`` and ``perfxl diff``."""

from __future__ import annotations

import json
import time
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from perfxl.cli.common import EXIT_FINDINGS, EXIT_OK, handle_errors, refuse_existing

if TYPE_CHECKING:
    from perfxl.core.model import Dataset


class DiffFormat(StrEnum):
    text = "text"
    json = "json"


def register(app: typer.Typer) -> None:
    app.command("render")(render)
    app.command("rollover")(rollover)
    app.command("diff")(diff)


def _load(path: Path) -> Dataset:
    """A dataset from a workbook (.xlsx) or an interchange file (.json/.yaml)."""
    from perfxl.core.errors import InputError

    suffix = path.suffix.lower()
    if suffix in (".json", ".yaml", ".yml"):
        from perfxl.formats.interchange import load

        return load(path)
    if suffix in (".xlsx", ".xlsm"):
        from perfxl.workbook.reader import read_dataset

        if not path.is_file():
            raise InputError("file not found", path=path)
        return read_dataset(path)
    raise InputError("expected a perfxl workbook (.xlsx) or an interchange file (.json/.yaml)", path=path)


@handle_errors
def render(
    book: Annotated[Path, typer.Argument(help="perfxl workbook (.xlsx) or interchange file (.json/.yaml).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Document to write: .docx, .pdf or .txt.")],
    unit: Annotated[str | None, typer.Option("--unit", help="Only this unit's goals and projects (单位编码).")] = None,
) -> None:
    """Render the publishable document (部门整体绩效目标 + 项目绩效目标表).

    PDF goes through LibreOffice headless (soffice), which must be installed.

    Example: perfxl render 2021.xlsx -o 2021.docx --unit 316001
    """
    from perfxl.render import render as render_document

    started = time.perf_counter()
    dataset = _load(book)
    render_document(dataset, output, unit=unit)
    projects = [p for p in dataset.projects if unit is None or p.unit_code == unit]
    elapsed = time.perf_counter() - started
    print(
        f"wrote {output} ({len(projects)} projects, {sum(len(p.indicators) for p in projects)} indicators, {elapsed:.1f} s)"
    )


@handle_errors
def rollover(
    book: Annotated[Path, typer.Argument(help="This year's perfxl workbook (.xlsx) or interchange file.")],
    year: Annotated[int, typer.Option("--year", help="The new budget year.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="New workbook to write (.xlsx).")],
    keep_amounts: Annotated[
        bool, typer.Option("--keep-amounts", help="Keep 预算数/财政资金/其他资金 and the spending plan.")
    ] = False,
    taxonomy: Annotated[
        str | None, typer.Option("--taxonomy", help="Indicator taxonomy of the new year (default by year).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the new workbook if it exists.")] = False,
) -> None:
    """Start next year's workbook from this year's, with 上年指标值 filled in.

    Units, department goals, projects (codes kept) and indicators are carried
    over; money and the spending plan are cleared unless --keep-amounts; the
    taxonomy switches to the new year's version and every remapped or
    unmappable indicator is listed.  An existing workbook (which may hold
    edits) is replaced only with --force.

    Example: perfxl rollover 2021.xlsx --year 2022 -o 2022.xlsx
    """
    from perfxl.core.errors import OutputError
    from perfxl.versions.rollover import rollover as roll
    from perfxl.workbook.writer import write_workbook

    if output.suffix.lower() != ".xlsx":
        raise OutputError(f"{output}: the new workbook must be an .xlsx file")
    if output.exists() and book.exists() and output.resolve() == book.resolve():
        raise OutputError(f"{output}: refusing to overwrite the input; choose another -o")
    if output.is_dir():
        raise OutputError(f"{output}: is a folder, expected a file name")
    refuse_existing(output, force=force)
    result = roll(_load(book), year=year, keep_amounts=keep_amounts, taxonomy=taxonomy)
    try:
        write_workbook(result.dataset, output, overwrite=force)
    except OSError as exc:
        raise OutputError(f"{output}: cannot write: {exc.strerror or exc}") from None
    for remap in result.remaps:
        print(remap.line())
    counts = {s: sum(r.status == s for r in result.remaps) for s in ("remapped", "unmappable", "deprecated")}
    ds = result.dataset
    print(
        f"wrote {output} (budget year {ds.year}, taxonomy {result.old_taxonomy} → {result.new_taxonomy}, "
        f"{len(ds.projects)} projects, {ds.indicator_count()} indicators; {counts['remapped']} remapped, "
        f"{counts['unmappable']} unmappable, {counts['deprecated']} deprecated)"
    )


@handle_errors
def diff(
    old: Annotated[Path, typer.Argument(help="The earlier version (.xlsx, .json or .yaml).")],
    new: Annotated[Path, typer.Argument(help="The later version (.xlsx, .json or .yaml).")],
    output_format: Annotated[DiffFormat, typer.Option("--format", help="text or json.")] = DiffFormat.text,
) -> None:
    """List what was added, removed or changed between two versions of a workbook.

    Exit code 0 when they are the same, 1 when they differ.

    Example: perfxl diff 316001-v1.xlsx 316001-v2.xlsx --format json
    """
    from perfxl.versions.diff import diff as compare

    changes = compare(_load(old), _load(new))
    if output_format is DiffFormat.json:
        doc = {"old": str(old), "new": str(new), "changes": [c.to_dict() for c in changes]}
        print(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        for change in changes:
            print(change.line())
        print(f"{len(changes)} difference(s) between {old} and {new}" if changes else "no differences")
    raise typer.Exit(EXIT_FINDINGS if changes else EXIT_OK)
