"""Cases found by mutation testing (issue 14) for the rules and the strict number reading.

Each test pins behaviour that a surviving mutant changed without any other test noticing.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from perfxl.check.rules.kinds import is_time_unit
from perfxl.check.rules.vague import checkable
from perfxl.core.values import strict_decimal
from tests.conftest import make_dataset
from tests.test_rules_base import check, edit_project


def test_checkable_reads_the_value_and_full_width_percent() -> None:
    assert checkable("服务", "提高", "10次", None)  # count written inside 指标值
    assert checkable("服务", "提高", "", "次") is False  # a unit without a number counts nothing
    assert checkable("就业率", "提高", "95", "％")  # full-width percent of a named rate
    assert checkable("参保", "参保率明显提高到95%", "是", None)  # a % of a named rate in the description
    assert checkable("就业", "明显提高", "95", "％") is False


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("1，234.50", Decimal("1234.50")), ("1 234", Decimal("1234")), ("1,234 ", Decimal("1234"))],
)
def test_strict_decimal_chinese_comma_and_spaces(typed: str, expected: Decimal) -> None:
    assert strict_decimal(typed) == expected


def test_strict_decimal_messages() -> None:
    with pytest.raises(ValueError, match=r"write the point as '\.' and group thousands by three"):
        strict_decimal("1.234,50")
    with pytest.raises(ValueError, match="expected a number, found '25%'"):
        strict_decimal("25%")  # a percent sign is not a unit suffix of an amount


@pytest.mark.parametrize(
    "unit", ["日前", "天内", "个工作日内", "工作日内", "月底", "个月内", "年底", "周内", "小时内", "季度末"]
)
def test_deadline_units_are_time(unit: str) -> None:
    assert is_time_unit(unit)


def test_not_time_units() -> None:
    assert not is_time_unit("次")
    assert not is_time_unit("人日")


def test_plan_out_of_range_without_hint_in_chinese(tmp_path: Path) -> None:
    plan = {"mar": Decimal("-5")}
    ds = edit_project(make_dataset(), 1, schedule=make_dataset().projects[1].schedule.model_copy(update=plan))
    (f,) = check(ds, tmp_path, "schedule-range")
    assert f.message("zh") == "3月底支出进度 -5.00% 不在 0%～100% 之间"


def test_unit_code_messages(tmp_path: Path) -> None:
    (f,) = check(edit_project(make_dataset(), 1, unit_code="316-001"), tmp_path, "unit-code-format")
    assert f.message("zh") == "单位编码“316-001”应只含数字"
    assert f.message("en") == "unit code '316-001' must be digits only"
    (f,) = check(edit_project(make_dataset(), 1, unit_code="３１６００１"), tmp_path, "unit-code-format")
    assert f.message("zh") == "单位编码“３１６００１”应只含数字（含全角字符，应为“316001”）"


def test_duplicate_goals_text_boundaries_and_message(tmp_path: Path) -> None:
    ds = make_dataset()
    template = ds.projects[1]
    short = template.model_copy(update={"code": "130434214GIWQV0OPVG50", "goals": "短"})
    six = "保障贴息到位"  # 6 characters: long enough to count
    a = template.model_copy(update={"code": "130434214GIWQV0OPVG51", "goals": six})
    b = template.model_copy(update={"code": "130434214GIWQV0OPVG52", "goals": six})
    ds = ds.model_copy(update={"projects": (ds.projects[0], short, a, b)})
    (f,) = check(ds, tmp_path, "duplicate-goals-text")
    assert (f.cell, f.value) == ("H5", six)
    assert f.message("en") == "绩效目标 is identical to project '130434214GIWQV0OPVG51' (row 4)"
