"""The one-line report as plain text (pipes, files) is the styled report's text, line for line."""

from __future__ import annotations

from pathlib import Path

from perfxl.check.engine import validate
from perfxl.check.report import line_report, plain_lines
from perfxl.core.findings import Finding, MessageTemplates
from perfxl.core.location import Location
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


def test_control_characters_are_dropped_as_rich_drops_them() -> None:
    # A bell, backspace, vertical tab, form feed and carriage return in a path and a project code.
    location = Location(sheet="项目", cell="B2", row=2, column="B", project_code="P\x071\x08\x0b\x0c")
    finding = Finding(
        code="money-negative",
        severity="error",
        location=location,
        value="-1",
        templates=MessageTemplates(zh="负数", en="negative"),
    )
    path = "b\rook.xlsx"
    styled = line_report(path, [finding])
    plain = plain_lines(path, [finding])
    assert plain == [line.plain for line in styled]
    # The rule's own template gives the message (金额 {value} 为负数); the five characters are gone.
    assert plain[0] == "book.xlsx:项目!B2: 错误 money-negative P1 金额 -1 为负数"
