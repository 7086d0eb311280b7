"""The macro-enabled template: xlwings' VBA project with perfxl's button module, and three buttons."""

from __future__ import annotations

import hashlib
import io
import random
import re
import zipfile
from pathlib import Path

import pytest

from perfxl.core.errors import OutputError, PerfxlError
from perfxl.core.model import Dataset
from perfxl.excel import entry
from perfxl.excel.template import cfb, macros, ovba, vba_project
from perfxl.excel.template.macros import BUTTONS, MODULE, VBA_PROJECT, button_module, write_macro_template
from perfxl.files.resources import template_path
from perfxl.workbook import read_workbook
from perfxl.workbook import schema as S
from tests.libreoffice import convert

olefile = pytest.importorskip("olefile")  # an independent reader of compound files


def xlwings_blob() -> bytes:
    return template_path(*VBA_PROJECT).read_bytes()


def ole_streams(blob: bytes) -> dict[str, bytes]:
    ole = olefile.OleFileIO(io.BytesIO(blob))
    return {"/".join(p): ole.openstream("/".join(p)).read() for p in ole.listdir()}


@pytest.fixture
def xlsm(tmp_path: Path, sample_dataset: Dataset) -> Path:
    return write_macro_template(sample_dataset, tmp_path / "2021.xlsm")


def test_decompress_reads_what_excel_wrote() -> None:
    # Module1 of xlwings' quickstart was compressed by Excel itself.
    source = vba_project.module_source(xlwings_blob(), "Module1")
    assert source.startswith('Attribute VB_Name = "Module1"\r\nSub SampleCall()')
    assert "RunPython" in source


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"a",
        b"abcabcabc" * 700,
        bytes(random.Random(7).randrange(256) for _ in range(9000)),
        button_module().encode("cp1252"),
        "中文批注".encode("gbk") * 2000,
    ],
)
def test_compression_round_trip(data: bytes) -> None:
    packed = ovba.compress(data)
    assert ovba.decompress(packed) == data
    if len(data) > 1000 and len(set(data)) < 64:
        assert len(packed) < len(data) / 2  # it really compresses


def test_compound_file_round_trip_is_read_by_olefile() -> None:
    blob = xlwings_blob()
    assert ole_streams(cfb.write_cfb(cfb.read_cfb(blob))) == ole_streams(blob)


def test_only_module1_changes_in_the_vba_project() -> None:
    before, after = ole_streams(xlwings_blob()), ole_streams(macros.vba_project())
    assert set(before) == set(after)
    assert {name for name in before if before[name] != after[name]} == {"VBA/Module1", "VBA/dir"}
    assert vba_project.module_source(macros.vba_project(), MODULE) == button_module()
    # In VBA/dir only Module1's MODULEOFFSET changes, to 0: the stream is source only, like xlwings' module.
    old_dir, new_dir = ovba.decompress(before["VBA/dir"]), ovba.decompress(after["VBA/dir"])
    changed = [i for i in range(len(old_dir)) if old_dir[i] != new_dir[i]]
    assert len(old_dir) == len(new_dir) and changed and max(changed) - min(changed) < 4
    assert ovba.decompress(after["VBA/Module1"]).decode("cp1252") == button_module()
    xlwings_module = vba_project.module_source(macros.vba_project(), "xlwings")
    assert "Public Function RunPython(PythonCommand As String)" in xlwings_module


def test_vba_project_is_the_one_the_0_1_build_wrote() -> None:
    # sha256 of xl/vbaProject.bin in `perfxl new --excel-macros` output before the codec was split into
    # template/cfb.py, ovba.py and vba_project.py: the split must not change a byte.
    blob = macros.vba_project()
    assert len(blob) == 53248  # 104 sectors of 512 bytes: header + body
    assert hashlib.sha256(blob).hexdigest() == "b10a12b4271f89f993402bb7553a1495b0ec60388e47b28c958cc669109add4c"


