"""Temporary: ``cli/basic.py`` (h2's) still imports the macro template from here.

Delete this file once ``perfxl new --excel-macros`` imports
:func:`perfxl.excel.template.write_macro_template`.
"""

from perfxl.excel.template import write_macro_template

__all__ = ["write_macro_template"]
