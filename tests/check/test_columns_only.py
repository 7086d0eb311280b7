"""Validating works on the columns: no model object (the pydantic Dataset) is built for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfxl.check.engine import validate
from perfxl.workbook import read_workbook

INPUTS = sorted((Path(__file__).parent.parent / "data" / "baseline" / "inputs").glob("*.xlsx"))


@pytest.mark.parametrize("book", INPUTS, ids=[p.stem for p in INPUTS])
def test_validate_never_builds_the_dataset(book: Path) -> None:
    result = read_workbook(book)
    findings = validate(result)
    assert "dataset" not in vars(result)  # ReadResult.dataset is built on first use only
    # The same findings come out once the Dataset exists (it is a view of the same columns).
    assert result.dataset.indicator_count() == len(result.columns.indicators)
    assert validate(result) == findings
