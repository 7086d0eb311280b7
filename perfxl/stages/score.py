"""Score a workbook's self-evaluation: read its targets and stage sheets, score every project.

``score_workbook(path)`` reads; :func:`perfxl.stages.write.write_scores` writes
得分/执行率得分/总分/等级 back; :func:`scores_json` gives the report shape of
``perfxl score --format json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from perfxl.core.errors import InputError, UsageError
from perfxl.core.model import Dataset
from perfxl.core.stages import IndicatorEvaluation, ProjectEvaluation
from perfxl.workbook import conversion_problems, read_workbook
from perfxl.year.columns import sheets_for
from perfxl.year.scoring import IndicatorCase, ProjectScore, score_project
from perfxl.year.settings import ScoringSettings, load_scoring_settings
from perfxl.year.sheetdata import StageData, StageSheetError, read_stage_sheets


@dataclass
class WorkbookScores:
    path: Path
    dataset: Dataset
    stages: StageData
    projects: list[ProjectScore]


def read_stages(path: str | Path) -> tuple[Dataset, StageData]:
    """The targets and the stage data of a workbook; InputError if either cannot be read whole."""
    result = read_workbook(path)
    problems = conversion_problems(result)
    if problems:
        first = problems[0]
        raise InputError(first.reason, path=path, sheet=first.sheet, cell=first.cell)
    sheets = {name: (raw.header, raw.rows) for name, raw in result.book.sheets.items()}
    try:
        stages = read_stage_sheets(sheets)
    except StageSheetError as exc:
        raise InputError(exc.reason, path=path, sheet=exc.sheet, cell=exc.cell) from None
    return result.dataset, stages


def score_dataset(dataset: Dataset, stages: StageData, settings: ScoringSettings) -> list[ProjectScore]:
    scores: list[ProjectScore] = []
    for p in dataset.projects:
        cases = [
            IndicatorCase(
                indicator,
                stages.weights.get((p.code, seq)),
                stages.indicator_evaluation.get((p.code, seq), IndicatorEvaluation()),
            )
            for seq, indicator in enumerate(p.indicators, start=1)
        ]
        evaluation = stages.project_evaluation.get(p.code, ProjectEvaluation())
        scores.append(score_project(p.code, cases, evaluation, settings, budget_total=p.budget.total))
    return scores


def score_workbook(path: str | Path, settings: ScoringSettings | None = None) -> WorkbookScores:
    """Score every project of the workbook at ``path`` from its 绩效自评 sheets."""
    path = Path(path)
    dataset, stages = read_stages(path)
    project_sheet, indicator_sheet = sheets_for("evaluate")
    if project_sheet.name not in stages.sheets and indicator_sheet.name not in stages.sheets:
        raise UsageError(f"{path}: has no 绩效自评 sheets yet; add them with `perfxl stage evaluate {path}`")
    return WorkbookScores(path, dataset, stages, score_dataset(dataset, stages, settings or load_scoring_settings()))


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def scores_json(files: list[WorkbookScores]) -> dict[str, Any]:
    """``{"files": [{"path", "projects": [{"code", "execution", "indicators", "total", "grade"}]}]}``, decimals as strings."""
    return {
        "files": [
            {
                "path": str(f.path),
                "projects": [
                    {
                        "code": p.code,
                        "execution": {
                            "rate": _text(p.execution.rate),
                            "weight": _text(p.execution.weight),
                            "score": _text(p.execution.score),
                        },
                        "indicators": [
                            {"seq": s.seq, "weight": _text(s.weight), "score": _text(s.score), "status": s.status}
                            for s in p.indicators
                        ],
                        "total": _text(p.total),
                        "grade": p.grade,
                    }
                    for p in f.projects
                ],
            }
            for f in files
        ]
    }
