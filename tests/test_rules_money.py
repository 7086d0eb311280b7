"""Money, the spending plan, and money promised in text or in 成本指标."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from perfxl.core.model import Budget, Dataset, Schedule
from tests.conftest import make_dataset
from tests.test_rules_base import check, edit_indicator, edit_project, where

D = Decimal


def with_budget(total: str | None, fiscal: str | None, other: str | None) -> Dataset:
    b = Budget(total=total, fiscal=fiscal, other=other)
    return edit_project(make_dataset(), 1, budget=b)


def test_more_than_two_decimals_is_seen(tmp_path: Path) -> None:
    findings = check(with_budget("58.051", "50.001", "8.05"), tmp_path, "money-decimals")
    assert sorted((f.cell, f.value) for f in findings) == [("D3", "58.051"), ("E3", "50.001")]


def test_negative_amount(tmp_path: Path) -> None:
    (f,) = check(with_budget("58.05", "60.00", "-1.95"), tmp_path, "money-negative")
    assert (f.cell, f.value, f.project_code) == ("F3", "-1.95", "130434214GIWQV0OPVG49")


@pytest.mark.parametrize(
    ("total", "fiscal", "other", "flagged"),
    [
        ("58.05", "50.00", "8.05", False),
        ("58.05", "50.00", "8.00", True),
        ("58.05", "58.05", None, False),  # a blank part counts as 0
        ("58.05", None, None, False),  # parts not given: nothing to add up
        ("10", "10.00", "0", False),
    ],
)
def test_budget_sum(tmp_path: Path, total: str, fiscal: str | None, other: str | None, flagged: bool) -> None:
    findings = check(with_budget(total, fiscal, other), tmp_path, "budget-sum")
    assert where(findings) == ([("budget-sum", "项目", "D3")] if flagged else [])


def plan(*values: str | None) -> Dataset:
    mar, jun, oct_, dec = (D(v) if v is not None else None for v in values)
    return edit_project(make_dataset(), 1, schedule=Schedule(mar=mar, jun=jun, oct=oct_, dec=dec))


CASES: list[tuple[tuple[str | None, ...], list[tuple[str, str]]]] = [
    (("25", "50", "75", "100"), []),
    (("100", None, None, None), []),  # done by 3月底; blanks after 100 % are fine
    ((None, None, "100", "100"), []),
    (("25", "50", "50", "100"), []),
    (("25", "50", "75", "90"), [("schedule-end", "F3")]),
    ((None, None, None, None), [("schedule-end", "F3")]),
    (("25", "50", "75", None), [("schedule-end", "F3")]),
    (("60", "40", "75", "100"), [("schedule-decreasing", "D3")]),
    (("30", None, "80", "100"), [("schedule-gap", "D3")]),
    (("25", "50", "120", "100"), [("schedule-decreasing", "F3"), ("schedule-range", "E3")]),
]


@pytest.mark.parametrize(("values", "expected"), CASES)
def test_schedule(tmp_path: Path, values: tuple[str | None, ...], expected: list[tuple[str, str]]) -> None:
    findings = check(plan(*values), tmp_path, "schedule-end", "schedule-decreasing", "schedule-gap", "schedule-range")
    assert sorted((f.code, f.cell) for f in findings) == expected
    assert all(f.sheet == "支出计划" for f in findings)


def test_schedule_messages(tmp_path: Path) -> None:
    (f,) = check(plan("60", "40", "75", "100"), tmp_path, "schedule-decreasing")
    assert f.message("zh") == "支出进度是累计数，6月底 40.00% 低于之前的 60.00%"
    (g,) = check(plan("30", None, "80", "100"), tmp_path, "schedule-gap")
    assert g.severity == "warning" and "6月底" in g.message("zh")


@pytest.mark.parametrize(
    ("field", "text", "flagged"),
    [
        ("purpose", "安排资金20万元用于贷款担保。", True),
        ("goals", "帮助劳动者就业，全年担保贷款 200000元。", True),
        ("purpose", "安排资金１０万元用于贷款担保。", False),  # full-width, equal to the budget
        ("goals", "每人补贴500元，共20人。", False),
        ("purpose", "项目资金 0.5亿元。", True),
    ],
)
def test_text_money_over_budget(tmp_path: Path, field: str, text: str, flagged: bool) -> None:
    ds = edit_project(make_dataset(), 0, **{field: text})  # budget 10.00 万元
    findings = check(ds, tmp_path, "text-money-over-budget")
    column = {"purpose": "G2", "goals": "H2"}[field]
    assert where(findings) == ([("text-money-over-budget", "项目", column)] if flagged else [])


@pytest.mark.parametrize(
    ("changes", "flagged"),
    [
        ({"value": "10", "unit": "万元"}, False),
        ({"value": "100000", "unit": "元"}, False),
        ({"value": "100", "unit": "万元"}, True),
        ({"value": "100001", "unit": "元"}, True),
        ({"value": "100", "unit": "元/人"}, False),  # a unit cost, not comparable
    ],
)
def test_cost_over_budget(tmp_path: Path, changes: dict[str, Any], flagged: bool) -> None:
    ds = edit_indicator(make_dataset(), 0, 3, **changes)  # 产出指标/成本指标, budget 10.00 万元
    findings = check(ds, tmp_path, "cost-over-budget")
    assert where(findings) == ([("cost-over-budget", "绩效指标", "I5")] if flagged else [])
