"""`perfxl fix`: safe normalizations planned from raw cells, applied keeping the user's formatting."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfxl.check.config import Config
from perfxl.check.engine import validate
from perfxl.check.fix import CellChange, apply_fixes, backup_path, plan_fixes
from perfxl.core.model import Dataset
from perfxl.workbook import RawBook, load_sheets, raw_sheet_from_grid, read_workbook
from perfxl.workbook import schema as S
from perfxl.workbook.writer import write_workbook
from tests.conftest import make_dataset
from tests.test_rules_base import edit_project
from tests.test_validate_cli import run
from tests.test_values import TYPED_VALUES

EXPECTED = [
    ("项目", "C2", "  小额贷款担保基金 ", "小额贷款担保基金"),
    ("项目", "G3", " =每季度对金融机构按时贴息。", "=每季度对金融机构按时贴息。"),
    ("绩效指标", "I2", "８０", "80"),
    ("绩效指标", "H3", "≧", "≥"),
    ("绩效指标", "H4", "", "="),
    ("绩效指标", "I4", "100%", "100"),
    ("绩效指标", "J4", "", "%"),
    ("绩效指标", "J8", "次数", "次"),
]


def messy_book(tmp_path: Path) -> Path:
    """The clean fixture after a person typed into it, with some formatting of their own."""
    from openpyxl import load_workbook
    from openpyxl.styles import Font, PatternFill

    path = write_workbook(make_dataset(), tmp_path / "clean.xlsx")
    wb = load_workbook(path)
    projects, inds = wb["项目"], wb["绩效指标"]
    projects["C2"] = "  小额贷款担保基金 "
    projects["G3"] = " =每季度对金融机构按时贴息。"
    projects["G3"].data_type = "s"
    inds["I2"] = "８０"
    inds["H3"] = "≧"
    inds["H4"], inds["I4"], inds["J4"] = None, "100%", None
    inds["J8"] = "次数"
    projects["B2"].font = Font(bold=True, color="FF0000")
    inds["F5"].fill = PatternFill(fill_type="solid", start_color="FFFF00", end_color="FFFF00")
    inds.column_dimensions["G"].width = 55
    messy = tmp_path / "messy.xlsx"
    wb.save(messy)
    return messy


def fixed_dataset() -> Dataset:
    """The clean fixture with the purpose typed as text that starts with '='."""
    return edit_project(make_dataset(), 1, purpose="=每季度对金融机构按时贴息。")


def test_plan_lists_every_change(tmp_path: Path) -> None:
    changes = plan_fixes(read_workbook(messy_book(tmp_path)))
    assert [(c.sheet, c.cell, c.old, c.new) for c in changes] == EXPECTED
    i4 = next(c for c in changes if c.cell == "I4")
    assert (i4.row, i4.col) == (4, 8)


def test_before_fix_the_rules_see_the_problems(tmp_path: Path) -> None:
    codes = {f.code for f in validate(read_workbook(messy_book(tmp_path)), config=Config())}
    assert {"sign-unknown", "value-not-split", "unit-nonstandard"} <= codes


def test_fix_to_a_new_file_keeps_formatting_and_leaves_the_input_alone(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    messy = messy_book(tmp_path)
    before = messy.read_bytes()
    out = tmp_path / "fixed.xlsx"
    proc = run("fix", messy, "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert "绩效指标!I4: '100%' → '100'" in proc.stdout
    assert f"wrote {out} (8 changes)" in proc.stdout
    assert messy.read_bytes() == before
    result = read_workbook(out)
    assert validate(result, config=Config()) == []
    assert result.dataset == fixed_dataset()  # exactly the clean data; '=…' text stayed text
    wb = load_workbook(out)
    assert wb["项目"]["B2"].font.bold and wb["项目"]["B2"].font.color.rgb == "00FF0000"
    assert wb["绩效指标"]["F5"].fill.start_color.rgb == "00FFFF00"
    assert wb["绩效指标"].column_dimensions["G"].width == 55
    assert wb["项目"]["G3"].data_type == "s"
    original = load_workbook(messy)
    for name in original.sheetnames:  # dropdowns, protection and hidden lists survive
        assert len(wb[name].data_validations.dataValidation) == len(original[name].data_validations.dataValidation)
        assert wb[name].protection.sheet == original[name].protection.sheet
        assert wb[name].sheet_state == original[name].sheet_state
    assert plan_fixes(load_sheets(out)) == []  # nothing left: fix is idempotent


def test_in_place_keeps_a_backup_first(tmp_path: Path) -> None:
    messy = messy_book(tmp_path)
    before = messy.read_bytes()
    proc = run("fix", messy, "--in-place")
    assert proc.returncode == 0, proc.stderr
    backup = backup_path(messy)
    assert backup == tmp_path / "messy.bak.xlsx"
    assert f"the original is kept as {backup}" in proc.stdout
    assert backup.read_bytes() == before
    assert read_workbook(messy).dataset == fixed_dataset()


def test_a_second_in_place_fix_never_overwrites_a_backup(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    messy = messy_book(tmp_path)
    original = messy.read_bytes()
    assert run("fix", messy, "--in-place").returncode == 0
    once = messy.read_bytes()
    wb = load_workbook(messy)  # the person types another look-alike sign and fixes again
    wb["绩效指标"]["H5"] = "≦"
    wb.save(messy)
    typed_again = messy.read_bytes()
    proc = run("fix", messy, "--in-place")
    assert proc.returncode == 0, proc.stderr
    assert backup_path(messy).read_bytes() == original  # the first backup is intact
    second = tmp_path / "messy.bak1.xlsx"
    assert backup_path(messy, number=1) == second and f"kept as {second}" in proc.stdout
    assert second.read_bytes() == typed_again != once
    assert load_workbook(messy)["绩效指标"]["H5"].value == "≤"
    proc = run("fix", messy, "--in-place")  # nothing to fix: no new backup
    assert "nothing to fix" in proc.stdout and not (tmp_path / "messy.bak2.xlsx").exists()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["clean.xlsx", "messy.bak.xlsx", "messy.bak1.xlsx", "messy.xlsx"]


def test_dry_run_and_usage_errors(tmp_path: Path) -> None:
    messy = messy_book(tmp_path)
    before = messy.read_bytes()
    proc = run("fix", messy)
    assert proc.returncode == 0 and "8 changes planned; nothing written" in proc.stdout
    proc = run("fix", messy, "-o", tmp_path / "x.xlsx", "--in-place")
    assert proc.returncode == 2 and "either" in proc.stderr and "Traceback" not in proc.stderr
    proc = run("fix", messy, "-o", messy)
    assert proc.returncode == 2 and "--in-place" in proc.stderr
    assert messy.read_bytes() == before
    assert not backup_path(messy).exists() and not (tmp_path / "x.xlsx").exists()


def test_plan_works_on_a_book_held_in_memory() -> None:
    header = [c.name for c in S.standard().sheet(S.INDICATORS).columns if not c.optional and not c.derived]
    grid: list[list[Any]] = [
        header,
        ["P", 1.0, "产出指标", "数量指标", "培训人数", "", "", "≥500人", "", "x"],
        ["P", 2.0, "效益指标", "社会效益指标", "促进就业", "", "", "是", "", "x"],
        ["P", 3.0, "产出指标", "质量指标", "合格率", "", "≥", "95％", "", "x"],
    ]
    book = RawBook(
        path=Path("<memory>"), sheets={"绩效指标": raw_sheet_from_grid("绩效指标", grid)}, sheet_order=["绩效指标"]
    )
    assert [(c.cell, c.new) for c in plan_fixes(book)] == [
        ("G2", "≥"),
        ("H2", "500"),
        ("I2", "人"),
        ("G3", "定性"),
        ("H4", "95"),
        ("I4", "%"),
    ]


def _indicator_book(rows: list[list[Any]]) -> RawBook:
    header = ["项目编码", "计算符号", "指标值", "计量单位"]
    grid: list[list[Any]] = [header, *(["P", *row] for row in rows)]
    return RawBook(
        path=Path("<memory>"), sheets={"绩效指标": raw_sheet_from_grid("绩效指标", grid)}, sheet_order=["绩效指标"]
    )


@pytest.mark.parametrize(("typed", "split"), TYPED_VALUES)
def test_look_alike_signs_and_spaces_split_as_numbers_not_qualitative(typed: str, split: tuple[str, ...]) -> None:
    changes = plan_fixes(_indicator_book([["", typed, ""]]))
    assert [(c.cell, c.new) for c in changes] == [("B2", split[0]), ("C2", split[1]), ("D2", split[2])]
    fixed = [list(split)]
    assert plan_fixes(_indicator_book(fixed)) == []  # fixing again changes nothing


def test_the_rule_suggests_the_split_fix_makes(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = write_workbook(make_dataset(), tmp_path / "clean.xlsx")
    wb = load_workbook(path)
    wb["绩效指标"]["H2"], wb["绩效指标"]["I2"], wb["绩效指标"]["J2"] = None, "≧ ８０ ％", None
    wb.save(path)
    (finding,) = [f for f in validate(read_workbook(path), config=Config()) if f.code == "value-not-split"]
    assert finding.cell == "I2"
    assert "计算符号“≥”、指标值“80”、计量单位“%”" in finding.message("zh")
    assert [(c.cell, c.new) for c in plan_fixes(load_sheets(path))] == [("H2", "≥"), ("I2", "80"), ("J2", "%")]


@pytest.mark.parametrize(
    ("sign", "value", "unit"),
    [
        ("≤", "≥80%", ""),  # the sign cell and the text disagree: a person decides
        ("≤", "＝100%", ""),  # … also when the text says = with a look-alike
        ("", "80%", "人"),  # two different units
        ("定性", "100%", ""),  # chosen 定性: left for the rules to report
    ],
)
def test_ambiguous_values_are_left_alone(sign: str, value: str, unit: str) -> None:
    assert plan_fixes(_indicator_book([[sign, value, unit]])) == []


def test_apply_refuses_a_non_xlsx_output(tmp_path: Path) -> None:
    from perfxl.core.errors import OutputError

    book = write_workbook(make_dataset(), tmp_path / "b.xlsx")
    with pytest.raises(OutputError):
        apply_fixes(book, [CellChange("项目", "C2", 2, 2, "a", "b")], out=tmp_path / "b.csv")


@pytest.mark.libreoffice
def test_libreoffice_opens_the_fixed_copy(soffice: str, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from tests.libreoffice import convert

    messy = messy_book(tmp_path)
    ours = tmp_path / "fixed.xlsx"
    apply_fixes(messy, plan_fixes(load_sheets(messy)), out=ours)
    theirs = convert(soffice, ours, "xlsx", tmp_path / "lo")
    assert read_workbook(theirs).dataset == fixed_dataset()
    dropdowns = load_workbook(theirs)["绩效指标"].data_validations.dataValidation
    assert len(dropdowns) == len(load_workbook(messy)["绩效指标"].data_validations.dataValidation) >= 4


_signs = st.sampled_from(["", " ", "≥", "≧", "＞＝", ">=", "<", "＜", "=", "＝", "定性", "≈"])
_values = st.sampled_from(
    [
        *("", "80", " ８０ ", "≥80%", "95％", "是", " 达到预期", "100%", "≤8万元", "4次", "80%人", "x"),
        *("≧80%", "＞５次", "≦8万元", "＝100%", "80 %", "≥ 80%", ">= ５ 人", "≧ 较高"),
    ]
)
_units = st.sampled_from(["", "%", "％", "次数", "人", " 万元 ", "万"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_signs, _values, _units), min_size=1, max_size=6))
def test_fixing_twice_changes_nothing_more(rows: list[tuple[str, str, str]]) -> None:
    cells: list[list[Any]] = [list(row) for row in rows]
    for c in plan_fixes(_indicator_book(cells)):  # the grid has a header row and 项目编码 before these
        assert cells[c.row - 2][c.col - 1] == c.old
        cells[c.row - 2][c.col - 1] = c.new
    assert plan_fixes(_indicator_book(cells)) == []
