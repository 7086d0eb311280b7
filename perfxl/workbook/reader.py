"""Transitional: the names that lived here before the reader was split (issue 10).

Import them from :mod:`perfxl.workbook` instead; this module goes once no caller
uses ``perfxl.workbook.reader`` any more.
"""

from perfxl.workbook.assemble import ReadResult, build_dataset, gc_paused, read_workbook
from perfxl.workbook.gate import conversion_problems, read_dataset
from perfxl.workbook.locations import Locations
from perfxl.workbook.sheets import RawBook, RawSheet, load_sheets, raw_sheet_from_grid

__all__ = [
    "Locations",
    "RawBook",
    "RawSheet",
    "ReadResult",
    "build_dataset",
    "conversion_problems",
    "gc_paused",
    "load_sheets",
    "raw_sheet_from_grid",
    "read_dataset",
    "read_workbook",
]
