"""The JSON report's own encoder writes exactly what ``json.dumps(…, ensure_ascii=False, indent=2)`` writes."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from perfxl.check.messages import message
from perfxl.check.report import indented_json, json_report
from perfxl.core.findings import Finding, summarize

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20,
)


@given(JSON_VALUES)
def test_same_text_as_json_dumps(value: Any) -> None:
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_keys_that_are_not_text() -> None:
    value = {3: "a", 2.5: "b", True: "c", None: "d", False: "e"}
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_empty_containers_and_escapes() -> None:
    # Written out by hand: empty containers stay on one line, quotes and newlines are escaped, 中 is kept.
    value = {"a": [], "b": {}, "c": ['x"\n中', None, True, 1.5]}
    assert indented_json(value) == (
        '{\n  "a": [],\n  "b": {},\n  "c": [\n    "x\\"\\n中",\n    null,\n    true,\n    1.5\n  ]\n}'
    )


def _reference(files: list[tuple[str, list[Finding]]]) -> str:
    """What the report was before it wrote its own text: json.dumps of the findings' dicts."""
    data = {
        "files": [
            {
                "path": path,
                "findings": [f.to_dict("zh", message=message(f, "zh")) for f in found],
                "summary": summarize(found),
            }
            for path, found in files
        ]
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def test_report_text_is_json_dumps_of_the_findings() -> None:
    odd = [
        Finding("budget-sum", "error", sheet="项目", cell="D3", row=3, column="D", value=Decimal("10.50"), ctx={}),
        Finding("x-list", "warning", value=[1, "二", None], ctx={"nested": {"a": [Decimal("1.0")]}, "n": 2.5}),
        Finding("x-none", "info", ctx={"flag": True, "empty": [], "blank": {}}),
    ]
    files: list[tuple[str, list[Finding]]] = [("a.xlsx", odd), ("b.xlsx", []), ("c.xlsx", odd[:1])]
    assert json_report(files) == _reference(files)
    assert json_report([]) == json.dumps({"files": []}, ensure_ascii=False, indent=2)
