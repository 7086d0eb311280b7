"""``perfxl validate``: check workbooks against the rules; text or JSON report, or an annotated copy."""

from __future__ import annotations

import gc
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from perfxl.check.config import load_config, split_codes
from perfxl.check.engine import check_codes
from perfxl.check.engine import validate as run_rules
from perfxl.check.report import json_report, line_report, plain_lines, text_report
from perfxl.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_FINDINGS,
    EXIT_OK,
    command_app,
    console,
    fail,
    handle_errors,
    may_be_terminal,
    wide_terminal,
)
from perfxl.cli.options import Lang, OutputFormat
from perfxl.core.errors import PerfxlError
from perfxl.core.findings import Finding, summarize
from perfxl.excel.annotate import write_annotated
from perfxl.files.outputs import check_output
from perfxl.workbook import read_workbook

app = command_app()


@app.command("validate")
@handle_errors
def validate(
    books: Annotated[list[Path], typer.Argument(help="Workbooks (.xlsx) to check.")],
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", help="text (tables on a wide terminal, else one line per finding) or json."),
    ] = OutputFormat.text,
    annotate: Annotated[
        Path | None, typer.Option("--annotate", help="Write a copy with findings marked in the cells (one workbook).")
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings also make the exit code 1.")] = False,
    lang: Annotated[Lang | None, typer.Option("--lang", help="Message language (default zh).")] = None,
    select: Annotated[str | None, typer.Option("--select", help="Only these rule codes (comma-separated).")] = None,
    ignore: Annotated[str | None, typer.Option("--ignore", help="Skip these rule codes (comma-separated).")] = None,
    max_rows: Annotated[
        int, typer.Option("--max-rows", help="Text output: at most this many findings per sheet (0 = all).")
    ] = 1000,
) -> None:
    """Check workbooks against the rules; exit 0 = no errors, 1 = errors (or warnings with --strict), 2 = unreadable.

    Text output is a table per sheet on a terminal at least 120 columns wide; piped, redirected or
    narrower, it is one line per finding (file:sheet!cell: severity rule 项目编码 message), for grep.
    Settings may also come from [tool.perfxl] in a pyproject.toml or a perfxl.toml next to the workbook.

    Example: perfxl validate 2021.xlsx --annotate 2021-checked.xlsx
    """
    if annotate is not None:
        if len(books) != 1:
            raise fail("--annotate takes exactly one workbook")
        # A marked-up copy is regenerated at will: an existing one is replaced.
        check_output(annotate, suffixes=(".xlsx",), inputs=books, force=True, what="the annotated copy")
    # A short-lived process that builds ~10 objects per row and frees little: the cyclic
    # collector's full passes over them cost a quarter of the run at 100k rows.
    gc.disable()
    exit_code = EXIT_OK
    done: list[tuple[Path, list[Finding]]] = []
    unreadable: dict[int, str] = {}  # input position → the one-line reason
    # rich only where output may be a terminal: a pipe or a file gets plain lines, JSON needs none.
    out = console() if output_format is OutputFormat.text and may_be_terminal() else None
    if out is not None and not out.is_terminal:
        out = None
    tables = out is not None and wide_terminal(out)
    for position, book in enumerate(books):
        config = load_config(book).override(
            select=split_codes(select),
            ignore=split_codes(ignore),
            strict=strict or None,
            lang=lang.value if lang else None,
        )
        check_codes(config)  # a typo in --select is a usage error, whatever the file
        try:
            result = read_workbook(book)
            findings = run_rules(result, config=config)
        except PerfxlError as exc:
            print(f"perfxl: {exc}", file=sys.stderr)
            unreadable[position] = str(exc)
            exit_code = EXIT_BAD_INPUT
            continue
        done.append((book, findings))
        if any(f.severity == "error" for f in findings) or (
            config.strict and any(f.severity == "warning" for f in findings)
        ):
            exit_code = max(exit_code, EXIT_FINDINGS)
        if annotate is not None:
            write_annotated(book, findings, annotate, lang=config.lang)
        if output_format is OutputFormat.text:
            _print_text(out, tables, book, findings, lang=config.lang, max_rows=max_rows, order=result.book.sheet_order)
            if annotate is not None:
                print(f"wrote {annotate}")
    if output_format is OutputFormat.json:
        json_lang = lang.value if lang else (load_config(books[0]).lang if books else "zh")
        print(_with_unreadable(json_report(done, lang=json_lang), books, unreadable))
    raise typer.Exit(exit_code)


def _print_text(
    out: Any, tables: bool, book: Path, findings: list[Finding], *, lang: str, max_rows: int, order: list[str]
) -> None:
    """Tables on a wide terminal; otherwise one line per finding (styled on a terminal, plain text elsewhere)."""
    if out is None:  # a pipe or a file: plain text, written at once (rich would take a second per thousand lines)
        lines = plain_lines(book, findings, lang=lang, max_rows=max_rows, sheet_order=order)
        sys.stdout.write("".join(f"{line}\n" for line in lines))
        sys.stdout.flush()
    elif tables:
        for renderable in text_report(book, findings, lang=lang, max_rows=max_rows, sheet_order=order):
            out.print(renderable)
    else:
        for line in line_report(book, findings, lang=lang, max_rows=max_rows, sheet_order=order):
            out.print(line)


def _with_unreadable(report: str, books: list[Path], unreadable: dict[int, str]) -> str:
    """The JSON report with an entry for every input, in order: unreadable ones carry ``error``."""
    if not unreadable:
        return report
    data = json.loads(report)
    read = iter(data["files"])
    data["files"] = [
        {"path": str(book), "error": unreadable[i], "findings": [], "summary": summarize([])}
        if i in unreadable
        else next(read)
        for i, book in enumerate(books)
    ]
    return json.dumps(data, ensure_ascii=False, indent=2)
