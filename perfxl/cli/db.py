"""``perfxl db load``: workbooks → a relational database (SQLite by default, PostgreSQL with --url)."""

from __future__ import annotations

from typing import Annotated

import typer

from perfxl.cli.common import command_app, fail, handle_errors, progress_bar, say
from perfxl.db import DEFAULT_URL, load_paths
from perfxl.merge import resolve_inputs

app = command_app(
    help="Load workbooks into a relational database (SQLite by default, PostgreSQL with --url).\n\n"
    f"Example: perfxl db load merged.xlsx --url {DEFAULT_URL}",
    no_args_is_help=True,
)


@app.callback()
def _group() -> None:
    # A callback makes `db` a group even with one subcommand, so that it reads `perfxl db load`.
    pass


@app.command("load")
@handle_errors
def load(
    inputs: Annotated[list[str], typer.Argument(help="Workbooks, folders or globs to load.")],
    url: Annotated[
        str, typer.Option(help="Database: a SQLite file path, sqlite:///x.db or postgresql://user@host/db.")
    ] = DEFAULT_URL,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only problems.")] = False,
) -> None:
    """Load workbooks into a database; loading a unit again replaces its rows.

    Example: perfxl db load merged.xlsx --url postgresql://perfxl@localhost/budget
    """
    paths, problems = resolve_inputs(inputs)
    if problems:
        raise fail(problems[0].message("en"))
    with progress_bar(len(paths), quiet, "loading") as progress:
        report = load_paths(paths, url=url, progress=progress)
    say(quiet, [report.summary()])
