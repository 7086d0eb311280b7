"""Write a Dataset as a perfxl standard workbook (XlsxWriter, streaming).

Why XlsxWriter: it streams rows (``constant_memory``) and was measured faster
than openpyxl's write-only mode here.  ``strings_to_formulas`` is off so that
text such as ``=100%`` stays text; every text cell is written with
``write_string`` and text columns carry the ``@`` (text) number format so that
what people type later stays text too.

Columns people added to a sheet (a row's ``extra``) are written after the
standard ones, as text (:mod:`perfxl.workbook.rows`).

Callers that add sheets (merge summaries, rollover) pass ``extra`` — a function
that receives the open ``xlsxwriter.Workbook`` after the standard sheets.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfxl.core.errors import OutputError
from perfxl.core.taxonomy import default_version, load_taxonomy
from perfxl.core.terms import PARTS, SIGNS
from perfxl.files.atomic import atomic_path
from perfxl.files.resources import settings
from perfxl.workbook import schema as S
from perfxl.workbook.readme_sheet import write_readme
from perfxl.workbook.rows import extra_columns, sheet_rows
from perfxl.workbook.stage_writer import write_stage_sheets
from perfxl.workbook.text_size import row_height

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

    from perfxl.core.model import Dataset

EXCEL_MAX_ROW = 1_048_575  # 0-based last row
MONEY_FORMAT = "#,##0.00"  # 万元 with thousands separators: 13,307.00
NUMBER_KINDS = ("money", "percent", "int", "number")
EXCEL_MAX_TEXT = 32_767
WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
    "constant_memory": True,
}


class Formats:
    """The cell formats of the standard workbook, for writers of extra sheets too."""

    def __init__(self, wb: Workbook) -> None:
        base = {"font_name": "宋体", "font_size": 10.5, "valign": "top"}
        self.header = wb.add_format(
            {
                **base,
                "bold": True,
                "bg_color": "#DDEBF7",
                "border": 1,
                "text_wrap": True,
                "align": "center",
                "valign": "vcenter",
                "locked": True,
            }
        )
        self.title = wb.add_format({**base, "bold": True, "font_size": 14, "valign": "vcenter"})
        self.section = wb.add_format({**base, "bold": True})
        self.plain = wb.add_format({**base, "text_wrap": True})
        self.line = wb.add_format(base)  # no wrap: a sentence flows over the empty cells to its right
        unlocked = {**base, "locked": False}
        self.kinds = {
            "text": wb.add_format({**unlocked, "num_format": "@"}),
            "code": wb.add_format({**unlocked, "num_format": "@"}),
            "longtext": wb.add_format({**unlocked, "num_format": "@", "text_wrap": True}),
            "money": wb.add_format({**unlocked, "num_format": MONEY_FORMAT}),
            "percent": wb.add_format({**unlocked, "num_format": "0.00%"}),
            "int": wb.add_format({**unlocked, "num_format": "0"}),
            "number": wb.add_format({**unlocked, "num_format": "General"}),
        }

        # The 说明 sheet's example rows: framed like a table, text wrapped.
        framed = {**base, "border": 1}
        self.examples = {
            "text": wb.add_format({**framed, "text_wrap": True}),
            "money": wb.add_format({**framed, "num_format": MONEY_FORMAT}),
            "percent": wb.add_format({**framed, "num_format": "0.00%"}),
            "int": wb.add_format({**framed, "num_format": "0"}),
        }

    def for_kind(self, kind: str) -> Any:
        return self.kinds.get(kind, self.kinds["text"])

    def example(self, kind: str) -> Any:
        return self.examples.get(kind, self.examples["text"])


def _check_text(value: str, sheet: str, row: int, col: int) -> str:
    if len(value) > EXCEL_MAX_TEXT:
        raise OutputError(
            f"{sheet}!{S.cell_ref(row + 1, col)}: text of {len(value):,} characters exceeds "
            f"Excel's {EXCEL_MAX_TEXT:,}-character cell limit"
        )
    return value


def _write(ws: Worksheet, row: int, col: int, kind: str, value: Any, fmt: Any, sheet: str) -> None:
    if value is None or value == "":
        return
    if kind == "money":
        ws.write_number(row, col, float(value), fmt)  # Decimal → float only at the file boundary
    elif kind == "percent":
        ws.write_number(row, col, float(Decimal(value) / 100), fmt)
    elif kind == "int":
        ws.write_number(row, col, int(value), fmt)
    elif kind == "number":
        ws.write_number(row, col, float(value), fmt)
    else:
        ws.write_string(row, col, _check_text(str(value), sheet, row, col), fmt)


def _fit_row(ws: Worksheet, row: int, cells: list[tuple[Any, float]]) -> None:
    """Give a row with wrapped text the height that shows it whole (before the row is written:
    constant_memory mode writes rows out in order)."""
    height = row_height([(str(text), width) for text, width in cells if text])
    if height is not None:
        ws.set_row(row, height)


def _no_text_number_marks(ws: Worksheet, columns: list[S.Column]) -> None:
    """Codes and values such as 316001 or 80 are text on purpose: no green "number stored as text" marks."""
    ranges = [
        f"{S.column_letter(i)}2:{S.column_letter(i)}{EXCEL_MAX_ROW + 1}"
        for i, c in enumerate(columns)
        if c.kind not in NUMBER_KINDS
    ]
    if ranges:
        ws.ignore_errors({"number_stored_as_text": " ".join(ranges)})


def _setup_sheet(ws: Worksheet, columns: list[S.Column], fmt: Formats, *, protect: bool) -> None:
    for i, col in enumerate(columns):
        ws.set_column(i, i, col.width, fmt.for_kind(col.kind))
        ws.write_string(0, i, col.name, fmt.header)
    ws.set_row(0, 28)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, 0, len(columns) - 1)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.repeat_rows(0)
    ws.fit_to_pages(1, 0)
    if not protect:
        return
    # Header locked, data columns unlocked (their column format says locked=False).
    ws.protect(
        "",
        {
            "insert_rows": True,
            "delete_rows": True,
            "insert_columns": False,
            "delete_columns": False,
            "sort": True,
            "autofilter": True,
            "format_cells": True,
            "format_columns": True,
            "format_rows": True,
            "select_locked_cells": True,
            "select_unlocked_cells": True,
        },
    )


def _write_lists(wb: Workbook, dataset: Dataset, fmt: Formats) -> dict[str, str]:
    """The hidden 指标体系 sheet behind the dropdowns; returns list-name -> range."""
    version = dataset.taxonomy or default_version(dataset.year)
    tax = load_taxonomy(version)
    ws = wb.add_worksheet(S.LISTS)
    columns: list[tuple[str, list[str]]] = [("一级指标", list(tax.level1))]
    for l1 in tax.level1:
        columns.append((l1, [*tax.level2[l1], *tax.deprecated.get(l1, ())]))
    columns.append(("计算符号", list(SIGNS)))
    columns.append(("部分", list(PARTS)))
    columns.append(("计量单位", list(settings()["common_units"])))
    ranges: dict[str, str] = {}
    longest = max(len(v) for _, v in columns)
    for i, (title, _) in enumerate(columns):
        ws.set_column(i, i, 18)
        ws.write_string(0, i, title, fmt.header)
    for r in range(longest):
        for i, (_, values) in enumerate(columns):
            if r < len(values):
                ws.write_string(r + 1, i, values[r])
    for i, (title, values) in enumerate(columns):
        letter = S.column_letter(i)
        ranges[title] = f"='{S.LISTS}'!${letter}$2:${letter}${len(values) + 1}"
        if 0 < i <= len(tax.level1):
            # One defined name per 一级 so that 二级's list can be =INDIRECT($D2) (一级指标 in D of 绩效指标).
            wb.define_name(title, ranges[title])
    ws.hide()
    ws.protect("")
    return ranges


def _add_validations(ws: Worksheet, columns: list[S.Column], ranges: dict[str, str]) -> None:
    letters = {c.key: S.column_letter(i) for i, c in enumerate(columns)}
    for i, col in enumerate(columns):
        opts: dict[str, Any] | None = None
        if col.kind == "level1":
            opts = {"validate": "list", "source": ranges["一级指标"]}
        elif col.kind == "level2" and "level1" in letters:
            opts = {"validate": "list", "source": f"=INDIRECT(${letters['level1']}2)"}
        elif col.kind == "sign":
            opts = {"validate": "list", "source": ranges["计算符号"]}
        elif col.kind == "part":
            opts = {"validate": "list", "source": ranges["部分"]}
        elif col.kind == "unit":
            # Offer the common units, accept any other (information style).
            opts = {
                "validate": "list",
                "source": ranges["计量单位"],
                "error_type": "information",
                "error_message": "这不是常用计量单位，确认无误可继续。",
            }
        elif col.kind == "money":
            opts = {
                "validate": "decimal",
                "criteria": ">=",
                "value": 0,
                "error_message": "请填写不小于 0 的金额（万元，两位小数）。",
            }
        elif col.kind == "percent":
            opts = {
                "validate": "decimal",
                "criteria": "between",
                "minimum": 0,
                "maximum": 1,
                "error_message": "请填写 0%～100% 之间的累计百分比。",
            }
        if opts is None:
            continue
        opts.setdefault("error_type", "stop")
        opts["show_error"] = True
        opts.setdefault("error_title", col.name)
        opts.setdefault("error_message", f"请从下拉列表中选择{col.name}。")
        ws.data_validation(1, i, EXCEL_MAX_ROW, i, opts)


def _write_info(wb: Workbook, dataset: Dataset, fmt: Formats) -> None:
    ws = wb.add_worksheet(S.INFO)
    ws.set_column(0, 0, 16)
    ws.set_column(1, 1, 36, fmt.for_kind("text"))
    ws.write_string(0, 0, S.INFO_HEADER[0], fmt.header)
    ws.write_string(0, 1, S.INFO_HEADER[1], fmt.header)
    ws.freeze_panes(1, 0)
    ws.ignore_errors({"number_stored_as_text": f"B2:B{len(S.standard().info_keys) + 1}"})
    values: dict[str, Any] = {
        S.INFO_YEAR: dataset.year,
        S.INFO_DIVISION_CODE: dataset.division.code,
        S.INFO_DIVISION_NAME: dataset.division.name,
        S.INFO_AMOUNT_UNIT: dataset.amount_unit,
        S.INFO_TAXONOMY: dataset.taxonomy or default_version(dataset.year),
        S.INFO_TEMPLATE: S.standard().template_version,
        S.INFO_PROFILE: dataset.profile,
    }
    for r, key in enumerate(S.standard().info_keys, start=1):
        ws.write_string(r, 0, key, fmt.plain)
        value = values.get(key)
        if key == S.INFO_YEAR and value is not None:
            ws.write_number(r, 1, int(value), fmt.for_kind("int"))
        elif value is not None:
            ws.write_string(r, 1, str(value), fmt.for_kind("text"))


def write_workbook(
    dataset: Dataset,
    path: str | Path,
    *,
    extra: Callable[[Workbook], None] | None = None,
    protect: bool = False,
    overwrite: bool = True,
) -> Path:
    """Write ``dataset`` to ``path`` atomically as a standard perfxl workbook.

    ``protect`` turns on sheet protection (no password) that guards the header
    rows while leaving data rows editable.  It is off by default: Excel's
    ordinary paste from another workbook carries the source cells' *locked*
    attribute, after which those pasted cells refuse edits, and LibreOffice
    refuses to sort a protected sheet — both everyday operations here.  The
    reader reports a renamed header (missing + unknown column) either way.
    ``overwrite=False`` refuses to replace an existing file.
    """
    import xlsxwriter  # lazy: keeps `perfxl --help` fast

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise OutputError(f"{path}: the output must be an .xlsx file")
    with atomic_path(path, overwrite=overwrite) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), WORKBOOK_OPTIONS)
        try:
            fmt = Formats(wb)
            write_readme(wb, fmt, dataset.year, _write)
            _write_info(wb, dataset, fmt)
            # The lists sheet must exist before validations refer to it, but it
            # goes last in tab order; XlsxWriter keeps creation order, so we
            # compute ranges first and create the sheet at the end.
            std = S.standard()
            sheets: list[tuple[Worksheet, S.SheetSpec, list[S.Column]]] = []
            for spec in std.sheets:
                if spec.name == S.SCHEDULE:
                    months = S.plan_months(dataset)
                    spec = S.schedule_spec(months, expected=months)
                rows = sheet_rows(dataset, spec.name)
                columns = [c for c in spec.columns if not c.optional or any(r.get(c.key) for r in rows)]
                columns += extra_columns(dataset, spec)  # the columns people added, kept as text
                ws = wb.add_worksheet(spec.name)
                _setup_sheet(ws, columns, fmt, protect=protect)
                formats = [fmt.for_kind(c.kind) for c in columns]
                wrapped = [i for i, c in enumerate(columns) if c.kind == "longtext"]
                for r, record in enumerate(rows, start=1):
                    _fit_row(ws, r, [(record.get(columns[i].key), columns[i].width) for i in wrapped])
                    for i, col in enumerate(columns):
                        _write(ws, r, i, col.kind, record.get(col.key), formats[i], spec.name)
                _no_text_number_marks(ws, columns)
                sheets.append((ws, spec, columns))
            write_stage_sheets(wb, dataset, fmt, _write)
            ranges = _write_lists(wb, dataset, fmt)
            for ws, _spec, columns in sheets:
                _add_validations(ws, columns, ranges)
            if extra is not None:
                extra(wb)
        finally:
            wb.close()
    return path
