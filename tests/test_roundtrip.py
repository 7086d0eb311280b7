"""export ∘ build ∘ export = export, byte for byte, over generated datasets."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfxl.core.model import (
    Budget,
    Dataset,
    DepartmentGoal,
    Division,
    Indicator,
    Project,
    Schedule,
    Unit,
)
from perfxl.core.terms import PARTS, SIGNS
from perfxl.formats.interchange import dumps_json, dumps_yaml, from_dict, load, to_dict
from perfxl.workbook import read_dataset
from perfxl.workbook.writer import write_workbook

# Chinese, ASCII, punctuation and newlines; no control characters (XML can't hold them).
_chars = st.characters(
    categories=("L", "N", "P", "S", "Zs"),
    exclude_characters="\x00\r\x0b\x0c",
) | st.sampled_from(list("预算绩效目标产出指标满意度≥≤％，。（）\n"))
_raw_text = st.text(_chars, min_size=1, max_size=40)
# Text starting with a formula character must stay text.
_formula_like = st.builds(lambda p, t: p + t, st.sampled_from(["=", "+", "-", "@"]), _raw_text)
_text = st.one_of(_raw_text, _formula_like).map(str.strip).filter(bool)
_opt_text = st.none() | _text
_code = st.text(st.sampled_from("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"), min_size=1, max_size=21)
_money = (
    st.none()
    | st.decimals(
        min_value=Decimal("-1000"), max_value=Decimal("9999999999"), places=2, allow_nan=False, allow_infinity=False
    )
    | st.sampled_from([Decimal("0"), Decimal("0.01"), Decimal("10.123"), Decimal("13307.00"), Decimal("0.005")])
)
_percent = st.none() | st.decimals(
    min_value=Decimal("0"), max_value=Decimal("120"), places=2, allow_nan=False, allow_infinity=False
)

_indicator = st.builds(
    Indicator,
    level1=_opt_text,
    level2=_opt_text,
    level3=_opt_text,
    description=_opt_text,
    sign=st.none() | st.sampled_from(SIGNS),
    value=_opt_text,
    unit=_opt_text,
    basis=_opt_text,
    previous_value=st.none() | _text,
)


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    codes = draw(st.lists(_code, max_size=4, unique=True))
    unit_codes = draw(st.lists(_code, min_size=1, max_size=3, unique=True))
    projects = tuple(
        Project(
            unit_code=draw(st.sampled_from(unit_codes)),
            code=code,
            name=draw(_opt_text),
            budget=Budget(total=draw(_money), fiscal=draw(_money), other=draw(_money)),
            purpose=draw(_opt_text),
            goals=draw(_opt_text),
            schedule=Schedule(mar=draw(_percent), jun=draw(_percent), oct=draw(_percent), dec=draw(_percent)),
            indicators=tuple(draw(st.lists(_indicator, max_size=4))),
        )
        for code in codes
    )
    return Dataset(
        year=draw(st.none() | st.integers(1990, 2100)),
        division=Division(code=draw(st.none() | _code), name=draw(_opt_text)),
        amount_unit="万元",
        taxonomy=draw(st.sampled_from(["v2015", "v2021"])),
        units=tuple(Unit(code=c, name=draw(_opt_text), parent_code=draw(st.none() | _code)) for c in unit_codes),
        department_goals=tuple(
            DepartmentGoal(
                unit_code=draw(st.sampled_from(unit_codes)),
                part=draw(st.none() | st.sampled_from(PARTS)),
                number=draw(_opt_text),
                title=draw(_opt_text),
                text=draw(_opt_text),
            )
            for _ in range(draw(st.integers(0, 3)))
        ),
        projects=projects,
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(datasets())
def test_workbook_round_trip_is_a_byte_identical_fixed_point(tmp_path: Path, dataset: Dataset) -> None:
    first = tmp_path / "a.xlsx"
    second = tmp_path / "b.xlsx"
    write_workbook(dataset, first)
    exported = dumps_json(read_dataset(first))
    write_workbook(from_dict(json.loads(exported)), second)
    again = dumps_json(read_dataset(second))
    assert again == exported
    # The data itself survives the workbook, not only the fixed point.
    assert exported == dumps_json(dataset)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(datasets())
def test_yaml_carries_the_same_document(tmp_path: Path, dataset: Dataset) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(dumps_yaml(dataset), encoding="utf-8")
    assert load(path) == dataset


def test_interchange_keys_and_types(sample_dataset: Dataset) -> None:
    doc = to_dict(sample_dataset)
    assert doc["format"] == "perfxl" and doc["schema_version"] == 2
    assert list(doc) == [
        "format",
        "schema_version",
        "year",
        "division",
        "amount_unit",
        "taxonomy",
        "profile",
        "units",
        "department_goals",
        "projects",
    ]
    project = doc["projects"][0]
    assert project["budget"] == {"total": "10.00", "fiscal": "10.00", "other": "0.00"}
    assert project["schedule"] == {"10": "100.00", "12": "100.00"}  # by month, filled checkpoints only
    assert set(project["indicators"][0]) == {
        "level1",
        "level2",
        "level3",
        "description",
        "sign",
        "value",
        "unit",
        "basis",
    }
