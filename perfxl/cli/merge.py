"""``perfxl merge``, ``perfxl db load`` and ``perfxl demo``: consolidate units' workbooks."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

from perfxl.cli.common import EXIT_BAD_INPUT, EXIT_FINDINGS, console, fail, handle_errors

if TYPE_CHECKING:
    from perfxl.merge.merge import OnConflict

PROGRESS_MIN_FILES = 5  # below this a bar only flickers

db_app = typer.Typer(
    name="db",
    help="Load workbooks into a relational database (SQLite by default, PostgreSQL with --url).\n\n"
    "Example: perfxl db load merged.xlsx --url perfxl.db.load",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def register(app: typer.Typer) -> None:
    app.command("merge")(merge)
    app.add_typer(db_app)
    db_app.command("load")(db_load)
    app.command("demo")(demo)


@contextmanager
def _progress(total: int, quiet: bool, label: str) -> Iterator[Callable[[int, int, Path], None] | None]:
    """A rich progress bar on stderr for more than a few files; nothing when quiet."""
    if quiet or total < PROGRESS_MIN_FILES or not sys.stderr.isatty():  # no bar noise in logs
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.description}"),
        console=console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("", total=total)

        def advance(done: int, _total: int, path: Path) -> None:
            bar.update(task, completed=done, description=path.name)

        yield advance


@contextmanager
def _status(show: bool, text: str) -> Iterator[None]:
    """A spinner on stderr for a long step without per-file progress (writing the merged workbook)."""
    if not show or not sys.stderr.isatty():
        yield
        return
    with console(stderr=True).status(text):
        yield


def _count_inputs(inputs: list[str], exclude: list[Path]) -> int:
    from perfxl.merge.merge import resolve_inputs

    return len(resolve_inputs(inputs, exclude=exclude)[0])


def _say(quiet: bool, lines: list[str], *, err: bool = False) -> None:
    for line in lines:
        if err:
            print(f"perfxl: {line}", file=sys.stderr)
        elif not quiet:
            print(line)


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
    from perfxl.merge.merge import BAD_INPUT_CODES, ON_CONFLICT
    from perfxl.merge.merge import merge as run_merge
    from perfxl.merge.summaries import write_merged

    if on_conflict not in ON_CONFLICT:
        raise fail(f"--on-conflict must be one of {', '.join(ON_CONFLICT)}, not {on_conflict!r}")
    exclude = [output]
    count = _count_inputs(inputs, exclude)
    with _progress(count, quiet, "merging") as progress:
        result = run_merge(
            inputs,
            on_conflict=cast("OnConflict", on_conflict),
            year=year,
            validate=not no_validate,
            exclude=exclude,
            progress=progress,
        )
    problems = [f for f in result.findings if f.severity == "error"]
    notes = [f for f in result.findings if f.severity != "error"]
    skipped = "skipped: " if skip_bad else ""
    _say(quiet, [(skipped if f.code in BAD_INPUT_CODES else "") + f.message("en") for f in problems], err=True)
    _say(quiet, [f"{f.severity}: {f.message('en')}" for f in notes])
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
    with _status(not quiet and count >= PROGRESS_MIN_FILES, f"writing {output} …"):
        write_merged(result, output)
    _say(quiet, [_summary_line(result, output)])


def _summary_line(result: Any, output: Path) -> str:
    out, rep = result.rows_out, result.rows_replaced
    d = result.dataset
    skipped = f", {len(result.bad_sources)} skipped" if result.bad_sources else ""
    replaced = f"; replaced {rep['projects']} projects / {rep['indicators']} indicators" if any(rep.values()) else ""
    return (
        f"wrote {output}: {len(result.merged_sources)} files{skipped}, {out['units']} units, "
        f"{out['projects']} projects, {out['indicators']} indicators, 预算数 {d.budget_total()} "
        f"{d.amount_unit}{replaced}"
    )


@handle_errors
def db_load(
    inputs: Annotated[list[str], typer.Argument(help="Workbooks, folders or globs to load.")],
    url: Annotated[
        str, typer.Option(help="Database: a SQLite file path, sqlite:///x.db or postgresql://user@host/db.")
    ] = "perfxl.db.load",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only problems.")] = False,
) -> None:
    """Load workbooks into a database; loading a unit again replaces its rows.

    Example: perfxl db load merged.xlsx --url postgresql://perfxl@localhost/budget
    """
    from perfxl.db.load import load_paths
    from perfxl.merge.merge import resolve_inputs

    paths, problems = resolve_inputs(inputs)
    if problems:
        raise fail(problems[0].message("en"))
    with _progress(len(paths), quiet, "loading") as progress:
        report = load_paths(paths, url=url, progress=progress)
    _say(quiet, [report.summary()])


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
    from perfxl.demo.generate import load_base, write_demo

    output.mkdir(parents=True, exist_ok=True)
    dataset = load_base(base)
    with _progress(units, quiet, "writing") as progress:
        written = write_demo(
            dataset, output, units=units, projects=projects, indicators=indicators, seed=seed, progress=progress
        )
    _say(quiet, [f"wrote {len(written)} workbooks into {output}/ ({written[0].name} … {written[-1].name})"])
