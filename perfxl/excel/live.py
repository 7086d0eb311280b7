"""Validate, fix and clear marks in an open workbook through a :class:`BookBackend`.

The path is the one ``perfxl validate`` takes — grids → ``raw_sheet_from_grid``
→ ``build_dataset`` → ``perfxl.check.engine.validate`` — so there is one engine and
no second copy of any rule.  Only the output differs: the findings go to the
cells through :mod:`perfxl.excel.paint`, the painter ``perfxl validate
--annotate`` uses too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from perfxl.check.config import Config, load_config
from perfxl.check.engine import validate
from perfxl.check.fix import plan_fixes
from perfxl.core.findings import Finding, sort_key, summarize
from perfxl.excel.backend import BookBackend, Value
from perfxl.excel.paint import OWN_SHEETS, clear_marks, paint_findings
from perfxl.workbook import RawBook, ReadResult, build_dataset, raw_sheet_from_grid


@dataclass
class LiveReport:
    """What a validate, fix or clear round did, for the CLI and the Excel message box."""

    book: str
    findings: list[Finding] = field(default_factory=list)
    painted: int = 0
    changes: list[tuple[str, str, Any, Any]] = field(default_factory=list)  # sheet, cell, old, new
    cleared: int = 0
    lost: int = 0  # marks whose cell could no longer be found (rows moved or edited)

    @property
    def summary(self) -> dict[str, int]:
        return summarize(self.findings)


# --- reading -------------------------------------------------------------------------


def read_book(backend: BookBackend) -> ReadResult:
    """Read the open workbook's current values exactly as the file reader would."""
    sheets = {}
    order = []
    for name in backend.sheet_names():
        if name in OWN_SHEETS:
            continue
        order.append(name)
        sheets[name] = raw_sheet_from_grid(name, backend.read_grid(name))
    path = Path(backend.full_name or backend.name)
    return build_dataset(RawBook(path=path, sheets=sheets, sheet_order=order))


def config_for(backend: BookBackend, config: Config | None) -> Config:
    """``config`` if given, else the settings beside the workbook's file (defaults for an unsaved one)."""
    if config is not None:
        return config
    return load_config(backend.full_name) if backend.full_name else Config()


def run_engine(result: ReadResult, config: Config) -> list[Finding]:
    """The findings of the one rule engine `perfxl validate` uses, most severe first."""
    return sorted(validate(result, config=config), key=sort_key)


# --- the three actions ------------------------------------------------------------------


def validate_book(backend: BookBackend, *, config: Config | None = None) -> LiveReport:
    """Clear the previous marks, validate the current values and paint the findings."""
    config = config_for(backend, config)
    report = LiveReport(book=backend.name)
    with backend.batch():
        report.cleared, report.lost = clear_marks(backend)
        _validate_and_paint(backend, read_book(backend), config, report)
    return report


def fix_book(backend: BookBackend, *, config: Config | None = None) -> LiveReport:
    """Apply the engine's safe fixes to the cells, then validate and paint what is left."""
    config = config_for(backend, config)
    report = LiveReport(book=backend.name)
    with backend.batch():
        report.cleared, report.lost = clear_marks(backend)
        for change in plan_fixes(read_book(backend)):
            backend.write_rows(change.sheet, change.cell, [[_cell_value(change.new)]])
            report.changes.append((change.sheet, change.cell, change.old, change.new))
        _validate_and_paint(backend, read_book(backend), config, report)
    return report


def clear_book(backend: BookBackend) -> LiveReport:
    """Remove everything perfxl painted and give the cells back their own fills and notes."""
    report = LiveReport(book=backend.name)
    with backend.batch():
        report.cleared, report.lost = clear_marks(backend)
    return report


def _validate_and_paint(backend: BookBackend, result: ReadResult, config: Config, report: LiveReport) -> None:
    report.findings = run_engine(result, config)
    report.painted = paint_findings(backend, report.findings, lang=config.lang)


def _cell_value(value: Any) -> Value:
    if isinstance(value, Decimal):
        return float(value)  # Decimal → float only at the spreadsheet boundary
    if value is None or value == "":
        return None
    if isinstance(value, str | int | float | bool):
        return value
    return str(value)
