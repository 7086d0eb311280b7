"""The merged workbook keeps the profile its inputs recorded (its plan months are the columns)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from perfxl.cli import app
from perfxl.workbook import read_dataset

PAGE = (
    "<html><body><p>2022年项目支出绩效目标表</p><table>"
    "<tr><td>项目名称</td><td>培训经费</td><td></td><td></td></tr>"
    "<tr><td>项目金额</td><td>10</td><td></td><td></td></tr>"
    "<tr><td>年度绩效目标</td><td>完成任务</td><td></td><td></td></tr>"
    "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>"
    "<tr><td>产出指标</td><td>数量指标</td><td>培训人次</td><td>≥100人次</td></tr>"
    "</table></body></html>"
)


def test_merge_keeps_the_recorded_profile(tmp_path: Path) -> None:
    doc = tmp_path / "a.html"
    doc.write_text(PAGE, encoding="utf-8")
    runner = CliRunner()
    units = tmp_path / "units"
    units.mkdir()
    assert runner.invoke(app, ["import", str(doc), "-o", str(units / "a.xlsx")]).exit_code == 0
    # no project code at all → the generic profile is chosen and recorded
    assert read_dataset(units / "a.xlsx").profile == "generic"
    merged = tmp_path / "m.xlsx"
    result = runner.invoke(app, ["merge", str(units), "-o", str(merged)])
    assert result.exit_code in (0, 1), result.output
    assert read_dataset(merged).profile == "generic"
