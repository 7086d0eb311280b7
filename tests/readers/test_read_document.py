"""read_document: the format from the content first, the extension second; one line for what it cannot read."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import msoffcrypto.format.ooxml
import openpyxl
import pytest

from perfxl.core.errors import InputError
from perfxl.importers.readers import read_document
from tests.libreoffice import convert
from tests.readers.conftest import tables
from tests.readers.test_docx_reader import _small_document


def _xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws["A1"], ws["B1"] = "项目名称", "主体班"
    wb.save(path)
    return path


@pytest.mark.parametrize(
    ("name", "data", "fmt"),
    [
        ("page.txt", "<html><body><table><tr><td>甲</td><td>乙</td></tr></table></body></html>".encode(), "html"),
        ("export.xls", "<table><tr><td>甲</td><td>乙</td></tr></table>".encode("gbk"), "html"),  # systems do this
        ("page.htm", "<p>只有段落</p>".encode(), "html"),
        ("fragment.htm", "纯文本".encode(), "html"),  # the extension decides when content cannot
        ("dump.txt", "\t项目编码\n\t1304\n".encode(), "text"),
        ("table.tsv", "甲\t乙\n丙\t丁\n".encode("utf-16"), "text"),
        ("noext", "甲|乙\n".encode("gb18030"), "text"),
    ],
)
def test_text_formats_by_content(tmp_path: Path, name: str, data: bytes, fmt: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert read_document(path).format == fmt


def test_zip_packages_by_their_parts(tmp_path: Path) -> None:
    docx_path = _small_document(tmp_path / "a.docx")
    xlsx_path = _xlsx(tmp_path / "b.xlsx")
    # Wrong extensions do not matter: the parts inside say what the package is.
    swapped_docx, swapped_xlsx = tmp_path / "a.xlsx", tmp_path / "b.docx"
    swapped_docx.write_bytes(docx_path.read_bytes())
    swapped_xlsx.write_bytes(xlsx_path.read_bytes())
    assert read_document(swapped_docx).format == "docx"
    assert read_document(swapped_xlsx).format == "xlsx"
    assert [c.text for c in tables(read_document(swapped_xlsx))[0].cells()] == ["项目名称", "主体班"]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.docx", b"", r"empty\.docx: the file is empty"),
        ("blank.txt", b" \r\n\t\n", r"blank\.txt: the file is empty"),
        ("fake.docx", b"just text", r"fake\.docx: not a Word \.docx document"),
        ("fake.pdf", b"just text", r"fake\.pdf: not a PDF"),
        ("fake.xlsx", b"just text", r"fake\.xlsx: not an \.xlsx workbook"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", r"image\.png: binary file of an unknown type"),
        ("broken.docx", b"PK\x03\x04 broken", r"broken\.docx: not a Word \.docx document \(corrupt zip package\)"),
    ],
)
def test_unreadable_inputs_are_one_line(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=message) as info:
        read_document(path)
    assert str(info.value).startswith(str(path)) and "\n" not in str(info.value)


def test_zip_of_something_else(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    (tmp_path / "a.odt").write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match=r"a\.odt: an OpenDocument file"):
        read_document(tmp_path / "a.odt")


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.docx: file not found"):
        read_document(tmp_path / "nope.docx")
    with pytest.raises(InputError, match="is a folder"):
        read_document(tmp_path)


def test_password_protected_office_file(tmp_path: Path) -> None:
    plain = _xlsx(tmp_path / "plain.xlsx")
    locked = tmp_path / "locked.xlsx"
    with plain.open("rb") as src, locked.open("wb") as dst:
        msoffcrypto.format.ooxml.OOXMLFile(src).encrypt("secret", dst)
    with pytest.raises(InputError, match=r"locked\.xlsx: password-protected Office file"):
        read_document(locked)


@pytest.mark.libreoffice
def test_old_word_doc_asks_for_docx(tmp_path: Path, soffice: str) -> None:
    doc = convert(soffice, _small_document(tmp_path / "old.docx"), "doc", tmp_path / "out")
    with pytest.raises(InputError, match=r"old\.doc: old Word \.doc file; save it as \.docx"):
        read_document(doc)
