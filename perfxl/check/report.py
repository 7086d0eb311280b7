"""Render findings: a rich table per sheet, one plain line per finding, or JSON.

Nothing here prints: text rendering returns rich renderables for the CLI to
print (tables for a wide terminal, lines for anything else), JSON returns a
string.  Text output follows the workbook: sheet by sheet in its order, then
row by row; JSON keeps the engine's order (most severe first).  (The annotated
copy of a workbook is drawn by perfxl.excel, which owns painting.)
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfxl.check.messages import message
from perfxl.core.findings import Finding, Severity, jsonable, summarize
from perfxl.workbook import schema as S

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

SEVERITY_NAMES = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}
_STYLES = {"error": "bold red", "warning": "yellow", "info": "blue"}
# The control characters rich's Text drops (rich.control.STRIP_CONTROL_CODES): plain lines drop them too.
_RICH_STRIPS = dict.fromkeys((7, 8, 11, 12, 13))
_HEAD = {
    "zh": ("级别", "单元格", "规则", "项目编码", "说明"),
    "en": ("severity", "cell", "rule", "project", "message"),
}
_BREAKS = re.compile(r"\s*[\r\n\t\v\f]+\s*")
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


def _sheet_rank(sheet_order: Sequence[str]) -> Callable[[str | None], tuple[int, int, str]]:
    """Sort key of a sheet: workbook-level first, then sheets the workbook lacks, then the workbook's order."""
    in_book = {name: i for i, name in enumerate(sheet_order)}
    standard = {name: i for i, name in enumerate((S.INFO, *S.standard().data_sheet_names))}

    def rank(sheet: str | None) -> tuple[int, int, str]:
        if sheet is None:
            return (0, 0, "")
        if sheet in in_book:
            return (2, in_book[sheet], sheet)
        return (1, standard.get(sheet, len(standard)), sheet)

    return rank


def _place(f: Finding) -> tuple[int, int, str, str]:
    column = f.column or ""
    return (f.row or 0, len(column), column, f.code)


def group_by_sheet(
    findings: Sequence[Finding], sheet_order: Sequence[str] = ()
) -> list[tuple[str | None, list[Finding]]]:
    """Findings per sheet, in the workbook's sheet order (see ``_sheet_rank``); each by row, column, code."""
    groups: dict[str | None, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.sheet, []).append(f)
    for items in groups.values():
        items.sort(key=_place)
    rank = _sheet_rank(sheet_order)
    return sorted(groups.items(), key=lambda kv: rank(kv[0]))


def _capped(items: list[Finding], max_rows: int) -> tuple[list[Finding], int]:
    hidden = len(items) - max_rows if 0 < max_rows < len(items) else 0
    return (items[:max_rows] if hidden else items), hidden


def _one_line(text: str) -> str:
    """``text`` without line breaks or tabs (a message may quote a multi-line cell)."""
    return _BREAKS.sub(" ", text)


def _line_parts(
    path: str | Path, findings: Sequence[Finding], lang: str, max_rows: int, sheet_order: Sequence[str]
) -> Iterator[tuple[str, Severity | None, str]]:
    """Each line of the line report as (text before the severity, severity or None, text after)."""
    for sheet, items in group_by_sheet(findings, sheet_order):
        shown, hidden = _capped(items, max_rows)
        for f in shown:
            where = f"{path}:{f.location.reference}" if f.sheet else str(path)
            rest = f" {f.code} {f.project_code or '-'} {_one_line(message(f, lang))}"
            yield f"{where}: ", f.severity, rest
        if hidden:
            where = f"{path}:{sheet}" if sheet else str(path)
            yield f"{where}: {MORE[lang].format(n=hidden)}", None, ""


