"""``perfxl export``: a workbook → the JSON/YAML interchange format."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from perfxl.cli.common import command_app, handle_errors
from perfxl.files.outputs import check_output
from perfxl.formats.registry import INTERCHANGE, load_dataset, save_dataset

app = command_app()


@app.command("export")
@handle_errors
def export(
    book: Annotated[Path, typer.Argument(help="perfxl workbook (.xlsx) to read.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Output file: .json, .yaml or .yml.")],
) -> None:
    """Export a workbook to the JSON/YAML interchange format (deterministic).

    Example: perfxl export 2021.xlsx -o 2021.json
    """
    # The export is regenerated from the workbook at will, so an existing one is replaced.
    check_output(output, suffixes=INTERCHANGE, inputs=[book], force=True)
    dataset = load_dataset(book)
    save_dataset(dataset, output, force=True)
    print(f"wrote {output} ({len(dataset.projects)} projects, {dataset.indicator_count()} indicators)")
