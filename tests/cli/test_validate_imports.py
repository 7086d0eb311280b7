"""``perfxl validate`` reads and checks without the model, writer or document libraries.

Importing pydantic and the model classes costs more than checking a 200-indicator
workbook (issue 15: ≤ 0.35 s whole process); the reader keeps columns and the stage
sheets become plain records, so none of them is needed — on a targets-only book and
on one with monitoring and self-evaluation filled in.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.year.test_year_roundtrip import year_book

EXAMPLE = Path(__file__).resolve().parent.parent / "data" / "baseline" / "inputs" / "example.xlsx"
HEAVY = ("pydantic", "pydantic_core", "perfxl.core.model", "openpyxl", "xlsxwriter", "docx", "pdfplumber", "sqlalchemy")

_RUN = (
    "import sys, json, io, contextlib\n"
    "sys.argv = ['perfxl', 'validate', sys.argv[1], '--format', 'json']\n"
    "from perfxl.cli import main\n"
    "out = io.StringIO()\n"
    "with contextlib.redirect_stdout(out):\n"
    "    try:\n        main()\n    except SystemExit as exc:\n        code = exc.code\n"
    "heavy = sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY} or m in {HEAVY})\n"
    "print(json.dumps({{'code': code, 'report': json.loads(out.getvalue()), 'heavy': heavy}}))\n"
).format(HEAVY=repr(set(HEAVY)))


def _validate(book: Path) -> dict[str, object]:
    proc = subprocess.run([sys.executable, "-c", _RUN, str(book)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    result: dict[str, object] = json.loads(proc.stdout.splitlines()[-1])
    return result


def test_validate_of_the_example_imports_no_model_library() -> None:
    result = _validate(EXAMPLE)
    assert result["heavy"] == []
    assert result["code"] in (0, 1)  # findings were reported, not an input error (2)
    report = result["report"]
    assert isinstance(report, dict) and report["files"][0]["path"].endswith("example.xlsx")


def test_validate_of_a_book_with_stage_data_imports_no_model_library(tmp_path: Path) -> None:
    book = year_book(tmp_path)  # monitoring for July and a self-evaluation typed in
    result = _validate(book)
    assert result["heavy"] == []
    assert result["code"] in (0, 1)


@pytest.mark.parametrize("module", ["perfxl.core.model", "pydantic"])
def test_the_check_sees_a_model_import(module: str, tmp_path: Path) -> None:
    # The same run with the Dataset asked for: the check above would see it.
    code = _RUN.replace("from perfxl.cli import main\n", "from perfxl.cli import main\nimport perfxl.core.model\n")
    proc = subprocess.run([sys.executable, "-c", code, str(EXAMPLE)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert module in json.loads(proc.stdout.splitlines()[-1])["heavy"]
