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
from perfxl.workbook import ReadResult, conversion_problems, read_workbook
from perfxl.year.columns import sheets_for
from perfxl.year.scoring import ProjectScore, score_dataset
from perfxl.year.settings import ScoringSettings, load_scoring_settings
from perfxl.year.sheetdata import StageData


@dataclass
class WorkbookScores:
    path: Path
    dataset: Dataset  # with the stage records on its projects and indicators
    stages: StageData  # where the stage rows sit
    projects: list[ProjectScore]


def read_year(path: str | Path) -> ReadResult:
    """Read a workbook with its stage sheets; InputError if converting it would lose data."""
    result = read_workbook(path)
    problems = conversion_problems(result)
    if problems:
        first = problems[0]
        raise InputError(first.reason, path=path, sheet=first.sheet, cell=first.cell)
    return result


def score_workbook(path: str | Path, settings: ScoringSettings | None = None) -> WorkbookScores:
    """Score every project of the workbook at ``path`` from its 绩效自评 sheets."""
    path = Path(path)
    result = read_year(path)
    project_sheet, indicator_sheet = sheets_for("evaluate")
    if not {project_sheet.name, indicator_sheet.name} & set(result.stages.sheets):
        raise UsageError(f"{path}: has no 绩效自评 sheets yet; add them with `perfxl stage evaluate {path}`")
    scores = score_dataset(result.dataset, settings or load_scoring_settings())
    return WorkbookScores(path, result.dataset, result.stages, scores)


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
