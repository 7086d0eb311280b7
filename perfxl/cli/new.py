"""``perfxl new``: a blank template workbook for a budget year."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from perfxl.cli.common import command_app, handle_errors
from perfxl.core.errors import UsageError
from perfxl.excel.template import write_macro_template
from perfxl.files.outputs import check_output
from perfxl.versions.blank import blank_dataset
from perfxl.workbook.writer import write_workbook

app = command_app()


@app.command("new")
@handle_errors
def new(
    output: Annotated[Path, typer.Option("-o", "--output", help="Workbook to write (.xlsx).")],
    year: Annotated[int, typer.Option("--year", help="Budget year (预算年度).")],
    division_code: Annotated[str | None, typer.Option(help="行政区划代码, e.g. 130434.")] = None,
    division_name: Annotated[str | None, typer.Option(help="行政区划名称.")] = None,
    unit_code: Annotated[str | None, typer.Option(help="单位编码 of the unit filling it in.")] = None,
    unit_name: Annotated[str | None, typer.Option(help="单位名称.")] = None,
    taxonomy: Annotated[
        str | None, typer.Option(help="Indicator taxonomy version (v2015, v2021); default by year.")
    ] = None,
    protect: Annotated[
        bool, typer.Option(help="Protect the header rows (sheet protection without a password).")
    ] = False,
    excel_macros: Annotated[
        bool,
        typer.Option(
            "--excel-macros",
            help="Write a macro-enabled .xlsm whose 说明 sheet has 校验/修正/清除标记 buttons (needs perfxl[excel]).",
        ),
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace OUTPUT if it already exists.")] = False,
) -> None:
    """Write a blank template workbook for a budget year.

    Example: perfxl new -o 2022.xlsx --year 2022 --unit-code 316001 --unit-name 魏县人社局

    Example: perfxl new -o 2022.xlsm --year 2022 --excel-macros
    """
    if excel_macros and protect:
        raise UsageError("--protect cannot be combined with --excel-macros (the buttons paint the sheets)")
    check_output(output, force=force)  # the file type is checked by the writer
    dataset = blank_dataset(
        year,
        division_code=division_code,
        division_name=division_name,
        unit_code=unit_code,
        unit_name=unit_name,
        taxonomy=taxonomy,
    )
    if excel_macros:
        write_macro_template(dataset, output)  # refuses a path not ending in .xlsm
    else:
        # A template, not a dataset in some format: always the workbook, optionally protected.
        write_workbook(dataset, output, protect=protect, overwrite=force)
    print(f"wrote {output} (budget year {year}, taxonomy {dataset.taxonomy})")
