"""``perfxl validate``, ``perfxl rules`` and ``perfxl fix``."""

from __future__ import annotations

import gc
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from perfxl.cli.common import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, console, fail, handle_errors
from perfxl.core.errors import PerfxlError


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


class RulesFormat(StrEnum):
    text = "text"
    markdown = "markdown"


class Lang(StrEnum):
    zh = "zh"
    en = "en"


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)
    app.command("rules")(rules)
    app.command("fix")(fix)


@handle_errors
def validate(
    books: Annotated[list[Path], typer.Argument(help="Workbooks (.xlsx) to check.")],
    output_format: Annotated[OutputFormat, typer.Option("--format", help="text (tables) or json.")] = OutputFormat.text,
    annotate: Annotated[
        Path | None, typer.Option("--annotate", help="Write a copy with findings marked in the cells (one workbook).")
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings also make the exit code 1.")] = False,
    lang: Annotated[Lang | None, typer.Option("--lang", help="Message language (default zh).")] = None,
    select: Annotated[str | None, typer.Option("--select", help="Only these rule codes (comma-separated).")] = None,
    ignore: Annotated[str | None, typer.Option("--ignore", help="Skip these rule codes (comma-separated).")] = None,
    max_rows: Annotated[
        int, typer.Option("--max-rows", help="Text output: at most this many rows per sheet (0 = all).")
    ] = 1000,
) -> None:
    """Check workbooks against the rules; exit 0 = no errors, 1 = errors (or warnings with --strict), 2 = unreadable.

    Settings may also come from [tool.perfxl] in a pyproject.toml or a perfxl.toml next to the workbook.

    Example: perfxl validate 2021.xlsx --annotate 2021-checked.xlsx
    """
    from perfxl.check.config import load_config, split_codes
    from perfxl.check.engine import check_codes
    from perfxl.check.engine import validate as run_rules
    from perfxl.check.report import annotate as write_annotated
    from perfxl.check.report import json_report, text_report
    from perfxl.core.findings import Finding
    from perfxl.workbook.reader import read_workbook

    if annotate is not None and len(books) != 1:
        raise fail("--annotate takes exactly one workbook")
    # A short-lived process that builds ~10 objects per row and frees little: the cyclic
    # collector's full passes over them cost a quarter of the run at 100k rows.
    gc.disable()
    exit_code = EXIT_OK
    done: list[tuple[Path, list[Finding]]] = []
    unreadable: dict[int, str] = {}  # input position → the one-line reason
    out = console()
    for position, book in enumerate(books):
        config = load_config(book).override(
            select=split_codes(select),
            ignore=split_codes(ignore),
            strict=strict or None,
            lang=lang.value if lang else None,
        )
        check_codes(config)  # a typo in --select is a usage error, whatever the file
        try:
            findings = run_rules(read_workbook(book), config=config)
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
            for renderable in text_report(book, findings, lang=config.lang, max_rows=max_rows):
                out.print(renderable)
            if annotate is not None:
                print(f"wrote {annotate}")
    if output_format is OutputFormat.json:
        json_lang = lang.value if lang else (load_config(books[0]).lang if books else "zh")
        print(_with_unreadable(json_report(done, lang=json_lang), books, unreadable))
    raise typer.Exit(exit_code)


def _with_unreadable(report: str, books: list[Path], unreadable: dict[int, str]) -> str:
    """The JSON report with an entry for every input, in order: unreadable ones carry ``error``."""
    import json

    from perfxl.core.findings import summarize

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


@handle_errors
def rules(
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the message templates.")] = Lang.zh,
    output_format: Annotated[
        RulesFormat, typer.Option("--format", help="text (a table) or markdown (the README's rule reference).")
    ] = RulesFormat.text,
) -> None:
    """List every rule: code, default severity, what it checks, with PASS/FAIL examples.

    Example: perfxl rules --lang en
    """
    from perfxl.check.rules import RULES, reference_markdown

    if output_format is RulesFormat.markdown:
        print(reference_markdown(), end="")
        return
    from perfxl.core.findings import MESSAGES

    for rule in RULES:
        desc, passes, fails = rule.doc_parts()
        fixable = ", perfxl fix" if rule.fixable else ""
        print(f"{rule.code} ({rule.severity}{fixable})\n    {desc}")
        for example in passes:
            print(f"    PASS: {example}")
        for example in fails:
            print(f"    FAIL: {example}")
        print(f"    {'message' if lang is Lang.en else '消息'}: {MESSAGES.get(rule.code, {}).get(lang.value, '')}")


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
    from perfxl.check.fix import apply_fixes, fix_in_place, plan_fixes
    from perfxl.workbook.reader import load_sheets

    if output is not None and in_place:
        raise fail("use either -o OUT or --in-place, not both")
    if output is not None and output.exists() and output.resolve() == book.resolve():
        raise fail("-o names the input itself; use --in-place to change it (a backup is kept)")
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
