"""The standard workbook: its schema, reading it safely, writing it.

Other parts import the public names from here, not from the modules inside, so the
modules can be rearranged without touching their callers.
"""

from perfxl.workbook.reader import (
    RawBook,
    RawSheet,
    ReadResult,
    build_dataset,
    conversion_problems,
    gc_paused,
    load_sheets,
    raw_sheet_from_grid,
    read_dataset,
    read_workbook,
)

__all__ = [
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
