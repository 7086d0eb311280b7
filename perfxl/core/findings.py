"""Findings: what the reader and the rules say about a workbook, as plain values.

A finding has a stable ``code`` slug, a severity, a location (sheet + A1 cell,
row, column), the offending ``value`` and a ``ctx`` dict.  Its message is
rendered from a zh or en template registered for the code, so the same finding
reads in Chinese or English, and tooling can rely on codes rather than text.
Nothing here prints.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}
LANGS = ("zh", "en")

# code -> {"zh": template, "en": template}; templates use str.format(**ctx).
MESSAGES: dict[str, dict[str, str]] = {}


def register_messages(code: str, *, zh: str, en: str) -> None:
    """Register the message templates for a finding code (done once per code)."""
    MESSAGES[code] = {"zh": zh, "en": en}


class _SafeDict(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    sheet: str | None = None
    cell: str | None = None
    row: int | None = None
    column: str | None = None
    project_code: str | None = None
    value: Any = None
    ctx: dict[str, Any] = {}

    def message(self, lang: str = "zh") -> str:
        templates = MESSAGES.get(self.code)
        if not templates:
            return self.code
        template = templates.get(lang) or templates["zh"]
        values = _SafeDict(self.ctx)
        values.setdefault("value", self.value)
        values.setdefault("sheet", self.sheet)
        values.setdefault("cell", self.cell)
        values.setdefault("column", self.column)
        return template.format_map(values)

    def location(self) -> str:
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet or ""

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        data = self.model_dump(mode="json")
        data["message"] = self.message(lang)
        return data


def sort_key(f: Finding) -> tuple[int, str, int, str, str]:
    return (SEVERITY_ORDER[f.severity], f.sheet or "", f.row or 0, f.column or "", f.code)


def summarize(findings: list[Finding]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        counts[f.severity] += 1
    return counts


# Findings the workbook reader itself produces (structure of sheets and headers).
register_messages(
    "missing-sheet",
    zh="缺少工作表“{sheet}”",
    en="sheet '{sheet}' is missing",
)
register_messages(
    "missing-column",
    zh="工作表“{sheet}”缺少列“{column}”",
    en="sheet '{sheet}' lacks the column '{column}'",
)
register_messages(
    "duplicate-header",
    zh="列名“{column}”重复出现（{cell}），只读取第一列",
    en="column '{column}' appears twice ({cell}); only the first is read",
)
register_messages(
    "unknown-column",
    zh="未知列“{value}”，其内容不会被读取",
    en="unknown column '{value}': its contents are not read",
)
register_messages(
    "orphan-row",
    zh="项目编码“{value}”在“项目”表中不存在，该行无法归属到项目",
    en="project code '{value}' is not in sheet 项目; the row belongs to no project",
)
register_messages(
    "unknown-info-key",
    zh="“{value}”不是基本信息的项目（A、B 两列的键值对），其内容不会被读取",
    en="'{value}' is not one of the 基本信息 key/value pairs (columns A/B): it is not read",
)
