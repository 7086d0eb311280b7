"""Actuals as people write them, and the stage records' types."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from perfxl.core.model import Indicator, Project, Schedule
from perfxl.core.stages import RecordError
from perfxl.year import (
    IndicatorEvaluation,
    IndicatorMonitor,
    ProjectEvaluation,
    ProjectMonitor,
    Reasons,
    plan_at,
    read_actual,
    schedule_checkpoints,
)


@pytest.mark.parametrize(
    ("text", "kind", "number", "unit"),
    [
        ("96%", "number", D("96"), "%"),
        ("９６％", "number", D("96"), "%"),
        (" 96 % ", "number", D("96"), "%"),
        ("12次", "number", D("12"), "次"),
        ("≤7万元", "number", D("7"), "万元"),
        ("≦7万元", "number", D("7"), "万元"),
        ("1,200人", "number", D("1200"), "人"),
        ("0.5", "number", D("0.5"), None),
        ("完成", "text", None, None),
        ("是", "text", None, None),
        ("/", "not-applicable", None, None),
        ("／", "not-applicable", None, None),
        ("不适用", "not-applicable", None, None),
        ("", "missing", None, None),
        (None, "missing", None, None),
    ],
)
def test_read_actual(text: str | None, kind: str, number: D | None, unit: str | None) -> None:
    got = read_actual(text)
    assert (got.kind, got.number, got.unit) == (kind, number, unit)


def test_records_refuse_floats_and_keep_decimals() -> None:
    with pytest.raises(RecordError, match="spent"):
        ProjectMonitor(spent=1.5)  # type: ignore[arg-type]
    with pytest.raises(RecordError, match="score"):
        IndicatorEvaluation(score=8.5)  # type: ignore[arg-type]
    with pytest.raises(RecordError, match="month"):
        ProjectMonitor(month=13)
    with pytest.raises(RecordError, match="actual"):
        IndicatorMonitor(actual=96)  # type: ignore[arg-type]
    with pytest.raises(RecordError, match="reasons"):
        IndicatorMonitor(reasons={"weather": "下雨"})  # type: ignore[arg-type]
    assert ProjectEvaluation(spent="89.974").spent == D("89.974")
    assert ProjectEvaluation(budget_adjusted=90).budget_adjusted == D("90.00")


def test_reasons_and_monitor() -> None:
    assert not Reasons().any()
    assert not Reasons(funding=" ").any()
    assert Reasons(staff="人员调动").any()
    assert IndicatorMonitor(likelihood="有可能").reasons == Reasons()


def test_plan_interpolation() -> None:
    quarterly = schedule_checkpoints(Schedule(mar=D(25), jun=D(50), oct=D(75), dec=D(100)))
    assert quarterly == {3: D(25), 6: D(50), 10: D(75), 12: D(100)}
    # between 6月底 50 % and 10月底 75 %: 50 + 25 × (7 − 6)/(10 − 6) = 56.25
    assert plan_at(quarterly, 7) == D("56.25")
    # before the first checkpoint, from 0 %: 25 × 2/3 = 16.666…
    assert plan_at(quarterly, 2) == D(25) * 2 / 3
    # only 10月底 and 12月底 filled: 100 × 7/10 = 70
    assert plan_at(schedule_checkpoints(Schedule(oct=D(100), dec=D(100))), 7) == D(70)
    assert plan_at({}, 7) is None


def test_records_given_to_the_model_as_data_are_checked_by_the_records() -> None:
    # pydantic alone would turn 2.5 into Decimal("2.5"): the records' own check runs first.
    with pytest.raises(ValueError, match="must not be floats"):
        Project(code="P", monitor={"spent": 2.5})
    with pytest.raises(ValueError, match="must not be floats"):
        Indicator(evaluation={"score": 1.5})
    with pytest.raises(ValueError, match="spend: not a field"):
        Project(code="P", evaluation={"spend": "1"})
    with pytest.raises(ValueError, match=r"reasons\.funding: expected text"):
        Indicator(monitor={"reasons": {"funding": 1}})
    # Text and whole numbers as a form gives them: month "7" is 7; "3.5" is money, two places.
    project = Project(code="P", monitor={"month": "7", "spent": "3.5"})
    assert project.monitor == ProjectMonitor(month=7, spent=D("3.50"))
