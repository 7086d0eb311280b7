"""Findings: what the reader and the rules say about a workbook, as plain values.

A finding has a stable ``code`` slug, a severity, a :class:`Location` (sheet + A1
cell, row, column, project code), the offending ``value`` and a ``ctx`` dict.
Its message is rendered from the zh or en template of the class that made it
(each rule class owns its templates, see :mod:`perfxl.check.messages`), so the
same finding reads in Chinese or English, and tooling can rely on codes rather
than text.  Nothing here prints.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from perfxl.core.location import Location

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}
LANGS = ("zh", "en")
_FLAT = ("sheet", "cell", "row", "column", "project_code")


class MessageTemplates(BaseModel):
    """A finding's message in each language; placeholders are filled from the finding (``{value}``, ctx keys …)."""

    model_config = ConfigDict(frozen=True)

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


class Finding(BaseModel):
    """One thing found, at one place.  ``sheet=``, ``cell=`` … are accepted as a shorthand for ``location=``."""

    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    location: Location = Location()
    value: Any = None
    ctx: dict[str, Any] = {}
    # The templates of the class that made the finding (not part of its data).
    templates: MessageTemplates | None = Field(default=None, exclude=True, repr=False)

    @model_validator(mode="before")
    @classmethod
    def _flat_location(cls, data: Any) -> Any:
        if isinstance(data, dict) and "location" not in data and any(k in data for k in _FLAT):
            data = dict(data)
            data["location"] = Location(**{k: data.pop(k) for k in _FLAT if k in data})
        return data

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

    def message(self, lang: str = "zh") -> str:
        """The message from the templates the finding carries (its code when it has none)."""
        return fill(self.templates.get(lang), self) if self.templates else self.code

    def to_dict(self, lang: str = "zh", *, message: str | None = None) -> dict[str, Any]:
        """The flat JSON shape of ``validate --format json`` (location keys at the top level)."""
        data = self.model_dump(mode="json")
        flat = {"code": data["code"], "severity": data["severity"], **data["location"]}
        flat["value"], flat["ctx"] = data["value"], data["ctx"]
        flat["message"] = self.message(lang) if message is None else message
        return flat


def sort_key(f: Finding) -> tuple[int, str, int, str, str]:
    loc = f.location
    return (SEVERITY_ORDER[f.severity], loc.sheet or "", loc.row or 0, loc.column or "", f.code)


def summarize(findings: list[Finding]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        counts[f.severity] += 1
    return counts
