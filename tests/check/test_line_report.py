"""The one-line report as plain text (pipes, files) is the styled report's text, line for line."""

from __future__ import annotations

from pathlib import Path

from perfxl.check.engine import validate
from perfxl.check.report import line_report, plain_lines
from perfxl.workbook import read_workbook

PERTURBED = Path(__file__).resolve().parent.parent / "data" / "baseline" / "inputs" / "perturbed.xlsx"


def test_plain_lines_are_the_styled_lines_text() -> None:
    result = read_workbook(PERTURBED)
    findings = validate(result)
    assert len(findings) > 20  # the perturbed example has findings on several sheets
    for lang in ("zh", "en"):
        for max_rows in (0, 3):  # 3: some sheets end with a "… more" line
            styled = line_report(PERTURBED, findings, lang=lang, max_rows=max_rows, sheet_order=result.book.sheet_order)
            plain = plain_lines(PERTURBED, findings, lang=lang, max_rows=max_rows, sheet_order=result.book.sheet_order)
            assert plain == [line.plain for line in styled]
