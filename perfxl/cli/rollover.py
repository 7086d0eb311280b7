"""``perfxl rollover``: next year's workbook from this year's, with 上年指标值 filled in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from perfxl.cli.common import command_app, handle_errors
from perfxl.core.errors import OutputError
from perfxl.files.outputs import check_output
from perfxl.formats.registry import load_dataset, save_dataset
from perfxl.versions.rollover import rollover as roll

app = command_app()


@app.command("rollover")
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
    check_output(
        output,
        suffixes=(".xlsx",),
        inputs=[book],
        force=force,
        what="the new workbook",
        same_input_hint="choose another -o",
    )
    result = roll(load_dataset(book), year=year, keep_amounts=keep_amounts, taxonomy=taxonomy)
    try:
        save_dataset(result.dataset, output, force=force)
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
