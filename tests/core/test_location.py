"""The one location shape and its formatter, shared by findings and input errors."""

from __future__ import annotations

import json

from perfxl.core.errors import InputError
from perfxl.core.findings import Finding
from perfxl.core.location import Location, format_location


def test_format_location_names_what_is_known() -> None:
    full = Location(sheet="项目", cell="D3", row=3, column="D", project_code="P1")
    assert format_location("2022.xlsx", full) == "2022.xlsx: 项目: D3"
    assert format_location(None, full) == "项目: D3"
    # Without a cell, the row (then the column) stands in for it.
    assert format_location("doc.docx", Location(sheet="表3", row=12)) == "doc.docx: 表3: row 12"
    assert format_location("a.xlsx", Location(sheet="项目", column="C")) == "a.xlsx: 项目: column C"
    assert format_location("a.xlsx", Location()) == "a.xlsx"
    assert format_location(None, Location()) == ""


def test_reference_is_the_spreadsheet_address() -> None:
    assert Location(sheet="项目", cell="D3").reference == "项目!D3"
    assert Location(sheet="项目").reference == "项目"
    assert Location().reference == ""


def test_input_error_reads_as_before() -> None:
    # The 0.1 line: "file: sheet: cell: reason".
    err = InputError("expected a number", path="b.xlsx", sheet="项目", cell="D3")
    assert str(err) == "b.xlsx: 项目: D3: expected a number"
    assert (err.sheet, err.cell, err.reason) == ("项目", "D3", "expected a number")
    assert err.location == Location(sheet="项目", cell="D3")
    assert str(InputError("damaged", path="b.xlsx")) == "b.xlsx: damaged"
    assert str(InputError("no file")) == "no file"


def test_finding_keeps_the_flat_json_keys() -> None:
    f = Finding(code="budget-sum", severity="error", sheet="项目", cell="D2", row=2, column="D", project_code="P1")
    assert f.location == Location(sheet="项目", cell="D2", row=2, column="D", project_code="P1")
    assert (f.sheet, f.cell, f.row, f.column, f.project_code) == ("项目", "D2", 2, "D", "P1")
    data = f.to_dict("en", message="m")
    assert list(data) == [
        "code",
        "severity",
        "sheet",
        "cell",
        "row",
        "column",
        "project_code",
        "value",
        "ctx",
        "message",
    ]
    assert json.loads(json.dumps(data))["cell"] == "D2"
    assert Finding(code="x", severity="info", location=f.location) == Finding(
        code="x", severity="info", sheet="项目", cell="D2", row=2, column="D", project_code="P1"
    )
