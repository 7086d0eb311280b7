"""The JSON report's own encoder writes exactly what ``json.dumps(…, ensure_ascii=False, indent=2)`` writes."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from perfxl.check.report import indented_json

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20,
)


@given(JSON_VALUES)
def test_same_text_as_json_dumps(value: Any) -> None:
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_empty_containers_and_escapes() -> None:
    # Written out by hand: empty containers stay on one line, quotes and newlines are escaped, 中 is kept.
    value = {"a": [], "b": {}, "c": ['x"\n中', None, True, 1.5]}
    assert indented_json(value) == (
        '{\n  "a": [],\n  "b": {},\n  "c": [\n    "x\\"\\n中",\n    null,\n    true,\n    1.5\n  ]\n}'
    )
