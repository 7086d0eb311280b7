"""Findings painted on workbook cells, live Excel (the ``perfxl[excel]`` extra), and the macro template.

- :mod:`~perfxl.excel.paint` is the one painter (fill, note, 校验结果 sheet, and
  undoing them) on any :class:`~perfxl.excel.backend.BookBackend`.
- :mod:`~perfxl.excel.annotate` paints a copy for ``perfxl validate --annotate``
  through :class:`~perfxl.excel.memory.MemoryBook` (openpyxl).
- :mod:`~perfxl.excel.live` runs validate / fix / clear on an open workbook;
  :mod:`~perfxl.excel.entry` is what Excel's buttons call, and
  :mod:`~perfxl.excel.xlwings_backend` the only module that imports xlwings
  (inside its functions, so everything here imports without the extra).
- :mod:`~perfxl.excel.template` writes the ``.xlsm`` with the buttons.
"""
