"""The publishable document as a Word file (python-docx).

Same blocks as the text form (:func:`perfxl.render.text.layout`): part titles,
section headings, the numbered goal paragraphs, and per project a titled
绩效目标表 made of two tables (the project's money, plan and goals; then the
indicators with 一级指标 merged vertically).  A4, Chinese fonts set on the
``w:eastAsia`` slot (Word otherwise draws Chinese in its Latin font's
fallback), with Noto CJK named as the alternative where the Windows fonts are
missing.  The table of contents is a real TOC field that Word refreshes on
opening; it sits in a content control, as Word puts it, so readers that walk
the body's paragraphs and tables do not see it as content.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from perfxl.atomic import atomic_path
from perfxl.model import Dataset
from perfxl.render.text import Heading, Paragraph, ProjectTable, layout

LATIN_FONT = "Times New Roman"
BODY_FONT = "仿宋"  # goal paragraphs
TABLE_FONT = "宋体"
HEADING_FONT = "黑体"
# Where 宋体/仿宋/黑体 are missing (Linux, LibreOffice), the Noto CJK fonts stand in.
ALT_FONTS = {BODY_FONT: "Noto Serif CJK SC", TABLE_FONT: "Noto Serif CJK SC", HEADING_FONT: "Noto Sans CJK SC"}
TOC_TITLE = "目录"
TABLE_POINTS = 10.5

# Column widths in cm: the info table has a 7-column grid, the indicator table 6.
INFO_WIDTHS = (2.3, 1.9, 2.0, 2.9, 2.0, 2.0, 2.6)
INDICATOR_WIDTHS = (2.0, 2.6, 3.0, 4.2, 2.0, 2.1)
# Info table: per row, the (first column, last column) span of each cell.
INFO_SPANS: tuple[tuple[tuple[int, int], ...], ...] = (
    ((0, 4), (5, 6)),
    ((0, 0), (1, 3), (4, 4), (5, 6)),
    tuple((i, i) for i in range(7)),
    ((0, 0), (1, 6)),
    ((0, 0), (1, 2), (3, 3), (4, 5), (6, 6)),
    ((0, 0), (1, 2), (3, 3), (4, 5), (6, 6)),
    ((0, 0), (1, 6)),
)
# (row, column) of info cells merged with the cell above: the two row labels.
INFO_VMERGED = ((3, 0), (5, 0))


def _set_fonts(element: Any, east_asia: str, size_pt: float | None = None, bold: bool | None = None) -> None:
    """Set a style's or run's fonts, East Asian slot included."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    element.font.name = LATIN_FONT
    if size_pt is not None:
        element.font.size = Pt(size_pt)
    if bold is not None:
        element.font.bold = bold
    rpr = element.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(slot), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asia)
    # Theme fonts would override the explicit names; drop them.
    for slot in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(slot), None)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        from docx.oxml import OxmlElement

        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def _setup_styles(doc: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    styles = doc.styles
    _set_fonts(styles["Normal"], BODY_FONT, 14)
    styles["Normal"].paragraph_format.space_after = Pt(0)
    styles["Normal"].paragraph_format.line_spacing = 1.25
    for name, size in (("Title", 22), ("Heading 1", 18), ("Heading 2", 15)):
        style = styles[name]
        _set_fonts(style, HEADING_FONT, size, bold=name != "Title")
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.italic = False
        style.paragraph_format.space_before = Pt(12)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styles["Heading 1"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # The Title style's bottom border line looks out of place in a government document.
    from docx.oxml.ns import qn

    ppr = styles["Title"].element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)
    table_style = styles["Table Grid"]
    _set_fonts(table_style, TABLE_FONT, TABLE_POINTS)
    table_style.paragraph_format.line_spacing = 1.0
    table_style.paragraph_format.first_line_indent = Pt(0)


def _add_font_alternatives(doc: Any) -> None:
    """Name Noto CJK as each Chinese font's alternative in the font table."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml

    part = doc.part.part_related_by(RT.FONT_TABLE)
    root = parse_xml(part.blob)
    ns = root.nsmap["w"]
    for name, alt in ALT_FONTS.items():
        if root.find(f"{{{ns}}}font[@{{{ns}}}name='{name}']") is not None:
            continue
        font = parse_xml(
            f'<w:font xmlns:w="{ns}" w:name="{name}"><w:altName w:val="{alt}"/>'
            '<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
        )
        root.append(font)
    from lxml import etree  # type: ignore[import-untyped]

    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page_setup(doc: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    for section in doc.sections:
        section.page_width = Cm(21.0)
        section.page_height = Cm(29.7)
        section.top_margin = section.bottom_margin = Cm(2.54)
        section.left_margin = section.right_margin = Cm(2.5)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _add_field(footer, "PAGE", "1")


def _fld_char(kind: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), kind)
    return el


def _add_field(paragraph: Any, instruction: str, cached: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.add_run()._r.append(_fld_char("begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    paragraph.add_run()._r.append(_fld_char("separate"))
    paragraph.add_run(cached)
    paragraph.add_run()._r.append(_fld_char("end"))


def _add_toc(doc: Any, entries: list[tuple[int, str]]) -> None:
    """A TOC field (headings 1–2) inside a 'Table of Contents' content control.

    The cached result lists the entries without page numbers; Word fills them in
    when it refreshes the field on opening (``w:updateFields``).
    """
    from docx.oxml import OxmlElement, parse_xml
    from docx.oxml.ns import nsdecls, qn

    sdt = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtPr><w:docPartObj>"
        '<w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/>'
        "</w:docPartObj></w:sdtPr><w:sdtContent/></w:sdt>"
    )
    content = sdt.find(qn("w:sdtContent"))
    body = doc.element.body
    title = doc.add_paragraph(TOC_TITLE, style="Title")
    paragraphs = [title]
    for level, text in entries or [(1, "")]:
        para = doc.add_paragraph()
        para.paragraph_format.left_indent = None if level == 1 else doc.styles["Normal"].font.size
        para.add_run(text)
        paragraphs.append(para)
    first, last = paragraphs[1], paragraphs[-1]
    begin = OxmlElement("w:r")
    begin.append(_fld_char("begin"))
    instr_run = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = ' TOC \\o "1-2" \\h \\z \\u '
    instr_run.append(instr)
    separate = OxmlElement("w:r")
    separate.append(_fld_char("separate"))
    at = 1 if first._p.pPr is not None else 0
    for offset, run in enumerate((begin, instr_run, separate)):
        first._p.insert(at + offset, run)
    end = OxmlElement("w:r")
    end.append(_fld_char("end"))
    last._p.append(end)
    for para in paragraphs:
        body.remove(para._p)
        content.append(para._p)
    page_break = doc.add_paragraph()
    page_break.add_run().add_break(_page_break_type())
    body.remove(page_break._p)
    content.append(page_break._p)
    body.insert(0, sdt)
    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def _page_break_type() -> Any:
    from docx.enum.text import WD_BREAK

    return WD_BREAK.PAGE


def _write_cell(cell: Any, text: str, *, bold: bool = False, center: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    lines = text.split("\n")
    para = cell.paragraphs[0]
    for i, line in enumerate(lines):
        if i:
            para = cell.add_paragraph()
        # The Normal style's size and spacing would win over the table style's.
        para.paragraph_format.line_spacing = 1.0
        if center:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if line:
            run = para.add_run(line)
            run.bold = bold or None
            run.font.size = Pt(TABLE_POINTS)


def _set_widths(table: Any, widths: tuple[float, ...]) -> None:
    from docx.shared import Cm

    table.autofit = False
    for col, width in zip(table.columns, widths, strict=True):
        col.width = Cm(width)
    for row in table.rows:
        for i, cell in enumerate(row.cells):
            cell.width = Cm(widths[i])


def _info_table(doc: Any, block: ProjectTable) -> None:
    rows = block.info_rows()
    table = doc.add_table(rows=len(rows), cols=len(INFO_WIDTHS))
    table.style = doc.styles["Table Grid"]
    _set_widths(table, INFO_WIDTHS)
    for r, spans in enumerate(INFO_SPANS):
        for first, last in spans:
            if last > first:
                table.cell(r, first).merge(table.cell(r, last))
    for r, c in INFO_VMERGED:
        table.cell(r - 1, c).merge(table.cell(r, c))
    labels = {"项目编码", "项目名称", "预算数", "其中：财政资金", "其他资金"}
    for r, (row, spans) in enumerate(zip(rows, INFO_SPANS, strict=True)):
        for (first, _last), text in zip(spans, row, strict=True):
            if (r, first) in INFO_VMERGED:
                continue
            is_label = first == 0 or text in labels or r == 4
            _write_cell(table.cell(r, first), text, bold=is_label and r > 0, center=is_label and r > 0)
    _no_borders(table.rows[0])


def _no_borders(row: Any) -> None:
    """The unit line above the table is printed without a frame."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    for cell in dict.fromkeys(row.cells):
        tc_pr = cell._tc.get_or_add_tcPr()
        tc_pr.append(
            parse_xml(
                f"<w:tcBorders {nsdecls('w')}>"
                + "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "right"))
                + "</w:tcBorders>"
            )
        )


def _indicator_table(doc: Any, block: ProjectTable) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rows = block.indicator_rows()
    table = doc.add_table(rows=len(rows), cols=len(INDICATOR_WIDTHS))
    table.style = doc.styles["Table Grid"]
    _set_widths(table, INDICATOR_WIDTHS)
    # Repeat the header row on every page the table runs over.
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(header)
    start = 1
    for r in range(2, len(rows) + 1):
        if r == len(rows) or rows[r][0] != "":
            if r - 1 > start:
                table.cell(start, 0).merge(table.cell(r - 1, 0))
            start = r
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if c == 0 and text == "" and r > 1:
                continue
            _write_cell(table.cell(r, c), text, bold=r == 0, center=r == 0 or c == 0)


def build_document(dataset: Dataset, *, unit: str | None = None) -> Any:
    """The python-docx Document for ``dataset`` (not yet saved)."""
    import docx
    from docx.shared import Pt

    doc = docx.Document()
    _setup_styles(doc)
    _add_font_alternatives(doc)
    _page_setup(doc)
    blocks = layout(dataset, unit=unit)
    entries: list[tuple[int, str]] = []
    for block in blocks:
        if isinstance(block, Heading):
            if block.level == 0:
                style = "Title" if block.text.startswith("第") else "Heading 1"
                para = doc.add_paragraph(block.text, style=style)
                # Each part starts on a new page (the TOC takes the first).
                para.paragraph_format.page_break_before = style == "Title" and len(doc.element.body) > 2
                if style == "Heading 1":
                    entries.append((1, block.text))
            else:
                doc.add_paragraph(block.text, style="Heading 2")
                entries.append((2, block.text))
        elif isinstance(block, Paragraph):
            para = doc.add_paragraph(block.text)
            para.paragraph_format.first_line_indent = Pt(28)
        else:
            doc.add_paragraph(block.title, style="Heading 2")
            entries.append((2, block.title))
            _info_table(doc, block)
            _indicator_table(doc, block)
            doc.add_paragraph()
    _add_toc(doc, entries)
    return doc


def write_docx(dataset: Dataset, out_path: str | Path, *, unit: str | None = None) -> None:
    """Write the document as ``.docx``, atomically."""
    doc = build_document(dataset, unit=unit)
    with atomic_path(out_path) as tmp:
        doc.save(str(tmp))
