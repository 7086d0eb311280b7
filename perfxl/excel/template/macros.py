"""The macro-enabled template (``perfxl new --excel-macros``): the standard workbook plus buttons.

The VBA is xlwings' own: the project inside xlwings' standalone quickstart
workbook (``templates/excel/``), whose ``xlwings`` module provides
``RunPython``.  Only its sample module (``Module1``) is replaced, by three
one-line macros that the 校验 / 修正 / 清除标记 buttons on the 说明 sheet call.
Everything else comes from :func:`perfxl.workbook.writer.write_workbook`, so
the sheets are exactly those of the plain ``.xlsx`` template.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import TYPE_CHECKING

from perfxl.core.errors import OutputError
from perfxl.core.model import Dataset
from perfxl.excel.template.vba_project import replace_module
from perfxl.files.atomic import atomic_path
from perfxl.files.resources import template_path
from perfxl.workbook import schema as S
from perfxl.workbook.readme_sheet import BUTTON_CELL, COLUMNS, NOTE_CELL, column_pixels
from perfxl.workbook.writer import write_workbook

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook

VBA_PROJECT = ("excel", "xlwings-0.37.8-standalone-vbaProject.bin")
MODULE = "Module1"
# (macro, caption): what each button on 说明 runs.
BUTTONS = (
    ("PerfxlValidate", "校验", "validate_active"),
    ("PerfxlFix", "修正", "fix_active"),
    ("PerfxlClear", "清除标记", "clear_active"),
)
# The note beside the buttons, for the staff who fill the workbook: what the buttons do, what they
# need (set up once per computer, by IT), and what to do when a button cannot find Python.
HINT = (
    "【按钮说明】校验：检查本工作簿，有问题的单元格标上颜色和批注，全部问题列在“校验结果”表；"
    "修正：自动改正确定无误的写法（如全角数字、≧ 写成 ≥、“≥80%”拆成三列），再标出其余问题；清除标记：去掉颜色、批注和“校验结果”表。\n"
    "【第一次使用】打开本文件时请点“启用内容”（启用宏）。按钮要用本机的 Python 程序，"
    "每台电脑需由信息技术人员安装一次：装 Python 3.11 或更高版本，再运行 "
    'pip install "perfxl[excel]" 和 xlwings config create --force。\n'
    "【点按钮后提示 Could not find Interpreter 或 No module named perfxl】说明这台电脑还没装好，"
    "请联系信息技术人员按上面安装。装好之前也可以不用按钮：把文件交给装有 perfxl 的同事运行 "
    "perfxl validate 检查，查出的问题与按钮相同。"
)
NOTE_HEIGHT_PX = 150


def button_module() -> str:
    """Source of the module behind the buttons (ASCII: VBA source uses the project's code page)."""
    lines = [
        f'Attribute VB_Name = "{MODULE}"',
        "' perfxl: the buttons on the first sheet call these. RunPython is xlwings' own (module xlwings, this workbook).",
    ]
    for macro, _caption, function in BUTTONS:
        lines += [
            f"Sub {macro}()",
            f'    RunPython "import perfxl.excel.entry as perfxl_entry; perfxl_entry.{function}()"',
            "End Sub",
        ]
    return "\r\n".join(lines) + "\r\n"


def vba_project() -> bytes:
    """xlwings' standalone VBA project with the button module in place of its sample."""
    return replace_module(template_path(*VBA_PROJECT).read_bytes(), MODULE, button_module())


def _add_buttons(wb: Workbook) -> None:
    wb.add_vba_project(io.BytesIO(vba_project()), is_stream=True)
    ws = wb.get_worksheet_by_name(S.README)
    if ws is None:  # the writer always makes it; guard against a renamed standard
        raise OutputError(f"the template has no sheet {S.README} for the buttons")
    row, first = BUTTON_CELL
    for i, (macro, caption, _function) in enumerate(BUTTONS):
        x = 4 + i * 108  # XlsxWriter carries an offset past the cell's edge into the next columns
        ws.insert_button(
            row, first, {"macro": macro, "caption": caption, "width": 100, "height": 30, "x_offset": x, "y_offset": 4}
        )
    note_row, note_col = NOTE_CELL
    width = sum(column_pixels(c) for c in range(note_col, COLUMNS)) - 8
    ws.insert_textbox(
        note_row,
        note_col,
        HINT,
        {
            "width": width,
            "height": NOTE_HEIGHT_PX,
            "x_offset": 4,
            "y_offset": 4,
            "font": {"size": 9, "name": "宋体"},
            "fill": {"color": "#FFF8E1"},
            "line": {"color": "#C9A227"},
            "align": {"vertical": "top"},
        },
    )


def write_macro_template(dataset: Dataset, path: str | Path) -> Path:
    """Write ``dataset`` as a macro-enabled workbook (``.xlsm``) with the three buttons."""
    path = Path(path)
    if path.suffix.lower() != ".xlsm":
        raise OutputError(f"{path}: a workbook with macros must be an .xlsm file")
    with atomic_path(path) as tmp:
        inner = tmp.with_name(tmp.stem + ".xlsx")  # write_workbook insists on .xlsx
        try:
            write_workbook(dataset, inner, extra=_add_buttons)
            os.replace(inner, tmp)
        finally:
            inner.unlink(missing_ok=True)
    return path
