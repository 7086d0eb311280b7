"""The macro-enabled template (``perfxl new --excel-macros``) and the codecs that build its VBA project.

:mod:`~perfxl.excel.template.macros` writes the ``.xlsm``; it swaps the button
module into xlwings' VBA project through :mod:`~perfxl.excel.template.vba_project`,
which reads and writes compound files (:mod:`~perfxl.excel.template.cfb`) and
MS-OVBA compressed streams (:mod:`~perfxl.excel.template.ovba`).
"""

from perfxl.excel.template.macros import write_macro_template

__all__ = ["write_macro_template"]
