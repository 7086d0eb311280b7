"""perfxl render --form: the monitoring and self-evaluation forms as documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfxl.core.errors import UsageError
from perfxl.render import render
from perfxl.workbook import read_dataset
from perfxl.workbook.writer import write_workbook
from tests.conftest import make_dataset
from tests.year.test_score_workbook import evaluated_book
from tests.year.test_year_roundtrip import year_book


def docx_tables(path: Path) -> list[list[list[str]]]:
    import docx

    return [[[c.text for c in row.cells] for row in t.rows] for t in docx.Document(str(path)).tables]


def test_self_evaluation_form_docx(tmp_path: Path) -> None:
    out = render(read_dataset(evaluated_book(tmp_path)), tmp_path / "自评表.docx", form="self-evaluation")
    first, second = docx_tables(out)
    assert first[0][0] == "项目名称" and first[0][2] == "小额贷款担保基金"
    # money row: 10.00, 10.00, 9.50, 10 points, 95.00 %, 9.5
    assert first[3][2:8] == ["10.00", "10.00", "9.50", "10", "95.00%", "9.5"]
    assert first[7][0] == "产出指标(50分)" and first[11][0] == "效益指标(30分)" and first[12][0] == "满意度指标(10分)"
    assert first[-1][5:8] == ["100", "95.75", "优"]
    # P2: "/" leaves #1 without 得分; the total is rescaled: 89.33 良 (see test_score_workbook)
    assert second[7][4:7] == ["/", "25", ""] and second[-1][6:8] == ["89.33", "良"]


def test_monitor_form_text(tmp_path: Path) -> None:
    out = render(read_dataset(year_book(tmp_path)), tmp_path / "监控表.txt", form="monitor")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("项目支出绩效目标执行监控表（2021年度）")
    # P1: 年初 10.00, 调整后 12.00, 1-7月执行数 3.50, rate 3.5/12 = 29.17 %
    assert "年度资金总额\t\t10.00\t\t12.00\t3.50\t29.17%" in text
    assert "\t60人\t\t经费保障：资金未到位\t有可能\t加快发放" in text


def test_forms_need_stage_data(tmp_path: Path) -> None:
    dataset = read_dataset(write_workbook(make_dataset(), tmp_path / "plain.xlsx"))
    with pytest.raises(UsageError, match="perfxl stage monitor"):
        render(dataset, tmp_path / "m.docx", form="monitor")
