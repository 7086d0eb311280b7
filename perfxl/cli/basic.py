"""``perfxl new``, ``perfxl export`` and ``perfxl build``: templates and the JSON/YAML round trip."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from perfxl.cli.common import handle_errors, refuse_existing


def register(app: typer.Typer) -> None:
    app.command("new")(new)
    app.command("export")(export)
    app.command("build")(build)


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
    from perfxl.core.errors import UsageError
    from perfxl.versions.blank import blank_dataset
    from perfxl.workbook.writer import write_workbook

    if excel_macros and protect:
        raise UsageError("--protect cannot be combined with --excel-macros (the buttons paint the sheets)")
    refuse_existing(output, force=force)
    dataset = blank_dataset(
        year,
        division_code=division_code,
        division_name=division_name,
        unit_code=unit_code,
        unit_name=unit_name,
        taxonomy=taxonomy,
    )
    if excel_macros:
        from perfxl.excel.macros import write_macro_template

        write_macro_template(dataset, output)  # refuses a path not ending in .xlsm
    else:
        write_workbook(dataset, output, protect=protect, overwrite=force)
    print(f"wrote {output} (budget year {year}, taxonomy {dataset.taxonomy})")


@handle_errors
def export(
    book: Annotated[Path, typer.Argument(help="perfxl workbook (.xlsx) to read.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Output file: .json, .yaml or .yml.")],
) -> None:
    """Export a workbook to the JSON/YAML interchange format (deterministic).

    Example: perfxl export 2021.xlsx -o 2021.json
    """
    from perfxl.files.atomic import write_text_atomic
    from perfxl.formats.interchange import dumps
    from perfxl.workbook.reader import read_dataset

    dataset = read_dataset(book)
    text = dumps(dataset, output.suffix)
    write_text_atomic(output, text)
    print(f"wrote {output} ({len(dataset.projects)} projects, {dataset.indicator_count()} indicators)")


@handle_errors
def build(
    source: Annotated[Path, typer.Argument(help="Interchange file (.json, .yaml or .yml).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Workbook to write (.xlsx).")],
    force: Annotated[bool, typer.Option("--force", help="Replace OUTPUT if it already exists.")] = False,
) -> None:
    """Build a standard workbook from a JSON/YAML interchange file.

    Example: perfxl build 2021.json -o 2021.xlsx
    """
    from perfxl.formats.interchange import load
    from perfxl.workbook.writer import write_workbook

    refuse_existing(output, force=force)
    dataset = load(source)
    write_workbook(dataset, output, overwrite=force)
    print(f"wrote {output} ({len(dataset.projects)} projects, {dataset.indicator_count()} indicators)")
