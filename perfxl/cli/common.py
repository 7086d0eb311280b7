"""Shared plumbing for CLI commands: error handling, consoles, progress, exit codes.

The library never prints or exits; commands call it, render, and map errors to
exit codes: 0 ok, 1 findings/differences, 2 unreadable input or usage error.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import typer

from perfxl.core.errors import PerfxlError

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
PROGRESS_MIN_FILES = 5  # below this a bar only flickers
WIDE_TERMINAL = 120  # columns: narrower, a findings table wraps each message over several lines


def command_app(**settings: Any) -> typer.Typer:
    """The Typer app a command module defines its command (or command group) on."""
    return typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False, **settings)


def fail(message: str, code: int = EXIT_BAD_INPUT) -> typer.Exit:
    """Print one line to stderr and return the Exit to raise."""
    print(f"perfxl: {message}", file=sys.stderr)
    return typer.Exit(code)


def handle_errors(func: F) -> F:
    """Turn library errors into one clear line and exit code 2 — never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except PerfxlError as exc:
            raise fail(str(exc)) from None
        except KeyboardInterrupt:
            raise fail("interrupted", 130) from None
        except MemoryError:
            raise fail("out of memory while reading the input") from None
        except OSError as exc:  # a disk or permission problem the library did not foresee
            where = f"{exc.filename}: " if exc.filename else ""
            raise fail(f"{where}{exc.strerror or exc}") from None

    return wrapper  # type: ignore[return-value]


def console(stderr: bool = False) -> Any:
    from rich.console import Console  # lazy: rich costs start-up time

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


# What makes rich treat a pipe as a terminal (or a terminal as not one); see rich's Console.is_terminal.
_TERMINAL_OVERRIDES = ("TTY_COMPATIBLE", "FORCE_COLOR")


def may_be_terminal() -> bool:
    """False when stdout is surely not a terminal (a pipe or file, no override): rich need not be imported."""
    if any(name in os.environ for name in _TERMINAL_OVERRIDES):
        return True  # rich decides, as it always did
    try:
        return sys.stdout.isatty()
    except ValueError:  # a closed stream
        return False


def wide_terminal(out: Any) -> bool:
    """Whether the rich console ``out`` writes to a terminal wide enough for tables (COLUMNS counts)."""
    return bool(out.is_terminal) and int(out.width) >= WIDE_TERMINAL


def say(quiet: bool, lines: list[str], *, err: bool = False) -> None:
    """Problems always go to stderr (``perfxl: …``); other lines to stdout unless quiet."""
    for line in lines:
        if err:
            print(f"perfxl: {line}", file=sys.stderr)
        elif not quiet:
            print(line)


@contextmanager
def progress_bar(total: int, quiet: bool, label: str) -> Iterator[Callable[[int, int, Path], None] | None]:
    """A rich progress bar on stderr for more than a few files; nothing when quiet or not a terminal."""
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
def status(show: bool, text: str) -> Iterator[None]:
    """A spinner on stderr for a long step without per-file progress (writing the merged workbook)."""
    if not show or not sys.stderr.isatty():
        yield
        return
    with console(stderr=True).status(text):
        yield
