"""``perfxl import`` through the real command line: outputs, exit codes, one line per problem."""

from __future__ import annotations

import subprocess
import sys
import time
import zipfile
from decimal import Decimal
from pathlib import Path

from perfxl.formats.interchange import dumps_json, load
from perfxl.importers import import_document
from perfxl.workbook import read_workbook
from tests.conftest import SHARED_DOC


def perfxl(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "perfxl", "import", *map(str, args)], capture_output=True, text=True, timeout=120
    )


def _broken_copy(tmp_path: Path) -> tuple[Path, int]:
    """The shared document with project 2's 项目编码 blanked and project 5's goals label misspelt.

    Returns the path and the 1-based line of the misspelt label.
    """
    lines = SHARED_DOC.read_text(encoding="utf-8").split("\n")
    lines[lines.index("\t130434214GIWQV0OPVG49")] = "\t"
    at = lines.index("\t绩效目标", lines.index("\t130434219WPYU3G7L6523"))  # project 5
    lines[at] = "\t绩效目 标说明"
    path = tmp_path / "broken.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, at + 1


def test_import_shared_document(tmp_path: Path) -> None:
    book, out_json = tmp_path / "2021.xlsx", tmp_path / "2021.json"
    started = time.perf_counter()
    proc = perfxl(SHARED_DOC, "-o", book, "--json", out_json)
    elapsed = time.perf_counter() - started
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert "24 projects, 179 indicators, 预算数 20749.08 万元, budget year 2021" in proc.stdout
    read = read_workbook(book)
    assert read.findings == []
    expected = import_document(SHARED_DOC).dataset
    assert read.dataset == expected
    assert load(out_json) == expected
    assert out_json.read_text(encoding="utf-8") == dumps_json(expected)
    assert read.dataset.budget_total() == Decimal("20749.08")
    assert elapsed < 10  # whole process incl. interpreter start; typically ~0.4 s


def test_json_is_byte_identical_across_runs(tmp_path: Path) -> None:
    outputs = []
    for n in (1, 2):
        out = tmp_path / f"run{n}.json"
        assert perfxl(SHARED_DOC, "-o", tmp_path / f"run{n}.xlsx", "--json", out).returncode == 0
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_problems_without_partial_write_nothing(tmp_path: Path) -> None:
    book = tmp_path / "out.xlsx"
    broken, line = _broken_copy(tmp_path)
    code = import_document(broken).dataset.projects[1].code
    proc = perfxl(broken, "-o", book)
    assert proc.returncode == 1
    heading5 = "«5.劳动保障监察工作经费绩效目标表»"
    assert proc.stderr.split("\n") == [
        f"{broken}: line {line}, table 5 column 1 {heading5}: value without a label: «绩效目 标说明»",
        f"{broken}: line {line + 1}, table 5 column 2 {heading5}: value without a label: "
        "«1.提高劳动者维权意识，每年至少一次下乡劳动监察。 2.维护社会稳定，案件结案…»",
        f"warning: {broken}: table 2 «2.冀财金【2020】54号提前下达省级2021年普惠金融发展专项资金绩效目标表»: "
        f"no 项目编码; placeholder {code} given (fill in the real code)",
        # 24 projects: project 2 kept under its placeholder code; all 179 indicators read.
        f"perfxl: {broken}: 2 problem(s); nothing written (read 24 projects, 179 indicators, "
        "预算数 20749.08 万元, budget year 2021, profile hebei; --partial writes what could be read)",
        "",
    ]
    assert not book.exists()


def test_partial_writes_what_could_be_read(tmp_path: Path) -> None:
    book, out_json = tmp_path / "out.xlsx", tmp_path / "out.json"
    proc = perfxl(_broken_copy(tmp_path)[0], "-o", book, "--json", out_json, "--partial")
    assert proc.returncode == 1
    assert len(proc.stderr.strip().split("\n")) == 3
    dataset = read_workbook(book).dataset
    assert len(dataset.projects) == 24
    assert dataset.indicator_count() == 179
    assert dataset.projects[4].goals is None
    assert load(out_json) == dataset


def test_empty_file_exit_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    book = tmp_path / "out.xlsx"
    proc = perfxl(empty, "-o", book, "--partial")
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith(f"perfxl: {empty}: ")
    assert "empty" in proc.stderr
    assert not book.exists()


def test_docx_not_a_zip_exit_2(tmp_path: Path) -> None:
    fake = tmp_path / "targets.docx"
    fake.write_bytes(b"\x00\x01 not a document at all")
    proc = perfxl(fake, "-o", tmp_path / "out.xlsx")
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith(f"perfxl: {fake}: ")


def test_nothing_readable_exit_2_even_with_partial(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("会议纪要\n\n今天开会。\n", encoding="utf-8")
    book = tmp_path / "out.xlsx"
    proc = perfxl(notes, "-o", book, "--partial")
    assert proc.returncode == 2
    assert proc.stderr == (f"perfxl: {notes}: no tables and no part-1 goals found: not a performance-target document\n")
    assert not book.exists()


def test_missing_input_and_bad_output_names(tmp_path: Path) -> None:
    proc = perfxl(tmp_path / "nope.txt", "-o", tmp_path / "out.xlsx")
    assert (proc.returncode, proc.stderr) == (2, f"perfxl: {tmp_path / 'nope.txt'}: file not found\n")
    proc = perfxl(SHARED_DOC, "-o", tmp_path / "out.xls")
    assert proc.returncode == 2 and "must be an .xlsx file" in proc.stderr
    proc = perfxl(SHARED_DOC, "-o", tmp_path / "out.xlsx", "--json", tmp_path / "out.yaml")
    assert proc.returncode == 2 and "--json must be a .json file" in proc.stderr
    assert not (tmp_path / "out.xlsx").exists()


def test_input_is_not_modified(tmp_path: Path) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_bytes(SHARED_DOC.read_bytes())
    before = doc.stat().st_mtime_ns, doc.read_bytes()
    assert perfxl(doc, "-o", tmp_path / "doc.xlsx").returncode == 0
    assert (doc.stat().st_mtime_ns, doc.read_bytes()) == before


def test_existing_workbook_is_replaced_only_with_force(tmp_path: Path) -> None:
    book = tmp_path / "2021.xlsx"
    book.write_bytes(b"a workbook someone has been filling in")
    proc = perfxl(SHARED_DOC, "-o", book, "--json", tmp_path / "2021.json")
    assert proc.returncode == 2
    assert proc.stderr == f"perfxl: {book}: already exists; use --force to replace it\n"
    assert book.read_bytes() == b"a workbook someone has been filling in"
    assert not (tmp_path / "2021.json").exists()
    proc = perfxl(SHARED_DOC, "-o", book, "--force")
    assert proc.returncode == 0, proc.stderr
    assert read_workbook(book).dataset == import_document(SHARED_DOC).dataset


def test_damaged_docx_exit_2_one_line(tmp_path: Path) -> None:
    """A .docx whose [Content_Types].xml is well-formed but not a list of parts (python-docx: AttributeError)."""
    import docx

    good, bad = tmp_path / "good.docx", tmp_path / "bad.docx"
    docx.Document().save(str(good))
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, b"<Parts/>" if item.filename == "[Content_Types].xml" else src.read(item))
    book = tmp_path / "out.xlsx"
    proc = perfxl(bad, "-o", book)
    assert proc.returncode == 2
    assert proc.stderr == f"perfxl: {bad}: damaged Word document: [Content_Types].xml has no <Types> list of parts\n"
    assert not book.exists()
