"""``perfxl merge``: many units' workbooks → one, with 来源 and 汇总 sheets."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, cast

import typer

from perfxl.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_FINDINGS,
    PROGRESS_MIN_FILES,
    command_app,
    fail,
    handle_errors,
    progress_bar,
    say,
    status,
)
from perfxl.files.outputs import check_output
from perfxl.merge import BAD_INPUT_CODES, ON_CONFLICT, MergeResult, OnConflict, resolve_inputs, write_merged
from perfxl.merge import merge as run_merge

app = command_app()


@app.command("merge")
@handle_errors
def merge(
    inputs: Annotated[list[str], typer.Argument(help="Workbooks, folders (searched for .xlsx) or globs.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Merged workbook to write (.xlsx).")],
    on_conflict: Annotated[
        str, typer.Option(help="Same unit/project in two files: error, first (keep earlier) or last (later wins).")
    ] = "error",
    skip_bad: Annotated[
        bool, typer.Option("--skip-bad", help="Leave out unreadable/incompatible files (listed in 来源) and exit 0.")
    ] = False,
    year: Annotated[int | None, typer.Option(help="Budget year to merge (default: the most common one).")] = None,
    no_validate: Annotated[
        bool,
        typer.Option("--no-validate", help="Skip the validation rules (faster; 来源 then counts reader findings)."),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only problems.")] = False,
) -> None:
    """Merge many units' workbooks into one, with 来源 and 汇总 sheets and charts.

    Example: perfxl merge units/ extra/*.xlsx -o 魏县-2021.xlsx --on-conflict last
    """
    if on_conflict not in ON_CONFLICT:
        raise fail(f"--on-conflict must be one of {', '.join(ON_CONFLICT)}, not {on_conflict!r}")
    # The merged workbook is regenerated from the units' files: an existing one is replaced.
    check_output(output, suffixes=(".xlsx",), force=True)
    exclude = [output]  # an earlier merged workbook in an input folder is not an input
    count = len(resolve_inputs(inputs, exclude=exclude)[0])
    with progress_bar(count, quiet, "merging") as progress:
        result = run_merge(
            inputs,
            on_conflict=cast(OnConflict, on_conflict),
            year=year,
            validate=not no_validate,
            exclude=exclude,
            progress=progress,
        )
    problems = [f for f in result.findings if f.severity == "error"]
    notes = [f for f in result.findings if f.severity != "error"]
    skipped = "skipped: " if skip_bad else ""
    say(quiet, [(skipped if f.code in BAD_INPUT_CODES else "") + f.message("en") for f in problems], err=True)
    say(quiet, [f"{f.severity}: {f.message('en')}" for f in notes])
    if not result.merged_sources:
        raise fail("nothing to merge: no readable perfxl workbook among the inputs")
    if result.conflicts:
        raise fail(f"{len(result.conflicts)} conflict(s); nothing written", EXIT_FINDINGS)
    if result.bad_sources and not skip_bad:
        raise fail(
            f"{len(result.bad_sources)} bad input file(s); nothing written (use --skip-bad to leave them out)",
            EXIT_BAD_INPUT,
        )
    if not result.balanced():  # cannot happen by construction; refuse rather than lose rows
        raise fail(
            f"row accounting does not balance: in {result.rows_in}, out {result.rows_out}, "
            f"replaced {result.rows_replaced}; nothing written",
            EXIT_FINDINGS,
        )
    with status(not quiet and count >= PROGRESS_MIN_FILES, f"writing {output} …"):
        write_merged(result, output)
    say(quiet, [_summary_line(result, output)])


def _summary_line(result: MergeResult, output: Path) -> str:
    out, rep = result.rows_out, result.rows_replaced
    d = result.dataset
    skipped = f", {len(result.bad_sources)} skipped" if result.bad_sources else ""
    replaced = f"; replaced {rep['projects']} projects / {rep['indicators']} indicators" if any(rep.values()) else ""
    return (
        f"wrote {output}: {len(result.merged_sources)} files{skipped}, {out['units']} units, "
        f"{out['projects']} projects, {out['indicators']} indicators, 预算数 {d.budget_total()} "
        f"{d.amount_unit}{replaced}"
    )
