"""Scoring by hand: every expected number below is worked out in the comment beside it."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from perfxl.core.model import Indicator
from perfxl.year import (
    IndicatorCase,
    IndicatorEvaluation,
    ProjectEvaluation,
    ScoringSettings,
    apportion,
    indicator_weights,
    judge,
    load_scoring_settings,
    score_project,
)

S = load_scoring_settings()


def ind(level1: str, sign: str | None, value: str | None, unit: str | None = None) -> Indicator:
    return Indicator(level1=level1, level2="数量指标", level3="x", sign=sign, value=value, unit=unit)


def points_for(
    indicator: Indicator, weight: str, actual: str | None, *, typed: str | None = None, settings: ScoringSettings = S
) -> tuple[str, D | None, str | None]:
    """(status, score, reason code) of one indicator scored alone with execution at 100 %."""
    case = IndicatorCase(indicator, D(weight), IndicatorEvaluation(actual=actual, score=typed))
    result = score_project("P", [case], ProjectEvaluation(budget_adjusted=D(1), spent=D(1)), settings)
    got = result.indicators[0]
    return got.status, got.score, got.reason.code if got.reason else None


# --- weights ------------------------------------------------------------------------


def test_apportion_splits_in_fen_adding_up() -> None:
    # 50 / 3 = 16.666…: 1666 fen each = 49.98, 2 fen left → the first two get one more.
    assert apportion(D(50), [D(1)] * 3) == [D("16.67"), D("16.67"), D("16.66")]
    # 30 / 4 = 7.50 exactly.
    assert apportion(D(30), [D(1)] * 4) == [D("7.50")] * 4
    # 100 in proportion 10:25:30:10 (sum 75): 13.333…, 33.333…, 40, 13.333… → floors 13.33+33.33+40+13.33
    # = 99.99; the one fen left goes to the largest cut-off (.00333 three times, a tie) → the first.
    assert apportion(D(100), [D(10), D(25), D(30), D(10)]) == [D("13.34"), D("33.33"), D("40.00"), D("13.33")]


def test_default_weights_by_level() -> None:
    levels = ["产出指标", "产出指标", "成本指标", "效益指标", "满意度指标", "满意度指标"]
    # 产出 50 shared with 成本 among 3 → 16.67, 16.67, 16.66; 效益 30 alone; 满意度 10 / 2 = 5, 5.
    assert indicator_weights(levels, [None] * 6, S) == [
        D("16.67"),
        D("16.67"),
        D("16.66"),
        D("30.00"),
        D("5.00"),
        D("5.00"),
    ]


def test_own_weights_win_and_the_rest_of_a_level_is_shared() -> None:
    # 产出 50 − own 20 = 30 left for the other two: 15 each.  效果指标 has no default points → None.
    got = indicator_weights(["产出指标", "产出指标", "产出指标", "效果指标"], [D(20), None, None, None], S)
    assert got == [D(20), D("15.00"), D("15.00"), None]


# --- 正向 and = ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("indicator", "weight", "actual", "expected"),
    [
        (ind("产出指标", "≥", "80", "%"), "20", "72%", D("18.00")),  # 20 × 72/80 = 18
        (ind("产出指标", "≥", "80", "%"), "20", "96%", D("20.00")),  # 96/80 > 1 → capped at 1 → 20
        (ind("产出指标", "≥", "80", "%"), "20", "９６％", D("20.00")),  # full-width read like 96%
        (ind("产出指标", ">", "100", "户"), "10", "50户", D("5.00")),  # 10 × 50/100 = 5
        (ind("产出指标", "=", "4", "次"), "10", "3次", D("7.50")),  # 10 × 3/4 = 7.5
        (ind("产出指标", "=", "4", "次"), "10", "5", D("10.00")),  # no unit given: fine; 5/4 capped → 10
        (ind("产出指标", "=", "0", "起"), "10", "0起", D("10.00")),  # = 0 and 实际 ≤ 0 → full
        (ind("产出指标", "=", "0", "起"), "10", "2起", D("0.00")),  # = 0 and 实际 > 0 → 0
        (ind("产出指标", "≥", "0", "%"), "10", "0%", D("10.00")),  # ≥ 0 met by 0 → full
        (ind("产出指标", "≥", "80", "%"), "10", "-5%", D("0.00")),  # −5/80 < 0 → floored at 0
        (ind("产出指标", "≥", "1,000", "人"), "10", "1,200人", D("10.00")),  # 1200/1000 capped → 10
        (ind("产出指标", "≥", "100", None), "16.65", "50", D("8.33")),  # 16.65 × 0.5 = 8.325 → half-up 8.33
        (
            ind("产出指标", "≥", "3", "次"),
            "10",
            "≥2次",
            D("6.67"),
        ),  # sign in the actual ignored: 10 × 2/3 = 6.666… → 6.67
    ],
)
def test_positive_and_equal(indicator: Indicator, weight: str, actual: str, expected: D) -> None:
    assert points_for(indicator, weight, actual) == ("scored", expected, None)


# --- 反向 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actual", "linear", "ratio"),
    [
        ("9万元", D("10.00"), D("10.00")),  # 9 ≤ 10: full either way
        ("10", D("10.00"), D("10.00")),  # equal: full
        ("12万元", D("8.00"), D("8.33")),  # linear 10 × (2 − 1.2) = 8; ratio 10 × 10/12 = 8.333… → 8.33
        ("15万元", D("5.00"), D("6.67")),  # at 1.5 × target: 10 × 0.5 = 5 vs 10 × 10/15 = 6.666… → 6.67
        ("25万元", D("0.00"), D("4.00")),  # linear 2 − 2.5 < 0 → 0; ratio 10 × 10/25 = 4
    ],
)
def test_reverse_both_formulas(actual: str, linear: D, ratio: D) -> None:
    target = ind("产出指标", "≤", "10", "万元")
    assert points_for(target, "10", actual) == ("scored", linear, None)
    assert points_for(target, "10", actual, settings=S.with_changes(reverse_formula="ratio")) == ("scored", ratio, None)


def test_reverse_target_zero() -> None:
    target = ind("产出指标", "<", "0", "起")
    assert points_for(target, "10", "0起") == ("scored", D("10.00"), None)  # 0 ≤ 0: full
    assert points_for(target, "10", "1起") == ("scored", D("0.00"), None)  # above a zero ceiling: 0


# --- 定性 -------------------------------------------------------------------------------


def test_yes_no_pairs() -> None:
    assert points_for(ind("效益指标", "定性", "是"), "30", "是") == ("scored", D("30.00"), None)
    assert points_for(ind("效益指标", "定性", "是"), "30", "否") == ("scored", D("0.00"), None)
    assert points_for(ind("效益指标", "定性", "达到"), "30", "未达到") == ("scored", D("0.00"), None)
    assert points_for(ind("效益指标", "定性", "有"), "30", " 有 ") == ("scored", D("30.00"), None)
    # 是 against a word outside its pair: a person decides.
    assert points_for(ind("效益指标", "定性", "是"), "30", "基本实现")[0] == "needs-judgement"


def test_qualitative_bands() -> None:
    target = ind("效益指标", "定性", "有效提升")
    assert points_for(target, "10", "达成预期指标") == ("needs-judgement", None, "needs-score")
    # 达成年度指标 band is [80 %, 100 %] of 10 = [8, 10]: 8 in, 10 in, 7 out.
    assert points_for(target, "10", "达成预期指标", typed="8") == ("scored", D("8.00"), None)
    assert points_for(target, "10", "达成年度指标", typed="10") == ("scored", D("10.00"), None)
    assert points_for(target, "10", "达成年度指标", typed="7") == ("needs-judgement", None, "score-outside-band")
    # 部分达成 band is [60 %, 80 %): 6 in, 8 out (the upper end belongs to the band above).
    assert points_for(target, "10", "部分达成", typed="6") == ("scored", D("6.00"), None)
    assert points_for(target, "10", "部分达成", typed="8") == ("needs-judgement", None, "score-outside-band")
    # 未达成 band [0, 60 %): 5.99 in.
    assert points_for(target, "10", "未达成年度指标且效果较差", typed="5.99") == ("scored", D("5.99"), None)
    # A word naming no tier: any score from 0 to 分值 is accepted; above 分值 is not.
    assert points_for(target, "10", "良好", typed="9") == ("scored", D("9.00"), None)
    assert points_for(target, "10", "良好", typed="11") == ("needs-judgement", None, "score-outside-weight")


def test_needs_score_message_names_the_band_in_points() -> None:
    case = IndicatorCase(ind("效益指标", "定性", "有效提升"), D(30), IndicatorEvaluation(actual="部分达成"))
    got = judge(case.indicator, case.weight, case.evaluation, S)
    # 60 % and 80 % of 30 are 18 and 24.
    assert "18–24" in got.reason.message("zh") and "18–24" in got.reason.message("en")  # type: ignore[union-attr]


# --- unscorable and not applicable -------------------------------------------------------


@pytest.mark.parametrize(
    ("indicator", "actual", "code"),
    [
        (ind("产出指标", "≤", "30", "万元"), "完成", "text-actual"),
        (ind("产出指标", "=", "12", "次"), "12人", "unit-mismatch"),
        (ind("产出指标", "=", "12", None), "12次", "unit-mismatch"),
        (ind("产出指标", "≥", "80", "%"), None, "missing-actual"),
        (ind("产出指标", "≥", "80", "%"), "  ", "missing-actual"),
        (ind("产出指标", None, None), "96%", "no-target"),
        (ind("产出指标", "≥", "-5", "%"), "3%", "negative-target"),
    ],
)
def test_unscorable(indicator: Indicator, actual: str | None, code: str) -> None:
    assert points_for(indicator, "10", actual) == ("unscorable", None, code)


def test_no_weight_for_an_unknown_level() -> None:
    case = IndicatorCase(ind("效果指标", "≥", "80", "%"), None, IndicatorEvaluation(actual="90%"))
    got = score_project("P", [case], ProjectEvaluation(budget_adjusted=D(1), spent=D(1)), S)
    assert (got.indicators[0].status, got.indicators[0].reason.code) == ("unscorable", "no-weight")  # type: ignore[union-attr]
    assert got.total is None and got.grade is None


@pytest.mark.parametrize("actual", ["/", "／", "不适用", " 不适用 "])
def test_not_applicable(actual: str) -> None:
    assert points_for(ind("产出指标", "≥", "80", "%"), "10", actual) == ("not-applicable", None, "not-applicable")


# --- execution rate ----------------------------------------------------------------------


def execution(
    evaluation: ProjectEvaluation, budget_total: D | None = None
) -> tuple[D | None, D | None, bool, str | None]:
    got = score_project("P", [], evaluation, S, budget_total=budget_total).execution
    return got.rate, got.score, got.over_budget, got.reason.code if got.reason else None


def test_execution_rate() -> None:
    # 76 / 100 = 76 % → 10 × 0.76 = 7.60
    assert execution(ProjectEvaluation(budget_adjusted=D(100), spent=D(76))) == (D("76.00"), D("7.60"), False, None)
    # no 全年预算数: 年初预算数 50, 40 / 50 = 80 % → 8.00
    assert execution(ProjectEvaluation(budget_initial=D(50), spent=D(40))) == (D("80.00"), D("8.00"), False, None)
    # neither: the target 预算数 58.05; 29.025 / 58.05 = 50 % → 5.00
    assert execution(ProjectEvaluation(spent=D("29.025")), D("58.05")) == (D("50.00"), D("5.00"), False, None)
    # 110 / 100 = 110 %: scored as 100 % (10.00) and flagged
    assert execution(ProjectEvaluation(budget_adjusted=D(100), spent=D(110))) == (D("110.00"), D("10.00"), True, None)
    # 89.974 / 90 = 99.97111… % → rate 99.97; 10 × 0.9997111… = 9.997… → 10.00
    assert execution(ProjectEvaluation(budget_adjusted=D(90), spent=D("89.974"))) == (
        D("99.97"),
        D("10.00"),
        False,
        None,
    )
    assert execution(ProjectEvaluation(budget_adjusted=D(0), spent=D(0))) == (None, None, False, "no-budget")
    assert execution(ProjectEvaluation(budget_adjusted=D(10))) == (None, None, False, "no-spent")


# --- a whole project ---------------------------------------------------------------------


def test_project_with_an_indicator_not_applicable_is_rescaled_to_100() -> None:
    cases = [
        IndicatorCase(ind("产出指标", "≥", "100", "人"), evaluation=IndicatorEvaluation(actual="/")),
        IndicatorCase(ind("产出指标", "≥", "90", "%"), evaluation=IndicatorEvaluation(actual="95%")),
        IndicatorCase(ind("效益指标", "≥", "100", "户"), evaluation=IndicatorEvaluation(actual="80户")),
        IndicatorCase(ind("满意度指标", "≥", "90", "%"), evaluation=IndicatorEvaluation(actual="95%")),
    ]
    got = score_project("P", cases, ProjectEvaluation(budget_adjusted=D(100), spent=D(90)), S)
    # Default weights: execution 10, 产出 25 + 25, 效益 30, 满意度 10 = 100.  The first 产出 does not
    # apply: 10, 25, 30, 10 rescaled to 100 → 13.34, 33.33, 40.00, 13.33 (see test_apportion).
    assert got.execution.weight == D("13.34")
    assert [s.weight for s in got.indicators] == [None, D("33.33"), D("40.00"), D("13.33")]
    # execution 13.34 × 0.9 = 12.006 → 12.01; 95 % ≥ 90 % → 33.33; 40 × 80/100 = 32.00; 95 ≥ 90 → 13.33
    assert got.execution.score == D("12.01")
    assert [s.score for s in got.indicators] == [None, D("33.33"), D("32.00"), D("13.33")]
    assert [s.status for s in got.indicators] == ["not-applicable", "scored", "scored", "scored"]
    # 12.01 + 33.33 + 32.00 + 13.33 = 90.67 → 优
    assert (got.total, got.grade) == (D("90.67"), "优")


def test_typed_score_is_rescaled_with_its_weight() -> None:
    cases = [
        IndicatorCase(ind("产出指标", "≥", "100", "人"), D(40), IndicatorEvaluation(actual="不适用")),
        IndicatorCase(ind("产出指标", "≥", "10", "次"), D(10), IndicatorEvaluation(actual="10次")),
        IndicatorCase(
            ind("效益指标", "定性", "有效提升"), D(40), IndicatorEvaluation(actual="达成年度指标", score=D(36))
        ),
    ]
    got = score_project("P", cases, ProjectEvaluation(budget_adjusted=D(10), spent=D(10)), S)
    # All = 10 + 40 + 10 + 40 = 100; without the first: 10, 10, 40 (60) scaled to 100 → 16.666…, 16.666…,
    # 66.666… → floors 16.66 + 16.66 + 66.66 = 99.98; 2 fen to the largest cut-offs (.00666 each, a tie)
    # → the first two: 16.67, 16.67, 66.66.
    assert got.execution.weight == D("16.67")
    assert [s.weight for s in got.indicators] == [None, D("16.67"), D("66.66")]
    # The typed 36 of 40 (90 %, inside 达成年度指标's 32–40) becomes 36 × 66.66/40 = 59.994 → 59.99.
    assert [s.score for s in got.indicators] == [None, D("16.67"), D("59.99")]
    # 16.67 + 16.67 + 59.99 = 93.33 → 优
    assert (got.total, got.grade) == (D("93.33"), "优")


def test_total_is_empty_while_a_judgement_is_pending() -> None:
    cases = [
        IndicatorCase(ind("产出指标", "≥", "10", "次"), evaluation=IndicatorEvaluation(actual="10次")),
        IndicatorCase(ind("效益指标", "定性", "有效提升"), evaluation=IndicatorEvaluation(actual="部分达成")),
    ]
    got = score_project("P", cases, ProjectEvaluation(budget_adjusted=D(10), spent=D(10)), S)
    assert [s.status for s in got.indicators] == ["scored", "needs-judgement"]
    assert (got.total, got.grade) == (None, None)


def test_over_achievement_flag() -> None:
    def over(actual: str) -> bool:
        case = IndicatorCase(ind("产出指标", "≥", "100", "人"), D(10), IndicatorEvaluation(actual=actual))
        return score_project("P", [case], ProjectEvaluation(), S).indicators[0].over_target

    # threshold 100 × (1 + 50 %) = 150: 150 is not above it, 151 is.
    assert (over("150人"), over("151人")) == (False, True)


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        ("100", "优"),
        ("90", "优"),
        ("89.99", "良"),
        ("80", "良"),
        ("79.99", "中"),
        ("60", "中"),
        ("59.99", "差"),
        ("0", "差"),
    ],
)
def test_grades(total: str, grade: str) -> None:
    assert S.grade_for(D(total)) == grade
