"""Indicator tables that repeat a row: near-copy-indicator-table counts a repeated row as often as both tables have it.

The tables are projects 2-4 of the fixture (项目 rows 3, 4, 5; 项目名称 in column C).
"""

from __future__ import annotations

from pathlib import Path

from perfxl.core.model import Indicator
from tests.test_rules_accuracy import _with_tables
from tests.test_rules_base import check


def _table(rows: list[tuple[str, str]]) -> tuple[Indicator, ...]:
    """Rows (三级指标, 指标值), all ≥ … % under 产出指标/质量指标."""
    return tuple(
        Indicator(level1="产出指标", level2="质量指标", level3=name, sign="≥", value=value, unit="%", basis="往年")
        for name, value in rows
    )


def test_repeated_rows_count_as_often_as_both_tables_have_them(tmp_path: Path) -> None:
    a = _table([("甲", "80"), ("甲", "80"), ("乙", "81"), ("丙", "82"), ("丁", "83"), ("戊", "84")])
    # b shares 甲 twice (min(2, 2) = 2) and 乙 丙 丁: 5 of 6 rows (as sets only 4 would match).
    b = _table([("甲", "80"), ("甲", "80"), ("乙", "81"), ("丙", "82"), ("丁", "83"), ("己", "99")])
    # c (no repeats) shares 甲 乙 丙 丁 with a and with b: 4 of 6, 4 × 3 = 12 ≥ 6 × 2; a is the first of equals.
    c = _table([("甲", "80"), ("乙", "81"), ("丙", "82"), ("丁", "83"), ("庚", "70"), ("辛", "71")])
    findings = check(_with_tables(a, b, c), tmp_path, "near-copy-indicator-table")
    got = [
        (f.cell, f.ctx["other"], f.ctx["first"], f.ctx["matched"], f.ctx["rows"], f.ctx["changed"]) for f in findings
    ]
    assert got == [
        ("C4", "130434214GIWQV0OPVG40", 3, 5, 6, 1),
        ("C5", "130434214GIWQV0OPVG40", 3, 4, 6, 2),
    ]
