"""Stage sheets read back: records by key, target columns compared with the targets."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from perfxl.stages import refresh
from perfxl.workbook import read_workbook
from perfxl.workbook.writer import write_workbook
from perfxl.year import IndicatorMonitor, ProjectMonitor, Reasons
from perfxl.year.compare import target_mismatches, unmatched_rows
from tests.conftest import make_dataset
from tests.year.test_refresh import P1, P2, openpyxl_book


def test_monitoring_values_read_into_records(tmp_path: Path) -> None:
    book = write_workbook(make_dataset(), tmp_path / "2021.xlsx")
    refresh(book, "monitor", 7)
    wb = openpyxl_book(book)
    proj = wb["执行监控-项目"]
    proj["G2"], proj["H2"], proj["J2"], proj["K2"] = 12, "3.50", 11.8, "按计划推进"
    ind = wb["执行监控-指标"]
    ind["H2"], ind["I2"], ind["J2"], ind["O2"], ind["P2"] = 60, "85人", "资金未到位", "有可能", "加快拨付"
    wb.save(book)
    result = read_workbook(book)
    dataset, stages = result.dataset, result.stages
    assert stages.month == 7
    # The records hang off the Dataset's projects and indicators.
    assert dataset.projects[0].monitor == stages.project_monitor[P1]
    assert dataset.projects[0].indicators[0].monitor == stages.indicator_monitor[(P1, 1)]
    assert dataset.projects[0].evaluation is None and dataset.projects[0].indicators[0].evaluation is None
    assert stages.project_monitor[P1] == ProjectMonitor(
        month=7, budget_adjusted=D(12), spent=D("3.50"), forecast=D("11.8"), goal_progress="按计划推进"
    )
    assert P2 not in stages.project_monitor  # nothing typed for P2: no record
    # 60 typed as a number in a text column is kept as the text "60".
    assert stages.indicator_monitor[(P1, 1)] == IndicatorMonitor(
        actual="60", forecast="85人", reasons=Reasons(funding="资金未到位"), likelihood="有可能", measures="加快拨付"
    )
    assert list(stages.indicator_monitor) == [(P1, 1)]
    assert target_mismatches(stages, dataset) == [] and unmatched_rows(stages, dataset) == []


def test_changed_targets_and_rows_without_target_are_reported(tmp_path: Path) -> None:
    book = write_workbook(make_dataset(), tmp_path / "2021.xlsx")
    refresh(book, "monitor", 7)
    wb = openpyxl_book(book)
    wb["绩效指标"]["I3"] = "90"  # P1 #2: ≥95% → ≥90% after the monitoring sheets were made
    wb["执行监控-指标"]["G5"] = "≤20万元"  # P1 #4's target overtyped in the stage sheet
    wb["项目"]["D3"] = 60  # P2's 预算数 58.05 → 60
    wb["绩效指标"].delete_rows(11)  # P2 #4 gone from the targets
    wb.save(book)
    result = read_workbook(book)
    dataset, stages = result.dataset, result.stages
    found = [
        (m.shown.key, m.shown.column, m.shown.cell, m.shown.value, m.target) for m in target_mismatches(stages, dataset)
    ]
    assert found == [
        ((P2, None), "预算数", "D3", D("58.05"), D("60.00")),
        ((P1, 2), "年度指标值", "G3", "≥95%", "≥90%"),
        ((P1, 4), "年度指标值", "G5", "≤20万元", "≤10万元"),
    ]
    assert unmatched_rows(stages, dataset) == [("执行监控-指标", (P2, 4), 11)]
