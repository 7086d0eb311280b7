"""Findings: what the reader and the rules say about a workbook, as plain values.

A finding has a stable ``code`` slug, a severity, a :class:`Location` (sheet + A1
cell, row, column, project code), the offending ``value`` and a ``ctx`` dict.
Its message is rendered from the zh or en template of the class that made it
(each rule class owns its templates, see :mod:`perfxl.check.messages`), so the
same finding reads in Chinese or English, and tooling can rely on codes rather
than text.  Nothing here prints.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from perfxl.core.location import Location

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}
LANGS = ("zh", "en")
_FLAT = ("sheet", "cell", "row", "column", "project_code")


@dataclass(frozen=True, slots=True)
class MessageTemplates:
    """A finding's message in each language; placeholders are filled from the finding (``{value}``, ctx keys …)."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


class _SafeDict(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, finding: Finding) -> str:
    """``template`` with ``{value}``, ``{sheet}``, ``{cell}``, ``{column}`` and the ctx keys of ``finding``."""
    values = _SafeDict(finding.ctx)
    values.setdefault("value", finding.value)
    values.setdefault("sheet", finding.sheet)
    values.setdefault("cell", finding.cell)
    values.setdefault("column", finding.column)
    return template.format_map(values)


@dataclass(frozen=True, slots=True, init=False)
class Finding:
    """One thing found, at one place.  ``sheet=``, ``cell=`` … are accepted as a shorthand for ``location=``.

    A plain frozen dataclass, not a pydantic model: a workbook with many defects gives tens of
    thousands of findings, and building and dumping models cost more than the checks.
    """

    code: str
    severity: Severity
    location: Location
    value: Any
    ctx: dict[str, Any]
    # The templates of the class that made the finding (not part of its data).
    templates: MessageTemplates | None = field(repr=False)

    def __init__(
        self,
        code: str,
        severity: Severity,
        location: Location | None = None,
        value: Any = None,
        ctx: dict[str, Any] | None = None,
        templates: MessageTemplates | None = None,
        **flat: Any,
    ) -> None:
        if flat:
            unknown = set(flat) - set(_FLAT)
            if unknown:
                raise TypeError(f"unexpected keyword argument(s) {', '.join(sorted(unknown))}")
            if location is None:
                location = Location(**flat)
        setter = object.__setattr__  # frozen: set once, here
        setter(self, "code", code)
        setter(self, "severity", severity)
        setter(self, "location", location if location is not None else Location())
        setter(self, "value", value)
        setter(self, "ctx", dict(ctx) if ctx else {})
        setter(self, "templates", templates)

    @property
    def sheet(self) -> str | None:
        return self.location.sheet

    @property
    def cell(self) -> str | None:
        return self.location.cell

    @property
    def row(self) -> int | None:
        return self.location.row

    @property
    def column(self) -> str | None:
        return self.location.column

    @property
    def project_code(self) -> str | None:
        return self.location.project_code

    def replace(self, **changes: Any) -> Finding:
        """A copy with some fields changed (``severity=``, ``templates=`` …)."""
        fields = {name: getattr(self, name) for name in _FIELDS}
        fields.update(changes)
        return Finding(**fields)

    def message(self, lang: str = "zh") -> str:
        """The message from the templates the finding carries (its code when it has none)."""
        return fill(self.templates.get(lang), self) if self.templates else self.code

    def to_dict(self, lang: str = "zh", *, message: str | None = None) -> dict[str, Any]:
        """The flat JSON shape of ``validate --format json`` (location keys at the top level)."""
        loc = self.location
        return {
            "code": self.code,
            "severity": self.severity,
            "sheet": loc.sheet,
            "cell": loc.cell,
            "row": loc.row,
            "column": loc.column,
            "project_code": loc.project_code,
            "value": self.value if self.value.__class__ in _PLAIN else jsonable(self.value),
            "ctx": {k: v if v.__class__ in _PLAIN else jsonable(v) for k, v in self.ctx.items()},
            "message": self.message(lang) if message is None else message,
        }


_FIELDS = ("code", "severity", "location", "value", "ctx", "templates")
_PLAIN = frozenset({str, int, type(None)})  # values JSON holds as they are


def jsonable(value: Any) -> Any:
    """``value`` as JSON can hold it: Decimal as its text (10.00 stays "10.00"), tuples as lists, dates ISO."""
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def sort_key(f: Finding) -> tuple[int, str, int, str, str]:
    loc = f.location
    return (SEVERITY_ORDER[f.severity], loc.sheet or "", loc.row or 0, loc.column or "", f.code)


def summarize(findings: list[Finding]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        counts[f.severity] += 1
    return counts
