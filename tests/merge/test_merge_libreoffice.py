"""The merged workbook (standard sheets + summaries + charts) opened by LibreOffice."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from perfxl.demo.generate import write_demo
from perfxl.merge import merge
from perfxl.merge.summaries import SHEETS, write_merged
from perfxl.workbook import read_workbook
from tests.conftest import make_dataset
from tests.libreoffice import convert


@pytest.mark.libreoffice
def test_libreoffice_opens_merged_workbook(soffice: str, tmp_path: Path) -> None:
    folder = tmp_path / "units"
    folder.mkdir()
    write_demo(make_dataset(), folder, units=3, projects=3, indicators=10, seed=5)
    result = merge([folder])
    out = write_merged(result, tmp_path / "merged.xlsx")
    converted = convert(soffice, out, "xlsx", tmp_path / "lo")
    assert read_workbook(converted).dataset == result.dataset
    with zipfile.ZipFile(converted) as z:
        workbook_xml = z.read("xl/workbook.xml").decode()
        assert all(f'name="{name}"' in workbook_xml for name in SHEETS)
        assert len([n for n in z.namelist() if n.startswith("xl/charts/chart")]) == 2
    pdf = convert(soffice, out, "pdf", tmp_path / "pdf")
    assert pdf.stat().st_size > 1000
