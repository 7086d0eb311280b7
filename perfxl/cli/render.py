"""``perfxl render``: the publishable document (.docx, .pdf or .txt) from a workbook or interchange file."""

from __future__ import annotations

import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from perfxl.cli.common import command_app, handle_errors
from perfxl.formats.registry import load_dataset
from perfxl.render import render as render_document

app = command_app()


class FormChoice(StrEnum):
    monitor = "monitor"
    self_evaluation = "self-evaluation"


@app.command("render")
@handle_errors
def render(
    book: Annotated[Path, typer.Argument(help="perfxl workbook (.xlsx) or interchange file (.json/.yaml).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Document to write: .docx, .pdf or .txt.")],
    unit: Annotated[str | None, typer.Option("--unit", help="Only this unit's goals and projects (单位编码).")] = None,
    form: Annotated[
        FormChoice | None,
        typer.Option("--form", help="The year's forms instead: monitor (执行监控表) or self-evaluation (自评表)."),
    ] = None,
) -> None:
    """Render the publishable document (部门整体绩效目标 + 项目绩效目标表).

    PDF goes through LibreOffice headless (soffice), which must be installed.

    Example: perfxl render 2021.xlsx -o 2021.docx --unit 316001
    Example: perfxl render 2021.xlsx -o 自评表.docx --form self-evaluation
    """
    started = time.perf_counter()
    dataset = load_dataset(book)
    render_document(dataset, output, unit=unit, form=None if form is None else form.value)  # checks the output path
    projects = [p for p in dataset.projects if unit is None or p.unit_code == unit]
    elapsed = time.perf_counter() - started
    print(
        f"wrote {output} ({len(projects)} projects, {sum(len(p.indicators) for p in projects)} indicators, {elapsed:.1f} s)"
    )
