"""LibreOffice opens every kind of workbook perfxl writes, and they read back the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfxl.core.model import Dataset
from perfxl.versions.blank import blank_dataset
from perfxl.workbook import read_dataset, read_workbook
from perfxl.workbook.writer import write_workbook
from tests.libreoffice import convert

pytestmark = pytest.mark.libreoffice


def _validations(path: Path) -> dict[str, list[str]]:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    found: dict[str, list[str]] = {}
    for ws in wb.worksheets:
        for dv in ws.data_validations.dataValidation:
            found.setdefault(ws.title, []).append(str(dv.formula1))
    return found


def _rolled_over(dataset: Dataset) -> Dataset:
    """What `perfxl rollover` writes: indicators carry 上年指标值."""
    from perfxl.versions.rollover import rollover

    return rollover(dataset, year=2022).dataset


@pytest.mark.parametrize("kind", ["template", "filled", "rollover"])
def test_libreoffice_round_trip_keeps_data_and_dropdowns(
    soffice: str, tmp_path: Path, sample_dataset: Dataset, kind: str
) -> None:
    dataset = {
        "template": lambda: blank_dataset(2022, unit_code="316001", unit_name="魏县人社局"),
        "filled": lambda: sample_dataset,
        "rollover": lambda: _rolled_over(sample_dataset),
    }[kind]()
    if kind == "rollover":
        assert any(i.previous_value for p in dataset.projects for i in p.indicators)
    ours = write_workbook(dataset, tmp_path / f"{kind}.xlsx")
    theirs = convert(soffice, ours, "xlsx", tmp_path / "lo")
    result = read_workbook(theirs)
    assert [f for f in result.findings if f.severity == "error"] == []
    expected = dataset if dataset.taxonomy else dataset.model_copy(update={"taxonomy": "v2015"})
    assert result.dataset == expected
    dropdowns = _validations(theirs)
    assert any("INDIRECT" in f for f in dropdowns["绩效指标"]), dropdowns
    assert len(dropdowns["绩效指标"]) >= 4  # 一级, 二级, 计算符号, 计量单位 (+ none lost)
    assert dropdowns.get("部门目标"), dropdowns
    assert _validations(ours).keys() == dropdowns.keys()


def test_libreoffice_prints_the_workbook_to_pdf(soffice: str, tmp_path: Path, sample_dataset: Dataset) -> None:
    ours = write_workbook(sample_dataset, tmp_path / "print.xlsx")
    pdf = convert(soffice, ours, "pdf", tmp_path / "pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf.stat().st_size > 5_000


def test_formula_like_text_survives_libreoffice(soffice: str, tmp_path: Path, sample_dataset: Dataset) -> None:
    project = sample_dataset.projects[0]
    tricky = project.model_copy(update={"name": "=100%", "purpose": "+86", "goals": "@全体 -5"})
    dataset = sample_dataset.model_copy(update={"projects": (tricky, *sample_dataset.projects[1:])})
    theirs = convert(soffice, write_workbook(dataset, tmp_path / "t.xlsx"), "xlsx", tmp_path / "lo")
    assert read_dataset(theirs).projects[0] == tricky
