"""Work inside a live Excel workbook (the ``perfxl[excel]`` extra).

Nothing here imports xlwings at module level: :mod:`perfxl.excel.live` works on
any :class:`~perfxl.excel.backend.BookBackend`, the tests drive it through the
in-memory :class:`~perfxl.excel.memory.MemoryBook`, and only
:mod:`perfxl.excel.xlwings_backend` (and :mod:`perfxl.excel.entry`, which Excel
calls) touch xlwings.
"""
