"""The table of contents, written as Word writes one: a TOC field whose entries link to bookmarks.

Each heading listed carries a hidden bookmark (``_Toc…``); each entry is a
hyperlink to it with a ``PAGEREF`` field for its page number.  The field's
cached result holds the page numbers perfxl can know (none: it does not lay
pages out), so whoever lays the document out fills them in: Word refreshes
the fields on opening (``w:updateFields``), LibreOffice computes a
``PAGEREF`` whenever it lays out the page, and ``perfxl render`` to PDF
updates the index before exporting.  The whole sits in a "Table of Contents"
content control, as in Word, so readers that walk the body's paragraphs and
tables do not take it for content.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

TOC_TITLE = "目录"
TOC_STYLES = ("toc 1", "toc 2")
TOC_INSTRUCTION = ' TOC \\o "1-2" \\h \\z \\u '
BOOKMARK_PREFIX = "_Toc"


@dataclass(frozen=True)
class Entry:
    """A heading listed in the contents: its level (1 or 2), its text and its paragraph."""

    level: int
    text: str
    paragraph: Any


def _fld_char(kind: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), kind)
    return el


def _run(*children: Any) -> Any:
    from docx.oxml import OxmlElement

    run = OxmlElement("w:r")
    for child in children:
        run.append(child)
    return run


def _instr(text: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = text
    return instr


def _text_run(text: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    return _run(t)


def add_bookmark(paragraph: Any, number: int) -> str:
    """Wrap ``paragraph``'s content in a hidden bookmark; returns its name."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    name = f"{BOOKMARK_PREFIX}{number:08d}"
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    p = paragraph._p
    at = 1 if p.pPr is not None else 0
    p.insert(at, start)
    p.append(end)
    return name


def _entry_link(text: str, bookmark: str) -> Any:
    """The hyperlink Word writes for an entry: text, tab, PAGEREF page number."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), bookmark)
    link.set(qn("w:history"), "1")
    link.append(_text_run(text))
    link.append(_run(OxmlElement("w:tab")))
    link.append(_run(_fld_char("begin")))
    link.append(_run(_instr(f" PAGEREF {bookmark} \\h ")))
    link.append(_run(_fld_char("separate")))
    link.append(_run(_fld_char("end")))
    return link


def add_toc(doc: Any, entries: list[Entry], clean: Any, page_break: Any) -> None:
    """Insert the contents at the top of the body, followed by a page break.

    ``clean`` makes text storable in XML; ``page_break`` is python-docx's page break type.
    """
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    sdt = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtPr><w:docPartObj>"
        '<w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/>'
        "</w:docPartObj></w:sdtPr><w:sdtContent/></w:sdt>"
    )
    content = sdt.find(qn("w:sdtContent"))
    body = doc.element.body
    paragraphs = [doc.add_paragraph(TOC_TITLE, style="Title")]
    for number, entry in enumerate(entries, start=1):
        para = doc.add_paragraph(style=TOC_STYLES[entry.level - 1])
        para._p.append(_entry_link(clean(entry.text), add_bookmark(entry.paragraph, number)))
        paragraphs.append(para)
    # The field: begin/instruction/separate before the first entry, end in a paragraph of its own.
    first = doc.add_paragraph(style=TOC_STYLES[0]) if not entries else paragraphs[1]
    at = 1 if first._p.pPr is not None else 0
    for offset, run in enumerate(
        (_run(_fld_char("begin")), _run(_instr(TOC_INSTRUCTION)), _run(_fld_char("separate")))
    ):
        first._p.insert(at + offset, run)
    if not entries:
        paragraphs.append(first)
    closing = doc.add_paragraph()
    closing._p.append(_run(_fld_char("end")))
    closing.add_run().add_break(page_break)
    paragraphs.append(closing)
    for para in paragraphs:
        body.remove(para._p)
        content.append(para._p)
    body.insert(0, sdt)
