"""``perfxl stage monitor|evaluate``: add or refresh the stage sheets of a workbook from its targets."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from perfxl.cli.common import command_app, handle_errors, say
from perfxl.stages import RefreshReport, refresh
from perfxl.stages.report import refresh_lines

app = command_app(
    help="Add or refresh the 执行监控 and 绩效自评 sheets from the targets, keeping what was typed.\n\n"
    "Example: perfxl stage monitor 2021.xlsx --month 7",
    no_args_is_help=True,
)


@app.callback()
def _group() -> None:
    pass


Output = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write here instead of changing BOOK (which keeps a backup).")
]
Protect = Annotated[bool, typer.Option("--protect", help="Protect the sheets so only the stage columns can change.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print only problems.")]


@app.command("monitor")
@handle_errors
def monitor(
    book: Annotated[Path, typer.Argument(help="The workbook with the targets.")],
    month: Annotated[int, typer.Option("--month", min=1, max=12, help="Data up to the end of this month (1-N月).")],
    output: Output = None,
    protect: Protect = False,
    quiet: Quiet = False,
) -> None:
    """Add or refresh 执行监控-项目 and 执行监控-指标 (mid-year monitoring) from the targets.

    Re-running keeps every value typed; indicators added since get rows; rows whose
    indicator is gone are kept at the end and reported.

    Example: perfxl stage monitor 2021.xlsx --month 7
    """
    report = refresh(book, "monitor", month, output=output, protect=protect)
    _print(report, quiet)


@app.command("evaluate")
@handle_errors
def evaluate(
    book: Annotated[Path, typer.Argument(help="The workbook with the targets.")],
    output: Output = None,
    protect: Protect = False,
    quiet: Quiet = False,
) -> None:
    """Add or refresh 绩效自评-项目 and 绩效自评-指标 (year-end self-evaluation) from the targets.

    Example: perfxl stage evaluate 2021.xlsx
    """
    report = refresh(book, "evaluate", output=output, protect=protect)
    _print(report, quiet)


def _print(report: RefreshReport, quiet: bool) -> None:
    lines = refresh_lines(report)
    say(quiet, [line for line in lines if not line.startswith("!")])
    say(quiet, [line[2:] for line in lines if line.startswith("!")], err=True)
