"""``perfxl diff``: what was added, removed or changed between two versions of a workbook."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from perfxl.cli.common import EXIT_FINDINGS, EXIT_OK, command_app, handle_errors
from perfxl.cli.options import OutputFormat
from perfxl.formats.registry import load_dataset
from perfxl.versions.diff import diff as compare

app = command_app()


@app.command("diff")
@handle_errors
def diff(
    old: Annotated[Path, typer.Argument(help="The earlier version (.xlsx, .json or .yaml).")],
    new: Annotated[Path, typer.Argument(help="The later version (.xlsx, .json or .yaml).")],
    output_format: Annotated[OutputFormat, typer.Option("--format", help="text or json.")] = OutputFormat.text,
) -> None:
    """List what was added, removed or changed between two versions of a workbook.

    Exit code 0 when they are the same, 1 when they differ.

    Example: perfxl diff 316001-v1.xlsx 316001-v2.xlsx --format json
    """
    changes = compare(load_dataset(old), load_dataset(new))
    if output_format is OutputFormat.json:
        doc = {"old": str(old), "new": str(new), "changes": [c.to_dict() for c in changes]}
        print(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        for change in changes:
            print(change.line())
        print(f"{len(changes)} difference(s) between {old} and {new}" if changes else "no differences")
    raise typer.Exit(EXIT_FINDINGS if changes else EXIT_OK)
