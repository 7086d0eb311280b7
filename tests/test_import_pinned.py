"""Issue 14, acceptance 4: the bundled example's targets split as typed here by hand.

Every distinct printed 指标值 of templates/examples/weixian-2021.txt, with how many
times it is printed there (counted with ``grep -cx $'\\t≥80%'`` and so on over the
document, not with perfxl) and the (计算符号, 指标值, 计量单位) a person reads in it.
The 58 + 48 + 25 + 12 + 7 + 4 + 4 + 3 + 2 + 2 + 2 + 12 × 1 = 179 printed values are
the document's 179 indicator rows.  Written against the public command (``perfxl
import``) and the workbook it writes, so it holds whatever the importer's insides.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from typer.testing import CliRunner

from perfxl.cli import app
from perfxl.workbook import read_workbook

EXAMPLE = Path(__file__).resolve().parent.parent / "templates" / "examples" / "weixian-2021.txt"

# printed as → ((计算符号, 指标值, 计量单位), times printed in the document)
PRINTED: dict[str, tuple[tuple[str, str, str | None], int]] = {
    "≥80%": (("≥", "80", "%"), 58),
    "100%": (("=", "100", "%"), 48),
    "≥90%": (("≥", "90", "%"), 25),
    "是": (("定性", "是", None), 12),
    "≥100%": (("≥", "100", "%"), 7),
    "≥70%": (("≥", "70", "%"), 4),
    "80%": (("=", "80", "%"), 4),
    "≥1次": (("≥", "1", "次"), 3),
    "≥2次": (("≥", "2", "次"), 2),
    "2次": (("=", "2", "次"), 2),
    "≥1次数": (("≥", "1", "次数"), 2),
    "≥7人": (("≥", "7", "人"), 1),
    "500人": (("=", "500", "人"), 1),
    "500份": (("=", "500", "份"), 1),
    "33人": (("=", "33", "人"), 1),
    "≥2次数": (("≥", "2", "次数"), 1),
    "≤8万元": (("≤", "8", "万元"), 1),
    "25人": (("=", "25", "人"), 1),
    "≤7次": (("≤", "7", "次"), 1),
    ">1次": ((">", "1", "次"), 1),
    "≥1家": (("≥", "1", "家"), 1),
    "≥1万": (("≥", "1", "万"), 1),
    "7日": (("=", "7", "日"), 1),
}


def test_every_printed_form_of_the_example_splits_as_read_by_hand(tmp_path: Path) -> None:
    book = tmp_path / "example.xlsx"
    result = CliRunner().invoke(app, ["import", str(EXAMPLE), "-o", str(book)])
    assert result.exit_code == 0, result.output
    got = Counter((ind.sign, ind.value, ind.unit) for p in read_workbook(book).dataset.projects for ind in p.indicators)
    expected = Counter({split: times for split, times in PRINTED.values()})
    assert got == expected
    assert sum(got.values()) == 179


def test_amounts_of_the_example_read_as_printed(tmp_path: Path) -> None:
    # 预算数 as printed in the document (单位：万元): 10.00, 58.05, 13307.00 …; 其他资金 printed 0.
    book = tmp_path / "example.xlsx"
    assert CliRunner().invoke(app, ["import", str(EXAMPLE), "-o", str(book)]).exit_code == 0
    totals = {p.code: str(p.budget.total) for p in read_workbook(book).dataset.projects}
    assert totals["130434211Y0DO65S99Z10"] == "10.00"
    assert totals["130434214GIWQV0OPVG49"] == "58.05"
    assert totals["13043421QV3O0OQONQ2YO"] == "13307.00"
    assert totals["13043421RHG9O8TNVXV0G"] == "70.88"
    assert totals["13043421Z0EH7F6PDLNAD"] == "1.00"
    assert len(totals) == 24


def test_amounts_written_with_a_yuan_suffix_import_as_the_number(tmp_path: Path) -> None:
    # The first project's 预算数 printed "10.00万元" instead of "10.00" (the table's unit is 万元): still 10.00.
    text = EXAMPLE.read_text(encoding="utf-8")
    assert "\t预算数\n\t10.00\n" in text
    doc = tmp_path / "suffix.txt"
    doc.write_text(text.replace("\t预算数\n\t10.00\n", "\t预算数\n\t10.00万元\n", 1), encoding="utf-8")
    book = tmp_path / "suffix.xlsx"
    result = CliRunner().invoke(app, ["import", str(doc), "-o", str(book)])
    assert result.exit_code == 0, result.output
    first = read_workbook(book).dataset.projects[0]
    assert (first.code, str(first.budget.total)) == ("130434211Y0DO65S99Z10", "10.00")
