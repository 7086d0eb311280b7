"""Bad input: one clear line naming file, sheet and cell, exit code 2, no traceback, nothing written.

Each case is a real file built the way it happens in practice and fed to the
real command line.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from perfxl.workbook.writer import write_workbook
from tests.conftest import make_dataset


def run_export(path: Path, tmp_path: Path) -> tuple[int, str, Path]:
    out = tmp_path / "out.json"
    proc = subprocess.run(
        [sys.executable, "-m", "perfxl", "export", str(path), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return proc.returncode, proc.stderr + proc.stdout, out


def assert_one_clear_line(path: Path, tmp_path: Path, *expected: str) -> str:
    code, output, out = run_export(path, tmp_path)
    assert code == 2, output
    assert "Traceback" not in output
    lines = output.strip().splitlines()
    assert len(lines) == 1, output
    assert str(path) in lines[0]
    for text in expected:
        assert text in lines[0], lines[0]
    assert not out.exists()
    return lines[0]


def _openpyxl_book(tmp_path: Path) -> tuple[object, Path]:
    from openpyxl import load_workbook

    path = write_workbook(make_dataset(), tmp_path / "good.xlsx")
    return load_workbook(path), path


def test_corrupt_zip(tmp_path: Path) -> None:
    good = write_workbook(make_dataset(), tmp_path / "good.xlsx")
    bad = tmp_path / "corrupt.xlsx"
    bad.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    assert_one_clear_line(bad, tmp_path, "not an .xlsx workbook")


def test_docx_renamed_xlsx(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("预算项目绩效目标")
    bad = tmp_path / "report.xlsx"
    document.save(str(bad))
    assert_one_clear_line(bad, tmp_path, "Word document")


def test_password_protected(tmp_path: Path) -> None:
    msoffcrypto = pytest.importorskip("msoffcrypto", reason="msoffcrypto-tool (in [dev]) builds the encrypted file")
    from msoffcrypto.format.ooxml import OOXMLFile

    good = write_workbook(make_dataset(), tmp_path / "good.xlsx")
    bad = tmp_path / "locked.xlsx"
    with open(good, "rb") as src, open(bad, "wb") as dst:
        OOXMLFile(src).encrypt("secret", dst)
    assert msoffcrypto is not None
    assert_one_clear_line(bad, tmp_path, "password-protected")


def test_xml_entity_bomb(tmp_path: Path) -> None:
    good = write_workbook(make_dataset(), tmp_path / "good.xlsx")
    bad = tmp_path / "entities.xlsx"
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{i} "{"&lol" + str(i - 1) + ";" if i else "&lol;"}' * 10 + '">' for i in range(1, 9))
        + "]>"
    )
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "xl/worksheets/sheet5.xml":
                data = data.replace(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', bomb.encode())
                assert b"<!ENTITY" in data
            zout.writestr(item, data)
    assert_one_clear_line(bad, tmp_path, "entities")


@pytest.mark.slow
def test_zip_bomb_of_one_gigabyte_whitespace(tmp_path: Path) -> None:
    good = write_workbook(make_dataset(), tmp_path / "good.xlsx")
    bad = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            if item.filename == "xl/worksheets/sheet5.xml":
                data = zin.read(item)
                head, tail = data.split(b"<sheetData>")
                with zout.open(item.filename, "w", force_zip64=True) as fh:
                    fh.write(head + b"<sheetData>")
                    block = b" " * (1 << 24)
                    for _ in range(64):  # 64 × 16 MiB = 1 GiB of whitespace
                        fh.write(block)
                    fh.write(tail)
            else:
                zout.writestr(item, zin.read(item))
    assert bad.stat().st_size < 10 << 20
    assert_one_clear_line(bad, tmp_path, "zip bomb")


def test_stray_value_at_the_last_cell(tmp_path: Path) -> None:
    wb, _ = _openpyxl_book(tmp_path)
    wb["绩效指标"]["XFD1048576"] = "x"  # type: ignore[index]
    bad = tmp_path / "stray.xlsx"
    wb.save(bad)  # type: ignore[attr-defined]
    assert bad.stat().st_size < 100_000
    assert_one_clear_line(bad, tmp_path, "绩效指标", "row 1,048,576")


@pytest.mark.slow
def test_a_million_rows_of_formatting(tmp_path: Path) -> None:
    import xlsxwriter

    bad = tmp_path / "formatted.xlsx"
    # Formatting every row of a sheet, as selecting whole rows and colouring them does.
    wb = xlsxwriter.Workbook(str(bad))
    info = wb.add_worksheet("基本信息")
    info.write_row(0, 0, ["项目", "内容"])
    info.write_row(1, 0, ["预算年度", 2021])
    ws = wb.add_worksheet("项目")
    fmt = wb.add_format({"bg_color": "#FFFF00"})
    ws.write_row(0, 0, ["单位编码", "项目编码", "项目名称", "预算数", "财政资金", "其他资金", "资金用途", "绩效目标"])
    for row in range(1, 1_048_576):
        ws.set_row(row, None, fmt)
    wb.close()
    with zipfile.ZipFile(bad) as zf:
        assert zf.read("xl/worksheets/sheet2.xml").count(b"<row ") == 1_048_576
    assert_one_clear_line(bad, tmp_path, "项目", "row 1,048,576")


def test_merged_cells(tmp_path: Path) -> None:
    wb, _ = _openpyxl_book(tmp_path)
    wb["绩效指标"].merge_cells("D2:D5")  # type: ignore[index]
    bad = tmp_path / "merged.xlsx"
    wb.save(bad)  # type: ignore[attr-defined]
    assert_one_clear_line(bad, tmp_path, "绩效指标", "D2", "merged cells D2:D5")


def test_merged_cells_on_two_sheets_name_the_first_sheet(tmp_path: Path) -> None:
    # Sheets are read largest first (绩效指标 here), but the sheet named is the first in the workbook.
    wb, _ = _openpyxl_book(tmp_path)
    wb["绩效指标"].merge_cells("D2:D5")  # type: ignore[index]
    wb["项目"].merge_cells("G2:G3")  # type: ignore[index]
    bad = tmp_path / "merged2.xlsx"
    wb.save(bad)  # type: ignore[attr-defined]
    assert_one_clear_line(bad, tmp_path, "项目", "G2", "merged cells G2:G3")


def test_formulas(tmp_path: Path) -> None:
    wb, _ = _openpyxl_book(tmp_path)
    wb["项目"]["D3"] = "=E3+F3"  # type: ignore[index]
    bad = tmp_path / "formula.xlsx"
    wb.save(bad)  # type: ignore[attr-defined]
    assert_one_clear_line(bad, tmp_path, "项目", "D3", "formula")


def test_excel_date_where_text_was_expected(tmp_path: Path) -> None:
    wb, _ = _openpyxl_book(tmp_path)
    wb["绩效指标"]["I2"] = dt.datetime(2021, 3, 1)  # type: ignore[index]
    bad = tmp_path / "date.xlsx"
    wb.save(bad)  # type: ignore[attr-defined]
    assert_one_clear_line(bad, tmp_path, "绩效指标", "I2", "date")


def test_text_where_an_amount_was_expected(tmp_path: Path) -> None:
    wb, _ = _openpyxl_book(tmp_path)
    wb["项目"]["D2"] = "十万"  # type: ignore[index]
    bad = tmp_path / "money.xlsx"
    wb.save(bad)  # type: ignore[attr-defined]
    assert_one_clear_line(bad, tmp_path, "项目", "D2", "expected an amount")


def test_missing_and_empty_files(tmp_path: Path) -> None:
    assert_one_clear_line(tmp_path / "nothing.xlsx", tmp_path, "file not found")
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    assert_one_clear_line(empty, tmp_path, "empty")
