"""perfxl new / export / build through the real command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from perfxl.core.model import Dataset
from perfxl.formats.interchange import dumps_json
from perfxl.workbook import read_workbook
from perfxl.workbook.writer import write_workbook


def perfxl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "perfxl", *args], capture_output=True, text=True, timeout=120)


def test_new_writes_a_template_that_reads_back_empty(tmp_path: Path) -> None:
    out = tmp_path / "2022.xlsx"
    proc = perfxl("new", "-o", str(out), "--year", "2022", "--division-code", "130434", "--division-name", "魏县")
    assert proc.returncode == 0, proc.stderr
    result = read_workbook(out)
    assert result.findings == []
    ds = result.dataset
    assert (ds.year, ds.division.code, ds.division.name, ds.taxonomy) == (2022, "130434", "魏县", "v2021")
    assert ds.units == () and ds.projects == () and ds.department_goals == ()


def test_new_sheets_headers_and_hidden_lists(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "t.xlsx"
    assert perfxl("new", "-o", str(out), "--year", "2021", "--taxonomy", "v2021").returncode == 0
    wb = load_workbook(out)
    assert wb.sheetnames == ["说明", "基本信息", "单位", "部门目标", "项目", "支出计划", "绩效指标", "指标体系"]
    assert [c.value for c in wb["支出计划"][1]] == ["项目编码", "项目名称", "3月底", "6月底", "10月底", "12月底"]
    assert [c.value for c in wb["绩效指标"][1]] == [
        "项目编码",
        "项目名称",
        "序号",
        "一级指标",
        "二级指标",
        "三级指标",
        "绩效指标描述",
        "计算符号",
        "指标值",
        "计量单位",
        "指标值确定依据",
    ]
    assert wb["指标体系"].sheet_state == "hidden"
    assert wb["指标体系"].protection.sheet
    ws = wb["项目"]
    assert ws.freeze_panes == "A2"
    assert not ws.protection.sheet  # off by default: see write_workbook's docstring
    assert ws["A1"].protection.locked and ws.column_dimensions["D"].width is not None
    assert "成本指标" in wb.defined_names  # 二级 lists behind INDIRECT
    info = {r[0].value: r[1].value for r in wb["基本信息"].iter_rows(min_row=2)}
    assert info["指标体系版本"] == "v2021" and info["金额单位"] == "万元" and info["预算年度"] == 2021


def test_new_protect_guards_headers_but_not_data_rows(tmp_path: Path, sample_dataset: Dataset) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "p.xlsx"
    assert perfxl("new", "-o", str(out), "--year", "2021", "--protect").returncode == 0
    ws = load_workbook(out)["绩效指标"]
    assert ws.protection.sheet and not ws.protection.password
    # OOXML stores "forbidden" flags: False means people may do it.
    p = ws.protection
    assert (p.insertRows, p.deleteRows, p.sort, p.autoFilter, p.formatCells) == (False, False, False, False, False)
    assert ws["A1"].protection.locked
    filled = load_workbook(write_workbook(sample_dataset, tmp_path / "f.xlsx", protect=True))["绩效指标"]
    assert filled["A1"].protection.locked and not filled["H2"].protection.locked


def test_export_build_export_cli(tmp_path: Path, sample_dataset: Dataset) -> None:
    book = write_workbook(sample_dataset, tmp_path / "a.xlsx")
    for suffix in (".json", ".yaml"):
        first = tmp_path / f"a{suffix}"
        assert perfxl("export", str(book), "-o", str(first)).returncode == 0
        rebuilt = tmp_path / f"b{suffix}.xlsx"
        assert perfxl("build", str(first), "-o", str(rebuilt)).returncode == 0
        second = tmp_path / f"b{suffix}"
        assert perfxl("export", str(rebuilt), "-o", str(second)).returncode == 0
        assert first.read_bytes() == second.read_bytes()
    assert json.loads((tmp_path / "a.json").read_text(encoding="utf-8")) == json.loads(dumps_json(sample_dataset))


def test_build_rejects_bad_documents_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "perfxl", "schema_version": 1, "projects": [{"code": "X", "budget": {"total": 1.5}}]}')
    proc = perfxl("build", str(bad), "-o", str(tmp_path / "o.xlsx"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "projects[0].budget.total" in proc.stderr and str(bad) in proc.stderr
    assert not (tmp_path / "o.xlsx").exists()
    bad.write_text("{not json")
    proc = perfxl("build", str(bad), "-o", str(tmp_path / "o.xlsx"))
    assert proc.returncode == 2 and "invalid JSON at line 1" in proc.stderr


def test_unknown_taxonomy_and_bad_output_are_usage_errors(tmp_path: Path) -> None:
    proc = perfxl("new", "-o", str(tmp_path / "t.xlsx"), "--year", "2021", "--taxonomy", "v1999")
    assert proc.returncode == 2 and "unknown taxonomy version 'v1999'" in proc.stderr
    proc = perfxl("new", "-o", str(tmp_path / "t.csv"), "--year", "2021")
    assert proc.returncode == 2 and ".xlsx" in proc.stderr
    proc = perfxl("new", "-o", str(tmp_path / "missing-dir" / "t.xlsx"), "--year", "2021")
    assert proc.returncode == 2 and "does not exist" in proc.stderr


def test_new_and_build_never_replace_a_workbook_without_force(tmp_path: Path, sample_dataset: Dataset) -> None:
    book = write_workbook(sample_dataset, tmp_path / "filled.xlsx")
    before = book.read_bytes()
    proc = perfxl("new", "-o", str(book), "--year", "2022")
    assert proc.returncode == 2 and "already exists; use --force" in proc.stderr
    doc = tmp_path / "d.json"
    doc.write_text(dumps_json(sample_dataset), encoding="utf-8")
    proc = perfxl("build", str(doc), "-o", str(book))
    assert proc.returncode == 2 and "--force" in proc.stderr
    assert book.read_bytes() == before
    assert perfxl("new", "-o", str(book), "--year", "2022", "--force").returncode == 0
    assert read_workbook(book).dataset.projects == ()


def test_outputs_are_readable_like_any_new_file(tmp_path: Path) -> None:
    import os
    import stat

    out = tmp_path / "t.xlsx"
    old = os.umask(0o022)
    try:
        assert perfxl("new", "-o", str(out), "--year", "2022").returncode == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_unwritable_output_is_one_line(tmp_path: Path) -> None:
    proc = perfxl("new", "-o", "/proc/perfxl-test.xlsx", "--year", "2022")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "/proc/perfxl-test.xlsx" in proc.stderr
    proc = perfxl("new", "-o", str(tmp_path / "x.xlsm"), "--year", "2022", "--excel-macros", "--protect")
    assert proc.returncode == 2 and "--protect cannot be combined" in proc.stderr
