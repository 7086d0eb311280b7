"""A whole year on the bundled example, through the commands: targets → monitoring (month 7) → self-evaluation
→ score → forms → merge with other units.  Figures worked by hand in the README's example."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import SHARED_DOC
from tests.year.type_example import CODE, type_evaluation, type_monitoring


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "250"}
    return subprocess.run(
        [sys.executable, "-m", "perfxl", *map(str, args)], capture_output=True, text=True, timeout=300, env=env
    )


def test_a_year_on_the_bundled_example(tmp_path: Path) -> None:
    book = tmp_path / "2021.xlsx"
    assert run("import", SHARED_DOC, "-o", book).returncode == 0
    assert run("stage", "monitor", book, "--month", "7").returncode == 0
    type_monitoring(book)
    checked = run("validate", book, "--format", "json")
    found = {(f["code"], f["sheet"], f["cell"]) for f in json.loads(checked.stdout)["files"][0]["findings"]}
    # 23 / 58.05 = 39.62 % against the plan's 50 + 25 × 1/4 = 56.25 % at 7月底: 16.63 points behind
    assert ("monitor-lagging", "执行监控-项目", "H3") in found
    assert ("monitor-doubt-unexplained", "执行监控-指标", "O10") in found

    assert run("stage", "evaluate", book).returncode == 0
    type_evaluation(book)
    scored = run("score", book, "--write", "--format", "json")
    assert scored.returncode == 1, scored.stderr  # the other 23 projects have no self-evaluation yet
    project = next(p for p in json.loads(scored.stdout)["files"][0]["projects"] if p["code"] == CODE)
    # 10 + 12.5 × 4 + 10 × 3 + 10 = 100; #3 "/" leaves 87.5, rescaled to 100 in fen:
    # execution 11.43; 产出 14.29, 14.28, 14.28; 效益 and 满意度 11.43 each.
    assert project["execution"] == {"rate": "95.00", "weight": "11.43", "score": "10.86"}  # 11.43 × 55.15/58.05
    assert [(i["weight"], i["score"]) for i in project["indicators"]] == [
        ("14.29", "14.29"),  # 96 % ≥ 80 %
        ("14.28", "12.85"),  # 14.28 × 72/80 = 12.852
        (None, None),  # "/"
        ("14.28", "14.28"),  # 85 %
        ("11.43", "11.43"),  # 90 %
        ("11.43", "9.14"),  # 11.43 × 64/80 = 9.144
        ("11.43", "11.14"),  # 11.43 × 78/80 = 11.14425
        ("11.43", "11.43"),  # 92 %
    ]
    # 10.86 + 14.29 + 12.85 + 14.28 + 11.43 + 9.14 + 11.14 + 11.43 = 95.42
    assert (project["total"], project["grade"]) == ("95.42", "优")

    form = tmp_path / "自评表.txt"
    assert run("render", book, "-o", form, "--form", "self-evaluation").returncode == 0
    assert "总分\t\t\t\t\t100\t95.42\t优" in form.read_text(encoding="utf-8")
    assert run("render", book, "-o", tmp_path / "监控表.docx", "--form", "monitor").returncode == 0

    units = tmp_path / "units"
    assert run("demo", "-o", units, "--units", "2", "--seed", "1").returncode == 0
    merged = tmp_path / "county.xlsx"
    result = run("merge", book, units, "-o", merged, "--on-conflict", "last", "-q")
    assert result.returncode == 0, result.stderr
    again = run("score", merged, "--format", "json")
    carried = next(p for f in json.loads(again.stdout)["files"] for p in f["projects"] if p["code"] == CODE)
    assert (carried["total"], carried["grade"]) == ("95.42", "优")
    from openpyxl import load_workbook

    summary = load_workbook(merged, read_only=True)["汇总-绩效自评"]
    rows = [r for r in summary.iter_rows(values_only=True)]
    # one project evaluated in 316001, mean 95.42, one 优; execution 55.15 / 58.05 = 95.00 %
    assert rows[1][:10] == ("316001", "魏县人力资源和社会保障局本级", 24, 1, 95.42, 1, 0, 0, 0, 95)
