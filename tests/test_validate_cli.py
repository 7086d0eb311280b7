"""`perfxl validate` and `perfxl rules` as a user runs them: real files, real processes."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from perfxl.check.rules import reference_markdown, rule_codes
from perfxl.workbook.writer import write_workbook
from tests.conftest import make_dataset
from tests.test_rules_base import edit_indicator, edit_project


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "250"}  # wide tables: messages are not folded across lines
    return subprocess.run(
        [sys.executable, "-m", "perfxl", *map(str, args)], capture_output=True, text=True, timeout=120, env=env
    )


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    return write_workbook(make_dataset(), tmp_path / "clean.xlsx")


@pytest.fixture
def faulty(tmp_path: Path) -> Path:
    """One error (budget-sum in 项目) and one warning (basis-missing in 绩效指标)."""
    ds = edit_indicator(make_dataset(), 1, 0, basis=None)
    ds = edit_project(ds, 1, budget=ds.projects[1].budget.model_copy(update={"other": Decimal("8.00")}))
    return write_workbook(ds, tmp_path / "faulty.xlsx")


@pytest.fixture
def warned(tmp_path: Path) -> Path:
    return write_workbook(edit_indicator(make_dataset(), 1, 0, basis=None), tmp_path / "warned.xlsx")


def test_clean_book_exits_0_with_a_summary(clean: Path) -> None:
    proc = run("validate", clean)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().endswith("clean.xlsx：0 个错误，0 个警告，0 条提示")


def test_errors_exit_1_and_findings_follow_the_sheet_order(faulty: Path) -> None:
    proc = run("validate", faulty)  # piped: one line per finding (tests/cli/test_validate_lines.py)
    assert proc.returncode == 1
    out = proc.stdout
    assert out.index(f"{faulty}:项目!D3: 错误 budget-sum") < out.index(f"{faulty}:绩效指标!K8: 警告 basis-missing")
    assert out.strip().splitlines()[-1].endswith("1 个错误，1 个警告，0 条提示")


def test_warnings_alone_exit_0_unless_strict(warned: Path) -> None:
    assert run("validate", warned).returncode == 0
    assert run("validate", warned, "--strict").returncode == 1


def test_json_has_the_documented_shape(faulty: Path, clean: Path) -> None:
    proc = run("validate", faulty, clean, "--format", "json", "--lang", "en")
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    assert [Path(f["path"]).name for f in data["files"]] == ["faulty.xlsx", "clean.xlsx"]
    first, second = data["files"]
    assert first["summary"] == {"error": 1, "warning": 1, "info": 0}
    assert second == {"path": str(clean), "findings": [], "summary": {"error": 0, "warning": 0, "info": 0}}
    error = first["findings"][0]
    assert set(error) == {
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
    }
    assert (error["code"], error["sheet"], error["cell"], error["row"], error["column"]) == (
        "budget-sum",
        "项目",
        "D3",
        3,
        "D",
    )
    assert error["project_code"] == "130434214GIWQV0OPVG49"
    assert error["message"] == "fiscal 50.00 + other 8.00 = 58.00, not the total 58.05"


def test_select_and_ignore(faulty: Path) -> None:
    assert run("validate", faulty, "--ignore", "budget-sum").returncode == 0
    proc = run("validate", faulty, "--select", "basis-missing,budget-sum", "--format", "json")
    assert {f["code"] for f in json.loads(proc.stdout)["files"][0]["findings"]} == {"basis-missing", "budget-sum"}
    proc = run("validate", faulty, "--select", "budget-summ")
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "budget-summ" in proc.stderr and "Traceback" not in proc.stderr


def test_settings_from_perfxl_toml_and_pyproject(tmp_path: Path) -> None:
    ds = edit_indicator(make_dataset(), 1, 0, basis=None)
    folder_a, folder_b = tmp_path / "a", tmp_path / "b"
    folder_a.mkdir()
    folder_b.mkdir()
    book_a = write_workbook(ds, folder_a / "book.xlsx")
    book_b = write_workbook(ds, folder_b / "book.xlsx")
    (folder_a / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.perfxl]\nstrict = true\nlang = "en"\n')
    proc = run("validate", book_a)
    assert proc.returncode == 1  # strict from pyproject
    assert "has no 指标值确定依据" in proc.stdout
    (folder_b / "perfxl.toml").write_text('ignore = ["basis-missing"]\n[severity]\nunit-missing = "error"\n')
    proc = run("validate", book_b, "--strict")
    assert proc.returncode == 0 and "0 个警告" in proc.stdout
    (folder_b / "perfxl.toml").write_text('ignore = ["no-such-code"]\n')
    proc = run("validate", book_b)
    assert proc.returncode == 2 and "perfxl.toml" in proc.stderr and "no-such-code" in proc.stderr
    (folder_b / "perfxl.toml").write_text("ignore = [\n")
    proc = run("validate", book_b)
    assert proc.returncode == 2 and "not valid TOML" in proc.stderr and "Traceback" not in proc.stderr


def test_annotate_takes_one_book(clean: Path, faulty: Path, tmp_path: Path) -> None:
    proc = run("validate", clean, faulty, "--annotate", tmp_path / "out.xlsx")
    assert proc.returncode == 2 and "exactly one" in proc.stderr
    assert not (tmp_path / "out.xlsx").exists()


def test_rules_lists_every_rule_and_prints_the_reference() -> None:
    proc = run("rules", "--lang", "en")
    assert proc.returncode == 0
    for code in rule_codes():
        assert code in proc.stdout
    proc = run("rules", "--format", "markdown")
    assert proc.stdout == reference_markdown()


# --- bad input: one clear line, exit 2, no traceback -----------------------------------


def assert_bad(path: Path, *expected: str) -> str:
    proc = run("validate", path)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 2, output
    assert "Traceback" not in output
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and not proc.stdout.strip(), output
    assert str(path) in lines[0]
    for text in expected:
        assert text in lines[0], lines[0]
    return lines[0]


def _rewrite(good: Path, bad: Path, change: Any) -> Path:
    """Copy the package ``good`` to ``bad``, passing each part's bytes through ``change(name, data)``."""
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item.filename, change(item.filename, zin.read(item)))
    return bad


