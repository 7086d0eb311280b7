"""The ``perfxl`` command line: a thin layer over the library.

Each command lives in its own module with a ``register(app)`` function; the
list below is the whole registry.  Modules import heavy libraries inside their
command functions so that ``perfxl --help`` starts fast.
"""

from __future__ import annotations

from typing import Annotated

import typer

from perfxl import __version__
from perfxl.cli import basic, excel, importer, merge, render, validate

app = typer.Typer(
    name="perfxl",
    help="预算绩效目标 in one standard Excel workbook: templates, import, validate, merge, render.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

# The explicit command registry (order = order in --help).
for module in (basic, importer, validate, excel, merge, render):
    module.register(app)


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
