"""What Excel's buttons call through xlwings ``RunPython``.

Example (VBA): ``RunPython "import perfxl.excel.entry as p; p.validate_active()"``.
Each function works on the workbook that called it (``xw.Book.caller()``) and
ends with a message box; a problem shows as one line in the box, never as a
Python traceback.
"""

from __future__ import annotations

from collections.abc import Callable

from perfxl.core.errors import PerfxlError
from perfxl.excel.live import LiveReport, clear_book, fix_book, validate_book
from perfxl.excel.xlwings_backend import XlwingsBook

TITLE = "perfxl"


def _run(action: Callable[..., LiveReport], describe: Callable[[LiveReport], str]) -> None:
    backend = XlwingsBook.caller()
    try:
        report = action(backend)
    except PerfxlError as exc:
        backend.book.app.alert(str(exc), title=TITLE, mode="critical")
        return
    except Exception as exc:  # Excel refusing a call (a cell still in edit mode, a dialog open …)
        backend.book.app.alert(excel_trouble(exc), title=TITLE, mode="critical")
        return
    backend.book.app.alert(describe(report), title=TITLE, mode="info")


def validate_active() -> None:
    """校验: paint the findings on the calling workbook."""
    _run(validate_book, describe_validate)


def fix_active() -> None:
    """修正: apply the safe fixes, then paint what is left."""
    _run(fix_book, describe_fix)


def clear_active() -> None:
    """清除标记: remove perfxl's marks, restoring the workbook's own fills and notes."""
    _run(clear_book, describe_clear)


def describe_validate(report: LiveReport) -> str:
    s = report.summary
    if not report.findings:
        return f"{report.book}: 没有发现问题。No findings."
    return (
        f"{report.book}: 错误 {s['error']} 个，警告 {s['warning']} 个，提示 {s['info']} 个；"
        f"已在 {report.painted} 个单元格上标色并加批注，详见“校验结果”工作表。\n"
        f"{s['error']} errors, {s['warning']} warnings, {s['info']} info; "
        f"{report.painted} cells marked, listed on sheet 校验结果."
    )


def describe_fix(report: LiveReport) -> str:
    lines = [f"已修正 {len(report.changes)} 个单元格 / {len(report.changes)} cells fixed:"]
    lines += [f"  {sheet}!{cell}: {shown(old)} → {shown(new)}" for sheet, cell, old, new in report.changes[:30]]
    if len(report.changes) > 30:
        lines.append(f"  … 另有 {len(report.changes) - 30} 处 / {len(report.changes) - 30} more")
    lines.append(describe_validate(report))
    return "\n".join(lines)


def excel_trouble(exc: BaseException) -> str:
    """One line for an error Excel raised while perfxl was working in it."""
    return (
        f"Excel 拒绝了操作（{type(exc).__name__}: {exc}）。请先结束单元格编辑（按 Enter）、关闭对话框后重试。\n"
        f"Excel refused the operation ({type(exc).__name__}: {exc}); finish editing the cell, close any dialog "
        f"and try again."
    )


def shown(value: object) -> str:
    """A cell value as the user typed it (blank for an empty cell)."""
    return "" if value is None else str(value)


def describe_clear(report: LiveReport) -> str:
    text = f"{report.book}: 已清除 {report.cleared} 个单元格的标记 / marks removed from {report.cleared} cells."
    if report.lost:
        text += (
            f"\n有 {report.lost} 个标记找不到原单元格（行被删除或批注被改动），请手动检查。"
            f"\n{report.lost} marks could not be found (rows deleted or notes edited); check them by hand."
        )
    return text
