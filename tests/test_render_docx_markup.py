"""The rendered Word document's structure: tables kept apart, header rows, rows whole,
the contents' links, the document's properties, and a strict OOXML check."""

from __future__ import annotations

import datetime as dt
import itertools
import zipfile
from functools import cache
from pathlib import Path

import pytest
from lxml import etree  # type: ignore[import-untyped]

from perfxl.core.model import Dataset
from perfxl.importers import import_document
from perfxl.render import render
from tests.conftest import SHARED_DOC, make_dataset

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


@cache
def _shared() -> Dataset:
    return import_document(SHARED_DOC).dataset


def _part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as zf:
        return etree.fromstring(zf.read(name))


@pytest.fixture(scope="module")
def shared_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render(_shared(), tmp_path_factory.mktemp("docx") / "weixian.docx")


def test_consecutive_tables_are_kept_apart_by_a_paragraph(shared_docx: Path) -> None:
    body = _part(shared_docx, "word/document.xml").find("w:body", NS)
    tags = [etree.QName(child).localname for child in body]
    assert tags.count("tbl") == 2 * len(_shared().projects)  # info + indicators per project
    assert ("tbl", "tbl") not in set(itertools.pairwise(tags))  # Word and LibreOffice would join them


def test_indicator_header_repeats_and_no_row_splits(shared_docx: Path) -> None:
    tables = _part(shared_docx, "word/document.xml").findall("w:body/w:tbl", NS)
    for index, table in enumerate(tables):
        rows = table.findall("w:tr", NS)
        for r, row in enumerate(rows):
            props = row.find("w:trPr", NS)
            assert props is not None
            names = [etree.QName(c).localname for c in props]
            assert "cantSplit" in names
            header = index % 2 == 1 and r == 0  # tables alternate info, indicators
            assert ("tblHeader" in names) == header, (index, r, names)
            # Word's form: present means on, no w:val; cantSplit before tblHeader.
            for flag in props:
                assert flag.get(_w("val")) is None
            if header:
                assert names.index("cantSplit") < names.index("tblHeader")
        if index % 2 == 1:
            first_cells = ["".join(tc.itertext()) for tc in rows[0].findall("w:tc", NS)]
            assert first_cells[0] == "一级指标"


def test_contents_entries_link_to_bookmarked_headings_with_page_fields(shared_docx: Path) -> None:
    doc = _part(shared_docx, "word/document.xml")
    bookmarks = {b.get(_w("name")) for b in doc.iter(_w("bookmarkStart"))}
    links = doc.findall(".//w:sdtContent//w:hyperlink", NS)
    # 3 part-one sections + 2 part titles + one entry per project table
    assert len(links) == 3 + 2 + len(_shared().projects)
    for link in links:
        anchor = link.get(_w("anchor"))
        assert anchor in bookmarks
        instructions = "".join(link.itertext())
        assert f"PAGEREF {anchor} \\h" in instructions
    first = "".join(links[5].itertext())
    assert first.startswith("1.小额贷款担保基金绩效目标表")
    assert 'TOC \\o "1-2"' in "".join(doc.find(".//w:sdtContent", NS).itertext())


def test_document_properties_are_perfxls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import docx

    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    out = render(make_dataset(), tmp_path / "s.docx")
    props = docx.Document(str(out)).core_properties
    assert props.title == "魏县人力资源和社会保障局本级2021年预算绩效目标"  # the one unit, its year
    assert (props.author, props.last_modified_by, props.language) == ("perfxl", "perfxl", "zh-CN")
    assert props.created is not None and props.modified == props.created
    assert before <= props.created <= dt.datetime.now(dt.UTC)
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
        package = b"".join(zf.read(n) for n in names if n.endswith((".xml", ".rels")))
    for stale in (b"python-docx", b"2013-12-23", b"ja-JP", b"Macintosh"):
        assert stale not in package
    assert b'w:eastAsia="zh-CN"' in package
    assert not any(n.endswith(("stylesWithEffects.xml", "thumbnail.jpeg")) or n.startswith("customXml") for n in names)
    # Reproducible builds fix the dates: 1700000000 s after the epoch is 2023-11-14 22:13:20 UTC.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    fixed = docx.Document(str(render(make_dataset(), tmp_path / "fixed.docx"))).core_properties
    assert fixed.created == fixed.modified == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)


def test_several_units_are_titled_by_the_division(tmp_path: Path) -> None:
    import docx

    from perfxl.core.model import Unit

    ds = make_dataset()
    ds = ds.model_copy(update={"units": (*ds.units, Unit(code="316002", name="魏县就业服务中心"))})
    assert docx.Document(str(render(ds, tmp_path / "two.docx"))).core_properties.title == "魏县2021年预算绩效目标"
    one = render(ds, tmp_path / "one.docx", unit="316002")
    assert docx.Document(str(one)).core_properties.title == "魏县就业服务中心2021年预算绩效目标"


@pytest.mark.parametrize("which", ["sample", "shared"])
def test_passes_a_strict_ooxml_check(which: str, tmp_path: Path, shared_docx: Path) -> None:
    """openxml-audit: the Open XML SDK's schema and semantic validation, ported to Python."""
    from openxml_audit import FileFormat, OpenXmlValidator

    path = shared_docx if which == "shared" else render(make_dataset(), tmp_path / "s.docx")
    result = OpenXmlValidator(file_format=FileFormat.OFFICE_2019, max_errors=0).validate(path)
    assert [str(e) for e in result.errors] == []
