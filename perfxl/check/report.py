"""Render findings: a rich text table per sheet, or JSON.

Nothing here prints: text rendering returns rich renderables for the CLI to
print, JSON returns a string.  (The annotated copy of a workbook is drawn by
perfxl.excel, which owns painting.)
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfxl.check.messages import message
from perfxl.core.findings import SEVERITY_ORDER, Finding, summarize
from perfxl.workbook import schema as S

if TYPE_CHECKING:
    from rich.console import RenderableType

SEVERITY_NAMES = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}
_STYLES = {"error": "bold red", "warning": "yellow", "info": "blue"}
_HEAD = {
    "zh": ("级别", "单元格", "规则", "项目编码", "说明"),
    "en": ("severity", "cell", "rule", "project", "message"),
}
WORKBOOK_LEVEL = {"zh": "（工作簿）", "en": "(workbook)"}
MORE = {
    "zh": "……另有 {n} 条未列出（--max-rows 0 列出全部，或用 --format json / --annotate）",
    "en": "… {n} more not shown (--max-rows 0 lists all; or use --format json / --annotate)",
}


def summary_line(path: str | Path, findings: Sequence[Finding], *, lang: str = "zh") -> str:
    counts = summarize(list(findings))
    if lang == "en":
        return f"{path}: {counts['error']} errors, {counts['warning']} warnings, {counts['info']} info"
    return f"{path}：{counts['error']} 个错误，{counts['warning']} 个警告，{counts['info']} 条提示"


def group_by_sheet(findings: Sequence[Finding]) -> list[tuple[str | None, list[Finding]]]:
    """Findings per sheet; the sheet with the most severe finding first, each most severe first."""
    order = {name: i for i, name in enumerate((S.INFO, *S.standard().data_sheet_names))}
    groups: dict[str | None, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.sheet, []).append(f)
    for items in groups.values():
        items.sort(key=lambda f: (SEVERITY_ORDER[f.severity], f.row or 0, len(f.column or ""), f.column or "", f.code))
    return sorted(
        groups.items(),
        key=lambda kv: (SEVERITY_ORDER[kv[1][0].severity], order.get(kv[0] or "", -1), kv[0] or ""),
    )


def text_report(
    path: str | Path, findings: Sequence[Finding], *, lang: str = "zh", max_rows: int = 0
) -> list[RenderableType]:
    """Rich tables (one per sheet) and the one-line summary, ready for ``console.print``.

    ``max_rows`` > 0 caps each sheet's table (rich renders ~1,500 rows a second; the
    summary still counts everything, and JSON or --annotate list it all).
    """
    from rich.table import Table
    from rich.text import Text

    out: list[RenderableType] = []
    names = SEVERITY_NAMES[lang]
    for sheet, items in group_by_sheet(findings):
        table = Table(title=f"{path} — {sheet or WORKBOOK_LEVEL[lang]}", title_justify="left", expand=False)
        for head in _HEAD[lang]:
            table.add_column(head, overflow="fold")
        hidden = len(items) - max_rows if 0 < max_rows < len(items) else 0
        if hidden:
            items = items[:max_rows]
            table.caption = MORE[lang].format(n=hidden)
            table.caption_justify = "left"
        for f in items:
            table.add_row(
                Text(names[f.severity], style=_STYLES[f.severity]),
                f.cell or "",
                f.code,
                f.project_code or "",
                message(f, lang),
            )
        out.append(table)
    counts = summarize(list(findings))
    style = "bold red" if counts["error"] else ("yellow" if counts["warning"] else "green")
    out.append(Text(summary_line(path, findings, lang=lang), style=style))
    return out


def json_report(files: Sequence[tuple[str | Path, Sequence[Finding]]], *, lang: str = "zh") -> str:
    """``{"files": [{"path", "findings", "summary"}]}`` with messages in ``lang``."""
    data: dict[str, Any] = {
        "files": [
            {
                "path": str(path),
                "findings": [f.to_dict(lang, message=message(f, lang)) for f in findings],
                "summary": summarize(list(findings)),
            }
            for path, findings in files
        ]
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
