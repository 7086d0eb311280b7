"""Adding and refreshing stage sheets keeps every typed value, adds new indicators, never deletes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from perfxl.core.errors import InputError, UsageError
from perfxl.stages import refresh
from perfxl.workbook import read_dataset
from perfxl.workbook.writer import write_workbook
from tests.conftest import make_dataset

P1 = "130434211Y0DO65S99Z10"  # 6 indicators: 产出 ×4, 效益, 满意度; plan 10月底 100 %
P2 = "130434214GIWQV0OPVG49"  # 4 indicators: 产出 ×2, 效益, 满意度; plan 25/50/75/100 %


def openpyxl_book(path: Path) -> Any:
    from openpyxl import load_workbook

    return load_workbook(path)


def rows(path: Path, sheet: str) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in openpyxl_book(path)[sheet].iter_rows(values_only=True)]


def by_header(path: Path, sheet: str) -> list[dict[str, Any]]:
    header, *body = rows(path, sheet)
    return [dict(zip(header, r, strict=True)) for r in body]


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return write_workbook(make_dataset(), tmp_path / "2021.xlsx")


def test_first_monitor_refresh_adds_both_sheets(book: Path) -> None:
    report = refresh(book, "monitor", 7)
    assert report.created == ["执行监控-项目", "执行监控-指标"] and report.kept == 0
    projects = by_header(book, "执行监控-项目")
    assert [p["项目编码"] for p in projects] == [P1, P2]
    assert list(projects[0])[5:9] == ["7月底计划进度", "调整后预算数", "1-7月执行数", "1-7月执行率"]
    # P1: 0 % → 100 % by 10月底: 100 × 7/10 = 70 % ; P2: 50 + 25 × 1/4 = 56.25 %
    assert [p["7月底计划进度"] for p in projects] == [0.7, 0.5625]
    indicators = by_header(book, "执行监控-指标")
    assert [(i["项目编码"], i["序号"]) for i in indicators] == [(P1, n) for n in range(1, 7)] + [
        (P2, n) for n in range(1, 5)
    ]
    assert indicators[0]["年度指标值"] == "≥80人"
    ws = openpyxl_book(book)["执行监控-指标"]
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation]
    assert lists == ['"确定能,有可能,完全不可能"']
    # The targets read exactly as before; nothing typed yet, so no stage records either.
    assert read_dataset(book) == make_dataset()
    assert report.backup is not None and report.backup.exists()


def test_evaluation_prefills_initial_budget_and_points(book: Path) -> None:
    refresh(book, "evaluate")
    projects = by_header(book, "绩效自评-项目")
    assert [p["年初预算数"] for p in projects] == [10, 58.05]
    weights = [(i["项目编码"], i["分值"]) for i in by_header(book, "绩效自评-指标")]
    # P1: 产出 50 / 4 = 12.5 each, 效益 30, 满意度 10; P2: 产出 50 / 2 = 25 each, 效益 30, 满意度 10.
    assert [w for _, w in weights] == [12.5, 12.5, 12.5, 12.5, 30, 10, 25, 25, 30, 10]


def type_values(book: Path) -> None:
    """A person fills in the monitoring sheets (different values on every row) and edits the targets."""
    wb = openpyxl_book(book)
    proj = wb["执行监控-项目"]
    proj["G2"], proj["H2"], proj["K2"] = 12, 3.5, "进展顺利"  # 调整后预算数, 1-7月执行数, 情况
    proj["H3"] = 20.1
    ind = wb["执行监控-指标"]
    ind["H2"], ind["O2"], ind["P2"] = "60人", "有可能", "=加快发放"  # 完成值, 可能性, 纠偏措施 (text with =)
    ind["P2"].data_type = "s"  # typed as text (Excel keeps a leading = as text in a text-formatted cell)
    ind["H3"] = "90%"
    ind["H7"] = "95%"  # P1 #6, about to disappear from the targets
    ind["Q1"], ind["Q4"] = "备注", "my note"  # a column of the person's own
    targets = wb["绩效指标"]
    targets["I2"] = "85"  # P1 #1: ≥80人 → ≥85人
    targets.delete_rows(7)  # P1 #6 (满意度) removed
    targets.append([P2, None, None, "产出指标", "数量指标", "新增指标", None, "≥", "3", "次"])  # P2 #5
    wb.save(book)


def test_refresh_keeps_typed_values_adds_and_keeps_orphans(book: Path) -> None:
    refresh(book, "monitor", 7)
    type_values(book)
    before = book.read_bytes()
    report = refresh(book, "monitor", 7)
    assert report.backup is not None and report.backup.read_bytes() == before
    assert report.added == [("执行监控-指标", (P2, 5))]
    assert report.orphans == [("执行监控-指标", (P1, 6))]
    assert [(c.key, c.column, c.old, c.new) for c in report.changed] == [((P1, 1), "年度指标值", "≥80人", "≥85人")]
    projects = by_header(book, "执行监控-项目")
    assert [(p["调整后预算数"], p["1-7月执行数"], p["绩效目标执行情况"]) for p in projects] == [
        (12, 3.5, "进展顺利"),
        (None, 20.1, None),
    ]
    # 3.5 / 12 = 29.1666… % ; P2 falls back to 预算数: 20.1 / 58.05 = 34.625… %
    assert projects[0]["1-7月执行率"] == pytest.approx(3.5 / 12)
    assert projects[1]["1-7月执行率"] == pytest.approx(20.1 / 58.05)
    indicators = by_header(book, "执行监控-指标")
    keys = [(i["项目编码"], i["序号"]) for i in indicators]
    assert keys == [(P1, n) for n in range(1, 6)] + [(P2, n) for n in range(1, 6)] + [(P1, 6)]
    first = indicators[0]
    assert (first["年度指标值"], first["1-7月完成值"], first["完成目标可能性"], first["纠偏措施"]) == (
        "≥85人",
        "60人",
        "有可能",
        "=加快发放",
    )
    assert first["备注"] is None and indicators[2]["备注"] == "my note"  # P1 #3 was row 4
    assert indicators[1]["1-7月完成值"] == "90%"
    assert indicators[-1]["1-7月完成值"] == "95%"  # the orphan keeps what was typed
    assert indicators[-2]["三级指标"] == "新增指标" and indicators[-2]["1-7月完成值"] is None
    ws = openpyxl_book(book)["执行监控-指标"]
    assert ws["O2"].data_type == "s"  # "=加快发放" is still text, not a formula
    # Refreshing again changes nothing more.
    again = refresh(book, "monitor", 7)
    assert (again.added, again.changed, again.kept) == ([], [], 12)  # 2 project rows + 10 indicator rows
    assert again.orphans == [("执行监控-指标", (P1, 6))]


def test_a_new_month_renames_the_columns_and_keeps_the_values(book: Path) -> None:
    refresh(book, "monitor", 7)
    wb = openpyxl_book(book)
    wb["执行监控-项目"]["H2"] = 4
    wb.save(book)
    report = refresh(book, "monitor", 9, output=book.with_name("september.xlsx"))
    assert report.month_changed == (7, 9) and report.backup is None
    projects = by_header(book.with_name("september.xlsx"), "执行监控-项目")
    assert projects[0]["1-9月执行数"] == 4
    # P1 at 9月底: 100 × 9/10 = 90 %
    assert projects[0]["9月底计划进度"] == pytest.approx(0.9)


def test_bad_stage_sheets_and_arguments(book: Path) -> None:
    with pytest.raises(UsageError):
        refresh(book, "monitor")
    refresh(book, "monitor", 7)
    wb = openpyxl_book(book)
    wb["执行监控-指标"]["C3"] = "二"
    wb.save(book)
    with pytest.raises(InputError, match="序号") as info:
        refresh(book, "monitor", 7)
    assert (info.value.sheet, info.value.cell) == ("执行监控-指标", "C3")
    wb = openpyxl_book(book)
    wb["执行监控-项目"]["A1"] = "编码"
    wb.save(book)
    with pytest.raises(InputError, match="项目编码"):
        refresh(book, "monitor", 7)
