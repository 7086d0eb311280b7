"""A quarterly plan (the generic profile's 3/6/9/12月底) through render, merge, db load, rollover and diff:
the 9月底 checkpoint, which the bundled example never uses, must come through everywhere."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from perfxl.core.model import Budget, Dataset, Schedule, Unit
from perfxl.db import load_paths
from perfxl.importers import import_document
from perfxl.merge import merge_datasets
from perfxl.merge.result import count_rows
from perfxl.merge.summaries import BY_SCHEDULE, write_merged
from perfxl.render.docx import info_layout
from perfxl.render.text import render_text
from perfxl.versions.diff import diff
from perfxl.versions.rollover import rollover
from perfxl.workbook import read_dataset
from perfxl.workbook.writer import write_workbook
from tests.conftest import SHARED_DOC
from tests.merge.test_merge import sheet
from tests.test_db import query

D = Decimal
P1, P2, P3 = "130434211Y0DO65S99Z10", "130434214GIWQV0OPVG49", "1304342164S5M8SXBN2TV"
QUARTERS = {"\t3月底": "\t一季度", "\t6月底": "\t二季度", "\t10月底": "\t三季度", "\t12月底": "\t四季度"}


@pytest.fixture(scope="module")
def quarterly(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """The bundled example with its plan headed 一季度…四季度, imported with the generic profile."""
    lines = [QUARTERS.get(line, line) for line in SHARED_DOC.read_text(encoding="utf-8").split("\n")]
    path = tmp_path_factory.mktemp("quarterly") / "doc.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    dataset = import_document(path, profile="generic").dataset
    assert dataset.profile == "generic" and len(dataset.projects) == 24
    # Project 2 plans 25/50/75/100 %; project 1 has only the last two (100 % from 三季度 on).
    assert dataset.projects[1].schedule == Schedule(months={3: D("25"), 6: D("50"), 9: D("75"), 12: D("100")})
    assert dataset.projects[0].schedule == Schedule(months={9: D("100"), 12: D("100")})
    return dataset


def test_render_prints_the_quarterly_checkpoints(quarterly: Dataset, tmp_path: Path) -> None:
    text = render_text(quarterly)
    lines = text.split("\n")
    assert "\t9月底" in lines and "\t10月底" not in lines
    # Read back with the same profile: every plan intact.
    again = tmp_path / "rendered.txt"
    again.write_text(text, encoding="utf-8")
    back = import_document(again, profile="generic").dataset
    assert [p.schedule for p in back.projects] == [p.schedule for p in quarterly.projects]


def test_docx_info_table_fits_any_number_of_checkpoints() -> None:
    widths4, spans4 = info_layout(4)
    assert spans4[4] == ((0, 0), (1, 2), (3, 3), (4, 5), (6, 6))  # the published layout
    widths5, spans5 = info_layout(5)
    assert widths5 == widths4 and spans5[4] == ((0, 0), (1, 2), (3, 3), (4, 4), (5, 5), (6, 6))  # 6 = 2+1+1+1+1
    widths12, spans12 = info_layout(12)
    assert len(widths12) == 13 and spans12[5] == ((0, 0), *((c, c) for c in range(1, 13)))
    assert spans12[1] == ((0, 0), (1, 3), (4, 4), (5, 12))  # 项目名称's value runs to the last column


def test_merge_summary_by_quarter(quarterly: Dataset, tmp_path: Path) -> None:
    a = quarterly.model_copy(update={"projects": quarterly.projects[:2]})
    moved = quarterly.projects[2].model_copy(update={"unit_code": "316002"})
    b = quarterly.model_copy(
        update={"units": (Unit(code="316002", name="乙单位"),), "department_goals": (), "projects": (moved,)}
    )
    assert moved.budget == Budget(total=D("210.00"), fiscal=D("210.00"), other=D("0.00"))
    result = merge_datasets([("a.xlsx", a), ("b.xlsx", b)])
    assert result.conflicts == [] and count_rows(result.dataset)["schedules"] == 3
    out = tmp_path / "merged.xlsx"
    write_merged(result, out)
    rows = sheet(out, BY_SCHEDULE)
    assert rows[0][2:6] == ["3月底（万元）", "6月底（万元）", "9月底（万元）", "12月底（万元）"]
    got = {str(r[0]): [D(str(v)).quantize(D("0.01")) for v in r[2:6]] for r in rows[1:] if r[0] and r[2] != ""}
    # 316001 = project 1 (10.00: 0, 0, 100 %, 100 %) + project 2 (58.05: 25/50/75/100 %):
    #   3月底 0 + 14.5125 → 14.51; 6月底 0 + 29.025 → 29.03; 9月底 10.00 + 43.5375 → 43.54 = 53.54;
    #   12月底 10.00 + 58.05 = 68.05
    assert got["316001"] == [D("14.51"), D("29.03"), D("53.54"), D("68.05")]
    # 316002 = project 3 (210.00 at 25/50/75/100 %)
    assert got["316002"] == [D("52.50"), D("105.00"), D("157.50"), D("210.00")]
    # 14.51 + 52.50, 29.03 + 105.00, 53.54 + 157.50, 68.05 + 210.00
    assert got["合计"] == [D("67.01"), D("134.03"), D("211.04"), D("278.05")]


def test_db_load_keeps_september(quarterly: Dataset, tmp_path: Path) -> None:
    book = write_workbook(quarterly, tmp_path / "q.xlsx")
    url = str(tmp_path / "perfxl.db")
    load_paths([book], url=url)
    sql = "SELECT project_code, mar, jun, sep, oct, dec FROM schedules WHERE project_code IN ('{}', '{}') "
    rows = sorted(query(url, sql.format(P1, P2) + "ORDER BY project_code"))
    assert [(r[0], *(None if v is None else D(str(v)) for v in r[1:])) for r in rows] == [
        (P1, None, None, D("100"), None, D("100")),
        (P2, D("25"), D("50"), D("75"), None, D("100")),
    ]
    # Loading again replaces, it does not duplicate.
    load_paths([book], url=url)
    assert query(url, "SELECT count(*) FROM schedules") == [(24,)]


def test_rollover_keeps_the_quarterly_plan(quarterly: Dataset, tmp_path: Path) -> None:
    kept = rollover(quarterly, year=2022, keep_amounts=True).dataset
    assert kept.projects[1].schedule.get(9) == D("75.00") and kept.profile == "generic"
    back = read_dataset(write_workbook(kept, tmp_path / "2022.xlsx"))
    assert back.projects[1].schedule == quarterly.projects[1].schedule
    blank = rollover(quarterly, year=2022).dataset
    assert all(p.schedule == Schedule() for p in blank.projects)


def test_diff_names_the_september_checkpoint(quarterly: Dataset) -> None:
    p2 = quarterly.projects[1]
    edited = p2.model_copy(update={"schedule": p2.schedule.model_copy(update={"m9": D("80")})})
    new = quarterly.model_copy(update={"projects": (quarterly.projects[0], edited, *quarterly.projects[2:])})
    [change] = diff(quarterly, new)
    assert (change.kind, change.key, change.field, change.old, change.new) == (
        "changed",
        P2,
        "schedule.m9",
        "75.00",
        "80.00",
    )
    assert change.line() == f"~ 项目 {P2} 9月底: 75.00 → 80.00"
