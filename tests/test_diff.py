"""perfxl diff: keyed comparison of two versions of a workbook."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from perfxl.core.model import Budget, Dataset, DepartmentGoal, Indicator, Unit
from perfxl.importers import import_document
from perfxl.versions.diff import diff
from perfxl.workbook.writer import write_workbook
from tests.conftest import SHARED_DOC


def perfxl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "perfxl", *args], capture_output=True, text=True, timeout=120)


def _replace_project(ds: Dataset, index: int, **update: object) -> Dataset:
    projects = list(ds.projects)
    projects[index] = projects[index].model_copy(update=update)
    return ds.model_copy(update={"projects": tuple(projects)})


def test_identical_datasets_have_no_differences(sample_dataset: Dataset) -> None:
    assert diff(sample_dataset, sample_dataset) == []


def test_reordering_rows_alone_is_no_difference(sample_dataset: Dataset) -> None:
    shuffled_projects = tuple(
        p.model_copy(update={"indicators": tuple(reversed(p.indicators))}) for p in reversed(sample_dataset.projects)
    )
    reordered = sample_dataset.model_copy(
        update={
            "projects": shuffled_projects,
            "department_goals": tuple(reversed(sample_dataset.department_goals)),
        }
    )
    assert diff(sample_dataset, reordered) == []


def test_reordering_the_shared_document_is_no_difference() -> None:
    ds = import_document(SHARED_DOC).dataset
    rng = random.Random(7)
    projects = []
    for p in ds.projects:
        indicators = list(p.indicators)
        rng.shuffle(indicators)
        projects.append(p.model_copy(update={"indicators": tuple(indicators)}))
    rng.shuffle(projects)
    goals = list(ds.department_goals)
    rng.shuffle(goals)
    shuffled = ds.model_copy(update={"projects": tuple(projects), "department_goals": tuple(goals)})
    assert diff(ds, shuffled) == []


def test_changed_fields_with_old_and_new_values(sample_dataset: Dataset) -> None:
    p = sample_dataset.projects[1]
    indicators = list(p.indicators)
    indicators[3] = indicators[3].model_copy(update={"value": "90", "basis": "满意度问卷"})
    new = _replace_project(
        sample_dataset,
        1,
        name="普惠金融专项资金",
        budget=Budget(total=Decimal("60.00"), fiscal=Decimal("50.00"), other=Decimal("10.00")),
        schedule=p.schedule.model_copy(update={"mar": None}),
        indicators=tuple(indicators),
    )
    changes = diff(sample_dataset, new)
    got = [(c.kind, c.entity, c.key, c.field, c.old, c.new) for c in changes]
    code = p.code
    key = f"{code} 满意度指标/服务对象满意度指标/贴息对象满意度 #1"
    assert got == [
        ("changed", "project", code, "name", "普惠金融发展专项资金", "普惠金融专项资金"),
        ("changed", "project", code, "budget.total", "58.05", "60.00"),
        ("changed", "project", code, "budget.other", "8.05", "10.00"),
        ("changed", "project", code, "schedule.mar", "25.00", None),
        ("changed", "indicator", key, "value", "85", "90"),
        ("changed", "indicator", key, "basis", "满意度调查", "满意度问卷"),
    ]
    assert changes[1].line() == f"~ 项目 {code} 预算数: 58.05 → 60.00"
    assert changes[3].line() == f"~ 项目 {code} 3月底: 25.00 → （空）"


def test_added_and_removed_units_goals_projects_indicators(sample_dataset: Dataset) -> None:
    first = sample_dataset.projects[0]
    new_indicator = Indicator(
        level1="产出指标", level2="数量指标", level3="培训人次", sign="≥", value="500", unit="人次"
    )
    new = sample_dataset.model_copy(
        update={
            "year": 2022,
            "units": (*sample_dataset.units, Unit(code="316002", name="就业服务中心")),
            "department_goals": (
                sample_dataset.department_goals[0],
                DepartmentGoal(unit_code="316001", part="工作保障措施", number="2.", title="强化监督", text=None),
            ),
            "projects": (first.model_copy(update={"indicators": (*first.indicators[1:], new_indicator)}),),
        }
    )
    lines = [c.line() for c in diff(sample_dataset, new)]
    assert lines == [
        "~ 基本信息 预算年度: 2021 → 2022",
        "+ 单位 316002 (就业服务中心)",
        "- 部门目标 316001 工作保障措施 1. (加强领导)",
        "+ 部门目标 316001 工作保障措施 2. (强化监督)",
        "- 项目 130434214GIWQV0OPVG49 (普惠金融发展专项资金)",
        "- 绩效指标 130434211Y0DO65S99Z10 产出指标/数量指标/担保贷款发放人数 #1 (≥80人)",
        "+ 绩效指标 130434211Y0DO65S99Z10 产出指标/数量指标/培训人次 #1 (≥500人次)",
    ]


def test_namesake_indicators_are_told_apart_by_their_occurrence(sample_dataset: Dataset) -> None:
    twin = Indicator(level1="产出指标", level2="数量指标", level3="人数", value="1", sign="=")
    old = _replace_project(sample_dataset, 0, indicators=(twin, twin.model_copy(update={"value": "2"})))
    new = _replace_project(sample_dataset, 0, indicators=(twin, twin.model_copy(update={"value": "3"})))
    changes = diff(old, new)
    assert [(c.key.split(" ", 1)[1], c.field, c.old, c.new) for c in changes] == [
        ("产出指标/数量指标/人数 #2", "value", "2", "3"),
    ]


def test_goal_text_change(sample_dataset: Dataset) -> None:
    goals = list(sample_dataset.department_goals)
    goals[1] = goals[1].model_copy(update={"text": "落实主体责任，加强考核。"})
    changes = diff(sample_dataset, sample_dataset.model_copy(update={"department_goals": tuple(goals)}))
    assert [c.line() for c in changes] == [
        "~ 部门目标 316001 工作保障措施 1. 内容: 落实主体责任。 → 落实主体责任，加强考核。"
    ]


def test_cli_diff_exit_codes_and_json(tmp_path: Path, sample_dataset: Dataset) -> None:
    old, same, new = tmp_path / "v1.xlsx", tmp_path / "v1-copy.json", tmp_path / "v2.xlsx"
    write_workbook(sample_dataset, old)
    from perfxl.formats.interchange import dumps_json

    same.write_text(dumps_json(sample_dataset), encoding="utf-8")
    write_workbook(_replace_project(sample_dataset, 0, purpose="新的资金用途"), new)

    proc = perfxl("diff", str(old), str(same))
    assert proc.returncode == 0, proc.stderr
    assert "no differences" in proc.stdout

    proc = perfxl("diff", str(old), str(new))
    assert proc.returncode == 1, proc.stderr
    assert "~ 项目 130434211Y0DO65S99Z10 资金用途:" in proc.stdout and "→ 新的资金用途" in proc.stdout

    proc = perfxl("diff", str(old), str(new), "--format", "json")
    assert proc.returncode == 1
    doc = json.loads(proc.stdout)
    assert doc["changes"] == [
        {
            "kind": "changed",
            "entity": "project",
            "key": "130434211Y0DO65S99Z10",
            "field": "purpose",
            "label": "资金用途",
            "old": sample_dataset.projects[0].purpose,
            "new": "新的资金用途",
        }
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.xlsx", None, "missing.xlsx: file not found"),
        ("bad.json", "{not json", "bad.json: invalid JSON"),
        ("doc.docx", "x", "expected a perfxl workbook"),
    ],
)
def test_cli_diff_bad_input(
    tmp_path: Path, sample_dataset: Dataset, name: str, content: str | None, message: str
) -> None:
    good = tmp_path / "good.xlsx"
    write_workbook(sample_dataset, good)
    bad = tmp_path / name
    if content is not None:
        bad.write_text(content, encoding="utf-8")
    proc = perfxl("diff", str(good), str(bad))
    assert proc.returncode == 2
    assert message in proc.stderr and len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