def test_button_module_calls_the_entry_points() -> None:
    source = button_module()
    for macro, _caption, function in BUTTONS:
        assert f"Sub {macro}()" in source
        assert f'RunPython "import perfxl.excel.entry as perfxl_entry; perfxl_entry.{function}()"' in source
        assert callable(getattr(entry, function))


def test_a_compiled_project_is_refused() -> None:
    root = cfb.read_cfb(xlwings_blob())
    header = root.find("VBA/_VBA_PROJECT")
    header.data = b"\xcc\x61\xb2\x00" + (header.data or b"")[4:]
    with pytest.raises(PerfxlError, match="compiled"):
        vba_project.replace_module(cfb.write_cfb(root), MODULE, button_module())


def test_template_has_vba_and_buttons(xlsm: Path, sample_dataset: Dataset) -> None:
    with zipfile.ZipFile(xlsm) as zf:
        types = zf.read("[Content_Types].xml").decode()
        assert "application/vnd.ms-excel.sheet.macroEnabled.main+xml" in types
        assert zf.read("xl/vbaProject.bin") == macros.vba_project()
        vml = "".join(zf.read(n).decode() for n in zf.namelist() if n.endswith(".vml"))
    called = re.findall(r"<x:FmlaMacro>\[0\]!(\w+)</x:FmlaMacro>", vml)
    assert called == [m for m, _, _ in BUTTONS]
    for _macro, caption, _function in BUTTONS:
        assert caption in vml
    # The data reads back like the plain template (calamine), and openpyxl keeps the VBA.
    assert read_workbook(xlsm).dataset == sample_dataset
    from openpyxl import load_workbook

    wb = load_workbook(xlsm, keep_vba=True)
    assert wb.sheetnames[0] == S.README
    assert wb.vba_archive is not None and "xl/vbaProject.bin" in wb.vba_archive.namelist()


def test_template_must_be_xlsm(tmp_path: Path, sample_dataset: Dataset) -> None:
    with pytest.raises(OutputError, match=r"\.xlsm"):
        write_macro_template(sample_dataset, tmp_path / "2021.xlsx")
    assert not list(tmp_path.iterdir())


@pytest.mark.libreoffice
def test_libreoffice_finds_the_macros_behind_the_buttons(
    xlsm: Path, tmp_path: Path, soffice: str, sample_dataset: Dataset
) -> None:
    ods = convert(soffice, xlsm, "ods", tmp_path / "ods")
    with zipfile.ZipFile(ods) as zf:
        module = zf.read("Basic/VBAProject/Module1.xml").decode()
        content = zf.read("content.xml").decode()
        assert "Basic/VBAProject/xlwings.xml" in zf.namelist()
    for macro, caption, function in BUTTONS:
        assert f"Sub {macro}()" in module and f"perfxl_entry.{function}()" in module
        assert f'form:label="{caption}"' in content
        assert f"VBAProject.Module1.{macro}?language=Basic" in content
    back = convert(soffice, xlsm, "xlsx", tmp_path / "xlsx")
    assert read_workbook(back).dataset == sample_dataset


def test_perfxl_new_excel_macros(tmp_path: Path) -> None:
    import typer.main
    from typer.testing import CliRunner

    from perfxl.cli import app

    new = typer.main.get_command(app).commands["new"]
    plain = CliRunner().invoke(app, ["new", "-o", str(tmp_path / "plain.xlsx"), "--year", "2022"])
    assert plain.exit_code == 0, plain.output
    with zipfile.ZipFile(tmp_path / "plain.xlsx") as zf:
        assert "xl/vbaProject.bin" not in zf.namelist()  # the plain template stays the default
    assert any("--excel-macros" in p.opts for p in new.params)
    out = tmp_path / "macros.xlsm"
    result = CliRunner().invoke(app, ["new", "--excel-macros", "-o", str(out), "--year", "2022"])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as zf:
        assert zf.read("xl/vbaProject.bin") == macros.vba_project()
