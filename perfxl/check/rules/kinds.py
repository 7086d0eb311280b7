"""What kind of quantity an indicator measures, from its (canonical) 一级/二级, and unit vocabularies."""

from __future__ import annotations

MONEY_UNITS = frozenset({"元", "万元", "亿元", "千元"})
TIME_UNITS = frozenset({"日", "天", "个工作日", "工作日", "月", "个月", "年", "周", "小时", "分钟", "季度"})
COUNT_UNITS = frozenset(
    {
        "人",
        "人次",
        "次",
        "个",
        "家",
        "户",
        "份",
        "项",
        "件",
        "所",
        "台",
        "套",
        "辆",
        "名",
        "期",
        "场",
        "批",
        "座",
        "处",
        "条",
        "本",
        "册",
        "篇",
        "场次",
        "万人",
        "万人次",
        "户次",
        "家次",
    }
)
PERCENT = "%"

# 二级 names whose values are money (v2015 has 成本指标 under 产出指标; v2021 has 经济成本指标).
COST_LEVEL2 = frozenset({"成本指标", "经济成本指标"})
TIME_LEVEL2 = "时效指标"
COUNT_LEVEL2 = "数量指标"
SATISFACTION_LEVEL1 = "满意度指标"


def kind_of(level1: str | None, level2: str | None) -> str | None:
    """ "cost", "time", "satisfaction", "count" or None for an indicator's canonical levels."""
    if level2 in COST_LEVEL2:
        return "cost"
    if level2 == TIME_LEVEL2:
        return "time"
    if level1 == SATISFACTION_LEVEL1 or level2 == "服务对象满意度指标":
        return "satisfaction"
    if level2 == COUNT_LEVEL2:
        return "count"
    return None


def is_time_unit(unit: str) -> bool:
    """日/天/个工作日/月/年 …, also as 月底, 日前, 个月内 (a deadline written as a number + unit)."""
    return unit in TIME_UNITS or any(
        unit.startswith(u) for u in ("日", "天", "个工作日", "工作日", "月", "个月", "年", "周", "小时", "季度")
    )
