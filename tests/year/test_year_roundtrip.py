"""Stage data through the interchange format and back into a workbook, byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from perfxl.core.errors import InputError
from perfxl.formats.interchange import dumps_json, load
from perfxl.stages import refresh
from perfxl.versions.rollover import rollover
from perfxl.workbook import read_dataset
from perfxl.workbook.writer import write_workbook
from tests.conftest import make_dataset
from tests.year.test_refresh import P1, openpyxl_book
from tests.year.test_score_workbook import evaluated_book


def year_book(tmp_path: Path) -> Path:
    book = evaluated_book(tmp_path)
    refresh(book, "monitor", 7)
    wb = openpyxl_book(book)
    proj = wb["执行监控-项目"]
    proj["G2"], proj["H2"], proj["K2"] = 12, 3.5, "进展顺利"
    ind = wb["执行监控-指标"]
    ind["H2"], ind["J2"], ind["O2"], ind["P2"] = "60人", "资金未到位", "有可能", "加快发放"
    wb.save(book)
    return book


def test_export_build_export_is_byte_identical(tmp_path: Path) -> None:
    first = dumps_json(read_dataset(year_book(tmp_path)))
    (tmp_path / "a.json").write_text(first, encoding="utf-8")
    write_workbook(load(tmp_path / "a.json"), tmp_path / "b.xlsx")
    assert dumps_json(read_dataset(tmp_path / "b.xlsx")) == first
    doc = json.loads(first)
    project = doc["projects"][0]
    assert project["monitor"] == {
        "month": 7,
        "budget_adjusted": "12.00",
        "spent": "3.50",
        "forecast": None,
        "goal_progress": "进展顺利",
    }
    assert project["evaluation"] == {
        "budget_initial": "10.00",
        "budget_adjusted": "10.00",
        "spent": "9.50",
        "goal_result": None,
    }
    first_indicator = project["indicators"][0]
    assert first_indicator["weight"] == "12.5"
    assert first_indicator["monitor"] == {
        "actual": "60人",
        "forecast": None,
        "reasons": {"funding": "资金未到位", "policy": None, "staff": None, "facility": None, "other": None},
        "likelihood": "有可能",
        "measures": "加快发放",
    }
    assert first_indicator["evaluation"] == {"actual": "72人", "score": None, "reason": None}
    # P2 has no monitoring typed: no monitor key at all.
    assert "monitor" not in doc["projects"][1]


def test_a_file_without_stage_data_is_unchanged(tmp_path: Path) -> None:
    text = dumps_json(make_dataset())
    assert '"monitor"' not in text and '"evaluation"' not in text
    book = write_workbook(make_dataset(), tmp_path / "plain.xlsx")
    assert "执行监控-项目" not in openpyxl_book(book).sheetnames
    assert dumps_json(read_dataset(book)) == text


def test_floats_are_refused_in_stage_records(tmp_path: Path) -> None:
    doc = json.loads(dumps_json(make_dataset()))
    doc["projects"][0]["evaluation"] = {"spent": 9.5}
    (tmp_path / "bad.json").write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(InputError, match="evaluation"):
        load(tmp_path / "bad.json")


def test_typed_values_on_a_row_without_target_stop_a_conversion(tmp_path: Path) -> None:
    book = year_book(tmp_path)
    wb = openpyxl_book(book)
    wb["绩效指标"].delete_rows(7)  # P1 #6 goes; its self-evaluation row (actual 95%) stays
    wb.save(book)
    with pytest.raises(InputError, match="would be lost") as info:
        read_dataset(book)
    assert (info.value.sheet, info.value.cell) == ("绩效自评-指标", "A7")
    assert P1 in str(info.value)


def test_rollover_starts_the_new_year_without_stage_data(tmp_path: Path) -> None:
    rolled = rollover(read_dataset(year_book(tmp_path)), year=2022).dataset
    assert all(p.monitor is None and p.evaluation is None for p in rolled.projects)
    assert all(i.monitor is None and i.evaluation is None for p in rolled.projects for i in p.indicators)
    assert '"monitor"' not in dumps_json(rolled) and '"evaluation"' not in dumps_json(rolled)


@pytest.mark.parametrize(
    ("where", "record", "message"),
    [
        (
            "indicator",
            {"reasons": {"funding": 1}},
            r"projects\[0\]\.indicators\[0\]\.monitor\.reasons\.funding: expected text",
        ),
        ("project", "abc", r"projects\[0\]\.monitor: expected the record's fields, got str"),
        ("project", [{"spent": "1"}], r"projects\[0\]\.monitor: expected the record's fields, got list"),
        ("project", {"spend": "1"}, r"projects\[0\]\.monitor\.spend: not a field of this record"),
    ],
)
def test_a_bad_stage_record_is_named_to_its_field(tmp_path: Path, where: str, record: object, message: str) -> None:
    doc = json.loads(dumps_json(make_dataset()))
    holder = doc["projects"][0]["indicators"][0] if where == "indicator" else doc["projects"][0]
    holder["monitor"] = record
    (tmp_path / "bad.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load(tmp_path / "bad.json")
