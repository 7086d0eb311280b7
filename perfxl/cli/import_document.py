"""``perfxl import``: a published document (.docx or text dump) → the standard workbook."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from perfxl.cli.common import EXIT_BAD_INPUT, EXIT_FINDINGS, command_app, fail, handle_errors
from perfxl.files.outputs import check_output
from perfxl.formats.registry import save_dataset
from perfxl.importers import import_document

app = command_app()


@app.command("import")
@handle_errors
def import_(
    document: Annotated[Path, typer.Argument(help="Published document: .docx, .html, .pdf, .xlsx/.xls or text.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Workbook to write (.xlsx).")],
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the interchange JSON here.")] = None,
    partial: Annotated[
        bool, typer.Option("--partial", help="Write what could be read even when there are problems.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace the workbook if it exists.")] = False,
    labels: Annotated[
        Path | None, typer.Option("--labels", help="YAML file of label additions (format of templates/labels.yaml).")
    ] = None,
    profile: Annotated[
        str | None,
        typer.Option("--profile", help="Regional profile: hebei, generic, or a .yaml file (default: by the codes)."),
    ] = None,
) -> None:
    """Import a published performance-target document into the standard workbook.

    Exit code 0 when everything was read (warnings and notes of cells not kept are
    printed), 1 when some parts could not be read
    (the workbook is then written only with --partial), 2 when nothing could.
    An existing workbook (which may hold edits) is replaced only with --force.

    Example: perfxl import 2021绩效目标.docx -o 2021.xlsx --json 2021.json
    """
    check_output(output, suffixes=(".xlsx",), inputs=[document], force=force)
    if json_out is not None:  # the JSON is regenerated from the document: replaced without --force
        check_output(json_out, suffixes=(".json",), inputs=[document], force=True, what="--json")
    result = import_document(document, labels=labels, profile=profile)
    # The whole import report: errors as they are, then what was made up, then what is not kept.
    for prefix, items in (("", result.problems), ("warning: ", result.warnings), ("note: ", result.unused)):
        for problem in items:
            print(prefix + problem.describe(), file=sys.stderr)
    dataset = result.dataset
    if not result.readable:
        raise fail(f"{document}: nothing could be read; nothing written", EXIT_BAD_INPUT)
    summary = (
        f"{len(dataset.projects)} projects, {dataset.indicator_count()} indicators, "
        f"预算数 {dataset.budget_total()} {dataset.amount_unit}, budget year {dataset.year}, profile {result.profile}"
    )
    if result.problems and not partial:
        raise fail(
            f"{document}: {len(result.problems)} problem(s); nothing written "
            f"(read {summary}; --partial writes what could be read)",
            EXIT_FINDINGS,
        )
    save_dataset(dataset, output, force=force)
    print(f"wrote {output} ({summary})")
    if json_out is not None:
        save_dataset(dataset, json_out, force=True)
        print(f"wrote {json_out}")
    if result.problems:
        raise typer.Exit(EXIT_FINDINGS)
