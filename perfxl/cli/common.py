"""Shared plumbing for CLI commands: error handling, consoles, exit codes.

The library never prints or exits; commands call it, render, and map errors to
exit codes: 0 ok, 1 findings/differences, 2 unreadable input or usage error.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import typer

from perfxl.core.errors import PerfxlError

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2


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


def refuse_existing(output: Path, *, force: bool) -> None:
    """Workbooks are filled in by hand: never replace one without --force (checked again when writing)."""
    from perfxl.files.atomic import check_target

    check_target(output, overwrite=force)


def console(stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)
