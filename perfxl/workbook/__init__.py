"""The standard workbook: its schema, reading it safely, writing it.

Other parts import the public names from here, not from the modules inside, so the
modules can be rearranged without touching their callers.  Reading goes
sheets (guard + calamine) → cells (converters) → assemble (Dataset + Locations +
Facts) → gate (may it be converted?).
"""

from perfxl.workbook.assemble import ReadResult, build_dataset, gc_paused, read_workbook
from perfxl.workbook.facts import ExtraColumn, Facts, RepeatedCode, RepeatedSeq, ShownName, UnplacedRow, name_mismatches
from perfxl.workbook.gate import conversion_problems, read_dataset
from perfxl.workbook.locations import Locations
from perfxl.workbook.records import BookColumns
from perfxl.workbook.sheets import RawBook, RawSheet, load_sheets, raw_sheet_from_grid

__all__ = [
    "BookColumns",
    "ExtraColumn",
    "Facts",
    "Locations",
    "RawBook",
    "RawSheet",
    "ReadResult",
    "RepeatedCode",
    "RepeatedSeq",
    "ShownName",
    "UnplacedRow",
    "build_dataset",
    "conversion_problems",
    "gc_paused",
    "load_sheets",
    "name_mismatches",
    "raw_sheet_from_grid",
    "read_dataset",
    "read_workbook",
]
