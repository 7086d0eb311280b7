"""The rules never crash and always say something well-formed, whatever a workbook holds."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from perfxl.check.config import Config
from perfxl.check.engine import validate
from perfxl.check.fix import plan_fixes
from perfxl.check.messages import message
from perfxl.check.rules import rule_by_code, rule_codes
from perfxl.core.model import Dataset
from perfxl.workbook import read_workbook
from perfxl.workbook.writer import write_workbook
from tests.test_roundtrip import datasets

_A1 = re.compile(r"^[A-Z]{1,3}[1-9]\d*$")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(datasets())
def test_any_dataset_validates_into_well_formed_findings(tmp_path: Path, dataset: Dataset) -> None:
    path = write_workbook(dataset, tmp_path / "any.xlsx")
    result = read_workbook(path)
    findings = validate(result, config=Config())
    codes = set(rule_codes())
    for f in findings:
        assert f.code in codes
        assert f.severity in ("error", "warning", "info")
        if f.cell is not None:
            assert _A1.match(f.cell) and f.sheet in result.book.sheets, f
            assert f.cell.endswith(str(f.row)), f
        for lang in ("zh", "en"):
            # Every placeholder of the template has a value (the rendered text may
            # legitimately contain braces quoted from the workbook, e.g. "{0}").
            fields = {name for _, name, _, _ in string.Formatter().parse(rule_by_code(f.code).template(lang)) if name}
            assert fields <= set(f.ctx) | {"value", "sheet", "cell", "column"}, (f.code, lang, fields)
            assert message(f, lang) == f.message(lang) != f.code, f.code
        json.dumps(f.to_dict())
    for change in plan_fixes(result):
        assert change.sheet in result.book.sheets and _A1.match(change.cell)
        assert change.old != change.new
