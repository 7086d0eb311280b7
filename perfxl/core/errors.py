"""Errors that end a command with one clear line and exit code 2.

The library raises these; only the CLI turns them into a message and an exit code.
"""

from __future__ import annotations

from pathlib import Path

from perfxl.core.location import Location, format_location


class PerfxlError(Exception):
    """Base class: something the user can fix, described in one line."""


class InputError(PerfxlError):
    """An input cannot be read.  Carries where (file + :class:`Location`) and what was expected.

    ``sheet``/``cell`` are a shorthand for ``location=Location(sheet=…, cell=…)``.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        sheet: str | None = None,
        cell: str | None = None,
        location: Location | None = None,
    ) -> None:
        self.path = str(path) if path is not None else None
        self.location = location if location is not None else Location(sheet=sheet, cell=cell)
        self.reason = message
        super().__init__(self.describe())

    @property
    def sheet(self) -> str | None:
        return self.location.sheet

    @property
    def cell(self) -> str | None:
        return self.location.cell

    def describe(self) -> str:
        prefix = format_location(self.path, self.location)
        return f"{prefix}: {self.reason}" if prefix else self.reason


class OutputError(PerfxlError):
    """An output cannot be written (bad extension, unwritable folder, …)."""


class UsageError(PerfxlError):
    """A command was asked for something that does not exist (unknown option value, …)."""


class UnknownTaxonomyError(UsageError, KeyError):
    """An indicator taxonomy version that perfxl does not ship."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])
