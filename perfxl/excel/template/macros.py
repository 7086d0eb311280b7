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
HINT = (
    '按钮通过 xlwings 调用本机的 perfxl：需先安装 Python 和 pip install "perfxl[excel]"，'
    "并在打开时启用宏。说明见 perfxl 文档 docs/excel.md。"
)


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
    for col, (macro, caption, _function) in enumerate(BUTTONS, start=2):
        ws.insert_button(
            0, col, {"macro": macro, "caption": caption, "width": 100, "height": 30, "x_offset": 4, "y_offset": 2}
        )
    ws.insert_textbox(0, 5, HINT, {"width": 420, "height": 44, "font": {"size": 9}, "align": {"vertical": "middle"}})


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
