"""``perfxl rules``: every rule with its code, severity, what it checks and PASS/FAIL examples."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from perfxl.check.rules import RULES, reference_markdown
from perfxl.cli.common import command_app, handle_errors
from perfxl.cli.options import Lang

app = command_app()


class RulesFormat(StrEnum):
    text = "text"
    markdown = "markdown"


@app.command("rules")
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
    if output_format is RulesFormat.markdown:
        print(reference_markdown(), end="")
        return
    for rule in RULES:
        desc, passes, fails = rule.doc_parts()
        fixable = ", perfxl fix" if rule.fixable else ""
        print(f"{rule.code} ({rule.severity}{fixable})\n    {desc}")
        for example in passes:
            print(f"    PASS: {example}")
        for example in fails:
            print(f"    FAIL: {example}")
        template = rule.en if lang is Lang.en else rule.zh
        print(f"    {'message' if lang is Lang.en else '消息'}: {template}")
