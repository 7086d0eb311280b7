"""``perfxl excel validate|fix|clear``: work on the workbook open in a running Excel."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Annotated

import typer

from perfxl.cli.common import EXIT_BAD_INPUT, EXIT_FINDINGS, command_app, fail, handle_errors
from perfxl.core.errors import PerfxlError
from perfxl.excel.backend import BookBackend
from perfxl.excel.entry import excel_trouble, shown
from perfxl.excel.live import LiveReport, clear_book, config_for, fix_book, validate_book
from perfxl.excel.xlwings_backend import XlwingsBook  # imports xlwings only when a book is opened

INSTALL = 'pip install "perfxl[excel]"'
INSTALL_HINT = f"live Excel needs the xlwings extra: {INSTALL}"
ANNOTATE_HINT = "here, use `perfxl validate BOOK.xlsx --annotate OUT.xlsx` to get a marked-up copy instead"
PLATFORM_HINT = f"live Excel needs Excel on Windows or macOS; {ANNOTATE_HINT}"
NOTHING_HINT = f"live Excel needs Excel on Windows or macOS and the xlwings extra ({INSTALL}); {ANNOTATE_HINT}"

app = command_app(
    help=(
        "Validate, fix or clear marks in the workbook open in Excel (Windows/macOS, needs perfxl[excel]).\n\n"
        "Example: perfxl excel validate --book 2022.xlsx"
    ),
    no_args_is_help=True,
)

BookOption = Annotated[str | None, typer.Option("--book", help="Name of the open workbook (default: the active one).")]


def _open(book: str | None) -> BookBackend:
    """The open workbook, or exit 2 with what the user has to do."""
    try:
        import xlwings  # noqa: F401  (only checks that the extra is installed)
    except ImportError:
        if sys.platform not in ("win32", "darwin"):
            raise fail(NOTHING_HINT, EXIT_BAD_INPUT) from None
        raise fail(INSTALL_HINT, EXIT_BAD_INPUT) from None
    if sys.platform not in ("win32", "darwin"):
        raise fail(PLATFORM_HINT, EXIT_BAD_INPUT)
    try:
        return XlwingsBook.find(book)
    except PerfxlError:
        raise
    except Exception as exc:  # xlwings/COM errors when Excel is absent or busy
        raise fail(f"cannot reach Excel ({exc}); {PLATFORM_HINT}", EXIT_BAD_INPUT) from None


def _run(action: Callable[[BookBackend], LiveReport], backend: BookBackend) -> LiveReport:
    """Run a live action; an error raised by Excel itself becomes one line and exit 2."""
    try:
        return action(backend)
    except PerfxlError:
        raise
    except Exception as exc:  # COM/AppleScript errors: Excel busy, a cell in edit mode …
        raise fail(excel_trouble(exc).splitlines()[-1], EXIT_BAD_INPUT) from None


def _print_findings(report: LiveReport, lang: str) -> None:
    for f in report.findings:
        print(f"{f.severity:7} {f.location.reference or '-':16} {f.code:24} {f.message(lang)}")
    s = report.summary
    print(
        f"{report.book}: {s['error']} errors, {s['warning']} warnings, {s['info']} info; "
        f"{report.painted} cells marked, listed on sheet 校验结果"
    )


@app.command("validate")
@handle_errors
def validate(book: BookOption = None) -> None:
    """Validate the open workbook and paint the findings on its cells.

    Example: perfxl excel validate --book 2022.xlsx
    """
    backend = _open(book)
    config = config_for(backend, None)
    report = _run(lambda b: validate_book(b, config=config), backend)
    _print_findings(report, config.lang)
    if report.summary["error"] or (config.strict and report.summary["warning"]):
        raise typer.Exit(EXIT_FINDINGS)


@app.command("fix")
@handle_errors
def fix(book: BookOption = None) -> None:
    """Apply the safe fixes to the open workbook, then paint what is left.

    Example: perfxl excel fix --book 2022.xlsx
    """
    backend = _open(book)
    config = config_for(backend, None)
    report = _run(lambda b: fix_book(b, config=config), backend)
    for sheet, cell, old, new in report.changes:
        print(f"fixed {sheet}!{cell}: {shown(old)} → {shown(new)}")
    _print_findings(report, config.lang)
    if report.summary["error"]:
        raise typer.Exit(EXIT_FINDINGS)


@app.command("clear")
@handle_errors
def clear(book: BookOption = None) -> None:
    """Remove perfxl's marks from the open workbook, restoring its own fills and notes.

    Example: perfxl excel clear --book 2022.xlsx
    """
    report = _run(clear_book, _open(book))
    print(f"{report.book}: marks removed from {report.cleared} cells")
    if report.lost:
        print(f"{report.lost} marks could not be found (rows deleted or notes edited); check them by hand")