def _edit(clean: Path, name: str, edit: Any) -> Path:
    from openpyxl import load_workbook

    wb = load_workbook(clean)
    edit(wb)
    out = clean.with_name(name)
    wb.save(out)
    return out


def test_bad_corrupt_zip(clean: Path) -> None:
    bad = clean.with_name("corrupt.xlsx")
    bad.write_bytes(clean.read_bytes()[:2000])
    assert_bad(bad, "not an .xlsx workbook")


def test_bad_docx_renamed(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("绩效目标")
    bad = tmp_path / "renamed.xlsx"
    document.save(str(bad))
    assert_bad(bad, "Word document")


def test_bad_password_protected(clean: Path) -> None:
    pytest.importorskip("msoffcrypto", reason="msoffcrypto-tool (in [dev]) builds the encrypted file")
    from msoffcrypto.format.ooxml import OOXMLFile

    bad = clean.with_name("locked.xlsx")
    with open(clean, "rb") as src, open(bad, "wb") as dst:
        OOXMLFile(src).encrypt("secret", dst)
    assert_bad(bad, "password-protected")


def test_bad_xml_entity_bomb(clean: Path) -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'

    def change(name: str, data: bytes) -> bytes:
        return (
            data.replace(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', bomb, 1)
            if name == "xl/workbook.xml"
            else data
        )

    assert_bad(_rewrite(clean, clean.with_name("entities.xlsx"), change), "entity bomb")


def test_bad_zip_bomb(clean: Path) -> None:
    def change(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet5.xml":  # 40 MiB of whitespace: tiny compressed, huge expanded
            return data.replace(b"</worksheet>", b" " * (40 << 20) + b"</worksheet>")
        return data

    bad = _rewrite(clean, clean.with_name("bomb.xlsx"), change)
    assert bad.stat().st_size < 1 << 20
    assert_bad(bad, "zip bomb")


def test_bad_a_million_rows_of_formatting(clean: Path) -> None:
    # What selecting whole rows and colouring them leaves: a <row> element for every row.
    rows = b"".join(b'<row r="%d" s="1" customFormat="1"/>' % r for r in range(20, 1_048_577))

    def change(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet5.xml":  # 项目 (the writer's fixed sheet order)
            return data.replace(b"</sheetData>", rows + b"</sheetData>")
        return data

    bad = _rewrite(clean, clean.with_name("formatted.xlsx"), change)
    assert_bad(bad, "项目", "row 1,048,576")


def test_bad_merged_cells(clean: Path) -> None:
    bad = _edit(clean, "merged.xlsx", lambda wb: wb["绩效指标"].merge_cells("D2:D5"))
    assert_bad(bad, "绩效指标", "D2", "merged cells D2:D5")


def test_bad_formula(clean: Path) -> None:
    def edit(wb: Any) -> None:
        wb["项目"]["D3"] = "=E3+F3"

    assert_bad(_edit(clean, "formula.xlsx", edit), "项目", "D3", "formula")


def test_bad_excel_date_where_text_was_expected(clean: Path) -> None:
    def edit(wb: Any) -> None:
        wb["绩效指标"]["I2"] = dt.datetime(2021, 3, 1)

    assert_bad(_edit(clean, "date.xlsx", edit), "绩效指标", "I2", "date")


def test_one_bad_book_among_good_ones_still_reports_the_good(clean: Path, faulty: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.xlsx"
    proc = run("validate", clean, missing, faulty, "--format", "json")
    assert proc.returncode == 2
    files = json.loads(proc.stdout)["files"]
    # every input is listed, in order: JSON consumers see the unreadable one too
    assert [f["path"] for f in files] == [str(clean), str(missing), str(faulty)]
    assert files[1] == {
        "path": str(missing),
        "error": f"{missing}: file not found",
        "findings": [],
        "summary": {"error": 0, "warning": 0, "info": 0},
    }
    assert "error" not in files[0] and "error" not in files[2]
    assert files[2]["summary"] == {"error": 1, "warning": 1, "info": 0}
    assert proc.stderr.strip().splitlines() == [f"perfxl: {missing}: file not found"]


def test_all_books_unreadable_in_json(tmp_path: Path) -> None:
    not_xlsx = tmp_path / "notes.xlsx"
    not_xlsx.write_text("not a workbook", encoding="utf-8")
    proc = run("validate", not_xlsx, "--format", "json")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    (entry,) = json.loads(proc.stdout)["files"]
    assert entry["path"] == str(not_xlsx) and entry["findings"] == []
    assert entry["error"] and "\n" not in entry["error"]
    assert proc.stderr.strip() == f"perfxl: {entry['error']}"


def test_max_rows_caps_long_text_tables_but_not_the_summary(tmp_path: Path) -> None:
    ds = make_dataset()
    for index in range(3):
        ds = edit_indicator(ds, 0, index, basis=None)
    book = write_workbook(ds, tmp_path / "many.xlsx")
    capped = run("validate", book, "--max-rows", "1").stdout
    assert capped.count("basis-missing") == 1
    assert "另有 2 条未列出" in capped and "0 个错误，3 个警告" in capped
    assert run("validate", book, "--max-rows", "0").stdout.count("basis-missing") == 3
