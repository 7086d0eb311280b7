"""Property test: whatever mix of units, copies and corrections is merged, nothing is lost or doubled."""

from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from perfxl.core.model import Dataset
from perfxl.demo.generate import generate_unit
from perfxl.merge import KINDS, merge_datasets
from tests.conftest import make_dataset

UNITS = 4


@cache
def variant(unit: int, kind: int) -> Dataset:
    """Unit ``unit`` as first sent (kind 0) or corrected: renamed projects (1) or one withdrawn (2)."""
    ds = generate_unit(make_dataset(), unit, seed=9, projects=3, indicators=8)
    if kind == 1:
        return ds.model_copy(update={"projects": tuple(p.model_copy(update={"name": "更正"}) for p in ds.projects)})
    if kind == 2:
        return ds.model_copy(update={"projects": ds.projects[:-1]})
    return ds


def combine(parts: list[Dataset]) -> Dataset:
    """One file holding several units."""
    return parts[0].model_copy(
        update={
            "units": tuple(u for d in parts for u in d.units),
            "department_goals": tuple(g for d in parts for g in d.department_goals),
            "projects": tuple(p for d in parts for p in d.projects),
        }
    )


files = st.lists(
    st.lists(st.tuples(st.integers(0, UNITS - 1), st.integers(0, 2)), min_size=1, max_size=2, unique_by=lambda t: t[0]),
    min_size=1,
    max_size=6,
)


@settings(max_examples=60, deadline=None)
@given(files=files, mode=st.sampled_from(["error", "first", "last"]))
def test_rows_in_equal_rows_out_plus_replaced(files: list[list[tuple[int, int]]], mode: str) -> None:
    named = [(f"f{i}.xlsx", combine([variant(u, k) for u, k in spec])) for i, spec in enumerate(files)]
    result = merge_datasets(named, on_conflict=mode)  # type: ignore[arg-type]
    for kind in KINDS:
        assert result.rows_in[kind] == result.rows_out[kind] + result.rows_replaced[kind]
    out = result.dataset
    codes = [u.code for u in out.units]
    assert len(codes) == len(set(codes)) == len({u for spec in files for u, _ in spec})
    assert len({p.code for p in out.projects}) == len(out.projects)

    occurrences: dict[int, list[int]] = {}
    for spec in files:
        for u, k in spec:
            occurrences.setdefault(u, []).append(k)
    conflicting = {u for u, ks in occurrences.items() if len(set(ks)) > 1}
    assert bool(result.conflicts) == (mode == "error" and bool(conflicting))
    for u, ks in occurrences.items():
        chosen = ks[-1] if (mode == "last" and u in conflicting) else ks[0]
        expected = variant(u, chosen)
        code = expected.units[0].code
        assert tuple(p for p in out.projects if p.unit_code == code) == expected.projects