def line_report(
    path: str | Path,
    findings: Sequence[Finding],
    *,
    lang: str = "zh",
    max_rows: int = 0,
    sheet_order: Sequence[str] = (),
) -> list[Text]:
    """One line per finding, ``file:sheet!cell: 错误 rule-code 项目编码 message``, then the summary.

    For narrow terminals: no box drawing and no wrapping, so each finding is one
    line for grep; a finding without a project shows ``-`` in its place, so the
    fields stay in the same positions.  The severity is styled (a terminal shows
    it in colour); :func:`plain_lines` gives the same lines as text, without rich.
    """
    from rich.text import Text

    names = SEVERITY_NAMES[lang]
    out: list[Text] = []
    for head, severity, rest in _line_parts(path, findings, lang, max_rows, sheet_order):
        if severity is None:
            out.append(Text(head + rest))
        else:
            out.append(Text.assemble(head, (names[severity], _STYLES[severity]), rest))
    out.append(_summary_text(path, findings, lang))
    return out


def plain_lines(
    path: str | Path,
    findings: Sequence[Finding],
    *,
    lang: str = "zh",
    max_rows: int = 0,
    sheet_order: Sequence[str] = (),
) -> list[str]:
    """The lines of :func:`line_report` as plain text, for pipes and files (no rich needed)."""
    names = SEVERITY_NAMES[lang]
    lines = [
        head + (names[severity] if severity else "") + rest
        for head, severity, rest in _line_parts(path, findings, lang, max_rows, sheet_order)
    ]
    lines.append(summary_line(path, findings, lang=lang))
    return [line.translate(_RICH_STRIPS) for line in lines]


def _summary_text(path: str | Path, findings: Sequence[Finding], lang: str) -> Text:
    from rich.text import Text

    counts = summarize(list(findings))
    style = "bold red" if counts["error"] else ("yellow" if counts["warning"] else "green")
    return Text(summary_line(path, findings, lang=lang), style=style)


def text_report(
    path: str | Path,
    findings: Sequence[Finding],
    *,
    lang: str = "zh",
    max_rows: int = 0,
    sheet_order: Sequence[str] = (),
) -> list[RenderableType]:
    """Rich tables (one per sheet, in the workbook's order) and the one-line summary, for a wide terminal.

    ``max_rows`` > 0 caps each sheet's table (rich renders ~1,500 rows a second; the
    summary still counts everything, and JSON or --annotate list it all).
    """
    from rich.table import Table
    from rich.text import Text

    out: list[RenderableType] = []
    names = SEVERITY_NAMES[lang]
    for sheet, items in group_by_sheet(findings, sheet_order):
        table = Table(title=f"{path} — {sheet or WORKBOOK_LEVEL[lang]}", title_justify="left", expand=False)
        for head in _HEAD[lang]:
            table.add_column(head, overflow="fold")
        shown, hidden = _capped(items, max_rows)
        if hidden:
            table.caption = MORE[lang].format(n=hidden)
            table.caption_justify = "left"
        for f in shown:
            table.add_row(
                Text(names[f.severity], style=_STYLES[f.severity]),
                f.cell or "",
                f.code,
                f.project_code or "",
                message(f, lang),
            )
        out.append(table)
    out.append(_summary_text(path, findings, lang))
    return out


def json_report(files: Sequence[tuple[str | Path, Sequence[Finding]]], *, lang: str = "zh") -> str:
    """``{"files": [{"path", "findings", "summary"}]}`` with messages in ``lang``.

    The text is what ``json.dumps(…, ensure_ascii=False, indent=2)`` writes for that dict, written
    as pieces joined once (a report of 70k findings is tens of MB: no copy of it is made twice).
    """
    if not files:
        return indented_json({"files": []})
    out = ['{\n  "files": [']
    for n, (path, findings) in enumerate(files):
        out.append(",\n    {" if n else "\n    {")
        out.append('\n      "path": ' + _encode_str(str(path)) + ',\n      "findings": ')
        _findings_json(out, findings, lang, level=3)
        out.append(',\n      "summary": ' + indented_json(summarize(list(findings)), 3) + "\n    }")
    out.append("\n  ]\n}")
    return "".join(out)


