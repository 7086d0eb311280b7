"""The performance year after the targets: monitoring and self-evaluation records, and scoring.

This package is vocabulary and arithmetic only (it imports core and files, nothing
that reads or writes workbooks), so the reader, the rules and the commands can all
use it.  Other parts import the public names from here.
"""

from perfxl.core.stages import (
    LIKELIHOODS,
    REASON_KINDS,
    IndicatorEvaluation,
    IndicatorMonitor,
    ProjectEvaluation,
    ProjectMonitor,
    Reasons,
)
from perfxl.year.actuals import Actual, read_actual
from perfxl.year.columns import STAGES, Stage, StageColumn, StageSheet, sheets_for, stage_sheet_names, stage_sheets
from perfxl.year.judge import STATUSES, Judgement, Status, judge, share
from perfxl.year.plan import plan_at, schedule_checkpoints
from perfxl.year.reasons import Reason
from perfxl.year.scoring import (
    ExecutionScore,
    IndicatorCase,
    IndicatorScore,
    ProjectScore,
    execution_rate,
    points,
    score_project,
)
from perfxl.year.settings import Band, ScoringSettings, load_scoring_settings
from perfxl.year.weights import apportion, indicator_weights

__all__ = [
    "LIKELIHOODS",
    "REASON_KINDS",
    "STAGES",
    "STATUSES",
    "Actual",
    "Band",
    "ExecutionScore",
    "IndicatorCase",
    "IndicatorEvaluation",
    "IndicatorMonitor",
    "IndicatorScore",
    "Judgement",
    "ProjectEvaluation",
    "ProjectMonitor",
    "ProjectScore",
    "Reason",
    "Reasons",
    "ScoringSettings",
    "Stage",
    "StageColumn",
    "StageSheet",
    "Status",
    "apportion",
    "execution_rate",
    "indicator_weights",
    "judge",
    "load_scoring_settings",
    "plan_at",
    "points",
    "read_actual",
    "schedule_checkpoints",
    "score_project",
    "share",
    "sheets_for",
    "stage_sheet_names",
    "stage_sheets",
]
