"""``perfxl fix``: safe, reversible normalizations, listed cell by cell; a dry run unless told to write."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from perfxl.check.fix import apply_fixes, fix_in_place, plan_fixes
from perfxl.cli.common import command_app, fail, handle_errors
from perfxl.files.outputs import check_output
from perfxl.workbook import load_sheets

app = command_app()


@app.command("fix")
@handle_errors
def fix(
    book: Annotated[Path, typer.Argument(help="Workbook (.xlsx) to normalize.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write the fixed copy here.")] = None,
    in_place: Annotated[
        bool,
        typer.Option("--in-place", help="Change BOOK itself; first keeps BOOK.bak.xlsx (BOOK.bak1.xlsx … if taken)."),
    ] = False,
) -> None:
    """Apply only safe, reversible normalizations and list each change (sheet, cell, old → new).

    Without -o or --in-place nothing is written (a dry run).

    Example: perfxl fix 2021.xlsx -o 2021-fixed.xlsx
    """
    if output is not None and in_place:
        raise fail("use either -o OUT or --in-place, not both")
    if output is not None:  # the fixed copy is regenerated at will: an existing one is replaced
        check_output(
            output, inputs=[book], force=True, same_input_hint="use --in-place to change it (a backup is kept)"
        )
    changes = plan_fixes(load_sheets(book))
    for c in changes:
        print(f"{c.sheet}!{c.cell}: {c.old!r} → {c.new!r}")
    if output is not None:
        apply_fixes(book, changes, out=output)
        print(f"wrote {output} ({len(changes)} changes)")
    elif in_place:
        if changes:
            backup = fix_in_place(book, changes)
            print(f"changed {book} ({len(changes)} changes); the original is kept as {backup}")
        else:
            print(f"{book}: nothing to fix")
    else:
        print(f"{len(changes)} changes planned; nothing written (use -o OUT or --in-place)")