_encode_str = json.encoder.encode_basestring  # the C function json.dumps uses with ensure_ascii=False
_SCALAR = {True: "true", False: "false", None: "null"}


def _findings_json(out: list[str], findings: Sequence[Finding], lang: str, *, level: int) -> None:
    """Append the findings as ``indented_json([f.to_dict(lang, message=…) …], level)`` writes them.

    Every finding has the same keys, so each is written by one template instead of a walk
    over its dict: 70k findings in a fraction of the time.
    """
    if not findings:
        out.append("[]")
        return
    pad = "\n" + "  " * (level + 2)
    inner = "\n" + "  " * (level + 3)
    keys = [f'{pad}"{key}": ' for key in ("code", "severity", "sheet", "cell", "row", "column", "project_code")]
    opening = "[\n" + "  " * (level + 1) + "{"
    between = "\n" + "  " * (level + 1) + "},\n" + "  " * (level + 1) + "{"
    enc, value_text = _encode_str, _value_text
    for n, f in enumerate(findings):
        loc = f.location
        out += (
            between if n else opening,
            keys[0], enc(f.code), ",",
            keys[1], enc(f.severity), ",",
            keys[2], value_text(loc.sheet, 0), ",",
            keys[3], value_text(loc.cell, 0), ",",
            keys[4], value_text(loc.row, 0), ",",
            keys[5], value_text(loc.column, 0), ",",
            keys[6], value_text(loc.project_code, 0), ",",
            pad, '"value": ', value_text(f.value, level + 2), ",",
            pad, '"ctx": ',
        )  # fmt: skip
        if f.ctx:
            out.append("{")
            for m, (key, value) in enumerate(f.ctx.items()):
                out += ("," if m else "", inner, enc(key), ": ", value_text(value, level + 3))
            out += (pad, "}")
        else:
            out.append("{}")
        out += (",", pad, '"message": ', enc(message(f, lang)))
    out.append("\n" + "  " * (level + 1) + "}\n" + "  " * level + "]")


def _value_text(value: Any, level: int) -> str:
    """A finding's value (or a ctx value) as ``to_dict`` gives it to JSON: plain values as they are."""
    return _scalar(value if value.__class__ in _PLAIN else jsonable(value), level)


_PLAIN = frozenset({str, int, type(None)})


def indented_json(value: Any, level: int = 0) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, byte for byte, several times faster.

    Python's encoder falls back to its pure-Python path whenever ``indent`` is given; a report of
    70k findings spent a second there.  This writes the same text from the C string encoder,
    with the scalars of a container written in its own loop (most values are text or numbers).
    """
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = "\n" + "  " * (level + 1)
        parts = []
        for key, item in value.items():
            parts.append(_encode_str(key if key.__class__ is str else _key(key)) + ": " + _scalar(item, level + 1))
        return "{" + inner + ("," + inner).join(parts) + "\n" + "  " * level + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        inner = "\n" + "  " * (level + 1)
        return (
            "[" + inner + ("," + inner).join([_scalar(item, level + 1) for item in value]) + "\n" + "  " * level + "]"
        )
    return _scalar(value, level)


def _key(key: Any) -> str:
    """A dict key that is not text, as json.dumps writes it (true, null, 1.5 …)."""
    if key is None or key is True or key is False:
        return _SCALAR[key]
    if isinstance(key, int | float):
        return json.dumps(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _scalar(value: Any, level: int) -> str:
    kind = value.__class__
    if kind is str:
        return _encode_str(value)
    if value is None or kind is bool:
        return _SCALAR[value]
    if kind is int:
        return int.__repr__(value)
    if isinstance(value, dict | list | tuple):
        return indented_json(value, level)
    return json.dumps(value, ensure_ascii=False, indent=2)  # floats, int subclasses …: as json.dumps writes them
