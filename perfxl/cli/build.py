"""``perfxl build``: a JSON/YAML interchange file → the standard workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from perfxl.cli.common import command_app, handle_errors
from perfxl.files.outputs import check_output
from perfxl.formats.registry import load_dataset, save_dataset

app = command_app()


@app.command("build")
@handle_errors
def build(
    source: Annotated[Path, typer.Argument(help="Interchange file (.json, .yaml or .yml).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Workbook to write (.xlsx).")],
    force: Annotated[bool, typer.Option("--force", help="Replace OUTPUT if it already exists.")] = False,
) -> None:
    """Build a standard workbook from a JSON/YAML interchange file.

    Example: perfxl build 2021.json -o 2021.xlsx
    """
    check_output(output, suffixes=(".xlsx",), inputs=[source], force=force)
    dataset = load_dataset(source)
    save_dataset(dataset, output, force=force)
    print(f"wrote {output} ({len(dataset.projects)} projects, {dataset.indicator_count()} indicators)")
