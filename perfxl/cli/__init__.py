"""The ``perfxl`` command line: a thin layer over the library.

Each command (or command group) lives in ``perfxl/cli/<command>.py``, which
defines ``app`` (see :func:`perfxl.cli.common.command_app`).  ``COMMANDS``
below is the whole registry, in ``--help`` order: a module is imported only
when its command runs, so ``perfxl --help`` starts fast (:mod:`perfxl.cli.lazy`).
"""

from __future__ import annotations

from typing import Annotated

import typer

from perfxl import __version__
from perfxl.cli.lazy import CommandEntry, LazyGroup

COMMANDS: dict[str, CommandEntry] = {
    "new": CommandEntry("perfxl.cli.new", "Write a blank template workbook for a budget year."),
    "export": CommandEntry(
        "perfxl.cli.export", "Export a workbook to the JSON/YAML interchange format (deterministic)."
    ),
    "build": CommandEntry("perfxl.cli.build", "Build a standard workbook from a JSON/YAML interchange file."),
    "import": CommandEntry(
        "perfxl.cli.import_document",
        "Import a published performance-target document into the standard workbook.",
    ),
    "validate": CommandEntry(
        "perfxl.cli.validate",
        "Check workbooks against the rules; exit 0 = no errors, 1 = errors (or warnings with --strict), "
        "2 = unreadable.",
    ),
    "rules": CommandEntry(
        "perfxl.cli.rules", "List every rule: code, default severity, what it checks, with PASS/FAIL examples."
    ),
    "fix": CommandEntry(
        "perfxl.cli.fix",
        "Apply only safe, reversible normalizations and list each change (sheet, cell, old → new).",
    ),
    "merge": CommandEntry(
        "perfxl.cli.merge", "Merge many units' workbooks into one, with 来源 and 汇总 sheets and charts."
    ),
    "demo": CommandEntry(
        "perfxl.cli.demo", "Generate realistic units' workbooks (test data) by varying a base dataset."
    ),
    "render": CommandEntry("perfxl.cli.render", "Render the publishable document (部门整体绩效目标 + 项目绩效目标表)."),
    "rollover": CommandEntry(
        "perfxl.cli.rollover", "Start next year's workbook from this year's, with 上年指标值 filled in."
    ),
    "diff": CommandEntry(
        "perfxl.cli.diff", "List what was added, removed or changed between two versions of a workbook."
    ),
    "excel": CommandEntry(
        "perfxl.cli.excel",
        "Validate, fix or clear marks in the workbook open in Excel (Windows/macOS, needs perfxl[excel]).",
    ),
    "stage": CommandEntry(
        "perfxl.cli.stage", "Add or refresh the 执行监控 and 绩效自评 sheets from the targets, keeping what was typed."
    ),
    "score": CommandEntry(
        "perfxl.cli.score", "Score the self-evaluation: 执行率, each indicator's 得分, 总分 and 等级 (优/良/中/差)."
    ),
    "db": CommandEntry(
        "perfxl.cli.db", "Load workbooks into a relational database (SQLite by default, PostgreSQL with --url)."
    ),
}


class PerfxlGroup(LazyGroup):
    table = COMMANDS


app = typer.Typer(
    name="perfxl",
    cls=PerfxlGroup,
    help="预算绩效目标 in one standard Excel workbook: templates, import, validate, merge, render.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        print(f"perfxl {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """perfxl: 预算绩效目标 in one standard Excel workbook."""


def main() -> None:
    app()
