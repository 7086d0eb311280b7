"""Consolidate units' workbooks: inputs → compatibility → conflicts → combine → summary sheets.

Callers import the public names from here.
"""

from perfxl.merge.combine import merge, merge_datasets
from perfxl.merge.inputs import resolve_inputs
from perfxl.merge.result import (
    BAD_INPUT_CODES,
    KINDS,
    ON_CONFLICT,
    MergeResult,
    OnConflict,
    Replacement,
    Source,
    count_rows,
)
from perfxl.merge.summaries import SHEETS, write_merged

__all__ = [
    "BAD_INPUT_CODES",
    "KINDS",
    "ON_CONFLICT",
    "SHEETS",
    "MergeResult",
    "OnConflict",
    "Replacement",
    "Source",
    "count_rows",
    "merge",
    "merge_datasets",
    "resolve_inputs",
    "write_merged",
]
