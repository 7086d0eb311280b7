"""Why an indicator or an execution rate got no score, in Chinese and English.

A reason is a code plus values, like a finding; its text comes from templates
here, so reports and JSON can rely on the code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

TEMPLATES: dict[str, dict[str, str]] = {
    "not-applicable": {
        "zh": "实际完成值为「{actual}」（不适用）：不计分，总分按100分折算",
        "en": "actual {actual!r} means not applicable: left out, the total rescaled to 100",
    },
    "no-weight": {
        "zh": "没有分值，一级指标「{level1}」也没有默认分值",
        "en": "no 分值 given and 一级指标 {level1!r} has no default points",
    },
    "missing-actual": {"zh": "实际完成值为空", "en": "实际完成值 is empty"},
    "no-target": {"zh": "年度指标值为空，无法计分", "en": "the target has no value to score against"},
    "text-actual": {
        "zh": "年度指标值「{target}」是数值，实际完成值「{actual}」不是",
        "en": "the target {target!r} is a number but the actual {actual!r} is not",
    },
    "unit-mismatch": {
        "zh": "实际完成值的单位「{actual_unit}」与年度指标值的单位「{target_unit}」不同",
        "en": "the actual is in {actual_unit!r} but the target in {target_unit!r}",
    },
    "negative-target": {
        "zh": "年度指标值「{target}」为负数，需人工计分",
        "en": "the target {target!r} is negative; score it by hand",
    },
    "needs-score": {
        "zh": "定性实际完成值「{actual}」需人工填写得分{band_zh}",
        "en": "the qualitative actual {actual!r} needs a 得分 typed by a person{band_en}",
    },
    "score-outside-band": {
        "zh": "得分 {score} 不在「{band}」的区间 {low}–{high} 分内",
        "en": "得分 {score} lies outside {band!r}'s range of {low}–{high} points",
    },
    "score-outside-weight": {
        "zh": "得分 {score} 不在 0 与分值 {weight} 之间",
        "en": "得分 {score} is not between 0 and the 分值 {weight}",
    },
    "no-budget": {
        "zh": "全年预算数和年初预算数均为空或为0，无法计算执行率",
        "en": "全年预算数 and 年初预算数 are both empty or 0: no execution rate",
    },
    "no-spent": {"zh": "全年执行数为空", "en": "全年执行数 is empty"},
}


@dataclass(frozen=True)
class Reason:
    code: str
    ctx: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "zh") -> str:
        templates = TEMPLATES[self.code]
        return (templates.get(lang) or templates["zh"]).format(**self.ctx)
