"""Layouts and wording beyond the bundled example's own: Word's original merges, edits that used to lose
data silently, user label additions, profiles, and bad inputs that must end in one line and exit 2."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import docx
import pytest

from perfxl.core.errors import InputError
from perfxl.core.model import Schedule
from perfxl.importers import ImportResult, import_document
from tests.conftest import SHARED_DOC
from tests.test_import_docx import GRID, Layout, add_table, project_layout


@pytest.fixture(scope="module")
def text_result() -> ImportResult:
    return import_document(SHARED_DOC)


def original_layout(rows: Layout) -> Layout:
    """The Word original: 预算规模及资金用途 merged down over the 预算数, 其他资金 and purpose rows."""
    code_row, money_row, purpose_row, *rest = rows
    texts = [t for t, _span in money_row]  # 预算规模…, 预算数, total, 其中：财政资金, fiscal, 其他资金, other
    return [
        code_row,
        [(texts[0], 1), (texts[1], 1), (texts[2], 1), (texts[3], 1), (texts[4], GRID - 4)],
        [("", 1), (texts[5], 1), (texts[6], GRID - 2)],
        [("", 1), (purpose_row[-1][0], GRID - 1)],
        *rest,
    ]


def write_original(result: ImportResult, path: Path) -> Path:
    dataset = result.dataset
    document = docx.Document()
    names = {u.code: u.name or "" for u in dataset.units}
    for n, project in enumerate(dataset.projects, start=1):
        document.add_paragraph(f"{n}.{project.name}绩效目标表")
        unit_rows, rows, indicators = project_layout(project, names[project.unit_code or ""], dataset.amount_unit)
        add_table(document, unit_rows + original_layout(rows) + indicators, merge_down=(0,))
    document.save(str(path))
    return path


def test_word_original_with_label_merged_over_three_rows(tmp_path: Path, text_result: ImportResult) -> None:
    path = write_original(text_result, tmp_path / "original.docx")
    table = docx.Document(str(path)).tables[0]
    # The label really is one cell over three rows (python-docx repeats it in each).
    assert table.rows[2].cells[0]._tc is table.rows[4].cells[0]._tc
    result = import_document(path)
    assert result.report == []
    ds = result.dataset
    assert (len(ds.projects), ds.indicator_count(), ds.budget_total()) == (24, 179, Decimal("20749.08"))
    assert ds.projects == text_result.dataset.projects


def _lines() -> list[str]:
    return SHARED_DOC.read_text(encoding="utf-8").split("\n")


def _write(tmp_path: Path, lines: list[str], name: str = "doc.txt") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_seven_digit_unit_code(tmp_path: Path) -> None:
    lines = [line.replace("316001魏县", "3160012魏县") for line in _lines()]
    ds = import_document(_write(tmp_path, lines)).dataset
    assert [(u.code, u.name) for u in ds.units] == [("3160012", "魏县人力资源和社会保障局本级")]
    assert {p.unit_code for p in ds.projects} == {"3160012"}


def test_quarter_headings_are_plan_months(tmp_path: Path) -> None:
    quarters = {"\t3月底": "\t一季度", "\t6月底": "\t二季度", "\t10月底": "\t三季度", "\t12月底": "\t四季度"}
    lines = [quarters.get(line, line) for line in _lines()]
    ds = import_document(_write(tmp_path, lines)).dataset
    # Project 2 plans 25/50/75/100 %: now by the ends of March, June, September and December.
    assert ds.projects[1].schedule == Schedule(
        months={3: Decimal("25"), 6: Decimal("50"), 9: Decimal("75"), 12: Decimal("100")}
    )
    assert all(p.schedule.months for p in ds.projects)


def test_part_heading_outside_the_standard_three_is_kept(tmp_path: Path) -> None:
    lines = ["一、部门整体绩效目标" if line.startswith("一、总体绩效目标") else line for line in _lines()]
    result = import_document(_write(tmp_path, lines))
    goals = result.dataset.department_goals
    assert [g.part for g in goals].count("部门整体绩效目标") == 19  # none of the 19 items dropped
    assert len(goals) == 69
    [warning] = result.warnings
    assert "部门整体绩效目标" in warning.message and "kept under its own name" in warning.message


def test_user_labels_file(tmp_path: Path) -> None:
    lines = [line.replace("\t项目名称", "\t支出事项") for line in _lines()]
    path = _write(tmp_path, lines)
    without = import_document(path)
    assert without.problems  # 支出事项 is no label perfxl knows
    labels = tmp_path / "labels.yaml"
    labels.write_text("fields:\n  name: [支出事项]\n", encoding="utf-8")
    with_labels = import_document(path, labels=labels)
    assert with_labels.report == []
    assert with_labels.dataset.projects[0].name == "小额贷款担保基金"


def test_profile_by_name_and_by_codes() -> None:
    assert import_document(SHARED_DOC).profile == "hebei"  # the codes match its pattern
    generic = import_document(SHARED_DOC, profile="generic")
    assert generic.profile == "generic"
    assert generic.dataset.division.code is None  # only the hebei profile reads it from the codes
    with pytest.raises(InputError, match="unknown profile 'nowhere'"):
        import_document(SHARED_DOC, profile="nowhere")


def perfxl_import(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "perfxl", "import", *map(str, args)], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.html", "<html><body></body></html>", "empty"),
        ("page.html", "<html><body><p>通知</p><p>今天开会。</p></body></html>", "no tables"),
        (
            "noheader.html",
            "<html><body><table><tr><td>项目名称</td><td>甲项目</td></tr>"
            "<tr><td>预算数</td><td>10</td></tr></table></body></html>",
            "the tables have no indicator header",
        ),
    ],
    ids=["empty-page", "html-without-tables", "table-without-indicator-header"],
)
def test_bad_input_one_line_exit_2(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    book = tmp_path / "out.xlsx"
    proc = perfxl_import(path, "-o", book, "--partial")
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith(f"perfxl: {path}: ")
    assert message in proc.stderr
    assert not book.exists()
