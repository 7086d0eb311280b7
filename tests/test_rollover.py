"""perfxl rollover: next year's workbook from this year's."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from perfxl.core.errors import PerfxlError
from perfxl.core.model import Budget, Dataset, Indicator, Schedule
from perfxl.importers import import_document
from perfxl.versions.rollover import rollover
from perfxl.workbook import read_workbook
from perfxl.workbook.writer import write_workbook
from tests.conftest import SHARED_DOC


def perfxl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "perfxl", *args], capture_output=True, text=True, timeout=120)


def test_rollover_carries_everything_over_and_clears_money(sample_dataset: Dataset) -> None:
    result = rollover(sample_dataset, year=2022)
    new = result.dataset
    assert (new.year, new.taxonomy, result.old_taxonomy, result.new_taxonomy) == (2022, "v2021", "v2015", "v2021")
    assert new.division == sample_dataset.division
    assert new.units == sample_dataset.units
    assert new.department_goals == sample_dataset.department_goals
    assert [p.code for p in new.projects] == [p.code for p in sample_dataset.projects]
    for old_p, new_p in zip(sample_dataset.projects, new.projects, strict=True):
        assert (new_p.name, new_p.unit_code, new_p.purpose, new_p.goals) == (
            old_p.name, old_p.unit_code, old_p.purpose, old_p.goals,
        )  # fmt: skip
        assert new_p.budget == Budget() and new_p.schedule == Schedule()
        assert len(new_p.indicators) == len(old_p.indicators)
        for old_i, new_i in zip(old_p.indicators, new_p.indicators, strict=True):
            assert new_i.previous_value == old_i.printed
            assert (new_i.level3, new_i.sign, new_i.value, new_i.unit) == (
                old_i.level3, old_i.sign, old_i.value, old_i.unit,
            )  # fmt: skip
    assert [i.previous_value for i in new.projects[0].indicators] == ["≥80人", "≥95%", "100%", "≤10万元", "是", "≥90%"]


def test_rollover_remaps_v2015_cost_indicators_and_reports_them(sample_dataset: Dataset) -> None:
    result = rollover(sample_dataset, year=2022)
    cost = result.dataset.projects[0].indicators[3]
    assert (cost.level1, cost.level2, cost.level3) == ("成本指标", "经济成本指标", "担保基金投入")
    assert [(r.status, r.project_code, r.number, r.old, r.new) for r in result.remaps] == [
        ("remapped", "130434211Y0DO65S99Z10", 4, ("产出指标", "成本指标"), ("成本指标", "经济成本指标")),
        ("remapped", "130434214GIWQV0OPVG49", 2, ("产出指标", "成本指标"), ("成本指标", "经济成本指标")),
    ]
    assert "产出指标/成本指标 → 成本指标/经济成本指标" in result.remaps[0].line()


def test_rollover_reports_unmappable_and_deprecated_but_not_aliases(sample_dataset: Dataset) -> None:
    extra = (
        Indicator(level1="效益指标", level2="环境效益指标", level3="别名"),  # alias of 生态效益指标: fine
        Indicator(level1="效益指标", level2="可持续影响指标", level3="长效"),  # deprecated in v2021
        Indicator(level1="产出指标", level2="效率指标", level3="自创"),  # no such 二级
        Indicator(level1="满意度指标", level2="数量指标", level3="放错"),  # 二级 under the wrong 一级
    )
    project = sample_dataset.projects[1].model_copy(update={"indicators": extra})
    ds = sample_dataset.model_copy(update={"projects": (project,)})
    result = rollover(ds, year=2022)
    assert [(r.status, r.number, r.level3) for r in result.remaps] == [
        ("deprecated", 2, "长效"),
        ("unmappable", 3, "自创"),
        ("unmappable", 4, "放错"),
    ]
    # Unmappable indicators are kept as they were, for a person to sort out.
    assert result.dataset.projects[0].indicators[2].level2 == "效率指标"
    assert "not in the new taxonomy" in result.remaps[1].line()


def test_rollover_keep_amounts_and_same_taxonomy(sample_dataset: Dataset) -> None:
    result = rollover(sample_dataset, year=2022, keep_amounts=True, taxonomy="v2015")
    assert result.remaps == ()
    for old_p, new_p in zip(sample_dataset.projects, result.dataset.projects, strict=True):
        assert new_p.budget == old_p.budget and new_p.schedule == old_p.schedule
        assert [i.level1 for i in new_p.indicators] == [i.level1 for i in old_p.indicators]
    assert result.dataset.projects[1].budget.total == Decimal("58.05")


def test_rollover_refuses_a_year_that_is_not_later(sample_dataset: Dataset) -> None:
    with pytest.raises(PerfxlError, match="--year 2021 must be after the workbook's budget year 2021"):
        rollover(sample_dataset, year=2021)
    with pytest.raises(PerfxlError, match="unknown taxonomy version 'v1999'"):
        rollover(sample_dataset, year=2022, taxonomy="v1999")


def test_rollover_of_the_shared_document() -> None:
    ds = import_document(SHARED_DOC).dataset
    expected_cost = sum(
        1 for p in ds.projects for i in p.indicators if (i.level1, i.level2) == ("产出指标", "成本指标")
    )
    assert expected_cost > 10
    result = rollover(ds, year=2022)
    remapped = [r for r in result.remaps if r.status == "remapped"]
    assert len(remapped) == expected_cost
    assert result.dataset.indicator_count() == 179
    assert all(i.previous_value for p in result.dataset.projects for i in p.indicators)
    left = {(i.level1, i.level2) for p in result.dataset.projects for i in p.indicators}
    assert ("产出指标", "成本指标") not in left


def test_cli_rollover_writes_the_previous_value_column(tmp_path: Path, sample_dataset: Dataset) -> None:
    from openpyxl import load_workbook

    book, out = tmp_path / "2021.xlsx", tmp_path / "2022.xlsx"
    write_workbook(sample_dataset, book)
    before = book.read_bytes()
    proc = perfxl("rollover", str(book), "--year", "2022", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("remapped    ") == 2
    assert "taxonomy v2015 → v2021" in proc.stdout and "2 remapped, 0 unmappable" in proc.stdout
    assert book.read_bytes() == before  # the input is never touched
    header = [c.value for c in load_workbook(out, read_only=True)["绩效指标"][1]]
    assert "上年指标值" in header
    read = read_workbook(out)
    assert [f for f in read.findings if f.severity == "error"] == []
    assert read.dataset == rollover(sample_dataset, year=2022).dataset


def test_cli_rollover_keep_amounts(tmp_path: Path, sample_dataset: Dataset) -> None:
    book, out = tmp_path / "2021.xlsx", tmp_path / "2022.xlsx"
    write_workbook(sample_dataset, book)
    proc = perfxl("rollover", str(book), "--year", "2022", "-o", str(out), "--keep-amounts")
    assert proc.returncode == 0, proc.stderr
    assert read_workbook(out).dataset.projects[1].budget.total == Decimal("58.05")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2020"], "must be after the workbook's budget year 2021"),
        (["--year", "2022", "--taxonomy", "v9"], "unknown taxonomy version"),
        (["--year", "2022", "-o-same"], "refusing to overwrite the input"),
        (["--year", "2022", "-o-docx"], "must be an .xlsx file"),
    ],
)
def test_cli_rollover_bad_input(tmp_path: Path, sample_dataset: Dataset, args: list[str], message: str) -> None:
    book = tmp_path / "2021.xlsx"
    write_workbook(sample_dataset, book)
    out = {"-o-same": book, "-o-docx": tmp_path / "x.docx"}.get(args[-1], tmp_path / "2022.xlsx")
    args = [a for a in args if not a.startswith("-o-")]
    before = book.read_bytes()
    proc = perfxl("rollover", str(book), *args, "-o", str(out))
    assert proc.returncode == 2, proc.stdout
    assert message in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert book.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2021.xlsx"]


def test_cli_rollover_unreadable_workbook(tmp_path: Path) -> None:
    book = tmp_path / "broken.xlsx"
    book.write_bytes(b"PK\x03\x04 not really a zip")
    proc = perfxl("rollover", str(book), "--year", "2022", "-o", str(tmp_path / "new.xlsx"))
    assert proc.returncode == 2 and "broken.xlsx" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "new.xlsx").exists()


def test_cli_rollover_onto_a_folder_is_refused(tmp_path: Path, sample_dataset: Dataset) -> None:
    book = tmp_path / "2021.xlsx"
    write_workbook(sample_dataset, book)
    (tmp_path / "2022.xlsx").mkdir()
    proc = perfxl("rollover", str(book), "--year", "2022", "-o", str(tmp_path / "2022.xlsx"))
    assert proc.returncode == 2 and "is a folder" in proc.stderr and "Traceback" not in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2021.xlsx", "2022.xlsx"]


def test_cli_rollover_keeps_an_existing_workbook_unless_forced(tmp_path: Path, sample_dataset: Dataset) -> None:
    book, out = tmp_path / "2021.xlsx", tmp_path / "2022.xlsx"
    write_workbook(sample_dataset, book)
    edited = sample_dataset.model_copy(update={"year": 2022, "projects": sample_dataset.projects[:1]})
    write_workbook(edited, out)  # next year's workbook, already being filled in by hand
    before = out.read_bytes()
    proc = perfxl("rollover", str(book), "--year", "2022", "-o", str(out))
    assert proc.returncode == 2, proc.stdout
    assert proc.stderr == f"perfxl: {out}: already exists; use --force to replace it\n"
    assert out.read_bytes() == before
    proc = perfxl("rollover", str(book), "--year", "2022", "-o", str(out), "--force")
    assert proc.returncode == 0, proc.stderr
    assert read_workbook(out).dataset == rollover(sample_dataset, year=2022).dataset
    # The input itself is refused even with --force.
    proc = perfxl("rollover", str(book), "--year", "2022", "-o", str(book), "--force")
    assert proc.returncode == 2 and "refusing to overwrite the input" in proc.stderr
