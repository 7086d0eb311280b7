"""``perfxl demo``: realistic units' workbooks (test data) varied from a base dataset."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from perfxl.cli.common import command_app, handle_errors, progress_bar, say
from perfxl.demo.generate import load_base, write_demo

app = command_app()


@app.command("demo")
@handle_errors
def demo(
    output: Annotated[Path, typer.Option("-o", "--output", help="Folder to write the units' workbooks into.")],
    units: Annotated[int, typer.Option(min=1, max=2000, help="How many units' workbooks.")] = 5,
    projects: Annotated[
        int | None, typer.Option(min=1, help="Projects per workbook (default: as many as the base).")
    ] = None,
    indicators: Annotated[
        int | None, typer.Option(min=0, help="Indicators per workbook (default: as the base).")
    ] = None,
    seed: Annotated[int, typer.Option(help="Random seed; the same seed gives the same files.")] = 1,
    base: Annotated[
        Path | None, typer.Option(help="Base: a perfxl workbook, JSON/YAML, or document text (default: bundled).")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only problems.")] = False,
) -> None:
    """Generate realistic units' workbooks (test data) by varying a base dataset.

    Example: perfxl demo -o demo-units --units 8 --seed 7
    """
    output.mkdir(parents=True, exist_ok=True)
    dataset = load_base(base)
    with progress_bar(units, quiet, "writing") as progress:
        written = write_demo(
            dataset, output, units=units, projects=projects, indicators=indicators, seed=seed, progress=progress
        )
    say(quiet, [f"wrote {len(written)} workbooks into {output}/ ({written[0].name} … {written[-1].name})"])
