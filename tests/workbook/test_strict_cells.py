"""Issue 14: cells that could be read as some other number are refused, naming every such cell.

Real workbooks written by perfxl, edited with openpyxl the way a person would, read back
by the real reader and commands.  项目 columns: D 预算数, E 财政资金, F 其他资金, G 资金用途;
支出计划 columns B 项目名称, C 3月底 … F 12月底 (row 2 = project 1, row 3 = project 2).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from perfxl.check.config import Config
from perfxl.check.engine import validate
from perfxl.cli import app
from perfxl.core.errors import InputError
from perfxl.core.values import strict_decimal
from perfxl.workbook import read_dataset, read_workbook
from perfxl.workbook.cells import EXCEL_MAX_TEXT, CellError, money, percent, text, whole_number
from perfxl.workbook.writer import write_workbook
from tests.conftest import make_dataset


def edited(tmp_path: Path, edit: Any) -> Path:
    from openpyxl import load_workbook

    path = write_workbook(make_dataset(), tmp_path / "clean.xlsx")
    wb = load_workbook(path)
    edit(wb)
    out = tmp_path / "edited.xlsx"
    wb.save(out)
    return out


def refusal(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        read_dataset(path)
    return info.value


# --- the converters, value by value (expected values typed by hand) --------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("10", Decimal("10")),
        ("58.05", Decimal("58.05")),
        ("1,234.50", Decimal("1234.50")),
        ("1,234,567", Decimal("1234567")),
        ("１２．５", Decimal("12.5")),
        (" 7 ", Decimal("7")),
        ("-3", Decimal("-3")),
        ("+4.5", Decimal("4.5")),
    ],
)
def test_strict_decimal_reads_one_meaning(typed: str, expected: Decimal) -> None:
    assert strict_decimal(typed) == expected


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("1.234,50", "decimal comma"),
        ("12,5", "decimal comma"),
        ("12,34", "misplaced thousands separator"),
        ("1,2345.00", "misplaced thousands separator"),
        ("1,234,56", "misplaced thousands separator"),
        ("10万元", "unit after the number"),
        ("3,000元", "unit after the number"),
        ("3000 元", "unit after the number"),
        ("十万", "expected a number"),
        ("", "expected a number"),
    ],
)
def test_strict_decimal_refuses_what_could_mean_two_things(typed: str, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        strict_decimal(typed)


def test_money_cells() -> None:
    assert money(58.05) == Decimal("58.05")
    assert money("1,234.50") == Decimal("1234.50")
    assert money(None) is None and money("  ") is None
    with pytest.raises(CellError, match=r"found '1\.234,50': '1\.234,50' has a decimal comma"):
        money("1.234,50")
    with pytest.raises(CellError, match="unit after the number"):
        money("10万元")
    with pytest.raises(CellError, match="TRUE/FALSE"):
        money(True)


def test_percent_text_and_numbers_agree() -> None:
    # Excel stores 25 % as 0.25: the number 0.25 and the text "0.25" both mean 25 %.
    assert percent(0.25) == Decimal("25.00")
    assert percent("0.25") == Decimal("25.00")
    assert percent("25%") == Decimal("25")
    assert percent("２５％") == Decimal("25")
    assert percent(1) == Decimal("100")
    assert percent("1") == Decimal("100")
    # 25 typed as a number or as bare text: 2500 % either way (schedule-range then asks "did you mean 25%?").
    assert percent(25) == Decimal("2500")
    assert percent("25") == Decimal("2500")
    with pytest.raises(CellError, match="decimal comma"):
        percent("12,5%")


def test_whole_numbers_are_strict_too() -> None:
    assert whole_number("2,021") == 2021
    with pytest.raises(CellError):
        whole_number("20,21")


def test_text_over_excels_limit() -> None:
    assert text("x" * EXCEL_MAX_TEXT) == "x" * EXCEL_MAX_TEXT
    with pytest.raises(CellError, match="32,768 characters, over Excel's limit of 32,767"):
        text("x" * (EXCEL_MAX_TEXT + 1))


# --- whole workbooks: refusals name the cell -----------------------------------------------


def test_decimal_comma_in_an_amount_is_refused_at_the_cell(tmp_path: Path) -> None:
    def edit(wb: Any) -> None:
        wb["项目"]["D3"] = "1.234,50"

    err = refusal(edited(tmp_path, edit))
    assert (err.sheet, err.cell) == ("项目", "D3")
    assert "decimal comma" in err.reason


def test_amount_with_a_unit_suffix_is_refused_at_the_cell(tmp_path: Path) -> None:
    def edit(wb: Any) -> None:
        wb["项目"]["E2"] = "10万元"

    err = refusal(edited(tmp_path, edit))
    assert (err.sheet, err.cell) == ("项目", "E2")
    assert "unit after the number" in err.reason


def test_text_percent_in_the_plan_reads_like_the_number(tmp_path: Path) -> None:
    def edit(wb: Any) -> None:
        wb["支出计划"]["C3"] = "0.25"
        wb["支出计划"]["D3"] = 0.5

    plan = read_dataset(edited(tmp_path, edit)).projects[1].schedule
    assert (plan.mar, plan.jun) == (Decimal("25.00"), Decimal("50.00"))


def test_plan_number_typed_without_percent_gets_a_hint(tmp_path: Path) -> None:
    def edit(wb: Any) -> None:
        wb["支出计划"]["C3"] = 25

    result = read_workbook(edited(tmp_path, edit))
    (f,) = validate(result, config=Config(select=frozenset({"schedule-range"})))
    assert (f.sheet, f.cell) == ("支出计划", "C3")
    assert f.message("zh").startswith("3月底支出进度 2500.00% 不在 0%～100% 之间（是否应为 25%？")


def test_text_over_the_limit_is_named_at_validate_and_export(tmp_path: Path) -> None:
    # openpyxl and Excel cut text at 32,767 characters; other tools do not, so the part is edited directly.
    def edit(wb: Any) -> None:
        wb["项目"]["G3"] = "TOO-LONG-MARK"

    source = edited(tmp_path, edit)
    book = tmp_path / "long.xlsx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info.filename).replace(b"TOO-LONG-MARK", ("长" * 32_777).encode()))
    runner = CliRunner()
    for args in (["validate", str(book)], ["export", str(book), "-o", str(tmp_path / "out.json")]):
        got = runner.invoke(app, args)
        assert got.exit_code == 2
        assert "项目: G3" in got.output and "32,777 characters" in got.output
    assert not (tmp_path / "out.json").exists()


def test_formula_and_date_are_both_named(tmp_path: Path) -> None:
    def edit(wb: Any) -> None:
        wb["项目"]["D3"] = "=E3+F3"
        wb["绩效指标"]["I2"] = dt.datetime(2021, 3, 1)
        wb["绩效指标"]["G4"] = dt.datetime(2021, 5, 1)

    err = refusal(edited(tmp_path, edit))
    assert (err.sheet, err.cell) == ("项目", "D3")
    assert err.reason.startswith("3 cells cannot be read — 项目!D3: holds a formula")
    assert "绩效指标!I2: expected text, found a date/time" in err.reason
    assert "绩效指标!G4: expected text, found a date/time" in err.reason


def test_two_dates_are_both_named(tmp_path: Path) -> None:
    def edit(wb: Any) -> None:
        wb["绩效指标"]["I2"] = dt.datetime(2021, 3, 1)
        wb["项目"]["G2"] = dt.datetime(2021, 5, 1)

    err = refusal(edited(tmp_path, edit))
    assert err.reason.startswith("2 cells cannot be read — ")
    assert "项目!G2" in err.reason and "绩效指标!I2" in err.reason


def test_many_unreadable_cells_are_capped(tmp_path: Path) -> None:
    def edit(wb: Any) -> None:
        for row in range(2, 12):
            wb["绩效指标"][f"G{row}"] = dt.datetime(2021, 1, row)
        wb["项目"]["D2"] = "=1+1"
        wb["项目"]["D3"] = "=2+2"

    err = refusal(edited(tmp_path, edit))
    # 2 formulas + 10 dates = 12 problems; 10 are named and the count says there are more.
    assert err.reason.startswith("10+ cells cannot be read — 项目!D2: holds a formula")
    assert err.reason.count("!") == 10
